import type { Database, Statement } from './sqlite-types.js';

/** Rows or the change count of one statement, in Kysely's result shape. */
export interface SqliteResult {
  rows: unknown[];
  numAffectedRows?: bigint;
  insertId?: bigint;
}

/**
 * Prepared statements of one better-sqlite3 database by SQL text, so a repeated statement is
 * parsed once. Bounded by the length of the SQL they hold (SQLite's compiled program grows with
 * it: a 13,000-character statement measured about 290 kB outside the JS heap) as well as by
 * count: when either is full the cache is cleared (statements are cheap to prepare again). A
 * statement over `maxSqlLength / 64` characters is prepared for its call and not kept.
 */
export class StatementCache {
  readonly #statements = new Map<string, Statement>();
  /** The same texts prepared in raw mode (rows as arrays), for `runArrays`. */
  readonly #arrayStatements = new Map<string, Statement>();
  /** Characters of SQL in both maps. */
  #sqlLength = 0;
  constructor(
    readonly db: Database,
    readonly maxSize = 1000,
    readonly maxSqlLength = 1024 * 1024,
  ) {}

  /** The prepared statement of `sql`, from the cache or prepared now (`raw`: rows as arrays). */
  statement(sql: string, raw = false): Statement {
    const cache = raw ? this.#arrayStatements : this.#statements;
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (raw) stmt.raw(true);
      if (sql.length > this.maxSqlLength / 64) return stmt;
      if (cache.size >= this.maxSize || this.#sqlLength + sql.length > this.maxSqlLength) {
        this.#statements.clear();
        this.#arrayStatements.clear();
        this.#sqlLength = 0;
      }
      cache.set(sql, stmt);
      this.#sqlLength += sql.length;
    }
    return stmt;
  }

  /**
   * Runs the query `sql` synchronously, its rows as arrays of column values. better-sqlite3
   * builds a row object property by property through the V8 API (measured ~140 ns per column):
   * a 20-row, 7-column page cost 82 µs as objects and 62 µs as arrays, and the caller builds
   * its own objects in JavaScript for less than the difference.
   */
  runArrays(sql: string, parameters: readonly unknown[]): unknown[][] {
    return this.statement(sql, true).all(parameters) as unknown[][];
  }

  /** Runs `sql` synchronously. */
  run(sql: string, parameters: readonly unknown[]): SqliteResult {
    const stmt = this.statement(sql);
    if (stmt.reader) return { rows: stmt.all(parameters) };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }
}
