import { lowerCaseFirst, type SchemaDef } from '@warden/schema';
import { defaultLimits, type RpcLimits } from './limits.js';
import { errorResponse, logToConsole, type ErrorLogger } from './error-response.js';
import { findOperationRoute } from '../wire/operations.js';
import { decodeArgs, readBodyArgs, readBodyJson, readQueryArgs } from './read-args.js';
import { RequestError } from './request-error.js';
import { boundRows, checkRows } from './row-budget.js';
import { serializeDataJson } from '../wire/serialization.js';
import { jsonResponse } from './response-text.js';
import { buildOpenApi } from '../openapi/build-openapi.js';

/** A client as the handler sees it: one delegate per model, `$transaction`. */
type AnyClient = Record<string, any>;

export interface RpcHandlerOptions {
  /** The schema the client was made from (`schema.ts`'s export or `loadSchema`'s result). */
  readonly schema: SchemaDef;
  /**
   * Returns the client to serve this request with, normally `enhance(db, { user })` for the
   * request's user. Throw a `RequestError` (e.g. 401) to refuse the request.
   */
  readonly getClient: (request: Request) => AnyClient | Promise<AnyClient>;
  /** Where the API is mounted. Default `/api/model`. */
  readonly basePath?: string;
  readonly limits?: Partial<RpcLimits>;
  /** Serve an OpenAPI 3.1 document at `<basePath>/openapi.json`. Default false. */
  readonly openapi?: boolean;
  /** Where server faults are reported; the response carries only the id. Default console.error. */
  readonly logError?: ErrorLogger;
}

/**
 * The framework-agnostic RPC API: a Fetch `Request` in, a `Response` out. Adapters for
 * Next.js, Express, Hono and `node:http` only convert to and from this.
 *
 * @example
 * ```ts
 * const handle = createRpcHandler({ schema, getClient: async (req) => enhance(db, { user: await userOf(req) }) });
 * // GET /api/model/post/findMany?q={"where":{"status":"published"}}
 * // -> 200 { "data": [...], "meta": { "serialization": {...} } }
 * ```
 */
export function createRpcHandler(
  options: RpcHandlerOptions,
): (request: Request) => Promise<Response> {
  const limits: RpcLimits = { ...defaultLimits, ...options.limits };
  const basePath = (options.basePath ?? '/api/model').replace(/\/+$/, '');
  const logError: ErrorLogger = options.logError ?? logToConsole;
  const models = modelLookup(options.schema);
  let openApiDoc: unknown;

  return async function handleRpc(request: Request): Promise<Response> {
    try {
      const url = new URL(request.url);
      if (!url.pathname.startsWith(`${basePath}/`)) {
        throw new RequestError(404, 'UNKNOWN_ROUTE', `No API route at ${url.pathname}`);
      }
      const segments = url.pathname
        .slice(basePath.length + 1)
        .split('/')
        .filter(Boolean);
      if (segments.length === 1 && segments[0] === '$transaction') {
        return await runTransaction(request, options, models, limits);
      }
      if (segments.length === 1 && segments[0] === 'openapi.json' && options.openapi) {
        openApiDoc ??= buildOpenApi(options.schema, basePath);
        return Response.json(openApiDoc);
      }
      if (segments.length !== 2) {
        throw new RequestError(
          400,
          'INVALID_REQUEST',
          `Expected ${basePath}/<model>/<operation>, got ${url.pathname}`,
        );
      }
      const model = resolveModel(models, decodeSegment(segments[0]!));
      const operation = decodeSegment(segments[1]!);
      const route = findOperationRoute(operation);
      if (!route) {
        throw new RequestError(
          400,
          'UNKNOWN_OPERATION',
          `Unknown operation "${operation}" on model ${model}`,
        );
      }
      if (!route.methods.includes(request.method)) {
        throw new RequestError(
          405,
          'METHOD_NOT_ALLOWED',
          `${model}.${operation} takes ${route.methods.join(' or ')}, not ${request.method}`,
          undefined,
          { allow: route.methods.join(', ') },
        );
      }
      const args =
        route.argsFrom === 'query'
          ? readQueryArgs(url, limits)
          : await readBodyArgs(request, limits);
      const bounded = boundRows(options.schema, model, operation, args, limits);
      const client = await options.getClient(request);
      const result = await withinBudget(limits, `${model}.${operation}`, () =>
        callDelegate(client, model, operation, bounded.args),
      );
      checkRows(result, bounded.plan, limits);
      return jsonResponse(serializeDataJson(result), route.status);
    } catch (error) {
      return errorResponse(error, logError);
    }
  };
}

