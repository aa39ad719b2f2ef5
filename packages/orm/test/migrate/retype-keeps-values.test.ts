import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase, TestDialect } from '@warden/test-kit';
import { isWardenError } from '@warden/schema';
import type { SchemaDef } from '@warden/schema';
import { createClient } from '../../src/index.js';
import { migrateDeploy, migrateDev, pushSchema } from '../../src/migrate/index.js';
import { migrateDialect } from '../../src/migrate/dialects.js';
import { f, model, openKysely, rel, rows, schema } from './fixtures.js';

type FieldInit = Parameters<typeof f>[0];

/** `Item(id, v)` with `v` as given, an index on `v`, and the enum `Kind`. */
function item(v: FieldInit, extra: { unique?: boolean } = {}): SchemaDef {
  const m = model('Item', {
    fields: {
      id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
      v: f(v),
    },
    ...(extra.unique
      ? { uniques: [{ name: 'v', fields: ['v'] }] }
      : { indexes: [{ fields: ['v'] }] }),
  });
  return schema([m], { Kind: { name: 'Kind', values: ['A', 'B'] } });
}

interface Case {
  name: string;
  from: FieldInit;
  to: FieldInit;
  /** Values of `v` written through the ORM with the old schema, in id order. */
  seed: unknown[];
  /** Values of `v` the ORM reads back with the new schema, in id order. */
  expected: unknown[] | ((dialect: TestDialect) => unknown[]);
  /** The push reports these (and so needs acceptDataLoss). */
  warns?: RegExp;
}

const cases: Case[] = [
  {
    name: 'Int -> BigInt',
    from: { type: 'Int', optional: true },
    to: { type: 'BigInt', optional: true },
    seed: [1, null, 2147483647],
    expected: [1n, null, 2147483647n],
  },
  {
    name: 'Int -> String',
    from: { type: 'Int', optional: true },
    to: { type: 'String', optional: true },
    seed: [1, -5, null],
    expected: ['1', '-5', null],
  },
  {
    name: 'String -> Int with numeric strings',
    from: { type: 'String' },
    to: { type: 'Int' },
    seed: ['42', ' 7', '-3'],
    expected: [42, 7, -3],
  },
  {
    name: 'Int -> Float',
    from: { type: 'Int' },
    to: { type: 'Float' },
    seed: [1, -3],
    expected: [1, -3],
  },
  {
    name: 'Float -> Int with whole numbers',
    from: { type: 'Float' },
    to: { type: 'Int' },
    seed: [2, -40],
    expected: [2, -40],
  },
  {
    name: 'optional Int -> required String with a default',
    from: { type: 'Int', optional: true },
    to: { type: 'String', default: { kind: 'value', value: 'none' } },
    seed: [5, null],
    expected: ['5', 'none'],
    warns: /Item\.v becomes required: 1 row\(s\) with NULL would get the default/,
  },
  {
    name: 'enum -> String',
    from: { kind: 'enum', type: 'Kind', default: { kind: 'enum', value: 'A' } },
    to: { type: 'String', default: { kind: 'value', value: 'A' } },
    seed: ['B', 'A'],
    expected: ['B', 'A'],
  },
  {
    name: 'String -> enum',
    from: { type: 'String' },
    to: { kind: 'enum', type: 'Kind' },
    seed: ['B', 'A'],
    expected: ['B', 'A'],
  },
  {
    name: 'DateTime -> String (ISO text on both databases)',
    from: { type: 'DateTime' },
    to: { type: 'String' },
    seed: [new Date('2024-01-02T03:04:05.678Z')],
    expected: ['2024-01-02T03:04:05.678Z'],
  },
  {
    name: 'String -> Boolean',
    from: { type: 'String' },
    to: { type: 'Boolean' },
    seed: ['true', 'false', '1'],
    expected: [true, false, true],
  },
  {
    name: 'Boolean -> String',
    from: { type: 'Boolean' },
    to: { type: 'String' },
    seed: [true, false],
    // SQLite stores Boolean as 0/1 and cannot tell it from Int when it introspects.
    expected: (d) => (d === 'postgresql' ? ['true', 'false'] : ['1', '0']),
  },
  {
    name: 'Int -> Int[] (a scalar becomes a one-element list)',
    from: { type: 'Int', optional: true },
    to: { type: 'Int', list: true },
    seed: [5, null],
    expected: [[5], []],
    warns: /Item\.v becomes required: 1 row\(s\) with NULL would get the default/,
  },
];

