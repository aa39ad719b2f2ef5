import type { Atom, DomainValue } from './formula.js';
import { holdsPair } from './domain.js';
import type { Rat } from './rational.js';
import { freshChar, stringConstants } from './string-witness.js';
import {
  componentCandidates,
  firstValue,
  numericConstants,
  type ValueClass,
} from './value-search.js';
import type { VarInfo } from './variables.js';

/** A solution: the variables the atoms mention (null included) and the free booleans. */
export interface Assignment {
  readonly values: Map<string, DomainValue | null>;
  readonly frees: Map<number, boolean>;
}

type PairAtom = Extract<Atom, { k: 'vv' }>;

/**
 * The conjunction of atoms chosen on the current search branch. `push` answers at once for the
 * variable touched (a cheap prune); `solve` decides the whole conjunction and builds a witness.
 */
export class Theory {
  private readonly unary = new Map<string, Atom[]>();
  private readonly pairs: PairAtom[] = [];
  private readonly frees = new Map<number, { value: boolean; count: number }>();
  private readonly trail: Atom[] = [];

  constructor(private readonly vars: ReadonlyMap<string, VarInfo>) {}

  /** Adds an atom; false when it already contradicts the branch. Call `pop` either way. */
  push(a: Atom): boolean {
    this.trail.push(a);
    switch (a.k) {
      case 'free': {
        const known = this.frees.get(a.b);
        if (!known) {
          this.frees.set(a.b, { value: a.value, count: 1 });
          return true;
        }
        known.count++;
        return known.value === a.value;
      }
      case 'vv':
        this.pairs.push(a);
        return true;
      case 'null':
      case 'cmp':
      case 'str': {
        let list = this.unary.get(a.x);
        if (!list) this.unary.set(a.x, (list = []));
        list.push(a);
        return solveSingle(this.info(a.x), list) !== undefined;
      }
    }
  }

  pop(): void {
    const a = this.trail.pop();
    if (!a) return;
    if (a.k === 'free') {
      const known = this.frees.get(a.b)!;
      if (--known.count === 0) this.frees.delete(a.b);
    } else if (a.k === 'vv') this.pairs.pop();
    else this.unary.get(a.x)!.pop();
  }

  private info(id: string): VarInfo {
    const info = this.vars.get(id);
    if (!info) throw new Error(`checker: unknown variable ${id}`);
    return info;
  }

