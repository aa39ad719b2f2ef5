import type { Decimal } from 'decimal.js';
import type { DbNull, FieldDef, JsonNull, SchemaDef } from '@warden/schema';

/** Any JSON value, as stored in and read from a `Json` field. */
export type JsonValue = string | number | boolean | null | JsonObject | JsonArray;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}
/** A JSON array. */
export type JsonArray = JsonValue[];

/**
 * A JSON value as written: read-only arrays and objects welcome, `null` only inside (a whole
 * field's null is `DbNull` or `JsonNull`, see `JsonFieldInput`).
 */
export type InputJsonValue = string | number | boolean | InputJsonObject | InputJsonArray;
/** A JSON object as written (`undefined` members are left out, as `JSON.stringify` does). */
export interface InputJsonObject {
  readonly [key: string]: InputJsonValue | null | undefined;
}
/** A JSON array as written. */
export type InputJsonArray = readonly (InputJsonValue | null)[];

/**
 * What `data` takes for a (non-list) `Json` field: a JSON value, `JsonNull` (the JSON value
 * `null`), and for an optional field `DbNull` (the column is NULL). Plain `null` is ambiguous
 * and refused, as in Prisma.
 */
export type JsonFieldInput<F extends FieldDef> =
  InputJsonValue | JsonNull | (F['optional'] extends true ? DbNull : never);

/** What the client returns for each scalar type. */
export interface ScalarOutputMap {
  String: string;
  Int: number;
  Float: number;
  BigInt: bigint;
  Decimal: Decimal;
  Boolean: boolean;
  DateTime: Date;
  Json: JsonValue;
  Bytes: Uint8Array;
}

/** What the client accepts for each scalar type (looser than the output: strings for dates...). */
export interface ScalarInputMap {
  String: string;
  Int: number;
  Float: number;
  BigInt: bigint | number | string;
  Decimal: Decimal | number | string;
  Boolean: boolean;
  DateTime: Date | string;
  Json: JsonValue;
  Bytes: Uint8Array;
}

/** The values of enum `E`, as a union of string literals. */
export type EnumValue<S extends SchemaDef, E> = E extends keyof S['enums']
  ? S['enums'][E]['values'][number]
  : string;

/** One element of field `F` as returned (no list, no null). */
export type FieldBaseOutput<S extends SchemaDef, F extends FieldDef> = F['kind'] extends 'enum'
  ? EnumValue<S, F['type']>
  : F['type'] extends keyof ScalarOutputMap
    ? ScalarOutputMap[F['type']]
    : unknown;

/** One element of field `F` as accepted in inputs (no list, no null). */
export type FieldBaseInput<S extends SchemaDef, F extends FieldDef> = F['kind'] extends 'enum'
  ? EnumValue<S, F['type']>
  : F['type'] extends keyof ScalarInputMap
    ? ScalarInputMap[F['type']]
    : unknown;

/** The value of scalar field `F` in a result: arrays for lists, `| null` when optional. */
export type FieldOutput<S extends SchemaDef, F extends FieldDef> = F['list'] extends true
  ? FieldBaseOutput<S, F>[]
  : F['optional'] extends true
    ? FieldBaseOutput<S, F> | null
    : FieldBaseOutput<S, F>;

/** The value of scalar field `F` as written in `data`. */
export type FieldInput<S extends SchemaDef, F extends FieldDef> = F['list'] extends true
  ? FieldBaseInput<S, F>[]
  : F['type'] extends 'Json'
    ? F['kind'] extends 'scalar'
      ? JsonFieldInput<F>
      : FieldBaseInput<S, F> | (F['optional'] extends true ? null : never)
    : F['optional'] extends true
      ? FieldBaseInput<S, F> | null
      : FieldBaseInput<S, F>;
