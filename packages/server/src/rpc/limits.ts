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
}

export const defaultLimits: RpcLimits = Object.freeze({
  maxBodyBytes: 1024 * 1024,
  maxQueryLength: 8 * 1024,
  maxDepth: 32,
  maxTake: 1000,
  maxTransactionSize: 100,
});
