import type { Expr, ModelDef, PolicyOperation, SchemaDef } from '@warden/schema';
import { findField, findModel } from '@warden/schema';
import { FALSE, TRUE, and, atom, or, type Formula } from './formula.js';
import { NOW_VAR, varInfoFor, type VarInfo } from './variables.js';
import type { Delegation } from '../semantics/delegation.js';
import { givenRows } from '../semantics/missing.js';

/** When a related row exists (`pos`) and when it does not (`neg`); exactly one holds. */
export interface Guard {
  readonly pos: Formula;
  readonly neg: Formula;
}

export const ALWAYS: Guard = { pos: TRUE, neg: FALSE };
const NEVER: Guard = { pos: FALSE, neg: TRUE };

/**
 * The row a rule talks about: the checked row (prefix ''), a to-one related row
 * (`author.`), or the row after an update (`future().`). Fields listed in `aliases` are
 * another row's variables: `author.id` is the `authorId` of the checked row.
 */
export interface Scope {
  readonly model: ModelDef;
  readonly prefix: string;
  readonly exists: Guard;
  readonly aliases: ReadonlyMap<string, VarOperand>;
  /**
   * Set for an element of a list of constant data (`auth().posts?[..]`): its fields are the
   * element's values, not variables.
   */
  readonly constRow?: Readonly<Record<string, unknown>>;
  /** The rule's row, which `this` and `future()` still mean inside such an element. */
  readonly self?: Scope;
}

export interface VarOperand {
  readonly k: 'var';
  readonly info: VarInfo;
  /** The value is the variable when `guard.pos` holds and null otherwise. */
  readonly guard: Guard;
}

export interface RowOperand {
  readonly k: 'row';
  readonly model: ModelDef;
  /** One operand per id field of `model`. */
  readonly ids: readonly Operand[];
  readonly exists: Guard;
  /** For member access on a relation, `this` or `future()`. */
  readonly scope?: Scope;
  /** `auth()`: the user object (null when anonymous). */
  readonly auth?: { readonly user: Record<string, unknown> | null };
}

export type Operand =
  | { readonly k: 'const'; readonly v: unknown }
  | VarOperand
  | RowOperand
  | { readonly k: 'list'; readonly items: readonly Operand[] }
  /**
   * A to-many member of constant data (`auth().posts`): its rows, or null when the object does
   * not give them (UNKNOWN, see `givenRows`).
   */
  | {
      readonly k: 'constRows';
      readonly model: ModelDef;
      readonly rows: readonly Readonly<Record<string, unknown>>[] | null;
    }
  /** Something the engine does not reason about: comparisons with it are free booleans. */
  | { readonly k: 'opaque' };

/** State shared by one lowering: the variables met so far and the free booleans. */
export interface LowerContext {
  readonly schema: SchemaDef;
  readonly user: Record<string, unknown> | null;
  readonly vars: Map<string, VarInfo>;
  readonly frees: Map<string, number>;
  /** The rules of the `check()` delegations being inlined, to stop cycles. */
  delegation: Delegation;
  operation: PolicyOperation;
}

const OPAQUE: Operand = { k: 'opaque' };

export function rootScope(model: ModelDef, prefix = ''): Scope {
  return { model, prefix, exists: ALWAYS, aliases: new Map() };
}

export function freeAtom(ctx: LowerContext, key: string, value: boolean): Formula {
  let b = ctx.frees.get(key);
  if (b === undefined) ctx.frees.set(key, (b = ctx.frees.size));
  return atom({ k: 'free', b, value });
}

function andGuard(a: Guard, pos: Formula, neg: Formula): Guard {
  return { pos: and(a.pos, pos), neg: or(a.neg, neg) };
}

function registerVar(ctx: LowerContext, info: VarInfo): VarInfo {
  const known = ctx.vars.get(info.id);
  if (known) return known;
  ctx.vars.set(info.id, info);
  return info;
}

