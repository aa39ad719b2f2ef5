import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { openSeededBlog } from '../helpers/blog-db.js';
import type { OrmTestDb } from '../helpers/orm-db.js';

describe.each(await testDialects())('the seed blog scenario on %s', (dialect) => {
  let t: OrmTestDb;
  let db: any;
  const alice = { id: 'alice', role: 'Writer' };
  const bob = { id: 'bob', role: 'Reader' };

  beforeAll(async () => {
    t = await openSeededBlog(dialect);
    db = t.db;
  });
  afterAll(async () => {
    await t.close();
  });

  it('anyone can sign up, and the new user cannot be read back by an anonymous visitor', async () => {
    const anon = enhance(db);
    const err = await anon.user
      .create({ data: { id: 'carol', email: 'c@x.io', password: 'x' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'cannot-read-back' });
    expect((err as Error).message).toMatch(/WAS performed/);
    expect(await db.user.findUnique({ where: { id: 'carol' } })).not.toBeNull();
  });

  it('users read and manage only themselves', async () => {
    const asBob = enhance(db, { user: bob });
    expect((await asBob.user.findMany()).map((u: any) => u.id)).toEqual(['bob']);
    expect(await asBob.user.findUnique({ where: { id: 'alice' } })).toBeNull();
    await expect(
      asBob.user.update({ where: { id: 'alice' }, data: { name: 'x' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const me = await asBob.user.update({ where: { id: 'bob' }, data: { name: 'Bob' } });
    expect(me.name).toBe('Bob');
    await expect(asBob.user.delete({ where: { id: 'alice' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('drafts are visible only to their author; published posts to signed-in users only', async () => {
    const ids = async (c: any) =>
      (await c.post.findMany({ orderBy: { id: 'asc' } })).map((p: any) => p.id);
    expect(await ids(enhance(db))).toEqual([]);
    expect(await ids(enhance(db, { user: bob }))).toEqual(['p2']);
    expect(await ids(enhance(db, { user: alice }))).toEqual(['p1', 'p2']);
    expect(await enhance(db, { user: bob }).post.count()).toBe(1);
    expect(await enhance(db).post.count()).toBe(0);
    expect(await enhance(db, { user: bob }).post.findUnique({ where: { id: 'p1' } })).toBeNull();
  });

  it('a Reader cannot create a post, a Writer can', async () => {
    await expect(
      enhance(db, { user: bob }).post.create({
        data: { title: 'no', content: 'c', authorId: 'bob' },
      }),
    ).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'no-access',
      model: 'Post',
      operation: 'create',
    });
    expect(await db.post.count({ where: { authorId: 'bob' } })).toBe(0);
    const p = await enhance(db, { user: alice }).post.create({
      data: { id: 'p3', title: 'yes', content: 'c', authorId: 'alice' },
    });
    expect(p).toMatchObject({ id: 'p3', title: 'yes', status: 'draft' });
  });

  it('the author can update and delete their posts; others get 404 or 403', async () => {
    const asAlice = enhance(db, { user: alice });
    const asBob = enhance(db, { user: bob });
    expect(
      (await asAlice.post.update({ where: { id: 'p3' }, data: { title: 'edited' } })).title,
    ).toBe('edited');
    await expect(
      asBob.post.update({ where: { id: 'p3' }, data: { title: 'x' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      asBob.post.update({ where: { id: 'p2' }, data: { title: 'x' } }),
    ).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'no-access',
    });
    await expect(asBob.post.delete({ where: { id: 'p2' } })).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
    });
    expect((await asAlice.post.delete({ where: { id: 'p3' } })).id).toBe('p3');
    expect(await db.post.findUnique({ where: { id: 'p3' } })).toBeNull();
    expect(await asBob.post.updateMany({ data: { title: 'hacked' } })).toEqual({ count: 0 });
    expect(await asBob.post.deleteMany({})).toEqual({ count: 0 });
    expect(await db.post.count()).toBe(2);
  });

  it('includes and relation filters only see readable rows', async () => {
    const asBob = enhance(db, { user: bob });
    const withPosts = await enhance(db, { user: alice }).user.findUnique({
      where: { id: 'alice' },
      include: { posts: { orderBy: { id: 'asc' } }, _count: { select: { posts: true } } },
    });
    expect(withPosts.posts.map((p: any) => p.id)).toEqual(['p1', 'p2']);
    const post = await asBob.post.findUnique({ where: { id: 'p2' }, include: { author: true } });
    expect(post.author).toBeNull();
    expect(await asBob.user.count({ where: { posts: { some: { status: 'draft' } } } })).toBe(0);
  });

  it('raw SQL is refused unless opted in', async () => {
    const asBob = enhance(db, { user: bob });
    expect(() => asBob.$queryRaw`select 1`).toThrow(/allowRawSql/);
    expect(() => asBob.$qb).toThrow(/bypasses the access policies/);
    const opted = enhance(db, { user: bob }, { allowRawSql: true });
    expect(await opted.$queryRaw`select 1 as one`).toHaveLength(1);
  });

  it('check() answers without the database and $setAuth switches users', async () => {
    expect(await enhance(db, { user: bob }).post.check({ operation: 'create' })).toBe(false);
    expect(
      await enhance(db, { user: bob }).$setAuth(alice).post.check({ operation: 'create' }),
    ).toBe(true);
    expect((await enhance(db).$setAuth(alice).post.findMany()).length).toBe(2);
  });
});
