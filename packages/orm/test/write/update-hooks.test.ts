import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withHooks, WardenError } from '@warden/orm';
import type { QueryHooks } from '@warden/orm';
import { testDialects } from '@warden/test-kit';
import { clearAll, openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

/** One hook call, as recorded by `recording()`. */
interface Call {
  hook: 'before' | 'after';
  model: string;
  ids: unknown[];
  fields?: readonly string[];
  state?: unknown;
  origin: { site: { model: string; operation: string }; nested: boolean; path: string };
}

// beforeUpdate / afterUpdate: called around every UPDATE statement the ORM makes (top-level
// and nested), inside the mutation's transaction; a throw rolls the whole mutation back.
describe.each(await testDialects())('update hooks on %s', (dialect) => {
  let t: WriteDb;
  let db: any;
  let userId: string;
  let postId: number;

  /** Hooks that record their calls; `refuse` throws from beforeUpdate for that model. */
  const recording = (
    calls: Call[],
    opts: { refuse?: (model: string, fields: readonly string[]) => boolean; watch?: string[] } = {},
  ): QueryHooks =>
    ({
      cacheKey: 'update-hooks',
      ...(opts.watch
        ? { watchesUpdate: (model: any) => opts.watch!.includes(model.name as string) }
        : {}),
      beforeUpdate: (model: any, ids: any, fields: any, _ctx: any, origin: any) => {
        calls.push({ hook: 'before', model: model.name, ids, fields, origin });
        if (opts.refuse?.(model.name, fields))
          throw new WardenError('REJECTED_BY_POLICY', `no update of ${model.name}`, {
            reason: 'field-update',
          });
        return `state of ${model.name}`;
      },
      afterUpdate: (model: any, ids: any, _ctx: any, state: any, origin: any) => {
        calls.push({ hook: 'after', model: model.name, ids, state, origin });
      },
    }) as unknown as QueryHooks;

  beforeAll(async () => {
    t = await openWriteDb(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await clearAll(db);
    const u = await db.user.create({
      data: {
        email: 'h@x.io',
        name: 'Hal',
        posts: {
          create: [{ title: 'one', comments: { create: { body: 'c1' } } }, { title: 'two' }],
        },
      },
      include: { posts: { orderBy: { title: 'asc' } } },
    });
    userId = u.id;
    postId = u.posts[0].id;
    t.clearLog();
  });

  it('a top-level update: ids, written fields (no @updatedAt), state handed on', async () => {
    const calls: Call[] = [];
    const h = withHooks(db, recording(calls));
    const out = await h.post.update({ where: { id: postId }, data: { views: { increment: 2 } } });
    expect(out.views).toBe(2);
    expect(calls).toEqual([
      {
        hook: 'before',
        model: 'Post',
        ids: [{ id: postId }],
        fields: ['views'],
        origin: { site: { model: 'Post', operation: 'update' }, nested: false, path: 'data' },
      },
      {
        hook: 'after',
        model: 'Post',
        ids: [{ id: postId }],
        state: 'state of Post',
        origin: { site: { model: 'Post', operation: 'update' }, nested: false, path: 'data' },
      },
    ]);
  });

  it('nested update, updateMany and upsert, a to-one update and two levels deep', async () => {
    const calls: Call[] = [];
    const h = withHooks(db, recording(calls));
    await h.user.update({
      where: { id: userId },
      data: {
        posts: {
          update: {
            where: { id: postId },
            data: { title: 'uno', comments: { updateMany: { where: {}, data: { body: 'b' } } } },
          },
          updateMany: { where: { title: 'two' }, data: { published: true } },
          upsert: {
            where: { id: postId },
            create: { title: 'never' },
            update: { rating: 2.5 },
          },
        },
      },
    });
    await h.post.update({ where: { id: postId }, data: { author: { update: { age: 7 } } } });
    const befores = calls.filter((c) => c.hook === 'before');
    // A row's nested writes are part of its update: its fields name the relations written,
    // and its after comes once they are done (so a post-update rule sees them).
    expect(befores.map((c) => [c.model, c.fields, c.origin.nested, c.origin.path])).toEqual([
      ['User', ['posts'], false, 'data'],
      ['Post', ['title', 'comments'], true, 'data.posts.update.data'],
      ['Comment', ['body'], true, 'data.posts.update.data.comments.updateMany.data'],
      ['Post', ['published'], true, 'data.posts.updateMany.data'],
      ['Post', ['rating'], true, 'data.posts.upsert.update'],
      ['Post', ['author'], false, 'data'],
      ['User', ['age'], true, 'data.author.update'],
    ]);
    expect(befores[1]!.origin.site).toEqual({ model: 'User', operation: 'update' });
    expect(befores[6]!.ids).toEqual([{ id: userId }]);
    // Every before has its after, with its own state, nested like the writes.
    expect(calls.map((c) => `${c.hook} ${c.model} ${c.origin.path}`)).toEqual([
      'before User data',
      'before Post data.posts.update.data',
      'before Comment data.posts.update.data.comments.updateMany.data',
      'after Comment data.posts.update.data.comments.updateMany.data',
      'after Post data.posts.update.data',
      'before Post data.posts.updateMany.data',
      'after Post data.posts.updateMany.data',
      'before Post data.posts.upsert.update',
      'after Post data.posts.upsert.update',
      'after User data',
      'before Post data',
      'before User data.author.update',
      'after User data.author.update',
      'after Post data',
    ]);
    const afters = calls.filter((c) => c.hook === 'after');
    expect(afters.every((c) => c.state === `state of ${c.model}`)).toBe(true);
    const p = await db.post.findUnique({ where: { id: postId }, include: { comments: true } });
    expect([p.title, p.rating, p.comments[0].body]).toEqual(['uno', 2.5, 'b']);
    expect((await db.user.findUnique({ where: { id: userId } })).age).toBe(7);
  });

  it('a refusal deep in a nested write rolls the whole mutation back', async () => {
    const calls: Call[] = [];
    const h = withHooks(
      db,
      recording(calls, {
        refuse: (model, fields) => model === 'Comment' && fields.includes('body'),
      }),
    );
    await expect(
      h.user.update({
        where: { id: userId },
        data: {
          name: 'Changed',
          posts: {
            updateMany: { where: {}, data: { views: 9 } },
            update: {
              where: { id: postId },
              data: { comments: { updateMany: { where: {}, data: { body: 'bad' } } } },
            },
          },
        },
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'field-update' });
    expect((await db.user.findUnique({ where: { id: userId } })).name).toBe('Hal');
    expect((await db.post.findMany()).map((p: any) => p.views)).toEqual([0, 0]);
    expect((await db.comment.findFirst()).body).toBe('c1');
    // The refused statement never ran: no after for Comment.
    expect(calls.some((c) => c.hook === 'after' && c.model === 'Comment')).toBe(false);
  });

  it('foreign-key updates of nested connect and disconnect are updates of those rows', async () => {
    const other = await db.user.create({ data: { email: 'o@x.io' } });
    const c = await db.comment.create({ data: { body: 'loose' } });
    const calls: Call[] = [];
    const h = withHooks(db, recording(calls, { watch: ['Post', 'Comment'] }));
    await h.user.update({
      where: { id: other.id },
      data: { posts: { connect: { id: postId } } },
    });
    await h.post.update({ where: { id: postId }, data: { comments: { connect: { id: c.id } } } });
    // Disconnect runs before connect: this one matches no row yet, so no hook sees it.
    await h.post.update({
      where: { id: postId },
      data: { comments: { connect: { id: c.id }, disconnect: { id: c.id } } },
    });
    const befores = calls.filter((x) => x.hook === 'before');
    // The post's own row is updated too (its @updatedAt), writing its comments relation.
    expect(befores.map((x) => [x.model, x.fields, x.origin.path])).toEqual([
      ['Post', ['authorId'], 'data.posts.connect'],
      ['Post', ['comments'], 'data'],
      ['Comment', ['postId'], 'data.comments.connect'],
      ['Post', ['comments'], 'data'],
      ['Comment', ['postId'], 'data.comments.disconnect'],
      ['Comment', ['postId'], 'data.comments.connect'],
    ]);
    expect(befores[0]!.ids).toEqual([{ id: postId }]);
    expect((await db.post.findUnique({ where: { id: postId } })).authorId).toBe(other.id);
  });

  it('updates a hook declines keep the plain statements; none happen for matched-nothing', async () => {
    const calls: Call[] = [];
    const h = withHooks(db, recording(calls, { watch: ['Comment'] }));
    t.clearLog();
    await h.post.update({ where: { id: postId }, data: { views: 3 } });
    expect(calls).toEqual([]);
    expect(t.log.some((s) => /^select .* for update$/i.test(s))).toBe(false);
    await expect(
      h.comment.update({ where: { id: 'missing' }, data: { body: 'x' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.comment.updateMany({ where: { body: 'nope' }, data: { body: 'x' } })).toEqual({
      count: 0,
    });
    expect(calls).toEqual([]);
  });

  it('the plain client runs a flat update as one statement', async () => {
    t.clearLog();
    await db.post.update({ where: { id: postId }, data: { views: 4 } });
    expect(t.log).toHaveLength(1);
    expect(t.log[0]).toMatch(/^update /);
  });

  it('a watched update selects (and on PostgreSQL locks) the rows first, in a transaction', async () => {
    const h = withHooks(db, recording([]));
    t.clearLog();
    await h.post.updateMany({ where: { title: 'one' }, data: { views: 5 } });
    const sel = t.log.findIndex((s) => /^select .* from "Post"/.test(s));
    const upd = t.log.findIndex((s) => /^update "Post"/.test(s));
    expect(sel).toBeGreaterThanOrEqual(0);
    expect(upd).toBeGreaterThan(sel);
    expect(/ for update$/.test(t.log[sel]!)).toBe(dialect === 'postgresql');
  });

  it('updateMany with a limit: the hooks see exactly the rows changed', async () => {
    await db.post.createMany({
      data: ['a', 'b', 'c'].map((title) => ({ title, authorId: userId })),
    });
    const calls: Call[] = [];
    const h = withHooks(db, recording(calls));
    const res = await h.post.updateMany({ where: {}, data: { views: 1 }, limit: 2 });
    expect(res).toEqual({ count: 2 });
    const changed = (await db.post.findMany({ where: { views: 1 } })).map((p: any) => ({
      id: p.id,
    }));
    const sort = (xs: any[]) => [...xs].sort((a, b) => a.id - b.id);
    expect(sort(calls[0]!.ids)).toEqual(sort(changed));
    expect(sort(calls[1]!.ids)).toEqual(sort(changed));
    expect(calls[0]!.origin).toEqual({
      site: { model: 'Post', operation: 'updateMany' },
      nested: false,
      path: 'data',
    });
  });

  it('compound ids come as compound wheres; updateManyAndReturn returns the rows', async () => {
    const g = await db.group.create({ data: { name: 'g' } });
    await db.membership.create({ data: { userId, groupId: g.id } });
    const calls: Call[] = [];
    const h = withHooks(db, recording(calls));
    const rows = await h.membership.updateManyAndReturn({ data: { role: 'owner' } });
    expect(rows.map((r: any) => r.role)).toEqual(['owner']);
    expect(calls[0]!.ids).toEqual([{ userId_groupId: { userId, groupId: g.id } }]);
    expect(calls[0]!.fields).toEqual(['role']);
  });

  it('a top-level upsert that updates, and a refusal there, inside a caller transaction', async () => {
    const calls: Call[] = [];
    const h = withHooks(
      db,
      recording(calls, { refuse: (m, f) => m === 'Post' && f.includes('slug') }),
    );
    const up = await h.post.upsert({
      where: { id: postId },
      create: { title: 'never', authorId: userId },
      update: { views: 8 },
    });
    expect(up.views).toBe(8);
    expect(calls[0]!.origin).toEqual({
      site: { model: 'Post', operation: 'upsert' },
      nested: false,
      path: 'update',
    });
    await expect(
      h.$transaction(async (tx: any) => {
        await tx.user.update({ where: { id: userId }, data: { name: 'InTx' } });
        await tx.post.update({ where: { id: postId }, data: { slug: 's' } });
      }),
    ).rejects.toMatchObject({ reason: 'field-update' });
    expect((await db.user.findUnique({ where: { id: userId } })).name).toBe('Hal');
    expect((await db.post.findUnique({ where: { id: postId } })).slug).toBeNull();
  });
});
