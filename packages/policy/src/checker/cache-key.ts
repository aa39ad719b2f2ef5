import type { Expr, ModelDef, SchemaDef } from '@warden/schema';
import { findModel } from '@warden/schema';

/**
 * Cache keys: the user enters a key only through the `auth()` members the rules can read, so
 * users who differ elsewhere share entries, and the key stays small however big the user object.
 */

/** Stable text for a value, with types kept apart (`1`, `1n`, `"1"` and a Date differ). */
export function keyOf(v: unknown): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return `d${v}`;
    case 'bigint':
      return `b${v}`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'object': {
      if (v instanceof Date) return `t${v.getTime()}`;
      if (Array.isArray(v)) return `[${v.map(keyOf).join(',')}]`;
      if (typeof (v as { toFixed?: unknown }).toFixed === 'function') return `D${String(v)}`;
      // Key order is kept: the same filter written in another order only costs a cache miss.
      let out = '{';
      for (const k in v) out += `${JSON.stringify(k)}:${keyOf((v as Record<string, unknown>)[k])},`;
      return `${out}}`;
    }
    case 'undefined':
      return 'u';
    case 'function':
    case 'symbol':
      return `?${typeof v}`;
  }
  return '?';
}

/** The `auth()` member paths that rules of `model` (and models reached by `check()`) read. */
export function authPaths(schema: SchemaDef, model: ModelDef): string[][] {
  const paths = new Map<string, string[]>();
  const authModel = schema.authModel ? findModel(schema, schema.authModel) : undefined;
  const seen = new Set<string>();
  const visitModel = (m: ModelDef) => {
    if (seen.has(m.name)) return;
    seen.add(m.name);
    const rules = [...m.policies, ...Object.values(m.fields).flatMap((f) => f.policies ?? [])];
    for (const r of rules) visit(r.condition, m);
  };
  const add = (p: string[]) => paths.set(p.join('.'), p);
  const visit = (e: Expr, m: ModelDef): void => {
    switch (e.kind) {
      case 'member': {
        const chain: string[] = [];
        let cur: Expr = e;
        while (cur.kind === 'member') {
          chain.unshift(cur.name);
          cur = cur.object;
        }
        if (cur.kind === 'auth') add(chain);
        else visit(cur, m);
        return;
      }
      case 'auth':
        for (const id of authModel?.idFields ?? []) add([id]);
        return;
      case 'unary':
        return visit(e.operand, m);
      case 'binary':
        visit(e.left, m);
        return visit(e.right, m);
      case 'array':
        return e.items.forEach((i) => visit(i, m));
      case 'collection':
        visit(e.collection, m);
        return visit(e.predicate, m);
      case 'call':
        e.args.forEach((a) => visit(a, m));
        if (e.name === 'check')
          for (const target of Object.values(schema.models)) visitModel(target);
        return;
      case 'literal':
      case 'null':
      case 'this':
      case 'future':
      case 'field':
      case 'enum':
        return;
    }
  };
  visitModel(model);
  return [...paths.values()];
}

/** The part of the user object the rules can see. */
export function userKey(user: Record<string, unknown> | null, paths: readonly string[][]): string {
  if (user === null) return 'anon';
  return paths
    .map((p) => {
      let v: unknown = user;
      for (const name of p) {
        v =
          v !== null && typeof v === 'object' && Object.hasOwn(v, name)
            ? (v as Record<string, unknown>)[name]
            : undefined;
      }
      return keyOf(v);
    })
    .join('|');
}
