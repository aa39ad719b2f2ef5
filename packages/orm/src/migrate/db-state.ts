/**
 * A dialect-neutral picture of database structure. Both the desired state (computed from a
 * `SchemaDef`) and the current state (introspected) use it, so one diff serves push and
 * migrations alike. Types and defaults are SQL text in the dialect's own spelling.
 */
export interface DbState {
  readonly tables: readonly DbTable[];
  /** PostgreSQL enum types; always empty on SQLite (which uses CHECK constraints). */
  readonly enums: readonly DbEnum[];
}

export interface DbEnum {
  readonly name: string;
  readonly values: readonly string[];
}

export interface DbTable {
  readonly name: string;
  readonly columns: readonly DbColumn[];
  readonly primaryKey?: DbPrimaryKey;
  readonly foreignKeys: readonly DbForeignKey[];
  /** Unique and plain indexes; never the primary key's index. */
  readonly indexes: readonly DbIndex[];
}

export interface DbColumn {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  /** SQL expression, as it would follow `DEFAULT`. */
  readonly default?: string;
  readonly autoincrement: boolean;
  /** Allowed values of an enum column (CHECK on SQLite, the enum type's labels on PostgreSQL). */
  readonly enumValues?: readonly string[];
  /** PostgreSQL only: name of the enum type the column (or its array) uses. */
  readonly enumType?: string;
  readonly list: boolean;
  /**
   * The schema type of the column's field (`String`, `Int`, ...), known only in states made
   * from a schema: SQLite stores several types alike, and converting values needs the target.
   */
  readonly scalar?: string;
}

export interface DbPrimaryKey {
  readonly name: string;
  readonly columns: readonly string[];
}

export type DbReferentialAction = 'CASCADE' | 'RESTRICT' | 'NO ACTION' | 'SET NULL' | 'SET DEFAULT';

export interface DbForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: DbReferentialAction;
  readonly onUpdate: DbReferentialAction;
}

export interface DbIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** PostgreSQL: backs a UNIQUE constraint made outside Warden (dropped as a constraint). */
  readonly constraint?: boolean;
}

/** Table that records applied migrations; push and introspection leave it alone. */
export const MIGRATIONS_TABLE = '_warden_migrations';
