import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSchema } from '@warden/language';
import { createClient } from '@warden/orm';
import type { SchemaDef } from '@warden/schema';
import { createTestDatabase, type TestDialect } from '@warden/test-kit';
import { createNodeHandler, type RpcHandlerOptions } from '../src/index.js';

export interface ApiFixture {
  readonly schema: SchemaDef;
  readonly db: any;
  /** `http://127.0.0.1:<port>/api/model` */
  readonly endpoint: string;
  readonly serverFaults: unknown[];
  close(): Promise<void>;
}

/** The blog schema, on a fresh database of `dialect`, served over a real HTTP server. */
export async function startApi(
  dialect: TestDialect,
  options: Partial<RpcHandlerOptions> = {},
): Promise<ApiFixture> {
  const loaded = await loadSchema({
    path: new URL('../../../examples/schemas/blog.zmodel', import.meta.url).pathname,
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const schema = loaded.schema;
  const database = await createTestDatabase(dialect);
  const db: any = createClient(schema, { url: database.url });
  await db.$pushSchema();
  const serverFaults: unknown[] = [];
  const server: Server = createServer(
    createNodeHandler({
      schema,
      getClient: () => db,
      logError: (_id, error) => serverFaults.push(error),
      ...options,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    schema,
    db,
    endpoint: `http://127.0.0.1:${port}/api/model`,
    serverFaults,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await database.drop();
    },
  };
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
