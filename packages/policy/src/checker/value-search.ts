import type { Atom, DomainValue } from './formula.js';
import { inDomain, holdsUnary } from './domain.js';
import { add, ceil, cmp, floor, rat, scale, sub, type Rat } from './rational.js';
import { canonicalString } from './string-witness.js';
import type { VarInfo } from './variables.js';

/**
 * Values for a class of variables forced equal (often just one variable), under their unary
 * atoms. For one class alone `firstValue` decides exactly; components with variable-to-variable
 * comparisons search over `candidateValues`.
 */
export interface ValueClass {
  readonly members: readonly VarInfo[];
  /** Atoms on the members other than null tests (the class is known to be non-null). */
  readonly atoms: readonly Atom[];
}

function accepts(c: ValueClass, v: DomainValue): boolean {
  return c.members.every((m) => inDomain(m, v)) && c.atoms.every((a) => holdsUnary(a, v));
}

const kindOf = (c: ValueClass) => c.members[0]!.kind;
const integral = (c: ValueClass) => c.members.some((m) => m.kind === 'int');

/** Constants the atoms compare with, plus the type bounds of integer members. */
export function numericConstants(c: ValueClass): Rat[] {
  const out: Rat[] = [];
  for (const a of c.atoms) if (a.k === 'cmp' && typeof a.c === 'object') out.push(a.c);
  for (const m of c.members) {
    if (m.min) out.push(m.min);
    if (m.max) out.push(m.max);
  }
  return out;
}

/** A non-null value satisfying the class, or `undefined` when there is none. */
export function firstValue(
  c: ValueClass,
  fresh: () => string,
  marker = 0,
): DomainValue | undefined {
  const candidates = ownCandidates(c, fresh, marker);
  for (const v of candidates) if (accepts(c, v)) return v;
  return undefined;
}

function ownCandidates(c: ValueClass, fresh: () => string, marker: number): DomainValue[] {
  switch (kindOf(c)) {
    case 'bool':
      return [true, false];
    case 'enum':
      return [...(c.members[0]!.values ?? [])];
    case 'string':
      return stringCandidates(c, fresh, marker);
    case 'int':
    case 'dense':
      return integral(c) ? intCandidates(c) : denseCandidates(c);
  }
}

function stringCandidates(c: ValueClass, fresh: () => string, marker: number): string[] {
  const pinned = c.atoms.flatMap((a) =>
    a.k === 'cmp' && a.op === 'eq' && typeof a.c === 'string' ? [a.c] : [],
  );
  if (pinned.length > 0) return pinned.slice(0, 1);
  const s = canonicalString(c.atoms, fresh(), marker);
  return s === undefined ? [] : [s];
}

interface Bounds {
  lo?: { r: Rat; strict: boolean };
  hi?: { r: Rat; strict: boolean };
  eq?: Rat;
  ne: Rat[];
}

function boundsOf(c: ValueClass): Bounds {
  const b: Bounds = { ne: [] };
  const raise = (r: Rat, strict: boolean) => {
    const d = b.lo ? cmp(r, b.lo.r) : 1;
    if (d > 0 || (d === 0 && strict)) b.lo = { r, strict };
  };
  const lower = (r: Rat, strict: boolean) => {
    const d = b.hi ? cmp(r, b.hi.r) : -1;
    if (d < 0 || (d === 0 && strict)) b.hi = { r, strict };
  };
  for (const m of c.members) {
    if (m.min) raise(m.min, false);
    if (m.max) lower(m.max, false);
  }
  for (const a of c.atoms) {
    if (a.k !== 'cmp' || typeof a.c !== 'object') continue;
    if (a.op === 'eq') b.eq = a.c;
    else if (a.op === 'ne') b.ne.push(a.c);
    else if (a.op === 'lt' || a.op === 'le') lower(a.c, a.op === 'lt');
    else raise(a.c, a.op === 'gt');
  }
  return b;
}

