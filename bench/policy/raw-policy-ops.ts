import type { Database } from 'better-sqlite3';
import type pg from 'pg';

const COLS = 'id, title, content, published, views, created_at, author_id';

/** The benchmarked operations as hand-written statements that apply the same rule as a WHERE. */
export const rawPolicyOps = {
  sqlite(db: Database) {
    const s = {
      findUnique: db.prepare(
        `select ${COLS} from posts where id = ? and (published = 1 or author_id = ?)`,
      ),
      include: db.prepare(
        `select p.id, p.title, p.content, p.published, p.views, p.created_at, p.author_id,
          (select json_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'invitedById', u.invitedById) from "User" u where u.id = p.author_id) as author,
          (select coalesce(json_group_array(json_object('id', t.id, 'name', t.name)), '[]') from "Tag" t join "_PostToTag" j on j.B = t.id where j.A = p.id) as tags
         from posts p where p.author_id = ? and (p.published = 1 or p.author_id = ?) limit 20`,
      ),
      page: db.prepare(
        `select ${COLS} from posts where published = 1 and views > ? and (published = 1 or author_id = ?) order by created_at desc limit 20 offset 20`,
      ),
      count: db.prepare(
        `select count(*) as c from posts where published = 1 and (published = 1 or author_id = ?)`,
      ),
      create: db.prepare(
        `insert into posts (title, content, published, views, created_at, author_id) values (?, ?, ?, ?, ?, ?) returning ${COLS}`,
      ),
      update: db.prepare(
        `update posts set views = views + 1 where id = ? and author_id = ? returning ${COLS}`,
      ),
    };
    return {
      open: async () => undefined,
      close: async () => db.close(),
      findUnique: (id: number, me: number) => s.findUnique.get(id, me),
      findManyInclude: (authorId: number, me: number) =>
        (s.include.all(authorId, me) as any[]).map((r) => ({
          ...r,
          author: JSON.parse(r.author),
          tags: JSON.parse(r.tags),
        })),
      findManyPage: (views: number, me: number) => s.page.all(views, me),
      count: (me: number) => s.count.get(me),
      create: (me: number) =>
        s.create.get(`new ${Math.random()}`, 'c', 1, 1, new Date().toISOString(), me),
      update: (id: number, me: number) => s.update.get(id, me),
    };
  },

  postgresql(client: pg.Client) {
    const q = (name: string, text: string, values: unknown[]) =>
      client.query({ name, text, values }).then((r) => r.rows);
    return {
      open: () => client.connect(),
      close: () => client.end(),
      findUnique: (id: number, me: number) =>
        q(
          'fu',
          `select ${COLS} from posts where id = $1 and (published = true or author_id = $2)`,
          [id, me],
        ).then((r) => r[0]),
      findManyInclude: (authorId: number, me: number) =>
        q(
          'fmi',
          `select p.id, p.title, p.content, p.published, p.views, p.created_at, p.author_id,
            (select jsonb_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'invitedById', u."invitedById") from "User" u where u.id = p.author_id) as author,
            (select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name)), '[]'::jsonb) from "Tag" t join "_PostToTag" j on j."B" = t.id where j."A" = p.id) as tags
           from posts p where p.author_id = $1 and (p.published = true or p.author_id = $2) limit 20`,
          [authorId, me],
        ),
      findManyPage: (views: number, me: number) =>
        q(
          'fmp',
          `select ${COLS} from posts where published = true and views > $1 and (published = true or author_id = $2) order by created_at desc limit 20 offset 20`,
          [views, me],
        ),
      count: (me: number) =>
        q(
          'cnt',
          `select count(*) as c from posts where published = true and (published = true or author_id = $1)`,
          [me],
        ),
      create: (me: number) =>
        q(
          'cr',
          `insert into posts (title, content, published, views, created_at, author_id) values ($1, $2, $3, $4, $5, $6) returning ${COLS}`,
          [`new ${Math.random()}`, 'c', true, 1, new Date(), me],
        ),
      update: (id: number, me: number) =>
        q(
          'up',
          `update posts set views = views + 1 where id = $1 and author_id = $2 returning ${COLS}`,
          [id, me],
        ),
    };
  },
};
