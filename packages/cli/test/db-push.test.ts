import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase, testDialects, type TestDatabase } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blogSchema, run, tempDir } from './helpers.js';

const BLOG = readFileSync(blogSchema, 'utf8');

function forProvider(text: string, provider: string): string {
  return text.replace('provider = "sqlite"', `provider = "${provider}"`);
}

async function tableNames(db: TestDatabase): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const conn = new Database(db.url.replace(/^file:/, ''), { readonly: true });
    try {
      const rows = conn
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as { name: string }[];
      return rows.map((r) => r.name).sort();
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public'",
    );
    return rows.map((r) => r.name).sort();
  } finally {
    await client.end();
  }
}

async function execute(db: TestDatabase, statement: string): Promise<void> {
  if (db.dialect === 'sqlite') {
    const conn = new Database(db.url.replace(/^file:/, ''));
    try {
      conn.exec(statement);
    } finally {
      conn.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.each(await testDialects())('warden db push on %s', (dialect) => {
  let db: TestDatabase;
  const dir = tempDir();
  const schemaPath = join(dir, 'schema.zmodel');

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    writeFileSync(schemaPath, forProvider(BLOG, dialect));
  });
  afterAll(() => db.drop());

  it('creates the tables, then a second push changes nothing', async () => {
    const first = await run(['db', 'push', '--url', db.url], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/is now in sync with the schema \(\d+ statements applied\)/);
    expect(await tableNames(db)).toEqual([
      'Account',
      'Post',
      'Session',
      'User',
      'VerificationToken',
    ]);

    const second = await run(['db', 'push', '--url', db.url], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is already in sync with the schema');
  });

  it('refuses a change that loses data unless --accept-data-loss', async () => {
    const smaller = forProvider(BLOG, dialect).replace(
      /model VerificationToken \{[\s\S]*?\n\}\n/,
      '',
    );
    writeFileSync(join(dir, 'smaller.zmodel'), smaller);
    await execute(
      db,
      `insert into "VerificationToken" ("identifier", "token", "expires") values ('a', 'b', '2030-01-01')`,
    );
    const args = ['db', 'push', '--schema', 'smaller.zmodel', '--url', db.url];
    const refused = await run(args, { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--accept-data-loss');
    expect(refused.stderr).toContain('VerificationToken');
    expect(await tableNames(db)).toContain('VerificationToken');

    const accepted = await run([...args, '--accept-data-loss'], { cwd: dir });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('data lost:');
    expect(await tableNames(db)).not.toContain('VerificationToken');
  });

  it('pushes a schema written for the other provider: the url decides, with a note', async () => {
    const other = dialect === 'sqlite' ? 'postgresql' : 'sqlite';
    writeFileSync(join(dir, 'other.zmodel'), forProvider(BLOG, other));
    const fresh = await createTestDatabase(dialect);
    try {
      const { code, stdout, stderr } = await run(
        ['db', 'push', '--schema', 'other.zmodel', '--url', fresh.url],
        { cwd: dir },
      );
      expect(code).toBe(0);
      expect(stderr).toContain(`note: connecting to ${dialect} (from the url)`);
      expect(stdout).toContain('is now in sync');
      expect(await tableNames(fresh)).toContain('Post');
    } finally {
      await fresh.drop();
    }
  });
});

describe('warden db push with the datasource url', () => {
  it('resolves file:./dev.db next to the schema, not the current directory', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'db'));
    writeFileSync(join(dir, 'db/schema.zmodel'), BLOG);
    const { code, stdout } = await run(['db', 'push', '--schema', 'db/schema.zmodel'], {
      cwd: dir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('db/dev.db is now in sync');
    expect(existsSync(join(dir, 'db/dev.db'))).toBe(true);
    expect(existsSync(join(dir, 'dev.db'))).toBe(false);
  });

  it('reads env("DATABASE_URL")', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'schema.zmodel'),
      BLOG.replace('"file:./dev.db"', 'env("DATABASE_URL")'),
    );
    const missing = await run(['db', 'push'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('environment variable DATABASE_URL is not set');

    const { code } = await run(['db', 'push'], {
      cwd: dir,
      env: { DATABASE_URL: 'file:./env.db' },
    });
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'env.db'))).toBe(true);
  });

  it('touches no database for an invalid schema', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.zmodel'), BLOG.replace('String   @default("draft")', 'Strin'));
    const { code, stderr } = await run(['db', 'push'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/schema\.zmodel:\d+:\d+ error/);
    expect(existsSync(join(dir, 'dev.db'))).toBe(false);
  });
});
