import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import type { QueryHooks } from '../../src/index.js';
import { clientContext, hookParam, withHooks } from '../../src/index.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

describe.each(await testDialects())('policy hooks on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  const events: { sql: string }[] = [];
  beforeAll(async () => {
    t = await openBlog(dialect, (e) => events.push(e as { sql: string }));
    db = t.db;
  });
  afterAll(() => t.drop());

  /** Only published posts are readable; users see only their own `email`. */
  const hooks = (userId: number): QueryHooks => ({
    rowFilter: (model, op, alias) =>
      model.name === 'Post' && op === 'read'
        ? sql<boolean>`${sql.ref(`${alias}.published`)} = ${sql.lit(dialect === 'sqlite' ? 1 : true)}`
        : true,
    fieldReadable: (model, field, alias) =>
      model.name === 'User' && field === 'email'
        ? sql<boolean>`${sql.ref(`${alias}.id`)} = ${hookParam('me')}`
        : true,
    cacheKey: 'published-only',
    param: (name) => (name === 'me' ? userId : undefined),
  });

  it('rowFilter applies to top-level reads, includes, _count, relation filters, count and groupBy', async () => {
    const h = withHooks(db, hooks(1));
    expect(
      (await h.post.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map(
        (p: any) => p.id,
      ),
    ).toEqual([1, 3, 4]);
    const u = await h.user.findUnique({
      where: { id: 1 },
      include: { posts: { select: { id: true } }, _count: { select: { posts: true } } },
    });
    expect(u.posts).toEqual([{ id: 1 }]);
    expect(u._count.posts).toBe(1);
    const withDrafts = await h.user.findMany({ where: { posts: { some: { views: 7 } } } });
    expect(withDrafts).toEqual([]);
    expect(await h.post.count()).toBe(3);
    expect(await h.post.aggregate({ _sum: { views: true } })).toEqual({ _sum: { views: 30 } });
    expect(
      (await h.post.groupBy({ by: ['authorId'], orderBy: { authorId: 'asc' } })).map(
        (g: any) => g.authorId,
      ),
    ).toEqual([1, 2]);
    expect(await db.post.count()).toBe(5);
  });

  it('fieldReadable masks a field to null inside the same statement, per user via hookParam', async () => {
    const asBob = withHooks(db, hooks(2));
    const users = await asBob.user.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, email: true },
    });
    expect(users.map((u: any) => u.email)).toEqual([null, 'bob@x.com', null, null]);
    const asAlice = withHooks(db, hooks(1));
    const p = await asAlice.post.findUnique({ where: { id: 1 }, include: { author: true } });
    expect(p.author.email).toBe('alice@x.com');
  });

  it('a false rowFilter answers without running a query', async () => {
    const none = withHooks(db, { rowFilter: (m) => m.name !== 'Post', cacheKey: 'no-posts' });
    const before = events.length;
    expect(await none.post.findMany()).toEqual([]);
    expect(await none.post.count()).toBe(0);
    expect(await none.post.findUnique({ where: { id: 1 } })).toBeNull();
    expect(events.length).toBe(before);
    const u = await none.user.findUnique({ where: { id: 1 }, include: { posts: true } });
    expect(u.posts).toEqual([]);
  });

  it('withHooks shares the pool and the plan cache', async () => {
    const a = withHooks(db, hooks(1));
    const b = withHooks(db, hooks(2));
    expect(clientContext(a).kysely).toBe(clientContext(db).kysely);
    await a.user.findMany({ where: { id: 1 } });
    const size = clientContext(db).plans.size;
    await b.user.findMany({ where: { id: 2 } });
    expect(clientContext(db).plans.size).toBe(size);
  });
});

describe.each(await testDialects())('plan cache on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  const events: { sql: string; params: readonly unknown[] }[] = [];
  beforeAll(async () => {
    t = await openBlog(dialect, (e) => events.push(e as any));
    db = t.db;
  });
  afterAll(() => t.drop());

  it('same shape, different values: one plan, same SQL, new parameters', async () => {
    const plans = clientContext(db).plans;
    await db.post.findMany({ where: { title: { contains: 'o' }, views: { gt: 1 } }, take: 2 });
    const size = plans.size;
    const first = events.at(-1)!;
    const rows = await db.post.findMany({
      where: { title: { contains: 'Draft' }, views: { gt: 6 } },
      take: 2,
    });
    expect(plans.size).toBe(size);
    const second = events.at(-1)!;
    expect(second.sql).toBe(first.sql);
    expect(second.params).not.toEqual(first.params);
    expect(rows.map((r: any) => r.id)).toEqual([5]);
  });

  it('take is a literal LIMIT; skip is literal on the first ten pages and bound beyond', async () => {
    const plans = clientContext(db).plans;
    const page = (take: number, skip: number) =>
      db.post.findMany({ where: { views: { gt: 0 } }, take, skip });
    await page(3, 2);
    const size = plans.size;
    expect(events.at(-1)!.sql).toMatch(/limit 3 offset (\?|\$\d+)$/);
    expect(events.at(-1)!.params).toHaveLength(2); // views and the bound skip
    await page(3, 4); // not a whole page: the same plan, another parameter
    expect(plans.size).toBe(size);
    await page(3, 6); // page 3: its own plan, with a literal offset
    expect(plans.size).toBe(size + 1);
    expect(events.at(-1)!.sql).toMatch(/limit 3 offset 6$/);
    expect(events.at(-1)!.params).toHaveLength(1);
    await page(3, 33); // page 12: bound again
    expect(plans.size).toBe(size + 1);
    await page(4, 2);
    expect(plans.size).toBe(size + 2);
    expect(events.at(-1)!.sql).toMatch(/limit 4 offset/);
  });

  it('a different shape gets its own plan', async () => {
    const plans = clientContext(db).plans;
    const size = plans.size;
    await db.post.findMany({ where: { title: { contains: 'o', mode: 'insensitive' } } });
    await db.post.findMany({ where: { title: null } });
    await db.post.findMany({ where: { id: { in: [1, 2, 3] } } });
    expect(plans.size).toBe(size + 3);
  });
});
