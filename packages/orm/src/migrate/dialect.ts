import type { Kysely } from 'kysely';
import type { EnumDef, FieldDef, LiteralValue } from '@warden/schema';
import type { ColumnConverter } from './column-conversion.js';
import type { DbState } from './db-state.js';
import type { SchemaDiff } from './diff.js';

export type SqlDialectName = 'sqlite' | 'postgresql';

/** How a dialect spells the schema's fields as columns. */
export interface ColumnSpelling {
  /** Longer identifiers are cut by the database; desired names are cut the same way. */
  readonly maxIdentifierLength: number;
  /** The column type, in the spelling introspection returns. */
  columnType(field: FieldDef, enumDef: EnumDef | undefined): string;
  /** A literal default (already mapped to database enum labels), or undefined for none. */
  literalDefault(
    field: FieldDef,
    value: LiteralValue | readonly LiteralValue[],
  ): string | undefined;
  /** Default of a required list without `@default`. */
  readonly emptyListDefault: string;
  /** Database default producing the ORM's DateTime format for `now()`. */
  readonly nowDefault: string;
  /** Whether `@default(autoincrement())` becomes a database feature for this column. */
  supportsAutoincrement(field: FieldDef, isSoleId: boolean): boolean;
  /** SQLite keeps enum values in a CHECK; PostgreSQL uses a native type. */
  readonly nativeEnums: boolean;
}

/** Everything push and migrations need from one dialect: a small set of hooks. */
export interface MigrateDialect extends ColumnSpelling {
  readonly name: SqlDialectName;
  introspect(db: Kysely<any>): Promise<DbState>;
  /** Canonical form of a type, for comparing desired and introspected spellings. */
  normalizeType(type: string): string;
  /** Canonical form of a default expression for a column of `type`. */
  normalizeDefault(expression: string, type: string): string;
  /** How a retyped column keeps its values, or undefined when it is dropped and re-added. */
  readonly columnConversion: ColumnConverter;
  /** SQL statements turning `diff.from` into `diff.to`. */
  planStatements(diff: SchemaDiff): string[];
  /**
   * Runs `work` in one transaction with whatever wrapping the dialect needs for structural
   * changes (SQLite: foreign keys off during table rebuilds, checked before commit).
   */
  runStructural(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<void>): Promise<void>;
  /** SQL for the table recording applied migrations. */
  readonly migrationsTableDdl: string;
}
