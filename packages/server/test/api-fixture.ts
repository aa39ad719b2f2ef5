import { resolve } from 'node:path';
import { startTestApi, type TestApi, type TestDialect } from '@warden/test-kit';
import type { RpcHandlerOptions } from '../src/index.js';

export type ApiFixture = TestApi;

const blogSchema = resolve(process.cwd(), 'examples/schemas/blog.zmodel');

/** The blog schema on a fresh database, served WITHOUT policies: these tests are about HTTP. */
export function startApi(
  dialect: TestDialect,
  options: Partial<RpcHandlerOptions> = {},
): Promise<TestApi> {
  return startTestApi(dialect, blogSchema, { policies: false, ...options });
}

/** Two users and three posts, written with the query builder so the test does not lean on writes. */
export async function seedBlog(db: any, dialect: TestDialect): Promise<void> {
  const now = dialect === 'sqlite' ? new Date().toISOString() : new Date();
  await db.$qb
    .insertInto('User')
    .values([
      {
        id: 'u1',
        email: 'reader@example.com',
        name: 'Reading Rita',
        password: 'x',
        role: 'Reader',
        createdAt: now,
        updatedAt: now,
      },
      {
        id: 'u2',
        email: 'writer@example.com',
        name: 'Writing Will',
        password: 'x',
        role: 'Writer',
        createdAt: now,
        updatedAt: now,
      },
    ])
    .execute();
  await db.$qb
    .insertInto('Post')
    .values([
      {
        id: 'p1',
        title: 'Hello',
        content: 'first',
        status: 'published',
        authorId: 'u2',
        createdAt: now,
        updatedAt: now,
      },
      {
        id: 'p2',
        title: 'Draft',
        content: 'wip',
        status: 'draft',
        authorId: 'u2',
        createdAt: now,
        updatedAt: now,
      },
      {
        id: 'p3',
        title: 'hello again',
        content: 'second',
        status: 'published',
        authorId: 'u2',
        createdAt: now,
        updatedAt: now,
      },
    ])
    .execute();
}

export function q(args: unknown): string {
  return `q=${encodeURIComponent(JSON.stringify(args))}`;
}
