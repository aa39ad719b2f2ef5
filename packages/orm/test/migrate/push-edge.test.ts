import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase, TestDialect } from '@warden/test-kit';
import type { FieldDef, SchemaDef } from '@warden/schema';
import { pushSchema } from '../../src/migrate/index.js';
import { blogSchema, count, f, model, openKysely, rel, rows, schema } from './fixtures.js';

/** blogSchema with one model's fields or the author relation's actions replaced. */
function blogWith(change: {
  user?: Record<string, FieldDef>;
  post?: Record<string, FieldDef>;
  idType?: string;
}): SchemaDef {
  const base = blogSchema();
  const retype = (fields: Record<string, FieldDef>, names: string[]) =>
    Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [
        k,
        names.includes(k) && change.idType ? { ...v, type: change.idType } : v,
      ]),
    );
  return {
    ...base,
    models: {
      User: {
        ...base.models.User!,
        fields: { ...retype(base.models.User!.fields, ['id']), ...change.user },
      },
      Post: {
        ...base.models.Post!,
        fields: { ...retype(base.models.Post!.fields, ['id', 'authorId']), ...change.post },
      },
    },
  };
}

describe.each(await testDialects())('pushSchema edge cases on %s', (dialect: TestDialect) => {
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
  async function seedBlog(db: Kysely<any>): Promise<void> {
    await rows(db, `INSERT INTO "User" ("email", "name") VALUES ('a@x.io', NULL), ('b@x.io', 'B')`);
    await rows(db, `INSERT INTO "Post" ("title", "authorId") SELECT 'p', "id" FROM "User"`);
  }

  it('changing a referenced table keeps the children of its cascading foreign key', async () => {
    const db = await fresh(blogSchema());
    await seedBlog(db);
    const next = blogWith({
      user: {
        name: {
          name: 'name',
          dbName: 'name',
          kind: 'scalar',
          type: 'String',
          optional: false,
          list: false,
          default: { kind: 'value', value: 'anon' },
        },
      },
    });
    const r = await pushSchema(db, dialect, next, { acceptDataLoss: true });
    expect(r.warnings).toEqual([expect.stringMatching(/User\.name becomes required/)]);
    expect(await count(db, 'Post')).toBe(2);
    expect(
      (await rows<{ name: string }>(db, `SELECT "name" FROM "User" ORDER BY "email"`)).map(
        (u) => u.name,
      ),
    ).toEqual(['anon', 'B']);
    await rows(db, `DELETE FROM "User" WHERE "email" = 'a@x.io'`);
    expect(await count(db, 'Post')).toBe(1);
    expect((await pushSchema(db, dialect, next)).applied).toEqual([]);
  });

  it('changes a foreign key action in place', async () => {
    const db = await fresh(blogSchema());
    await seedBlog(db);
    const author = blogSchema().models.Post!.fields.author!;
    const next = blogWith({
      post: { author: { ...author, relation: { ...author.relation!, onDelete: 'Restrict' } } },
    });
    expect((await pushSchema(db, dialect, next)).warnings).toEqual([]);
    await expect(rows(db, `DELETE FROM "User"`)).rejects.toThrow();
    expect(await count(db, 'Post')).toBe(2);
    expect((await pushSchema(db, dialect, next)).applied).toEqual([]);
  });

  it('retypes a referenced id (and its foreign key) on empty tables', async () => {
    const db = await fresh(blogSchema());
    const next = blogWith({ idType: 'BigInt' });
    expect((await pushSchema(db, dialect, next)).warnings).toEqual([]);
    expect((await pushSchema(db, dialect, next)).applied).toEqual([]);
    await rows(db, `INSERT INTO "User" ("email") VALUES ('a@x.io')`);
    await expect(
      rows(db, `INSERT INTO "Post" ("title", "authorId") VALUES ('x', 12345)`),
    ).rejects.toThrow();
    await rows(db, `INSERT INTO "Post" ("title", "authorId") SELECT 'p', "id" FROM "User"`);
    await rows(db, `DELETE FROM "User"`);
    expect(await count(db, 'Post')).toBe(0);
  });

  it('refuses a new foreign key over orphan rows and changes nothing', async () => {
    const s1 = schema([
      model('Owner', { fields: { id: f({ type: 'Int', id: true }) } }),
      model('Pet', {
        fields: { id: f({ type: 'Int', id: true }), ownerId: f({ type: 'Int', optional: true }) },
      }),
    ]);
    const db = await fresh(s1);
    await rows(db, `INSERT INTO "Pet" ("id", "ownerId") VALUES (1, 99)`);
    const s2 = schema([
      model('Owner', {
        fields: {
          id: f({ type: 'Int', id: true }),
          pets: rel('Pet', { kind: 'one-to-many', opposite: 'owner' }, { list: true }),
        },
      }),
      model('Pet', {
        fields: {
          id: f({ type: 'Int', id: true }),
          ownerId: f({ type: 'Int', optional: true }),
          owner: rel(
            'Owner',
            { kind: 'many-to-one', opposite: 'pets', fields: ['ownerId'], references: ['id'] },
            { optional: true },
          ),
        },
      }),
    ]);
    await expect(pushSchema(db, dialect, s2)).rejects.toMatchObject({
      code: dialect === 'sqlite' ? 'FOREIGN_KEY' : 'DB_ERROR',
      message: expect.stringMatching(/Pet/),
    });
    expect(await rows(db, `SELECT "ownerId" FROM "Pet"`)).toEqual([{ ownerId: 99 }]);
    await rows(db, `INSERT INTO "Owner" ("id") VALUES (99)`);
    expect((await pushSchema(db, dialect, s2)).applied.length).toBeGreaterThan(0);
    expect((await pushSchema(db, dialect, s2)).applied).toEqual([]);
  });

  it('adds an enum value and makes it the default in one push', async () => {
    const enumSchema = (values: string[], def: string) =>
      schema(
        [
          model('Job', {
            fields: {
              id: f({ type: 'Int', id: true }),
              state: f({ kind: 'enum', type: 'State', default: { kind: 'enum', value: def } }),
            },
          }),
        ],
        {
          State: { name: 'State', values },
        },
      );
    const db = await fresh(enumSchema(['NEW', 'DONE'], 'NEW'));
    await rows(db, `INSERT INTO "Job" ("id") VALUES (1)`);
    const next = enumSchema(['QUEUED', 'NEW', 'DONE'], 'QUEUED');
    expect((await pushSchema(db, dialect, next)).warnings).toEqual([]);
    await rows(db, `INSERT INTO "Job" ("id") VALUES (2)`);
    expect(
      (await rows<{ state: string }>(db, `SELECT "state" FROM "Job" ORDER BY "id"`)).map(
        (j) => j.state,
      ),
    ).toEqual(['NEW', 'QUEUED']);
    expect((await pushSchema(db, dialect, next)).applied).toEqual([]);
  });

  it('handles names longer than PostgreSQL keeps, native types and Unsupported columns', async () => {
    const long = 'A'.repeat(40) + 'VeryLongModelNameForTesting';
    const s = schema([
      model(long, {
        fields: {
          id: f({ type: 'String', id: true, nativeType: { name: 'Uuid', args: [] } }),
          ['someQuiteLongColumnNameThatGoesOnAndOnForAWhile']: f({
            type: 'String',
            nativeType: { name: 'VarChar', args: [255] },
          }),
          price: f({
            type: 'Decimal',
            nativeType: { name: 'Decimal', args: [10, 2] },
            default: { kind: 'value', value: 1.5 },
          }),
          small: f({ type: 'Int', nativeType: { name: 'SmallInt', args: [] }, optional: true }),
          at: f({
            type: 'DateTime',
            nativeType: { name: 'Timestamp', args: [6] },
            default: { kind: 'function', name: 'now' },
          }),
          day: f({ type: 'DateTime', nativeType: { name: 'Date', args: [] }, optional: true }),
          doc: f({ kind: 'unsupported', type: 'tsvector', optional: true }),
        },
        uniques: [
          { name: 'long', fields: ['someQuiteLongColumnNameThatGoesOnAndOnForAWhile', 'price'] },
        ],
      }),
    ]);
    const db = await fresh(s);
    expect((await pushSchema(db, dialect, s)).applied).toEqual([]);
  });

  it('creates a self many-to-many join table', async () => {
    const s = schema([
      model('Person', {
        fields: {
          id: f({ type: 'Int', id: true }),
          followers: rel(
            'Person',
            {
              kind: 'many-to-many',
              name: 'Follows',
              opposite: 'following',
              joinTable: { name: '_Follows', column: 'B', otherColumn: 'A' },
            },
            { list: true },
          ),
          following: rel(
            'Person',
            {
              kind: 'many-to-many',
              name: 'Follows',
              opposite: 'followers',
              joinTable: { name: '_Follows', column: 'A', otherColumn: 'B' },
            },
            { list: true },
          ),
        },
      }),
    ]);
    const db = await fresh(s);
    await rows(db, `INSERT INTO "Person" ("id") VALUES (1), (2)`);
    await rows(db, `INSERT INTO "_Follows" ("A", "B") VALUES (1, 2), (2, 1)`);
    await rows(db, `DELETE FROM "Person" WHERE "id" = 1`);
    expect(await count(db, '_Follows')).toBe(0);
    expect((await pushSchema(db, dialect, s)).applied).toEqual([]);
  });

  it('changes a primary key on a table with rows', async () => {
    const s1 = schema([
      model('Seat', {
        fields: {
          row: f({ type: 'Int' }),
          num: f({ type: 'Int' }),
          id: f({ type: 'Int', id: true }),
        },
      }),
    ]);
    const db = await fresh(s1);
    await rows(db, `INSERT INTO "Seat" ("id", "row", "num") VALUES (1, 1, 1), (2, 1, 2)`);
    const s2 = schema([
      model('Seat', {
        fields: { row: f({ type: 'Int' }), num: f({ type: 'Int' }), id: f({ type: 'Int' }) },
        idFields: ['row', 'num'],
      }),
    ]);
    expect((await pushSchema(db, dialect, s2)).warnings).toEqual([]);
    await expect(
      rows(db, `INSERT INTO "Seat" ("id", "row", "num") VALUES (3, 1, 2)`),
    ).rejects.toThrow();
    expect(await count(db, 'Seat')).toBe(2);
    expect((await pushSchema(db, dialect, s2)).applied).toEqual([]);
  });
});
