import type { Truth } from '../semantics/truth.js';
import type { Tri } from '../types.js';

/** Three-valued NOT: UNKNOWN stays UNKNOWN. */
export function kleeneNot(a: Tri): Tri {
  return a === null ? null : !a;
}

/** Three-valued AND: FALSE wins, then UNKNOWN. */
export function kleeneAnd(a: Tri, b: () => Tri): Tri {
  if (a === false) return false;
  const r = b();
  if (r === false) return false;
  return a === true && r === true ? true : null;
}

/** Three-valued OR: TRUE wins, then UNKNOWN. */
export function kleeneOr(a: Tri, b: () => Tri): Tri {
  if (a === true) return true;
  const r = b();
  if (r === true) return true;
  return a === false && r === false ? false : null;
}

/** The rules' logic over JavaScript values (`null` is UNKNOWN). */
export const TRI: Truth<Tri, boolean> = {
  TRUE: true,
  FALSE: false,
  UNKNOWN: null,
  not: kleeneNot,
  and: kleeneAnd,
  or: kleeneOr,
  all: (items) => items.reduce<Tri>((a, b) => kleeneAnd(a, () => b), true),
  any: (items) => items.reduce<Tri>((a, b) => kleeneOr(a, () => b), false),
  holds: (a) => a === true,
  fails: (a) => a === false,
  two: {
    yes: true,
    no: false,
    and: (...items) => items.every(Boolean),
    or: (...items) => items.some(Boolean),
  },
};
