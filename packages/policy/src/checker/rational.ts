/**
 * Exact rationals over bigint: numbers, decimals and dates are compared without rounding, so
 * `level > 2.5` on an Int field or a 30-digit Decimal literal cannot make the checker wrong.
 */
export interface Rat {
  readonly n: bigint;
  /** Always positive; `n / d` is in lowest terms. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint, d = 1n): Rat {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** `"12.5"`, `"-3e-4"` -> exact value; `undefined` when the text is not a plain decimal. */
export function parseDecimal(text: string): Rat | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '', frac = '', exp = '0'] = m;
  if (whole === '' && frac === '') return undefined;
  let n = BigInt((whole || '0') + frac);
  if (sign === '-') n = -n;
  const e = Number(exp) - frac.length;
  if (Math.abs(e) > 400) return undefined;
  return e >= 0 ? rat(n * 10n ** BigInt(e)) : rat(n, 10n ** BigInt(-e));
}

/** A finite JS number as the decimal its shortest text denotes (`0.1` is one tenth). */
export function fromNumber(x: number): Rat | undefined {
  if (!Number.isFinite(x)) return undefined;
  return Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER
    ? rat(BigInt(x))
    : parseDecimal(String(x));
}

export function cmp(a: Rat, b: Rat): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const add = (a: Rat, b: Rat): Rat => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rat, b: Rat): Rat => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const scale = (a: Rat, num: bigint, den: bigint): Rat => rat(a.n * num, a.d * den);
export const isInt = (a: Rat): boolean => a.d === 1n;

export function floor(a: Rat): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

export function ceil(a: Rat): bigint {
  return -floor(rat(-a.n, a.d));
}

export function toNumber(a: Rat): number {
  return a.d === 1n ? Number(a.n) : Number(a.n) / Number(a.d);
}

/** Exact decimal text when the denominator allows it, else a 20-digit approximation. */
export function toDecimalString(a: Rat): string {
  if (a.d === 1n) return a.n.toString();
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  const digits = d === 1n ? Math.max(twos, fives) : 20;
  const neg = a.n < 0n;
  const abs = neg ? -a.n : a.n;
  const scaled = (abs * 10n ** BigInt(digits)) / a.d;
  const s = scaled.toString().padStart(digits + 1, '0');
  const text = `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/\.?0+$/, '');
  return neg ? `-${text}` : text;
}
