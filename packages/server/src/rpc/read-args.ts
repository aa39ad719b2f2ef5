import { wire } from '../wire/serialization.js';
import { RequestError } from './request-error.js';
import type { RpcLimits } from './limits.js';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const allowedSerializedTypes = new Set([
  'Date',
  'bigint',
  'undefined',
  'Decimal',
  'Bytes',
  'DbNull',
  'JsonNull',
  'AnyNull',
]);

/** Reads the `q` search parameter (and its `meta`) as operation arguments. */
export function readQueryArgs(url: URL, limits: RpcLimits): unknown {
  const q = url.searchParams.get('q');
  if (q === null) return undefined;
  if (q.length > limits.maxQueryLength) {
    throw new RequestError(
      413,
      'QUERY_TOO_LONG',
      `The q parameter is ${q.length} characters long; the limit is ${limits.maxQueryLength}`,
    );
  }
  const args = parseJson(q, 'q');
  const meta = url.searchParams.get('meta');
  if (meta === null) return checkArgs(args, limits);
  if (meta.length > limits.maxQueryLength) {
    throw new RequestError(413, 'QUERY_TOO_LONG', 'The meta parameter is too long');
  }
  return deserialize(checkArgs(args, limits), parseJson(meta, 'meta'));
}

/** Reads a JSON request body, bounded by `maxBodyBytes`, strictly UTF-8. */
export async function readBodyArgs(request: Request, limits: RpcLimits): Promise<unknown> {
  const text = await readBodyText(request, limits);
  if (text.trim() === '') return undefined;
  return decodeArgs(parseJson(text, 'body'), limits);
}

/** Reads a JSON body that is not operation arguments (e.g. `$transaction`). */
export async function readBodyJson(request: Request, limits: RpcLimits): Promise<unknown> {
  const text = await readBodyText(request, limits);
  if (text.trim() === '')
    throw new RequestError(400, 'INVALID_REQUEST', 'The request body is empty');
  const body = parseJson(text, 'body');
  checkShape(body, limits, '');
  return body;
}

/** Turns the wire form of one set of arguments (a body, a `$transaction` item) into values. */
export function decodeArgs(value: unknown, limits: RpcLimits): unknown {
  if (isPlainObject(value) && Object.hasOwn(value, 'meta')) {
    const { meta, ...args } = value;
    return deserialize(checkArgs(args, limits), meta);
  }
  return checkArgs(value, limits);
}

async function readBodyText(request: Request, limits: RpcLimits): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    throw tooLarge(declared, limits);
  }
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The stream fails only when the client left (or reset) mid-body: its doing, not a fault.
      throw new RequestError(
        400,
        'BODY_INCOMPLETE',
        'The request body ended before its declared length was received',
      );
    });
    if (done) break;
    size += value.byteLength;
    if (size > limits.maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(size, limits);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new RequestError(400, 'INVALID_REQUEST', 'The request body is not valid UTF-8');
  }
}

function tooLarge(size: number, limits: RpcLimits): RequestError {
  return new RequestError(
    413,
    'BODY_TOO_LARGE',
    `The request body is ${size} bytes or more; the limit is ${limits.maxBodyBytes}`,
  );
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new RequestError(400, 'INVALID_JSON', `The ${where} is not valid JSON: ${reason}`);
  }
}

function deserialize(json: unknown, meta: unknown): unknown {
  const serialization = isPlainObject(meta) ? meta.serialization : undefined;
  if (!isPlainObject(serialization)) {
    throw new RequestError(
      400,
      'INVALID_META',
      'meta must be an object of the form { serialization: { values: {...} } }',
    );
  }
  // superjson writes `v` (its format version) beside `values`; referential equalities are
  // refused: arguments never need shared references, and they let a request alias objects.
  const { values, v, ...rest } = serialization;
  if (Object.keys(rest).length > 0 || (v !== undefined && typeof v !== 'number')) {
    throw new RequestError(
      400,
      'INVALID_META',
      `meta.serialization may only hold "values" and "v"; got ${Object.keys(serialization).join(', ')}`,
    );
  }
  checkSerializedTypes(values, 'meta.serialization.values');
  try {
    return wire.deserialize({ json: json as never, meta: { values: values as never } });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new RequestError(
      400,
      'INVALID_META',
      `meta.serialization does not fit the data: ${reason}`,
    );
  }
}

/** superjson's `values` tree: leaves are type names, or `['custom', name]`. */
function checkSerializedTypes(node: unknown, path: string): void {
  if (node === undefined) return;
  if (typeof node === 'string') {
    if (!allowedSerializedTypes.has(node)) {
      throw new RequestError(400, 'INVALID_META', `${path}: type "${node}" is not accepted`);
    }
    return;
  }
  if (Array.isArray(node)) {
    const [head, second, ...more] = node as unknown[];
    if (head === 'custom' && typeof second === 'string' && more.length === 0) {
      if (!allowedSerializedTypes.has(second)) {
        throw new RequestError(
          400,
          'INVALID_META',
          `${path}: custom type "${second}" is not accepted`,
        );
      }
      return;
    }
    if (typeof head === 'string' || Array.isArray(head)) {
      checkSerializedTypes(head, path);
      if (second !== undefined) checkSerializedTypes(second, path);
      if (more.length === 0) return;
    }
    throw new RequestError(400, 'INVALID_META', `${path}: malformed type annotation`);
  }
  if (isPlainObject(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key.split('.').some((part) => forbiddenKeys.has(part))) {
        throw new RequestError(400, 'FORBIDDEN_KEY', `${path}: key "${key}" is not allowed`);
      }
      checkSerializedTypes(child, `${path}.${key}`);
    }
    return;
  }
  throw new RequestError(400, 'INVALID_META', `${path}: malformed type annotation`);
}

function checkArgs(args: unknown, limits: RpcLimits): unknown {
  if (args === undefined || args === null) return undefined;
  if (!isPlainObject(args)) {
    throw new RequestError(400, 'INVALID_REQUEST', 'The arguments must be a JSON object');
  }
  checkShape(args, limits, '');
  return args;
}

/**
 * Refuses keys that reach into prototypes, nesting past `maxDepth` and `take` past `maxTake`.
 * Iterative, so hostile nesting cannot overflow the stack.
 */
function checkShape(root: unknown, limits: RpcLimits, rootPath: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: rootPath, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    // Only what JSON.parse made is walked: deserialized values (Decimal, Date) are not input.
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxDepth) {
      throw new RequestError(
        400,
        'TOO_DEEP',
        `The arguments nest deeper than ${limits.maxDepth} levels at ${path || '(root)'}`,
        path,
      );
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (forbiddenKeys.has(key)) {
        throw new RequestError(
          400,
          'FORBIDDEN_KEY',
          `Key "${key}" is not allowed (at ${childPath})`,
          childPath,
        );
      }
      if (key === 'take' && typeof child === 'number' && Math.abs(child) > limits.maxTake) {
        throw new RequestError(
          400,
          'TAKE_TOO_LARGE',
          `${childPath} is ${child}; at most ${limits.maxTake} rows may be taken at once`,
          childPath,
        );
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
