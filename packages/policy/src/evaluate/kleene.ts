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
