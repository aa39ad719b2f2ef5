import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase, TestDialect } from '@warden/test-kit';
import { isWardenError } from '@warden/schema';
import type { ModelDef, SchemaDef } from '@warden/schema';
import { pushSchema } from '../../src/migrate/index.js';
import { migrateDialect } from '../../src/migrate/dialects.js';
import { blogSchema, count, f, model, openKysely, rel, rows, schema } from './fixtures.js';

type Fields = Parameters<typeof model>[1]['fields'];

/** `Item(id, name, qty?, kind)` plus whatever a test adds or removes. */
function items(
  change: (fields: Fields) => Fields = (x) => x,
  extra: Partial<ModelDef> = {},
  kinds = ['A', 'B', 'C'],
): SchemaDef {
  const fields: Fields = {
    id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
    name: f({ type: 'String' }),
    qty: f({ type: 'Int', optional: true }),
    kind: f({ kind: 'enum', type: 'Kind', default: { kind: 'enum', value: 'A' } }),
  };
  const m = model('Item', { fields: change(fields) });
  return schema([{ ...m, ...extra }], { Kind: { name: 'Kind', values: kinds } });
}

describe.each(await testDialects())('pushSchema changes on %s', (dialect: TestDialect) => {
  const opened: [TestDatabase, Kysely<any>][] = [];
  afterEach(async () => {
    for (const [t, db] of opened.splice(0)) {
      await db.destroy();
      await t.drop();
    }
  });
  async function fresh(initial: SchemaDef): Promise<Kysely<any>> {
    const t = await createTestDatabase(dialect);
    const db = await openKysely(t);
    opened.push([t, db]);
    await pushSchema(db, dialect, initial);
    return db;
  }
  async function seedItems(db: Kysely<any>): Promise<void> {
    await rows(
      db,
      `INSERT INTO "Item" ("name", "qty", "kind") VALUES ('a', 1, 'A'), ('b', NULL, 'B'), ('c', 3, 'C')`,
    );
  }
  /** Structure and data, to prove a refused push changed nothing. */
  async function snapshot(db: Kysely<any>): Promise<string> {
    const state = await migrateDialect(dialect).introspect(db);
    const data: Record<string, unknown> = {};
    for (const t of state.tables)
      data[t.name] = await rows(db, `SELECT * FROM "${t.name}" ORDER BY 1`);
    return JSON.stringify({ state, data });
  }
  async function expectRefused(
    db: Kysely<any>,
    next: SchemaDef,
    ...mentions: (string | RegExp)[]
  ): Promise<void> {
    const before = await snapshot(db);
    const err = await pushSchema(db, dialect, next).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isWardenError(err) && err.code).toBe('INVALID_INPUT');
    for (const m of mentions) expect((err as Error).message).toMatch(m);
    expect(await snapshot(db)).toBe(before);
  }
  async function expectSettled(db: Kysely<any>, s: SchemaDef): Promise<void> {
    expect((await pushSchema(db, dialect, s)).applied).toEqual([]);
  }

  describe('additive changes keep the rows', () => {
    it('adds a model, an optional column, defaulted columns, an index and a unique', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = schema(
        [
          ...Object.values(
            items(
              (x) => ({
                ...x,
                note: f({ type: 'String', optional: true }),
                price: f({ type: 'Decimal', default: { kind: 'value', value: '0' } }),
                seenAt: f({ type: 'DateTime', default: { kind: 'function', name: 'now' } }),
                labels: f({ type: 'String', list: true }),
                code: f({ type: 'String', optional: true, unique: true }),
              }),
              {
                uniques: [{ name: 'code', fields: ['code'] }],
                indexes: [{ fields: ['name'] }],
              },
            ).models,
          ),
          model('Shelf', {
            fields: { id: f({ type: 'Int', id: true }), label: f({ type: 'String' }) },
          }),
        ],
        { Kind: { name: 'Kind', values: ['A', 'B', 'C'] } },
      );
      const r = await pushSchema(db, dialect, next);
      expect(r.warnings).toEqual([]);
      expect(r.applied.length).toBeGreaterThan(0);
      const got = await rows<Record<string, unknown>>(db, `SELECT * FROM "Item" ORDER BY "id"`);
      expect(
        got.map((g) => [g.name, g.qty === null ? null : Number(g.qty), g.kind, g.note]),
      ).toEqual([
        ['a', 1, 'A', null],
        ['b', null, 'B', null],
        ['c', 3, 'C', null],
      ]);
      expect(got.every((g) => g.seenAt !== null && Number(g.price) === 0)).toBe(true);
      expect(await count(db, 'Shelf')).toBe(0);
      await expectSettled(db, next);
    });

    it('adds an enum value and a relation with an optional foreign key', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = schema(
        [
          ...Object.values(
            items(
              (x) => ({
                ...x,
                ownerId: f({ type: 'Int', optional: true }),
                owner: rel(
                  'Owner',
                  {
                    kind: 'many-to-one',
                    opposite: 'items',
                    fields: ['ownerId'],
                    references: ['id'],
                  },
                  { optional: true },
                ),
              }),
              {},
              ['A', 'AA', 'B', 'C', 'D'],
            ).models,
          ),
          model('Owner', {
            fields: {
              id: f({ type: 'Int', id: true }),
              items: rel('Item', { kind: 'one-to-many', opposite: 'owner' }, { list: true }),
            },
          }),
        ],
        { Kind: { name: 'Kind', values: ['A', 'AA', 'B', 'C', 'D'] } },
      );
      expect((await pushSchema(db, dialect, next)).warnings).toEqual([]);
      expect(await count(db, 'Item')).toBe(3);
      await rows(db, `UPDATE "Item" SET "kind" = 'D' WHERE "name" = 'a'`);
      await rows(db, `INSERT INTO "Owner" ("id") VALUES (1)`);
      await rows(db, `UPDATE "Item" SET "ownerId" = 1`);
      await expect(rows(db, `UPDATE "Item" SET "ownerId" = 2`)).rejects.toThrow();
      await rows(db, `DELETE FROM "Owner"`);
      expect(
        (await rows<{ ownerId: unknown }>(db, `SELECT "ownerId" FROM "Item"`)).every(
          (r) => r.ownerId === null,
        ),
      ).toBe(true);
      await expectSettled(db, next);
    });

    it('makes a required column optional and changes a default without loss', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items((x) => ({
        ...x,
        name: f({ type: 'String', optional: true, default: { kind: 'value', value: 'unnamed' } }),
      }));
      expect((await pushSchema(db, dialect, next)).warnings).toEqual([]);
      await rows(db, `INSERT INTO "Item" ("kind") VALUES ('A')`);
      const names = await rows<{ name: string }>(db, `SELECT "name" FROM "Item" ORDER BY "id"`);
      expect(names.map((n) => n.name)).toEqual(['a', 'b', 'c', 'unnamed']);
      await expectSettled(db, next);
    });
  });

  describe('destructive changes are refused, then accepted with acceptDataLoss', () => {
    it('dropping a table', async () => {
      const db = await fresh(blogSchema());
      await rows(db, `INSERT INTO "User" ("email") VALUES ('a@x.io'), ('b@x.io')`);
      const [u] = await rows<{ id: number }>(db, `SELECT "id" FROM "User"`);
      await rows(db, `INSERT INTO "Post" ("title", "authorId") VALUES ('t', ${u!.id})`);
      const withoutPosts = schema([
        model('User', {
          fields: {
            id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
            email: f({ type: 'String' }),
          },
        }),
      ]);
      await expectRefused(db, withoutPosts, /table "Post" would be dropped with its 1 row/);
      const r = await pushSchema(db, dialect, withoutPosts, { acceptDataLoss: true });
      expect(r.warnings).toEqual([expect.stringMatching(/"Post".*1 row/)]);
      expect(await count(db, 'User')).toBe(2);
      await expectSettled(db, withoutPosts);
    });

    it('dropping a column', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items(({ qty: _qty, ...rest }) => rest);
      await expectRefused(db, next, /Item\.qty/, /2 non-null value/);
      await pushSchema(db, dialect, next, { acceptDataLoss: true });
      const got = await rows<Record<string, unknown>>(db, `SELECT * FROM "Item" ORDER BY "id"`);
      expect(got.map((g) => g.name)).toEqual(['a', 'b', 'c']);
      expect(got[0]).not.toHaveProperty('qty');
      await expectSettled(db, next);
    });

    it('changing a column type that cannot keep its values (Int -> Bytes)', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items((x) => ({ ...x, qty: f({ type: 'Bytes', optional: true }) }));
      await expectRefused(db, next, /Item\.qty changes type.*cannot keep its values: 2 value/);
      await pushSchema(db, dialect, next, { acceptDataLoss: true });
      expect(await rows(db, `SELECT "id" FROM "Item" WHERE "qty" IS NOT NULL`)).toEqual([]);
      expect(await count(db, 'Item')).toBe(3);
      await expectSettled(db, next);
    });

    it('adding a required column without a default to a table with rows', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items((x) => ({
        ...x,
        sku: f({ type: 'String', default: { kind: 'function', name: 'cuid' } }),
      }));
      await expectRefused(db, next, /Item\.sku/, /3 row/);
      const r = await pushSchema(db, dialect, next, { acceptDataLoss: true });
      expect(r.warnings.join()).toMatch(/deleted/);
      expect(await count(db, 'Item')).toBe(0);
      await expectSettled(db, next);
    });

    it('making a column required while it holds NULLs', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items((x) => ({ ...x, qty: f({ type: 'Int' }) }));
      await expectRefused(db, next, /Item\.qty becomes required: 1 row/);
      await pushSchema(db, dialect, next, { acceptDataLoss: true });
      expect(
        (await rows<{ name: string }>(db, `SELECT "name" FROM "Item" ORDER BY "id"`)).map(
          (r) => r.name,
        ),
      ).toEqual(['a', 'c']);
      await expectSettled(db, next);
    });

    it('making a column required fills NULLs with its default when it has one', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items((x) => ({
        ...x,
        qty: f({ type: 'Int', default: { kind: 'value', value: 7 } }),
      }));
      await expectRefused(db, next, /Item\.qty becomes required: 1 row.*default 7/);
      await pushSchema(db, dialect, next, { acceptDataLoss: true });
      const got = await rows<{ qty: number }>(db, `SELECT "qty" FROM "Item" ORDER BY "id"`);
      expect(got.map((g) => Number(g.qty))).toEqual([1, 7, 3]);
      await expectSettled(db, next);
    });

    it('adding a unique over duplicate values', async () => {
      const db = await fresh(items());
      await seedItems(db);
      await rows(db, `INSERT INTO "Item" ("name", "kind") VALUES ('a', 'B'), ('a', 'C')`);
      const next = items((x) => x, { uniques: [{ name: 'name', fields: ['name'] }] });
      await expectRefused(db, next, /Item\(name\): 2 duplicate row/);
      await pushSchema(db, dialect, next, { acceptDataLoss: true });
      expect(
        (await rows<{ name: string }>(db, `SELECT "name" FROM "Item" ORDER BY "name"`)).map(
          (r) => r.name,
        ),
      ).toEqual(['a', 'b', 'c']);
      await expect(rows(db, `INSERT INTO "Item" ("name") VALUES ('a')`)).rejects.toThrow();
      await expectSettled(db, next);
    });

    it('removing an enum value still in use', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items((x) => x, {}, ['A', 'C']);
      await expectRefused(db, next, /Item\.kind: 1 row\(s\) hold removed enum value\(s\) B/);
      await pushSchema(db, dialect, next, { acceptDataLoss: true });
      expect(
        (await rows<{ kind: string }>(db, `SELECT "kind" FROM "Item" ORDER BY "id"`)).map(
          (r) => r.kind,
        ),
      ).toEqual(['A', 'C']);
      await expect(rows(db, `UPDATE "Item" SET "kind" = 'B'`)).rejects.toThrow();
      await expectSettled(db, next);
    });

    it('lists every loss in one refusal', async () => {
      const db = await fresh(items());
      await seedItems(db);
      const next = items(({ qty: _q, ...x }) => ({ ...x, name: f({ type: 'Int' }) }));
      await expectRefused(db, next, /Item\.qty would be dropped/, /Item\.name changes type/);
    });
  });

  describe('bad input', () => {
    it('rejects an unknown dialect and a relation to an unknown model', async () => {
      const db = await fresh(items());
      await expect(pushSchema(db, 'mysql' as never, items())).rejects.toMatchObject({
        code: 'CONFIG',
      });
      const broken = items((x) => ({
        ...x,
        ghostId: f({ type: 'Int' }),
        ghost: rel('Ghost', {
          kind: 'many-to-one',
          opposite: 'x',
          fields: ['ghostId'],
          references: ['id'],
        }),
      }));
      await expect(pushSchema(db, dialect, broken)).rejects.toThrow(/unknown model "Ghost"/);
      const badField = items((x) => x, { uniques: [{ name: 'nope', fields: ['nope'] }] });
      await expect(pushSchema(db, dialect, badField)).rejects.toThrow(
        /unknown column field "nope"/,
      );
      const badEnum = items((x) => ({ ...x, mood: f({ kind: 'enum', type: 'Mood' }) }));
      await expect(pushSchema(db, dialect, badEnum)).rejects.toThrow(/unknown enum type "Mood"/);
      const badDefault = items((x) => ({
        ...x,
        n: f({ type: 'Int', default: { kind: 'value', value: 'ten' } }),
      }));
      await expect(pushSchema(db, dialect, badDefault)).rejects.toThrow(
        /default "ten" does not fit type Int/,
      );
      expect(await count(db, 'Item')).toBe(0);
    });
  });
});
