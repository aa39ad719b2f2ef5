import type { Decimal } from 'decimal.js';
import type { AnyNull, DbNull, JsonNull } from '@warden/schema';
import type { InputJsonValue, JsonValue } from './scalars.js';

// Filter objects per scalar type. `N` is `null` for optional fields and `never` otherwise, so
// `equals: null` is only accepted where the column can be null.

/** `mode: 'insensitive'` makes string comparisons case-insensitive on both databases. */
export type QueryMode = 'default' | 'insensitive';

/** Comparisons shared by every ordered type. */
export interface ComparableFilter<T, N> {
  equals?: T | N;
  in?: T[];
  notIn?: T[];
  lt?: T;
  lte?: T;
  gt?: T;
  gte?: T;
}

export interface StringFilter<N> extends ComparableFilter<string, N> {
  contains?: string;
  startsWith?: string;
  endsWith?: string;
  mode?: QueryMode;
  not?: string | N | StringFilter<N>;
}

export interface NumberFilter<T, N> extends ComparableFilter<T, N> {
  not?: T | N | NumberFilter<T, N>;
}

export interface BigIntFilter<N> extends ComparableFilter<bigint | number | string, N> {
  not?: bigint | number | string | N | BigIntFilter<N>;
}

export interface DecimalFilter<N> extends ComparableFilter<Decimal | number | string, N> {
  not?: Decimal | number | string | N | DecimalFilter<N>;
}

export interface DateTimeFilter<N> extends ComparableFilter<Date | string, N> {
  not?: Date | string | N | DateTimeFilter<N>;
}

export interface BooleanFilter<N> {
  equals?: boolean | N;
  not?: boolean | N | BooleanFilter<N>;
}

export interface BytesFilter<N> {
  equals?: Uint8Array | N;
  in?: Uint8Array[];
  notIn?: Uint8Array[];
  not?: Uint8Array | N | BytesFilter<N>;
}

export interface EnumFilter<E, N> {
  equals?: E | N;
  in?: E[];
  notIn?: E[];
  not?: E | N | EnumFilter<E, N>;
}

/**
 * The nulls a `Json` filter tells apart: `DbNull` (the column is NULL; at a `path`: nothing
 * there), `JsonNull` (the JSON value `null`), `AnyNull` (either).
 */
export type JsonNullValueFilter = DbNull | JsonNull | AnyNull;

/**
 * `Json` filters: equality, and string/array tests on the value or on the value at `path`.
 * Plain `null` means `DbNull` on the whole value and `JsonNull` at a `path`.
 */
export interface JsonFilter {
  equals?: InputJsonValue | null | JsonNullValueFilter;
  not?: InputJsonValue | null | JsonNullValueFilter;
  /** A path into the value: `['settings', 'theme']`. */
  path?: string[];
  mode?: QueryMode;
  string_contains?: string;
  string_starts_with?: string;
  string_ends_with?: string;
  array_contains?: JsonValue;
  array_starts_with?: JsonValue;
  array_ends_with?: JsonValue;
}

/** Filters on a scalar list (`String[]`). */
export interface ListFilter<T, N> {
  equals?: T[] | N;
  has?: T | null;
  hasEvery?: T[];
  hasSome?: T[];
  isEmpty?: boolean;
}

/** The filter object of each scalar type. */
export interface ScalarFilterMap<N> {
  String: StringFilter<N>;
  Int: NumberFilter<number, N>;
  Float: NumberFilter<number, N>;
  BigInt: BigIntFilter<N>;
  Decimal: DecimalFilter<N>;
  Boolean: BooleanFilter<N>;
  DateTime: DateTimeFilter<N>;
  Json: JsonFilter;
  Bytes: BytesFilter<N>;
}
