import type { Truth } from '../semantics/truth.js';
import type { Rat } from './rational.js';

/**
 * The solver's language: negation-normal-form formulas over two-valued atoms. Three-valued
 * rule conditions are lowered to a pair (`TV`) of such formulas, "is TRUE" and "is FALSE", so
 * UNKNOWN is simply "neither" and never needs a value of its own.
 */

/** A value of a variable's domain: numbers and dates as exact rationals. */
export type DomainValue = Rat | string | boolean;

export type CmpOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export type StringFn = 'contains' | 'startsWith' | 'endsWith';

export type Atom =
  /** `x` is null (`negated`: not null). */
  | { readonly k: 'null'; readonly x: string; readonly negated: boolean }
  /** `x` is not null and `x op c`. */
  | { readonly k: 'cmp'; readonly x: string; readonly op: CmpOp; readonly c: DomainValue }
  /** `x` is not null and `fn(x, s)` holds (`negated`: does not hold). */
  | {
      readonly k: 'str';
      readonly x: string;
      readonly fn: StringFn;
      readonly s: string;
      readonly negated: boolean;
    }
  /**
   * Two variables: `eq` / `ne` are null-safe (both null counts as equal); the orderings need
   * both values present.
   */
  | { readonly k: 'vv'; readonly x: string; readonly op: CmpOp; readonly y: string }
  /** A sub-expression the engine does not reason about, as a free boolean. */
  | { readonly k: 'free'; readonly b: number; readonly value: boolean };

export type Formula =
  | { readonly k: 'true' }
  | { readonly k: 'false' }
  | { readonly k: 'atom'; readonly a: Atom }
  | { readonly k: 'and'; readonly xs: readonly Formula[] }
  | { readonly k: 'or'; readonly xs: readonly Formula[] };

export const TRUE: Formula = { k: 'true' };
export const FALSE: Formula = { k: 'false' };

/** A three-valued condition: when it is TRUE and when it is FALSE (never both). */
export interface TV {
  readonly T: Formula;
  readonly F: Formula;
}

export const TV_TRUE: TV = { T: TRUE, F: FALSE };
export const TV_FALSE: TV = { T: FALSE, F: TRUE };
export const TV_UNKNOWN: TV = { T: FALSE, F: FALSE };

export function atom(a: Atom): Formula {
  return { k: 'atom', a };
}

export function and(...parts: Formula[]): Formula {
  const xs: Formula[] = [];
  for (const p of parts) {
    if (p.k === 'false') return FALSE;
    if (p.k === 'true') continue;
    if (p.k === 'and') xs.push(...p.xs);
    else xs.push(p);
  }
  return xs.length === 0 ? TRUE : xs.length === 1 ? xs[0]! : { k: 'and', xs };
}

export function or(...parts: Formula[]): Formula {
  const xs: Formula[] = [];
  for (const p of parts) {
    if (p.k === 'true') return TRUE;
    if (p.k === 'false') continue;
    if (p.k === 'or') xs.push(...p.xs);
    else xs.push(p);
  }
  return xs.length === 0 ? FALSE : xs.length === 1 ? xs[0]! : { k: 'or', xs };
}

const OPPOSITE: Record<CmpOp, CmpOp> = {
  eq: 'ne',
  ne: 'eq',
  lt: 'ge',
  le: 'gt',
  gt: 'le',
  ge: 'lt',
};

/** `x op y` read from the other side: `a < b` is `b > a`. */
export const MIRROR: Record<CmpOp, CmpOp> = {
  eq: 'eq',
  ne: 'ne',
  lt: 'gt',
  le: 'ge',
  gt: 'lt',
  ge: 'le',
};

function isNull(x: string, negated: boolean): Formula {
  return atom({ k: 'null', x, negated });
}

/** The complement of a two-valued atom, itself in negation normal form. */
export function negateAtom(a: Atom): Formula {
  switch (a.k) {
    case 'null':
      return isNull(a.x, !a.negated);
    case 'cmp':
      return or(isNull(a.x, false), atom({ ...a, op: OPPOSITE[a.op] }));
    case 'str':
      return or(isNull(a.x, false), atom({ ...a, negated: !a.negated }));
    case 'vv':
      if (a.op === 'eq' || a.op === 'ne') return atom({ ...a, op: OPPOSITE[a.op] });
      return or(isNull(a.x, false), isNull(a.y, false), atom({ ...a, op: OPPOSITE[a.op] }));
    case 'free':
      return atom({ ...a, value: !a.value });
  }
}

export function negate(f: Formula): Formula {
  switch (f.k) {
    case 'true':
      return FALSE;
    case 'false':
      return TRUE;
    case 'atom':
      return negateAtom(f.a);
    case 'and':
      return or(...f.xs.map(negate));
    case 'or':
      return and(...f.xs.map(negate));
  }
}

/** Kleene connectives on three-valued conditions. */
export const tvNot = (a: TV): TV => ({ T: a.F, F: a.T });
export const tvAnd = (a: TV, b: TV): TV => ({ T: and(a.T, b.T), F: or(a.F, b.F) });
export const tvOr = (a: TV, b: TV): TV => ({ T: or(a.T, b.T), F: and(a.F, b.F) });

/** A two-valued formula as a three-valued condition. */
export const tvOf = (T: Formula): TV => ({ T, F: negate(T) });

/** The rules' logic over solver formulas: a condition is when it is TRUE and when FALSE. */
export const TV_TRUTH: Truth<TV, Formula> = {
  TRUE: TV_TRUE,
  FALSE: TV_FALSE,
  UNKNOWN: TV_UNKNOWN,
  not: tvNot,
  and: (a, b) => tvAnd(a, b()),
  or: (a, b) => tvOr(a, b()),
  all: (items) => ({ T: and(...items.map((i) => i.T)), F: or(...items.map((i) => i.F)) }),
  any: (items) => ({ T: or(...items.map((i) => i.T)), F: and(...items.map((i) => i.F)) }),
  holds: (a) => a.T,
  fails: (a) => a.F,
  two: { yes: TRUE, no: FALSE, and, or },
};
