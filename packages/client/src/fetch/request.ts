import { WardenError, isWardenErrorCode, type WardenErrorCode } from '@warden/schema';
import { findOperationRoute, wire } from '@warden/server/wire';
import type { FetchOptions } from './fetch-options.js';

/**
 * `args` in the wire format. superjson also records which places hold the same object
 * (`referentialEqualities`: one `Date` in two filters, one array in two fields) so that
 * identity can be restored; the arguments are values, each place already holds a full copy,
 * and the server accepts only `values` and `v` in the metadata. So the marker is never sent.
 */
function serializeArgs(args: unknown): { json: unknown; meta?: Record<string, unknown> } {
  const { json, meta } = wire.serialize(args);
  if (!meta) return { json };
  const { referentialEqualities: _identity, ...rest } = meta as Record<string, unknown>;
  return rest.values !== undefined ? { json, meta: rest } : { json };
}

/**
 * Calls one RPC operation: picks the method and where the arguments go from the same route
 * table the server uses, encodes them with superjson, and decodes the answer. A failure is
 * thrown as a `WardenError` carrying the server's code, reason, path and HTTP status.
 *
 * @example
 * ```ts
 * const posts = await callOperation({}, 'Post', 'findMany', { where: { status: 'published' } });
 * ```
 */
export async function callOperation(
  options: FetchOptions,
  model: string,
  operation: string,
  args?: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  const route = findOperationRoute(operation);
  if (!route) {
    throw new WardenError('INVALID_INPUT', `Unknown operation "${operation}" on model ${model}`, {
      model,
      operation,
    });
  }
  const endpoint = (options.endpoint ?? '/api/model').replace(/\/+$/, '');
  const { json, meta } = serializeArgs(args ?? null);
  let url = `${endpoint}/${encodeURIComponent(lowerFirst(model))}/${operation}`;
  const method = route.methods[0]!;
  let body: string | undefined;
  if (route.argsFrom === 'query') {
    const params = new URLSearchParams();
    if (args !== undefined) params.set('q', JSON.stringify(json));
    if (meta) params.set('meta', JSON.stringify({ serialization: meta }));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  } else {
    body = JSON.stringify(
      meta ? { ...(json as object), meta: { serialization: meta } } : (json ?? {}),
    );
  }
  return send(options, url, method, body, signal, { model, operation });
}

/** Runs several operations atomically through `POST <endpoint>/$transaction`. */
export async function callTransaction(
  options: FetchOptions,
  steps: readonly { model: string; op: string; args?: unknown }[],
  signal?: AbortSignal,
): Promise<unknown[]> {
  const endpoint = (options.endpoint ?? '/api/model').replace(/\/+$/, '');
  const body = steps.map((step) => {
    const { json, meta } = serializeArgs(step.args ?? {});
    const args = meta ? { ...(json as object), meta: { serialization: meta } } : json;
    return { model: step.model, op: step.op, args };
  });
  const result = await send(
    options,
    `${endpoint}/$transaction`,
    'POST',
    JSON.stringify(body),
    signal,
    {},
  );
  return result as unknown[];
}

async function send(
  options: FetchOptions,
  url: string,
  method: string,
  body: string | undefined,
  signal: AbortSignal | undefined,
  context: { model?: string; operation?: string },
): Promise<unknown> {
  const doFetch = options.fetch ?? fetch;
  const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
  const headers = new Headers(extra);
  if (body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await doFetch(url, {
      method,
      headers,
      body,
      signal: signal ?? null,
      credentials: options.credentials ?? 'same-origin',
    });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new WardenError(
      'INTERNAL',
      `Could not reach the API at ${url}: ${(e as Error).message}`,
      {
        ...context,
        cause: e,
      },
    );
  }
  let payload: any;
  try {
    payload = await response.json();
  } catch (e) {
    throw new WardenError(
      'INTERNAL',
      `The API answered ${response.status} with a body that is not JSON`,
      {
        ...context,
        status: response.status,
        cause: e,
      },
    );
  }
  if (!response.ok || payload?.error) {
    const error = payload?.error ?? {};
    const code: WardenErrorCode = isWardenErrorCode(error.code)
      ? error.code
      : response.status === 401
        ? 'UNAUTHENTICATED'
        : response.status >= 500
          ? 'INTERNAL'
          : 'BAD_REQUEST';
    throw new WardenError(code, String(error.message ?? `HTTP ${response.status}`), {
      model: error.model ?? context.model,
      operation: context.operation,
      path: error.path,
      reason: error.reason,
      fields: error.fields,
      status: response.status,
    });
  }
  const serialization = payload?.meta?.serialization;
  return serialization
    ? wire.deserialize({ json: payload.data, meta: serialization })
    : payload?.data;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
