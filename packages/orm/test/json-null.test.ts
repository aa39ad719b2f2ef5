import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import type { DatabaseProvider, SchemaDef } from '@warden/schema';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import { AnyNull, DbNull, JsonNull, NullValue, createClient, isWardenError } from '../src/index.js';

async function eventSchema(provider: DatabaseProvider): Promise<SchemaDef> {
  const res = await loadSchema({
    text: `
datasource db {
  provider = "${provider}"
  url = "file:./x.db"
}

model Box {
  id     Int     @id
  events Event[]
}

model Event {
  id      Int     @id
  payload Json?
  doc     Json    @default("{}")
  note    String?
  boxId   Int?
  box     Box?    @relation(fields: [boxId], references: [id])
}
`,
  });
  if (!res.ok) throw new Error(res.diagnostics.map((d) => d.message).join('\n'));
  return res.schema;
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<any> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
}

describe('the Json null values', () => {
  it('are frozen singletons recognised by brand, also from another copy of the package', async () => {
    for (const v of [DbNull, JsonNull, AnyNull]) {
      expect(Object.isFrozen(v)).toBe(true);
      expect(v).toBeInstanceOf(NullValue);
    }
    expect([String(DbNull), String(JsonNull), String(AnyNull)]).toEqual([
      'DbNull',
      'JsonNull',
      'AnyNull',
    ]);
    expect(DbNull).not.toBe(JsonNull);
    // JSON has no way to say which null: it would be `{}`, so the wire registers them.
    expect(JSON.stringify({ a: DbNull })).toBe('{"a":{}}');
  });
});

