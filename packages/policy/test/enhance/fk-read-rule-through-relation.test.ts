import { testDialects } from '@warden/test-kit';
import { describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// A foreign key hidden by a field read rule hides its relation too: whoever may not read
// `Post.authorId` may not learn it by following `author` (results, nested selects, filters,
// ordering, counts), nor from the other side (`User.posts` and its count are joined through
// the same hidden key, so the link does not show there either). `Profile.userId` is the same
// on a one-to-one relation whose back side (`User.profile`) is read from the user.
const text = `
model User {
  id      Int      @id
  name    String
  admin   Boolean  @default(false)
  posts   Post[]
  profile Profile?
  @@allow('all', true)
}

model Post {
  id       Int    @id
  title    String
  authorId Int    @allow('read', auth().admin)
  author   User   @relation(fields: [authorId], references: [id])
  @@allow('all', true)
}

model Profile {
  id     Int    @id
  bio    String
  userId Int    @unique @allow('read', auth().admin)
  user   User   @relation(fields: [userId], references: [id])
  @@allow('all', true)
}
`;

describe.each(await testDialects())('a hidden foreign key hides its relation, on %s', (dialect) => {
  let db: any;
  const reader = () => enhance(db, { user: { id: 9, admin: false } }) as any;
  const admin = () => enhance(db, { user: { id: 8, admin: true } }) as any;
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

  ormTestDb(dialect, text, async (opened) => {
    db = opened;
    await opened.user.createMany({
      data: [
        { id: 1, name: 'zed' },
        { id: 2, name: 'amy' },
      ],
    });
    await opened.post.createMany({
      data: [
        { id: 1, title: 'p1', authorId: 1 },
        { id: 2, title: 'p2', authorId: 2 },
        { id: 3, title: 'p3', authorId: 1 },
      ],
    });
    await opened.profile.create({ data: { id: 1, bio: 'b', userId: 1 } });
  });

  it('an included or selected relation reads as null, as its key does', async () => {
    expect(await reader().post.findUnique({ where: { id: 1 }, include: { author: true } })).toEqual(
      { id: 1, title: 'p1', authorId: null, author: null },
    );
    // Scalars only (a joined read) and with a nested relation (a JSON subquery).
    expect(
      await reader().post.findMany({
        select: { id: true, author: { select: { name: true } } },
        orderBy: { id: 'asc' },
      }),
    ).toEqual([
      { id: 1, author: null },
      { id: 2, author: null },
      { id: 3, author: null },
    ]);
    expect(
      await reader().post.findFirst({
        where: { id: 1 },
        select: { author: { include: { posts: true, _count: true } } },
      }),
    ).toEqual({ author: null });
    expect(
      await reader().profile.findUnique({ where: { id: 1 }, include: { user: true } }),
    ).toEqual({ id: 1, bio: 'b', userId: null, user: null });
    // Who may read the key reads the relation.
    expect(
      await admin().post.findUnique({
        where: { id: 1 },
        select: { author: { select: { id: true } } },
      }),
    ).toEqual({ author: { id: 1 } });
  });

  it('the other side does not show the link: lists, back relations and counts', async () => {
    expect(
      await reader().user.findUnique({
        where: { id: 1 },
        include: { posts: true, profile: true, _count: { select: { posts: true } } },
      }),
    ).toEqual({ id: 1, name: 'zed', admin: false, posts: [], profile: null, _count: { posts: 0 } });
    expect(
      await admin().user.findUnique({
        where: { id: 1 },
        select: {
          posts: { select: { id: true } },
          profile: { select: { id: true } },
          _count: true,
        },
      }),
    ).toEqual({ posts: [{ id: 1 }, { id: 3 }], profile: { id: 1 }, _count: { posts: 2 } });
    // The posts themselves stay readable: only the link is hidden.
    expect(await reader().post.count()).toBe(3);
  });

  it('filters through the relation match as filters on the key do: nothing', async () => {
    const r = reader();
    expect(await r.post.findMany({ where: { authorId: 1 } })).toEqual([]);
    expect(await r.post.findMany({ where: { author: { id: 1 } } })).toEqual([]);
    expect(await r.post.findMany({ where: { author: { is: { name: 'zed' } } } })).toEqual([]);
    expect(await r.post.count({ where: { author: { isNot: { name: 'zed' } } } })).toBe(3);
    expect(await r.user.findMany({ where: { posts: { some: {} } } })).toEqual([]);
    expect(await r.user.count({ where: { posts: { none: {} } } })).toBe(2);
    expect(await r.user.count({ where: { profile: { is: { bio: 'b' } } } })).toBe(0);
    expect(await r.profile.count({ where: { user: { name: 'zed' } } })).toBe(0);
    expect(ids(await admin().post.findMany({ where: { author: { name: 'zed' } } }))).toEqual([
      1, 3,
    ]);
    expect(
      ids(await admin().user.findMany({ where: { posts: { some: { title: 'p2' } } } })),
    ).toEqual([2]);
  });

  it('ordering by the relation or its count does not reveal the link', async () => {
    // By author name, 'amy' (post 2) would come first; by post count, user 1 (two posts).
    const byAuthor = { orderBy: [{ author: { name: 'asc' } }, { id: 'desc' }] };
    expect(ids(await admin().post.findMany(byAuthor))).toEqual([2, 3, 1]);
    expect(ids(await reader().post.findMany(byAuthor))).toEqual([3, 2, 1]);
    const byCount = { orderBy: [{ posts: { _count: 'desc' } }, { id: 'desc' }] };
    expect(ids(await admin().user.findMany(byCount))).toEqual([1, 2]);
    expect(ids(await reader().user.findMany(byCount))).toEqual([2, 1]);
  });

  it('nested updates and deletes do not follow a hidden link (NOT_FOUND, nothing written)', async () => {
    const r = reader();
    const user1 = (data: object) => r.user.update({ where: { id: 1 }, data });
    await expect(
      user1({ posts: { update: { where: { id: 1 }, data: { title: 'x' } } } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Post' });
    await expect(user1({ posts: { delete: { id: 1 } } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      model: 'Post',
    });
    await user1({ posts: { updateMany: { where: {}, data: { title: 'y' } } } });
    await user1({ posts: { deleteMany: {} } });
    await expect(user1({ profile: { update: { bio: 'x' } } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      model: 'Profile',
    });
    await expect(
      r.post.update({ where: { id: 1 }, data: { author: { update: { name: 'x' } } } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'User' });
    await expect(
      r.post.update({
        where: { id: 1 },
        data: { author: { upsert: { create: { id: 7, name: 'n' }, update: { name: 'x' } } } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'User' });
    expect(
      (await db.post.findMany({ orderBy: { id: 'asc' } })).map((p: any) => [p.title, p.authorId]),
    ).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p3', 1],
    ]);
    expect((await db.user.findMany({ orderBy: { id: 'asc' } })).map((u: any) => u.name)).toEqual([
      'zed',
      'amy',
    ]);
    expect(await db.profile.findUnique({ where: { id: 1 } })).toMatchObject({ bio: 'b' });
    // Who may read the key reaches the linked rows.
    await admin().user.update({
      where: { id: 1 },
      data: { posts: { update: { where: { id: 1 }, data: { title: 'p1!' } } } },
    });
    expect((await db.post.findUnique({ where: { id: 1 } })).title).toBe('p1!');
    await db.post.update({ where: { id: 1 }, data: { title: 'p1' } });
  });
});
