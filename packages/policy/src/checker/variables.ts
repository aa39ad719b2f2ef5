import type { EnumDef, FieldDef } from '@warden/schema';
import { parseDecimal, rat, fromNumber, toDecimalString, type Rat } from './rational.js';
import type { DomainValue } from './formula.js';

/**
 * How the solver sees a field: `int` covers Int, BigInt and DateTime (milliseconds), `dense`
 * covers Float and Decimal (exact rationals, so any open interval has room).
 */
export type VarKind = 'bool' | 'enum' | 'int' | 'dense' | 'string';

export interface VarInfo {
  /** `title`, `author.role`, `future().status`, `now()`. */
  readonly id: string;
  readonly kind: VarKind;
  /** The schema type, to turn a solution back into a JS value. */
  readonly type: string;
  readonly nullable: boolean;
  readonly values?: readonly string[];
  readonly min?: Rat;
  readonly max?: Rat;
}

const INT32 = { min: rat(-(2n ** 31n)), max: rat(2n ** 31n - 1n) };
const INT64 = { min: rat(-(2n ** 63n)), max: rat(2n ** 63n - 1n) };
/** The range of a JS Date. */
const DATE = { min: rat(-8_640_000_000_000_000n), max: rat(8_640_000_000_000_000n) };

/** The solver's view of a field, or `undefined` for types it does not reason about. */
const infoCache = new WeakMap<FieldDef, Map<string, VarInfo | undefined>>();

export function varInfoFor(
  id: string,
  field: FieldDef,
  enums: Readonly<Record<string, EnumDef>>,
): VarInfo | undefined {
  let byId = infoCache.get(field);
  if (!byId) infoCache.set(field, (byId = new Map()));
  if (byId.has(id)) return byId.get(id);
  const info = computeVarInfo(id, field, enums);
  byId.set(id, info);
  return info;
}

function computeVarInfo(
  id: string,
  field: FieldDef,
  enums: Readonly<Record<string, EnumDef>>,
): VarInfo | undefined {
  if (field.list) return undefined;
  const base = { id, type: field.type, nullable: field.optional };
  if (field.kind === 'enum') {
    const def = Object.hasOwn(enums, field.type) ? enums[field.type] : undefined;
    return def ? { ...base, kind: 'enum', values: def.values } : undefined;
  }
  if (field.kind !== 'scalar') return undefined;
  switch (field.type) {
    case 'Boolean':
      return { ...base, kind: 'bool' };
    case 'String':
      return { ...base, kind: 'string' };
    case 'Int':
      return { ...base, kind: 'int', ...INT32 };
    case 'BigInt':
      return { ...base, kind: 'int', ...INT64 };
    case 'DateTime':
      return { ...base, kind: 'int', ...DATE };
    case 'Float':
    case 'Decimal':
      return { ...base, kind: 'dense' };
    default:
      return undefined;
  }
}

export const NOW_VAR: VarInfo = {
  id: 'now()',
  kind: 'int',
  type: 'DateTime',
  nullable: false,
  ...DATE,
};

function isDecimalLike(v: object): boolean {
  return typeof (v as { toFixed?: unknown }).toFixed === 'function';
}

/** A JS number, bigint, decimal text, Decimal object or `{ bigint }` literal as a rational. */
export function toRational(v: unknown): Rat | undefined {
  if (typeof v === 'number') return fromNumber(v);
  if (typeof v === 'bigint') return rat(v);
  if (typeof v === 'string') return parseDecimal(v);
  if (v !== null && typeof v === 'object') {
    if ('bigint' in v && typeof v.bigint === 'string') return parseDecimal(v.bigint);
    if (isDecimalLike(v)) return parseDecimal(String(v));
  }
  return undefined;
}

/** Milliseconds of a Date, an ISO date text or a number of milliseconds. */
export function toMillis(v: unknown): Rat | undefined {
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? undefined : rat(BigInt(t));
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : rat(BigInt(t));
  }
  if (typeof v === 'number' && Number.isInteger(v)) return rat(BigInt(v));
  return undefined;
}

/**
 * A constant (literal, `auth()` member) in the domain of `info`; `undefined` when its type does
 * not fit, which makes the comparison a free boolean rather than a guess.
 */
export function coerceConstant(info: VarInfo, v: unknown): DomainValue | undefined {
  switch (info.kind) {
    case 'bool':
      return typeof v === 'boolean' ? v : undefined;
    case 'enum':
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'int':
      return info.type === 'DateTime'
        ? toMillis(v)
        : typeof v === 'string'
          ? undefined
          : toRational(v);
    case 'dense':
      return toRational(v);
  }
}

/** A solution value back as what the ORM would return for the field. */
export function toJsValue(info: VarInfo, v: DomainValue | null): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (info.type === 'DateTime') return new Date(Number(v.n / v.d));
  if (info.type === 'BigInt') return v.n / v.d;
  if (info.type === 'Decimal') return toDecimalString(v);
  return v.d === 1n ? Number(v.n) : Number(v.n) / Number(v.d);
}
