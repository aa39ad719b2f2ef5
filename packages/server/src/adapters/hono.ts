import { errorResponse, logToConsole } from '../rpc/error-response.js';
import { createRpcHandler, type RpcHandlerOptions } from '../rpc/handler.js';
import { RequestError } from '../rpc/request-error.js';

/**
 * A Hono handler serving the RPC API; it only hands Hono's Fetch `Request` to the core.
 *
 * @example
 * ```ts
 * app.all('/api/model/*', createHonoHandler({ schema, getClient: (req) => enhance(db) }));
 * ```
 */
export function createHonoHandler(
  options: RpcHandlerOptions,
): (c: { req: { raw: Request } }) => Promise<Response> {
  const handle = createRpcHandler(options);
  return (c) => handle(c.req.raw);
}

/**
 * For `@hono/node-server`'s `getRequestListener(app.fetch, { errorHandler })`: a request Node
 * parsed but Fetch cannot hold (`GET http://x:99999/...`) never reaches Hono, and the server's
 * own answer is an empty 400. This one is the API's JSON error instead. The listener calls it
 * for faults while answering too: those (not named `RequestError`) are logged 500s.
 *
 * @example
 * ```ts
 * createServer(getRequestListener(app.fetch, { errorHandler: honoRequestErrorHandler })).listen(3000);
 * ```
 */
export function honoRequestErrorHandler(error: unknown): Response {
  const fromRequest = error instanceof Error && error.name === 'RequestError';
  return errorResponse(
    fromRequest
      ? new RequestError(400, 'INVALID_REQUEST', `The request cannot be served: ${error.message}`)
      : error,
    logToConsole,
  );
}
