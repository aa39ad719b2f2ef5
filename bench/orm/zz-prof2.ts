import Database from 'better-sqlite3';
import { createClient } from '@warden/orm';
import { createTestDatabase } from '@warden/test-kit';
import { blogSchema } from '../../packages/orm/test/fixtures/blog-schema.js';
const t = await createTestDatabase('sqlite');
const logged: string[] = [];
const db: any = createClient(blogSchema as any, {
  url: t.url,
  log: (e: any) => logged.push(e.sql),
});
await db.$pushSchema();
const u = await db.user.create({ data: { email: 'a@b.c', name: 'x' } });
const p = await db.post.create({ data: { title: 'x', createdAt: new Date(), authorId: u.id } });
logged.length = 0;
await db.post.update({ where: { id: p.id }, data: { views: { increment: 1 } } });
console.log(logged);
await db.$disconnect();
const raw = new Database(t.url.replace(/^file:/, ''));
const st = raw.prepare(logged[0]!);
const st2 = raw.prepare('update posts set views = views + 1 where id = ? returning *');
const N = 20000;
for (const [name, s] of [
  ['orm sql', st],
  ['raw sql', st2],
  ['orm sql', st],
  ['raw sql', st2],
] as const) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) name === 'orm sql' ? s.all(1, p.id) : s.all(p.id);
  console.log(name, Number(process.hrtime.bigint() - t0) / N / 1000);
}
raw.close();
await t.drop();
