/**
 * An error the HTTP layer answers with a 4xx status and a JSON body that names the problem.
 * Throw one from `getClient` to refuse a request, e.g. `throw new RequestError(401, ...)`.
 * `headers` go on the response (`Allow` on a 405, `Retry-After` on a 503).
 *
 * @example
 * ```ts
 * getClient: async (req) => {
 *   const user = await sessionUser(req);
 *   if (!user) throw new RequestError(401, 'UNAUTHENTICATED', 'Sign in to use the API');
 *   return enhance(db, { user });
 * }
 * ```
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}
