import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHandlerOptions } from '../rpc/handler.js';
import { serveNode } from './node.js';

type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * Express middleware serving the RPC API. Mount it where `basePath` says (default
 * `/api/model`); it works with or without `express.json()` in front of it. It answers every
 * request it is given itself, errors included (as JSON), and never calls `next`.
 *
 * @example
 * ```ts
 * app.use('/api/model', createExpressMiddleware({ schema, getClient: (req) => enhance(db) }));
 * ```
 */
export function createExpressMiddleware(
  options: RpcHandlerOptions,
): (req: ExpressRequest, res: ServerResponse, next: (err?: unknown) => void) => void {
  const serve = serveNode(options);
  return (req, res) => {
    const parsed = req.body !== undefined && isParsed(req.body) ? req.body : undefined;
    void serve(req, res, req.originalUrl ?? req.url, parsed);
  };
}

/** express.json() leaves `{}` when it skipped the body; only real content counts as parsed. */
function isParsed(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).length > 0;
}
