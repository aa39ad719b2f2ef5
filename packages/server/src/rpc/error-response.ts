import { randomUUID } from 'node:crypto';
import { isWardenError, type WardenErrorCode } from '@warden/schema';
import { RequestError } from './request-error.js';

/** The error half of the envelope: `{ error: { code, message, reason?, path?, model? } }`. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly reason?: string;
  readonly path?: string;
  readonly model?: string;
  readonly fields?: readonly string[];
  /** Only on 500s: the id under which the server logged the fault. */
  readonly errorId?: string;
}

export type ErrorLogger = (errorId: string, error: unknown) => void;

const statusOf: Record<WardenErrorCode, number> = {
  INVALID_INPUT: 422,
  NOT_FOUND: 404,
  REJECTED_BY_POLICY: 403,
  UNIQUE_CONSTRAINT: 409,
  FOREIGN_KEY: 409,
  DB_ERROR: 500,
  CONFIG: 500,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INTERNAL: 500,
};

/**
 * Maps anything thrown while serving a request to a status and a body. Client mistakes keep
 * their message; server faults get an id, are logged, and reveal nothing of their internals.
 */
export function errorResponse(error: unknown, log: ErrorLogger): Response {
  if (error instanceof RequestError) {
    return json(error.status, {
      code: error.code,
      message: error.message,
      ...(error.path !== undefined && { path: error.path }),
    });
  }
  if (isWardenError(error)) {
    const status = statusOf[error.code] ?? 500;
    if (status < 500) {
      return json(status, {
        code: error.code,
        message: error.message,
        ...(error.reason !== undefined && { reason: error.reason }),
        ...(error.path !== undefined && { path: error.path }),
        ...(error.model !== undefined && { model: error.model }),
        ...(error.fields !== undefined && { fields: error.fields }),
      });
    }
  }
  const errorId = randomUUID();
  log(errorId, error);
  return json(500, {
    code: 'INTERNAL_ERROR',
    message: `The server failed to handle this request (error id ${errorId})`,
    errorId,
  });
}

function json(status: number, error: ErrorBody): Response {
  return Response.json({ error }, { status });
}
