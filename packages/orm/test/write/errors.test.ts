import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { clearAll, openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

describe.each(await testDialects())('write errors on %s', (dialect) => {
  let t: WriteDb;
  let db: any;
  let userId: string;
  beforeAll(async () => {
    t = await openWriteDb(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await clearAll(db);
    userId = (await db.user.create({ data: { email: 'e@x.io' } })).id;
    t.clearLog();
  });

  const counts = async () => ({
    users: await db.user.count(),
    posts: await db.post.count(),
    comments: await db.comment.count(),
    tags: await db.tag.count(),
    profiles: await db.profile.count(),
  });

  it('unique violations are UNIQUE_CONSTRAINT naming the fields', async () => {
    const err = await db.user.create({ data: { email: 'e@x.io' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNIQUE_CONSTRAINT', model: 'User', fields: ['email'] });
    await db.post.create({ data: { title: 'a', authorId: userId } });
    const compound = await db.post
      .create({ data: { title: 'a', authorId: userId } })
      .catch((e: unknown) => e);
    expect(compound.code).toBe('UNIQUE_CONSTRAINT');
    expect([...compound.fields].sort()).toEqual(['authorId', 'title']);
    const p = await db.post.create({ data: { title: 'b', authorId: userId, slug: 's' } });
    await expect(
      db.post.update({ where: { id: p.id }, data: { title: 'a' } }),
    ).rejects.toMatchObject({ code: 'UNIQUE_CONSTRAINT' });
  });

  it('foreign-key violations are FOREIGN_KEY', async () => {
    await expect(
      db.post.create({ data: { title: 'x', authorId: 'nobody' } }),
    ).rejects.toMatchObject({ code: 'FOREIGN_KEY' });
    const p = await db.post.create({ data: { title: 'x', authorId: userId } });
    await expect(
      db.post.update({ where: { id: p.id }, data: { authorId: 'nobody' } }),
    ).rejects.toMatchObject({ code: 'FOREIGN_KEY' });
    await expect(
      db.post.createMany({ data: [{ title: 'y', authorId: 'nobody' }] }),
    ).rejects.toMatchObject({ code: 'FOREIGN_KEY' });
  });

  it('connect to a missing row is NOT_FOUND and writes nothing', async () => {
    const before = await counts();
    const err = await db.post
      .create({ data: { title: 'x', author: { connect: { id: 'missing' } } } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', model: 'User', path: 'data.author.connect' });
    await expect(
      db.user.create({
        data: {
          email: 'n@x.io',
          posts: { create: { title: 'p' } },
          profile: { connect: { id: 987654 } },
        },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Profile' });
    await expect(
      db.post.create({
        data: { title: 'x', authorId: userId, tags: { connect: [{ name: 'nope' }] } },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', model: 'Tag' });
    expect(await counts()).toEqual(before);
  });

  it('a failure deep inside nested writes leaves nothing behind', async () => {
    const before = await counts();
    await expect(
      db.user.create({
        data: {
          email: 'deep@x.io',
          profile: { create: { bio: 'b' } },
          posts: {
            create: [
              {
                title: 'ok',
                comments: { create: [{ body: 'c' }] },
                tags: { create: [{ name: 'tg' }] },
              },
              { title: 'ok' }, // (authorId, title) unique: fails after the first post and its children
            ],
          },
        },
      }),
    ).rejects.toMatchObject({ code: 'UNIQUE_CONSTRAINT' });
    expect(await counts()).toEqual(before);
    const p = await db.post.create({ data: { title: 'keep', authorId: userId } });
    await expect(
      db.post.update({
        where: { id: p.id },
        data: {
          title: 'changed',
          comments: { create: { body: 'x' } },
          author: { update: { email: 'e@x.io', name: 'Xavier' } },
          tags: { connect: { name: 'none' } },
        },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.post.findUnique({ where: { id: p.id } })).title).toBe('keep');
    expect((await db.user.findUnique({ where: { id: userId } })).name).toBeNull();
    expect(await db.comment.count()).toBe(0);
  });

  it('$transaction rolls back writes, nested ones included', async () => {
    const before = await counts();
    await expect(
      db.$transaction(async (tx: any) => {
        await tx.user.create({ data: { email: 't1@x.io', posts: { create: [{ title: 'a' }] } } });
        await tx.post.update({
          where: { authorId_title: { authorId: userId, title: 'nope' } },
          data: { views: 1 },
        });
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await counts()).toEqual(before);
    await expect(
      db.$transaction([
        db.user.create({ data: { email: 't2@x.io' } }),
        db.user.create({ data: { email: 't2@x.io' } }),
      ]),
    ).rejects.toMatchObject({ code: 'UNIQUE_CONSTRAINT' });
    expect(await counts()).toEqual(before);
    const [a, b] = await db.$transaction([
      db.user.create({ data: { email: 't3@x.io' } }),
      db.tag.create({ data: { name: 'tt' } }),
    ]);
    expect(a.email).toBe('t3@x.io');
    expect(b.name).toBe('tt');
  });

  describe('bad input is INVALID_INPUT with a path, before any SQL, writing nothing', () => {
    const cases: [string, () => Promise<unknown>, string, RegExp][] = [
      [
        'wrong type',
        () => db.post.create({ data: { title: 5, authorId: userId } }),
        'data.title',
        /expected String, got number/,
      ],
      [
        'unknown field',
        () => db.user.create({ data: { email: 'q@x.io', nope: 1 } }),
        'data.nope',
        /unknown field 'nope'/,
      ],
      [
        'missing required',
        () => db.post.create({ data: { authorId: userId } }),
        'data.title',
        /missing required field/,
      ],
      [
        'missing relation',
        () => db.post.create({ data: { title: 'x' } }),
        'data.author',
        /missing required/,
      ],
      [
        'wrong enum',
        () => db.user.create({ data: { email: 'q@x.io', role: 'BOSS' } }),
        'data.role',
        /USER \| ADMIN/,
      ],
      [
        'null for required',
        () => db.user.create({ data: { email: null } }),
        'data.email',
        /got null/,
      ],
      [
        '__proto__ key',
        () =>
          db.user.create({ data: JSON.parse('{"email":"q@x.io","__proto__":{"role":"ADMIN"}}') }),
        'data.__proto__',
        /unknown field/,
      ],
      [
        'non-integer Int',
        () => db.post.create({ data: { title: 'x', authorId: userId, views: 1.5 } }),
        'data.views',
        /Int/,
      ],
      [
        'nested wrong type',
        () =>
          db.user.create({
            data: { email: 'q@x.io', posts: { create: [{ title: 'ok' }, { title: false }] } },
          }),
        'data.posts.create[1].title',
        /expected String/,
      ],
      [
        'nested unknown op',
        () => db.user.create({ data: { email: 'q@x.io', posts: { destroy: {} } } }),
        'data.posts.destroy',
        /unknown nested write/,
      ],
      [
        'to-one given a list',
        () => db.post.create({ data: { title: 'x', author: { create: [{ email: 'z@x.io' }] } } }),
        'data.author.create',
        /expected an object/,
      ],
      [
        'relation not an object',
        () => db.user.create({ data: { email: 'q@x.io', posts: [1] } }),
        'data.posts',
        /expected an object/,
      ],
      [
        'connect where not unique',
        () => db.post.create({ data: { title: 'x', author: { connect: { name: 'n' } } } }),
        'data.author.connect',
        /unique/,
      ],
      [
        'connect where wrong type',
        () => db.post.create({ data: { title: 'x', author: { connect: { id: 7 } } } }),
        'data.author.connect.id',
        /expected String/,
      ],
      [
        'bad number op',
        () => db.post.update({ where: { id: 1 }, data: { views: { add: 1 } } }),
        'data.views',
        /increment/,
      ],
      [
        'bad list push',
        () => db.kitchen.update({ where: { id: 'k' }, data: { lucky: { push: 'x' } } }),
        'data.lucky.push[0]',
        /expected Int/,
      ],
      [
        'bad where value',
        () => db.post.update({ where: { id: 'one' }, data: { title: 'x' } }),
        'where.id',
        /expected Int/,
      ],
      [
        'unknown argument',
        () => db.post.create({ data: { title: 'x', authorId: userId }, foo: 1 }),
        'foo',
        /unknown argument/,
      ],
      ['missing data', () => db.post.create({}), 'data', /missing/],
      [
        'bad select',
        () => db.post.create({ data: { title: 'x', authorId: userId }, select: { nope: true } }),
        'select.nope',
        /unknown field/,
      ],
      [
        'createMany with relations',
        () =>
          db.user.createMany({ data: [{ email: 'q@x.io', posts: { create: { title: 'x' } } }] }),
        'data[0]',
        /cannot write relations/,
      ],
      [
        'upsert bad update',
        () =>
          db.post.upsert({
            where: { id: 1 },
            create: { title: 'x', authorId: userId },
            update: { views: 'many' },
          }),
        'update.views',
        /expected Int/,
      ],
      [
        'disconnect with a required key',
        () => db.user.update({ where: { id: userId }, data: { posts: { disconnect: { id: 1 } } } }),
        'data.posts.disconnect',
        /Post.authorId is required/,
      ],
      [
        'set with a required key',
        () => db.user.update({ where: { id: userId }, data: { posts: { set: [] } } }),
        'data.posts.set',
        /required/,
      ],
    ];
    it.each(cases)('%s', async (_name, run, path, message) => {
      const before = await counts();
      t.clearLog();
      const err: any = await run().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'INVALID_INPUT', path });
      expect(err.message).toMatch(message);
      expect(t.log).toEqual([]);
      expect(await counts()).toEqual(before);
    });
  });
});
