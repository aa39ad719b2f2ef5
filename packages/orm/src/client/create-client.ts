import { WardenError, lowerCaseFirst } from '@warden/schema';
import type { ModelDef, SchemaDef } from '@warden/schema';
import type { Dialect, Kysely } from 'kysely';
import type { QueryContext, QueryHooks } from '../context.js';
import { postgresHooks } from '../dialect/postgres/postgres-hooks.js';
import { sqliteHooks, sqliteUnicodeHooks } from '../dialect/sqlite/sqlite-hooks.js';
import { operations } from '../operations.js';
import { PlanCache } from '../plan/plan-cache.js';
import type { WardenClient } from '../types/index.js';
import { invalidInput } from '../validate/invalid.js';
import type { InputLimits } from '../validate/limits.js';
import { DEFAULT_LIMITS } from '../validate/limits.js';
import type { LogOption } from './connect.js';
import { connect } from './connect.js';
import { ModelDelegate } from './delegate.js';
import { executeRaw, executeRawUnsafe, queryRaw, queryRawUnsafe } from './raw.js';
import type { TransactionOptions } from './transaction.js';
import { runInTransaction } from './transaction.js';
import { WardenPromise } from './warden-promise.js';
import { pushSchemaFor } from './push-schema.js';

export interface ClientOptions {
  /**
   * `file:./dev.db`, `file:/abs/path.db`, `:memory:`, or `postgres://...`. A SQLite url may
   * end in `?busy_timeout=<ms>`: how long a write waits for another writer (default 5000).
   */
  readonly url?: string;
  /** Any Kysely dialect instead of `url` (bring your own driver). */
  readonly dialect?: Dialect;
  /** Which SQL family `dialect` speaks; defaults to the schema's provider. */
  readonly provider?: 'sqlite' | 'postgresql';
  /** SQL logging: `true`, `['query', 'error']`, or a function receiving each event. */
  readonly log?: LogOption;
  /** Bounds on the size of arguments (see `InputLimits`; unset ones keep `DEFAULT_LIMITS`). */
  readonly limits?: Partial<InputLimits>;
}

const CTX = Symbol.for('warden.orm.context');

/** Methods every client has, on a prototype shared by all clients of a schema. */
class ClientBase {
  declare readonly [CTX]: QueryContext;

  get $qb(): Kysely<any> {
    return this[CTX].kysely;
  }

  $transaction(arg: unknown, options?: TransactionOptions): Promise<unknown> {
    const ctx = this[CTX];
    if (typeof arg === 'function') {
      return runInTransaction(
        ctx,
        (tx) => (arg as (c: unknown) => Promise<unknown>)(clientFor(tx)),
        options,
      );
    }
    if (!Array.isArray(arg)) {
      return Promise.reject(
        invalidInput([], 'expected a function or an array of operations', {
          operation: '$transaction',
        }),
      );
    }
    return runInTransaction(
      ctx,
      async (tx) => {
        const out: unknown[] = [];
        for (const [i, p] of arg.entries()) {
          if (!(p instanceof WardenPromise))
            throw invalidInput([i], 'expected a delegate call (not awaited)', {
              operation: '$transaction',
            });
          out.push(await p.runIn(tx));
        }
        return out;
      },
      options,
    );
  }

  $queryRaw(strings: TemplateStringsArray, ...values: unknown[]): WardenPromise<any[]> {
    return new WardenPromise(this[CTX], (ctx) => queryRaw(ctx, strings, values));
  }

