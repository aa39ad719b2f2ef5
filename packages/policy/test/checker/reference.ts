import type { Expr, ModelDef, SchemaDef } from '@warden/schema';

/**
 * A direct three-valued evaluator of rule conditions on concrete rows: the semantics of
 * POLICY-SEMANTICS.md written the obvious way, independent of the checker's lowering. `null`
 * is UNKNOWN. Opaque sub-expressions (collection predicates) take values from `opaque`.
 */
export type K = boolean | null;

export interface Env {
  readonly schema: SchemaDef;
  readonly model: ModelDef;
  readonly row: Record<string, unknown>;
  readonly user: Record<string, unknown> | null;
  readonly now?: Date;
  readonly opaque?: ReadonlyMap<string, K>;
  readonly operation: string;
  /** Inside an element of constant data (`auth().items?[..]`): the rule's row, for `this`. */
  readonly self?: Record<string, unknown>;
}

const kNot = (a: K): K => (a === null ? null : !a);
const kAnd = (a: K, b: K): K =>
  a === false || b === false ? false : a === null || b === null ? null : true;
const kOr = (a: K, b: K): K =>
  a === true || b === true ? true : a === null || b === null ? null : false;

function value(e: Expr, env: Env): unknown {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'object' ? BigInt(e.value.bigint) : e.value;
    case 'null':
      return null;
    case 'enum':
      return e.value;
    case 'array':
      return e.items.map((i) => value(i, env));
    case 'auth':
      return env.user;
    case 'this':
      return env.self ?? env.row;
    case 'field':
      return env.row[e.name] ?? null;
    case 'member': {
      const o = value(e.object, env);
      if (o === null || typeof o !== 'object') return null;
      return (o as Record<string, unknown>)[e.name] ?? null;
    }
    case 'call':
      if (e.name === 'now') return env.now ?? null;
      if (e.name === 'currentModel') return env.model.name;
      if (e.name === 'currentOperation') return env.operation;
      return cond(e, env);
    case 'future':
      return null;
    case 'unary':
    case 'binary':
    case 'collection':
      return cond(e, env);
  }
}

function num(v: unknown): number | bigint | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof Date) return v.getTime();
  return undefined;
}

/** -1/0/1, or undefined when the two values are not comparable. */
export function compareValues(a: unknown, b: unknown): number | undefined {
  if (a instanceof Date && typeof b === 'string') b = new Date(b);
  if (b instanceof Date && typeof a === 'string') a = new Date(a);
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) {
    if (typeof x === 'bigint' || typeof y === 'bigint') {
      if (typeof x === 'number' && !Number.isInteger(x)) return x < Number(y) ? -1 : 1;
      if (typeof y === 'number' && !Number.isInteger(y)) return Number(x) < y ? -1 : 1;
      const bx = BigInt(x);
      const by = BigInt(y);
      return bx < by ? -1 : bx > by ? 1 : 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : undefined;
  return undefined;
}

function isRowLike(e: Expr, env: Env): boolean {
  if (e.kind === 'auth' || e.kind === 'this') return true;
  if (e.kind === 'field' || e.kind === 'member') {
    const owner = env.schema.models[e.kind === 'field' ? e.model : e.model];
    return owner?.fields[e.name]?.kind === 'relation';
  }
  return false;
}

function equal(l: Expr, r: Expr, env: Env): boolean {
  const a = value(l, env);
  const b = value(r, env);
  if (isRowLike(l, env) || isRowLike(r, env)) {
    const anonAuth = (e: Expr) => e.kind === 'auth' && env.user === null;
    if ((anonAuth(l) && r.kind !== 'null') || (anonAuth(r) && l.kind !== 'null')) return false;
    // Rows are equal when both exist with equal, non-null ids; a missing row equals only `null`.
    if (l.kind === 'null' || r.kind === 'null') return a === b;
    if (a === null || b === null) return false;
    const ia = (a as Record<string, unknown>).id;
    const ib = (b as Record<string, unknown>).id;
    return ia !== null && ia !== undefined && compareValues(ia, ib) === 0;
  }
  if (a === null || b === null) return a === b;
  return compareValues(a, b) === 0;
}

export function cond(e: Expr, env: Env): K {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'boolean' ? e.value : null;
    case 'null':
      return null;
    case 'unary':
      return kNot(cond(e.operand, env));
    case 'binary': {
      switch (e.op) {
        case '&&':
          return kAnd(cond(e.left, env), cond(e.right, env));
        case '||':
          return kOr(cond(e.left, env), cond(e.right, env));
        case '==':
          return equal(e.left, e.right, env);
        case '!=':
          return !equal(e.left, e.right, env);
        case 'in': {
          const list = value(e.right, env);
          if (list === null) return null;
          const l = value(e.left, env);
          // A null left side is UNKNOWN, as in enforcement; null items never match.
          if (l === null) return null;
          return (list as unknown[]).some((item) => item !== null && compareValues(l, item) === 0);
        }
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const a = value(e.left, env);
          const b = value(e.right, env);
          if (a === null || b === null) return null;
          const c = compareValues(a, b);
          if (c === undefined) return null;
          return e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
        }
      }
      return null;
    }
    case 'call': {
      const args = e.args.map((a) => value(a, env));
      switch (e.name) {
        case 'contains':
        case 'startsWith':
        case 'endsWith': {
          let [s, p] = args as [unknown, unknown];
          if (s === null || p === null) return null;
          if (args[2] === true) [s, p] = [String(s).toLowerCase(), String(p).toLowerCase()];
          const str = String(s);
          const pat = String(p);
          return e.name === 'contains'
            ? str.includes(pat)
            : e.name === 'startsWith'
              ? str.startsWith(pat)
              : str.endsWith(pat);
        }
        case 'has': {
          const [list, v] = args;
          if (list === null || v === null) return null;
          return (list as unknown[]).includes(v);
        }
        case 'check': {
          const target = args[0];
          const rel = e.args[0]!;
          if (target === null || typeof target !== 'object' || rel.kind !== 'field') return false;
          const relModel = env.schema.models[env.model.fields[rel.name]!.relation!.model]!;
          const op = e.args[1]?.kind === 'literal' ? String(e.args[1].value) : env.operation;
          return permitted(
            env.schema,
            relModel,
            op,
            target as Record<string, unknown>,
            env.user,
            env,
          );
        }
        case 'now':
        case 'currentModel':
        case 'currentOperation': {
          const v = value(e, env);
          return typeof v === 'boolean' ? v : null;
        }
        case 'hasSome':
        case 'hasEvery':
        case 'isEmpty':
        case 'length':
        case 'regex':
        case 'email':
        case 'url':
        case 'datetime':
          return env.opaque?.get(JSON.stringify(e)) ?? null;
      }
      return null;
    }
    case 'collection': {
      if (!readsConstant(e.collection, env)) return env.opaque?.get(JSON.stringify(e)) ?? null;
      // A list the user object does not give is UNKNOWN; only an explicit [] is empty.
      const list = value(e.collection, env);
      if (!Array.isArray(list)) return null;
      const self = env.self ?? env.row;
      const results = list.map((row: Record<string, unknown>) =>
        cond(e.predicate, { ...env, row, self }),
      );
      const some = results.reduce<K>(kOr, false);
      if (e.quantifier === 'some') return some;
      return e.quantifier === 'every' ? results.reduce<K>(kAnd, true) : kNot(some);
    }
    case 'field':
    case 'member':
    case 'this':
    case 'auth':
    case 'future':
    case 'enum':
    case 'array': {
      const v = value(e, env);
      return typeof v === 'boolean' ? v : null;
    }
  }
}

