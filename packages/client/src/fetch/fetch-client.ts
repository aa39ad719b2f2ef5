import { lowerCaseFirst, type SchemaDef } from '@warden/schema';
import { operationRoutes, type OperationName } from '@warden/server/wire';
import type { FetchOptions } from './fetch-options.js';
import { callOperation, callTransaction } from './request.js';

/** The operations the RPC API serves, as methods. */
export type FetchDelegate = {
  readonly [op in OperationName]: (args?: any, signal?: AbortSignal) => Promise<any>;
};

export type FetchClient<S extends SchemaDef> = {
  readonly [M in keyof S['models'] & string as Uncapitalize<M>]: FetchDelegate;
} & {
  /** Runs the steps atomically on the server; results come back in order. */
  $transaction(
    steps: readonly { model: keyof S['models'] & string; op: string; args?: unknown }[],
  ): Promise<unknown[]>;
};

/**
 * A client with the ORM's model methods that talks to the RPC API over `fetch`. Errors are
 * thrown as `WardenError` with the server's code.
 *
 * @example
 * ```ts
 * const api = createFetchClient(schema, { endpoint: '/api/model' });
 * const drafts = await api.post.findMany({ where: { status: 'draft' } });
 * const canCreate = await api.post.check({ operation: 'create' });
 * ```
 */
export function createFetchClient<S extends SchemaDef>(
  schema: S,
  options: FetchOptions = {},
): FetchClient<S> {
  const client: Record<string, unknown> = {
    $transaction: (steps: readonly { model: string; op: string; args?: unknown }[]) =>
      callTransaction(options, steps),
  };
  for (const model of Object.keys(schema.models)) {
    const delegate: Record<string, unknown> = {};
    for (const op of Object.keys(operationRoutes)) {
      delegate[op] = (args?: unknown, signal?: AbortSignal) =>
        callOperation(options, model, op, args, signal);
    }
    client[lowerCaseFirst(model)] = Object.freeze(delegate);
  }
  return Object.freeze(client) as FetchClient<S>;
}
