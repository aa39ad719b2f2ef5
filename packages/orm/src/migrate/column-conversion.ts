import type { DbColumn } from './db-state.js';
import type { ColumnChange } from './diff.js';

/**
 * How a column whose type changes keeps its values: the expression computing each new value
 * from the old one. A dialect returns none when the values cannot be kept (Json -> Int,
 * Bytes -> DateTime): that column is dropped and re-added, and its values are lost.
 *
 * What push and migrations do with a retyped column, on both databases:
 * - always converts (no warning): Int -> BigInt/Float/Decimal/String, anything -> String
 *   (DateTime as the ORM's ISO text; Boolean as 'true'/'false' on PostgreSQL but '1'/'0' on
 *   SQLite, which stores Boolean as an integer and cannot tell it from Int when introspecting),
 *   enum -> String, a scalar -> a one-element list (NULL -> empty list);
 * - converts, or fails on values that do not convert (String -> Int/Float/Boolean/DateTime/enum,
 *   BigInt -> Int, Float -> Int (1.5 fails, it is not rounded)): push counts such values first
 *   and refuses, naming table, column and an example; with acceptDataLoss they are set to NULL
 *   (or their rows deleted when the column is or stays required). A migration fails at deploy
 *   naming the column, inside its transaction, so nothing is half-applied;
 * - cannot convert (Json/Bytes <-> numbers, DateTime <-> numbers, a list -> a scalar): the
 *   column is dropped and re-added, refused by push without acceptDataLoss as before.
 * SQLite stores String, DateTime, Decimal and Json all as TEXT and Int, BigInt and Boolean
 * as INTEGER: changes within one storage class leave the column and its values as they are.
 */
export interface ColumnConversion {
  /** SQL computing the new value from `column`, a quoted column reference. */
  value(column: string): string;
  /** Some values may not convert (String -> Int, BigInt -> Int): the change then fails. */
  readonly risky: boolean;
  /**
   * SQL condition, true for a non-null value that will not convert, when the dialect can tell
   * in advance; push counts those rows, and the SQLite rebuild refuses them before copying.
   */
  invalid?(column: string): string;
}

/** The hook a dialect implements: how `from` becomes `to`, or undefined when it cannot. */
export type ColumnConverter = (from: DbColumn, to: DbColumn) => ColumnConversion | undefined;

/**
 * The new value of a retyped column, NULLs filled with the new default when the column
 * becomes required (a dropped-and-re-added column would get the default the same way).
 */
export function convertedValue(conv: ColumnConversion, a: ColumnChange, column: string): string {
  const v = conv.value(column);
  return fillsNulls(a) ? `coalesce(${v}, ${a.to.default})` : v;
}

/** A retyped column that becomes required and has a default takes it where it held NULL. */
export function fillsNulls(a: ColumnChange): boolean {
  return a.to.notNull && !a.from.notNull && a.to.default !== undefined;
}
