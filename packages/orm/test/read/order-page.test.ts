import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

describe.each(await testDialects())('ordering and pagination on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openBlog(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  const ids = (rows: any[]) => rows.map((r) => r.id);
  const posts = async (args: object) =>
    ids(await db.post.findMany({ ...args, select: { id: true } }));

  it('orders by scalars, several keys, arrays of objects', async () => {
    expect(await posts({ orderBy: { views: 'desc' } })).toEqual([3, 1, 5, 2, 4]);
    expect(await posts({ orderBy: [{ published: 'asc' }, { views: 'asc' }] })).toEqual([
      2, 5, 4, 1, 3,
    ]);
    expect(await posts({ orderBy: { createdAt: 'desc' } })).toEqual([5, 4, 3, 2, 1]);
  });

  it('nulls first / last', async () => {
    expect(
      await posts({ orderBy: [{ content: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }] }),
    ).toEqual([2, 5, 3, 1, 4]);
    expect(
      await posts({ orderBy: [{ content: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }] }),
    ).toEqual([3, 1, 4, 2, 5]);
    expect(
      await posts({ orderBy: [{ content: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] }),
    ).toEqual([4, 1, 3, 2, 5]);
  });

  it('orders by a to-one relation field and by relation _count', async () => {
    expect(await posts({ orderBy: [{ author: { email: 'desc' } }, { id: 'asc' }] })).toEqual([
      5, 3, 4, 1, 2,
    ]);
    const users = await db.user.findMany({
      orderBy: [{ posts: { _count: 'desc' } }, { id: 'desc' }],
      select: { id: true },
    });
    expect(ids(users)).toEqual([2, 1, 3, 4]);
    const tags = await db.tag.findMany({
      orderBy: [{ posts: { _count: 'asc' } }, { id: 'asc' }],
      select: { id: true },
    });
    expect(ids(tags)).toEqual([1, 2, 3]);
  });

  it('skip and take, negative take', async () => {
    expect(await posts({ orderBy: { id: 'asc' }, take: 2 })).toEqual([1, 2]);
    expect(await posts({ orderBy: { id: 'asc' }, skip: 3 })).toEqual([4, 5]);
    expect(await posts({ orderBy: { id: 'asc' }, skip: 1, take: 2 })).toEqual([2, 3]);
    expect(await posts({ orderBy: { id: 'asc' }, take: -2 })).toEqual([4, 5]);
    expect(await posts({ orderBy: { id: 'asc' }, take: -2, skip: 1 })).toEqual([3, 4]);
    expect(await posts({ orderBy: { views: 'desc' }, take: -2 })).toEqual([2, 4]);
    expect(await posts({ take: 0 })).toEqual([]);
  });

  it('every skip of one shape reads its own rows, inlined (first pages) or bound', async () => {
    // skip is a literal OFFSET on whole pages up to the tenth and a parameter otherwise: the
    // plans of one shape must never answer for another skip.
    const all = await posts({ orderBy: { id: 'asc' } });
    for (const take of [1, 2, -1]) {
      for (const skip of [0, 1, 2, 3, 4, 5, 6, 11, 12]) {
        const expected =
          take > 0
            ? all.slice(skip, skip + take)
            : all.slice(Math.max(0, all.length - skip + take), Math.max(0, all.length - skip));
        expect(
          await posts({ orderBy: { id: 'asc' }, skip, take }),
          `skip ${skip} take ${take}`,
        ).toEqual(expected);
      }
    }
    const authors = await db.user.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, posts: { orderBy: { id: 'asc' }, select: { id: true } } },
    });
    for (const skip of [0, 1, 2, 3]) {
      const paged = await db.user.findMany({
        orderBy: { id: 'asc' },
        select: {
          id: true,
          posts: { orderBy: { id: 'asc' }, skip, take: 1, select: { id: true } },
        },
      });
      expect(paged).toEqual(
        authors.map((a: any) => ({ ...a, posts: a.posts.slice(skip, skip + 1) })),
      );
    }
  });

  it('cursor pagination forward and backward', async () => {
    expect(await posts({ orderBy: { id: 'asc' }, cursor: { id: 3 }, take: 2 })).toEqual([3, 4]);
    expect(await posts({ orderBy: { id: 'asc' }, cursor: { id: 3 }, take: 2, skip: 1 })).toEqual([
      4, 5,
    ]);
    expect(await posts({ orderBy: { id: 'asc' }, cursor: { id: 3 }, take: -2 })).toEqual([2, 3]);
    expect(await posts({ orderBy: { views: 'desc' }, cursor: { id: 5 }, take: 10 })).toEqual([
      5, 2, 4,
    ]);
    expect(await posts({ cursor: { id: 99 }, take: 10 })).toEqual([]);
    expect(
      await posts({ orderBy: [{ published: 'asc' }, { views: 'desc' }], cursor: { id: 5 } }),
    ).toEqual([5, 2, 3, 1, 4]);
  });

  it('distinct keeps the first row of each group in order', async () => {
    const rows = await db.post.findMany({
      distinct: ['authorId'],
      orderBy: { views: 'desc' },
      select: { id: true, authorId: true },
    });
    expect(rows).toEqual([
      { id: 3, authorId: 2 },
      { id: 1, authorId: 1 },
      { id: 5, authorId: 3 },
    ]);
    const two = await db.post.findMany({
      distinct: ['published', 'authorId'],
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    expect(ids(two)).toEqual([1, 2, 3, 5]);
    const nested = await db.user.findUnique({
      where: { id: 1 },
      include: { posts: { distinct: 'published', orderBy: { id: 'desc' }, select: { id: true } } },
    });
    expect(ids(nested.posts)).toEqual([2, 1]);
  });

  it('nested orderBy by relation inside include', async () => {
    const tag = await db.tag.findUnique({
      where: { id: 1 },
      include: { posts: { orderBy: { author: { email: 'desc' } }, select: { id: true } } },
    });
    expect(ids(tag.posts)).toEqual([3, 1]);
  });
});
