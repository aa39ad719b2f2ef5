import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import type { SchemaDef } from '@warden/schema';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import { migrateDev, pushSchema } from '../../src/migrate/index.js';
import { openKysely, rows } from './fixtures.js';

// Models without @id (keyed by a unique): push and migrate make the unique index and no
// primary key, and a second push finds nothing to change.
const v1 = `
model Session {
  sessionToken String   @unique
  userId       String
  expires      DateTime
}
model VerificationToken {
  identifier String
  token      String
  expires    DateTime
  @@unique([identifier, token])
}
`;
const v2 = v1.replace('  userId       String\n', '  userId       String\n  ip           String?\n');

async function schema(text: string, provider: string): Promise<SchemaDef> {
  const r = await loadSchema({ text: `datasource db {\n  provider = "${provider}"\n}\n${text}` });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.schema;
}

describe.each(await testDialects())('migrations of models without @id on %s', (dialect) => {
  const dbs: [TestDatabase, Kysely<any>][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'warden-unique-id-'));
  async function open(): Promise<Kysely<any>> {
    const t = await createTestDatabase(dialect);
    const db = await openKysely(t);
    dbs.push([t, db]);
    return db;
  }
  afterAll(async () => {
    for (const [t, db] of dbs) {
      await db.destroy();
      await t.drop();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes them with the unique index and no primary key, then changes nothing', async () => {
    const db = await open();
    const first = await pushSchema(db, dialect, await schema(v1, dialect));
    const ddl = first.applied.join('\n');
    expect(ddl).not.toMatch(/primary key/i);
    expect(ddl).toMatch(/unique index "Session_sessionToken_key"/i);
    expect(ddl).toMatch(/unique index "VerificationToken_identifier_token_key"/i);
    expect((await pushSchema(db, dialect, await schema(v1, dialect))).applied).toEqual([]);
    const insert = `INSERT INTO "VerificationToken" ("identifier", "token", "expires") VALUES ('a', 't', '2030-01-01T00:00:00.000Z')`;
    await rows(db, insert);
    await expect(rows(db, insert)).rejects.toThrow(/unique|duplicate/i);
    await rows(
      db,
      `INSERT INTO "Session" ("sessionToken", "userId", "expires") VALUES ('s', 'u', '2030-01-01T00:00:00.000Z')`,
    );
    const r = await pushSchema(db, dialect, await schema(v2, dialect));
    expect(r.applied.join('\n')).toContain('"ip"');
    expect(await rows(db, `SELECT "sessionToken", "ip" FROM "Session"`)).toEqual([
      { sessionToken: 's', ip: null },
    ]);
    expect((await pushSchema(db, dialect, await schema(v2, dialect))).applied).toEqual([]);
  });

  it('migrateDev writes the tables, then just the new column', async () => {
    const db = await open();
    const init = await migrateDev(db, dialect, await schema(v1, dialect), { dir, name: 'init' });
    expect(readFileSync(init!, 'utf8')).not.toMatch(/primary key/i);
    const file = await migrateDev(db, dialect, await schema(v2, dialect), { dir, name: 'ip' });
    const statements = readFileSync(file!, 'utf8').trim().split(/;\n/);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^ALTER TABLE "Session" ADD COLUMN "ip" /i);
    expect((await pushSchema(db, dialect, await schema(v2, dialect))).applied).toEqual([]);
  });
});
