import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { clearAll, openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

describe.each(await testDialects())('nested writes on %s', (dialect) => {
  let t: WriteDb;
  let db: any;
  beforeAll(async () => {
    t = await openWriteDb(dialect);
    db = t.db;
  });
  afterAll(() => t.drop());
  beforeEach(() => clearAll(db));

  const user = (email: string, extra: object = {}) => db.user.create({ data: { email, ...extra } });

  describe('one-to-many', () => {
    it('create and createMany from the list side, to any depth', async () => {
      const u = await db.user.create({
        data: {
          email: 'a@x.io',
          posts: {
            create: [
              { title: 'p1', comments: { create: [{ body: 'c1' }, { body: 'c2' }] } },
              { title: 'p2' },
            ],
            createMany: { data: [{ title: 'p3' }, { title: 'p4' }] },
          },
        },
        include: {
          posts: { include: { comments: { orderBy: { body: 'asc' } } }, orderBy: { title: 'asc' } },
        },
      });
      expect(u.posts.map((p: any) => p.title)).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(u.posts[0].comments.map((c: any) => c.body)).toEqual(['c1', 'c2']);
      expect(u.posts.every((p: any) => p.authorId === u.id)).toBe(true);
    });

    it('create from the foreign-key side: create, connect, connectOrCreate', async () => {
      const p1 = await db.post.create({
        data: { title: 'x', author: { create: { email: 'new@x.io' } } },
        include: { author: true },
      });
      expect(p1.author.email).toBe('new@x.io');
      const p2 = await db.post.create({
        data: { title: 'y', author: { connect: { email: 'new@x.io' } } },
      });
      expect(p2.authorId).toBe(p1.authorId);
      const p3 = await db.post.create({
        data: {
          title: 'z',
          author: {
            connectOrCreate: { where: { email: 'new@x.io' }, create: { email: 'new@x.io' } },
          },
        },
      });
      expect(p3.authorId).toBe(p1.authorId);
      const p4 = await db.post.create({
        data: {
          title: 'w',
          author: {
            connectOrCreate: { where: { email: 'other@x.io' }, create: { email: 'other@x.io' } },
          },
        },
        include: { author: true },
      });
      expect(p4.author.email).toBe('other@x.io');
      expect(await db.user.count()).toBe(2);
    });

    it('update from the list side: connect, disconnect, set, update, updateMany, upsert, delete, deleteMany', async () => {
      const u = await user('l@x.io');
      const c1 = await db.comment.create({ data: { body: 'c1' } });
      const c2 = await db.comment.create({ data: { body: 'c2' } });
      const p = await db.post.create({ data: { title: 'p', authorId: u.id } });
      let r = await db.post.update({
        where: { id: p.id },
        data: { comments: { connect: [{ id: c1.id }, { id: c2.id }] } },
        include: { comments: { orderBy: { body: 'asc' } } },
      });
      expect(r.comments.map((c: any) => c.body)).toEqual(['c1', 'c2']);
      r = await db.post.update({
        where: { id: p.id },
        data: { comments: { disconnect: { id: c1.id } } },
        include: { comments: true },
      });
      expect(r.comments.map((c: any) => c.body)).toEqual(['c2']);
      expect((await db.comment.findUnique({ where: { id: c1.id } })).postId).toBeNull();
      r = await db.post.update({
        where: { id: p.id },
        data: { comments: { set: [{ id: c1.id }] } },
        include: { comments: true },
      });
      expect(r.comments.map((c: any) => c.body)).toEqual(['c1']);
      r = await db.post.update({
        where: { id: p.id },
        data: { comments: { update: { where: { id: c1.id }, data: { body: 'c1!' } } } },
        include: { comments: true },
      });
      expect(r.comments.map((c: any) => c.body)).toEqual(['c1!']);
      await expect(
        db.post.update({
          where: { id: p.id },
          data: { comments: { update: { where: { id: c2.id }, data: { body: 'not mine' } } } },
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await db.comment.findUnique({ where: { id: c2.id } })).body).toBe('c2');
      await db.post.update({
        where: { id: p.id },
        data: { comments: { create: [{ body: 'n1' }, { body: 'n2' }] } },
      });
      await db.post.update({
        where: { id: p.id },
        data: {
          comments: { updateMany: { where: { body: { startsWith: 'n' } }, data: { body: 'N' } } },
        },
      });
      expect(await db.comment.count({ where: { postId: p.id, body: 'N' } })).toBe(2);
      await db.post.update({
        where: { id: p.id },
        data: {
          comments: {
            upsert: [
              { where: { id: c1.id }, create: { body: 'no' }, update: { body: 'up' } },
              { where: { id: 'missing' }, create: { body: 'made' }, update: { body: 'no' } },
            ],
          },
        },
      });
      expect(
        (await db.comment.findMany({ where: { postId: p.id }, orderBy: { body: 'asc' } })).map(
          (c: any) => c.body,
        ),
      ).toEqual(['N', 'N', 'made', 'up']);
      await db.post.update({
        where: { id: p.id },
        data: { comments: { delete: { id: c1.id }, deleteMany: { body: 'N' } } },
      });
      expect(
        (await db.comment.findMany({ where: { postId: p.id } })).map((c: any) => c.body),
      ).toEqual(['made']);
      await expect(
        db.post.update({ where: { id: p.id }, data: { comments: { delete: { id: c2.id } } } }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await db.comment.count({ where: { id: c2.id } })).toBe(1);
    });

    it('update from the foreign-key side: connect, update, upsert', async () => {
      const a = await user('a@x.io');
      const b = await user('b@x.io');
      const p = await db.post.create({ data: { title: 'p', authorId: a.id } });
      let r = await db.post.update({
        where: { id: p.id },
        data: { author: { connect: { id: b.id } } },
      });
      expect(r.authorId).toBe(b.id);
      r = await db.post.update({
        where: { id: p.id },
        data: { author: { update: { name: 'Bee' } } },
        include: { author: true },
      });
      expect(r.author.name).toBe('Bee');
      r = await db.post.update({
        where: { id: p.id },
        data: { author: { upsert: { create: { email: 'no@x.io' }, update: { name: 'Bea' } } } },
        include: { author: true },
      });
      expect(r.author).toMatchObject({ id: b.id, name: 'Bea' });
      r = await db.post.update({
        where: { id: p.id },
        data: { author: { create: { email: 'c@x.io' } } },
        include: { author: true },
      });
      expect(r.author.email).toBe('c@x.io');
    });
  });

  describe('one-to-one', () => {
    it('create, connect, disconnect, update, upsert and delete from both sides', async () => {
      const u = await db.user.create({
        data: { email: 'o@x.io', profile: { create: { bio: 'hi' } } },
        include: { profile: true },
      });
      expect(u.profile).toMatchObject({ bio: 'hi', userId: u.id });
      const pr2 = await db.profile.create({ data: { bio: 'second' } });
      let r = await db.user.update({
        where: { id: u.id },
        data: { profile: { connect: { id: pr2.id } } },
        include: { profile: true },
      });
      expect(r.profile.bio).toBe('second');
      expect((await db.profile.findUnique({ where: { id: u.profile.id } })).userId).toBeNull();
      r = await db.user.update({
        where: { id: u.id },
        data: { profile: { update: { bio: 'edited' } } },
        include: { profile: true },
      });
      expect(r.profile.bio).toBe('edited');
      r = await db.user.update({
        where: { id: u.id },
        data: { profile: { disconnect: true } },
        include: { profile: true },
      });
      expect(r.profile).toBeNull();
      r = await db.user.update({
        where: { id: u.id },
        data: { profile: { upsert: { create: { bio: 'up-made' }, update: { bio: 'no' } } } },
        include: { profile: true },
      });
      expect(r.profile.bio).toBe('up-made');
      r = await db.user.update({
        where: { id: u.id },
        data: { profile: { delete: true } },
        include: { profile: true },
      });
      expect(r.profile).toBeNull();
      expect(await db.profile.count({ where: { bio: 'up-made' } })).toBe(0);
      const p = await db.profile.create({
        data: { bio: 'owner side', user: { connect: { id: u.id } } },
        include: { user: true },
      });
      expect(p.user.id).toBe(u.id);
      const p2 = await db.profile.update({
        where: { id: p.id },
        data: { user: { disconnect: true } },
      });
      expect(p2.userId).toBeNull();
    });
  });

  describe('implicit many-to-many', () => {
    it('create, connect, connectOrCreate, disconnect, set, update, delete', async () => {
      const u = await user('m@x.io');
      const t1 = await db.tag.create({ data: { name: 't1' } });
      const p = await db.post.create({
        data: {
          title: 'p',
          authorId: u.id,
          tags: {
            create: [{ name: 'fresh' }],
            connect: [{ id: t1.id }],
            connectOrCreate: [{ where: { name: 'oc' }, create: { name: 'oc' } }],
          },
        },
        include: { tags: { orderBy: { name: 'asc' } } },
      });
      expect(p.tags.map((x: any) => x.name)).toEqual(['fresh', 'oc', 't1']);
      const other = await db.post.create({
        data: { title: 'q', authorId: u.id, tags: { connect: { name: 't1' } } },
        include: { tags: true },
      });
      expect(other.tags.map((x: any) => x.name)).toEqual(['t1']);
      const again = await db.post.update({
        where: { id: other.id },
        data: { tags: { connect: [{ name: 't1' }, { id: t1.id }] } },
        include: { tags: true },
      });
      expect(again.tags.map((x: any) => x.name)).toEqual(['t1']);
      let r = await db.post.update({
        where: { id: p.id },
        data: { tags: { disconnect: [{ name: 'fresh' }] } },
        include: { tags: { orderBy: { name: 'asc' } } },
      });
      expect(r.tags.map((x: any) => x.name)).toEqual(['oc', 't1']);
      expect(await db.tag.count({ where: { name: 'fresh' } })).toBe(1);
      r = await db.post.update({
        where: { id: p.id },
        data: { tags: { set: [{ name: 'fresh' }] } },
        include: { tags: true },
      });
      expect(r.tags.map((x: any) => x.name)).toEqual(['fresh']);
      r = await db.post.update({
        where: { id: p.id },
        data: {
          tags: {
            connect: { id: t1.id },
            update: { where: { name: 'fresh' }, data: { name: 'fresher' } },
          },
        },
        include: { tags: { orderBy: { name: 'asc' } } },
      });
      expect(r.tags.map((x: any) => x.name)).toEqual(['fresher', 't1']);
      await expect(
        db.post.update({
          where: { id: p.id },
          data: { tags: { update: { where: { name: 'oc' }, data: { name: 'x' } } } },
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      r = await db.post.update({
        where: { id: p.id },
        data: { tags: { delete: { name: 'fresher' } } },
        include: { tags: true },
      });
      expect(r.tags.map((x: any) => x.name)).toEqual(['t1']);
      expect(await db.tag.count({ where: { name: 'fresher' } })).toBe(0);
      const fromTag = await db.tag.update({
        where: { id: t1.id },
        data: { posts: { deleteMany: { title: 'q' } } },
        include: { posts: true },
      });
      expect(fromTag.posts.map((x: any) => x.title)).toEqual(['p']);
    });
  });

  describe('explicit many-to-many (join model)', () => {
    it('creates join rows through the join model, to any depth', async () => {
      const g = await db.group.create({ data: { name: 'g1' } });
      const u = await db.user.create({
        data: {
          email: 'j@x.io',
          memberships: {
            create: [
              { role: 'owner', group: { connect: { id: g.id } } },
              { group: { create: { name: 'g2' } } },
            ],
          },
        },
        include: { memberships: { include: { group: true }, orderBy: { role: 'asc' } } },
      });
      expect(u.memberships.map((m: any) => [m.role, m.group.name])).toEqual([
        ['member', 'g2'],
        ['owner', 'g1'],
      ]);
      const r = await db.user.update({
        where: { id: u.id },
        data: {
          memberships: {
            update: {
              where: { userId_groupId: { userId: u.id, groupId: g.id } },
              data: { role: 'admin' },
            },
            deleteMany: { role: 'member' },
          },
        },
        include: { memberships: true },
      });
      expect(r.memberships.map((m: any) => m.role)).toEqual(['admin']);
    });
  });
});
