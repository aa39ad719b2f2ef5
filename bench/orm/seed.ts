import { sql } from 'kysely';
import { clientContext } from '@warden/orm';

export const USERS = 100;
export const POSTS = 20_000;
export const TAGS = 50;

/** Seeds 100 users, 20,000 posts and 2 tags per post through the client's own connection. */
export async function seed(db: any): Promise<void> {
  const k = clientContext(db).kysely;
  const sqlite = clientContext(db).provider === 'sqlite';
  await db.$transaction(async (tx: any) => {
    const t = clientContext(tx).kysely;
    const chunk = async (table: string, rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i += 500)
        await t
          .insertInto(table)
          .values(rows.slice(i, i + 500))
          .execute();
    };
    await chunk(
      'User',
      Array.from({ length: USERS }, (_, i) => ({
        id: i + 1,
        email: `user${i + 1}@x.com`,
        name: `User ${i + 1}`,
        role: 'USER',
      })),
    );
    await chunk(
      'Tag',
      Array.from({ length: TAGS }, (_, i) => ({ id: i + 1, name: `tag${i + 1}` })),
    );
    const base = Date.UTC(2024, 0, 1);
    await chunk(
      'posts',
      Array.from({ length: POSTS }, (_, i) => ({
        id: i + 1,
        title: `Post ${i + 1}`,
        content: `Content of post ${i + 1}`,
        published: sqlite ? (i % 3 === 0 ? 0 : 1) : i % 3 !== 0,
        views: (i * 37) % 1000,
        created_at: sqlite
          ? new Date(base + i * 60_000).toISOString()
          : new Date(base + i * 60_000),
        author_id: (i % USERS) + 1,
      })),
    );
    await chunk(
      '_PostToTag',
      Array.from({ length: POSTS * 2 }, (_, j) => ({
        A: (j >> 1) + 1,
        B: (((j >> 1) * 7 + (j & 1) * 13) % TAGS) + 1,
      })),
    );
  });
  await sql`create index if not exists posts_author on posts (author_id)`.execute(k);
  await sql`create index if not exists posts_created on posts (created_at)`.execute(k);
  await sql`create index if not exists pt_b on "_PostToTag" ("B")`.execute(k);
  if (!sqlite) {
    // Rows were inserted with explicit ids: move the sequences past them.
    for (const table of ['User', 'posts', 'Tag']) {
      await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        k,
      );
    }
  }
  await sql`analyze`.execute(k);
  // Move the seeded pages out of the WAL so the raw driver's second connection reads the same file.
  if (sqlite) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(k);
}
