import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import { createClient, DEFAULT_LIMITS, isWardenError } from '../../src/index.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';
import { blogSchema } from '../fixtures/blog-schema.js';

// Client input that used to reach a database limit (a server error) or be stored wrongly is
// refused before any SQL runs, as INVALID_INPUT naming the argument and the limit.
describe.each(await testDialects())('input limits on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  const events: unknown[] = [];
  beforeAll(async () => {
    t = await openBlog(dialect, (e) => events.push(e));
    db = t.db;
  });
  afterAll(() => t.drop());

  /** Fails with INVALID_INPUT at `path`, the message matching `detail`, and runs no SQL. */
  async function refused(run: () => PromiseLike<unknown>, path: string, detail: RegExp) {
    const before = events.length;
    const err = await Promise.resolve()
      .then(run)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isWardenError(err) && err.code, String(err)).toBe('INVALID_INPUT');
    expect((err as { path?: string }).path).toBe(path);
    expect((err as Error).message).toMatch(detail);
    expect(events.length, 'no statement ran').toBe(before);
  }
  const postCount = () => db.post.count();
  const orOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

  it('an OR of 40,000 branches names maxFilterConditions; 4,000 run', async () => {
    const posts = await postCount();
    await refused(
      () => db.post.deleteMany({ where: { OR: orOf(40_000) } }),
      'where.OR',
      /at most 5000 conditions \(limit maxFilterConditions\)/,
    );
    await refused(
      () => db.post.findMany({ where: { AND: [{ title: 'x' }, { OR: orOf(6000) }] } }),
      'where.AND[1].OR',
      /maxFilterConditions/,
    );
    expect(await postCount()).toBe(posts);
    // Long ORs are grouped so SQLite's expression depth (1000) is never reached.
    expect(await db.post.count({ where: { OR: orOf(4000) } })).toBe(posts);
    expect(await db.post.count({ where: { AND: orOf(1).concat(Array(3000).fill({})) } })).toBe(1);
  });

  it('filters nested too deep name maxFilterDepth; argument objects too deep are refused', async () => {
    let where: Record<string, unknown> = { id: 1 };
    for (let i = 0; i < DEFAULT_LIMITS.maxFilterDepth; i++) where = { NOT: where };
    await refused(() => db.post.findMany({ where }), `where${'.NOT'.repeat(32)}`, /maxFilterDepth/);
    let deep: Record<string, unknown> = { id: 1 };
    for (let i = 0; i < 50_000; i++) deep = { NOT: deep };
    await refused(
      () => db.post.findMany({ where: deep }),
      '',
      /100 levels deep \(limit maxArgumentDepth\)/,
    );
    let data: Record<string, unknown> = { email: 'deep@x' };
    for (let i = 0; i < 20_000; i++) data = { email: `d${i}@x`, invitedBy: { create: data } };
    await refused(() => db.user.create({ data }), '', /maxArgumentDepth/);
    let select: Record<string, unknown> = { id: true };
    for (let i = 0; i < 20_000; i++) select = { invitedBy: { select } };
    await refused(() => db.user.findMany({ select }), '', /maxArgumentDepth/);
    where = { id: 1 };
    for (let i = 0; i < DEFAULT_LIMITS.maxFilterDepth - 1; i++) where = { NOT: where };
    expect(await db.post.count({ where })).toBeGreaterThan(0);
  });

  it('a 1 MB contains names maxPatternLength; 10,000 characters of wildcards match literally', async () => {
    const big = 'x'.repeat(1_000_000);
    await refused(
      () => db.post.findMany({ where: { title: { contains: big } } }),
      'where.title.contains',
      /at most 10000 characters long, got 1000000 \(limit maxPatternLength\)/,
    );
    await refused(
      () =>
        db.post.updateMany({
          where: { title: { startsWith: big, mode: 'insensitive' } },
          data: { title: 'y' },
        }),
      'where.title.startsWith',
      /maxPatternLength/,
    );
    await refused(
      () => db.kitchen.findMany({ where: { json: { path: ['s'], string_contains: big } } }),
      'where.json.string_contains',
      /maxPatternLength/,
    );
    const wild = '%_*?[\\'.repeat(1666) + 'abcd';
    expect(wild.length).toBe(10_000);
    for (const mode of ['default', 'insensitive'] as const) {
      expect(await db.post.count({ where: { title: { contains: wild, mode } } })).toBe(0);
      expect(await db.post.count({ where: { title: { endsWith: wild, mode } } })).toBe(0);
    }
  });

  it('Int values past 32 bits and BigInt values past 64 bits are refused, nothing written', async () => {
    const posts = await postCount();
    for (const views of [2 ** 31, -(2 ** 31) - 1, 4.29e19]) {
      await refused(
        () => db.post.create({ data: { title: `v${views}`, authorId: 1, views } }),
        'data.views',
        /Int is a 32-bit integer \(-2147483648 to 2147483647\)/,
      );
      await refused(
        () => db.post.updateMany({ data: { views: { increment: views } } }),
        'data.views.increment',
        /32-bit/,
      );
      await refused(
        () => db.post.findMany({ where: { views: { gt: views } } }),
        'where.views.gt',
        /32-bit/,
      );
    }
    for (const big of [2n ** 63n, -(2n ** 63n) - 1n, '99999999999999999999']) {
      await refused(
        () => db.kitchen.create({ data: { id: 'kbig', big } }),
        'data.big',
        /BigInt is a 64-bit integer/,
      );
      await refused(
        () => db.kitchen.findMany({ where: { big: { in: [1n, big] } } }),
        'where.big.in[1]',
        /64-bit/,
      );
    }
    expect(await postCount()).toBe(posts);
    expect(await db.kitchen.findUnique({ where: { id: 'kbig' } })).toBeNull();
    // The ends of the ranges are stored and read back exactly.
    await db.kitchen.create({ data: { id: 'kmax', int: 2 ** 31 - 1, big: 2n ** 63n - 1n } });
    await db.kitchen.create({ data: { id: 'kmin', int: -(2 ** 31), big: -(2n ** 63n) } });
    expect(
      await db.kitchen.findUnique({ where: { id: 'kmax' }, select: { int: true, big: true } }),
    ).toEqual({
      int: 2 ** 31 - 1,
      big: 2n ** 63n - 1n,
    });
    expect(await db.kitchen.count({ where: { big: { in: [-(2n ** 63n)] } } })).toBe(1);
    await db.kitchen.deleteMany({ where: { id: { in: ['kmax', 'kmin'] } } });
  });

  it('divide by zero is refused, nothing written', async () => {
    const before = await db.post.findMany({ orderBy: { id: 'asc' } });
    for (const zero of [0, -0]) {
      await refused(
        () => db.post.updateMany({ data: { title: 'changed', views: { divide: zero } } }),
        'data.views.divide',
        /cannot divide by zero/,
      );
    }
    await refused(
      () => db.kitchen.update({ where: { id: 'k1' }, data: { dec: { divide: '0.000' } } }),
      'data.dec.divide',
      /divide by zero/,
    );
    await refused(
      () => db.kitchen.update({ where: { id: 'k1' }, data: { big: { divide: 0n } } }),
      'data.big.divide',
      /divide by zero/,
    );
    expect(await db.post.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('a NUL character in a string or inside JSON is refused, nothing written', async () => {
    const posts = await postCount();
    await refused(
      () => db.post.create({ data: { title: 'a\0b', authorId: 1 } }),
      'data.title',
      /NUL character/,
    );
    await refused(() => db.post.findMany({ where: { title: 'a\0' } }), 'where.title', /NUL/);
    await refused(
      () => db.post.findMany({ where: { title: { contains: '\0' } } }),
      'where.title.contains',
      /NUL/,
    );
    await refused(
      () => db.kitchen.create({ data: { id: 'knul', json: { a: ['ok', 'b\0'] } } }),
      'data.json.a[1]',
      /NUL character/,
    );
    await refused(
      () => db.kitchen.create({ data: { id: 'knul', strs: ['ok', '\0'] } }),
      'data.strs[1]',
      /NUL/,
    );
    expect(await postCount()).toBe(posts);
    expect(await db.kitchen.findUnique({ where: { id: 'knul' } })).toBeNull();
  });

  it('a DateTime outside years 1 to 9999 is refused, nothing written; the ends are kept', async () => {
    for (const date of [
      new Date('+010000-01-01T00:00:00Z'),
      new Date('-000001-06-01T00:00:00Z'),
      '0000-12-31T23:59:59.999Z',
    ]) {
      await refused(
        () => db.kitchen.create({ data: { id: 'kdate', date } }),
        'data.date',
        /DateTime must be between 0001-01-01 and 9999-12-31/,
      );
      await refused(
        () => db.kitchen.findMany({ where: { date: { lt: date } } }),
        'where.date.lt',
        /DateTime/,
      );
    }
    expect(await db.kitchen.findUnique({ where: { id: 'kdate' } })).toBeNull();
    for (const iso of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      await db.kitchen.create({ data: { id: 'kdate', date: new Date(iso) } });
      const k = await db.kitchen.findUnique({ where: { id: 'kdate' }, select: { date: true } });
      expect(k.date.toISOString()).toBe(iso);
      await db.kitchen.delete({ where: { id: 'kdate' } });
    }
  });

  it('a statement over the parameter limit names maxParameters, nothing written', async () => {
    // The databases' own limits (32766, 65535) take 40,000-branch ORs to reach, too slow for a
    // test: a client with a lower limit runs the same check.
    const test = await createTestDatabase(dialect);
    const narrow: any = createClient(blogSchema, { url: test.url, limits: { maxParameters: 50 } });
    try {
      await narrow.$pushSchema();
      await narrow.user.create({ data: { id: 1, email: 'a@x.io' } });
      await expect(narrow.user.deleteMany({ where: { OR: orOf(60) } })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          /needs 60 bound values in one statement, over the limit of 50 \((SQLite takes 32766|PostgreSQL takes 65535)\).*\(limit maxParameters\)/,
        ),
      });
      expect(await narrow.user.count({ where: { OR: orOf(50) } })).toBe(1);
      expect(await narrow.user.count()).toBe(1);
    } finally {
      await narrow.$disconnect();
      await test.drop();
    }
  });
});