/** A field of the row in `scope`: a variable, a related row, or opaque. */
export function resolveField(ctx: LowerContext, scope: Scope, name: string): Operand {
  if (scope.constRow) return constMember(ctx, scope.model, scope.constRow, name);
  const alias = scope.aliases.get(name);
  if (alias) return alias;
  const field = findField(scope.model, name);
  if (!field) return OPAQUE;
  if (field.kind !== 'relation') {
    const info = varInfoFor(scope.prefix + name, field, ctx.schema.enums);
    return info ? { k: 'var', info: registerVar(ctx, info), guard: scope.exists } : OPAQUE;
  }
  const rel = field.relation;
  const target = rel ? findModel(ctx.schema, rel.model) : undefined;
  if (!rel || !target || field.list) return OPAQUE;
  const prefix = `${scope.prefix}${name}.`;
  const aliases = new Map<string, VarOperand>();
  let exists: Guard;
  if (rel.fields && rel.references) {
    const fks: VarOperand[] = [];
    rel.fields.forEach((fk, i) => {
      const op = resolveField(ctx, scope, fk);
      const ref = rel.references?.[i];
      if (op.k === 'var' && ref !== undefined) {
        fks.push(op);
        aliases.set(ref, op);
      }
    });
    const optional = fks.filter((f) => f.info.nullable);
    exists = andGuard(
      scope.exists,
      and(...optional.map((f) => atom({ k: 'null', x: f.info.id, negated: true }))),
      or(...optional.map((f) => atom({ k: 'null', x: f.info.id, negated: false }))),
    );
  } else {
    // The other side holds the foreign key: whether a row points back here is unknown.
    const key = `exists:${prefix}`;
    exists = andGuard(scope.exists, freeAtom(ctx, key, true), freeAtom(ctx, key, false));
    const opposite = findField(target, rel.opposite)?.relation;
    const existsNow = exists;
    opposite?.fields?.forEach((fk, i) => {
      const ref = opposite.references?.[i];
      const op = ref === undefined ? OPAQUE : resolveField(ctx, scope, ref);
      if (op.k === 'var') aliases.set(fk, { ...op, guard: existsNow });
    });
  }
  return rowOf(ctx, { model: target, prefix, exists, aliases });
}

function rowOf(ctx: LowerContext, scope: Scope): RowOperand {
  const ids = scope.model.idFields.map((id) => resolveField(ctx, scope, id));
  return { k: 'row', model: scope.model, ids, exists: scope.exists, scope };
}

function authRow(ctx: LowerContext, user: Record<string, unknown> | null): Operand {
  const model = ctx.schema.authModel ? findModel(ctx.schema, ctx.schema.authModel) : undefined;
  if (!model) return user === null ? { k: 'const', v: null } : OPAQUE;
  const ids = model.idFields.map((id) => ({ k: 'const' as const, v: user?.[id] ?? null }));
  return { k: 'row', model, ids, exists: user === null ? NEVER : ALWAYS, auth: { user } };
}

/** `auth().x`: read from the object given, as a constant (a missing member is null). */
function authMember(ctx: LowerContext, row: RowOperand, name: string): Operand {
  const user = row.auth?.user ?? null;
  if (user === null) return { k: 'const', v: null };
  return constMember(ctx, row.model, user, name);
}

/** A member of constant data: a constant, a constant row, or constant rows. */
function constMember(
  ctx: LowerContext,
  model: ModelDef,
  user: Readonly<Record<string, unknown>>,
  name: string,
): Operand {
  const raw = Object.hasOwn(user, name) ? user[name] : undefined;
  const field = findField(model, name);
  const target =
    field?.kind === 'relation' && field.relation
      ? findModel(ctx.schema, field.relation.model)
      : undefined;
  if (target && field?.list) return { k: 'constRows', model: target, rows: givenRows(raw) };
  if (target) {
    const sub = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : null;
    const ids = target.idFields.map((id) => ({ k: 'const' as const, v: sub?.[id] ?? null }));
    return { k: 'row', model: target, ids, exists: sub ? ALWAYS : NEVER, auth: { user: sub } };
  }
  return { k: 'const', v: raw ?? null };
}

function futureScope(scope: Scope): Scope {
  return rootScope(scope.model, `${scope.prefix}future().`);
}

/** An expression used as a value. */
export function lowerOperand(ctx: LowerContext, scope: Scope, e: Expr): Operand {
  switch (e.kind) {
    case 'literal':
      return {
        k: 'const',
        v: typeof e.value === 'object' ? BigInt(e.value.bigint) : e.value,
      };
    case 'null':
      return { k: 'const', v: null };
    case 'enum':
      return { k: 'const', v: e.value };
    case 'array':
      return { k: 'list', items: e.items.map((i) => lowerOperand(ctx, scope, i)) };
    case 'auth':
      return authRow(ctx, ctx.user);
    case 'this':
      return rowOf(ctx, scope.self ?? scope);
    case 'future':
      return rowOf(ctx, futureScope(scope.self ?? scope));
    case 'field':
      return resolveField(ctx, scope, e.name);
    case 'member': {
      const obj = lowerOperand(ctx, scope, e.object);
      if (obj.k === 'row' && obj.auth) return authMember(ctx, obj, e.name);
      if (obj.k === 'row' && obj.scope) return resolveField(ctx, obj.scope, e.name);
      if (obj.k === 'const' && obj.v === null) return obj;
      return OPAQUE;
    }
    case 'call':
      if (e.name === 'now') return { k: 'var', info: registerVar(ctx, NOW_VAR), guard: ALWAYS };
      if (e.name === 'currentModel') return { k: 'const', v: scope.model.name };
      if (e.name === 'currentOperation') return { k: 'const', v: ctx.operation };
      return OPAQUE;
    case 'unary':
    case 'binary':
    case 'collection':
      return OPAQUE;
  }
}
