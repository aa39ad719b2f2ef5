import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { clearAll, openWriteDb } from './fixtures/setup.js';
import type { WriteDb } from './fixtures/setup.js';

describe.each(await testDialects())('delete on %s', (dialect) => {
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
    userId = (await db.user.create({ data: { email: 'd@x.io' } })).id;
  });

  it('returns the deleted row, shaped, in one statement', async () => {
    const p = await db.post.create({ data: { title: 'a', authorId: userId } });
    t.clearLog();
    const d = await db.post.delete({ where: { id: p.id }, select: { id: true, title: true } });
    expect(d).toEqual({ id: p.id, title: 'a' });
    expect(t.log).toHaveLength(1);
    expect(await db.post.findUnique({ where: { id: p.id } })).toBeNull();
  });

  it('returns relations of the deleted row with include', async () => {
    const p = await db.post.create({
      data: { title: 'a', authorId: userId, comments: { create: [{ body: 'x' }] } },
    });
    const d = await db.post.delete({
      where: { id: p.id },
      include: { author: true, comments: true },
    });
    expect(d).toMatchObject({ id: p.id, author: { id: userId }, comments: [{ body: 'x' }] });
    expect(await db.comment.count()).toBe(0);
  });

  it('delete of a missing row is NOT_FOUND', async () => {
    const err = await db.post.delete({ where: { id: 123456 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', model: 'Post', operation: 'delete' });
    expect(err.message).toContain('123456');
    await expect(
      db.post.delete({ where: { id: 123456 }, include: { author: true } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deleteMany counts, filters and limits', async () => {
    await db.post.createMany({
      data: ['a', 'b', 'c', 'd'].map((title, i) => ({ title, authorId: userId, views: i })),
    });
    expect(await db.post.deleteMany({ where: { views: { gte: 3 } } })).toEqual({ count: 1 });
    expect(await db.post.deleteMany({ where: { title: 'zzz' } })).toEqual({ count: 0 });
    expect(await db.post.deleteMany({ limit: 1 })).toEqual({ count: 1 });
    expect(await db.post.deleteMany({ where: { author: { email: 'd@x.io' } } })).toEqual({
      count: 2,
    });
    expect(await db.post.count()).toBe(0);
  });
});
