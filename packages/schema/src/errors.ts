/**
 * The one error family of every Warden package. `code` says what went wrong; the HTTP layer
 * maps it to a status; `message` names the model, field or path at fault.
 */
export type WardenErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'REJECTED_BY_POLICY'
  | 'UNIQUE_CONSTRAINT'
  | 'FOREIGN_KEY'
  /**
   * The database gave up on this operation because of another one running at the same time
   * (deadlock, serialization failure, SQLite busy). Nothing was written; the same call may
   * succeed if made again (HTTP 409).
   */
  | 'CONFLICT'
  /** The request asks for more than a configured limit allows; the message names the limit. */
  | 'LIMIT_EXCEEDED'
  /** The operation ran past its time budget and was stopped (HTTP 503). */
  | 'TIMEOUT'
  | 'DB_ERROR'
  | 'CONFIG'
  /** The request was refused before it reached the data layer (HTTP 4xx from the API). */
  | 'BAD_REQUEST'
  /** The app requires a signed-in user (HTTP 401). */
  | 'UNAUTHENTICATED'
  /** A fault on the server side (HTTP 5xx); the message carries the server's error id. */
  | 'INTERNAL';

/** Why a policy rejected an operation. */
export type RejectReason = 'no-access' | 'cannot-read-back' | 'field-update' | 'post-update';

export interface WardenErrorDetails {
  readonly model?: string;
  /** The ORM operation (`create`, `findMany`, ...). */
  readonly operation?: string;
  /** Where in the arguments the problem is: `where.author.is.email`. */
  readonly path?: string;
  readonly reason?: RejectReason;
  /** Fields at fault, for unique and foreign-key violations. */
  readonly fields?: readonly string[];
  /** The HTTP status, when the error came over HTTP. */
  readonly status?: number;
  readonly cause?: unknown;
}

/**
 * @example
 * ```ts
 * try {
 *   await db.post.create({ data });
 * } catch (e) {
 *   if (isWardenError(e) && e.code === 'REJECTED_BY_POLICY') showNotAllowed(e.reason);
 * }
 * ```
 */
export class WardenError extends Error {
  override readonly name = 'WardenError';
  readonly code: WardenErrorCode;
  readonly model?: string;
  readonly operation?: string;
  readonly path?: string;
  readonly reason?: RejectReason;
  readonly fields?: readonly string[];
  readonly status?: number;

  constructor(code: WardenErrorCode, message: string, details: WardenErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.model !== undefined) this.model = details.model;
    if (details.operation !== undefined) this.operation = details.operation;
    if (details.path !== undefined) this.path = details.path;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.fields !== undefined) this.fields = details.fields;
    if (details.status !== undefined) this.status = details.status;
  }
}

/** True for a `WardenError`, also one from another copy of the package (checks the shape). */
export function isWardenError(e: unknown): e is WardenError {
  return (
    e instanceof WardenError || (e instanceof Error && e.name === 'WardenError' && 'code' in e)
  );
}
