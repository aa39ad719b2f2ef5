import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSchema } from '@warden/language';
import { createClient } from '@warden/orm';
import type { SchemaDef } from '@warden/schema';
import { createTestDatabase, testDialects, type TestDatabase } from '@warden/test-kit';
import { createNodeHandler } from '../src/index.js';
import { seedBlog, startApi, type ApiFixture } from './api-fixture.js';

// Issue 15: a request waiting on a lock held elsewhere stayed unanswered, and deadlocks answered
// 500. Now: past timeoutMs a 503 TIMEOUT (and a $transaction rolls back), and the database's
// conflicts (lock timeout, busy, deadlock) are 409 CONFLICT with retryable: true.

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Holds post p1's row (PostgreSQL) or the database's one writer (SQLite) for `ms`. */
function holdP1(db: any, ms: number): Promise<void> {
  return db.$transaction(async (tx: any) => {
    await tx.post.update({ where: { id: 'p1' }, data: { content: 'held' } });
    await sleep(ms);
  });
}

const json = { 'content-type': 'application/json' };

describe.each(await testDialects())('a busy database on %s', (dialect) => {
  describe('past the time budget', () => {
    let api: ApiFixture;
    beforeAll(async () => {
      api = await startApi(dialect, { limits: { timeoutMs: 300 } });
      await seedBlog(api.db, dialect);
    });
    afterAll(() => api.close());

    test('a write waiting on a lock answers 503 TIMEOUT, and the server serves on', async () => {
      const holder = holdP1(api.db, 1200);
      await sleep(50);
      const res = await fetch(`${api.endpoint}/post/update`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ where: { id: 'p1' }, data: { title: 'late' } }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const { error } = await res.json();
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect(error.message).toMatch(/300 ms .*timeoutMs/);
      await holder;
      expect((await fetch(`${api.endpoint}/post/count`)).status).toBe(200);
    });

    test('an abandoned $transaction rolls back instead of committing late', async () => {
      const holder = holdP1(api.db, 1200);
      await sleep(50);
      const res = await fetch(`${api.endpoint}/$transaction`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify([
          { model: 'post', op: 'update', args: { where: { id: 'p1' }, data: { title: 'tx' } } },
          { model: 'post', op: 'update', args: { where: { id: 'p3' }, data: { title: 'tx' } } },
        ]),
      });
      expect(res.status).toBe(503);
      await holder;
      await sleep(300);
      const titles = await api.db.post.findMany({
        where: { id: { in: ['p1', 'p3'] } },
        select: { title: true },
      });
      expect(titles.map((p: any) => p.title)).not.toContain('tx');
      expect(api.serverFaults).toEqual([]);
    });
  });

  describe('conflicts', () => {
    let database: TestDatabase;
    let db: any;
    let server: Server;
    let endpoint: string;
    const faults: unknown[] = [];
    beforeAll(async () => {
      const loaded = await loadSchema({
        path: resolve(process.cwd(), 'examples/schemas/blog.zmodel'),
      });
      if (!loaded.ok) throw new Error('blog.zmodel does not load');
      const schema: SchemaDef = loaded.schema;
      database = await createTestDatabase(dialect);
      // A short wait for locks, so a held lock is a conflict well within the time budget.
      const url =
        dialect === 'sqlite'
          ? `${database.url}?busy_timeout=100`
          : `${database.url}?options=${encodeURIComponent('-c lock_timeout=100')}`;
      db = createClient(schema, { url });
      await db.$pushSchema();
      await seedBlog(db, dialect);
      server = createServer(
        createNodeHandler({
          schema,
          getClient: () => db,
          logError: (_id, error) => faults.push(error),
        }),
      );
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/model`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await db.$disconnect();
      await database.drop();
    });

    test('a write that cannot get its lock is 409 CONFLICT, retryable, and nothing is written', async () => {
      const holder = holdP1(db, 800);
      await sleep(50);
      const res = await fetch(`${endpoint}/post/update`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ where: { id: 'p1' }, data: { title: 'second' } }),
      });
      const text = await res.text();
      expect(res.status, text).toBe(409);
      expect(JSON.parse(text).error).toMatchObject({ code: 'CONFLICT', retryable: true });
      await holder;
      expect((await db.post.findUnique({ where: { id: 'p1' } })).title).toBe('Hello');
      // Retried once the lock is free, the same request succeeds.
      const again = await fetch(`${endpoint}/post/update`, {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({ where: { id: 'p1' }, data: { title: 'second' } }),
      });
      expect(again.status).toBe(200);
    });

    test('8 opposite-order $transactions at once: each answers 200 or 409, never 500', async () => {
      const step = (id: string, n: number) => ({
        model: 'post',
        op: 'update',
        args: { where: { id }, data: { content: `c${n}` } },
      });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          fetch(`${endpoint}/$transaction`, {
            method: 'POST',
            headers: json,
            body: JSON.stringify(
              n % 2 ? [step('p1', n), step('p3', n)] : [step('p3', n), step('p1', n)],
            ),
            signal: AbortSignal.timeout(20_000),
          }).then(async (r) => ({ status: r.status, body: await r.json() })),
        ),
      );
      for (const answer of answers) {
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 409) expect(answer.body.error.retryable).toBe(true);
      }
      expect(answers.some((a) => a.status === 200)).toBe(true);
      expect(faults).toEqual([]);
    }, 30_000);
  });
});
