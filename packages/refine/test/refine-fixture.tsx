import type { ReactNode } from 'react';
import { Refine, type AccessControlProvider, type DataProvider } from '@refinedev/core';
import { startTestApi, type TestApi, type TestDialect } from '@warden/test-kit';

export type RefineApi = TestApi;

/** `schemaPath` on a fresh database, served with policies on; the user rides in `x-test-user`. */
export function startRefineApi(dialect: TestDialect, schemaPath: string): Promise<TestApi> {
  return startTestApi(dialect, schemaPath);
}

/** A `<Refine>` around hooks under test, with telemetry off and no retries. */
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
