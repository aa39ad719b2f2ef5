import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enhance } from '../../src/index.js';
import { openOrmDb, schemaFromText, type OrmTestDb } from '../helpers/orm-db.js';

// Post has a field-level update rule and a post-update rule; nested updates cannot check them.
const text = `
datasource db { provider = "sqlite" url = "file:./x.db" }
model User {
  id    String @id
  name  String?
  posts Post[]
  @@allow('all', auth() == this)
}
model Post {
  id       String  @id
  title    String
  locked   Boolean @default(false) @deny('update', auth().id != 'admin')
  author   User    @relation(fields: [authorId], references: [id])
  authorId String
  @@allow('all', author == auth())
  @@deny('update', future().title == 'forbidden')
}
`;

describe.each(await testDialects())(
  'nested updates under rules they cannot check, on %s',
  (dialect) => {
    let t: OrmTestDb;
    let db: any;
    beforeAll(async () => {
      t = await openOrmDb(dialect, await schemaFromText(text));
      db = t.db;
      await db.user.create({ data: { id: 'u', posts: { create: { id: 'p', title: 'ok' } } } });
    });
    afterAll(() => t.close());

    it('are refused with a message naming the path, and nothing changes', async () => {
      const asU = enhance(db, { user: { id: 'u' } });
      const err = await asU.user
        .update({
          where: { id: 'u' },
          data: { name: 'x', posts: { update: { where: { id: 'p' }, data: { locked: true } } } },
        })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'REJECTED_BY_POLICY', path: 'data.posts.update' });
      expect((await db.post.findUnique({ where: { id: 'p' } })).locked).toBe(false);
      expect((await db.user.findUnique({ where: { id: 'u' } })).name).toBeNull();
    });

    it('the same change made directly is checked and refused by the field rule', async () => {
      const asU = enhance(db, { user: { id: 'u' } });
      await expect(
        asU.post.update({ where: { id: 'p' }, data: { locked: true } }),
      ).rejects.toMatchObject({
        code: 'REJECTED_BY_POLICY',
        reason: 'field-update',
      });
      await expect(
        asU.post.update({ where: { id: 'p' }, data: { title: 'forbidden' } }),
      ).rejects.toMatchObject({
        reason: 'post-update',
      });
      expect((await asU.post.update({ where: { id: 'p' }, data: { title: 'fine' } })).title).toBe(
        'fine',
      );
    });

    it('nested updates of models without such rules still work', async () => {
      const asU = enhance(db, { user: { id: 'u' } });
      const out = await asU.post.update({
        where: { id: 'p' },
        data: { author: { update: { name: 'Una' } } },
      });
      expect(out.id).toBe('p');
      expect((await db.user.findUnique({ where: { id: 'u' } })).name).toBe('Una');
    });
  },
);
