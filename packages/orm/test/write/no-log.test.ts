import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@warden/orm';
import { createTestDatabase, testDialects } from '@warden/test-kit';
import type { TestDatabase } from '@warden/test-kit';
import { writeSchema } from './fixtures/write-schema.js';

// Without logging the client takes its driver shortcuts (synchronous SQLite statements,
// PostgreSQL named prepared statements): the writes must behave the same there.
describe.each(await testDialects())('writes without logging on %s', (dialect) => {
  let tdb: TestDatabase;
  let db: any;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    db = createClient(await writeSchema(dialect), { url: tdb.url });
    await db.$pushSchema();
  });
  afterAll(async () => {
    await db.$disconnect();
    await tdb.drop();
  });

  it('repeats every cached write shape with different values', async () => {
    const u = await db.user.create({ data: { email: 'f@x.io' } });
    for (let i = 0; i < 3; i++) {
      const p = await db.post.create({ data: { title: `t${i}`, authorId: u.id, views: i } });
      const up = await db.post.update({ where: { id: p.id }, data: { views: { increment: 10 } } });
      expect(up.views).toBe(i + 10);
      const s = await db.post.upsert({
        where: { slug: `s${i % 2}` },
        create: { slug: `s${i % 2}`, title: `u${i}`, authorId: u.id },
        update: { views: { increment: 1 } },
      });
      expect(s.slug).toBe(`s${i % 2}`);
      const d = await db.post.delete({ where: { id: p.id } });
      expect(d.id).toBe(p.id);
    }
    expect((await db.post.findUnique({ where: { slug: 's0' } })).views).toBe(1);
    expect(await db.post.count()).toBe(2);
    expect(await db.post.updateMany({ data: { published: true } })).toEqual({ count: 2 });
    expect(await db.post.deleteMany({ where: { slug: 's1' } })).toEqual({ count: 1 });
  });

  it('maps errors and rolls back nested writes', async () => {
    await expect(db.user.create({ data: { email: 'f@x.io' } })).rejects.toMatchObject({
      code: 'UNIQUE_CONSTRAINT',
      fields: ['email'],
    });
    await expect(db.post.create({ data: { title: 'x', authorId: 'none' } })).rejects.toMatchObject({
      code: 'FOREIGN_KEY',
    });
    const before = await db.user.count();
    await expect(
      db.user.create({
        data: { email: 'g@x.io', posts: { create: [{ title: 'a' }, { title: 'a' }] } },
      }),
    ).rejects.toMatchObject({ code: 'UNIQUE_CONSTRAINT' });
    expect(await db.user.count()).toBe(before);
    const made = await db.user.create({
      data: { email: 'h@x.io', posts: { create: [{ title: 'a' }, { title: 'b' }] } },
      include: { posts: true },
    });
    expect(made.posts).toHaveLength(2);
  });
});
