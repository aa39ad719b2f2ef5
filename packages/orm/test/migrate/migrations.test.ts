import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase, TestDialect } from '@warden/test-kit';
import type { SchemaDef } from '@warden/schema';
import { migrateDeploy, migrateDev, migrateStatus, pushSchema } from '../../src/migrate/index.js';
import { blogSchema, count, f, model, rows, openKysely, schema } from './fixtures.js';
import { kitchenSink } from './kitchen-sink.js';

function withPostViews(): SchemaDef {
  const base = blogSchema();
  const post = base.models.Post!;
  return {
    ...base,
    models: {
      ...base.models,
      Post: {
        ...post,
        fields: {
          ...post.fields,
          views: {
            name: 'views',
            dbName: 'views',
            kind: 'scalar',
            type: 'Int',
            optional: false,
            list: false,
            default: { kind: 'value', value: 0 },
          },
          body: {
            name: 'body',
            dbName: 'body',
            kind: 'scalar',
            type: 'String',
            optional: true,
            list: false,
          },
        },
        indexes: [{ fields: ['title'] }],
      },
    },
  };
}

describe.each(await testDialects())('migrations on %s', (dialect: TestDialect) => {
  const dbs: [TestDatabase, Kysely<any>][] = [];
  let dir: string;
  let dev: Kysely<any>;
  let prod: Kysely<any>;
  async function open(): Promise<Kysely<any>> {
    const t = await createTestDatabase(dialect);
    const db = await openKysely(t);
    dbs.push([t, db]);
    return db;
  }
  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'warden-mig-')), 'migrations');
    dev = await open();
    prod = await open();
  });
  afterAll(async () => {
    for (const [t, db] of dbs) {
      await db.destroy();
      await t.drop();
    }
    rmSync(dirname(dir), { recursive: true, force: true });
  });

  it('migrateDev writes the first migration with its snapshot and applies it', async () => {
    const file = await migrateDev(dev, dialect, blogSchema(), { dir, name: 'init blog' });
    expect(file).toMatch(/migrations[/\\]\d{14}_init_blog[/\\]migration\.sql$/);
    const text = readFileSync(file!, 'utf8');
    expect(text).toContain('CREATE TABLE "User"');
    expect(text).toContain('CREATE TABLE "Post"');
    expect(JSON.parse(readFileSync(join(dirname(file!), 'schema.json'), 'utf8'))).toEqual(
      blogSchema(),
    );
    expect(await migrateStatus(dev, dialect, { dir })).toEqual({
      applied: [dirname(file!).split(/[/\\]/).at(-1)],
      pending: [],
      modified: [],
      missing: [],
    });
    await rows(dev, `INSERT INTO "User" ("email") VALUES ('a@x.io')`);
  });

  it('migrateDev returns null and writes nothing when the schema did not change', async () => {
    expect(await migrateDev(dev, dialect, blogSchema(), { dir, name: 'noop' })).toBeNull();
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('migrateDev writes only the difference, keeping dev data', async () => {
    await rows(dev, `INSERT INTO "Post" ("title", "authorId") SELECT 'hello', "id" FROM "User"`);
    const file = await migrateDev(dev, dialect, withPostViews(), { dir, name: 'post_views' });
    const text = readFileSync(file!, 'utf8');
    expect(text).not.toContain('CREATE TABLE "User"');
    expect(text).toContain('"views"');
    expect(text).toContain('CREATE INDEX "Post_title_idx"');
    const [p] = await rows<{ title: string; views: number }>(
      dev,
      `SELECT "title", "views" FROM "Post"`,
    );
    expect([p!.title, Number(p!.views)]).toEqual(['hello', 0]);
    expect(readdirSync(dir).sort()[1]! > readdirSync(dir).sort()[0]!).toBe(true);
  });

  it('a database built by migrations matches what push would build', async () => {
    expect((await pushSchema(dev, dialect, withPostViews())).applied).toEqual([]);
  });

  it('migrateDeploy applies pending migrations in order, then nothing', async () => {
    expect((await migrateStatus(prod, dialect, { dir })).pending).toHaveLength(2);
    const first = await migrateDeploy(prod, dialect, { dir });
    expect(first.applied).toEqual(readdirSync(dir).sort());
    expect(await migrateDeploy(prod, dialect, { dir })).toEqual({ applied: [] });
    expect((await migrateStatus(prod, dialect, { dir })).applied).toHaveLength(2);
    expect(await count(prod, '_warden_migrations')).toBe(2);
  });

  it('warns in the file about destructive steps', async () => {
    const next = withPostViews();
    const { body: _body, ...fields } = next.models.Post!.fields;
    const file = await migrateDev(
      dev,
      dialect,
      { ...next, models: { ...next.models, Post: { ...next.models.Post!, fields } } },
      {
        dir,
        name: 'drop_body',
        apply: false,
      },
    );
    expect(readFileSync(file!, 'utf8')).toMatch(/^-- Warnings:\n-- - column Post\.body is dropped/);
    expect((await migrateStatus(dev, dialect, { dir })).pending).toEqual([
      dirname(file!).split(/[/\\]/).at(-1),
    ]);
    rmSync(dirname(file!), { recursive: true });
  });

  it('refuses to deploy when an applied migration was edited', async () => {
    const firstDir = readdirSync(dir).sort()[0]!;
    const path = join(dir, firstDir, 'migration.sql');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, `${original}\n-- edited\n`);
    expect((await migrateStatus(prod, dialect, { dir })).modified).toEqual([firstDir]);
    await expect(migrateDeploy(prod, dialect, { dir })).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining(firstDir),
    });
    writeFileSync(path, original);
    expect(await migrateDeploy(prod, dialect, { dir })).toEqual({ applied: [] });
  });

  it('rolls back a failing migration entirely and records nothing', async () => {
    const bad = join(dir, '29991231235959_broken');
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'migration.sql'),
      'CREATE TABLE "Half" ("id" INTEGER);\nTHIS IS NOT SQL;\n',
    );
    await expect(migrateDeploy(prod, dialect, { dir })).rejects.toMatchObject({
      code: 'DB_ERROR',
      message: expect.stringMatching(/29991231235959_broken.*THIS IS NOT SQL/s),
    });
    const status = await migrateStatus(prod, dialect, { dir });
    expect(status.pending).toEqual(['29991231235959_broken']);
    await expect(rows(prod, 'SELECT * FROM "Half"')).rejects.toThrow();
    rmSync(bad, { recursive: true });
    // A migration without a snapshot cannot be the base of the next one.
    expect(existsSync(bad)).toBe(false);
  });

  it('reports a recorded migration missing from the folder', async () => {
    const other = join(dirname(dir), 'other');
    expect(await migrateStatus(prod, dialect, { dir: other })).toEqual({
      applied: [],
      pending: [],
      modified: [],
      missing: readdirSync(dir).sort(),
    });
  });

  it('rejects bad input clearly', async () => {
    await expect(migrateDev(dev, dialect, blogSchema(), { dir, name: '  ' })).rejects.toMatchObject(
      { code: 'INVALID_INPUT' },
    );
    await expect(migrateDeploy(dev, 'oracle' as never, { dir })).rejects.toMatchObject({
      code: 'CONFIG',
    });
    const noSnap = join(dirname(dir), 'nosnap');
    mkdirSync(join(noSnap, '20200101000000_hand'), { recursive: true });
    writeFileSync(join(noSnap, '20200101000000_hand', 'migration.sql'), 'SELECT 1;');
    await expect(
      migrateDev(dev, dialect, blogSchema(), { dir: noSnap, name: 'x', apply: false }),
    ).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('schema.json'),
    });
  });

  it('migrates the kitchen-sink schema from scratch to the same state push builds', async () => {
    const kdir = join(dirname(dir), 'kitchen');
    const db = await open();
    expect(
      await migrateDev(db, dialect, kitchenSink(), { dir: kdir, name: 'init' }),
    ).not.toBeNull();
    expect((await pushSchema(db, dialect, kitchenSink())).applied).toEqual([]);
    const one = schema([model('Solo', { fields: { id: f({ type: 'Int', id: true }) } })]);
    const file = await migrateDev(db, dialect, one, { dir: kdir, name: 'shrink' });
    expect(readFileSync(file!, 'utf8')).toContain('-- Warnings:');
    expect((await pushSchema(db, dialect, one)).applied).toEqual([]);
  });
});
