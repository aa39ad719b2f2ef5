/**
 * SQLite's answer when a lock is not had in time (better-sqlite3 throws the same code when
 * another process holds the database past `busy_timeout`), so error mapping treats both alike.
 */
export class LockTimeoutError extends Error {
  readonly code = 'SQLITE_BUSY';
}

/**
 * The lock over the one better-sqlite3 connection a client writes through. Held by a
 * transaction from `begin` to `commit`/`rollback` (and by a statement queued through Kysely for
 * the few microtasks it runs). Waiters are served in arrival order, each for at most the time it
 * asks, so nothing waits forever.
 */
export class ConnectionLock {
  #held = false;
  readonly #waiters: (() => void)[] = [];

  get held(): boolean {
    return this.#held;
  }

  /** Takes the lock if it is free, without waiting. */
  tryTake(): boolean {
    if (this.#held) return false;
    this.#held = true;
    return true;
  }

  /** Takes the lock, waiting at most `timeoutMs`; then rejects with `timeoutError()`. */
  take(timeoutMs: number, timeoutError: () => Error): Promise<void> {
    if (this.tryTake()) return Promise.resolve();
    if (timeoutMs <= 0) return Promise.reject(timeoutError());
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(timeoutError());
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Hands the lock to the longest waiter, or frees it. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}
