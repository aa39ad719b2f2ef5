import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, isWardenError } from '../../src/index.js';
import type { QueryLogEvent } from '../../src/index.js';
import { blogSchema } from '../fixtures/blog-schema.js';

describe('createClient on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-cc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(':memory: works, with foreign keys enforced', async () => {
    const db: any = createClient(blogSchema, { url: ':memory:' });
    await db.$pushSchema();
    const [fk] = await db.$queryRaw`pragma foreign_keys`;
    expect(fk.foreign_keys).toBe(1);
    const err =
      await db.$executeRaw`insert into "Profile" (id, bio, "userId") values (${1}, ${'x'}, ${42})`.catch(
        (e: unknown) => e,
      );
    expect(isWardenError(err) && err.code).toBe('FOREIGN_KEY');
    await db.$disconnect();
  });

  it('file: URLs open the file in WAL mode; a second client sees the data', async () => {
    const url = `file:${join(dir, 'a.db')}`;
    const a: any = createClient(blogSchema, { url });
    await a.$pushSchema();
    const [mode] = await a.$queryRaw`pragma journal_mode`;
    expect(mode.journal_mode).toBe('wal');
    await a.$executeRaw`insert into "Tag" (id, name) values (${1}, ${'t'})`;
    const b: any = createClient(blogSchema, { url });
    expect(await b.tag.findMany()).toEqual([{ id: 1, name: 't' }]);
    await a.$disconnect();
    await b.$disconnect();
  });

  it('log: a function receives each statement with its parameters', async () => {
    const events: QueryLogEvent[] = [];
    const db: any = createClient(blogSchema, { url: ':memory:', log: (e) => events.push(e) });
    await db.$pushSchema();
    await db.tag.findMany({ where: { name: 'x' } });
    const last = events.at(-1)!;
    expect(last.level).toBe('query');
    expect(last.sql).toMatch(/from "Tag"/);
    expect(last.params).toEqual(['x']);
    await db.$disconnect();
  });

  it('dialect: any Kysely dialect, with provider', async () => {
    const db: any = createClient(blogSchema, {
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
      provider: 'sqlite',
    });
    await db.$pushSchema();
    await db.$executeRaw`insert into "Tag" (id, name) values (${5}, ${'five'})`;
    expect(await db.tag.findUnique({ where: { id: 5 } })).toEqual({ id: 5, name: 'five' });
    expect(db.$qb).toBeInstanceOf(Kysely);
    await db.$disconnect();
  });

  it('a missing or unknown url is a CONFIG error', () => {
    expect(() => createClient(blogSchema, {})).toThrow(/options.url or options.dialect/);
    let err: unknown;
    try {
      createClient(blogSchema, { url: 'mysql://x' });
    } catch (e) {
      err = e;
    }
    expect(isWardenError(err) && err.code).toBe('CONFIG');
  });

  it('delegates are named after models in lower camel case and are lazy promises', async () => {
    const db: any = createClient(blogSchema, { url: ':memory:' });
    await db.$pushSchema();
    const p = db.tag.count();
    expect(String(p)).toBe('[object WardenPromise]');
    expect(await p).toBe(0);
    expect(typeof db.kitchen.findMany).toBe('function');
    await db.$disconnect();
  });
});
