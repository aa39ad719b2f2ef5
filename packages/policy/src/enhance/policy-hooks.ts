import type { FieldDef, ModelDef, PolicyOperation, SchemaDef } from '@warden/schema';
import {
  hookParam,
  ParamRef,
  type FieldUse,
  type IdWhere,
  type QueryContext,
  type QueryHooks,
  type UpdateOrigin,
  type WriteHooks,
} from '@warden/orm';
import { sql, type Expression, type SqlBool } from 'kysely';
import {
  compileFieldPolicyFilter,
  compilePolicyFilter,
  type PolicyFilter,
} from '../compile-policy-filter.js';
import type { AuthParam } from '../compile/compile-context.js';
import type { PolicyUser } from '../types.js';
import { userShapeKey } from '../user-shape.js';
import { rejected } from './errors.js';
import { refuseOmitted } from './omit-guard.js';
import { virtualRowsPass } from './sql-checks.js';
import {
  anyUpdateWatched,
  checkAfterUpdate,
  checkBeforeUpdate,
  watchesLink,
  watchesUpdate,
} from './update-checks.js';
import { decideInJs } from './write-ops.js';

const MAX_CACHED = 5000;
const compiled = new WeakMap<SchemaDef, Map<string, PolicyFilter>>();

function cached(schema: SchemaDef, key: string, build: () => PolicyFilter): PolicyFilter {
  let map = compiled.get(schema);
  if (!map) compiled.set(schema, (map = new Map()));
  let hit = map.get(key);
  if (hit === undefined) {
    hit = build();
    if (map.size >= MAX_CACHED) map.delete(map.keys().next().value!);
    map.set(key, hit);
  }
  return hit;
}

const AUTH_PREFIX = 'auth:';

const authParam: AuthParam = (path, encode) => hookParam(AUTH_PREFIX + path.join('.'), encode);

/** `auth:a.b` -> `['a', 'b']`, parsed once per placeholder name (names come from the rules). */
const authPaths = new Map<string, readonly string[]>();

function authPath(name: string): readonly string[] {
  let path = authPaths.get(name);
  if (!path) authPaths.set(name, (path = name.slice(AUTH_PREFIX.length).split('.')));
  return path;
}

/** `auth()` member `path` of `user`: `null` when any step is missing (never `undefined`). */
function authValue(user: PolicyUser, path: readonly string[]): unknown {
  let v: unknown = user;
  for (const part of path) {
    v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[part];
  }
  return v ?? null;
}

/** The compiled policy state of one user: its shape key and how to compile its filters. */
export interface PolicySession {
  readonly schema: SchemaDef;
  readonly user: PolicyUser;
  readonly shape: string;
  readonly entry: ShapeEntry;
  filter(
    provider: 'sqlite' | 'postgresql',
    model: string,
    operation: PolicyOperation,
    alias: string,
    variant?: 'pre-update',
    fixed?: Readonly<Record<string, boolean>>,
  ): PolicyFilter;
}

type Filter = Expression<SqlBool> | boolean;
type ReadAs = { readonly model: string; readonly operation: PolicyOperation | 'none' };
type SharedHooks = Required<Pick<QueryHooks, 'rowFilter' | 'fieldReadable' | 'cacheKey'>> &
  Pick<QueryHooks, 'returningReadable'>;

/**
 * Everything shared by the users of one shape: compiled filters (user values are parameters)
 * and the hook functions. Built with the first user of the shape; valid for all of them.
 */
interface ShapeEntry {
  readonly filter: PolicySession['filter'];
  readonly hooks: Map<string, SharedHooks>;
}

const entries = new WeakMap<SchemaDef, Map<string, ShapeEntry>>();

