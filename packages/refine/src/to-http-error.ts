import { isWardenError, statusOf } from '@warden/schema';
import type { HttpError } from '@refinedev/core';

/**
 * Refine wants `HttpError { message, statusCode, errors? }` so `authProvider.onError` can tell
 * 401 from 403 and forms can show per-field messages. Validation errors on `data.title`
 * become `errors.title`.
 */
export function toHttpError(error: unknown): HttpError {
  if (isWardenError(error)) {
    const httpError: HttpError = {
      message: error.message,
      statusCode: error.status ?? statusOf(error.code),
      code: error.code,
      ...(error.reason && { reason: error.reason }),
    };
    const field = fieldOf(error.path);
    if (field && (error.code === 'INVALID_INPUT' || error.code === 'UNIQUE_CONSTRAINT')) {
      httpError.errors = { [field]: [error.message] };
    } else if (error.code === 'UNIQUE_CONSTRAINT' && error.fields?.length) {
      httpError.errors = Object.fromEntries(error.fields.map((f) => [f, [error.message]]));
    }
    return httpError;
  }
  if (error instanceof Error && error.name === 'AbortError') throw error;
  return { message: error instanceof Error ? error.message : String(error), statusCode: 500 };
}

/** `data.title` or `data.author.create.name` -> the first field under `data`. */
function fieldOf(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.split('.');
  return parts[0] === 'data' && parts[1] ? parts[1] : undefined;
}
