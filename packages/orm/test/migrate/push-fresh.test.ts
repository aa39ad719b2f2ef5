import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import { pushSchema } from '../../src/migrate/index.js';
import { blogSchema, count, openKysely, rows } from './fixtures.js';

describe.each(await testDialects())('pushSchema on an empty %s database', (dialect) => {
  let t: TestDatabase;
  let db: Kysely<any>;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    db = await openKysely(t);
  });
  afterAll(async () => {
    await db.destroy();
    await t.drop();
  });

  it('creates tables, then applies nothing the second time', async () => {
    const first = await pushSchema(db, dialect, blogSchema());
    expect(first.applied.some((s) => s.startsWith('CREATE TABLE "User"'))).toBe(true);
    expect(first.applied.some((s) => s.startsWith('CREATE TABLE "Post"'))).toBe(true);
    const second = await pushSchema(db, dialect, blogSchema());
    expect(second).toEqual({ applied: [], warnings: [] });
  });

  it('enforces the foreign key and cascades deletes', async () => {
    await rows(db, `INSERT INTO "User" ("email") VALUES ('a@x.io')`);
    const [u] = await rows<{ id: number }>(db, `SELECT "id" FROM "User"`);
    await rows(db, `INSERT INTO "Post" ("title", "authorId") VALUES ('t', ${u!.id})`);
    await expect(
      rows(db, `INSERT INTO "Post" ("title", "authorId") VALUES ('t', 999)`),
    ).rejects.toThrow();
    await rows(db, `DELETE FROM "User"`);
    expect(await count(db, 'Post')).toBe(0);
  });
});
