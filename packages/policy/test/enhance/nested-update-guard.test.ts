import { createClient, type QueryLogEvent } from '@warden/orm';
import { createTestDatabase, testDialects, type TestDatabase } from '@warden/test-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { schemaFromText } from '../helpers/orm-db.js';

// Field-level update rules and post-update (future()) rules hold for the rows nested writes
// update (nested update / updateMany / upsert, to any depth, to-one too, and the foreign keys
// connect changes), exactly as for top-level updates: a refusal rolls the whole mutation back.
const text = `
model User {
  id      String   @id
  name    String?
  role    String   @default("user")
  posts   Post[]
  profile Profile?
  @@allow('all', auth() == this)
}

model Profile {
  id     String @id
  bio    String
  user   User   @relation(fields: [userId], references: [id])
  userId String @unique
  @@allow('all', user == auth())
  @@deny('update', future().bio == 'banned')
}

model Post {
  id       String    @id
  title    String
  views    Int       @default(0)
  locked   Boolean   @default(false) @deny('update', auth().role != 'admin')
  author   User      @relation(fields: [authorId], references: [id])
  authorId String
  comments Comment[]
  @@allow('all', author == auth())
  @@deny('update', future().title == 'forbidden')
}

model Comment {
  id     String  @id
  body   String
  pinned Boolean @default(false) @allow('update', auth().role == 'admin')
  post   Post    @relation(fields: [postId], references: [id])
  postId String  @deny('update', auth().role != 'admin')
  @@allow('all', post.author == auth())
  @@deny('update', future().body == '')
}
`;

