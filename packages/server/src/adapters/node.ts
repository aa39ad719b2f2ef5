import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { errorResponse, logToConsole } from '../rpc/error-response.js';
import { createRpcHandler, type RpcHandlerOptions } from '../rpc/handler.js';
import { RequestError } from '../rpc/request-error.js';
import { responseText } from '../rpc/response-text.js';

/**
 * A `node:http` request handler serving the RPC API. It never rejects: a request Node parsed
 * but Fetch cannot hold (a `TRACE`, a request line `http://x:99999/...`) gets a 4xx JSON
 * error like any other bad request.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * createServer(createNodeHandler({ schema, getClient: () => enhance(db) })).listen(3000);
 * ```
 */
export function createNodeHandler(
  options: RpcHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const serve = serveNode(options);
  return (req, res) => serve(req, res);
}

/**
 * The body of every adapter that starts from a Node request (node:http, Express, the Next.js
 * Pages Router): convert, handle, answer. Conversion failures go through the same error
 * response as the handler's own, and a client that left before the answer is nobody's fault.
 */
export function serveNode(
  options: RpcHandlerOptions,
): (
  req: IncomingMessage,
  res: ServerResponse,
  url?: string,
  parsedBody?: unknown,
) => Promise<void> {
  const handle = createRpcHandler(options);
  const logError = options.logError ?? logToConsole;
  return async (req, res, url, parsedBody) => {
    let response: Response;
    try {
      response = await handle(toRequest(req, url, parsedBody));
    } catch (error) {
      response = errorResponse(error, logError);
    }
    // A body refused before it was read (too large) would stall the connection's next request.
    if (!req.complete) {
      res.setHeader('connection', 'close');
      req.resume();
    }
    // Writing fails only when the socket is gone: the client left, there is no one to tell.
    await sendResponse(res, response).catch(() => undefined);
  };
}

/** Methods Node's parser accepts but a Fetch `Request` refuses to carry. */
const fetchForbiddenMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Converts a Node request to a Fetch `Request`. `parsedBody` is for frameworks (Express with
 * `express.json()`, the Next.js Pages Router) that have already read the stream. Throws a
 * `RequestError` (400 or 405) for a request target or method a `Request` cannot hold.
 */
export function toRequest(
  req: IncomingMessage,
  url = req.url ?? '/',
  parsedBody?: unknown,
): Request {
  const method = req.method ?? 'GET';
  if (fetchForbiddenMethods.has(method.toUpperCase())) {
    throw new RequestError(
      405,
      'METHOD_NOT_ALLOWED',
      `The API does not serve ${method} requests`,
      undefined,
      { allow: 'GET, POST, PUT, PATCH, DELETE' },
    );
  }
  const full = requestUrl(url);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  if (method === 'GET' || method === 'HEAD') return new Request(full, { method, headers });
  if (parsedBody !== undefined) {
    headers.delete('content-length');
    const body: BodyInit =
      typeof parsedBody === 'string'
        ? parsedBody
        : parsedBody instanceof Uint8Array
          ? new Uint8Array(parsedBody)
          : JSON.stringify(parsedBody);
    return new Request(full, { method, headers, body });
  }
  return new Request(full, {
    method,
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
}

/**
 * The request target as a URL on a fixed origin. The handler needs only path and query, and
 * the host (in the Host header or an absolute-form target) is the client's to choose. An
 * origin-form target is appended, not resolved, so `//evil/x` stays a path.
 */
function requestUrl(target: string): URL {
  try {
    if (target.startsWith('/')) return new URL(`http://localhost${target}`);
    const absolute = new URL(target);
    return new URL(`http://localhost${absolute.pathname}${absolute.search}`);
  } catch {
    throw new RequestError(
      400,
      'INVALID_URL',
      `The request target is not a valid URL: ${JSON.stringify(target.slice(0, 200))}`,
    );
  }
}

/** Writes a Fetch `Response` to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  const text = responseText(response);
  res.end(text ?? Buffer.from(await response.arrayBuffer()));
}
