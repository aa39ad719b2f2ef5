import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgresql';

export interface TestDatabase {
  readonly dialect: TestDialect;
  /** `file:/tmp/.../test.db` or `postgres://postgres@127.0.0.1:5432/warden_t_...`. */
  readonly url: string;
  /** Removes the file or drops the database. */
  drop(): Promise<void>;
}

/** The server every PostgreSQL test uses; `WARDEN_TEST_PG` overrides it. */
const adminUrl = process.env.WARDEN_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The dialects this run tests: SQLite always, PostgreSQL when the server answers. With `CI`
 * set, an unreachable server is an error, so PostgreSQL tests can never silently disappear.
 *
 * @example
 * ```ts
 * describe.each(await testDialects())('findMany on %s', (dialect) => { ... });
 * ```
 */
export async function testDialects(): Promise<TestDialect[]> {
  reachable ??= pgReachable();
  if (await reachable) return ['sqlite', 'postgresql'];
  if (process.env.CI) {
    throw new Error(
      `PostgreSQL is unreachable at ${adminUrl} and CI is set: refusing to skip its tests`,
    );
  }
  console.warn(`[warden tests] PostgreSQL unreachable at ${adminUrl}: PostgreSQL tests SKIPPED`);
  return ['sqlite'];
}

/**
 * A fresh database for one test file: a new SQLite file in a temp folder, or a new PostgreSQL
 * database on the test server. Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const name = `warden_t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'warden-'));
    return {
      dialect,
      url: `file:${join(dir, `${name}.db`)}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
