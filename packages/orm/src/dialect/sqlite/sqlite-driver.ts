import type { Database } from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { DatabaseConnection, Dialect, Driver, Kysely, QueryResult } from 'kysely';
import { StatementCache } from './statement-cache.js';

/**
 * better-sqlite3 behind Kysely, with prepared statements cached by SQL text. SQLite has one
 * connection; a lock serialises its users (a transaction holds it until commit). `isFree()`
 * tells the query engine when it may run a statement synchronously, skipping the queue.
 */
export class WardenSqliteDriver implements Driver {
  readonly statements: StatementCache;
  #locked: Promise<void> | undefined;
  #unlock: (() => void) | undefined;
  readonly #connection: DatabaseConnection;

  constructor(readonly db: Database) {
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
    return this.#locked === undefined;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#locked) await this.#locked;
    this.#locked = new Promise((resolve) => (this.#unlock = resolve));
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const unlock = this.#unlock;
    this.#locked = undefined;
    this.#unlock = undefined;
    unlock?.();
  }

  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    this.db.close();
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
