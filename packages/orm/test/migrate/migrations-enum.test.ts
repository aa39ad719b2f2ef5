import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import type { SchemaDef } from '@warden/schema';
import { migrateDeploy, migrateDev, pushSchema } from '../../src/migrate/index.js';
import { f, model, openKysely, rows, schema } from './fixtures.js';

function jobs(values: string[], def: string): SchemaDef {
  return schema(
    [
      model('Job', {
        fields: {
          id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
          state: f({ kind: 'enum', type: 'State', default: { kind: 'enum', value: def } }),
        },
      }),
    ],
    { State: { name: 'State', values } },
  );
}

describe.each(await testDialects())('enum changes through migrations on %s', (dialect) => {
  const dbs: [TestDatabase, Kysely<any>][] = [];
  const dir = join(mkdtempSync(join(tmpdir(), 'warden-enum-')), 'migrations');
  let dev: Kysely<any>;
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const t = await createTestDatabase(dialect);
      dbs.push([t, await openKysely(t)]);
    }
    dev = dbs[0]![1];
  });
  afterAll(async () => {
    for (const [t, db] of dbs) {
      await db.destroy();
      await t.drop();
    }
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('adds a value and uses it as the new default in one migration', async () => {
    await migrateDev(dev, dialect, jobs(['NEW', 'DONE'], 'NEW'), { dir, name: 'init' });
    await rows(dev, `INSERT INTO "Job" ("state") VALUES ('DONE')`);
    const file = await migrateDev(dev, dialect, jobs(['NEW', 'QUEUED', 'DONE'], 'QUEUED'), {
      dir,
      name: 'queued',
    });
    if (dialect === 'postgresql')
      expect(readFileSync(file!, 'utf8')).toContain(`ADD VALUE IF NOT EXISTS 'QUEUED' AFTER 'NEW'`);
    await rows(dev, `INSERT INTO "Job" DEFAULT VALUES`);
    expect(
      (await rows<{ state: string }>(dev, `SELECT "state" FROM "Job" ORDER BY "id"`)).map(
        (r) => r.state,
      ),
    ).toEqual(['DONE', 'QUEUED']);
    expect(
      (await pushSchema(dev, dialect, jobs(['NEW', 'QUEUED', 'DONE'], 'QUEUED'))).applied,
    ).toEqual([]);
  });

  it('deploys the same migrations to another database', async () => {
    const prod = dbs[1]![1];
    expect((await migrateDeploy(prod, dialect, { dir })).applied).toHaveLength(2);
    await rows(prod, `INSERT INTO "Job" DEFAULT VALUES`);
    expect(await rows(prod, `SELECT "state" FROM "Job"`)).toEqual([{ state: 'QUEUED' }]);
  });

  it('removes a value by recreating the enum, warning in the file', async () => {
    await rows(dev, `DELETE FROM "Job" WHERE "state" = 'DONE'`);
    const file = await migrateDev(dev, dialect, jobs(['NEW', 'QUEUED'], 'QUEUED'), {
      dir,
      name: 'no_done',
    });
    expect(readFileSync(file!, 'utf8')).toMatch(/loses enum value\(s\) DONE/);
    await expect(rows(dev, `INSERT INTO "Job" ("state") VALUES ('DONE')`)).rejects.toThrow();
    expect((await pushSchema(dev, dialect, jobs(['NEW', 'QUEUED'], 'QUEUED'))).applied).toEqual([]);
  });
});
