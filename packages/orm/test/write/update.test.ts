import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { clearAll, openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(await testDialects())('update on %s', (dialect) => {
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
    userId = (await db.user.create({ data: { email: 'u@x.io' } })).id;
  });

  it('updates one row by a unique where and returns it', async () => {
    const p = await db.post.create({ data: { title: 'a', authorId: userId } });
    const u = await db.post.update({ where: { id: p.id }, data: { title: 'b', published: true } });
    expect(u).toMatchObject({ id: p.id, title: 'b', published: true });
    const byCompound = await db.post.update({
      where: { authorId_title: { authorId: userId, title: 'b' } },
      data: { slug: 'bee' },
      select: { slug: true },
    });
    expect(byCompound).toEqual({ slug: 'bee' });
  });

  it('sets @updatedAt on every update', async () => {
    const u = await db.user.findUnique({ where: { id: userId } });
    await sleep(5);
    const v = await db.user.update({ where: { id: userId }, data: { name: 'Al' } });
    expect(v.updatedAt.getTime()).toBeGreaterThan(u.updatedAt.getTime());
    expect(v.createdAt.getTime()).toBe(u.createdAt.getTime());
  });

  it('applies number operators', async () => {
    const p = await db.post.create({
      data: { title: 'n', authorId: userId, views: 10, rating: 2 },
    });
    expect(
      (await db.post.update({ where: { id: p.id }, data: { views: { increment: 5 } } })).views,
    ).toBe(15);
    expect(
      (await db.post.update({ where: { id: p.id }, data: { views: { decrement: 3 } } })).views,
    ).toBe(12);
    expect(
      (await db.post.update({ where: { id: p.id }, data: { views: { multiply: 2 } } })).views,
    ).toBe(24);
    expect(
      (await db.post.update({ where: { id: p.id }, data: { views: { divide: 5 } } })).views,
    ).toBe(4);
    expect(
      (
        await db.post.update({
          where: { id: p.id },
          data: { views: { set: 1 }, rating: { divide: 4 } },
        })
      ).rating,
    ).toBe(0.5);
    const k = await db.kitchen.create({ data: { big: 2n ** 60n } });
    const k2 = await db.kitchen.update({
      where: { id: k.id },
      data: { big: { increment: 1n }, dec: { increment: '2.25' }, amount: { increment: 1 } },
    });
    expect(k2.big).toBe(2n ** 60n + 1n);
    expect(k2.dec.toString()).toBe('3.75');
    expect(k2.amount).toBeNull();
  });

  it('sets and pushes scalar lists', async () => {
    const k = await db.kitchen.create({ data: {} });
    const a = await db.kitchen.update({
      where: { id: k.id },
      data: { names: { push: 'c' }, lucky: { push: [1, 2] }, roles: { set: ['ADMIN'] } },
    });
    expect(a).toMatchObject({ names: ['a', 'b', 'c'], lucky: [1, 2], roles: ['ADMIN'] });
    const b = await db.kitchen.update({
      where: { id: k.id },
      data: { names: ['z'], roles: { push: 'USER' }, lucky: { push: [] } },
    });
    expect(b).toMatchObject({ names: ['z'], roles: ['ADMIN', 'USER'], lucky: [1, 2] });
    const when = new Date('2020-01-01T00:00:00.000Z');
    const c = await db.kitchen.update({ where: { id: k.id }, data: { stamps: { push: when } } });
    expect(c.stamps.map((d: Date) => d.toISOString())).toEqual([when.toISOString()]);
  });

  it('update of a missing row is NOT_FOUND naming the model and where', async () => {
    const err = await db.post
      .update({ where: { id: 999999 }, data: { title: 'x' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', model: 'Post' });
    expect(err.message).toContain('999999');
    await expect(
      db.post.update({ where: { id: 999999 }, data: { author: { connect: { id: userId } } } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('update requires a unique where', async () => {
    await expect(
      db.post.update({ where: { title: 'x' }, data: { title: 'y' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', path: 'where' });
  });

  it('updateMany counts and updateManyAndReturn returns', async () => {
    await db.post.createMany({
      data: ['a', 'b', 'c'].map((title) => ({ title, authorId: userId })),
    });
    expect(
      await db.post.updateMany({
        where: { title: { in: ['a', 'b'] } },
        data: { views: { increment: 1 } },
      }),
    ).toEqual({ count: 2 });
    expect(await db.post.updateMany({ where: { title: 'none' }, data: { views: 1 } })).toEqual({
      count: 0,
    });
    expect(await db.post.updateMany({ data: { published: true } })).toEqual({ count: 3 });
    const rows = await db.post
      .updateManyAndReturn({
        where: { views: 1 },
        data: { title: { set: 'z' } },
        select: { views: true },
      })
      .catch(() => null);
    expect(rows).toBeNull(); // (authorId, title) unique: two rows cannot both become 'z'
    const ok = await db.post.updateManyAndReturn({
      where: { title: 'c' },
      data: { views: 9 },
      select: { title: true, views: true },
    });
    expect(ok).toEqual([{ title: 'c', views: 9 }]);
    expect(
      await db.post.updateMany({ where: { published: true }, data: { views: 50 }, limit: 2 }),
    ).toEqual({ count: 2 });
    expect(await db.post.count({ where: { views: 50 } })).toBe(2);
  });

  it('upsert creates then updates (native path)', async () => {
    const args = (views: number) => ({
      where: { slug: 's1' },
      create: { slug: 's1', title: 't', authorId: userId, views },
      update: { views: { increment: 1 } },
    });
    const a = await db.post.upsert(args(5));
    expect(a.views).toBe(5);
    t.clearLog();
    const b = await db.post.upsert(args(5));
    expect(b).toMatchObject({ id: a.id, views: 6 });
    expect(t.log).toHaveLength(1);
    expect(await db.post.count()).toBe(1);
  });

  it('upsert through the general path (where differs from create, include, nested)', async () => {
    const created = await db.post.upsert({
      where: { id: 424242 },
      create: { title: 'g', authorId: userId },
      update: { title: 'never' },
      include: { author: true },
    });
    expect(created).toMatchObject({ title: 'g', author: { id: userId } });
    const updated = await db.post.upsert({
      where: { id: created.id },
      create: { title: 'never', authorId: userId },
      update: { title: 'h', comments: { create: { body: 'c' } } },
      include: { comments: true },
    });
    expect(updated).toMatchObject({ id: created.id, title: 'h', comments: [{ body: 'c' }] });
  });
});
