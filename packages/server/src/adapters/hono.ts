import { createRpcHandler, type RpcHandlerOptions } from '../rpc/handler.js';

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
