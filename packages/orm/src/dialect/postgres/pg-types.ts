/**
 * The part of `pg`'s API the ORM uses, written here so that the ORM's published declarations
 * do not import `pg`: a SQLite-only app installs neither the driver nor `@types/pg`, and must
 * still type-check with `skipLibCheck: false`. A real `pg.Pool` is assignable to `Pool`.
 */

/** One statement: unnamed, or a named prepared statement; `rowMode: 'array'` for array rows. */
export interface QueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
  rowMode?: 'array';
}

export interface QueryResult {
  command: string;
  rowCount: number | null;
  rows: any[];
}

/** A connection checked out of a pool. */
export interface PoolClient {
  query(config: QueryConfig): Promise<QueryResult>;
  /** Gives the connection back; with an error, the pool discards it instead. */
  release(err?: Error | boolean): void;
}

/** A connection pool (`pg.Pool`). */
export interface Pool {
  connect(): Promise<PoolClient>;
  end(): Promise<void>;
  /** True once `end()` was called. */
  readonly ended: boolean;
}
