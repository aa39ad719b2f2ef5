import { testDialects } from '@warden/test-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enhance, userShapeKey } from '../../src/index.js';
import { openOrmDb, schemaFromText, type OrmTestDb } from '../helpers/orm-db.js';

const text = `
model User {
  id Int @id
  name String
  email String @allow('read', auth() == this)
  role String @default("user") @deny('update', auth().role != 'admin')
  posts Post[]
  @@allow('create,read', true)
  @@allow('update', auth() == this || auth().role == 'admin')
}

model Post {
  id Int @id @default(autoincrement())
  title String
  published Boolean @default(false)
  views Int @default(0)
  author User @relation(fields: [authorId], references: [id])
  authorId Int
  @@allow('read', published || author == auth())
  @@allow('create', author == auth() && author.role != 'banned')
  @@allow('update', author == auth() && future().author == auth())
  @@deny('update', future().views < views)
  @@allow('delete', author == auth())
}
`;

describe.each(await testDialects())('enhanced operations on %s', (dialect) => {
  let t: OrmTestDb;
  let db: any;
  const ann = { id: 1, role: 'user' };
  const ben = { id: 2, role: 'user' };
  const admin = { id: 3, role: 'admin' };
  const banned = { id: 4, role: 'banned' };

  beforeAll(async () => {
    t = await openOrmDb(dialect, await schemaFromText(text, dialect));
    db = t.db;
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await db.post.deleteMany({});
    await db.user.deleteMany({});
    for (const u of [ann, ben, admin, banned]) {
      await db.user.create({
        data: { id: u.id, name: `n${u.id}`, email: `${u.id}@x.io`, role: u.role },
      });
    }
    await db.post.create({
      data: { id: 1, title: 'ann pub', published: true, views: 5, authorId: 1 },
    });
    await db.post.create({ data: { id: 2, title: 'ann draft', authorId: 1 } });
    await db.post.create({
      data: { id: 3, title: 'ben pub', published: true, views: 7, authorId: 2 },
    });
    await db.post.create({ data: { id: 4, title: 'ben draft', authorId: 2 } });
  });

  it('masks unreadable fields as null and keeps readable ones', async () => {
    const users = await enhance(db, { user: ann }).user.findMany({ orderBy: { id: 'asc' } });
    expect(users.map((u: any) => u.email)).toEqual(['1@x.io', null, null, null]);
    expect(users.map((u: any) => u.name)).toEqual(['n1', 'n2', 'n3', 'n4']);
    const anonymous = await enhance(db).user.findUnique({ where: { id: 1 } });
    expect(anonymous.email).toBeNull();
  });

  it('rejects writing a field the user may not update, and allows an admin', async () => {
    await expect(
      enhance(db, { user: ann }).user.update({ where: { id: 1 }, data: { role: 'admin' } }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'field-update' });
    expect((await db.user.findUnique({ where: { id: 1 } })).role).toBe('user');
    expect(
      (await enhance(db, { user: ann }).user.update({ where: { id: 1 }, data: { name: 'Ann' } }))
        .name,
    ).toBe('Ann');
    const promoted = await enhance(db, { user: admin }).user.update({
      where: { id: 2 },
      data: { role: 'editor' },
    });
    expect(promoted.role).toBe('editor');
  });

  it('checks create rules that read relations in SQL, inside the transaction', async () => {
    const created = await enhance(db, { user: ann }).post.create({
      data: { id: 50, title: 'new', authorId: 1 },
    });
    expect(created).toMatchObject({ title: 'new', authorId: 1, published: false });
    await expect(
      enhance(db, { user: ann }).post.create({ data: { id: 51, title: 'as ben', authorId: 2 } }),
    ).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'no-access',
      operation: 'create',
    });
    await expect(
      enhance(db, { user: banned }).post.create({ data: { id: 52, title: 'spam', authorId: 4 } }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
    expect(await db.post.count({ where: { title: { in: ['as ben', 'spam'] } } })).toBe(0);
  });

  it('createMany is all or nothing', async () => {
    await expect(
      enhance(db, { user: ann }).post.createMany({
        data: [
          { id: 10, title: 'ok', authorId: 1 },
          { id: 11, title: 'not mine', authorId: 2 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
    expect(await db.post.count({ where: { id: { in: [10, 11] } } })).toBe(0);
    expect(
      await enhance(db, { user: ann }).post.createMany({
        data: [{ id: 12, title: 'a', authorId: 1 }],
      }),
    ).toEqual({ count: 1 });
  });

  it('post-update (future()) rules roll the update back', async () => {
    const asAnn = enhance(db, { user: ann });
    await expect(
      asAnn.post.update({ where: { id: 1 }, data: { authorId: 2 } }),
    ).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'post-update',
    });
    await expect(asAnn.post.update({ where: { id: 1 }, data: { views: 1 } })).rejects.toMatchObject(
      {
        reason: 'post-update',
      },
    );
    expect(await db.post.findUnique({ where: { id: 1 } })).toMatchObject({ authorId: 1, views: 5 });
    expect((await asAnn.post.update({ where: { id: 1 }, data: { views: 9 } })).views).toBe(9);
  });

  it('update and delete: 404 for invisible rows, 403 for visible but forbidden ones', async () => {
    const asBen = enhance(db, { user: ben });
    await expect(
      asBen.post.update({ where: { id: 2 }, data: { title: 'x' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      asBen.post.update({ where: { id: 1 }, data: { title: 'x' } }),
    ).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
      reason: 'no-access',
    });
    await expect(asBen.post.delete({ where: { id: 2 } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(asBen.post.delete({ where: { id: 1 } })).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
    });
    await expect(
      asBen.post.update({ where: { id: 99 }, data: { title: 'x' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await db.post.count()).toBe(4);
  });

  it('updateMany and deleteMany touch only permitted rows', async () => {
    const asBen = enhance(db, { user: ben });
    expect(await asBen.post.updateMany({ data: { title: 'mine' } })).toEqual({ count: 2 });
    expect(
      (await db.post.findMany({ where: { title: 'mine' }, orderBy: { id: 'asc' } })).map(
        (p: any) => p.id,
      ),
    ).toEqual([3, 4]);
    expect(await asBen.post.deleteMany({ where: { published: true } })).toEqual({ count: 1 });
    expect(await db.post.count()).toBe(3);
  });

  it('upsert checks the create rule or the update rule', async () => {
    const asAnn = enhance(db, { user: ann });
    await expect(
      asAnn.post.upsert({
        where: { id: 20 },
        create: { id: 20, title: 'x', authorId: 2 },
        update: {},
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
    const made = await asAnn.post.upsert({
      where: { id: 20 },
      create: { id: 20, title: 'x', authorId: 1 },
      update: {},
    });
    expect(made.id).toBe(20);
    await expect(
      asAnn.post.upsert({
        where: { id: 3 },
        create: { id: 3, title: 'x', authorId: 1 },
        update: { title: 'y' },
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', reason: 'no-access' });
    const updated = await asAnn.post.upsert({
      where: { id: 2 },
      create: { id: 2, title: 'x', authorId: 1 },
      update: { title: 'y' },
    });
    expect(updated.title).toBe('y');
  });

  it('count, aggregate, groupBy and _count see only readable rows', async () => {
    const asBen = enhance(db, { user: ben });
    expect(await asBen.post.count()).toBe(3);
    expect((await asBen.post.aggregate({ _sum: { views: true } }))._sum.views).toBe(12);
    const groups = await asBen.post.groupBy({
      by: ['authorId'],
      _count: true,
      orderBy: { authorId: 'asc' },
    });
    expect(groups.map((g: any) => [g.authorId, g._count])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const ann1 = await enhance(db).user.findUnique({
      where: { id: 1 },
      include: { _count: { select: { posts: true } } },
    });
    expect(ann1._count.posts).toBe(1);
  });

  it('relation filters cannot probe hidden rows', async () => {
    const anon = enhance(db);
    const withDrafts = await anon.user.findMany({
      where: { posts: { some: { published: false } } },
    });
    expect(withDrafts).toEqual([]);
    const allPublished = await anon.user.findMany({
      where: { posts: { every: { published: true } } },
      orderBy: { id: 'asc' },
    });
    expect(allPublished.map((u: any) => u.id)).toEqual([1, 2, 3, 4]);
    expect(
      await enhance(db, { user: ann }).user.count({
        where: { posts: { some: { published: false } } },
      }),
    ).toBe(1);
  });

  it('findUniqueOrThrow on an unreadable row is NOT_FOUND; cursor pagination skips hidden rows', async () => {
    await expect(enhance(db).post.findUniqueOrThrow({ where: { id: 2 } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const page = await enhance(db).post.findMany({
      cursor: { id: 1 },
      orderBy: { id: 'asc' },
      take: 5,
    });
    expect(page.map((p: any) => p.id)).toEqual([1, 3]);
  });

  it('interactive and batch transactions stay enforced', async () => {
    const asBen = enhance(db, { user: ben });
    await expect(
      asBen.$transaction(async (tx: any) => {
        await tx.post.update({ where: { id: 3 }, data: { title: 'in tx' } });
        await tx.post.create({ data: { id: 53, title: 'sneaky', authorId: 1 } });
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
    expect((await db.post.findUnique({ where: { id: 3 } })).title).toBe('ben pub');
    await asBen.$transaction(async (tx: any) => {
      expect(() => tx.$executeRaw`delete from "Post"`).toThrow(/allowRawSql/);
      expect((await tx.post.findMany()).length).toBe(3);
    });
    const [a, b] = await asBen.$transaction([
      asBen.post.update({ where: { id: 3 }, data: { title: 'batch' } }),
      asBen.post.count(),
    ]);
    expect([a.title, b]).toEqual(['batch', 3]);
    await expect(
      asBen.$transaction([
        asBen.post.update({ where: { id: 4 }, data: { title: 'b2' } }),
        asBen.post.delete({ where: { id: 1 } }),
      ]),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY' });
    expect((await db.post.findUnique({ where: { id: 4 } })).title).toBe('ben draft');
  });

  it('$run (the HTTP layer entry) goes through the policy', async () => {
    const anon = enhance(db);
    expect(await anon.$run('Post', 'findMany', {})).toHaveLength(2);
    await expect(
      anon.$run('Post', 'create', { data: { id: 54, title: 'x', authorId: 1 } }),
    ).rejects.toMatchObject({
      code: 'REJECTED_BY_POLICY',
    });
  });

  it('nested creates are checked against the nested model rule', async () => {
    await expect(
      enhance(db, { user: ann }).user.create({
        data: {
          id: 30,
          name: 'x',
          email: 'x@x.io',
          posts: { create: [{ id: 30, title: 'nested' }] },
        },
      }),
    ).rejects.toMatchObject({ code: 'REJECTED_BY_POLICY', model: 'Post' });
    expect(await db.user.findUnique({ where: { id: 30 } })).toBeNull();
    expect(await db.post.findUnique({ where: { id: 30 } })).toBeNull();
  });

  it('users of the same shape share compiled plans', () => {
    expect(userShapeKey(t.schema, { id: 1, role: 'user' })).toBe(
      userShapeKey(t.schema, { id: 2, role: 'user' }),
    );
    expect(userShapeKey(t.schema, { id: 1, role: 'user' })).not.toBe(
      userShapeKey(t.schema, { id: 1, role: 'admin' }),
    );
    expect(userShapeKey(t.schema, null)).not.toBe(userShapeKey(t.schema, { id: 1, role: 'user' }));
  });
});
