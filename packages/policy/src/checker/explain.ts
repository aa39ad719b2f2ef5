import type { PolicyOperation } from '@warden/schema';
import type { CheckProblem, LoweredRule } from './checker.js';
import { ruleFormula } from './checker.js';
import { FALSE, TRUE, and, type Formula } from './formula.js';
import { solve } from './search.js';
import type { Assignment } from './theory.js';
import { toJsValue, type VarInfo } from './variables.js';

/** The solution as field values, nested under relation names (`{ author: { role } }`). */
export function witnessOf(
  found: Assignment,
  vars: ReadonlyMap<string, VarInfo>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, v] of found.values) {
    const info = vars.get(id);
    if (!info) continue;
    const path = id === 'now()' ? [id] : id.split('.');
    let target = out;
    for (const seg of path.slice(0, -1)) {
      const next = target[seg];
      target = (next !== null && typeof next === 'object' ? next : (target[seg] = {})) as Record<
        string,
        unknown
      >;
    }
    target[path[path.length - 1]!] = toJsValue(info, v);
  }
  return out;
}

/**
 * Source text of the rules that make the check fail: allow rules that cannot be TRUE under
 * `where` on their own, then deny rules that alone rule out every remaining allow. When no
 * single rule is to blame, all rules of the operation are listed.
 */
export function explainDenial(p: CheckProblem, op: PolicyOperation): string[] {
  const vars = p.ctx.vars;
  const sat = (f: Formula) => solve(and(f, p.where), vars) !== undefined;
  const modelAllows = p.modelRules.filter((r) => r.kind === 'allow');
  if (modelAllows.length === 0) return [`(no @@allow rule for '${op}')`];
  const groups: { rules: readonly LoweredRule[]; noAllow: Formula }[] = [
    { rules: p.modelRules, noAllow: FALSE },
  ];
  if (p.fieldRules) groups.push({ rules: p.fieldRules, noAllow: TRUE });
  const blamed: string[] = [];
  const allowParts: Formula[] = [];
  for (const g of groups) {
    const allows = g.rules.filter((r) => r.kind === 'allow');
    const dead = allows.filter((r) => !sat(r.tv.T));
    blamed.push(...dead.map((r) => r.source));
    allowParts.push(ruleFormula(allows, g.noAllow));
  }
  const allowed = and(...allowParts);
  if (sat(allowed)) {
    const denies = groups.flatMap((g) => g.rules.filter((r) => r.kind === 'deny'));
    blamed.push(...denies.filter((d) => !sat(and(allowed, d.tv.F))).map((d) => d.source));
  }
  if (blamed.length > 0) return [...new Set(blamed)];
  return groups.flatMap((g) => g.rules.map((r) => r.source));
}
