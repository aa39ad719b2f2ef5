import type { BinaryOp, CallExpr, Expr, PolicyOperation } from '@warden/schema';
import { modelRules } from '../rules.js';
import { ConditionVisitor } from '../semantics/condition-visitor.js';
import { permit, type SplitRules } from '../semantics/truth.js';
import {
  FALSE,
  MIRROR,
  TRUE,
  TV_FALSE,
  TV_TRUE,
  TV_TRUTH,
  TV_UNKNOWN,
  and,
  atom,
  or,
  tvNot,
  tvOf,
  type CmpOp,
  type Formula,
  type StringFn,
  type TV,
} from './formula.js';
import {
  ALWAYS,
  freeAtom,
  lowerOperand,
  type Guard,
  type LowerContext,
  type Operand,
  type RowOperand,
  type Scope,
} from './operands.js';
import { cmp, type Rat } from './rational.js';
import { stringFnHolds } from './domain.js';
import { coerceConstant, toMillis, toRational, type VarInfo } from './variables.js';

/**
 * Lowers a rule condition to "is TRUE" / "is FALSE" formulas with the enforcement semantics:
 * `==` / `!=` null-safe and two-valued, orderings and string functions UNKNOWN on null, Kleene
 * `! && ||`. Anything the solver cannot reason about becomes a free boolean, one per distinct
 * sub-expression, which can only make the answer more permissive.
 */
export function lowerCondition(ctx: LowerContext, scope: Scope, e: Expr): TV {
  return CHECKER.visit(e, { ctx, scope });
}

/** `TRUE` iff some allow rule for `op` is TRUE and every deny rule is FALSE. */
export function permission(ctx: LowerContext, scope: Scope, op: PolicyOperation): Formula {
  return CHECKER.permitted(modelRules(scope.model, op), { ctx, scope });
}

/** "Some allow TRUE, every deny FALSE" over rules already lowered (for `explain`). */
export function combineLowered(
  rules: SplitRules<{ readonly tv: TV }>,
  noAllowMeans: Formula,
): Formula {
  return permit(TV_TRUTH, rules, (r) => r.tv, noAllowMeans);
}

/** Where a condition is lowered: the lowering's state and the row its fields read. */
interface Lowering {
  readonly ctx: LowerContext;
  readonly scope: Scope;
}

/**
 * The checker's walk over conditions: connectives, quantifiers over `auth()` data (element
 * by element, a missing list UNKNOWN) and rule combination are the shared `ConditionVisitor`'s;
 * comparisons and values become solver atoms; collections of stored rows are free booleans.
 */
class CheckerCondition extends ConditionVisitor<TV, Formula, Lowering> {
  constructor() {
    super(TV_TRUTH);
  }

  protected override visitLiteral(e: Expr & { kind: 'literal' }, { ctx, scope }: Lowering): TV {
    return typeof e.value === 'boolean' ? (e.value ? TV_TRUE : TV_FALSE) : free(ctx, scope, e);
  }

  protected override visitNull(): TV {
    return TV_UNKNOWN;
  }

  protected visitValue(e: Expr, { ctx, scope }: Lowering): TV {
    return booleanValue(ctx, scope, lowerOperand(ctx, scope, e), e);
  }

  protected visitComparison(e: Expr & { kind: 'binary' }, { ctx, scope }: Lowering): TV {
    return lowerBinary(ctx, scope, e.op, e.left, e.right, e);
  }

  protected visitCall(e: CallExpr, { ctx, scope }: Lowering): TV {
    return lowerCall(ctx, scope, e);
  }

  /**
   * The elements of a list of constant data, each a scope of constants in which `this` is
   * still the rule's row; `null` when the user object does not give the list.
   */
  protected elementsOf(
    e: Expr & { kind: 'collection' },
    { ctx, scope }: Lowering,
  ): readonly Lowering[] | null | undefined {
    const c = lowerOperand(ctx, scope, e.collection);
    if (c.k === 'const' && c.v === null) return null;
    if (c.k !== 'constRows') return undefined;
    const self = scope.self ?? scope;
    const key = `${scope.prefix}${JSON.stringify(e.collection)}`;
    return (
      c.rows &&
      c.rows.map((row, i) => ({
        ctx,
        scope: {
          model: c.model,
          prefix: `${key}[${i}].`,
          exists: ALWAYS,
          aliases: new Map(),
          constRow: row,
          self,
        },
      }))
    );
  }

  protected visitStoredCollection(e: Expr & { kind: 'collection' }, { ctx, scope }: Lowering): TV {
    return free(ctx, scope, e);
  }
}

const CHECKER = new CheckerCondition();

