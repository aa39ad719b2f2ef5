import { readFile } from 'node:fs/promises';
import type { TestDialect } from '@warden/test-kit';
import { openOrmDb, schemaFromText, type OrmTestDb } from './orm-db.js';

const blogText = await readFile(
  new URL('../../../../examples/schemas/blog.zmodel', import.meta.url),
  'utf8',
);

/**
 * The seed blog on a fresh database: Alice (Writer) with a draft `p1` and a published `p2`,
 * and Bob (Reader) with nothing yet.
 */
export async function openSeededBlog(dialect: TestDialect): Promise<OrmTestDb> {
  const t = await openOrmDb(dialect, await schemaFromText(blogText));
  const db: any = t.db;
  await db.user.create({ data: { id: 'alice', email: 'a@x.io', password: 'x', role: 'Writer' } });
  await db.user.create({ data: { id: 'bob', email: 'b@x.io', password: 'x', role: 'Reader' } });
  await db.post.create({ data: { id: 'p1', title: 'Draft', content: 'c', authorId: 'alice' } });
  await db.post.create({
    data: { id: 'p2', title: 'Published', content: 'c', status: 'published', authorId: 'alice' },
  });
  return t;
}
