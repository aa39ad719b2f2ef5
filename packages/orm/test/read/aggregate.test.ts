import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { Decimal } from '../../src/index.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';
import { BIG } from '../fixtures/blog-seed.js';

describe.each(await testDialects())('count, aggregate, groupBy on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  beforeAll(async () => {
    t = await openBlog(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());

  it('count with where, pagination and select', async () => {
    expect(await db.post.count()).toBe(5);
    expect(await db.post.count({ where: { published: true } })).toBe(3);
    expect(await db.post.count({ where: { author: { role: 'ADMIN' } } })).toBe(2);
    expect(await db.post.count({ take: 2 })).toBe(2);
    expect(await db.post.count({ skip: 4 })).toBe(1);
    expect(await db.post.count({ select: { _all: true, content: true } })).toEqual({
      _all: 5,
      content: 3,
    });
    expect(await db.post.count({ cursor: { id: 4 }, orderBy: { id: 'asc' } })).toBe(2);
  });

  it('exists', async () => {
    expect(await db.post.exists({ where: { views: 20 } })).toBe(true);
    expect(await db.post.exists({ where: { views: 21 } })).toBe(false);
  });

  it('aggregate _count _sum _avg _min _max', async () => {
    const r = await db.post.aggregate({
      _count: true,
      _sum: { views: true },
      _avg: { views: true },
      _min: { views: true, createdAt: true, title: true },
      _max: { views: true },
    });
    expect(r).toEqual({
      _count: 5,
      _sum: { views: 42 },
      _avg: { views: 8.4 },
      _min: {
        views: 0,
        createdAt: new Date(Date.UTC(2024, 0, 1, 12, 0, 0, 123)),
        title: 'Bob writes',
      },
      _max: { views: 20 },
    });
    const f = await db.post.aggregate({
      where: { published: true },
      _count: { _all: true, content: true },
      _sum: { views: true },
    });
    expect(f).toEqual({ _count: { _all: 3, content: 3 }, _sum: { views: 30 } });
    const page = await db.post.aggregate({
      orderBy: { views: 'desc' },
      take: 2,
      _sum: { views: true },
    });
    expect(page._sum.views).toBe(30);
    const none = await db.post.aggregate({
      where: { id: 99 },
      _sum: { views: true },
      _count: true,
    });
    expect(none).toEqual({ _sum: { views: null }, _count: 0 });
  });

  it('min/max of booleans and enums', async () => {
    const r = await db.post.aggregate({ _min: { published: true }, _max: { published: true } });
    expect(r).toEqual({ _min: { published: false }, _max: { published: true } });
    const g = await db.post.groupBy({
      by: ['authorId'],
      _min: { published: true },
      orderBy: { authorId: 'asc' },
    });
    expect(g.map((x: any) => x._min.published)).toEqual([false, true, false]);
  });

  it('aggregates keep BigInt and Decimal types', async () => {
    const r = await db.kitchen.aggregate({
      _sum: { big: true },
      _max: { big: true, dec: true },
      _min: { date: true },
    });
    expect(r._sum.big).toBe(BIG - 5n);
    expect(r._max.big).toBe(BIG);
    expect(r._max.dec).toBeInstanceOf(Decimal);
    expect(r._min.date).toEqual(new Date('2023-12-31T23:59:59.999Z'));
  });

  it('groupBy with aggregates, having, orderBy, take/skip', async () => {
    const g = await db.post.groupBy({
      by: ['authorId'],
      _count: { _all: true },
      _sum: { views: true },
      _avg: { views: true },
      orderBy: { authorId: 'asc' },
    });
    expect(g).toEqual([
      { authorId: 1, _count: { _all: 2 }, _sum: { views: 15 }, _avg: { views: 7.5 } },
      { authorId: 2, _count: { _all: 2 }, _sum: { views: 20 }, _avg: { views: 10 } },
      { authorId: 3, _count: { _all: 1 }, _sum: { views: 7 }, _avg: { views: 7 } },
    ]);
    const h = await db.post.groupBy({
      by: 'authorId',
      having: { views: { _sum: { gt: 10 } } },
      orderBy: { _sum: { views: 'desc' } },
    });
    expect(h).toEqual([{ authorId: 2 }, { authorId: 1 }]);
    const h2 = await db.post.groupBy({
      by: ['authorId'],
      where: { published: true },
      _max: { views: true },
      having: { authorId: { in: [1, 2] } },
      orderBy: { authorId: 'desc' },
      take: 1,
    });
    expect(h2).toEqual([{ authorId: 2, _max: { views: 20 } }]);
    const p = await db.post.groupBy({
      by: ['published', 'authorId'],
      _count: true,
      orderBy: [{ published: 'asc' }, { authorId: 'asc' }],
      skip: 1,
    });
    expect(p).toEqual([
      { published: false, authorId: 3, _count: 1 },
      { published: true, authorId: 1, _count: 1 },
      { published: true, authorId: 2, _count: 2 },
    ]);
    const c = await db.post.groupBy({
      by: ['authorId'],
      having: { id: { _count: { gte: 2 } } },
      orderBy: { _count: { id: 'asc' } },
      _min: { createdAt: true },
    });
    expect(c.map((x: any) => x.authorId).sort()).toEqual([1, 2]);
    expect(c[0]._min.createdAt).toBeInstanceOf(Date);
  });

  it('groupBy on an enum', async () => {
    const g = await db.user.groupBy({
      by: ['role'],
      _count: { _all: true },
      orderBy: { role: 'asc' },
    });
    expect(g.map((x: any) => [x.role, x._count._all])).toEqual(
      dialect === 'postgresql'
        ? [
            ['USER', 2],
            ['WRITER', 1],
            ['ADMIN', 1],
          ] // native enum: declaration order
        : [
            ['ADMIN', 1],
            ['USER', 2],
            ['WRITER', 1],
          ],
    );
  });
});