function shapeEntry(schema: SchemaDef, shape: string, user: PolicyUser): ShapeEntry {
  let byShape = entries.get(schema);
  if (!byShape) entries.set(schema, (byShape = new Map()));
  let entry = byShape.get(shape);
  if (entry) return entry;
  const filter: PolicySession['filter'] = (provider, model, operation, alias, variant, fixed) =>
    cached(
      schema,
      `${shape}\0${provider}\0${model}\0${operation}\0${alias}\0${variant ?? ''}${fixed ? `\0${fixedKey(fixed)}` : ''}`,
      () =>
        compilePolicyFilter(schema, model, operation, {
          dialect: provider,
          alias,
          user,
          authParam,
          preUpdate: variant === 'pre-update',
          ...(fixed ? { fixed } : {}),
        }),
    );
  entry = { filter, hooks: new Map() };
  if (byShape.size >= MAX_CACHED) byShape.delete(byShape.keys().next().value!);
  byShape.set(shape, entry);
  return entry;
}

/** `{ published: true, draft: false }` -> `draft=F,published=T` (order-independent). */
function fixedKey(fixed: Readonly<Record<string, boolean>>): string {
  return Object.keys(fixed)
    .sort()
    .map((k) => `${k}=${fixed[k] ? 'T' : 'F'}`)
    .join(',');
}

export function policySession(schema: SchemaDef, user: PolicyUser): PolicySession {
  const shape = userShapeKey(schema, user);
  const entry = shapeEntry(schema, shape, user);
  return { schema, user, shape, entry, filter: entry.filter };
}

function sharedHooks(session: PolicySession, readAs: ReadAs | undefined): SharedHooks {
  const key = readAs ? `${readAs.model}:${readAs.operation}` : '';
  let hooks = session.entry.hooks.get(key);
  if (hooks) return hooks;
  const { schema, shape, filter } = session;
  const user = session.user;
  const fieldMask = (model: ModelDef, field: string, alias: string, ctx: QueryContext): Filter =>
    cached(schema, `${shape}\0${ctx.provider}\0${model.name}.${field}\0read\0${alias}`, () =>
      compileFieldPolicyFilter(schema, model.name, field, 'read', {
        dialect: ctx.provider,
        alias,
        user,
        authParam,
      }),
    );
  hooks = {
    // `fixed`: Boolean fields the caller's `where` (which the predicate is ANDed with) fixes for
    // every row it selects (see QueryHooks.rowFilter); the rules read them as constants, which
    // often folds the filter away. An update or delete reaches only rows the caller may also
    // read (as PostgreSQL row security): a hidden row is a missing one, never written.
    rowFilter: (model: ModelDef, operation, alias, ctx: QueryContext, fixed): Filter => {
      if (readAs && operation === 'read' && model.name === readAs.model) {
        if (readAs.operation === 'none') return true;
        if (readAs.operation === 'read')
          return filter(ctx.provider, model.name, 'read', alias, undefined, fixed);
        if (readAs.operation === 'update' || readAs.operation === 'delete')
          return reachable(session, ctx, model.name, readAs.operation, alias, fixed);
        return filter(ctx.provider, model.name, readAs.operation, alias, undefined, fixed);
      }
      if (operation === 'read')
        return filter(ctx.provider, model.name, 'read', alias, undefined, fixed);
      return reachable(session, ctx, model.name, operation, alias, fixed);
    },
    // Ids address rows, so filters see them as stored (the row rules decide which rows are
    // seen); a read rule on an id masks its value in results only. The policy layer's own
    // reads of the readAs model select ids and rows to check, never what the caller gets
    // back, so their selections are unmasked; the caller's `where` they carry stays masked.
    // `@omit` fields are refused outright in what the caller's arguments select or compare
    // (the policy layer's own readAs selections are not the caller's: they skip that).
    // A foreign key a relation is followed through (`link`) is always masked, ids included:
    // the relation is no more readable than its key.
    fieldReadable: (model: ModelDef, field, alias, ctx: QueryContext, use: FieldUse): Filter => {
      if (use === 'link') return fieldMask(model, field, alias, ctx);
      if (use === 'filter') {
        refuseOmitted(model, field, use);
        return model.idFields.includes(field) || fieldMask(model, field, alias, ctx);
      }
      if (readAs !== undefined && model.name === readAs.model) return true;
      refuseOmitted(model, field, use);
      return fieldMask(model, field, alias, ctx);
    },
    cacheKey: readAs ? `${shape}\0as:${key}` : shape,
  };
  // The policy layer's own checks (readAs) read rows by other rules: they keep the query.
  if (!readAs) {
    hooks.returningReadable = (model: ModelDef, alias, ctx: QueryContext) => {
      const f = filter(ctx.provider, model.name, 'read', alias);
      return typeof f === 'boolean' || isRowLocal(f, ctx) ? f : undefined;
    };
  }
  session.entry.hooks.set(key, hooks);
  return hooks;
}

