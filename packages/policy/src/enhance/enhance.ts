import type { SchemaDef } from '@warden/schema';
import { WardenError, lowerCaseFirst } from '@warden/schema';
import { WardenPromise, clientContext, withHooks, type QueryContext } from '@warden/orm';
import { createChecker, type CheckArgs, type PermissionChecker } from '../checker/index.js';
import type { PolicyUser } from '../types.js';
import { policyHooks, policySession, type PolicySession } from './policy-hooks.js';
import * as writes from './write-ops.js';
import type { Delegate } from './write-ops.js';

export interface EnhanceContext {
  /** The current user (shaped like the auth model); absent or `null` for an anonymous visitor. */
  readonly user?: PolicyUser;
}

export interface EnhanceOptions {
  /**
   * Allow `$queryRaw`, `$executeRaw`, their `Unsafe` forms, `$qb` and `$pushSchema` on the
   * enhanced client. They bypass every access rule: opt in only where that is intended.
   */
  readonly allowRawSql?: boolean;
}

/** What an enhanced client adds to the plain one. */
export interface EnhancedExtras<C> {
  /** A client with the same options for another user (cheap: shares the pool and caches). */
  $setAuth(user: PolicyUser): C & EnhancedExtras<C>;
}

interface State {
  readonly base: unknown;
  readonly session: PolicySession;
  readonly options: EnhanceOptions;
  readonly checker: PermissionChecker;
}

const RAW = new Set([
  '$queryRaw',
  '$executeRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  '$qb',
  '$pushSchema',
]);
const bases = new WeakMap<object, unknown>();
const checkers = new WeakMap<SchemaDef, PermissionChecker>();

function rawRefused(name: string): WardenError {
  return new WardenError(
    'REJECTED_BY_POLICY',
    `${name} is disabled on an enhanced client because raw SQL bypasses the access policies; ` +
      'use the plain client, or enhance(db, { user }, { allowRawSql: true }) to opt in',
    { operation: name, reason: 'no-access' },
  );
}

/**
 * Wraps a Warden client so that every operation enforces the schema's `@@allow` / `@@deny`
 * and field `@allow` / `@deny` rules for `user`, inside the SQL it runs. Same API as the
 * plain client, plus `db.<model>.check(...)` and `$setAuth(user)`. Cheap: make one per
 * request (it shares the pool, plan cache and compiled rules of `db`).
 *
 * @example
 * ```ts
 * const userDb = enhance(db, { user: session?.user });
 * await userDb.post.findMany();            // only the posts this user may read
 * await userDb.post.create({ data });      // REJECTED_BY_POLICY for a Reader
 * await userDb.post.check({ operation: 'create' }); // false for a Reader, without a query
 * ```
 */
export function enhance<C>(
  db: C,
  context: EnhanceContext = {},
  options: EnhanceOptions = {},
): C & EnhancedExtras<C> {
  const base = (bases.get(db as object) ?? db) as C;
  const ctx = clientContext(base);
  const session = policySession(ctx.schema, context.user ?? null);
  let checker = checkers.get(ctx.schema);
  if (!checker) checkers.set(ctx.schema, (checker = createChecker(ctx.schema)));
  const hooked = withHooks(base, policyHooks(session));
  const state: State = { base, session, options, checker };
  const client = wrapClient(hooked as object, state) as C & EnhancedExtras<C>;
  bases.set(client as object, base);
  return client;
}

function wrapClient(client: object, state: State): object {
  const schema = state.session.schema;
  const target = client as Record<string, any>;
  // Inherit everything from the hooked client; override what the policy must intercept.
  const out = Object.create(client) as Record<string, unknown>;
  const define = (name: string, value: unknown) =>
    Object.defineProperty(out, name, { value, enumerable: false });
  for (const name of RAW) {
    if (state.options.allowRawSql) continue;
    if (name === '$qb') {
      Object.defineProperty(out, name, {
        get: () => {
          throw rawRefused(name);
        },
      });
    } else {
      define(name, () => {
        throw rawRefused(name);
      });
    }
  }
  define('$setAuth', (user: PolicyUser) => enhance(state.base, { user }, state.options));
  define('$transaction', (arg: unknown, opts?: unknown) => {
    if (typeof arg !== 'function') return target.$transaction(arg, opts);
    return target.$transaction(
      (tx: object) => (arg as (c: unknown) => unknown)(wrapClient(tx, state)),
      opts,
    );
  });
  define('$run', (model: string, operation: string, args?: unknown) => {
    const d = out[lowerCaseFirst(model)] as Record<string, (a: unknown) => unknown> | undefined;
    const fn = d?.[operation];
    if (typeof fn !== 'function') return target.$run(model, operation, args);
    return Promise.resolve(fn.call(d, args));
  });
  for (const model of Object.values(schema.models)) {
    const key = lowerCaseFirst(model.name);
    let wrapped: object | undefined;
    Object.defineProperty(out, key, {
      get: () => (wrapped ??= wrapDelegate(target[key] as Delegate, model.name, client, state)),
    });
  }
  return out;
}

function wrapDelegate(delegate: Delegate, modelName: string, client: object, state: State): object {
  const model = state.session.schema.models[modelName]!;
  const site = { session: state.session, model, delegate };
  const lazy = (fn: (ctx: QueryContext, args: any) => Promise<unknown>) => (args: any) =>
    new WardenPromise(clientContext(client), (ctx) => fn(ctx, args ?? {}));
  const ops: Record<string, (args: any) => unknown> = {
    create: lazy((ctx, a) => writes.create(site, ctx, a)),
    createMany: lazy((ctx, a) => writes.createMany(site, ctx, a, false)),
    createManyAndReturn: lazy((ctx, a) => writes.createMany(site, ctx, a, true)),
    update: lazy((ctx, a) => writes.update(site, ctx, a)),
    updateMany: lazy((ctx, a) => writes.updateMany(site, ctx, a, false)),
    updateManyAndReturn: lazy((ctx, a) => writes.updateMany(site, ctx, a, true)),
    upsert: lazy((ctx, a) => writes.upsert(site, ctx, a)),
    delete: lazy((ctx, a) => writes.deleteOne(site, ctx, a)),
  };
  const out = Object.create(delegate) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(ops)) {
    if (typeof delegate[name] === 'function') Object.defineProperty(out, name, { value: fn });
  }
  Object.defineProperty(out, 'check', {
    value: (args: CheckArgs) =>
      Promise.resolve(state.checker.check(modelName, (state.session.user ?? null) as never, args)),
  });
  return out;
}
