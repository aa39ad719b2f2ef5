import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import type { SchemaDef } from '@warden/schema';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import { migrateDev, pushSchema } from '../../src/migrate/index.js';
import { openKysely, rows } from './fixtures.js';

async function example(name: string): Promise<SchemaDef> {
  const path = fileURLToPath(new URL(`../../../../examples/schemas/${name}`, import.meta.url));
  const r = await loadSchema({ path });
  if (!r.ok) throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.schema;
}

describe.each(await testDialects())('example blog schemas on %s', (dialect) => {
  const dbs: [TestDatabase, Kysely<any>][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'warden-zmodel-'));
  let v1: SchemaDef;
  let v2: SchemaDef;
  async function open(): Promise<Kysely<any>> {
    const t = await createTestDatabase(dialect);
    const db = await openKysely(t);
    dbs.push([t, db]);
    return db;
  }
  beforeAll(async () => {
    v1 = await example('blog-v1.zmodel');
    v2 = await example('blog.zmodel');
  });
  afterAll(async () => {
    for (const [t, db] of dbs) {
      await db.destroy();
      await t.drop();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes v1, then v2 adds User.role and keeps the rows', async () => {
    const db = await open();
    await pushSchema(db, dialect, v1);
    expect((await pushSchema(db, dialect, v1)).applied).toEqual([]);
    await rows(
      db,
      `INSERT INTO "User" ("id", "password", "updatedAt") VALUES ('u1', 'x', '2024-01-01T00:00:00.000Z')`,
    );
    await rows(
      db,
      `INSERT INTO "Post" ("id", "title", "content", "authorId", "updatedAt") VALUES ('p1', 't', 'c', 'u1', '2024-01-01T00:00:00.000Z')`,
    );
    const r = await pushSchema(db, dialect, v2);
    expect(r.warnings).toEqual([]);
    expect(r.applied.join('\n')).toContain('"role"');
    expect(await rows(db, `SELECT "id", "role" FROM "User"`)).toEqual([
      { id: 'u1', role: 'Reader' },
    ]);
    expect(await rows(db, `SELECT "id", "status" FROM "Post"`)).toEqual([
      { id: 'p1', status: 'draft' },
    ]);
    expect((await pushSchema(db, dialect, v2)).applied).toEqual([]);
  });

  it('migrateDev v1 -> v2 writes just the new column', async () => {
    const db = await open();
    await migrateDev(db, dialect, v1, { dir, name: 'init' });
    const file = await migrateDev(db, dialect, v2, { dir, name: 'roles' });
    const statements = readFileSync(file!, 'utf8').trim().split(/;\n/);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^ALTER TABLE "User" ADD COLUMN "role" /i);
    expect((await pushSchema(db, dialect, v2)).applied).toEqual([]);
  });
});
