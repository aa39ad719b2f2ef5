import type { Database } from './sqlite-types.js';
import type { SqliteResult } from './statement-cache.js';
import { StatementCache } from './statement-cache.js';

/** Statements that may be answered elsewhere: queries, never pragmas or writes with RETURNING. */
const QUERY_TEXT = /^\s*(select|with|values)\b/i;

/**
 * A second, read-only connection to the same SQLite file, opened on first use, that answers the
 * reads arriving while a transaction holds the client's main connection. SQLite in WAL mode
 * lets them run beside the writer and see the last committed state: what a query on another
 * pooled connection sees in PostgreSQL, and what Prisma answers. Writes never come here (the
 * connection is opened read-only, and only statements SQLite calls read-only are run).
 */
export class SideReader {
  #statements: StatementCache | undefined;

  constructor(readonly open: () => Database) {}

  /** Runs `sql` when it is a plain query; `undefined` when it must run on the main connection. */
  tryRead(sql: string, parameters: readonly unknown[]): SqliteResult | undefined {
    if (!QUERY_TEXT.test(sql)) return undefined;
    this.#statements ??= new StatementCache(this.open());
    const stmt = this.#statements.statement(sql);
    if (!stmt.reader || !stmt.readonly) return undefined;
    return { rows: stmt.all(parameters) };
  }

  close(): void {
    this.#statements?.db.close();
    this.#statements = undefined;
  }
}
