import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { isWardenError } from '../../src/index.js';
import { openDatabase, type TestClient } from '../helpers/setup.js';

// Issue 15: 40 clients running opposite-order transactions on PostgreSQL answered 112 x 500
// (deadlock detected) and left calls hanging. Deadlocks and serialization failures are now
// CONFLICT, and $transaction runs the aborted transaction again itself.

/** Resolves once `parties` callers have arrived, so two transactions interleave for certain. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived >= parties) open();
    return opened;
  };
}

/** Settles `p` or fails the test after `ms` instead of hanging the run. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

describe.each(await testDialects())('$transaction under conflicts on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  let a: number;
  let b: number;
  beforeAll(async () => {
    t = await openDatabase(dialect);
    db = t.db;
    const author = await db.user.create({ data: { email: 'w@x.y' } });
    a = (await db.post.create({ data: { title: 'a', authorId: author.id } })).id;
    b = (await db.post.create({ data: { title: 'b', authorId: author.id } })).id;
  });
  afterAll(() => t.drop());
  beforeEach(() => db.post.updateMany({ data: { views: 0 } }));

  const views = async () =>
    (await db.post.findMany({ orderBy: { id: 'asc' }, select: { views: true } })).map(
      (p: { views: number }) => p.views,
    );

  /** One transaction touching `first` then `second`; the first touch of every call meets at `meet`. */
  const crossing =
    (first: number, second: number, meet: () => Promise<void>, calls: { n: number }) =>
    async (tx: any) => {
      calls.n++;
      await tx.post.update({ where: { id: first }, data: { views: { increment: 1 } } });
      await meet();
      await tx.post.update({ where: { id: second }, data: { views: { increment: 1 } } });
    };

  it.runIf(dialect === 'postgresql')(
    'a deadlock aborts one side; $transaction runs it again and both commit',
    async () => {
      const meet = barrier(2);
      const calls = { n: 0 };
      await within(
        15_000,
        Promise.all([
          db.$transaction(crossing(a, b, meet, calls)),
          db.$transaction(crossing(b, a, meet, calls)),
        ]),
      );
      expect(calls.n).toBe(3);
      expect(await views()).toEqual([2, 2]);
    },
  );

  it.runIf(dialect === 'postgresql')(
    'with maxRetries 0 the deadlock victim fails with CONFLICT and writes nothing',
    async () => {
      const meet = barrier(2);
      const calls = { n: 0 };
      const outcomes = await within(
        15_000,
        Promise.allSettled([
          db.$transaction(crossing(a, b, meet, calls), { maxRetries: 0 }),
          db.$transaction(crossing(b, a, meet, calls), { maxRetries: 0 }),
        ]),
      );
      const failed = outcomes.filter((o) => o.status === 'rejected');
      expect(failed).toHaveLength(1);
      const error = (failed[0] as PromiseRejectedResult).reason;
      expect(isWardenError(error) && error.code).toBe('CONFLICT');
      expect(error.message).toMatch(/deadlock detected.*may be retried/);
      expect(await views()).toEqual([1, 1]);
    },
  );

  it.runIf(dialect === 'postgresql')(
    'a serialization failure (at a write or at COMMIT) is retried too',
    async () => {
      const meet = barrier(2);
      const calls = { n: 0 };
      // Each reads both rows, then writes the one the other read: serializable refuses one.
      const readThenWrite = (target: number) => async (tx: any) => {
        calls.n++;
        await tx.post.findMany({ select: { views: true } });
        await meet();
        await tx.post.update({ where: { id: target }, data: { views: { increment: 1 } } });
      };
      await within(
        15_000,
        Promise.all([
          db.$transaction(readThenWrite(a), { isolationLevel: 'Serializable' }),
          db.$transaction(readThenWrite(b), { isolationLevel: 'Serializable' }),
        ]),
      );
      expect(calls.n).toBe(3);
      expect(await views()).toEqual([1, 1]);
    },
  );

  // Opposite-order locking is the application's bug; PostgreSQL breaks each deadlock after its
  // deadlock_timeout (1 s), so such a crowd moves at about one commit a second. What must hold:
  // every call settles, with its commit or a CONFLICT, and no half-done transaction remains.
  it('4 opposite-order transactions, interactive and batch: each commits or fails with CONFLICT', async () => {
    const calls = { n: 0 };
    const jobs = Array.from({ length: 4 }, (_, i) => {
      const [first, second] = i % 2 ? [a, b] : [b, a];
      if (i < 2) return db.$transaction(crossing(first, second, () => sleep(5), calls));
      return db.$transaction([
        db.post.update({ where: { id: first }, data: { views: { increment: 1 } } }),
        db.post.update({ where: { id: second }, data: { views: { increment: 1 } } }),
      ]);
    });
    const outcomes = await within(40_000, Promise.allSettled(jobs));
    const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    for (const error of errors) expect(isWardenError(error) && error.code).toBe('CONFLICT');
    const committed = outcomes.length - errors.length;
    expect(committed).toBeGreaterThan(0);
    expect(await views()).toEqual([committed, committed]);
  }, 45_000);

  it('maxRetries must be a whole number', async () => {
    await expect(db.$transaction(async () => 1, { maxRetries: -1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      path: 'maxRetries',
    });
  });
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
