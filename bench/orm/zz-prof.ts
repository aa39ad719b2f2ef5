import { createClient } from '@warden/orm';
const { blogSchema } = await import('../../packages/orm/test/fixtures/blog-schema.js');
const db: any = createClient(blogSchema as any, { url: ':memory:' });
await db.$pushSchema();
const u = await db.user.create({ data: { email: 'a@b.c', name: 'x' } });
const p = await db.post.create({ data: { title: 'x', createdAt: new Date(), authorId: u.id } });
const N = 50000;
let s = process.hrtime.bigint();
for (let i = 0; i < N; i++)
  await db.post.update({ where: { id: p.id }, data: { views: { increment: 1 } } });
console.log('update us', Number(process.hrtime.bigint() - s) / N / 1000);
s = process.hrtime.bigint();
for (let i = 0; i < N; i++) await db.post.findUnique({ where: { id: p.id } });
console.log('findUnique us', Number(process.hrtime.bigint() - s) / N / 1000);
await db.$disconnect();