function free(ctx: LowerContext, scope: Scope, e: Expr): TV {
  const key = `${scope.prefix}|${JSON.stringify(e)}`;
  return { T: freeAtom(ctx, key, true), F: freeAtom(ctx, key, false) };
}

const CMP: Partial<Record<BinaryOp, CmpOp>> = {
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};

/** `== != < <= > >= in` (the connectives are the shared `ConditionVisitor`'s). */
function lowerBinary(ctx: LowerContext, scope: Scope, op: BinaryOp, l: Expr, r: Expr, e: Expr): TV {
  const left = lowerOperand(ctx, scope, l);
  const right = lowerOperand(ctx, scope, r);
  const freeTv = () => free(ctx, scope, e);
  if (op === 'in') return lowerIn(left, right, freeTv);
  const cop = CMP[op];
  return cop ? compare(cop, left, right, freeTv) : freeTv();
}

function lowerIn(left: Operand, right: Operand, freeTv: () => TV): TV {
  let items: readonly Operand[];
  if (right.k === 'list') items = right.items;
  else if (right.k === 'const' && Array.isArray(right.v))
    items = right.v.map((v: unknown) => ({ k: 'const', v }) as const);
  else if (right.k === 'const' && right.v === null) return TV_UNKNOWN;
  else return freeTv();
  // As enforcement: a null left side makes `in` UNKNOWN; null items never match.
  let present: Formula;
  if (left.k === 'const') {
    if (left.v === null || left.v === undefined) return TV_UNKNOWN;
    present = TRUE;
  } else if (left.k === 'var') {
    present = and(left.guard.pos, atom({ k: 'null', x: left.info.id, negated: true }));
  } else return freeTv();
  const matches = items
    .filter((item) => !(item.k === 'const' && (item.v === null || item.v === undefined)))
    .map((item) => compare('eq', left, item, freeTv));
  return { T: or(...matches.map((m) => m.T)), F: and(present, ...matches.map((m) => m.F)) };
}

/** `l op r` for any two operands. */
export function compare(op: CmpOp, l: Operand, r: Operand, freeTv: () => TV): TV {
  const opaque = (o: Operand) => o.k === 'opaque' || o.k === 'list' || o.k === 'constRows';
  if (opaque(l) || opaque(r)) return freeTv();
  if (l.k === 'row' || r.k === 'row') return compareRows(op, l, r, freeTv);
  return compareScalar(op, l, r, freeTv);
}

function compareRows(op: CmpOp, l: Operand, r: Operand, freeTv: () => TV): TV {
  if (op !== 'eq' && op !== 'ne') return freeTv();
  let equal: Formula;
  if (l.k === 'row' && r.k === 'const' && r.v === null) equal = l.exists.neg;
  else if (r.k === 'row' && l.k === 'const' && l.v === null) equal = r.exists.neg;
  else if (l.k === 'row' && r.k === 'row') {
    if (isAnonymous(l) || isAnonymous(r)) equal = FALSE;
    else if (l.ids.length !== r.ids.length || l.ids.length === 0) return freeTv();
    else {
      // As enforcement: rows are equal when both exist and their ids are equal and non-null.
      const ids = l.ids.map((id, i) => idsEqual(unguarded(id), unguarded(r.ids[i]!), freeTv));
      equal = and(l.exists.pos, r.exists.pos, ...ids);
    }
  } else return freeTv();
  const tv = tvOf(equal);
  return op === 'eq' ? tv : tvNot(tv);
}

function idsEqual(a: Operand, b: Operand, freeTv: () => TV): Formula {
  const missing = (o: Operand) => o.k === 'const' && (o.v === null || o.v === undefined);
  return missing(a) || missing(b) ? FALSE : compare('eq', a, b, freeTv).T;
}

/** `author == auth()` is false for an anonymous user, as the semantics pin down. */
function isAnonymous(row: RowOperand): boolean {
  return row.auth !== undefined && row.auth.user === null;
}

function unguarded(o: Operand): Operand {
  return o.k === 'var' ? { ...o, guard: ALWAYS } : o;
}

/** The value is the variable under `guard.pos` and null under `guard.neg`. */
function withGuard(g: Guard, whenVar: () => TV, whenNull: () => TV): TV {
  if (g.pos.k === 'true') return whenVar();
  const a = whenVar();
  const b = whenNull();
  return { T: or(and(g.pos, a.T), and(g.neg, b.T)), F: or(and(g.pos, a.F), and(g.neg, b.F)) };
}

const NULL_CONST: Operand = { k: 'const', v: null };