/** True when `expr` reads the user object (directly, or a field of one of its list elements). */
function readsConstant(expr: Expr, env: Env): boolean {
  if (expr.kind === 'member') return readsConstant(expr.object, env);
  return expr.kind === 'auth' || (expr.kind === 'field' && env.self !== undefined);
}

/** Some allow rule TRUE and no deny rule other than FALSE. */
export function permitted(
  schema: SchemaDef,
  model: ModelDef,
  operation: string,
  row: Record<string, unknown>,
  user: Record<string, unknown> | null,
  extra: Partial<Env> = {},
  fieldName?: string,
): boolean {
  const env: Env = { ...extra, schema, model, row, user, operation };
  const rules = model.policies.filter((r) =>
    (r.operations as readonly string[]).includes(operation),
  );
  const ok = (rs: readonly { kind: string; condition: Expr }[], noAllow: boolean) => {
    const allows = rs.filter((r) => r.kind === 'allow');
    const allowed =
      allows.length === 0 ? noAllow : allows.some((r) => cond(r.condition, env) === true);
    return (
      allowed && rs.filter((r) => r.kind === 'deny').every((r) => cond(r.condition, env) === false)
    );
  };
  if (!ok(rules, false)) return false;
  if (fieldName === undefined) return true;
  const fieldRules = (model.fields[fieldName]?.policies ?? []).filter((r) =>
    (r.operations as readonly string[]).includes(operation),
  );
  return ok(fieldRules, true);
}

/** Prisma-style `where` on a concrete row (the forms the tests generate). */
export function matchesWhere(
  row: Record<string, unknown>,
  where: Record<string, unknown>,
): boolean {
  return Object.entries(where).every(([key, filter]) => {
    const v = row[key] ?? null;
    if (filter === null) return v === null;
    if (typeof filter !== 'object' || filter instanceof Date)
      return v !== null && compareValues(v, filter) === 0;
    const f = filter as Record<string, unknown>;
    if (key === 'owner') return v !== null && matchesWhere(v as Record<string, unknown>, f);
    return Object.entries(f).every(([op, arg]) => {
      switch (op) {
        case 'in':
          return v !== null && (arg as unknown[]).some((a) => compareValues(v, a) === 0);
        case 'not':
          return arg === null ? v !== null : v !== null && compareValues(v, arg) !== 0;
        case 'contains':
          return typeof v === 'string' && v.includes(arg as string);
        case 'startsWith':
          return typeof v === 'string' && v.startsWith(arg as string);
        case 'endsWith':
          return typeof v === 'string' && v.endsWith(arg as string);
        default: {
          if (v === null) return false;
          const c = compareValues(v, arg);
          if (c === undefined) return false;
          return op === 'lt' ? c < 0 : op === 'lte' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
        }
      }
    });
  });
}
