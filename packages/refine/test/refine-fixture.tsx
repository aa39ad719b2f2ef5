import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReactNode } from 'react';
import { Refine, type AccessControlProvider, type DataProvider } from '@refinedev/core';
import { loadSchema } from '@warden/language';
import { createClient } from '@warden/orm';
import { enhance } from '@warden/policy';
import type { SchemaDef } from '@warden/schema';
import { createNodeHandler } from '@warden/server';
import { createTestDatabase, type TestDialect } from '@warden/test-kit';

export interface RefineApi {
  readonly schema: SchemaDef;
  /** The plain client: what the ORM itself answers, for comparisons. */
  readonly db: any;
  readonly endpoint: string;
  /** Requests the server saw, by `<model>/<operation>`. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * `schemaPath` on a fresh `dialect` database, served with policies on. The test's user travels
 * in an `x-test-user` header (the example app uses Auth.js sessions instead).
 */
export async function startRefineApi(dialect: TestDialect, schemaPath: string): Promise<RefineApi> {
  const loaded = await loadSchema({ path: schemaPath });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const schema = loaded.schema;
  const database = await createTestDatabase(dialect);
  const db: any = createClient(schema, { url: database.url });
  await db.$pushSchema();
  const requests: string[] = [];
  const handler = createNodeHandler({
    schema,
    getClient: (request) => {
      const header = request.headers.get('x-test-user');
      return enhance(db, { user: header ? JSON.parse(header) : undefined });
    },
  });
  const server: Server = createServer((req, res) => {
    requests.push(new URL(req.url ?? '/', 'http://x').pathname.replace('/api/model/', ''));
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    schema,
    db,
    endpoint: `http://127.0.0.1:${port}/api/model`,
    requests,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** A `<Refine>` around hooks under test, with telemetry off. */
export function refineWrapper(
  dataProvider: DataProvider,
  accessControlProvider?: AccessControlProvider,
) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <Refine
        dataProvider={dataProvider}
        accessControlProvider={accessControlProvider}
        resources={[{ name: 'book' }, { name: 'author' }, { name: 'post' }, { name: 'user' }]}
        options={{
          disableTelemetry: true,
          reactQuery: { clientConfig: { defaultOptions: { queries: { retry: false } } } },
        }}
      >
        {children}
      </Refine>
    );
  };
}
