import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Truth } from '../semantics/truth.js';

/**
 * A SQL condition in positive position, or a constant. A SQL NULL from it means "does not
 * hold": such conditions are only ever combined with AND / OR, put in a WHERE or an EXISTS,
 * or negated through `notStrict`, never by a bare SQL NOT.
 */
export type Cond = boolean | RawBuilder<SqlBool>;

/**
 * A three-valued condition as two two-valued ones: `t` holds where it is TRUE, `f` where it
 * is FALSE; neither holds where it is UNKNOWN. Negation swaps them, so no SQL NOT ever sees a
 * NULL that stands for UNKNOWN.
 */
export interface TriCond {
  readonly t: Cond;
  readonly f: Cond;
}

export const TRUE: TriCond = { t: true, f: false };
export const FALSE: TriCond = { t: false, f: true };
export const UNKNOWN: TriCond = { t: false, f: false };

export function triOf(value: boolean | null): TriCond {
  return value === null ? UNKNOWN : value ? TRUE : FALSE;
}

export function and(...conds: Cond[]): Cond {
  const rest: RawBuilder<SqlBool>[] = [];
  for (const c of conds) {
    if (c === false) return false;
    if (c !== true) rest.push(c);
  }
  if (rest.length === 0) return true;
  if (rest.length === 1) return rest[0]!;
  return sql<SqlBool>`(${sql.join(rest, sql` and `)})`;
}

export function or(...conds: Cond[]): Cond {
  const rest: RawBuilder<SqlBool>[] = [];
  for (const c of conds) {
    if (c === true) return true;
    if (c !== false) rest.push(c);
  }
  if (rest.length === 0) return false;
  if (rest.length === 1) return rest[0]!;
  return sql<SqlBool>`(${sql.join(rest, sql` or `)})`;
}

/** Holds exactly where `c` does not hold (a NULL of `c` counts as not holding). */
export function notStrict(c: Cond): Cond {
  if (typeof c === 'boolean') return !c;
  return sql<SqlBool>`not coalesce(${c}, false)`;
}

export function triNot(a: TriCond): TriCond {
  return { t: a.f, f: a.t };
}

export function triAnd(...items: TriCond[]): TriCond {
  return { t: and(...items.map((i) => i.t)), f: or(...items.map((i) => i.f)) };
}

export function triOr(...items: TriCond[]): TriCond {
  return { t: or(...items.map((i) => i.t)), f: and(...items.map((i) => i.f)) };
}

/** A two-valued condition (never UNKNOWN) as a tri. */
export function twoValued(c: Cond): TriCond {
  return { t: c, f: notStrict(c) };
}

/** Materialises a condition as a Kysely expression (constants become `true` / `false`). */
export function condToSql(c: Cond): RawBuilder<SqlBool> {
  if (c === true) return sql<SqlBool>`true`;
  if (c === false) return sql<SqlBool>`false`;
  return c;
}

/** The rules' logic over SQL: a condition is where it is TRUE and where it is FALSE. */
export const SQL_TRUTH: Truth<TriCond, Cond> = {
  TRUE,
  FALSE,
  UNKNOWN,
  not: triNot,
  and: (a, b) => triAnd(a, b()),
  or: (a, b) => triOr(a, b()),
  all: (items) => triAnd(...items),
  any: (items) => triOr(...items),
  holds: (a) => a.t,
  fails: (a) => a.f,
  two: { yes: true, no: false, and, or },
};