/**
 * The rows of `model` an update or delete may reach: readable AND permitted for `operation`
 * (the update rule with `future()` undecided). Compiled once per shape, alias and `fixed`;
 * one condition when both compile to the same SQL (`@@allow('all', ...)`).
 */
function reachable(
  session: PolicySession,
  ctx: QueryContext,
  model: string,
  operation: 'update' | 'delete',
  alias: string,
  fixed: Readonly<Record<string, boolean>> | undefined,
): Filter {
  const { provider } = ctx;
  const key = `${session.shape}\0${provider}\0${model}\0${operation}+read\0${alias}${fixed ? `\0${fixedKey(fixed)}` : ''}`;
  return cached(session.schema, key, () => {
    const read = session.filter(provider, model, 'read', alias, undefined, fixed);
    const variant = operation === 'update' ? 'pre-update' : undefined;
    const op = session.filter(provider, model, operation, alias, variant, fixed);
    if (read === false || op === false) return false;
    if (read === true) return op;
    if (op === true || sameSql(read, op, ctx)) return read;
    return sql<SqlBool>`(${read} and ${op})`;
  });
}

/**
 * True when two conditions compile to the same SQL text and parameters (user values: the same
 * `auth()` member, at the same place of the same SQL, so encoded alike).
 */
function sameSql(a: Expression<SqlBool>, b: Expression<SqlBool>, ctx: QueryContext): boolean {
  const x = sql`select ${a}`.compile(ctx.kysely);
  const y = sql`select ${b}`.compile(ctx.kysely);
  const same = (p: unknown, q: unknown): boolean =>
    Object.is(p, q) ||
    (p instanceof ParamRef &&
      q instanceof ParamRef &&
      p.source === q.source &&
      p.path.join('\0') === q.path.join('\0') &&
      String(p.encode) === String(q.encode));
  return (
    x.sql === y.sql &&
    x.parameters.length === y.parameters.length &&
    x.parameters.every((p, i) => same(p, y.parameters[i]))
  );
}

const rowLocal = new WeakMap<object, boolean>();

/**
 * True when a compiled filter reads only the row's own columns (no subquery), so it can be
 * evaluated in a mutation's RETURNING list: there a subquery would see the database as it was
 * before the statement on PostgreSQL, unlike the read-back query it replaces.
 */
function isRowLocal(f: Expression<SqlBool>, ctx: QueryContext): boolean {
  let local = rowLocal.get(f);
  if (local === undefined) {
    const text = sql`select ${f}`.compile(ctx.kysely).sql;
    local = (text.match(/\bselect\b/gi)?.length ?? 0) === 1 && !/\bexists\b/i.test(text);
    rowLocal.set(f, local);
  }
  return local;
}

const watchedSchemas = new WeakMap<SchemaDef, boolean>();

/** True when some model has field-level update or post-update rules (update hooks needed). */
function needsUpdateHooks(schema: SchemaDef): boolean {
  let needs = watchedSchemas.get(schema);
  if (needs === undefined) {
    needs = anyUpdateWatched(Object.values(schema.models));
    watchedSchemas.set(schema, needs);
  }
  return needs;
}

/**
 * The ORM hooks that enforce `session`'s rules: read filters everywhere rows are selected,
 * update/delete filters in mutation WHEREs, field read masks, create rules before every
 * insert, and field-level update and post-update (`future()`) rules around every UPDATE the
 * ORM makes, nested ones included (only for updates those rules concern: `watchesUpdate`).
 * `readAs` replaces the read filter of one model (the policy layer's own checks use it to
 * select rows by another rule); `operation` names the caller's operation in errors when the
 * policy layer runs another ORM operation on its behalf (its per-row `update`).
 */
