import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRpcHandler, type RpcHandlerOptions } from '../rpc/handler.js';
import { serveNode } from './node.js';

export interface NextHandlerOptions extends RpcHandlerOptions {
  /** true for the App Router (`app/api/model/[...path]/route.ts`), false for `pages/api`. */
  readonly useAppDir: boolean;
}

type AppRouteHandler = (request: Request) => Promise<Response>;
type PagesHandler = (
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
) => Promise<void>;

/**
 * Next.js route handlers for the RPC API.
 *
 * @example
 * ```ts
 * // app/api/model/[...path]/route.ts
 * const handler = NextRequestHandler({ schema, getClient, useAppDir: true });
 * export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
 * ```
 */
export function NextRequestHandler(
  options: NextHandlerOptions & { useAppDir: true },
): AppRouteHandler;
export function NextRequestHandler(
  options: NextHandlerOptions & { useAppDir: false },
): PagesHandler;
export function NextRequestHandler(options: NextHandlerOptions): AppRouteHandler | PagesHandler {
  if (options.useAppDir) return createRpcHandler(options);
  const serve = serveNode(options);
  // The Pages Router has already read the stream (and parsed JSON) before the route runs.
  return (req, res) => serve(req, res, req.url, req.body ?? '');
}
