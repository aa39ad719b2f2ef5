import { isRetryable, isWardenError, statusOf } from '@warden/schema';
import { RequestError } from './request-error.js';

/** The error half of the envelope: `{ error: { code, message, reason?, path?, model? } }`. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly reason?: string;
  readonly path?: string;
  readonly model?: string;
  readonly fields?: readonly string[];
  /** True when nothing was written and the same request may succeed if sent again. */
  readonly retryable?: boolean;
  /** Only on 500s: the id under which the server logged the fault. */
  readonly errorId?: string;
}

export type ErrorLogger = (errorId: string, error: unknown) => void;

/** `console.error`, with the id the response carries. */
export const logToConsole: ErrorLogger = (id, error) =>
  console.error(`[warden] request failed (error id ${id})`, error);

/**
 * Maps anything thrown while serving a request to a status and a body. Client mistakes keep
 * their message; so do limits the server enforces (`TIMEOUT`, 503). Server faults get an id,
 * are logged, and reveal nothing of their internals.
 */
export function errorResponse(error: unknown, log: ErrorLogger): Response {
  if (error instanceof RequestError) {
    return json(
      error.status,
      {
        code: error.code,
        message: error.message,
        ...(error.path !== undefined && { path: error.path }),
      },
      error.headers,
    );
  }
  if (isWardenError(error)) {
    const status = statusOf(error.code);
    if (status < 500 || error.code === 'TIMEOUT') {
      return json(status, {
        code: error.code,
        message: error.message,
        ...(error.reason !== undefined && { reason: error.reason }),
        ...(error.path !== undefined && { path: error.path }),
        ...(error.model !== undefined && { model: error.model }),
        ...(error.fields !== undefined && { fields: error.fields }),
        ...(isRetryable(error.code) && { retryable: true }),
      });
    }
  }
  // globalThis.crypto, not node:crypto: the core runs on any Fetch runtime.
  const errorId = globalThis.crypto.randomUUID();
  log(errorId, error);
  return json(500, {
    code: 'INTERNAL',
    message: `The server failed to handle this request (error id ${errorId})`,
    errorId,
  });
}

function json(
  status: number,
  error: ErrorBody,
  headers?: Readonly<Record<string, string>>,
): Response {
  return Response.json({ error }, { status, ...(headers && { headers }) });
}