  $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): WardenPromise<number> {
    return new WardenPromise(this[CTX], (ctx) => executeRaw(ctx, strings, values));
  }

  $queryRawUnsafe(text: string, ...params: unknown[]): WardenPromise<any[]> {
    return new WardenPromise(this[CTX], (ctx) => queryRawUnsafe(ctx, text, params));
  }

  $executeRawUnsafe(text: string, ...params: unknown[]): WardenPromise<number> {
    return new WardenPromise(this[CTX], (ctx) => executeRawUnsafe(ctx, text, params));
  }

  /** Runs `operation` on `model` by name (for generic callers such as the HTTP layer). */
  $run(model: string, operation: string, args?: unknown): Promise<unknown> {
    const ctx = this[CTX];
    const m = Object.hasOwn(ctx.schema.models, model) ? ctx.schema.models[model] : undefined;
    if (!m) return Promise.reject(invalidInput([], `unknown model '${model}'`, { operation }));
    const op = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
    if (!op)
      return Promise.reject(
        invalidInput([], `unknown operation '${operation}'`, { model, operation }),
      );
    return new WardenPromise(ctx, (c) => op(c, m, args) as Promise<unknown>).then();
  }

  $pushSchema(options: { acceptDataLoss?: boolean } = {}): Promise<unknown> {
    const ctx = this[CTX];
    return pushSchemaFor(ctx.kysely, ctx.provider, ctx.schema, options);
  }

  /** Closes the client's connections (the pool, or the SQLite file): a script can then exit. */
  async $disconnect(): Promise<void> {
    const { kysely, engine } = this[CTX];
    await kysely.destroy();
    await engine.release?.();
  }
}

const prototypes = new WeakMap<SchemaDef, object>();

/** The client prototype of a schema: ClientBase plus one lazy delegate getter per model. */
function prototypeFor(schema: SchemaDef): object {
  let proto = prototypes.get(schema);
  if (proto) return proto;
  proto = Object.create(ClientBase.prototype) as object;
  for (const model of Object.values(schema.models) as ModelDef[]) {
    // Made on first use and kept under a symbol: a plain store (defineProperty on every new
    // client measured about 200 ns, and clients are made per request).
    const slot = Symbol(model.name);
    Object.defineProperty(proto, lowerCaseFirst(model.name), {
      get(this: ClientBase & { [slot]?: ModelDelegate }) {
        return (this[slot] ??= new ModelDelegate(this[CTX], model));
      },
    });
  }
  prototypes.set(schema, proto);
  return proto;
}

/** A client object over `ctx`. */
export function clientFor(ctx: QueryContext): any {
  const client = Object.create(prototypeFor(ctx.schema)) as { [CTX]: QueryContext };
  // A plain store, not defineProperty: clients are made per request (a symbol key is not
  // enumerable by Object.keys or for-in anyway).
  client[CTX] = ctx;
  return client;
}

/** The context behind a client (for the policy layer and tests). */
export function clientContext(client: unknown): QueryContext {
  const ctx = (client as { [CTX]?: QueryContext } | null)?.[CTX];
  if (!ctx) throw new WardenError('CONFIG', 'not a Warden client');
  return ctx;
}

/**
 * A client sharing `client`'s connection pool and plan cache, with `hooks` applied to every
 * operation. Cheap (two small objects): make one per request.
 *
 * @example
 * ```ts
 * const userDb = withHooks(db, { rowFilter: (m, op, alias) => true, cacheKey: 'anon' });
 * ```
 */
export function withHooks<C>(client: C, hooks: QueryHooks | undefined): C {
  const c = clientContext(client);
  // Field by field, not a spread: one object of a fixed shape, made for every request.
  return clientFor({
    schema: c.schema,
    provider: c.provider,
    kysely: c.kysely,
    dialect: c.dialect,
    plans: c.plans,
    engine: c.engine,
    hooks,
    inTransaction: c.inTransaction,
  }) as C;
}

/**
 * Creates a client for `schema`.
 *
 * @example
 * ```ts
 * const db = createClient(schema, { url: 'file:./dev.db' });
 * const posts = await db.post.findMany({ where: { published: true }, include: { author: true } });
 * ```
 */
export function createClient<S extends SchemaDef>(
  schema: S,
  options: ClientOptions = {},
): WardenClient<S> {
  const connected = connect(options, schema.provider);
  const { kysely, provider, unicodeCase } = connected;
  const engine = options.limits
    ? { ...connected.engine, limits: { ...DEFAULT_LIMITS, ...options.limits } }
    : connected.engine;
  const ctx: QueryContext = {
    schema,
    provider,
    kysely,
    dialect:
      provider === 'postgresql' ? postgresHooks : unicodeCase ? sqliteUnicodeHooks : sqliteHooks,
    plans: new PlanCache(),
    engine,
    hooks: undefined,
    inTransaction: false,
  };
  return clientFor(ctx) as WardenClient<S>;
}
