import Database from 'better-sqlite3';
import { createClient } from '@warden/orm';
import { createTestDatabase } from '@warden/test-kit';
const { blogSchema } = await import('../../packages/orm/test/fixtures/blog-schema.js');
const t = await createTestDatabase('sqlite');
const db: any = createClient(blogSchema as any, { url: t.url });
await db.$pushSchema();
const u = await db.user.create({ data: { email: 'a@b.c', name: 'x' } });
const p = await db.post.create({ data: { title: 'x', createdAt: new Date(), authorId: u.id } });
const N = 5000;
for (let r = 0; r < 2; r++) {
  let s = process.hrtime.bigint();
  for (let i = 0; i < N; i++)
    await db.post.update({ where: { id: p.id }, data: { views: { increment: 1 } } });
  console.log('orm update us', Number(process.hrtime.bigint() - s) / N / 1000);
}
const raw = new Database(t.url.replace(/^file:/, ''));
const st2 = raw.prepare('update posts set views = views + 1 where id = ? returning *');
for (let r = 0; r < 2; r++) {
  let s = process.hrtime.bigint();
  for (let i = 0; i < N; i++) st2.all(p.id);
  console.log('raw update us', Number(process.hrtime.bigint() - s) / N / 1000);
  s = process.hrtime.bigint();
  for (let i = 0; i < N; i++)
    await db.post.update({ where: { id: p.id }, data: { views: { increment: 1 } } });
  console.log('orm update us (raw open)', Number(process.hrtime.bigint() - s) / N / 1000);
}
await db.$disconnect();
raw.close();
await t.drop();
