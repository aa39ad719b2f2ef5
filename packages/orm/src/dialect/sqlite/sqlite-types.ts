/**
 * The part of better-sqlite3's API the ORM uses, written here so that the ORM's published
 * declarations do not import `better-sqlite3`: a PostgreSQL-only app installs neither the
 * driver nor `@types/better-sqlite3`, and must still type-check with `skipLibCheck: false`.
 * A real `better-sqlite3` Database is assignable to `Database`.
 */

/** A prepared statement (better-sqlite3's `Statement`). */
export interface Statement {
  /** True for a statement that returns rows. */
  readonly reader: boolean;
  /** True for a statement that does not write. */
  readonly readonly: boolean;
  /** Rows as arrays of column values instead of objects. */
  raw(toggle?: boolean): this;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

/** An open database connection (better-sqlite3's `Database`). */
export interface Database {
  prepare(source: string): Statement;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  function(
    name: string,
    options: { deterministic?: boolean },
    fn: (...params: any[]) => unknown,
  ): this;
  close(): this;
}