describe.each(await testDialects())('Json nulls on %s', (dialect) => {
  let t: TestDatabase;
  let db: any;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    db = createClient(await eventSchema(dialect), { url: t.url });
    await db.$pushSchema();
    await db.box.create({ data: { id: 1 } });
    // 1: NULL column, 2: JSON null, 3: object, 4: the JSON string "null", 5: a null inside,
    // 6: no `a` inside.
    await db.event.createMany({
      data: [
        { id: 1, payload: DbNull, boxId: 1 },
        { id: 2, payload: JsonNull, boxId: 1 },
        { id: 3, payload: { a: 1 }, boxId: 1 },
        { id: 4, payload: 'null' },
        { id: 5, payload: { a: null } },
        { id: 6, payload: { b: [1] } },
      ],
    });
  });
  afterAll(async () => {
    await db.$disconnect();
    await t.drop();
  });

  const ids = async (where: unknown): Promise<number[]> =>
    (await db.event.findMany({ where, orderBy: { id: 'asc' }, select: { id: true } })).map(
      (r: { id: number }) => r.id,
    );

  it('DbNull stores SQL NULL and JsonNull the JSON value null; both read as null', async () => {
    const sqlNull = await db.$queryRaw`select id from "Event" where payload is null order by id`;
    expect(sqlNull.map((r: any) => Number(r.id))).toEqual([1]);
    const jsonNull =
      dialect === 'sqlite'
        ? await db.$queryRaw`select id from "Event" where json_type(payload) = 'null'`
        : await db.$queryRaw`select id from "Event" where jsonb_typeof(payload) = 'null'`;
    expect(jsonNull.map((r: any) => Number(r.id))).toEqual([2]);
    const rows = await db.event.findMany({ where: { id: { lte: 4 } }, orderBy: { id: 'asc' } });
    expect(rows.map((r: any) => r.payload)).toEqual([null, null, { a: 1 }, 'null']);
    // Inside a JSON-aggregated include too.
    const box = await db.box.findUnique({
      where: { id: 1 },
      include: { events: { orderBy: { id: 'asc' }, select: { id: true, payload: true } } },
    });
    expect(box.events).toEqual([
      { id: 1, payload: null },
      { id: 2, payload: null },
      { id: 3, payload: { a: 1 } },
    ]);
  });

  it('equals and not select by which null, as Prisma does', async () => {
    expect(await ids({ payload: { equals: DbNull } })).toEqual([1]);
    expect(await ids({ payload: { equals: JsonNull } })).toEqual([2]);
    expect(await ids({ payload: { equals: AnyNull } })).toEqual([1, 2]);
    expect(await ids({ payload: { not: DbNull } })).toEqual([2, 3, 4, 5, 6]);
    // A NULL column matches no `not` but `not: DbNull`, as with every other filter.
    expect(await ids({ payload: { not: JsonNull } })).toEqual([3, 4, 5, 6]);
    expect(await ids({ payload: { not: AnyNull } })).toEqual([3, 4, 5, 6]);
    expect(await ids({ NOT: { payload: { equals: JsonNull } } })).toEqual([3, 4, 5, 6]);
    // The field itself takes one, for `equals`.
    expect(await ids({ payload: DbNull })).toEqual([1]);
    expect(await ids({ payload: JsonNull })).toEqual([2]);
    expect(await ids({ payload: AnyNull })).toEqual([1, 2]);
    // Plain null keeps meaning the NULL column on the whole value.
    expect(await ids({ payload: { equals: null } })).toEqual([1]);
    expect(await ids({ payload: null })).toEqual([1]);
  });

  it('the same argument shape with another null value is another plan', async () => {
    // Alternating calls of one shape would reuse a cached plan if the value were not part of it.
    for (let i = 0; i < 3; i++) {
      expect(await ids({ payload: { equals: DbNull }, id: { gt: 0 } })).toEqual([1]);
      expect(await ids({ payload: { equals: JsonNull }, id: { gt: 0 } })).toEqual([2]);
      expect(await ids({ payload: { equals: { a: 1 } }, id: { gt: 0 } })).toEqual([3]);
    }
  });

  it('at a path: JsonNull is a null there, DbNull is nothing there, AnyNull either', async () => {
    expect(await ids({ payload: { path: ['a'], equals: JsonNull } })).toEqual([5]);
    expect(await ids({ payload: { path: ['a'], equals: null } })).toEqual([5]);
    expect(await ids({ payload: { path: ['a'], equals: DbNull } })).toEqual([1, 2, 4, 6]);
    expect(await ids({ payload: { path: ['a'], equals: AnyNull } })).toEqual([1, 2, 4, 5, 6]);
    expect(await ids({ payload: { path: ['a'], not: AnyNull } })).toEqual([3]);
  });

  it('in relation filters and includes', async () => {
    const boxes = await db.box.findMany({
      where: { events: { some: { payload: { equals: JsonNull } } } },
      include: { events: { where: { payload: AnyNull }, select: { id: true } } },
    });
    expect(boxes).toEqual([{ id: 1, events: [{ id: 1 }, { id: 2 }] }]);
    expect(
      await db.box.count({
        where: { events: { some: { payload: { path: ['a'], equals: JsonNull } } } },
      }),
    ).toBe(0);
  });

  it('update, updateMany and upsert write either null', async () => {
    await db.event.create({ data: { id: 10, payload: { x: 1 } } });
    await db.event.update({ where: { id: 10 }, data: { payload: JsonNull } });
    expect(await ids({ id: 10, payload: JsonNull })).toEqual([10]);
    await db.event.update({ where: { id: 10 }, data: { payload: DbNull } });
    expect(await ids({ id: 10, payload: DbNull })).toEqual([10]);
    await db.event.create({ data: { id: 11, payload: [1] } });
    expect(
      await db.event.updateMany({ where: { id: { in: [10, 11] } }, data: { payload: JsonNull } }),
    ).toEqual({ count: 2 });
    expect(await ids({ id: { gte: 10 }, payload: JsonNull })).toEqual([10, 11]);
    await db.event.upsert({
      where: { id: 12 },
      create: { id: 12, payload: DbNull, doc: JsonNull },
      update: {},
    });
    await db.event.upsert({ where: { id: 11 }, create: { id: 11 }, update: { payload: DbNull } });
    expect(await ids({ id: { gte: 10 }, payload: DbNull })).toEqual([11, 12]);
    expect(await ids({ id: { gte: 10 }, payload: JsonNull })).toEqual([10]);
    expect(await ids({ id: { gte: 10 }, doc: JsonNull })).toEqual([12]);
    // A required Json field takes JsonNull.
    const e = await db.event.update({ where: { id: 12 }, data: { doc: { ok: true } } });
    expect(e.doc).toEqual({ ok: true });
    await db.event.deleteMany({ where: { id: { gte: 10 } } });
  });

  it('plain null in data is refused, naming the path and the two choices', async () => {
    const e = await rejection(db.event.create({ data: { id: 20, payload: null } }));
    expect(isWardenError(e) && e.code).toBe('INVALID_INPUT');
    expect(e.path).toBe('data.payload');
    expect(e.message).toMatch(/null is ambiguous .*DbNull .*JsonNull/);
    const onRequired = await rejection(db.event.update({ where: { id: 3 }, data: { doc: null } }));
    expect(onRequired.code).toBe('INVALID_INPUT');
    expect(onRequired.path).toBe('data.doc');
    expect(onRequired.message).not.toMatch(/DbNull/);
    const inMany = await rejection(
      db.event.createMany({ data: [{ id: 21 }, { id: 22, payload: null }] }),
    );
    expect(inMany.path).toBe('data[1].payload');
    expect(await db.event.count({ where: { id: { gte: 20 } } })).toBe(0);
  });

  it('refuses null values where they mean nothing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [db.event.update({ where: { id: 3 }, data: { doc: DbNull } }), 'data.doc', /required/],
      [db.event.create({ data: { id: 30, payload: AnyNull } }), 'data.payload', /only filters/],
      [db.event.create({ data: { id: 30, note: DbNull } }), 'data.note', /only for a whole Json/],
      [
        db.event.create({ data: { id: 30, payload: { a: [1, JsonNull] } } }),
        'data.payload.a[1]',
        /cannot be part of a JSON value/,
      ],
      [db.event.findMany({ where: { note: DbNull } }), 'where.note', /only for a whole Json/],
      [
        db.event.findMany({ where: { note: { equals: JsonNull } } }),
        'where.note.equals',
        /only for a whole Json/,
      ],
      [
        db.event.findMany({ where: { payload: { equals: { a: DbNull } } } }),
        'where.payload.equals.a',
        /cannot be part of a JSON value/,
      ],
      [
        db.event.findMany({ where: { payload: { array_contains: AnyNull } } }),
        'where.payload.array_contains',
        /cannot be part of a JSON value/,
      ],
    ];
    for (const [call, path, message] of cases) {
      const e = await rejection(call as Promise<unknown>);
      expect(isWardenError(e) && e.code, String(e)).toBe('INVALID_INPUT');
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
    }
    expect(await db.event.count({ where: { id: 30 } })).toBe(0);
  });

  it('a null value made by another copy of the package works the same', async () => {
    // What another copy's JsonNull looks like: its own class, the same registered brand.
    const brand: unique symbol = Symbol.for('@warden/null-value');
    class OtherJsonNull {
      readonly [brand] = 'JsonNull';
    }
    const foreign = Object.freeze(new OtherJsonNull());
    expect(foreign).not.toBeInstanceOf(NullValue);
    expect(await ids({ payload: { equals: foreign } })).toEqual([2]);
    await db.event.create({ data: { id: 40, payload: foreign } });
    expect(await ids({ id: 40, payload: JsonNull })).toEqual([40]);
    await db.event.delete({ where: { id: 40 } });
  });
});
