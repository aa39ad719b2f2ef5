import type { Database } from 'better-sqlite3';
import type pg from 'pg';

const COLS = 'id, title, content, published, views, created_at, author_id';

/** The same operations as hand-written prepared statements on the raw drivers. */
export const rawOps = {
  sqlite(db: Database) {
    const s = {
      findUnique: db.prepare(`select ${COLS} from posts where id = ?`),
      include: db.prepare(
        `select p.id, p.title, p.content, p.published, p.views, p.created_at, p.author_id,
          (select json_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'invitedById', u.invitedById) from "User" u where u.id = p.author_id) as author,
          (select coalesce(json_group_array(json_object('id', t.id, 'name', t.name)), '[]') from "Tag" t join "_PostToTag" j on j.B = t.id where j.A = p.id) as tags
         from posts p where p.author_id = ? limit 20`,
      ),
      page: db.prepare(
        `select ${COLS} from posts where published = 1 and views > ? order by created_at desc limit 20 offset 20`,
      ),
      count: db.prepare(`select count(*) as c from posts where published = 1`),
      groupBy: db.prepare(
        `select author_id, count(*) as c, avg(views) as a from posts group by author_id`,
      ),
      create: db.prepare(
        `insert into posts (title, content, published, views, created_at, author_id) values (?, ?, ?, ?, ?, ?) returning ${COLS}`,
      ),
      createBare: db.prepare(
        `insert into posts (title, published, views, created_at, author_id) values (?, 0, 0, ?, ?) returning ${COLS}`,
      ),
      link: db.prepare(`insert into "_PostToTag" ("A", "B") values (?, ?)`),
      update: db.prepare(`update posts set views = views + 1 where id = ? returning ${COLS}`),
      upsert: db.prepare(
        `insert into posts (id, title, published, views, created_at, author_id) values (?, ?, 0, 0, ?, 1) on conflict (id) do update set title = excluded.title returning ${COLS}`,
      ),
      delete: db.prepare(`delete from posts where id = ? returning ${COLS}`),
    };
    return {
      open: async () => undefined,
      close: async () => db.close(),
      findUnique: (id: number) => s.findUnique.get(id),
      findManyInclude: (authorId: number) =>
        (s.include.all(authorId) as any[]).map((r) => ({
          ...r,
          author: JSON.parse(r.author),
          tags: JSON.parse(r.tags),
        })),
      findManyPage: (views: number) => s.page.all(views),
      count: () => s.count.get(),
      groupBy: () => s.groupBy.all(),
      create: (authorId: number) =>
        s.create.get(`new ${Math.random()}`, 'c', 1, 1, new Date().toISOString(), authorId),
      nestedCreate: (authorId: number, n: number) =>
        db.transaction(() => {
          const p = s.createBare.get(
            `nested ${n} ${Math.random()}`,
            new Date().toISOString(),
            authorId,
          ) as { id: number };
          s.link.run(p.id, (n % 50) + 1);
          s.link.run(p.id, ((n + 7) % 50) + 1);
          return p;
        })(),
      update: (id: number) => s.update.get(id),
      upsert: (id: number) => s.upsert.get(id, `upd ${id}`, new Date().toISOString()),
      delete: (id: number) => s.delete.get(id),
    };
  },

  postgresql(client: pg.Client) {
    const q = (name: string, text: string, values: unknown[]) =>
      client.query({ name, text, values }).then((r) => r.rows);
    return {
      open: () => client.connect(),
      close: () => client.end(),
      findUnique: (id: number) =>
        q('fu', `select ${COLS} from posts where id = $1`, [id]).then((r) => r[0]),
      findManyInclude: (authorId: number) =>
        q(
          'fmi',
          `select p.id, p.title, p.content, p.published, p.views, p.created_at, p.author_id,
            (select json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'invitedById', u."invitedById") from "User" u where u.id = p.author_id) as author,
            (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name)), '[]'::json) from "Tag" t join "_PostToTag" j on j."B" = t.id where j."A" = p.id) as tags
           from posts p where p.author_id = $1 limit 20`,
          [authorId],
        ),
      findManyPage: (views: number) =>
        q(
          'fmp',
          `select ${COLS} from posts where published = true and views > $1 order by created_at desc limit 20 offset 20`,
          [views],
        ),
      count: () => q('cnt', `select count(*) as c from posts where published = true`, []),
      groupBy: () =>
        q(
          'gb',
          `select author_id, count(*) as c, avg(views) as a from posts group by author_id`,
          [],
        ),
      create: (authorId: number) =>
        q(
          'cr',
          `insert into posts (title, content, published, views, created_at, author_id) values ($1, $2, $3, $4, $5, $6) returning ${COLS}`,
          [`new ${Math.random()}`, 'c', true, 1, new Date(), authorId],
        ),
      nestedCreate: async (authorId: number, n: number) => {
        await client.query('begin');
        const [p] = await q(
          'ncr',
          `insert into posts (title, published, views, created_at, author_id) values ($1, false, 0, $2, $3) returning ${COLS}`,
          [`nested ${n} ${Math.random()}`, new Date(), authorId],
        );
        await q('lnk', `insert into "_PostToTag" ("A", "B") values ($1, $2), ($1, $3)`, [
          p.id,
          (n % 50) + 1,
          ((n + 7) % 50) + 1,
        ]);
        await client.query('commit');
        return p;
      },
      update: (id: number) =>
        q('up', `update posts set views = views + 1 where id = $1 returning ${COLS}`, [id]),
      upsert: (id: number) =>
        q(
          'ups',
          `insert into posts (id, title, published, views, created_at, author_id) values ($1, $2, false, 0, $3, 1) on conflict (id) do update set title = excluded.title returning ${COLS}`,
          [id, `upd ${id}`, new Date()],
        ),
      delete: (id: number) => q('del', `delete from posts where id = $1 returning ${COLS}`, [id]),
    };
  },
};