/** The integers nearest 0 inside the bounds, enough of them to step over every `!=`. */
function intCandidates(c: ValueClass): Rat[] {
  const b = boundsOf(c);
  if (b.eq) return [b.eq];
  const lo = b.lo ? (b.lo.strict ? floor(b.lo.r) + 1n : ceil(b.lo.r)) : undefined;
  const hi = b.hi ? (b.hi.strict ? ceil(b.hi.r) - 1n : floor(b.hi.r)) : undefined;
  if (lo !== undefined && hi !== undefined && lo > hi) return [];
  let start = 0n;
  if (lo !== undefined && start < lo) start = lo;
  if (hi !== undefined && start > hi) start = hi;
  const need = b.ne.length + 1;
  const out: Rat[] = [];
  for (let v = start; out.length < need && (hi === undefined || v <= hi); v++) out.push(rat(v));
  for (let v = start - 1n; out.length < need && (lo === undefined || v >= lo); v--)
    out.push(rat(v));
  return out;
}

/** Nice values first (0, integers at the edges), then `!=`-count + 1 distinct interior points. */
function denseCandidates(c: ValueClass): Rat[] {
  const b = boundsOf(c);
  if (b.eq) return [b.eq];
  const need = BigInt(b.ne.length + 1);
  const out: Rat[] = [rat(0n)];
  const { lo, hi } = b;
  if (lo && hi) {
    if (cmp(lo.r, hi.r) > 0) return [];
    out.push(rat(ceil(lo.r)), rat(floor(hi.r)), lo.r, hi.r);
    const width = sub(hi.r, lo.r);
    for (let k = 1n; k <= need; k++) out.push(add(lo.r, scale(width, k, need + 1n)));
  } else if (lo) {
    out.push(lo.r);
    for (let k = 1n; k <= need; k++) out.push(rat(ceil(lo.r) + k));
  } else if (hi) {
    out.push(hi.r);
    for (let k = 1n; k <= need; k++) out.push(rat(floor(hi.r) - k));
  } else {
    for (let k = 1n; k <= need; k++) out.push(rat(k));
  }
  return out;
}

/**
 * Candidate values for one class of a component of `classes` classes related by orderings.
 * Order-preserving compression shows that if a solution exists, one exists where integer
 * classes sit within `classes + 1` of some constant and dense classes on the grid that splits
 * each gap between those points into `classes + 1` parts (or just beyond the extremes).
 */
export function componentCandidates(
  c: ValueClass,
  constants: readonly Rat[],
  classes: number,
  anyIntegral: boolean,
  fresh: () => string,
  marker: number,
): DomainValue[] {
  const kind = kindOf(c);
  if (kind !== 'int' && kind !== 'dense')
    return ownCandidates(c, fresh, marker).filter((v) => accepts(c, v));
  const spread = BigInt(classes + 1);
  const ints = new Map<bigint, Rat>();
  for (const k of constants) {
    for (let d = -spread; d <= spread; d++) {
      ints.set(floor(k) + d, rat(floor(k) + d));
      ints.set(ceil(k) + d, rat(ceil(k) + d));
    }
  }
  if (constants.length === 0) for (let d = 0n; d <= spread; d++) ints.set(d, rat(d));
  let out: Rat[];
  if (integral(c)) out = [...ints.values()];
  else {
    const base = uniqueSorted(anyIntegral ? [...constants, ...ints.values()] : [...constants]);
    if (base.length === 0) base.push(rat(0n));
    out = [...base];
    for (let i = 0; i + 1 < base.length; i++) {
      const gap = sub(base[i + 1]!, base[i]!);
      for (let j = 1n; j < spread; j++) out.push(add(base[i]!, scale(gap, j, spread)));
    }
    for (let j = 1n; j < spread; j++) {
      out.push(sub(base[0]!, rat(j)), add(base[base.length - 1]!, rat(j)));
    }
  }
  return uniqueSorted(out).filter((v) => accepts(c, v));
}

function uniqueSorted(xs: Rat[]): Rat[] {
  const sorted = [...xs].sort(cmp);
  return sorted.filter((x, i) => i === 0 || cmp(x, sorted[i - 1]!) !== 0);
}
