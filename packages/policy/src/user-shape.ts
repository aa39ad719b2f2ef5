import type { Expr, SchemaDef } from '@warden/schema';
import { evaluateAuthValue } from './evaluate/reference-evaluator.js';
import { isRowIndependent } from './expr-types.js';
import type { PolicyUser } from './types.js';

interface Probe {
  readonly model: string;
  readonly expr: Expr;
  /** The whole value goes into the SQL (not only its null-ness). */
  readonly literal: boolean;
}

const probeCache = new WeakMap<SchemaDef, readonly Probe[]>();

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

function probesOf(schema: SchemaDef): readonly Probe[] {
  let probes = probeCache.get(schema);
  if (probes) return probes;
  const out: Probe[] = [];
  for (const model of Object.values(schema.models)) {
    for (const rule of model.policies) collect(model.name, rule.condition, false, out);
    for (const field of Object.values(model.fields)) {
      for (const rule of field.policies ?? []) collect(model.name, rule.condition, false, out);
    }
  }
  probes = out;
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
  const parts = probesOf(schema).map((p) =>
    describe(evaluateAuthValue(schema, p.model, user, p.expr), p.literal),
  );
  return `${user === null || user === undefined ? 'anon' : 'user'}:${parts.join('|')}`;
}
