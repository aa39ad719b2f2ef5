import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { createClient, isWardenError } from '../../src/index.js';
import { ConnectionLock, LockTimeoutError } from '../../src/dialect/sqlite/connection-lock.js';
import { blogSchema } from '../fixtures/blog-schema.js';
import type { TestClient } from '../helpers/setup.js';
import { openDatabase } from '../helpers/setup.js';

// Regression: on SQLite, a query on the plain client awaited inside an interactive
// `$transaction` of the same client waited forever for the one connection the transaction held.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settles `p` or fails the test after `ms` instead of hanging the run. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function rejection(p: Promise<unknown>): Promise<any> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
}

const both = (await testDialects()).flatMap((d) => [
  [d, 'direct'] as const,
  // With logging on, every statement goes through Kysely's connection (another code path).
  [d, 'logged'] as const,
]);

describe.each(both)('the outer client inside $transaction on %s (%s)', (dialect, mode) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openDatabase(dialect, blogSchema, mode === 'logged' ? () => undefined : undefined);
    db = t.db;
  });
  afterAll(() => t.drop());
  afterEach(async () => {
    await db.tag.deleteMany();
    if (dialect === 'sqlite') await db.$executeRawUnsafe('pragma busy_timeout = 5000');
  });

  it('a read answers at once, with the committed state (the transaction’s rows unseen)', async () => {
    await db.tag.create({ data: { name: 'before' } });
    const seen = await within(
      3000,
      db.$transaction(async (tx: any) => {
        await tx.tag.create({ data: { name: 'inside' } });
        return {
          outer: await db.tag.count(),
          names: (await db.tag.findMany({ orderBy: { name: 'asc' } })).map((r: any) => r.name),
          raw: await db.$queryRaw`select name from "Tag" order by name`,
          inner: await tx.tag.count(),
        };
      }),
    );
    expect(seen).toEqual({ outer: 1, names: ['before'], raw: [{ name: 'before' }], inner: 2 });
    expect(await db.tag.count()).toBe(2);
  });

  it('a rolled-back transaction never showed its rows to outer reads', async () => {
    const err = await rejection(
      db.$transaction(async (tx: any) => {
        await tx.tag.create({ data: { name: 'doomed' } });
        expect(await db.tag.findFirst({ where: { name: 'doomed' } })).toBeNull();
        throw new Error('roll back');
      }),
    );
    expect(err.message).toBe('roll back');
    expect(await db.tag.count()).toBe(0);
  });

  it('a write outside an open transaction, awaited inside it', async () => {
    if (dialect === 'sqlite') await db.$executeRawUnsafe('pragma busy_timeout = 300');
    const started = Date.now();
    const outcome: any = await within(
      5000,
      db.$transaction(async (tx: any) => {
        await tx.tag.create({ data: { name: 'inside' } });
        const outer = await db.tag.create({ data: { name: 'outside' } }).catch((e: unknown) => e);
        return { outer, waited: Date.now() - started };
      }),
    );
    if (dialect === 'sqlite') {
      // SQLite has one writer: the write waits busy_timeout for the transaction, then fails
      // with a CONFLICT that says why and what to do; the transaction itself goes on.
      expect(isWardenError(outcome.outer) && outcome.outer.code).toBe('CONFLICT');
      expect(outcome.outer.message).toMatch(/Tag\.create: SQLite: gave up after 300 ms/);
      expect(outcome.outer.message).toMatch(/run every query on its tx client/);
      expect(outcome.waited).toBeGreaterThanOrEqual(290);
      expect((await db.tag.findMany()).map((r: any) => r.name)).toEqual(['inside']);
    } else {
      // PostgreSQL: another pooled connection, its own transaction, committed at once.
      expect(outcome.outer).toMatchObject({ name: 'outside' });
      expect(await db.tag.count()).toBe(2);
    }
  });

  it('a write outside that the transaction does not wait for runs once it commits', async () => {
    let outer: Promise<unknown> | undefined;
    await db.$transaction(async (tx: any) => {
      await tx.tag.create({ data: { name: 'inside' } });
      outer = db.tag.create({ data: { name: 'outside' } }).then((r: any) => r.name);
      await sleep(50);
    });
    expect(await within(3000, outer!)).toBe('outside');
    expect((await db.tag.findMany({ orderBy: { name: 'asc' } })).map((r: any) => r.name)).toEqual([
      'inside',
      'outside',
    ]);
  });

  it('a PostgreSQL write outside stays when the transaction rolls back; on SQLite it never ran', async () => {
    if (dialect === 'sqlite') await db.$executeRawUnsafe('pragma busy_timeout = 100');
    await rejection(
      db.$transaction(async (tx: any) => {
        await tx.tag.create({ data: { name: 'inside' } });
        await db.tag.create({ data: { name: 'outside' } }).catch(() => undefined);
        throw new Error('roll back');
      }),
    );
    expect((await db.tag.findMany()).map((r: any) => r.name)).toEqual(
      dialect === 'sqlite' ? [] : ['outside'],
    );
  });

  it('a transaction of the outer client begun inside another', async () => {
    if (dialect === 'sqlite') await db.$executeRawUnsafe('pragma busy_timeout = 200');
    const nested: any = await within(
      5000,
      db.$transaction(async (tx: any) => {
        await tx.tag.create({ data: { name: 'inside' } });
        return db
          .$transaction(async (other: any) => other.tag.create({ data: { name: 'other' } }))
          .catch((e: unknown) => e);
      }),
    );
    if (dialect === 'sqlite') {
      expect(isWardenError(nested) && nested.code).toBe('CONFLICT');
      expect(nested.message).toMatch(/gave up after 200 ms .* a new transaction/);
      expect(await db.tag.count()).toBe(1);
    } else {
      expect(nested).toMatchObject({ name: 'other' });
      expect(await db.tag.count()).toBe(2);
    }
  });
});