async function runTransaction(
  request: Request,
  options: RpcHandlerOptions,
  models: Map<string, string>,
  limits: RpcLimits,
): Promise<Response> {
  if (request.method !== 'POST') {
    throw new RequestError(
      405,
      'METHOD_NOT_ALLOWED',
      `$transaction takes POST, not ${request.method}`,
      undefined,
      { allow: 'POST' },
    );
  }
  const body = await readBodyJson(request, limits);
  const items = Array.isArray(body) ? body : undefined;
  if (!items || items.length === 0) {
    throw new RequestError(
      400,
      'INVALID_REQUEST',
      '$transaction takes a non-empty JSON array of { model, op, args }',
    );
  }
  if (items.length > limits.maxTransactionSize) {
    throw new RequestError(
      413,
      'TRANSACTION_TOO_LARGE',
      `$transaction has ${items.length} operations; the limit is ${limits.maxTransactionSize}`,
    );
  }
  const schema = options.schema;
  const steps = items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new RequestError(
        400,
        'INVALID_REQUEST',
        `[${i}] must be an object { model, op, args }`,
        `[${i}]`,
      );
    }
    const { model, op, args, ...rest } = item as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) {
      throw new RequestError(
        400,
        'INVALID_REQUEST',
        `[${i}] has unknown keys: ${extra.join(', ')}`,
        `[${i}]`,
      );
    }
    if (typeof model !== 'string' || typeof op !== 'string') {
      throw new RequestError(
        400,
        'INVALID_REQUEST',
        `[${i}] needs string "model" and "op"`,
        `[${i}]`,
      );
    }
    const resolved = resolveModel(models, model);
    if (!findOperationRoute(op) || op === 'check') {
      throw new RequestError(
        400,
        'UNKNOWN_OPERATION',
        `[${i}] unknown operation "${op}"`,
        `[${i}].op`,
      );
    }
    return {
      model: resolved,
      op,
      ...boundRows(schema, resolved, op, decodeArgs(args, limits), limits),
    };
  });
  const client = await options.getClient(request);
  let expired = false;
  const results = await withinBudget(
    limits,
    '$transaction',
    () =>
      client.$transaction(async (tx: AnyClient) => {
        // A retried transaction counts its rows afresh.
        const counted = { rows: 0 };
        const out: unknown[] = [];
        for (const step of steps) {
          // Past the budget the answer has gone: stop, so the rollback frees the connection.
          if (expired) throw budgetPassed(limits, '$transaction');
          const result = await callDelegate(tx, step.model, step.op, step.args);
          checkRows(result, step.plan, limits, counted);
          out.push(result);
        }
        if (expired) throw budgetPassed(limits, '$transaction');
        return out;
      }),
    () => (expired = true),
  );
  return jsonResponse(serializeDataJson(results), 200);
}

/**
 * Runs `work`, answering 503 `TIMEOUT` if it has not settled within `limits.timeoutMs`. The
 * work goes on until the database ends it; its late outcome is dropped.
 */
async function withinBudget<T>(
  limits: RpcLimits,
  label: string,
  work: () => Promise<T>,
  onExpired?: () => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const running = work();
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      running.catch(() => undefined);
      onExpired?.();
      reject(budgetPassed(limits, label));
    }, limits.timeoutMs);
  });
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function budgetPassed(limits: RpcLimits, label: string): RequestError {
  return new RequestError(
    503,
    'TIMEOUT',
    `${label} ran past the ${limits.timeoutMs} ms one request may take (timeoutMs), and was abandoned (a $transaction rolls back at its next step)`,
    undefined,
    { 'retry-after': '1' },
  );
}

/** Calls `client.<model>.<operation>(args)`; an operation this client lacks is a 400, not a crash. */
function callDelegate(
  client: AnyClient,
  model: string,
  operation: string,
  args: unknown,
): Promise<unknown> {
  const delegate = client[lowerCaseFirst(model)] as Record<string, unknown> | undefined;
  const fn = delegate?.[operation];
  if (typeof fn !== 'function') {
    throw new RequestError(
      400,
      'UNKNOWN_OPERATION',
      `${model}.${operation} is not available on this server's client`,
    );
  }
  return (fn as (a: unknown) => Promise<unknown>).call(delegate, args);
}

/** Model names and their lower-camel forms, both mapping to the schema's name. */
function modelLookup(schema: SchemaDef): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of Object.keys(schema.models)) {
    map.set(name, name);
    map.set(lowerCaseFirst(name), name);
  }
  return map;
}

function resolveModel(models: Map<string, string>, segment: string): string {
  const model = models.get(segment);
  if (!model) throw new RequestError(400, 'UNKNOWN_MODEL', `Unknown model "${segment}"`);
  return model;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RequestError(400, 'INVALID_REQUEST', 'The URL path is not valid percent-encoding');
  }
}