function compareScalar(op: CmpOp, l: Operand, r: Operand, freeTv: () => TV): TV {
  if (l.k === 'var' && l.guard.pos.k !== 'true')
    return withGuard(
      l.guard,
      () => compareScalar(op, unguarded(l), r, freeTv),
      () => compareScalar(op, NULL_CONST, r, freeTv),
    );
  if (r.k === 'var' && r.guard.pos.k !== 'true')
    return withGuard(
      r.guard,
      () => compareScalar(op, l, unguarded(r), freeTv),
      () => compareScalar(op, l, NULL_CONST, freeTv),
    );
  if (l.k === 'var' && r.k === 'var') return compareVars(op, l.info, r.info, freeTv);
  if (l.k === 'var' && r.k === 'const') return compareVarConst(op, l.info, r.v, freeTv);
  if (l.k === 'const' && r.k === 'var') return compareVarConst(MIRROR[op], r.info, l.v, freeTv);
  if (l.k === 'const' && r.k === 'const') return compareConstants(op, l.v, r.v);
  return freeTv();
}

const ORDER_OPPOSITE: Record<CmpOp, CmpOp> = {
  eq: 'ne',
  ne: 'eq',
  lt: 'ge',
  le: 'gt',
  gt: 'le',
  ge: 'lt',
};

function isOrdering(op: CmpOp): boolean {
  return op !== 'eq' && op !== 'ne';
}

function numeric(info: VarInfo): boolean {
  return info.kind === 'int' || info.kind === 'dense';
}

function compareVarConst(op: CmpOp, info: VarInfo, c: unknown, freeTv: () => TV): TV {
  const x = info.id;
  if (c === null || c === undefined) {
    if (isOrdering(op)) return TV_UNKNOWN;
    const isNull = tvOf(atom({ k: 'null', x, negated: false }));
    return op === 'eq' ? isNull : tvNot(isNull);
  }
  const v = coerceConstant(info, c);
  if (v === undefined || (isOrdering(op) && !numeric(info))) return freeTv();
  if (!isOrdering(op)) {
    const eq = tvOf(atom({ k: 'cmp', x, op: 'eq', c: v }));
    return op === 'eq' ? eq : tvNot(eq);
  }
  return {
    T: atom({ k: 'cmp', x, op, c: v }),
    F: atom({ k: 'cmp', x, op: ORDER_OPPOSITE[op], c: v }),
  };
}

function sortOf(info: VarInfo): string {
  return numeric(info) ? 'number' : info.kind === 'enum' ? `enum:${info.type}` : info.kind;
}

function compareVars(op: CmpOp, a: VarInfo, b: VarInfo, freeTv: () => TV): TV {
  if (sortOf(a) !== sortOf(b) || (isOrdering(op) && !numeric(a))) return freeTv();
  if (a.id === b.id) {
    const present = atom({ k: 'null', x: a.id, negated: true });
    if (op === 'eq' || op === 'le' || op === 'ge')
      return op === 'eq' ? TV_TRUE : { T: present, F: FALSE };
    return op === 'ne' ? TV_FALSE : { T: FALSE, F: present };
  }
  if (!isOrdering(op)) {
    const eq = tvOf(atom({ k: 'vv', x: a.id, op: 'eq', y: b.id }));
    return op === 'eq' ? eq : tvNot(eq);
  }
  return {
    T: atom({ k: 'vv', x: a.id, op, y: b.id }),
    F: atom({ k: 'vv', x: a.id, op: ORDER_OPPOSITE[op], y: b.id }),
  };
}

type Normal =
  | { t: 'number' | 'date'; r: Rat }
  | { t: 'string'; s: string }
  | { t: 'boolean'; b: boolean }
  | { t: 'other'; v: unknown };

function normalise(v: unknown): Normal {
  if (typeof v === 'string') return { t: 'string', s: v };
  if (typeof v === 'boolean') return { t: 'boolean', b: v };
  if (v instanceof Date) {
    const r = toMillis(v);
    return r ? { t: 'date', r } : { t: 'other', v };
  }
  const r = toRational(v);
  return r && typeof v !== 'string' ? { t: 'number', r } : { t: 'other', v };
}

