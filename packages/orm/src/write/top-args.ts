import type { ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import type { QueryContext } from '../context.js';
import type { ValidationSite } from '../validate/args.js';
import { checkedKeys, expectObject } from '../validate/args.js';
import { invalidInput } from '../validate/invalid.js';
import { describeWhere } from './not-found.js';
import type { WriteScope } from './write-scope.js';

/** The operation's arguments: an object with only `allowed` keys and every `required` one. */
export function topArgs(
  site: ValidationSite,
  args: unknown,
  allowed: ReadonlySet<string>,
  required: readonly string[],
): Record<string, unknown> {
  const obj = expectObject(site, [], args ?? {});
  checkedKeys(site, [], obj, allowed);
  for (const k of required)
    if (obj[k] === undefined) throw invalidInput([k], 'missing required argument', site);
  return obj;
}

export function writeScope(ctx: QueryContext, site: ValidationSite, root: unknown): WriteScope {
  return { ctx, site, root, now: new Date() };
}

/** NOT_FOUND of `update` / `delete` / `upsert` when the unique `where` matches no row. */
export function recordNotFound(model: ModelDef, operation: string, where: unknown): WardenError {
  return new WardenError(
    'NOT_FOUND',
    `${model.name}.${operation}: no ${model.name} found where ${describeWhere(where)}`,
    {
      model: model.name,
      operation,
      path: 'where',
    },
  );
}

/** The plan-cache key prefix of a write, or undefined when hooks forbid caching. */
export function cachePrefix(ctx: QueryContext, op: string, model: ModelDef): string | undefined {
  const hooks = ctx.hooks;
  if (hooks && hooks.cacheKey === undefined) return undefined;
  return `w:${op}|${model.name}|${hooks ? hooks.cacheKey : ''}`;
}
