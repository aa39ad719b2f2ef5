import type { Database, Statement } from 'better-sqlite3';

/** Rows or the change count of one statement, in Kysely's result shape. */
export interface SqliteResult {
  rows: unknown[];
  numAffectedRows?: bigint;
  insertId?: bigint;
}

/**
 * Prepared statements of one better-sqlite3 database by SQL text, so a repeated statement is
 * parsed once. Bounded: when full it is cleared (statements are cheap to prepare again).
 */
export class StatementCache {
  readonly #statements = new Map<string, Statement>();
  constructor(
    readonly db: Database,
    readonly maxSize = 1000,
  ) {}

  /** The prepared statement of `sql`, from the cache or prepared now. */
  statement(sql: string): Statement {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      if (this.#statements.size >= this.maxSize) this.#statements.clear();
      stmt = this.db.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Runs `sql` synchronously. */
  run(sql: string, parameters: readonly unknown[]): SqliteResult {
    const stmt = this.statement(sql);
    if (stmt.reader) return { rows: stmt.all(parameters) };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }
}