describe.each(await testDialects())(
  'nested updates under field and post-update rules, on %s',
  (dialect) => {
    let test: TestDatabase;
    let db: any;
    const log: string[] = [];
    // The same user, as a plain user and as an admin (auth() members come from this object).
    const asUser = () => enhance(db, { user: { id: 'u', role: 'user' } }) as any;
    const asAdmin = () => enhance(db, { user: { id: 'u', role: 'admin' } }) as any;

    beforeAll(async () => {
      test = await createTestDatabase(dialect);
      const schema = { ...(await schemaFromText(text, dialect)), provider: dialect };
      db = createClient(schema, { url: test.url, log: (e: QueryLogEvent) => log.push(e.sql) });
      await db.$pushSchema({ acceptDataLoss: true });
    });
    afterAll(async () => {
      await db.$disconnect();
      await test.drop();
    });
    beforeEach(async () => {
      for (const m of ['comment', 'post', 'profile', 'user']) await db[m].deleteMany();
      await db.user.create({
        data: {
          id: 'u',
          profile: { create: { id: 'pr', bio: 'hi' } },
          posts: {
            create: [
              {
                id: 'p1',
                title: 'one',
                comments: {
                  create: [
                    { id: 'c1', body: 'first' },
                    { id: 'c2', body: 'second' },
                  ],
                },
              },
              { id: 'p2', title: 'two' },
            ],
          },
        },
      });
      await db.user.create({ data: { id: 'v', posts: { create: { id: 'pv', title: 'vee' } } } });
    });

    const post = (id: string) => db.post.findUnique({ where: { id } });
    const comment = (id: string) => db.comment.findUnique({ where: { id } });
    const userName = async () => (await db.user.findUnique({ where: { id: 'u' } })).name;
    const updateUser = (client: any, data: object) =>
      client.user.update({ where: { id: 'u' }, data });

    describe('nested update', () => {
      it('is allowed when the field rule allows it', async () => {
        const out = await updateUser(asAdmin(), {
          name: 'U',
          posts: { update: { where: { id: 'p1' }, data: { locked: true, title: 'uno' } } },
        });
        expect(out.name).toBe('U');
        expect(await post('p1')).toMatchObject({ locked: true, title: 'uno' });
      });

      it('is rejected with field-update when it does not, and nothing is written', async () => {
        const err = await updateUser(asUser(), {
          name: 'U',
          posts: { update: { where: { id: 'p1' }, data: { locked: true, views: 3 } } },
        }).catch((e: unknown) => e);
        expect(err).toMatchObject({
          code: 'REJECTED_BY_POLICY',
          reason: 'field-update',
          model: 'Post',
          operation: 'update',
          path: 'data.posts.update.data',
        });
        expect((err as Error).message).toContain('field "locked"');
        expect(await userName()).toBeNull();
        expect(await post('p1')).toMatchObject({ locked: false, views: 0 });
      });

      it('a future() rule it violates is post-update, and nothing is written', async () => {
        const err = await updateUser(asUser(), {
          name: 'U',
          posts: { update: { where: { id: 'p1' }, data: { title: 'forbidden' } } },
        }).catch((e: unknown) => e);
        expect(err).toMatchObject({
          code: 'REJECTED_BY_POLICY',
          reason: 'post-update',
          model: 'Post',
          path: 'data.posts.update.data',
        });
        expect(await userName()).toBeNull();
        expect((await post('p1')).title).toBe('one');
        await updateUser(asUser(), {
          posts: { update: { where: { id: 'p1' }, data: { title: 'fine' } } },
        });
        expect((await post('p1')).title).toBe('fine');
      });

      it('of a row the user may not update is refused by the row filter, as before', async () => {
        // NOT_FOUND names the nested model and where it was asked for; the hidden post is not
        // told apart from a missing one, and the (updatable) user row is not blamed.
        const err = await updateUser(asAdmin(), {
          name: 'U',
          posts: { update: { where: { id: 'pv' }, data: { views: 1 } } },
        }).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'NOT_FOUND', model: 'Post' });
        expect((err as { path?: string }).path).toMatch(/^data\.posts\.update/);
        const missing = await updateUser(asAdmin(), {
          posts: { update: { where: { id: 'no-such-post' }, data: { views: 1 } } },
        }).catch((e: unknown) => e);
        expect(missing).toMatchObject({ code: 'NOT_FOUND', model: 'Post' });
        expect((await post('pv')).views).toBe(0);
        expect(await userName()).toBeNull();
      });

      it('with bad data is INVALID_INPUT before anything runs', async () => {
        await expect(
          updateUser(asAdmin(), {
            name: 'U',
            posts: { update: { where: { id: 'p1' }, data: { locked: 'yes' } } },
          }),
        ).rejects.toMatchObject({ code: 'INVALID_INPUT', path: 'data.posts.update.data.locked' });
        expect(await userName()).toBeNull();
      });
    });

    describe('nested updateMany', () => {
      it('checks the field rule on every row it changes', async () => {
        await expect(
          updateUser(asUser(), { posts: { updateMany: { where: {}, data: { locked: true } } } }),
        ).rejects.toMatchObject({ reason: 'field-update', model: 'Post' });
        expect((await db.post.findMany({ where: { locked: true } })).length).toBe(0);
        await updateUser(asAdmin(), {
          posts: { updateMany: { where: { title: 'two' }, data: { locked: true } } },
        });
        expect((await post('p2')).locked).toBe(true);
        expect((await post('p1')).locked).toBe(false);
      });

      it('checks future() rules on every row it changes', async () => {
        await expect(
          updateUser(asUser(), {
            name: 'U',
            posts: { updateMany: { where: {}, data: { title: 'forbidden' } } },
          }),
        ).rejects.toMatchObject({ reason: 'post-update', path: 'data.posts.updateMany.data' });
        expect(
          (await db.post.findMany({ where: { authorId: 'u' } })).map((p: any) => p.title).sort(),
        ).toEqual(['one', 'two']);
        expect(await userName()).toBeNull();
        await updateUser(asUser(), { posts: { updateMany: { where: {}, data: { views: 5 } } } });
        expect((await db.post.findMany({ where: { views: 5 } })).length).toBe(2);
      });
    });

    describe('nested upsert', () => {
      it('its update checks field and future() rules; its create is a create', async () => {
        const upsert = (update: object) => ({
          posts: {
            upsert: { where: { id: 'p1' }, create: { id: 'p1', title: 'x' }, update },
          },
        });
        await expect(updateUser(asUser(), upsert({ locked: true }))).rejects.toMatchObject({
          reason: 'field-update',
          path: 'data.posts.upsert.update',
        });
        await expect(updateUser(asUser(), upsert({ title: 'forbidden' }))).rejects.toMatchObject({
          reason: 'post-update',
        });
        expect(await post('p1')).toMatchObject({ title: 'one', locked: false });
        await updateUser(asAdmin(), upsert({ locked: true }));
        expect((await post('p1')).locked).toBe(true);
        await updateUser(asUser(), {
          posts: {
            upsert: { where: { id: 'p3' }, create: { id: 'p3', title: 'forbidden' }, update: {} },
          },
        });
        expect((await post('p3')).title).toBe('forbidden');
      });
    });

    describe('two levels deep', () => {
      it('a field rule of the grandchild rolls back both levels', async () => {
        const data = (pinned: boolean) => ({
          name: 'U',
          posts: {
            update: {
              where: { id: 'p1' },
              data: {
                title: 'changed',
                comments: { update: { where: { id: 'c1' }, data: { pinned } } },
              },
            },
          },
        });
        await expect(updateUser(asUser(), data(true))).rejects.toMatchObject({
          reason: 'field-update',
          model: 'Comment',
          path: 'data.posts.update.data.comments.update.data',
        });
        expect(await userName()).toBeNull();
        expect((await post('p1')).title).toBe('one');
        expect((await comment('c1')).pinned).toBe(false);
        await updateUser(asAdmin(), data(true));
        expect((await post('p1')).title).toBe('changed');
        expect((await comment('c1')).pinned).toBe(true);
      });

      it('a future() rule of the grandchild (updateMany) rolls back both levels', async () => {
        await expect(
          updateUser(asAdmin(), {
            posts: {
              update: {
                where: { id: 'p1' },
                data: { views: 9, comments: { updateMany: { where: {}, data: { body: '' } } } },
              },
            },
          }),
        ).rejects.toMatchObject({ reason: 'post-update', model: 'Comment' });
        expect((await post('p1')).views).toBe(0);
        expect((await comment('c2')).body).toBe('second');
      });
    });

    describe('to-one nested update', () => {
      it('from the side without the key (User.profile): future() rules hold', async () => {
        await expect(
          updateUser(asUser(), { name: 'U', profile: { update: { bio: 'banned' } } }),
        ).rejects.toMatchObject({
          reason: 'post-update',
          model: 'Profile',
          path: 'data.profile.update',
        });
        expect((await db.profile.findUnique({ where: { id: 'pr' } })).bio).toBe('hi');
        expect(await userName()).toBeNull();
        await updateUser(asUser(), { profile: { update: { bio: 'hello' } } });
        expect((await db.profile.findUnique({ where: { id: 'pr' } })).bio).toBe('hello');
      });

      it('from the side with the key (Comment.post): field rules hold', async () => {
        await expect(
          asUser().comment.update({
            where: { id: 'c1' },
            data: { body: 'edited', post: { update: { locked: true } } },
          }),
        ).rejects.toMatchObject({
          reason: 'field-update',
          model: 'Post',
          path: 'data.post.update',
        });
        expect((await comment('c1')).body).toBe('first');
        expect((await post('p1')).locked).toBe(false);
        await asAdmin().comment.update({
          where: { id: 'c1' },
          data: { post: { update: { locked: true } } },
        });
        expect((await post('p1')).locked).toBe(true);
      });
    });

    it('connect changes the connected row’s foreign key: its field rule holds', async () => {
      await expect(
        asUser().post.update({
          where: { id: 'p2' },
          data: { comments: { connect: { id: 'c1' } } },
        }),
      ).rejects.toMatchObject({
        reason: 'field-update',
        model: 'Comment',
        path: 'data.comments.connect',
      });
      expect((await comment('c1')).postId).toBe('p1');
      await asAdmin().post.update({
        where: { id: 'p2' },
        data: { comments: { connect: { id: 'c1' } } },
      });
      expect((await comment('c1')).postId).toBe('p2');
    });

    it('inside a caller transaction, the refusal rolls back the earlier writes too', async () => {
      await expect(
        asUser().$transaction(async (tx: any) => {
          await tx.user.update({ where: { id: 'u' }, data: { name: 'T' } });
          await tx.user.update({
            where: { id: 'u' },
            data: { posts: { update: { where: { id: 'p1' }, data: { locked: true } } } },
          });
        }),
      ).rejects.toMatchObject({ reason: 'field-update' });
      expect(await userName()).toBeNull();
    });

    describe('top-level paths behave as before', () => {
      it('update, updateMany and upsert name their own operation', async () => {
        await expect(
          asUser().post.update({ where: { id: 'p1' }, data: { locked: true } }),
        ).rejects.toMatchObject({ reason: 'field-update', model: 'Post', operation: 'update' });
        await expect(asUser().post.updateMany({ data: { locked: true } })).rejects.toMatchObject({
          reason: 'field-update',
          operation: 'updateMany',
        });
        await expect(
          asUser().post.upsert({
            where: { id: 'p1' },
            create: { id: 'p1', title: 'x', authorId: 'u' },
            update: { title: 'forbidden' },
          }),
        ).rejects.toMatchObject({ reason: 'post-update', operation: 'upsert' });
        await expect(
          asUser().post.updateMany({ data: { title: 'forbidden' } }),
        ).rejects.toMatchObject({ reason: 'post-update', operation: 'updateMany' });
        const errs = [
          await asUser()
            .post.update({ where: { id: 'p1' }, data: { locked: true } })
            .catch((e: any) => e),
        ];
        expect(errs[0].path).toBeUndefined();
        expect(
          await db.post.count({ where: { OR: [{ locked: true }, { title: 'forbidden' }] } }),
        ).toBe(0);
        expect(await asAdmin().post.updateMany({ data: { locked: true } })).toEqual({ count: 2 });
        expect(
          (await asUser().post.update({ where: { id: 'p1' }, data: { title: 'ok' } })).title,
        ).toBe('ok');
      });

      it('an update that changes the id is checked against the row as it was', async () => {
        await expect(
          asUser().post.update({ where: { id: 'p2' }, data: { id: 'p2b', title: 'forbidden' } }),
        ).rejects.toMatchObject({ reason: 'post-update' });
        expect(await post('p2b')).toBeNull();
        const moved = await asUser().post.update({ where: { id: 'p2' }, data: { id: 'p2b' } });
        expect(moved).toMatchObject({ id: 'p2b', title: 'two' });
      });

      it('an update of a model without such rules stays one statement', async () => {
        log.length = 0;
        const out = await updateUser(asUser(), { name: 'Solo' });
        expect(out.name).toBe('Solo');
        expect(log).toHaveLength(1);
        expect(log[0]).toMatch(/^update /);
      });

      it('an update with a future() rule selects the rows first (locked on PostgreSQL)', async () => {
        log.length = 0;
        await updateUser(asUser(), {
          posts: { update: { where: { id: 'p1' }, data: { views: 2 } } },
        });
        const lookup = log.find((s) => /^select .* from "Post" .* for update$/.test(s));
        expect(lookup !== undefined).toBe(dialect === 'postgresql');
        expect((await post('p1')).views).toBe(2);
      });
    });
  },
);