describe.runIf((await testDialects()).includes('sqlite'))('a :memory: SQLite database', () => {
  let db: any;
  beforeAll(async () => {
    db = createClient(blogSchema, { url: ':memory:' });
    await db.$pushSchema();
    await db.$executeRawUnsafe('pragma busy_timeout = 200');
  });
  afterAll(() => db.$disconnect());

  it('has no second connection: an outer read inside a transaction fails after busy_timeout', async () => {
    const outcome: any = await within(
      3000,
      db.$transaction(async (tx: any) => {
        await tx.tag.create({ data: { name: 'inside' } });
        return db.tag.count().catch((e: unknown) => e);
      }),
    );
    expect(isWardenError(outcome) && outcome.code).toBe('CONFLICT');
    expect(outcome.message).toMatch(/:memory: database cannot be opened twice/);
    expect(await db.tag.count()).toBe(1);
  });

  it('an outer read the transaction does not wait for runs once it commits', async () => {
    let outer: Promise<number> | undefined;
    await db.$transaction(async (tx: any) => {
      await tx.tag.create({ data: { name: 'second' } });
      outer = db.tag.count();
      await sleep(30);
    });
    expect(await within(3000, outer!)).toBe(2);
  });
});

describe('the SQLite connection lock', () => {
  it('hands over to waiters in arrival order and frees itself when none is left', async () => {
    const lock = new ConnectionLock();
    const order: number[] = [];
    const timeout = () => new LockTimeoutError('late');
    expect(lock.tryTake()).toBe(true);
    const waits = [1, 2, 3].map((n) => lock.take(1000, timeout).then(() => order.push(n)));
    for (let i = 0; i < 3; i++) {
      lock.release();
      await sleep(0);
    }
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
    expect(lock.held).toBe(true);
    lock.release();
    expect(lock.held).toBe(false);
  });

  it('a waiter that gave up is not handed the lock later', async () => {
    const lock = new ConnectionLock();
    lock.tryTake();
    const late = await rejection(lock.take(20, () => new LockTimeoutError('late')));
    expect(late).toBeInstanceOf(LockTimeoutError);
    expect(late.code).toBe('SQLITE_BUSY');
    await expect(lock.take(0, () => new LockTimeoutError('no wait'))).rejects.toThrow('no wait');
    lock.release();
    expect(lock.held).toBe(false);
    expect(lock.tryTake()).toBe(true);
  });
});
