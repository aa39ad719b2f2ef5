import { WardenError, type RejectReason } from '@warden/schema';

const EXPLAIN: Record<RejectReason, string> = {
  'no-access': 'the access policy does not allow it for the current user',
  'cannot-read-back':
    'the write WAS performed and committed, but the result cannot be returned because the current user may not read it',
  'field-update': 'the access policy does not allow updating some of the fields written',
  'post-update':
    'the row after the update would violate a post-update (future()) rule; nothing was changed',
};

/**
 * `REJECTED_BY_POLICY` with a message that says what was refused and why; `path`: where in the
 * arguments the refused write is (nested writes).
 */
export function rejected(
  model: string,
  operation: string,
  reason: RejectReason = 'no-access',
  detail = '',
  path?: string,
): WardenError {
  return new WardenError(
    'REJECTED_BY_POLICY',
    `${model}.${operation}: ${EXPLAIN[reason]}${detail ? ` (${detail})` : ''}`,
    { model, operation, reason, ...(path === undefined ? {} : { path }) },
  );
}

export function notFound(model: string, operation: string): WardenError {
  return new WardenError('NOT_FOUND', `${model}.${operation}: no such record`, {
    model,
    operation,
  });
}
