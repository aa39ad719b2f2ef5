import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { openSeededBlog } from '../helpers/blog-db.js';
import type { OrmTestDb } from '../helpers/orm-db.js';

describe.each(await testDialects())('per-row permissions on %s', (dialect) => {
  let t: OrmTestDb;
  let db: any;
  const alice = { id: 'alice', role: 'Writer' };
  const bob = { id: 'bob', role: 'Reader' };

  beforeAll(async () => {
    t = await openSeededBlog(dialect);
    db = t.db;
    await db.post.create({
      data: { id: 'p3', title: 'Bob’s', content: 'c', status: 'published', authorId: 'bob' },
    });
  });
  afterAll(() => t.close());

  it('the author may do everything to their rows; others only read what is published', async () => {
    const ids = ['p1', 'p2', 'p3', 'missing'];
    expect(await enhance(db, { user: alice }).post.permissions({ ids })).toEqual({
      p1: { read: true, update: true, delete: true },
      p2: { read: true, update: true, delete: true },
      p3: { read: true, update: false, delete: false },
    });
    expect(await enhance(db, { user: bob }).post.permissions({ ids })).toEqual({
      p2: { read: true, update: false, delete: false },
      p3: { read: true, update: true, delete: true },
    });
  });

  it('an anonymous visitor sees no rows at all, without a query', async () => {
    expect(await enhance(db).post.permissions({ ids: ['p1', 'p2', 'p3'] })).toEqual({});
  });

  it('agrees with what the operations themselves do', async () => {
    const asBob = enhance(db, { user: bob });
    const perms = await asBob.post.permissions({ ids: ['p2', 'p3'], operations: ['update'] });
    expect(perms).toEqual({ p2: { update: false }, p3: { update: true } });
    await expect(
      asBob.post.update({ where: { id: 'p2' }, data: { title: 'x' } }),
    ).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
    });
    expect(
      (await asBob.post.update({ where: { id: 'p3' }, data: { title: 'Bob again' } })).title,
    ).toBe('Bob again');
  });

  it('the plain client can do everything to every existing row', async () => {
    expect(await db.post.permissions({ ids: ['p1', 'nope'], operations: ['delete'] })).toEqual({
      p1: { delete: true },
    });
  });

  it('bad arguments are INVALID_INPUT naming the path', async () => {
    const p = enhance(db, { user: alice }).post;
    await expect(p.permissions({})).rejects.toMatchObject({ code: 'INVALID_INPUT', path: 'ids' });
    await expect(p.permissions({ ids: [] })).rejects.toMatchObject({ path: 'ids' });
    await expect(p.permissions({ ids: [1] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(p.permissions({ ids: ['p1'], operations: ['create'] })).rejects.toMatchObject({
      path: 'operations[0]',
    });
    await expect(p.permissions({ ids: ['p1'], nope: 1 })).rejects.toMatchObject({ path: 'nope' });
    await expect(p.permissions({ ids: Array(1001).fill('x') })).rejects.toMatchObject({
      path: 'ids',
    });
  });
});
