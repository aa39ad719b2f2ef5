/** Bounds on what one request may ask for; every one answers a clear 4xx when exceeded. */
export interface RpcLimits {
  /** Largest request body in bytes. Default 1 MiB. */
  readonly maxBodyBytes: number;
  /**
   * Longest `q` search parameter in characters. Default 8 KiB, below Node's 16 KiB header
   * limit, so the API (not the HTTP server) answers an over-long query with a clear error.
   */
  readonly maxQueryLength: number;
  /** Deepest nesting of objects and arrays in the arguments. Default 32. */
  readonly maxDepth: number;
  /** Largest `take` anywhere in the arguments (negative ones by absolute value). Default 1000. */
  readonly maxTake: number;
  /** Most operations in one `$transaction` request. Default 100. */
  readonly maxTransactionSize: number;
  /**
   * Most rows one response may hold, counting every included row (a `$transaction`: all its
   * steps together). A `findMany` without `take` runs with `take: maxRows + 1`. Over it: 400
   * `LIMIT_EXCEEDED`, nothing truncated. Default 10,000.
   */
  readonly maxRows: number;
  /**
   * Most rows of one to-many relation per parent row in `include` / `select`. One without
   * `take` runs with `take: maxRowsPerRelation + 1`; a larger explicit `take` is refused
   * before running. Over it: 400 `LIMIT_EXCEEDED`. Default 100.
   */
  readonly maxRowsPerRelation: number;
  /**
   * Most rows a query may read in the worst case, from its takes and the two limits above,
   * summed over its relation paths (100 top rows with 100 posts each: 10,100). Checked before
   * running, so nested to-many reads cannot multiply unseen. Default 2,000,000: one untaken
   * to-many level under an untaken `findMany` fits, two do not.
   */
  readonly maxRowsRead: number;
  /**
   * Milliseconds one request may take. Past it the answer is 503 `TIMEOUT` (with
   * `Retry-After`); a `$transaction` stops at its next step and rolls back, releasing its
   * connection. The statement running at that moment is the database's to stop: on
   * PostgreSQL set `statement_timeout` (see the README). Default 10,000.
   */
  readonly timeoutMs: number;
}

export const defaultLimits: RpcLimits = Object.freeze({
  maxBodyBytes: 1024 * 1024,
  maxQueryLength: 8 * 1024,
  maxDepth: 32,
  maxTake: 1000,
  maxTransactionSize: 100,
  maxRows: 10_000,
  maxRowsPerRelation: 100,
  maxRowsRead: 2_000_000,
  timeoutMs: 10_000,
});
