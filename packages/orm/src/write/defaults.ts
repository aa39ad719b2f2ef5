import { randomBytes, randomUUID } from 'node:crypto';
import { createId } from '@paralleldrive/cuid2';
import { nanoid } from 'nanoid';
import { ulid } from 'ulid';
import { cuid } from './cuid.js';
import type { DefaultValue, FieldDef, LiteralValue } from '@warden/schema';

/** A UUID v7: 48-bit millisecond timestamp, version and variant bits, random rest (RFC 9562). */
export function uuidV7(): string {
  const b = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function literal(v: LiteralValue): unknown {
  if (v !== null && typeof v === 'object') return BigInt(v.bigint);
  return v;
}

/** A literal default as the API value of `field` (the codec then encodes it like user input). */
function literalDefault(field: FieldDef, v: LiteralValue | readonly LiteralValue[]): unknown {
  if (Array.isArray(v)) return v.map((x: LiteralValue) => literalDefault(field, x));
  const x = literal(v as LiteralValue);
  if (x === null) return null;
  switch (field.type) {
    case 'BigInt':
      return typeof x === 'bigint' ? x : BigInt(x as number | string);
    case 'DateTime':
      return new Date(x as string);
    case 'Json':
      // Schema literals for Json are JSON text (`@default("{}")`).
      return typeof x === 'string' ? JSON.parse(x) : x;
    case 'Decimal':
      return typeof x === 'number' ? String(x) : x;
    default:
      return x;
  }
}

/** What `fillDefault` did for a field without a value in the input. */
export type DefaultOutcome =
  /** An API value to encode and insert. */
  | { readonly kind: 'value'; readonly value: unknown }
  /** The database fills it in (`autoincrement()`, `dbgenerated()`). */
  | { readonly kind: 'database' }
  /** No default (or one the plain client cannot compute, such as `auth()`). */
  | { readonly kind: 'none' };

const DATABASE: DefaultOutcome = { kind: 'database' };
const NONE: DefaultOutcome = { kind: 'none' };

/**
 * The default of `field` for a row being created, generated in JS so every insert knows its
 * row (ids included) before it runs. `now` is the one timestamp of the whole write, so
 * `createdAt` and `updatedAt` agree.
 *
 * @example
 * ```ts
 * fillDefault(fields.id, now); // { kind: 'value', value: 'cmxdwsntl...' } for @default(cuid())
 * ```
 */
export function fillDefault(field: FieldDef, now: Date): DefaultOutcome {
  const d: DefaultValue | undefined = field.default;
  if (!d) {
    if (field.updatedAt) return { kind: 'value', value: now };
    return field.list ? { kind: 'value', value: [] } : NONE;
  }
  switch (d.kind) {
    case 'value':
      return { kind: 'value', value: literalDefault(field, d.value) };
    case 'enum':
      return { kind: 'value', value: d.value };
    case 'auth':
      return NONE;
    case 'function':
      switch (d.name) {
        case 'autoincrement':
        case 'dbgenerated':
          return DATABASE;
        case 'now':
          return { kind: 'value', value: now };
        case 'cuid':
          // As Prisma: `cuid()` is the fast v1 format, `cuid(2)` the hashed cuid2.
          return {
            kind: 'value',
            value: d.args?.[0] === 2 || d.args?.[0] === '2' ? createId() : cuid(),
          };
        case 'uuid':
          return {
            kind: 'value',
            value: d.args?.[0] === 7 || d.args?.[0] === '7' ? uuidV7() : randomUUID(),
          };
        case 'nanoid': {
          const len = typeof d.args?.[0] === 'number' ? d.args[0] : undefined;
          return { kind: 'value', value: len === undefined ? nanoid() : nanoid(len) };
        }
        case 'ulid':
          return { kind: 'value', value: ulid() };
        default:
          return NONE;
      }
  }
}
