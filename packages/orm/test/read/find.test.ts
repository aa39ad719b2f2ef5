import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { isWardenError } from '../../src/index.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

describe.each(await testDialects())('find operations on %s', (dialect) => {
  let t: TestClient;
  let db: any;
  const events: unknown[] = [];
  beforeAll(async () => {
    t = await openBlog(dialect, (e) => events.push(e));
    db = t.db;
  });
  afterAll(() => t.drop());

  it('findMany returns all scalar fields except @omit ones, in schema order', async () => {
    const users = await db.user.findMany({ orderBy: { id: 'asc' } });
    expect(users).toHaveLength(4);
    expect(Object.keys(users[0])).toEqual(['id', 'email', 'name', 'role', 'invitedById']);
    expect(users[0]).toEqual({
      id: 1,
      email: 'alice@x.com',
      name: 'Alice',
      role: 'ADMIN',
      invitedById: null,
    });
  });

  it('maps @map / @@map names and decodes Date and Boolean', async () => {
    const p = await db.post.findUnique({ where: { id: 1 } });
    expect(p).toEqual({
      id: 1,
      title: 'Hello World',
      content: 'first',
      published: true,
      views: 10,
      createdAt: new Date(Date.UTC(2024, 0, 1, 12, 0, 0, 123)),
      authorId: 1,
    });
  });

  it('findUnique returns null for a missing row; OrThrow throws NOT_FOUND', async () => {
    expect(await db.user.findUnique({ where: { id: 999 } })).toBeNull();
    const err = await db.user.findUniqueOrThrow({ where: { id: 999 } }).catch((e: unknown) => e);
    expect(isWardenError(err) && err.code).toBe('NOT_FOUND');
    const err2 = await db.user
      .findFirstOrThrow({ where: { email: 'nobody' } })
      .catch((e: unknown) => e);
    expect(isWardenError(err2) && err2.code).toBe('NOT_FOUND');
  });

  it('findUnique accepts @unique fields and compound keys', async () => {
    expect((await db.user.findUnique({ where: { email: 'bob@x.com' } })).id).toBe(2);
    const p = await db.post.findUnique({
      where: { authorId_title: { authorId: 2, title: 'Bob writes' } },
    });
    expect(p.id).toBe(3);
    expect(
      await db.post.findUnique({ where: { authorId_title: { authorId: 1, title: 'Bob writes' } } }),
    ).toBeNull();
  });

  it('findUnique with a non-unique where is INVALID_INPUT', async () => {
    const err = await db.post.findUnique({ where: { title: 'Draft' } }).catch((e: unknown) => e);
    expect(isWardenError(err) && err.code).toBe('INVALID_INPUT');
    expect((err as Error).message).toMatch(/where: expected a unique filter/);
  });

  it('findFirst returns the first match in order, or null', async () => {
    expect(
      (await db.post.findFirst({ where: { published: true }, orderBy: { views: 'desc' } })).id,
    ).toBe(3);
    expect(await db.post.findFirst({ where: { title: 'nope' } })).toBeNull();
    expect((await db.post.findFirst({ orderBy: { id: 'asc' }, take: -1 })).id).toBe(5);
  });

  it('select picks fields, relations and nested selections', async () => {
    const p = await db.post.findUnique({
      where: { id: 1 },
      select: {
        title: true,
        author: { select: { email: true } },
        tags: { select: { name: true }, orderBy: { name: 'asc' } },
      },
    });
    expect(p).toEqual({
      title: 'Hello World',
      author: { email: 'alice@x.com' },
      tags: [{ name: 'news' }, { name: 'tech' }],
    });
  });

  it('include adds relations of every kind, nested, with where/orderBy/take/skip inside', async () => {
    const u = await db.user.findUnique({
      where: { id: 1 },
      include: {
        profile: true,
        invitees: { orderBy: { id: 'asc' }, select: { id: true } },
        posts: {
          where: { published: true },
          include: {
            tags: { orderBy: { id: 'desc' } },
            comments: { orderBy: { id: 'asc' }, take: 1, skip: 1 },
          },
        },
      },
    });
    expect(u.profile).toEqual({ id: 1, bio: 'hi alice', userId: 1 });
    expect(u.invitees).toEqual([{ id: 2 }, { id: 3 }]);
    expect(u.posts).toHaveLength(1);
    expect(u.posts[0].tags.map((x: any) => x.name)).toEqual(['tech', 'news']);
    expect(u.posts[0].comments).toEqual([{ id: 2, body: 'great', postId: 1, authorId: 3 }]);
    expect(u.posts[0].createdAt).toBeInstanceOf(Date);
    expect(u.posts[0].published).toBe(true);
  });

  it('to-one relations are null when absent; to-many are [] when empty', async () => {
    const u = await db.user.findUnique({
      where: { id: 3 },
      include: { profile: true, invitedBy: true, invitees: true },
    });
    expect(u.profile).toBeNull();
    expect(u.invitedBy.id).toBe(1);
    expect(u.invitees).toEqual([]);
  });

  it('nested take negative and cursor work inside include', async () => {
    const u = await db.user.findUnique({
      where: { id: 1 },
      include: {
        posts: { orderBy: { id: 'asc' }, take: -1, select: { id: true } },
        invitees: { cursor: { id: 3 }, select: { id: true } },
      },
    });
    expect(u.posts).toEqual([{ id: 2 }]);
    expect(u.invitees).toEqual([{ id: 3 }]);
  });

  it('omit hides fields; omit false shows an @omit field', async () => {
    const u = await db.user.findUnique({ where: { id: 4 }, omit: { email: true, secret: false } });
    expect(u).toEqual({ id: 4, name: 'dave', role: 'USER', secret: 's4', invitedById: 2 });
    const s = await db.user.findUnique({ where: { id: 4 }, select: { secret: true } });
    expect(s).toEqual({ secret: 's4' });
  });

  it('_count of relations, all or selected with filters, at top level and nested', async () => {
    const u = await db.user.findUnique({ where: { id: 1 }, include: { _count: true } });
    expect(u._count).toEqual({ invitees: 2, posts: 2, comments: 1 });
    const v = await db.user.findUnique({
      where: { id: 1 },
      select: { id: true, _count: { select: { posts: { where: { published: true } } } } },
    });
    expect(v).toEqual({ id: 1, _count: { posts: 1 } });
    const p = await db.post.findMany({
      where: { id: { in: [1, 3] } },
      orderBy: { id: 'asc' },
      select: { id: true, author: { select: { _count: { select: { posts: true } } } } },
    });
    expect(p).toEqual([
      { id: 1, author: { _count: { posts: 2 } } },
      { id: 3, author: { _count: { posts: 2 } } },
    ]);
  });

  it('includes the m-n relation from both sides', async () => {
    const tag = await db.tag.findUnique({
      where: { name: 'life' },
      include: { posts: { orderBy: { id: 'asc' }, select: { id: true } } },
    });
    expect(tag.posts).toEqual([{ id: 3 }, { id: 5 }]);
  });

  it('reads the whole graph in one statement', async () => {
    const before = events.length;
    const users = await db.user.findMany({
      orderBy: { id: 'asc' },
      include: {
        posts: { include: { tags: true, comments: { include: { author: true } } } },
        profile: true,
      },
    });
    expect(events.length - before).toBe(1);
    expect(users[0].posts[0].comments.map((c: any) => c.author.email).sort()).toEqual([
      'bob@x.com',
      'carol@x.com',
    ]);
  });
});
