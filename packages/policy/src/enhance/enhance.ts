import type { ModelDef, SchemaDef } from '@warden/schema';
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
  readonly hooked: Record<string, any>;
  readonly session: PolicySession;
  readonly options: EnhanceOptions;
  readonly checker: PermissionChecker;
}

const STATE = Symbol('warden.policy.state');
const ORM_CONTEXT = Symbol.for('warden.orm.context');
const DELEGATE = Symbol('warden.policy.delegate');

const RAW = [
  '$queryRaw',
  '$executeRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  '$pushSchema',
] as const;
const checkers = new WeakMap<SchemaDef, PermissionChecker>();
const prototypes = new WeakMap<SchemaDef, Map<boolean, object>>();

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
  const inner = (db as { [STATE]?: State } | null)?.[STATE];
  const base = (inner ? inner.base : db) as C;
  const schema = clientContext(base).schema;
  const session = policySession(schema, context.user ?? null);
  let checker = checkers.get(schema);
  if (!checker) checkers.set(schema, (checker = createChecker(schema)));
  const hooked = withHooks(base, policyHooks(session)) as Record<string, any>;
  return wrap({ base, hooked, session, options, checker }) as C & EnhancedExtras<C>;
}

function wrap(state: State): object {
  const client = Object.create(clientPrototype(state, state.options.allowRawSql === true));
  client[STATE] = state;
  return client as object;
}

/** One prototype per schema: the enhanced client's methods read their state from `this`. */
function clientPrototype(first: State, allowRaw: boolean): object {
  const schema = first.session.schema;
  let bySetting = prototypes.get(schema);
  if (!bySetting) prototypes.set(schema, (bySetting = new Map()));
  let proto = bySetting.get(allowRaw);
  if (proto) return proto;
  const p: Record<PropertyKey, unknown> = {};
  const state = (self: unknown): State => (self as { [STATE]: State })[STATE];
  Object.defineProperty(p, ORM_CONTEXT, {
    get(this: unknown) {
      return clientContext(state(this).hooked);
    },
  });
  Object.defineProperty(p, '$qb', {
    get(this: unknown) {
      if (!allowRaw) throw rawRefused('$qb');
      return state(this).hooked.$qb;
    },
  });
  for (const name of RAW) {
    p[name] = function (this: unknown, ...args: unknown[]) {
      if (!allowRaw) throw rawRefused(name);
      const hooked = state(this).hooked;
      return hooked[name](...args);
    };
  }
  p.$disconnect = function (this: unknown) {
    return state(this).hooked.$disconnect();
  };
  p.$setAuth = function (this: unknown, user: PolicyUser) {
    const s = state(this);
    return enhance(s.base, { user }, s.options);
  };
  p.$transaction = function (this: unknown, arg: unknown, opts?: unknown) {
    const s = state(this);
    if (typeof arg !== 'function') return s.hooked.$transaction(arg, opts);
    return s.hooked.$transaction(
      (tx: object) =>
        (arg as (c: unknown) => unknown)(wrap({ ...s, hooked: tx as Record<string, any> })),
      opts,
    );
  };
  p.$run = function (this: Record<string, any>, model: string, operation: string, args?: unknown) {
    const d = this[lowerCaseFirst(model)] as Record<string, (a: unknown) => unknown> | undefined;
    const fn = d?.[operation];
    if (typeof fn !== 'function') return state(this).hooked.$run(model, operation, args);
    return Promise.resolve(fn.call(d, args));
  };
  for (const model of Object.values(schema.models)) {
    const key = lowerCaseFirst(model.name);
    const dproto = delegatePrototype(model, key, first.hooked[key] as object);
    // Made on first use and kept under a symbol (a plain store: clients are made per request).
    const slot = Symbol(model.name);
    Object.defineProperty(p, key, {
      get(this: { [slot]?: object }) {
        let d = this[slot];
        if (!d) {
          d = Object.create(dproto) as object;
          (d as { [DELEGATE]: State })[DELEGATE] = state(this);
          this[slot] = d;
        }
        return d;
      },
    });
  }
  proto = p;
  bySetting.set(allowRaw, proto);
  return proto;
}

interface Site {
  readonly session: PolicySession;
  readonly model: ModelDef;
  readonly delegate: Delegate;
}

const WRITES: Record<string, (site: Site, ctx: QueryContext, args: any) => Promise<unknown>> = {
  create: (site, ctx, a) => writes.create(site, ctx, a),
  createMany: (site, ctx, a) => writes.createMany(site, ctx, a, false),
  createManyAndReturn: (site, ctx, a) => writes.createMany(site, ctx, a, true),
  update: (site, ctx, a) => writes.update(site, ctx, a),
  updateMany: (site, ctx, a) => writes.updateMany(site, ctx, a, false),
  updateManyAndReturn: (site, ctx, a) => writes.updateMany(site, ctx, a, true),
  upsert: (site, ctx, a) => writes.upsert(site, ctx, a),
  delete: (site, ctx, a) => writes.deleteOne(site, ctx, a),
};

/** The ORM delegate's operations (its prototype's methods). */
function operationNames(sample: object): string[] {
  const proto = Object.getPrototypeOf(sample) as object;
  return Object.getOwnPropertyNames(proto).filter(
    (n) => n !== 'constructor' && typeof (proto as Record<string, unknown>)[n] === 'function',
  );
}

/**
 * One prototype per model: operations the rows filters already govern (reads, deleteMany,
 * permissions) pass to the hooked delegate; single-row writes and creates go through the
 * policy's own checks.
 */
function delegatePrototype(model: ModelDef, key: string, sample: object): object {
  const p: Record<string, unknown> = {};
  const stateOf = (self: unknown) => (self as { [DELEGATE]: State })[DELEGATE];
  for (const name of operationNames(sample)) {
    if (Object.hasOwn(WRITES, name)) continue;
    p[name] = function (this: unknown, args?: unknown) {
      return (stateOf(this).hooked[key] as Delegate)[name]!(args);
    };
  }
  for (const [name, run] of Object.entries(WRITES)) {
    p[name] = function (this: unknown, args?: unknown) {
      const state = stateOf(this);
      const site: Site = { session: state.session, model, delegate: state.hooked[key] as Delegate };
      return new WardenPromise(clientContext(state.hooked), (ctx) => run(site, ctx, args ?? {}));
    };
  }
  p.check = function (this: unknown, args: CheckArgs) {
    const state = stateOf(this);
    // An async API never throws where it is called: bad input is a rejected promise.
    return new Promise((resolve) => {
      resolve(state.checker.check(model.name, (state.session.user ?? null) as never, args));
    });
  };
  return p;
}
