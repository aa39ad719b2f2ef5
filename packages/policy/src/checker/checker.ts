import type { FieldDef, ModelDef, PolicyOperation, SchemaDef } from '@warden/schema';
import { WardenError, findField, findModel, isWardenError } from '@warden/schema';
import { authPaths, keyOf, userKey } from './cache-key.js';
import { explainDenial, witnessOf } from './explain.js';
import { FALSE, TRUE, and, type Formula, type TV } from './formula.js';
import { combineLowered, lowerCondition } from './lower-condition.js';
import { rulesFor } from '../rules.js';
import { Delegation } from '../semantics/delegation.js';
import { LruCache } from './lru-cache.js';
import { rootScope, type LowerContext } from './operands.js';
import { solve } from './search.js';
import type {
  CheckArgs,
  CheckExplanation,
  CheckerOptions,
  Operation,
  PermissionChecker,
} from './types.js';
import { whereFormula } from './where-filter.js';

const OPERATIONS: readonly Operation[] = ['create', 'read', 'update', 'delete'];

/** One rule lowered for the current user: its source and when it is TRUE / FALSE. */
export interface LoweredRule {
  readonly kind: 'allow' | 'deny';
  readonly source: string;
  readonly tv: TV;
}

/** The checked formula in pieces, so `explain` can tell which rules stand in the way. */
export interface CheckProblem {
  readonly ctx: LowerContext;
  readonly modelRules: readonly LoweredRule[];
  /** `undefined` for a model-level check or a field without rules for the operation. */
  readonly fieldRules: readonly LoweredRule[] | undefined;
  readonly where: Formula;
}

/** "Some allow is TRUE and every deny is FALSE"; with `noAllowMeans` for fields. */
export function ruleFormula(rules: readonly LoweredRule[], noAllowMeans: Formula): Formula {
  const allows = rules.filter((r) => r.kind === 'allow');
  const denies = rules.filter((r) => r.kind === 'deny');
  return combineLowered({ allows, denies }, noAllowMeans);
}

export function problemFormula(p: CheckProblem): Formula {
  return and(
    ruleFormula(p.modelRules, FALSE),
    p.fieldRules ? ruleFormula(p.fieldRules, TRUE) : TRUE,
    p.where,
  );
}

function invalid(model: string | undefined, path: string, message: string): never {
  throw new WardenError('INVALID_INPUT', message, model === undefined ? { path } : { model, path });
}

/**
 * Builds the permission checker for a schema.
 *
 * @example
 * ```ts
 * const checker = createChecker(schema);
 * checker.check('Post', { id: 1 }, { operation: 'read', where: { published: false } }); // true
 * checker.check('Post', undefined, { operation: 'read', where: { published: false } }); // false
 * checker.check('Post', undefined, { operation: 'read', explain: true });
 * // { allowed: true, witness: { published: true } }
 * ```
 */
export function createChecker(schema: SchemaDef, options: CheckerOptions = {}): PermissionChecker {
  const cache = new LruCache<boolean | CheckExplanation>(options.cacheSize ?? 1000);
  const pathsByModel = new Map<string, string[][]>();

  function lower(
    model: ModelDef,
    field: FieldDef | undefined,
    user: Record<string, unknown> | null,
    op: PolicyOperation,
    where: unknown,
  ): CheckProblem {
    const ctx: LowerContext = {
      schema,
      user,
      vars: new Map(),
      frees: new Map(),
      delegation: Delegation.start(model.name, op),
      operation: op,
    };
    const scope = rootScope(model);
    const lowerRule = (r: {
      kind: 'allow' | 'deny';
      source: string;
      condition: Parameters<typeof lowerCondition>[2];
    }): LoweredRule => ({
      kind: r.kind,
      source: r.source,
      tv: lowerCondition(ctx, scope, r.condition),
    });
    const modelRules = rulesFor(model, op).map(lowerRule);
    const own = (field?.policies ?? []).filter((r) =>
      (r.operations as readonly string[]).includes(op),
    );
    const fieldLowered = own.length > 0 ? own.map(lowerRule) : undefined;
    let whereF: Formula = TRUE;
    try {
      if (where !== undefined) whereF = whereFormula(ctx, scope, where);
    } catch (e) {
      if (!isWardenError(e)) throw e;
      invalid(model.name, e.path ?? 'where', `check on ${model.name}: ${e.message}`);
    }
    return { ctx, modelRules, fieldRules: fieldLowered, where: whereF };
  }

  function check(
    modelName: string,
    user: Record<string, unknown> | null | undefined,
    args: CheckArgs,
  ): boolean | CheckExplanation {
    const model = typeof modelName === 'string' ? findModel(schema, modelName) : undefined;
    if (!model) invalid(String(modelName), 'model', `check: unknown model '${String(modelName)}'`);
    if (args === null || typeof args !== 'object')
      invalid(model.name, 'args', `check on ${model.name}: arguments must be an object`);
    const op = args.operation;
    if (!OPERATIONS.includes(op))
      invalid(model.name, 'operation', `check on ${model.name}: unknown operation '${String(op)}'`);
    if (user !== undefined && user !== null && (typeof user !== 'object' || Array.isArray(user)))
      invalid(
        model.name,
        'user',
        `check on ${model.name}: the user must be an object or undefined`,
      );
    let field: FieldDef | undefined;
    if (args.field !== undefined) {
      field = typeof args.field === 'string' ? findField(model, args.field) : undefined;
      if (!field)
        invalid(
          model.name,
          'field',
          `check on ${model.name}: unknown field '${String(args.field)}'`,
        );
      if (op !== 'read' && op !== 'update')
        invalid(
          model.name,
          'field',
          `check on ${model.name}: field-level checks are for 'read' and 'update', not '${op}'`,
        );
    }
    const u = user ?? null;
    let paths = pathsByModel.get(model.name);
    if (!paths) pathsByModel.set(model.name, (paths = authPaths(schema, model)));
    const key = `${model.name}\u0000${op}\u0000${field?.name ?? ''}\u0000${args.explain ? 1 : 0}\u0000${userKey(u, paths)}\u0000${keyOf(args.where)}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const problem = lower(model, field, u, op, args.where);
    const found = solve(problemFormula(problem), problem.ctx.vars);
    let result: boolean | CheckExplanation = found !== undefined;
    if (args.explain) {
      // Frozen: the same object is handed out again from the cache.
      result = Object.freeze(
        found
          ? { allowed: true, witness: witnessOf(found, problem.ctx.vars) }
          : { allowed: false, deniedBy: Object.freeze(explainDenial(problem, op)) },
      );
    }
    cache.set(key, result);
    return result;
  }

  function checkAll(
    user: Record<string, unknown> | null | undefined,
    opts: { readonly models?: readonly string[]; readonly operations?: readonly Operation[] } = {},
  ): Record<string, Record<Operation, boolean>> {
    const out: Record<string, Record<Operation, boolean>> = {};
    for (const name of opts.models ?? Object.keys(schema.models)) {
      const row = {} as Record<Operation, boolean>;
      for (const operation of opts.operations ?? OPERATIONS)
        row[operation] = check(name, user, { operation }) === true;
      out[name] = row;
    }
    return out;
  }

  return { check, checkAll } as PermissionChecker;
}
