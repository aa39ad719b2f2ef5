import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { q, seedBlog, startApi, type ApiFixture } from './api-fixture.js';

// Issue 15: findMany({ where: { authorId }, include: { author: { include: { posts: true } } } })
// answered 160,000 rows for a 155-byte request, growing as N^2; maxTake bounded only explicit
// takes. Small limits here so a few rows show each rule.
const limits = { maxRows: 20, maxRowsPerRelation: 5, maxRowsRead: 500 };

describe.each(await testDialects())('row budget on %s', (dialect) => {
  let api: ApiFixture;
  let clientsMade = 0;
  beforeAll(async () => {
    api = await startApi(dialect, {
      limits,
      getClient: () => {
        clientsMade++;
        return api.db;
      },
    });
    await seedBlog(api.db, dialect);
    // u2 wrote p1..p3; nine more make twelve, over maxRowsPerRelation.
    await api.db.post.createMany({
      data: Array.from({ length: 9 }, (_, i) => ({
        id: `x${i}`,
        title: `more ${i}`,
        content: '.',
        authorId: 'u2',
      })),
    });
  });
  afterAll(() => api.close());

  const get = async (op: string, args: unknown) => {
    const res = await fetch(`${api.endpoint}/${op}?${q(args)}`);
    return { status: res.status, body: await res.json() };
  };

  test('the N^2 include is refused with LIMIT_EXCEEDED naming the relation and the limit', async () => {
    const { status, body } = await get('post/findMany', {
      where: { authorId: 'u2' },
      include: { author: { include: { posts: true } } },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('LIMIT_EXCEEDED');
    expect(body.error.message).toMatch(/author\.posts .*maxRowsPerRelation/);
  });

  test('the same include with a take within the limit is answered', async () => {
    const { status, body } = await get('post/findMany', {
      where: { authorId: 'u2' },
      take: 3,
      orderBy: { id: 'asc' },
      include: { author: { include: { posts: { take: 2, orderBy: { id: 'asc' } } } } },
    });
    expect(status).toBe(200);
    expect(body.data.map((p: any) => p.author.posts.length)).toEqual([2, 2, 2]);
  });

  test('a to-many relation with exactly the limit is answered whole', async () => {
    await api.db.post.deleteMany({ where: { id: { in: ['x5', 'x6', 'x7', 'x8'] } } });
    try {
      // u2 now has p1..p3 and x0..x4: eight, still over; u1 has none; a user with five:
      const { status, body } = await get('user/findUnique', {
        where: { id: 'u2' },
        include: { posts: { where: { id: { startsWith: 'x' } } } },
      });
      expect(status).toBe(200);
      expect(body.data.posts).toHaveLength(5);
    } finally {
      await api.db.post.createMany({
        data: [5, 6, 7, 8].map((i) => ({
          id: `x${i}`,
          title: `more ${i}`,
          content: '.',
          authorId: 'u2',
        })),
      });
    }
  });

  test('an explicit take over maxRowsPerRelation is refused before the query runs', async () => {
    const before = clientsMade;
    const { status, body } = await get('user/findMany', { include: { posts: { take: 6 } } });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', path: 'include.posts.take' });
    expect(clientsMade).toBe(before);
  });

  test('nested to-many reads that could multiply past maxRowsRead are refused before running', async () => {
    const before = clientsMade;
    const { status, body } = await get('user/findMany', {
      include: { posts: { include: { author: { include: { posts: true } } } } },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('LIMIT_EXCEEDED');
    expect(body.error.message).toMatch(/maxRowsRead/);
    expect(clientsMade).toBe(before);
  });

  test('a findMany without take matching more than maxRows is refused, not truncated', async () => {
    await api.db.post.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        id: `y${i}`,
        title: `y ${i}`,
        content: '.',
        authorId: 'u1',
      })),
    });
    try {
      const { status, body } = await get('post/findMany', {});
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', path: 'take' });
      expect(body.error.message).toMatch(/more than 20 rows.*maxRows/);
      expect((await get('post/findMany', { take: 20 })).status).toBe(200);
    } finally {
      await api.db.post.deleteMany({ where: { id: { startsWith: 'y' } } });
    }
  });

  test('included rows count toward maxRows', async () => {
    // 12 posts + 12 authors = 24 rows > 20.
    const { status, body } = await get('post/findMany', { include: { author: true } });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/counting included relations/);
    expect((await get('post/findMany', { take: 10, include: { author: true } })).status).toBe(200);
  });

  test('the steps of one $transaction share maxRows', async () => {
    const res = await fetch(`${api.endpoint}/$transaction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { model: 'post', op: 'findMany', args: { take: 12 } },
        { model: 'post', op: 'findMany', args: { take: 12 } },
      ]),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('LIMIT_EXCEEDED');
  });

  test('nothing was logged as a server fault', () => {
    expect(api.serverFaults).toEqual([]);
  });
});
