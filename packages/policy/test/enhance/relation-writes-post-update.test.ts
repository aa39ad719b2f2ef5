import { testDialects } from '@warden/test-kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { ormTestDb } from '../helpers/orm-db.js';

// A post-update rule that reads a to-many or many-to-many relation must see the nested writes
// of the same update: linking a tag (a join-table row) or creating a post (a row of another
// table) does not UPDATE the row itself, yet changes what `future()` reads.
const text = `
model User {
  id    Int    @id
  posts Post[]
  @@allow('all', true)
  @@deny('update', future().posts?[title == 'banned'])
}

model Post {
  id       Int    @id
  title    String @default("")
  author   User?  @relation(fields: [authorId], references: [id])
  authorId Int?
  tags     Tag[]
  @@allow('all', true)
  @@deny('update', future().tags?[name == 'locked'])
}

model Tag {
  id    Int    @id
  name  String
  posts Post[]
  @@allow('all', true)
  @@deny('update', future().name == 'frozen')
}
`;

describe.each(await testDialects())(
  'post-update rules over nested relation writes on %s',
  (dialect) => {
    let db: any;
    const asUser = () => enhance(db, { user: { id: 1 } });
    const tagsOf = async (id: number) =>
      (
        await db.post.findUnique({ where: { id }, select: { tags: { select: { id: true } } } })
      ).tags.map((x: { id: number }) => x.id);

    ormTestDb(dialect, text, (opened) => (db = opened));
    beforeEach(async () => {
      await db.post.deleteMany({});
      await db.tag.deleteMany({});
      await db.user.deleteMany({});
      await db.user.create({ data: { id: 1 } });
      await db.tag.createMany({
        data: [
          { id: 1, name: 'locked' },
          { id: 2, name: 'open' },
          { id: 3, name: 'frozen' },
        ],
      });
      await db.post.create({ data: { id: 1, title: 'a', authorId: 1 } });
      await db.post.create({ data: { id: 2, title: 'banned' } });
    });

    it('refuses linking a tag the rule forbids, with or without a field written', async () => {
      for (const data of [
        { tags: { connect: { id: 1 } } },
        { tags: { set: [{ id: 2 }, { id: 1 }] } },
        { title: 'b', tags: { connect: [{ id: 2 }, { id: 1 }] } },
      ]) {
        await expect(asUser().post.update({ where: { id: 1 }, data })).rejects.toMatchObject({
          code: 'REJECTED_BY_POLICY',
          reason: 'post-update',
          model: 'Post',
        });
      }
      expect(await tagsOf(1)).toEqual([]);
      expect((await db.post.findUnique({ where: { id: 1 } })).title).toBe('a');
    });

    it('allows links the rule permits, and unlinking', async () => {
      await asUser().post.update({ where: { id: 1 }, data: { tags: { connect: { id: 2 } } } });
      expect(await tagsOf(1)).toEqual([2]);
      await db.post.update({ where: { id: 1 }, data: { tags: { connect: { id: 1 } } } });
      await asUser().post.update({ where: { id: 1 }, data: { tags: { disconnect: { id: 1 } } } });
      expect(await tagsOf(1)).toEqual([2]);
    });

    it('checks a nested update of a post that links a forbidden tag', async () => {
      await expect(
        asUser().user.update({
          where: { id: 1 },
          data: { posts: { update: { where: { id: 1 }, data: { tags: { connect: { id: 1 } } } } } },
        }),
      ).rejects.toMatchObject({ reason: 'post-update', model: 'Post' });
      expect(await tagsOf(1)).toEqual([]);
    });

    it("holds links made from the tag's side to the post's rule", async () => {
      const viaTag = (id: number, posts: unknown) =>
        asUser().tag.update({ where: { id }, data: { posts } });
      for (const posts of [
        { connect: { id: 1 } },
        { set: [{ id: 1 }] },
        { connectOrCreate: { where: { id: 1 }, create: { id: 9 } } },
      ]) {
        await expect(viaTag(1, posts)).rejects.toMatchObject({
          code: 'REJECTED_BY_POLICY',
          reason: 'post-update',
          model: 'Post',
          path: 'data.posts.' + Object.keys(posts)[0],
        });
      }
      await expect(
        asUser().tag.create({ data: { id: 4, name: 'locked', posts: { connect: { id: 1 } } } }),
      ).rejects.toMatchObject({ reason: 'post-update', model: 'Post' });
      expect(await tagsOf(1)).toEqual([]);
      expect(await db.tag.count({ where: { id: 4 } })).toBe(0);
      // Allowed links, and unlinking the forbidden tag (the post ends up without it).
      await viaTag(2, { connect: [{ id: 1 }, { id: 2 }] });
      expect([await tagsOf(1), await tagsOf(2)]).toEqual([[2], [2]]);
      await db.post.update({ where: { id: 2 }, data: { tags: { connect: { id: 1 } } } });
      await viaTag(1, { disconnect: { id: 2 } });
      expect(await tagsOf(2)).toEqual([2]);
    });

    it('does not ask the other side when its rules do not read the relation', async () => {
      // Tag's post-update rule reads only its name: linking a frozen tag from a post is fine.
      await asUser().post.update({ where: { id: 1 }, data: { tags: { connect: { id: 3 } } } });
      expect(await tagsOf(1)).toEqual([3]);
      await expect(
        asUser().tag.update({ where: { id: 3 }, data: { name: 'x' } }),
      ).resolves.toMatchObject({ name: 'x' });
    });

    it('sees posts created or connected under a user (rows of another table)', async () => {
      await expect(
        asUser().user.update({
          where: { id: 1 },
          data: { posts: { create: { id: 3, title: 'banned' } } },
        }),
      ).rejects.toMatchObject({ reason: 'post-update', model: 'User' });
      await expect(
        asUser().user.update({ where: { id: 1 }, data: { posts: { connect: { id: 2 } } } }),
      ).rejects.toMatchObject({ reason: 'post-update', model: 'User' });
      expect(await db.post.count({ where: { authorId: 1 } })).toBe(1);
      await asUser().user.update({
        where: { id: 1 },
        data: { posts: { create: { id: 4, title: 'fine' } } },
      });
      expect(await db.post.count({ where: { authorId: 1 } })).toBe(2);
    });
  },
);
