import type { ColumnConversion } from '../column-conversion.js';
import type { DbColumn } from '../db-state.js';
import { quoteString } from '../sql-text.js';

type Kind = 'int' | 'float' | 'numeric' | 'text' | 'bool' | 'timestamptz' | 'json' | 'enum';

const intRange: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/** Text PostgreSQL reads as a whole number, a number, a boolean, a timestamp. */
const intText = String.raw`^\s*[+-]?\d+\s*$`;
const numberText = String.raw`^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$`;
const boolWords = ['t', 'true', 'y', 'yes', 'on', '1', 'f', 'false', 'n', 'no', 'off', '0'];
const timestampText = String.raw`^\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?\s*$`;

function baseType(c: DbColumn): string {
  return c.list ? c.type.replace(/\[\]$/, '') : c.type;
}

function kindOf(c: DbColumn): Kind | undefined {
  if (c.enumType !== undefined) return 'enum';
  const t = baseType(c).toLowerCase();
  if (t in intRange) return 'int';
  if (t === 'double precision' || t === 'real') return 'float';
  if (t.startsWith('numeric')) return 'numeric';
  if (t === 'text' || t.startsWith('character')) return 'text';
  if (t === 'boolean') return 'bool';
  if (t.startsWith('timestamp') && t.endsWith('with time zone')) return 'timestamptz';
  if (t === 'jsonb' || t === 'json') return 'json';
  return undefined;
}

interface ElementConversion {
  value(x: string): string;
  risky: boolean;
  invalid?(x: string): string;
  /** `value` is a plain `::` cast, which PostgreSQL also applies to whole arrays. */
  plain: boolean;
}

/**
 * How PostgreSQL turns a value of `from`'s type into one of `to`'s (scalars, or one list
 * element). Strict where a plain cast would round or cut: Float -> Int goes through text so
 * 1.5 fails instead of becoming 2. Undefined when the values cannot be kept.
 */
function elementConversion(from: DbColumn, to: DbColumn): ElementConversion | undefined {
  const f = kindOf(from);
  const t = kindOf(to);
  const type = baseType(to);
  const cast = (x: string) => `${x}::${type}`;
  if (f === undefined || t === undefined) return undefined;
  if (t === 'text') {
    if (f === 'timestamptz') {
      // The ORM's DateTime text (as on SQLite), not PostgreSQL's own '2024-01-02 03:04:05+00'.
      const iso = (x: string) =>
        `to_char(${x} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
      return { value: iso, risky: false, plain: false };
    }
    // No explicit cast to varchar(n): that would cut long text, assignment fails on it instead.
    const bounded = type.includes('(');
    return { value: (x) => `${x}::text`, risky: bounded, plain: !bounded };
  }
  switch (`${f}>${t}`) {
    case 'int>int': {
      const [lo, hi] = intRange[type.toLowerCase()]!;
      const narrows = BigInt(intRange[baseType(from).toLowerCase()]![1]) > BigInt(hi);
      return {
        value: cast,
        risky: narrows,
        ...(narrows ? { invalid: (x: string) => `${x} NOT BETWEEN ${lo} AND ${hi}` } : {}),
        plain: true,
      };
    }
    case 'int>float':
    case 'int>numeric':
    case 'numeric>float':
    case 'float>float':
      return { value: cast, risky: false, plain: true };
    case 'float>numeric':
    case 'numeric>numeric':
      // numeric(p,s) overflows fail; which values do is not worth predicting.
      return { value: cast, risky: true, plain: true };
    case 'float>int':
    case 'numeric>int': {
      const [lo, hi] = intRange[type.toLowerCase()]!;
      return {
        value: (x) => `trim_scale(${x}::numeric)::text::${type}`,
        risky: true,
        invalid: (x) => `(${x} <> trunc(${x}) OR ${x} NOT BETWEEN ${lo} AND ${hi})`,
        plain: false,
      };
    }
    case 'bool>int':
      return { value: (x) => `${x}::integer::${type}`, risky: false, plain: false };
    case 'text>int': {
      const [lo, hi] = intRange[type.toLowerCase()]!;
      return {
        value: cast,
        risky: true,
        // CASE keeps the numeric cast away from text that is not a number.
        invalid: (x) =>
          `CASE WHEN ${x} ~ ${quoteString(intText)} THEN ${x}::numeric NOT BETWEEN ${lo} AND ${hi} ELSE true END`,
        plain: true,
      };
    }
    case 'text>float':
    case 'text>numeric':
      return {
        value: cast,
        risky: true,
        invalid: (x) => `${x} !~ ${quoteString(numberText)}`,
        plain: true,
      };
    case 'text>bool':
      return {
        value: cast,
        risky: true,
        invalid: (x) => `lower(trim(${x})) NOT IN (${boolWords.map(quoteString).join(', ')})`,
        plain: true,
      };
    case 'text>timestamptz':
      return {
        value: cast,
        risky: true,
        invalid: (x) => `${x} !~ ${quoteString(timestampText)}`,
        plain: true,
      };
    case 'timestamptz>timestamptz':
      return { value: cast, risky: false, plain: true };
    case 'text>json':
      return { value: cast, risky: true, plain: true };
    case 'int>json':
    case 'float>json':
    case 'numeric>json':
    case 'bool>json':
      return { value: (x) => `to_jsonb(${x})`, risky: false, plain: false };
    case 'text>enum':
    case 'enum>enum': {
      const labels = (to.enumValues ?? []).map(quoteString).join(', ');
      return {
        value: (x) => `${x}::text::${type}`,
        risky: true,
        invalid: (x) => `${x}::text NOT IN (${labels})`,
        plain: false,
      };
    }
    default:
      return undefined;
  }
}

/**
 * The PostgreSQL `USING` expression of `ALTER COLUMN ... TYPE`, or undefined when the values
 * cannot be kept. A scalar becomes a one-element list (NULL an empty one); lists convert
 * element by element where a plain cast does it; a list never becomes a scalar.
 */
export function postgresConversion(from: DbColumn, to: DbColumn): ColumnConversion | undefined {
  if (from.list && !to.list) return undefined;
  const e = elementConversion(from, to);
  if (!e) return undefined;
  if (!to.list) return e;
  if (from.list) {
    if (!e.plain) return undefined;
    return { value: (x) => `${x}::${to.type}`, risky: e.risky };
  }
  return {
    value: (x) => `CASE WHEN ${x} IS NULL THEN '{}'::${to.type} ELSE ARRAY[${e.value(x)}] END`,
    risky: e.risky,
    ...(e.invalid ? { invalid: e.invalid } : {}),
  };
}