describe.each(await testDialects())('retyped columns keep their values on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  async function database(): Promise<TestDatabase> {
    const t = await createTestDatabase(dialect);
    cleanup.push(() => t.drop());
    return t;
  }
  function client(s: SchemaDef, t: TestDatabase): any {
    const db: any = createClient(s, { url: t.url });
    cleanup.push(() => db.$disconnect());
    return db;
  }
  async function seed(s: SchemaDef, t: TestDatabase, values: unknown[]): Promise<void> {
    const db = client(s, t);
    for (const v of values) await db.item.create({ data: { v } });
    await db.$disconnect();
  }
  async function values(s: SchemaDef, t: TestDatabase): Promise<unknown[]> {
    const got = await client(s, t).item.findMany({ orderBy: { id: 'asc' } });
    return got.map((r: { v: unknown }) => r.v);
  }
  /** The structure and rows, to prove a failed change left everything as it was. */
  async function snapshot(t: TestDatabase): Promise<string> {
    const k = await openKysely(t);
    try {
      const state = await migrateDialect(dialect).introspect(k);
      return JSON.stringify({ state, rows: await rows(k, `SELECT * FROM "Item" ORDER BY 1`) });
    } finally {
      await k.destroy();
    }
  }
  /** A migrations folder, a dev and a prod database, and `v1` (schema `s1`) deployed to prod. */
  async function migratedDevAndProd(s1: SchemaDef) {
    const dir = mkdtempSync(join(tmpdir(), 'warden-retype-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const dev = await database();
    const prod = await database();
    const devK = await openKysely(dev);
    const prodK = await openKysely(prod);
    cleanup.push(
      () => devK.destroy(),
      () => prodK.destroy(),
    );
    await migrateDev(devK, dialect, s1, { dir, name: 'v1', apply: false });
    await migrateDeploy(prodK, dialect, { dir });
    return { dir, devK, prodK, prod };
  }
  const expectedOf = (c: Case) =>
    typeof c.expected === 'function' ? c.expected(dialect) : c.expected;

  describe.each(cases)('$name', (c) => {
    const s1 = item(c.from);
    const s2 = item(c.to);

    it('push converts the values in place', async () => {
      const t = await database();
      const db = client(s1, t);
      await db.$pushSchema();
      await seed(s1, t, c.seed);
      const next = client(s2, t);
      if (c.warns) {
        await expect(next.$pushSchema()).rejects.toThrow(c.warns);
        const r = await next.$pushSchema({ acceptDataLoss: true });
        expect(r.warnings.join('\n')).toMatch(c.warns);
      } else {
        const r = await next.$pushSchema();
        expect(r.warnings).toEqual([]);
        expect(r.applied.join('\n')).not.toMatch(/DROP COLUMN/);
      }
      expect(await values(s2, t)).toEqual(expectedOf(c));
      expect((await next.$pushSchema()).applied).toEqual([]);
    });

    it('migrate dev writes SQL that converts them when deployed', async () => {
      const { dir, devK, prodK, prod } = await migratedDevAndProd(s1);
      await seed(s1, prod, c.seed);
      const file = await migrateDev(devK, dialect, s2, { dir, name: 'v2', apply: false });
      // SQLite stores DateTime and String alike: nothing to migrate there.
      const text = file === null ? '' : readFileSync(file, 'utf8');
      expect(text).not.toMatch(/DROP COLUMN|values are lost/);
      if (c.warns)
        expect(text).toMatch(/-- - column Item\.v becomes required: NULLs get the default/);
      expect((await migrateDeploy(prodK, dialect, { dir })).applied).toHaveLength(file ? 1 : 0);
      expect(await values(s2, prod)).toEqual(expectedOf(c));
      expect((await pushSchema(prodK, dialect, s2)).applied).toEqual([]);
    });
  });

  it('keeps the default, the unique index and the values of an Int -> BigInt column', async () => {
    const t = await database();
    const s1 = item({ type: 'Int', default: { kind: 'value', value: 7 } }, { unique: true });
    const s2 = item({ type: 'BigInt', default: { kind: 'value', value: 7 } }, { unique: true });
    await client(s1, t).$pushSchema();
    await seed(s1, t, [1, 2147483647]);
    const db = client(s2, t);
    expect((await db.$pushSchema()).warnings).toEqual([]);
    expect(await values(s2, t)).toEqual([1n, 2147483647n]);
    expect((await db.item.create({ data: { v: 9007199254740993n } })).v).toBe(9007199254740993n);
    await expect(db.item.create({ data: { v: 1n } })).rejects.toMatchObject({
      code: 'UNIQUE_CONSTRAINT',
    });
    const k = await openKysely(t);
    cleanup.push(() => k.destroy());
    // The database's own default, not the one the ORM fills in.
    await rows(k, `INSERT INTO "Item" DEFAULT VALUES`);
    expect((await values(s2, t)).at(-1)).toBe(7n);
    const table = (await migrateDialect(dialect).introspect(k)).tables.find(
      (x) => x.name === 'Item',
    )!;
    expect(table.indexes.map((ix) => [ix.columns, ix.unique])).toEqual([[['v'], true]]);
    expect(table.primaryKey?.columns).toEqual(['id']);
  });

  it('keeps a retyped referenced id and its foreign key with rows in both tables', async () => {
    const make = (type: string) =>
      schema([
        model('Owner', {
          fields: {
            id: f({ type, id: true }),
            pets: rel('Pet', { kind: 'one-to-many', opposite: 'owner' }, { list: true }),
          },
        }),
        model('Pet', {
          fields: {
            id: f({ type: 'Int', id: true }),
            ownerId: f({ type }),
            owner: rel('Owner', {
              kind: 'many-to-one',
              opposite: 'pets',
              fields: ['ownerId'],
              references: ['id'],
              onDelete: 'Cascade',
            }),
          },
        }),
      ]);
    const t = await database();
    const k = await openKysely(t);
    cleanup.push(() => k.destroy());
    await pushSchema(k, dialect, make('Int'));
    await rows(k, `INSERT INTO "Owner" ("id") VALUES (1), (2)`);
    await rows(k, `INSERT INTO "Pet" ("id", "ownerId") VALUES (10, 1), (11, 2)`);
    for (const type of ['BigInt', 'String']) {
      const r = await pushSchema(k, dialect, make(type));
      expect(r.warnings).toEqual([]);
      expect(
        (await rows<{ ownerId: unknown }>(k, `SELECT "ownerId" FROM "Pet" ORDER BY "id"`)).map(
          (p) => String(p.ownerId),
        ),
      ).toEqual(['1', '2']);
      expect((await pushSchema(k, dialect, make(type))).applied).toEqual([]);
    }
    await expect(
      rows(k, `INSERT INTO "Pet" ("id", "ownerId") VALUES (12, '99')`),
    ).rejects.toThrow();
    await rows(k, `DELETE FROM "Owner" WHERE "id" = '1'`);
    expect(await rows(k, `SELECT "id" FROM "Pet"`)).toEqual([{ id: 11 }]);
  });

  describe('values that do not convert', () => {
    const s1 = item({ type: 'String', optional: true });
    const s2 = item({ type: 'Int', optional: true });

    it('push is refused, naming the column and a value, and nothing changes', async () => {
      const t = await database();
      await client(s1, t).$pushSchema();
      await seed(s1, t, ['1', 'abc', null, '12abc']);
      const before = await snapshot(t);
      const db = client(s2, t);
      const err = await db.$pushSchema().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isWardenError(err) && err.code).toBe('INVALID_INPUT');
      expect((err as Error).message).toMatch(
        /Item\.v changes type from .* to .*: 2 value\(s\) do not convert \(e\.g\. '(abc|12abc)'\) and would be set to NULL/,
      );
      expect(await snapshot(t)).toBe(before);
      const r = await db.$pushSchema({ acceptDataLoss: true });
      expect(r.warnings).toEqual([expect.stringMatching(/Item\.v .*2 value/)]);
      expect(await values(s2, t)).toEqual([1, null, null, null]);
    });

    it('a required column loses the rows only with acceptDataLoss', async () => {
      const t = await database();
      const r1 = item({ type: 'String' });
      const r2 = item({ type: 'Int' });
      await client(r1, t).$pushSchema();
      await seed(r1, t, ['1', 'x']);
      const db = client(r2, t);
      await expect(db.$pushSchema()).rejects.toThrow(/1 value\(s\) do not convert.*deleted/);
      await db.$pushSchema({ acceptDataLoss: true });
      expect(await values(r2, t)).toEqual([1]);
    });

    it('a deployed migration fails naming the column, and nothing changes', async () => {
      const { dir, devK, prodK, prod } = await migratedDevAndProd(s1);
      await seed(s1, prod, ['1', 'abc']);
      const file = await migrateDev(devK, dialect, s2, { dir, name: 'v2', apply: false });
      expect(readFileSync(file!, 'utf8')).toMatch(
        /-- - column Item\.v changes type from .*: its values are converted; fails if a value does not convert/,
      );
      const before = await snapshot(prod);
      const err = await migrateDeploy(prodK, dialect, { dir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isWardenError(err) && err.code).toBe('DB_ERROR');
      expect((err as Error).message).toMatch(/Item\.v/);
      expect((err as Error).message).toMatch(/abc|do not convert/);
      expect(await snapshot(prod)).toBe(before);
      expect(await values(s1, prod)).toEqual(['1', 'abc']);
    });

    it('BigInt -> Int refuses a value past 32 bits on PostgreSQL (SQLite stores both alike)', async () => {
      const t = await database();
      const b1 = item({ type: 'BigInt' });
      const b2 = item({ type: 'Int' });
      await client(b1, t).$pushSchema();
      await seed(b1, t, [5n, 2n ** 40n]);
      if (dialect === 'postgresql') {
        await expect(client(b2, t).$pushSchema()).rejects.toThrow(
          /Item\.v changes type from bigint to integer: 1 value\(s\) do not convert \(e\.g\. '?1099511627776'?\)/,
        );
        expect(await values(b1, t)).toEqual([5n, 2n ** 40n]);
      } else {
        expect((await client(b2, t).$pushSchema()).applied).toEqual([]);
        expect(await values(b2, t)).toEqual([5, 2 ** 40]);
      }
    });

    it('Float -> Int refuses 1.5 instead of rounding it', async () => {
      const t = await database();
      const f1 = item({ type: 'Float' });
      await client(f1, t).$pushSchema();
      await seed(f1, t, [2, 1.5]);
      await expect(client(item({ type: 'Int' }), t).$pushSchema()).rejects.toThrow(
        /Item\.v .*1 value\(s\) do not convert \(e\.g\. 1\.5\)/,
      );
      expect(await values(f1, t)).toEqual([2, 1.5]);
    });
  });

  it('a type change that cannot keep values (Bytes -> Int) still drops and re-adds', async () => {
    const t = await database();
    const j1 = item({ type: 'Bytes', optional: true });
    const j2 = item({ type: 'Int', optional: true });
    await client(j1, t).$pushSchema();
    await seed(j1, t, [Buffer.from([1, 2])]);
    const db = client(j2, t);
    await expect(db.$pushSchema()).rejects.toThrow(/cannot keep its values: 1 value\(s\) lost/);
    await db.$pushSchema({ acceptDataLoss: true });
    expect(await values(j2, t)).toEqual([null]);
  });
});