export function policyHooks(
  session: PolicySession,
  readAs?: ReadAs,
  operation?: string,
): QueryHooks {
  const shared = sharedHooks(session, readAs);
  return needsUpdateHooks(session.schema)
    ? new WatchingRequestHooks(session, shared, operation)
    : new RequestHooks(session, shared);
}

/**
 * The hooks of one request. A class, not an object of closures: `enhance()` runs per request,
 * and one allocation with prototype methods measured several times cheaper than binding
 * functions and a Proxy for the parameters (the ORM calls hooks as methods).
 */
class RequestHooks implements QueryHooks, WriteHooks {
  readonly rowFilter: SharedHooks['rowFilter'];
  readonly fieldReadable: SharedHooks['fieldReadable'];
  readonly cacheKey: string;
  readonly returningReadable: SharedHooks['returningReadable'];
  constructor(
    readonly session: PolicySession,
    shared: SharedHooks,
  ) {
    this.rowFilter = shared.rowFilter;
    this.fieldReadable = shared.fieldReadable;
    this.cacheKey = shared.cacheKey;
    this.returningReadable = shared.returningReadable;
  }

  /** `auth:a.b` placeholders, resolved against the user object. */
  param(name: string): unknown {
    return name.startsWith(AUTH_PREFIX) ? authValue(this.session.user, authPath(name)) : undefined;
  }

  /** `@default(auth().x)` values. */
  authDefault(_model: ModelDef, _field: FieldDef, path: readonly string[]): unknown {
    return authValue(this.session.user, path);
  }

  beforeCreate(model: ModelDef, row: CreateRow, ctx: QueryContext): Promise<void> {
    return checkCreateInput(this.session, model, [row], ctx);
  }

  beforeCreateMany(model: ModelDef, rows: readonly CreateRow[], ctx: QueryContext): Promise<void> {
    return checkCreateInput(this.session, model, rows, ctx);
  }
}

/** Request hooks of a schema with field-level update or post-update rules. */
class WatchingRequestHooks extends RequestHooks {
  constructor(
    session: PolicySession,
    shared: SharedHooks,
    readonly operation: string | undefined,
  ) {
    super(session, shared);
  }

  watchesUpdate(model: ModelDef, fields: readonly string[]): boolean {
    return watchesUpdate(model, fields);
  }

  watchesLink(model: ModelDef, field: string): boolean {
    return watchesLink(model, field);
  }

  beforeUpdate(
    model: ModelDef,
    ids: readonly IdWhere[],
    fields: readonly string[],
    ctx: QueryContext,
    origin: UpdateOrigin,
  ): Promise<unknown> {
    return checkBeforeUpdate(this.session, model, ids, fields, ctx, origin, this.operation);
  }

  afterUpdate(
    model: ModelDef,
    ids: readonly IdWhere[],
    ctx: QueryContext,
    state: unknown,
    origin: UpdateOrigin,
  ): Promise<void> {
    return checkAfterUpdate(this.session, model, ids, ctx, state, origin, this.operation);
  }
}

type CreateRow = Parameters<NonNullable<WriteHooks['beforeCreate']>>[1];

/**
 * Every insert the ORM makes (nested ones and the rows of a multi-row insert included) is
 * checked against the create rule before it runs: refused when the rule folds to false or,
 * decided on the input, is false. Rows the input does not decide (the rule reads related
 * rows) are checked together, a hundred rows per query, not one query per row.
 */
async function checkCreateInput(
  session: PolicySession,
  model: ModelDef,
  rows: readonly CreateRow[],
  ctx: QueryContext,
): Promise<void> {
  const filter = session.filter(ctx.provider, model.name, 'create', 't');
  if (filter === true || rows.length === 0) return;
  if (filter === false) throw rejected(model.name, 'create');
  const undecided: Readonly<Record<string, unknown>>[] = [];
  for (const row of rows) {
    const inJs = decideInJs(session.schema, model, session.user, { ...row.columns, ...row.data });
    if (inJs === false) throw rejected(model.name, 'create');
    if (inJs !== true) undecided.push(row.columns);
  }
  if (
    undecided.length > 0 &&
    !(await virtualRowsPass(ctx, session.schema, model, session.user, undecided))
  ) {
    throw rejected(model.name, 'create');
  }
}
