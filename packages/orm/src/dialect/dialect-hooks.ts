import type { Expression, RawBuilder } from 'kysely';
import type { FieldDef } from '@warden/schema';

/** Kinds of string pattern filters. */
export type StringMatch = 'contains' | 'startsWith' | 'endsWith';

/**
 * The SQL that differs between databases, as a few small functions. Everything else in the
 * query engine is written once. One implementation per folder: `sqlite/`, `postgres/`.
 */
export interface DialectHooks {
  readonly provider: 'sqlite' | 'postgresql';
  /**
   * Most bound parameters one statement may have: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32766);
   * PostgreSQL's wire protocol counts them in 16 bits (65535), and past that the count wraps.
   */
  readonly maxParameters: number;
  /** A column as selected at the top level (SQLite BigInt as text keeps 64-bit precision). */
  selectColumn(field: FieldDef, column: Expression<unknown>): Expression<unknown>;
  /** A column as put into a JSON object (casts what JSON would lose). */
  jsonValue(field: FieldDef, column: Expression<unknown>): Expression<unknown>;
  /** A JSON object from (key, value) pairs. */
  jsonObject(entries: readonly (readonly [string, Expression<unknown>])[]): RawBuilder<unknown>;
  /** A JSON value produced by a subquery, made embeddable into `jsonObject`. */
  embedJson(value: Expression<unknown>): Expression<unknown>;
  /** A JSON array of the `_j` column of `rows` (a subquery, order kept); `[]` when empty. */
  jsonArrayOf(rows: RawBuilder<unknown>): RawBuilder<unknown>;
  /** A JSON array of `object` over `fromWhere` (FROM ... WHERE ..., no order); `[]` when empty. */
  jsonArrayAgg(object: RawBuilder<unknown>, fromWhere: RawBuilder<unknown>): RawBuilder<unknown>;
  /** Reads a top-level column holding aggregated JSON. */
  parseJsonColumn(raw: unknown): unknown;
  /** `column` matches `pattern` (built by `stringPattern`). */
  stringMatch(
    column: Expression<unknown>,
    pattern: Expression<unknown>,
    insensitive: boolean,
  ): RawBuilder<boolean>;
  /** `value` with its case folded, for `mode: 'insensitive'` comparisons. */
  foldCase(value: Expression<unknown>): RawBuilder<unknown>;
  /** The bound pattern for a string filter value. */
  stringPattern(kind: StringMatch, value: string, insensitive: boolean): string;
  /** A comparable form of a column or value for `lt/gt/orderBy` (SQLite Decimal as REAL). */
  comparable(field: FieldDef, value: Expression<unknown>): Expression<unknown>;
  listHas(column: Expression<unknown>, element: Expression<unknown>): RawBuilder<boolean>;
  listHasSome(column: Expression<unknown>, elements: Expression<unknown>): RawBuilder<boolean>;
  listHasEvery(column: Expression<unknown>, elements: Expression<unknown>): RawBuilder<boolean>;
  listIsEmpty(column: Expression<unknown>): RawBuilder<boolean>;
  /** Encodes several list elements (already encoded one by one) into one bound value. */
  listParam(elements: unknown[]): unknown;
  /**
   * `value` is one of the elements of `list`, an `in` / `notIn` list bound as ONE parameter
   * (made by `inListParam`), so the SQL is the same for every length and no list meets the
   * database's limit on parameters. `insensitive`: both sides case-folded.
   */
  inList(
    field: FieldDef,
    value: Expression<unknown>,
    list: Expression<unknown>,
    insensitive: boolean,
  ): RawBuilder<boolean>;
  /** The one bound value of an `in` list, from its elements as each binds alone (no nulls). */
  inListParam(field: FieldDef, elements: readonly unknown[]): unknown;
  /** The JSON value at `path` inside a Json column, as JSON (for equality). */
  jsonAt(column: Expression<unknown>, path: readonly string[]): RawBuilder<unknown>;
  /** The JSON value at `path` as SQL text (strings unquoted), for string filters. */
  jsonTextAt(column: Expression<unknown>, path: readonly string[]): RawBuilder<unknown>;
  /**
   * The first or last element of the JSON array at `path` (comparable with `jsonParam`), or
   * NULL when the value there is not an array (or is empty).
   */
  jsonArrayEnd(
    column: Expression<unknown>,
    path: readonly string[],
    end: 'first' | 'last',
  ): RawBuilder<unknown>;
  /** A bound JSON text as a JSON value comparable with `jsonAt`. */
  jsonParam(value: Expression<unknown>): RawBuilder<unknown>;
  /** A JSON numeric comparison value at `path`. */
  jsonNumberAt(column: Expression<unknown>, path: readonly string[]): RawBuilder<unknown>;
  /** `value` is one of the elements of the JSON array at `path`. */
  jsonArrayContains(
    column: Expression<unknown>,
    path: readonly string[],
    value: Expression<unknown>,
  ): RawBuilder<boolean>;
  readonly trueLiteral: RawBuilder<boolean>;
  readonly falseLiteral: RawBuilder<boolean>;
}
