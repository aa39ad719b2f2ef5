import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSchema } from '@warden/language';
import { createClient } from '@warden/orm';
import { enhance } from '@warden/policy';
import type { SchemaDef } from '@warden/schema';
import { createNodeHandler, type RpcHandlerOptions } from '@warden/server';
import { createTestDatabase, type TestDialect } from './databases.js';

export interface TestApi {
  readonly schema: SchemaDef;
  /** The plain client: the ORM's own answers, for comparisons and seeding. */
  readonly db: any;
  /** `http://127.0.0.1:<port>/api/model` */
  readonly endpoint: string;
  /** Paths the server saw under the endpoint: `post/findMany`, `$transaction`, ... */
  readonly requests: string[];
  /** Errors the handler logged as server faults (500s). */
  readonly serverFaults: unknown[];
  close(): Promise<void>;
}

export interface TestApiOptions extends Partial<RpcHandlerOptions> {
  /**
   * Enforce the schema's policies (default true). The request's user travels as JSON in an
   * `x-test-user` header: a stand-in for the app's session, not part of the product.
   */
  readonly policies?: boolean;
}

/**
 * The schema at `schemaPath` on a fresh `dialect` database, served by the RPC handler over a
 * real HTTP server on 127.0.0.1.
 *
 * @example
 * ```ts
 * const api = await startTestApi('sqlite', 'examples/schemas/blog.zmodel');
 * await fetch(`${api.endpoint}/post/findMany`, { headers: { 'x-test-user': '{"id":"u1"}' } });
 * ```
 */
export async function startTestApi(
  dialect: TestDialect,
  schemaPath: string,
  options: TestApiOptions = {},
): Promise<TestApi> {
  const loaded = await loadSchema({ path: schemaPath });
  if (!loaded.ok) throw new Error(`${schemaPath}: ${JSON.stringify(loaded.diagnostics)}`);
  const schema = loaded.schema;
  const database = await createTestDatabase(dialect);
  const db: any = createClient(schema, { url: database.url });
  await db.$pushSchema();
  const requests: string[] = [];
  const serverFaults: unknown[] = [];
  const { policies = true, ...handlerOptions } = options;
  const handler = createNodeHandler({
    schema,
    getClient: (request) => {
      if (!policies) return db;
      const header = request.headers.get('x-test-user');
      return enhance(db, { user: header ? JSON.parse(header) : undefined });
    },
    logError: (_id, error) => serverFaults.push(error),
    ...handlerOptions,
  });
  const server: Server = createServer((req, res) => {
    // Appended, not parsed as a URL: a hostile request target must reach the handler intact.
    requests.push((req.url ?? '/').split('?')[0]!.replace(/^\/api\/model\//, ''));
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    schema,
    db,
    endpoint: `http://127.0.0.1:${port}/api/model`,
    requests,
    serverFaults,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await database.drop();
    },
  };
}
