import type { Atom, CmpOp, DomainValue, StringFn } from './formula.js';
import { cmp, isInt } from './rational.js';
import type { VarInfo } from './variables.js';

/** Whether `v` (never null) is a value the field can hold. */
export function inDomain(info: VarInfo, v: DomainValue): boolean {
  switch (info.kind) {
    case 'bool':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'enum':
      return typeof v === 'string' && (info.values ?? []).includes(v);
    case 'int':
      return (
        typeof v === 'object' &&
        isInt(v) &&
        (info.min === undefined || cmp(v, info.min) >= 0) &&
        (info.max === undefined || cmp(v, info.max) <= 0)
      );
    case 'dense':
      return typeof v === 'object';
  }
}

/** -1 / 0 / 1 for numbers; 0 or NaN (unordered) for strings and booleans. */
function order(a: DomainValue, b: DomainValue): number {
  if (typeof a === 'object' && typeof b === 'object') return cmp(a, b);
  return a === b ? 0 : Number.NaN;
}

function opHolds(op: CmpOp, c: number): boolean {
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
  }
}

/** A one-variable atom on a concrete value (null included). */
export function holdsUnary(a: Atom, v: DomainValue | null): boolean {
  switch (a.k) {
    case 'null':
      return (v === null) !== a.negated;
    case 'cmp':
      return v !== null && opHolds(a.op, order(v, a.c));
    case 'str':
      return typeof v === 'string' && stringFnHolds(a.fn, v, a.s) !== a.negated;
    case 'vv':
    case 'free':
      return true;
  }
}

/** A two-variable atom on concrete values, `eq` / `ne` null-safe. */
export function holdsPair(op: CmpOp, x: DomainValue | null, y: DomainValue | null): boolean {
  if (op === 'eq' || op === 'ne') {
    const same = x === null || y === null ? x === y : order(x, y) === 0;
    return same === (op === 'eq');
  }
  return x !== null && y !== null && opHolds(op, order(x, y));
}

export function stringFnHolds(fn: StringFn, v: string, s: string): boolean {
  return fn === 'contains' ? v.includes(s) : fn === 'startsWith' ? v.startsWith(s) : v.endsWith(s);
}
