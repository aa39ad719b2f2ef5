import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hookParam, withHooks, WardenError } from '@warden/orm';
import type { QueryHooks } from '@warden/orm';
import { testDialects } from '@warden/test-kit';
import { clearAll, openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

// The policy layer's seam: the row filter hook is ANDed into every UPDATE and DELETE (nested
// ones included), and results are read back through the read filter.
describe.each(await testDialects())('writes under row-filter hooks on %s', (dialect) => {
  let t: WriteDb;
  let db: any;
  let userId: string;
  const seen: string[] = [];
  const hooks = (max: number): QueryHooks => ({
    rowFilter: (model, operation, alias) => {
      seen.push(`${model.name}:${operation}`);
      if (model.name === 'Post' && operation !== 'read')
        return sql<boolean>`${sql.ref(`${alias}.views`)} < ${hookParam('max')}`;
      if (model.name === 'Comment' && operation === 'read')
        return sql<boolean>`${sql.ref(`${alias}.body`)} <> 'secret'`;
      return true;
    },
    cacheKey: 'views-limit',
    param: (name) => (name === 'max' ? max : undefined),
  });
  beforeAll(async () => {
    t = await openWriteDb(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await clearAll(db);
    seen.length = 0;
    userId = (await db.user.create({ data: { email: 'h@x.io' } })).id;
    await db.post.createMany({
      data: [0, 5, 10].map((views) => ({ title: `v${views}`, views, authorId: userId })),
    });
  });

  const post = (views: number) => db.post.findFirst({ where: { views } });

  it('update and delete only reach rows the filter lets through', async () => {
    const h = withHooks(db, hooks(6));
    const high = await post(10);
    await expect(
      h.post.update({ where: { id: high.id }, data: { title: 'x' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.post.delete({ where: { id: high.id } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await post(10)).title).toBe('v10');
    const low = await post(5);
    expect((await h.post.update({ where: { id: low.id }, data: { title: 'ok' } })).title).toBe(
      'ok',
    );
    expect(await h.post.updateMany({ data: { published: true } })).toEqual({ count: 2 });
    expect(await h.post.deleteMany({})).toEqual({ count: 2 });
    expect(await db.post.count()).toBe(1);
    expect(seen).toContain('Post:update');
    expect(seen).toContain('Post:delete');
  });

  it('hook parameters change per client while the plan is reused', async () => {
    const high = await post(10);
    await expect(
      withHooks(db, hooks(6)).post.update({ where: { id: high.id }, data: { views: 1 } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await withHooks(db, hooks(100)).post.update({
      where: { id: high.id },
      data: { views: 1 },
    });
    expect(r.views).toBe(1);
  });

  it('nested updates and deletes of related rows are filtered too', async () => {
    const h = withHooks(db, hooks(6));
    // The read filter shows the row, the update filter refuses it: refused, not missing.
    await expect(
      h.user.update({
        where: { id: userId },
        data: {
          posts: {
            update: {
              where: { authorId_title: { authorId: userId, title: 'v10' } },
              data: { title: 'no' },
            },
          },
        },
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'no-access', model: 'Post' });
    expect((await post(10)).title).toBe('v10');
    const u = await h.user.update({
      where: { id: userId },
      data: {
        posts: { updateMany: { where: {}, data: { published: true } }, deleteMany: { views: 0 } },
      },
    });
    expect(u.id).toBe(userId);
    expect(
      (await db.post.findMany({ where: { published: true } })).map((p: any) => p.title),
    ).toEqual(['v5']);
    expect(await db.post.count()).toBe(2);
  });

  it('results are read back through the read filter', async () => {
    const h = withHooks(db, hooks(6));
    const p = await post(0);
    const c = await h.comment.create({ data: { body: 'fine', postId: p.id } });
    expect(c.body).toBe('fine');
    await expect(h.comment.create({ data: { body: 'secret' } })).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'cannot-read-back',
    });
    const withComments = await h.post.update({
      where: { id: p.id },
      data: { comments: { create: { body: 'secret' } } },
      include: { comments: true },
    });
    expect(withComments.comments.map((x: any) => x.body)).toEqual(['fine']);
  });

  it('reads back every row of a large createManyAndReturn, in order (SQLite caps OR at 1000)', async () => {
    const h = withHooks(db, hooks(6));
    const data = Array.from({ length: 1200 }, (_, i) => ({ body: `bulk ${i}` }));
    const rows = await h.comment.createManyAndReturn({ data, select: { body: true } });
    expect(rows.map((r: { body: string }) => r.body)).toEqual(data.map((d) => d.body));
    await expect(
      h.comment.createManyAndReturn({ data: [{ body: 'ok' }, { body: 'secret' }] }),
    ).rejects.toMatchObject({ reason: 'cannot-read-back' });
  });
  it('beforeCreate sees every row and can refuse the whole mutation', async () => {
    const made: string[] = [];
    const h = withHooks(db, {
      beforeCreate: (model: any, row: any) => {
        made.push(`${model.name}:${row.data.title ?? row.data.body ?? row.data.email}`);
        if (row.data.body === 'forbidden')
          throw new WardenError('REJECTED_BY_POLICY', 'no', { reason: 'no-access' });
      },
      cacheKey: 'create-check',
    } as QueryHooks);
    const before = await db.comment.count();
    await expect(
      h.post.create({
        data: {
          title: 'n',
          authorId: userId,
          comments: { create: [{ body: 'ok' }, { body: 'forbidden' }] },
        },
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
    expect(made).toEqual(['Post:n', 'Comment:ok', 'Comment:forbidden']);
    expect(await db.comment.count()).toBe(before);
    expect(await db.post.count({ where: { title: 'n' } })).toBe(0);
  });

  it('afterUpdate runs in the transaction with the updated ids and can roll back', async () => {
    const calls: unknown[] = [];
    const h = withHooks(db, {
      afterUpdate: async (model: any, ids: any, ctx: any) => {
        calls.push([model.name, ids]);
        // Runs on the transaction's connection: it sees the uncommitted update.
        const rows = await ctx.kysely
          .selectFrom('Post')
          .select(['views'])
          .where(
            'id',
            'in',
            ids.map((i: any) => i.id),
          )
          .execute();
        if (rows.some((r: any) => r.views > 50))
          throw new WardenError('REJECTED_BY_POLICY', 'post-update', { reason: 'post-update' });
      },
      cacheKey: 'post-update',
    } as QueryHooks);
    const p = await post(5);
    expect((await h.post.update({ where: { id: p.id }, data: { views: 20 } })).views).toBe(20);
    expect(calls).toEqual([['Post', [{ id: p.id }]]]);
    await expect(h.post.update({ where: { id: p.id }, data: { views: 99 } })).rejects.toMatchObject(
      { reason: 'post-update' },
    );
    await expect(h.post.updateMany({ data: { views: { increment: 45 } } })).rejects.toMatchObject({
      reason: 'post-update',
    });
    expect(
      (await db.post.findMany({ orderBy: { views: 'asc' } })).map((r: any) => r.views),
    ).toEqual([0, 10, 20]);
    expect(
      await h.post.updateMany({ where: { views: { lt: 15 } }, data: { views: { increment: 1 } } }),
    ).toEqual({ count: 2 });
  });

  it('authDefault fills @default(auth().id)', async () => {
    const h = withHooks(db, {
      authDefault: (_m: any, _f: any, path: any) => (path[0] === 'id' ? userId : undefined),
      cacheKey: 'auth',
    } as QueryHooks);
    expect((await h.comment.create({ data: { body: 'mine' } })).ownerId).toBe(userId);
    expect((await db.comment.create({ data: { body: 'anon' } })).ownerId).toBeNull();
  });
});
