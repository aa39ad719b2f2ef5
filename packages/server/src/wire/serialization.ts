import { SuperJSON } from 'superjson';
import { Decimal } from 'decimal.js';
import { AnyNull, DbNull, JsonNull, nullValueName, type NullValue } from '@warden/schema';
import { bytesToBase64, encodeDataJson } from './encode-data.js';

/**
 * The wire format, shared by the server and the browser clients: plain JSON plus superjson's metadata, so `Date`, `bigint`, `Decimal` and
 * bytes survive the round trip. One instance per process, never the global one, so an app's own
 * superjson registrations cannot change what our API sends.
 */
export const wire = new SuperJSON();

wire.registerCustom<Decimal, string>(
  {
    isApplicable: (v): v is Decimal => Decimal.isDecimal(v),
    serialize: (v) => v.toString(),
    deserialize: (v) => new Decimal(v),
  },
  'Decimal',
);

wire.registerCustom<Uint8Array, string>(
  {
    isApplicable: (v): v is Uint8Array => v instanceof Uint8Array,
    serialize: (v) => bytesToBase64(v),
    deserialize: (v) => base64ToBytes(v),
  },
  'Bytes',
);

// `where` and `data` may hold the Json nulls; each travels as its name and is revived as the
// receiving side's own singleton (the ORM recognises them by brand, so a copy bundled for the
// browser and the server's copy agree). Results never contain them.
for (const value of [DbNull, JsonNull, AnyNull] as const) {
  const name = value.toString();
  wire.registerCustom<NullValue, string>(
    {
      isApplicable: (v): v is NullValue => nullValueName(v) === name,
      serialize: () => name,
      deserialize: () => value,
    },
    name,
  );
}

// atob rather than Buffer: this module also runs in browsers.
function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `{ data, meta? }` for a successful answer. */
export function serializeData(data: unknown): { data: unknown; meta?: { serialization: unknown } } {
  const { json, meta } = wire.serialize(data);
  return meta ? { data: json, meta: { serialization: meta } } : { data: json };
}

/**
 * The JSON text of `{ data, meta? }`: the fast walk of `encodeDataJson` when the value is a plain
 * result tree, superjson's general one otherwise. Both decode with `wire.deserialize`.
 */
export function serializeDataJson(data: unknown): string {
  return encodeDataJson(data) ?? JSON.stringify(serializeData(data));
}
