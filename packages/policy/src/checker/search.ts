import type { Formula } from './formula.js';
import { Theory, type Assignment } from './theory.js';
import type { VarInfo } from './variables.js';

interface List {
  readonly head: Formula;
  readonly tail: List | null;
}

/**
 * Satisfiability of a negation-normal-form formula by case splitting: conjunctions and atoms
 * are taken first (each atom pruned against its variable at once), disjunctions are split only
 * when nothing else is left, and a branch that reaches the end is decided by the theory, which
 * also yields the witness. Policy formulas have a handful of atoms, so this beats setting up a
 * general SAT solver by orders of magnitude (see CHECKER.md).
 */
export function solve(goal: Formula, vars: ReadonlyMap<string, VarInfo>): Assignment | undefined {
  const theory = new Theory(vars);
  let found: Assignment | undefined;
  const search = (agenda: List | null, deferred: List | null): boolean => {
    while (agenda) {
      const f = agenda.head;
      agenda = agenda.tail;
      switch (f.k) {
        case 'true':
          continue;
        case 'false':
          return false;
        case 'and':
          for (let i = f.xs.length - 1; i >= 0; i--) agenda = { head: f.xs[i]!, tail: agenda };
          continue;
        case 'or':
          deferred = { head: f, tail: deferred };
          continue;
        case 'atom': {
          const ok = theory.push(f.a) && search(agenda, deferred);
          theory.pop();
          return ok;
        }
      }
    }
    if (deferred) {
      const split = deferred.head;
      if (split.k !== 'or') return search({ head: split, tail: null }, deferred.tail);
      for (const x of split.xs) if (search({ head: x, tail: null }, deferred.tail)) return true;
      return false;
    }
    found = theory.solve();
    return found !== undefined;
  };
  return search({ head: goal, tail: null }, null) ? found : undefined;
}
