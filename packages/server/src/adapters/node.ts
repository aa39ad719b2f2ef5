import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createRpcHandler, type RpcHandlerOptions } from '../rpc/handler.js';
import { responseText } from '../rpc/response-text.js';

/**
 * A `node:http` request handler serving the RPC API.
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
  const handle = createRpcHandler(options);
  return async (req, res) => {
    const response = await handle(toRequest(req));
    // A body refused before it was read (too large) would stall the connection's next request.
    if (!req.complete) {
      res.setHeader('connection', 'close');
      req.resume();
    }
    await sendResponse(res, response);
  };
}

/**
 * Converts a Node request to a Fetch `Request`. `parsedBody` is for frameworks (Express with
 * `express.json()`, the Next.js Pages Router) that have already read the stream.
 */
export function toRequest(
  req: IncomingMessage,
  url = req.url ?? '/',
  parsedBody?: unknown,
): Request {
  // The host header is the client's to choose; the handler needs only path and query.
  const full = new URL(url, 'http://localhost');
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const method = req.method ?? 'GET';
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

/** Writes a Fetch `Response` to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  const text = responseText(response);
  res.end(text ?? Buffer.from(await response.arrayBuffer()));
}