  solve(): Assignment | undefined {
    const values = new Map<string, DomainValue | null>();
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      const p = parent.get(x);
      if (p === undefined || p === x) return x;
      const r = find(p);
      parent.set(x, r);
      return r;
    };
    for (const p of this.pairs) {
      parent.set(find(p.x), find(p.y));
    }
    const components = new Map<string, Set<string>>();
    for (const p of this.pairs) {
      for (const v of [p.x, p.y]) {
        const root = find(v);
        let set = components.get(root);
        if (!set) components.set(root, (set = new Set()));
        set.add(v);
      }
    }
    const related = new Set(this.pairs.flatMap((p) => [p.x, p.y]));
    for (const [x, atoms] of this.unary) {
      if (atoms.length === 0 || related.has(x)) continue;
      const single = solveSingle(this.info(x), atoms);
      if (!single) return undefined;
      values.set(x, single.v);
    }
    for (const [root, members] of components) {
      const pairs = this.pairs.filter((p) => find(p.x) === root);
      const solved = this.solveComponent([...members], pairs);
      if (!solved) return undefined;
      for (const [k, v] of solved) values.set(k, v);
    }
    const frees = new Map<number, boolean>();
    for (const [b, { value }] of this.frees) frees.set(b, value);
    return { values, frees };
  }

  /** Variables tied by comparisons: try each null pattern, then search the values. */
  private solveComponent(
    ids: string[],
    pairs: PairAtom[],
  ): Map<string, DomainValue | null> | undefined {
    const atomsOf = (id: string) => this.unary.get(id) ?? [];
    const options = ids.map((id) => nullOptions(this.info(id), atomsOf(id)));
    if (options.some((o) => o.length === 0)) return undefined;
    const allAtoms = ids.flatMap(atomsOf);
    let freshMemo: string | undefined;
    const fresh = () => (freshMemo ??= freshChar(stringConstants(allAtoms)));
    const isNull = new Map<string, boolean>();
    const tryPattern = (i: number): Map<string, DomainValue | null> | undefined => {
      if (i === ids.length) return this.solveValues(ids, pairs, isNull, fresh);
      for (const n of options[i]!) {
        isNull.set(ids[i]!, n);
        const r = tryPattern(i + 1);
        if (r) return r;
      }
      return undefined;
    };
    return tryPattern(0);
  }

  private solveValues(
    ids: string[],
    pairs: PairAtom[],
    isNull: Map<string, boolean>,
    fresh: () => string,
  ): Map<string, DomainValue | null> | undefined {
    const valuePairs: PairAtom[] = [];
    for (const p of pairs) {
      const nx = isNull.get(p.x)!;
      const ny = isNull.get(p.y)!;
      if (!nx && !ny) valuePairs.push(p);
      else if (!nullPairHolds(p, nx, ny)) return undefined;
    }
    const present = ids.filter((id) => !isNull.get(id));
    const parent = new Map<string, string>(present.map((id) => [id, id]));
    const find = (x: string): string => {
      const p = parent.get(x)!;
      if (p === x) return x;
      const r = find(p);
      parent.set(x, r);
      return r;
    };
    for (const p of valuePairs) if (p.op === 'eq') parent.set(find(p.x), find(p.y));
    const roots = [...new Set(present.map(find))];
    const classes: ValueClass[] = roots.map((root) => {
      const members = present.filter((id) => find(id) === root);
      return {
        members: members.map((id) => this.info(id)),
        atoms: members.flatMap((id) => (this.unary.get(id) ?? []).filter((a) => a.k !== 'null')),
      };
    });
    const index = new Map(roots.map((r, i) => [r, i]));
    const constraints = valuePairs
      .filter((p) => p.op !== 'eq')
      .map((p) => ({ op: p.op, a: index.get(find(p.x))!, b: index.get(find(p.y))! }));
    if (constraints.some((c) => c.a === c.b && (c.op === 'ne' || c.op === 'lt' || c.op === 'gt')))
      return undefined;
    const constants: Rat[] = classes.flatMap(numericConstants);
    const anyIntegral = classes.some((c) => c.members.some((m) => m.kind === 'int'));
    const candidates = classes.map((c, i) =>
      componentCandidates(c, constants, classes.length, anyIntegral, fresh, i),
    );
    const chosen: DomainValue[] = [];
    const assign = (i: number): boolean => {
      if (i === classes.length) return true;
      for (const v of candidates[i]!) {
        chosen[i] = v;
        const ok = constraints.every(
          (c) => c.a > i || c.b > i || holdsPair(c.op, chosen[c.a]!, chosen[c.b]!),
        );
        if (ok && assign(i + 1)) return true;
      }
      return false;
    };
    if (!assign(0)) return undefined;
    const out = new Map<string, DomainValue | null>();
    for (const id of ids) out.set(id, isNull.get(id) ? null : chosen[index.get(find(id))!]!);
    return out;
  }
}

function nullPairHolds(p: PairAtom, xNull: boolean, yNull: boolean): boolean {
  if (p.op === 'eq') return xNull && yNull;
  if (p.op === 'ne') return !(xNull && yNull);
  return false;
}

/** Whether the variable may be null, may be non-null, as the atoms allow (null tried first). */
function nullOptions(info: VarInfo, atoms: readonly Atom[]): boolean[] {
  const mustBeNull = atoms.some((a) => a.k === 'null' && !a.negated);
  const mustHaveValue = atoms.some((a) => a.k !== 'null' || a.negated);
  if (mustBeNull) return !mustHaveValue && info.nullable ? [true] : [];
  if (mustHaveValue || !info.nullable) return [false];
  return [true, false];
}

/** One variable with no comparisons to others. */
export function solveSingle(
  info: VarInfo,
  atoms: readonly Atom[],
): { v: DomainValue | null } | undefined {
  const options = nullOptions(info, atoms);
  if (options[0] === true) return { v: null };
  if (options.length === 0) return undefined;
  const valueAtoms = atoms.filter((a) => a.k !== 'null');
  const v = firstValue({ members: [info], atoms: valueAtoms }, () =>
    freshChar(stringConstants(valueAtoms)),
  );
  return v === undefined ? undefined : { v };
}
