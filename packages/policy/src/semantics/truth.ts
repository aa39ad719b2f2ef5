/**
 * The one definition of the rules' logic, shared by the three walkers of rule conditions: the
 * SQL compiler (a condition is a pair of SQL conditions, `TriCond`), the reference evaluator
 * (`Tri`, JavaScript's `true` / `false` / `null`) and the permission checker (`TV`, a pair of
 * solver formulas). Each gives a `Truth` for its representation; the connectives, the
 * quantifiers, what a missing list means and how allow and deny rules combine are written here
 * once, so a semantic fix is made once.
 */

/** The two-valued side: where a condition holds (SQL condition, boolean, formula). */
export interface TwoValued<P> {
  readonly yes: P;
  readonly no: P;
  and(...items: P[]): P;
  or(...items: P[]): P;
}

/** A three-valued (Kleene) logic over `T`, with its projection to the two-valued `P`. */
export interface Truth<T, P> {
  readonly TRUE: T;
  readonly FALSE: T;
  readonly UNKNOWN: T;
  not(a: T): T;
  /** `&&`; `b` is only needed when `a` is not FALSE (the evaluator short-circuits). */
  and(a: T, b: () => T): T;
  /** `||`; `b` is only needed when `a` is not TRUE. */
  or(a: T, b: () => T): T;
  /** n-ary `&&` and `||`, for quantifiers over many rows. */
  all(items: readonly T[]): T;
  any(items: readonly T[]): T;
  /** Where `a` is TRUE. */
  holds(a: T): P;
  /** Where `a` is FALSE. */
  fails(a: T): P;
  readonly two: TwoValued<P>;
}

export type Quantifier = 'some' | 'every' | 'none';

/**
 * `rows?[p]` (some), `rows![p]` (every), `rows^[p]` (none) over the predicate's value on each
 * row. `null` stands for rows the data does not give (a to-many member the `auth()` object
 * lacks, or any of an anonymous user's): UNKNOWN, never an empty list, so an allow over it
 * grants nothing and a deny over it denies. An empty list makes `some` FALSE and `every` and
 * `none` TRUE.
 *
 * @example
 * ```ts
 * quantify(truth, 'every', []); // TRUE
 * quantify(truth, 'every', null); // UNKNOWN
 * ```
 */
export function quantify<T, P>(
  truth: Truth<T, P>,
  quantifier: Quantifier,
  results: readonly T[] | null,
): T {
  if (results === null) return truth.UNKNOWN;
  switch (quantifier) {
    case 'some':
      return truth.any(results);
    case 'every':
      return truth.all(results);
    case 'none':
      return truth.not(truth.any(results));
  }
}

/** A model's or a field's rules for one operation, split by kind. */
export interface SplitRules<R> {
  readonly allows: readonly R[];
  readonly denies: readonly R[];
}

/**
 * "Some allow is TRUE and every deny is FALSE", the one way rules combine everywhere: an allow
 * grants only when TRUE, a deny applies unless FALSE (an UNKNOWN deny denies). With no allow
 * the result is `noAllowMeans`: `no` for a model (no rule = denied), `yes` for a field (the
 * field follows its model). Stops early once the answer is a constant.
 *
 * @example
 * ```ts
 * permit(truth, modelRules(model, 'read'), (r) => walker.visit(r.condition, ctx), truth.two.no);
 * ```
 */
export function permit<T, P, R>(
  truth: Truth<T, P>,
  rules: SplitRules<R>,
  value: (rule: R) => T,
  noAllowMeans: P,
): P {
  const { yes, no, and, or } = truth.two;
  if (rules.allows.length === 0 && noAllowMeans === no) return no;
  const denied: P[] = [];
  for (const rule of rules.denies) {
    const f = truth.fails(value(rule));
    if (f === no) return no;
    denied.push(f);
  }
  if (rules.allows.length === 0) return and(noAllowMeans, ...denied);
  const allowed: P[] = [];
  for (const rule of rules.allows) {
    const t = truth.holds(value(rule));
    if (t === yes) return and(...denied);
    allowed.push(t);
  }
  return and(or(...allowed), ...denied);
}
