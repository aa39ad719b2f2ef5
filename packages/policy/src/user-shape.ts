import type { Expr, SchemaDef } from '@warden/schema';
import { evaluateAuthValue } from './evaluate/reference-evaluator.js';
import { isRowIndependent } from './expr-types.js';
import { authModel } from './rules.js';
import type { PolicyUser } from './types.js';

interface Probe {
  readonly model: string;
  readonly expr: Expr;
  /** The whole value goes into the SQL (not only its null-ness). */
  readonly literal: boolean;
}

/** A probe turned into a function of the user giving its part of the key. */
type ProbeFn = (user: PolicyUser) => string;

const probeCache = new WeakMap<SchemaDef, readonly ProbeFn[]>();

/** `auth().a.b` as a path, or undefined for anything else. */
function authPath(expr: Expr): string[] | undefined {
  if (expr.kind === 'auth') return [];
  if (expr.kind !== 'member') return undefined;
  const base = authPath(expr.object);
  return base && [...base, expr.name];
}

/**
 * The common probes (`auth() == null`, a member's null-ness, the user's ids) read the user
 * object directly; the rest go through the reference evaluator.
 */
function probeFn(schema: SchemaDef, probe: Probe): ProbeFn {
  const { expr } = probe;
  if (
    expr.kind === 'binary' &&
    (expr.op === '==' || expr.op === '!=') &&
    expr.left.kind === 'auth' &&
    expr.right.kind === 'null'
  ) {
    const eq = expr.op === '==';
    return (user) => ((user === null || user === undefined) === eq ? 't' : 'f');
  }
  const path = authPath(expr);
  if (path && !probe.literal) {
    const target = path.length === 0 ? authModel(schema) : undefined;
    const field = path.length > 0 ? (expr as { model: string; name: string }) : undefined;
    const def = field ? schema.models[field.model]?.fields[field.name] : undefined;
    const ids =
      target?.idFields ??
      (def?.kind === 'relation' ? schema.models[def.type]?.idFields : undefined);
    return (user) => {
      let v: unknown = user;
      for (const p of path)
        v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[p];
      if (v === null || v === undefined) return 'n';
      if (ids) {
        const row = v as Record<string, unknown>;
        let out = 'o';
        for (const id of ids) out += row[id] === null || row[id] === undefined ? '-' : '+';
        return out;
      }
      if (typeof v === 'boolean') return v ? 't' : 'f';
      return Array.isArray(v) ? describe(v, true) : 'v';
    };
  }
  return (user) => describe(evaluateAuthValue(schema, probe.model, user, expr), probe.literal);
}

function mentionsAuth(expr: Expr): boolean {
  return JSON.stringify(expr).includes('"kind":"auth"');
}

function collect(model: string, expr: Expr, literal: boolean, out: Probe[]): void {
  if (isRowIndependent(expr, true)) {
    if (mentionsAuth(expr)) out.push({ model, expr, literal });
    return;
  }
  switch (expr.kind) {
    case 'member':
      collect(model, expr.object, literal, out);
      return;
    case 'array':
      for (const i of expr.items) collect(model, i, literal, out);
      return;
    case 'unary':
      collect(model, expr.operand, literal, out);
      return;
    case 'binary':
      collect(model, expr.left, literal, out);
      collect(model, expr.right, literal, out);
      return;
    case 'collection':
      collect(model, expr.collection, true, out);
      collect(model, expr.predicate, literal, out);
      return;
    case 'call':
      for (const a of expr.args) collect(model, a, literal || expr.name === 'check', out);
      return;
    case 'literal':
    case 'null':
    case 'this':
    case 'auth':
    case 'future':
    case 'field':
    case 'enum':
      return;
  }
}

function probesOf(schema: SchemaDef): readonly ProbeFn[] {
  let probes = probeCache.get(schema);
  if (probes) return probes;
  const out: Probe[] = [];
  for (const model of Object.values(schema.models)) {
    for (const rule of model.policies) collect(model.name, rule.condition, false, out);
    for (const field of Object.values(model.fields)) {
      for (const rule of field.policies ?? []) collect(model.name, rule.condition, false, out);
    }
  }
  const seen = new Set<string>();
  probes = out
    .filter((p) => {
      const key = JSON.stringify([p.model, p.literal, p.expr]);
      return !seen.has(key) && seen.add(key) !== undefined;
    })
    .map((p) => probeFn(schema, p));
  probeCache.set(schema, probes);
  return probes;
}

function describe(v: unknown, literal: boolean): string {
  if (v === null || v === undefined) return 'n';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (!literal && typeof v !== 'object') return 'v';
  if (!literal && typeof v === 'object' && 'row' in v) {
    const row = (v as { row: Record<string, unknown> }).row;
    return `o${Object.keys(row)
      .sort()
      .map((k) => (row[k] === null || row[k] === undefined ? `${k}-` : `${k}+`))
      .join(',')}`;
  }
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}

/**
 * What the compiled SQL of every rule depends on in `user`, as a string: the value of each
 * `auth()`-only part of a rule (those fold to constants), and the null-ness of each user value
 * that becomes a parameter. Users with the same key share compiled plans; only parameter
 * values differ.
 *
 * @example
 * ```ts
 * userShapeKey(schema, { id: 'a', role: 'Writer' }) === userShapeKey(schema, { id: 'b', role: 'Writer' });
 * ```
 */
export function userShapeKey(schema: SchemaDef, user: PolicyUser): string {
  let key = user === null || user === undefined ? 'anon:' : 'user:';
  for (const probe of probesOf(schema)) key += `${probe(user)}|`;
  return key;
}
