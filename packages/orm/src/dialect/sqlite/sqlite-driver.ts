import type { Database } from './sqlite-types.js';
import { CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { DatabaseConnection, Dialect, Driver, Kysely, QueryResult } from 'kysely';
import { ConnectionLock, LockTimeoutError } from './connection-lock.js';
import type { SideReader } from './side-reader.js';
import { StatementCache } from './statement-cache.js';

/**
 * better-sqlite3 behind Kysely, with prepared statements cached by SQL text. SQLite has one
 * writer, so the client writes through one connection and a lock serialises its users (a
 * transaction holds it until commit). `isFree()` tells the query engine when it may run a
 * statement synchronously, skipping the queue.
 *
 * A statement from outside a transaction that holds the connection (a concurrent request, or
 * the plain client called inside a `$transaction` callback) must not wait without bound: when
 * the transaction awaits that statement, neither can ever finish. So:
 * - a read is answered at once by `sideReader`, a second read-only connection to the same file
 *   (the last committed state, as a query on another pooled connection sees in PostgreSQL); a
 *   `:memory:` database cannot be opened twice (`sideReader` is undefined), so there reads wait
 *   like writes;
 * - a write, or a new transaction, waits for the lock at most `busy_timeout` (SQLite's own
 *   setting for waiting on a lock another process holds), then fails with `SQLITE_BUSY`, which
 *   the ORM reports as a `DB_ERROR` saying what happened and what to do. Waiting rather than
 *   failing at once keeps concurrent writers working (they run when the transaction commits,
 *   as they would across processes); only a write the transaction itself awaits pays the wait.
 */
export class WardenSqliteDriver implements Driver {
  readonly statements: StatementCache;
  readonly #lock = new ConnectionLock();
  /** The connection a holder of the lock uses (one object, so Kysely wraps it for logging once). */
  readonly #connection: DatabaseConnection;

  constructor(
    readonly db: Database,
    readonly sideReader: SideReader | undefined,
  ) {
    this.statements = new StatementCache(db);
    const statements = this.statements;
    this.#connection = {
      executeQuery: <R>(q: CompiledQuery): Promise<QueryResult<R>> =>
        Promise.resolve(statements.run(q.sql, q.parameters) as QueryResult<R>),
      streamQuery: () => {
        throw new Error('streaming is not supported');
      },
    };
  }

  isFree(): boolean {
    return !this.#lock.held;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#lock.tryTake()) return this.#connection;
    return new QueuedConnection(this);
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    if (c === this.#connection || (c instanceof QueuedConnection && c.ownsLock)) {
      this.#lock.release();
    }
  }

  async beginTransaction(c: DatabaseConnection): Promise<void> {
    if (c instanceof QueuedConnection) await c.takeLock('transaction');
    await c.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    this.sideReader?.close();
    this.db.close();
  }

  /** Waits for the lock as long as SQLite's `busy_timeout` says (read now: it can be changed). */
  waitForLock(waiter: LockWaiter): Promise<void> {
    const ms = Number(this.db.pragma('busy_timeout', { simple: true }));
    return this.#lock.take(ms, () => lockTimeout(ms, waiter));
  }

  tryTakeLock(): boolean {
    return this.#lock.tryTake();
  }
}

/** Who waits for the lock, for the message when the wait ends. */
type LockWaiter = 'transaction' | 'write' | 'read' | 'memory-read';

const WAITERS: Record<LockWaiter, string> = {
  transaction: 'a new transaction (SQLite has one writer: transactions run one after another)',
  write:
    'a write (SQLite has one writer: a write outside the transaction waits for it to end; reads outside it are answered from a second connection)',
  read: 'a query',
  'memory-read':
    'a read (a :memory: database cannot be opened twice, so reads outside the transaction wait for it too)',
};

function lockTimeout(ms: number, waiter: LockWaiter): LockTimeoutError {
  return new LockTimeoutError(
    `SQLite: gave up after ${ms} ms (busy_timeout) waiting for this client's open transaction to end, to run ${WAITERS[waiter]}. Inside a $transaction callback, run every query on its tx client: a query on the outer client there waits for the transaction, which waits for the query.`,
  );
}

/**
 * What a statement queued through Kysely gets when the lock was held on arrival: a read is
 * answered by the side connection; anything else takes the lock first (bounded wait), and keeps
 * it until Kysely releases the connection.
 */
class QueuedConnection implements DatabaseConnection {
  #owns = false;

  constructor(readonly driver: WardenSqliteDriver) {}

  get ownsLock(): boolean {
    return this.#owns;
  }

  async takeLock(waiter: LockWaiter): Promise<void> {
    if (!this.#owns && !this.driver.tryTakeLock()) await this.driver.waitForLock(waiter);
    this.#owns = true;
  }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const d = this.driver;
    if (!this.#owns && !d.tryTakeLock()) {
      // Whoever holds the lock, the committed state is the answer a read may give now.
      const side = d.sideReader?.tryRead(q.sql, q.parameters);
      if (side) return side as QueryResult<R>;
      const reads = d.statements.statement(q.sql).readonly;
      await this.takeLock(reads ? (d.sideReader ? 'read' : 'memory-read') : 'write');
    }
    this.#owns = true;
    return d.statements.run(q.sql, q.parameters) as QueryResult<R>;
  }

  streamQuery(): AsyncIterableIterator<never> {
    throw new Error('streaming is not supported');
  }
}

/** A Kysely dialect over one better-sqlite3 database using `WardenSqliteDriver`. */
export class WardenSqliteDialect implements Dialect {
  constructor(readonly driver: WardenSqliteDriver) {}
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
