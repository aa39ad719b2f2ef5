import { SuperJSON } from 'superjson';
import { Decimal } from 'decimal.js';

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

// btoa/atob rather than Buffer: this module also runs in browsers.
function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

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
