import Database from 'better-sqlite3';
import { createClient } from '@warden/orm';
import { createTestDatabase } from '@warden/test-kit';
import { blogSchema } from '../../packages/orm/test/fixtures/blog-schema.js';
const t = await createTestDatabase('sqlite');
const db: any = createClient(blogSchema as any, { url: t.url });
await db.$pushSchema();
const u = await db.user.create({ data: { email: 'a@b.c', name: 'x' } });
const raw = new Database(t.url.replace(/^file:/, ''));
raw.pragma('journal_mode = WAL');
const ins = raw.prepare(
  'insert into posts (title, content, published, views, created_at, author_id) values (?, ?, ?, ?, ?, ?) returning *',
);
const upd = raw.prepare('update posts set views = views + 1 where id = ? returning *');
const del = raw.prepare('delete from posts where id = ? returning *');
const ups = raw.prepare(
  'insert into posts (id, title, published, views, created_at, author_id) values (?, ?, 0, 0, ?, 1) on conflict (id) do update set title = ? returning *',
);
async function time(n: number, f: (i: number) => unknown) {
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await f(i);
  return Number(process.hrtime.bigint() - s) / n / 1000;
}
const N = 3000;
const ids: number[] = [];
for (let r = 0; r < 2; r++) {
  const oc = await time(N, async () =>
    ids.push(
      (
        await db.post.create({
          data: {
            title: 'x' + Math.random(),
            content: 'c',
            published: true,
            views: 1,
            createdAt: new Date(),
            authorId: u.id,
          },
        })
      ).id,
    ),
  );
  const rc = await time(N, () =>
    ids.push(ins.get('x' + Math.random(), 'c', 1, 1, new Date().toISOString(), u.id).id),
  );
  const ou = await time(N, (i) =>
    db.post.update({ where: { id: ids[i]! }, data: { views: { increment: 1 } } }),
  );
  const ru = await time(N, (i) => upd.get(ids[i]!));
  const oup = await time(N, (i) =>
    db.post.upsert({
      where: { id: ids[i]! },
      create: { title: 'u', createdAt: new Date(), authorId: u.id },
      update: { title: 'upd' + i },
    }),
  );
  const rup = await time(N, (i) =>
    ups.get(ids[i]!, 'u', new Date().toISOString(), 'upd' + i + 'r'),
  );
  const onc = await time(500, async () =>
    db.user.create({
      data: {
        email: `e${Math.random()}`,
        name: 'n',
        posts: {
          create: [
            { title: 'a', createdAt: new Date() },
            { title: 'b', createdAt: new Date() },
          ],
        },
      },
    }),
  );
  const od = await time(N, (i) => db.post.delete({ where: { id: ids.shift()! } }));
  const rd = await time(N, () => del.get(ids.shift()!));
  console.log({
    create: [oc, rc, oc / rc],
    update: [ou, ru, ou / ru],
    upsert: [oup, rup, oup / rup],
    delete: [od, rd, od / rd],
    nestedCreate: onc,
  });
}
await db.$disconnect();
raw.close();
await t.drop();
