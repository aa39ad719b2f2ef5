import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRpcHandler, type RpcHandlerOptions } from '../rpc/handler.js';
import { sendResponse, toRequest } from './node.js';

type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * Express middleware serving the RPC API. Mount it where `basePath` says (default
 * `/api/model`); it works with or without `express.json()` in front of it.
 *
 * @example
 * ```ts
 * app.use('/api/model', createExpressMiddleware({ schema, getClient: (req) => enhance(db) }));
 * ```
 */
export function createExpressMiddleware(
  options: RpcHandlerOptions,
): (req: ExpressRequest, res: ServerResponse, next: (err?: unknown) => void) => void {
  const handle = createRpcHandler(options);
  return (req, res, next) => {
    const parsed = req.body !== undefined && isParsed(req.body) ? req.body : undefined;
    handle(toRequest(req, req.originalUrl ?? req.url, parsed))
      .then((response) => sendResponse(res, response))
      .catch(next);
  };
}

/** express.json() leaves `{}` when it skipped the body; only real content counts as parsed. */
function isParsed(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).length > 0;
}