/** Two constants (literals, `auth()` members) under the same null rules as the columns. */
export function compareConstants(op: CmpOp, a: unknown, b: unknown): TV {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (isOrdering(op)) return TV_UNKNOWN;
    return (aNull && bNull) === (op === 'eq') ? TV_TRUE : TV_FALSE;
  }
  // A DateTime compared with a date text (the schema has no date literals) compares instants.
  if (a instanceof Date && typeof b === 'string') b = toMillis(b) ? new Date(b) : b;
  if (b instanceof Date && typeof a === 'string') a = toMillis(a) ? new Date(a) : a;
  const x = normalise(a);
  const y = normalise(b);
  let c: number | undefined;
  if ((x.t === 'number' || x.t === 'date') && y.t === x.t) c = cmp(x.r, (y as { r: Rat }).r);
  else if (x.t === 'string' && y.t === 'string') c = x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
  else if (x.t === 'boolean' && y.t === 'boolean' && !isOrdering(op)) c = x.b === y.b ? 0 : 1;
  else if (!isOrdering(op)) c = a === b ? 0 : 1;
  if (c === undefined) return TV_UNKNOWN;
  const holds =
    op === 'eq'
      ? c === 0
      : op === 'ne'
        ? c !== 0
        : op === 'lt'
          ? c < 0
          : op === 'le'
            ? c <= 0
            : op === 'gt'
              ? c > 0
              : c >= 0;
  return holds ? TV_TRUE : TV_FALSE;
}

function booleanValue(ctx: LowerContext, scope: Scope, o: Operand, e: Expr): TV {
  if (o.k === 'const') {
    if (o.v === null || o.v === undefined) return TV_UNKNOWN;
    return typeof o.v === 'boolean' ? (o.v ? TV_TRUE : TV_FALSE) : free(ctx, scope, e);
  }
  if (o.k === 'var' && o.info.kind === 'bool') {
    const x = o.info.id;
    return withGuard(
      o.guard,
      () => ({
        T: atom({ k: 'cmp', x, op: 'eq', c: true }),
        F: atom({ k: 'cmp', x, op: 'eq', c: false }),
      }),
      () => TV_UNKNOWN,
    );
  }
  return free(ctx, scope, e);
}

const STRING_FNS: ReadonlySet<string> = new Set(['contains', 'startsWith', 'endsWith']);

function lowerCall(ctx: LowerContext, scope: Scope, e: CallExpr): TV {
  if (STRING_FNS.has(e.name)) return lowerStringFn(ctx, scope, e);
  if (e.name === 'check') return lowerCheck(ctx, scope, e);
  return free(ctx, scope, e);
}

function lowerStringFn(ctx: LowerContext, scope: Scope, e: CallExpr): TV {
  const fn = e.name as StringFn;
  const [targetExpr, patternExpr, ciExpr] = e.args;
  if (!targetExpr || !patternExpr) return free(ctx, scope, e);
  if (ciExpr && !(ciExpr.kind === 'literal' && ciExpr.value === false)) return free(ctx, scope, e);
  const target = lowerOperand(ctx, scope, targetExpr);
  const pattern = lowerOperand(ctx, scope, patternExpr);
  if (pattern.k !== 'const') return free(ctx, scope, e);
  const s = pattern.v;
  if (s === null || s === undefined) return TV_UNKNOWN;
  if (typeof s !== 'string') return free(ctx, scope, e);
  if (target.k === 'const') {
    if (target.v === null || target.v === undefined) return TV_UNKNOWN;
    if (typeof target.v !== 'string') return free(ctx, scope, e);
    return stringFnHolds(fn, target.v, s) ? TV_TRUE : TV_FALSE;
  }
  if (target.k !== 'var' || target.info.kind !== 'string') return free(ctx, scope, e);
  const x = target.info.id;
  return withGuard(
    target.guard,
    () => ({
      T: atom({ k: 'str', x, fn, s, negated: false }),
      F: atom({ k: 'str', x, fn, s, negated: true }),
    }),
    () => TV_UNKNOWN,
  );
}

const OPERATIONS: ReadonlySet<unknown> = new Set(['create', 'read', 'update', 'delete']);

/** `check(author, 'read')`: the related model's own rule, inlined over the related row. */
function lowerCheck(ctx: LowerContext, scope: Scope, e: CallExpr): TV {
  const [relExpr, opExpr] = e.args;
  const target = relExpr ? lowerOperand(ctx, scope, relExpr) : undefined;
  if (target?.k !== 'row' || !target.scope || target.auth) return free(ctx, scope, e);
  let op = ctx.operation;
  if (opExpr) {
    if (opExpr.kind !== 'literal' || !OPERATIONS.has(opExpr.value)) return free(ctx, scope, e);
    op = opExpr.value as PolicyOperation;
  }
  // Re-entering a rule already being inlined is FALSE, exactly as in enforcement.
  const delegation = ctx.delegation.enter(target.model.name, op);
  if (!delegation) return TV_FALSE;
  const saved = { operation: ctx.operation, delegation: ctx.delegation };
  ctx.delegation = delegation;
  ctx.operation = op;
  try {
    return tvOf(and(target.exists.pos, permission(ctx, target.scope, op)));
  } finally {
    ctx.delegation = saved.delegation;
    ctx.operation = saved.operation;
  }
}
