import type { Decimal } from 'decimal.js';
import type { FieldDef, SchemaDef } from '@warden/schema';

/** Any JSON value, as stored in and read from a `Json` field. */
export type JsonValue = string | number | boolean | null | JsonObject | JsonArray;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}
/** A JSON array. */
export type JsonArray = JsonValue[];

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
  : F['optional'] extends true
    ? FieldBaseInput<S, F> | null
    : FieldBaseInput<S, F>;
