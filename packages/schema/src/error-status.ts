import type { WardenErrorCode } from './errors.js';

/**
 * The HTTP status of each error code: the one table the server answers with, the client reads
 * back and the Refine data provider reports. 5xx codes are the server's faults or limits, the
 * others the request's.
 */
const statuses: Readonly<Record<WardenErrorCode, number>> = Object.freeze({
  BAD_REQUEST: 400,
  LIMIT_EXCEEDED: 400,
  UNAUTHENTICATED: 401,
  REJECTED_BY_POLICY: 403,
  NOT_FOUND: 404,
  UNIQUE_CONSTRAINT: 409,
  FOREIGN_KEY: 409,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  DB_ERROR: 500,
  CONFIG: 500,
  INTERNAL: 500,
  TIMEOUT: 503,
});

/**
 * The HTTP status for an error code; 500 for a string that is not a `WardenErrorCode`.
 *
 * @example
 * ```ts
 * statusOf('REJECTED_BY_POLICY'); // 403
 * statusOf('CONFLICT'); // 409: retry the call
 * ```
 */
export function statusOf(code: string): number {
  return isWardenErrorCode(code) ? statuses[code] : 500;
}

/** True for the codes of `WardenErrorCode` (e.g. to read a code back from an HTTP answer). */
export function isWardenErrorCode(code: unknown): code is WardenErrorCode {
  return typeof code === 'string' && Object.hasOwn(statuses, code);
}

/**
 * Codes whose operation wrote nothing and may succeed when simply made again: `CONFLICT`
 * (another transaction won a race) and `TIMEOUT` (the server was busy).
 */
export function isRetryable(code: string): boolean {
  return code === 'CONFLICT' || code === 'TIMEOUT';
}
