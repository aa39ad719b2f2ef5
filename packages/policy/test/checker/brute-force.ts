import type { RuleCase } from './random-rules.js';
import { matchesWhere, permitted, type K } from './reference.js';

/** A row of the test model from variable values; the owner exists iff `ownerId` is set. */
export function rowOf(values: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const get = (k: string, fallback: unknown) => (values.has(k) ? values.get(k) : fallback);
  const ownerId = get('ownerId', null);
  return {
    id: 0,
    flag: get('flag', null),
    n: get('n', null),
    m: get('m', 0),
    f: get('f', null),
    big: get('big', 0n),
    d: get('d', new Date(0)),
    s: get('s', null),
    t: get('t', ''),
    e: get('e', null),
    tags: get('tags', []),
    ownerId,
    owner:
      ownerId === null
        ? null
        : { id: ownerId, role: get('owner.role', 'zz'), level: get('owner.level', null) },
  };
}

/** Whether `values` (plus opaque values) make the rules permit a row matching `where`. */
export function permitsWith(
  cs: RuleCase,
  values: ReadonlyMap<string, unknown>,
  opaque?: ReadonlyMap<string, K>,
): boolean {
  const row = rowOf(values);
  if (cs.where && !matchesWhere(row, cs.where)) return false;
  const now = values.get('now') as Date | undefined;
  return permitted(cs.schema, cs.schema.models.Item!, 'read', row, cs.user, { now, opaque });
}

export function domainSize(cs: RuleCase): number {
  let n = 3 ** cs.opaque.length;
  for (const d of cs.domains.values()) n *= d.length;
  return n;
}

/** Enumerates every assignment; returns the first that is permitted. */
export function bruteForce(cs: RuleCase): Map<string, unknown> | undefined {
  const names = [...cs.domains.keys()];
  const values = new Map<string, unknown>();
  const opaque = new Map<string, K>();
  const walkOpaque = (i: number): boolean => {
    if (i === cs.opaque.length) return permitsWith(cs, values, opaque);
    for (const v of [true, false, null]) {
      opaque.set(cs.opaque[i]!, v);
      if (walkOpaque(i + 1)) return true;
    }
    return false;
  };
  const walk = (i: number): boolean => {
    if (i === names.length) return walkOpaque(0);
    for (const v of cs.domains.get(names[i]!)!) {
      values.set(names[i]!, v);
      if (walk(i + 1)) return true;
    }
    return false;
  };
  return walk(0) ? values : undefined;
}

/** Flattens a checker witness (`{ owner: { role } }`) to variable values. */
export function witnessValues(witness: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(witness)) {
    if (k === 'owner' && v !== null && typeof v === 'object')
      for (const [k2, v2] of Object.entries(v)) out.set(`owner.${k2}`, v2);
    else out.set(k === 'now()' ? 'now' : k, v);
  }
  return out;
}
