import { SuperJSON } from 'superjson';
import { Decimal } from 'decimal.js';

/**
 * The wire format: plain JSON plus superjson's metadata, so `Date`, `bigint`, `Decimal` and
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
    serialize: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'),
    deserialize: (v) => new Uint8Array(Buffer.from(v, 'base64')),
  },
  'Bytes',
);

/** `{ data, meta? }` for a successful answer. */
export function serializeData(data: unknown): { data: unknown; meta?: { serialization: unknown } } {
  const { json, meta } = wire.serialize(data);
  return meta ? { data: json, meta: { serialization: meta } } : { data: json };
}
