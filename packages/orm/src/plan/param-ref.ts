import type { QueryHooks } from '../context.js';
import type { ArgPath } from '../validate/invalid.js';

/**
 * A parameter placeholder put into a query while it is built. Compiled SQL keeps these in its
 * parameter list; every execution replaces them with the value found at `path` in that call's
 * arguments (or, for hook parameters, from `hooks.param(name)`), passed through `encode`. That is
 * what lets one compiled statement serve every call of the same argument shape.
 */
export class ParamRef {
  constructor(
    readonly source: 'args' | 'hook',
    readonly path: ArgPath,
    /** Validates and converts the raw value to what the driver binds; throws INVALID_INPUT. */
    readonly encode: (value: unknown) => unknown,
  ) {}

  resolve(args: unknown, hooks: QueryHooks | undefined): unknown {
    if (this.source === 'hook') return this.encode(hooks?.param?.(this.path[0] as string));
    let v: any = args;
    for (const p of this.path) v = v?.[p];
    return this.encode(v);
  }
}

const identity = (v: unknown): unknown => v;

/**
 * A placeholder for a value the hooks supply per request (`hooks.param(name)`), so a policy's
 * SQL can be cached per user shape while user values stay parameters.
 *
 * @example
 * ```ts
 * rowFilter: (model, op, alias) => sql<boolean>`${sql.ref(`${alias}.ownerId`)} = ${hookParam('userId')}`
 * ```
 */
export function hookParam(name: string, encode: (value: unknown) => unknown = identity): ParamRef {
  return new ParamRef('hook', [name], encode);
}

/** Final parameter values of a compiled query for one call. */
export function resolveParams(
  parameters: readonly unknown[],
  args: unknown,
  hooks: QueryHooks | undefined,
): unknown[] {
  const out = new Array<unknown>(parameters.length);
  for (let i = 0; i < parameters.length; i++) {
    const p = parameters[i];
    out[i] = p instanceof ParamRef ? p.resolve(args, hooks) : p;
  }
  return out;
}
