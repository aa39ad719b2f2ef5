/**
 * Driver error codes that mean "another transaction got in the way": nothing of this operation
 * was written, and the same operation may succeed when made again.
 *
 * PostgreSQL: 40P01 deadlock_detected, 40001 serialization_failure, 55P03 lock_not_available.
 * SQLite: SQLITE_BUSY (and its extended codes: the lock was not had within busy_timeout, or a
 * WAL snapshot went stale), SQLITE_LOCKED.
 */
export function isConflictCode(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  return (
    code === '40P01' ||
    code === '40001' ||
    code === '55P03' ||
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED')
  );
}

/**
 * Conflicts that a whole transaction may simply run again at once: the database broke a
 * deadlock or refused a serialization by aborting this transaction, not waiting for it. Busy
 * timeouts are not among them: that transaction already waited its whole `busy_timeout`.
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = driverCode(error);
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/** The driver's code of an error, or of the error a `WardenError` wraps. */
function driverCode(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'CONFLICT') return driverCode((error as { cause?: unknown }).cause);
  return code;
}
