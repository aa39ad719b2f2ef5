import type { ModelDef, PolicyOperation, SchemaDef } from '@warden/schema';
import { hookParam, type QueryContext, type QueryHooks } from '@warden/orm';
import type { Expression, SqlBool } from 'kysely';
import {
  compileFieldPolicyFilter,
  compilePolicyFilter,
  type PolicyFilter,
} from '../compile-policy-filter.js';
import type { AuthParam } from '../compile/compile-context.js';
import type { PolicyUser } from '../types.js';
import { userShapeKey } from '../user-shape.js';

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

/** `hooks.params`: resolves `auth:a.b` placeholders against the user object. */
function userParams(user: PolicyUser): Readonly<Record<string, unknown>> {
  return new Proxy(
    {},
    {
      get(_target, name) {
        if (typeof name !== 'string' || !name.startsWith(AUTH_PREFIX)) return undefined;
        let v: unknown = user;
        for (const part of name.slice(AUTH_PREFIX.length).split('.')) {
          v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[part];
        }
        return v ?? null;
      },
    },
  );
}

/** The compiled policy state of one user: its shape key and how to compile its filters. */
export interface PolicySession {
  readonly schema: SchemaDef;
  readonly user: PolicyUser;
  readonly shape: string;
  filter(
    provider: 'sqlite' | 'postgresql',
    model: string,
    operation: PolicyOperation,
    alias: string,
    variant?: 'pre-update',
  ): PolicyFilter;
  fieldFilter(
    provider: 'sqlite' | 'postgresql',
    model: string,
    field: string,
    operation: 'read' | 'update',
    alias: string,
  ): PolicyFilter;
}

export function policySession(schema: SchemaDef, user: PolicyUser): PolicySession {
  const shape = userShapeKey(schema, user);
  return {
    schema,
    user,
    shape,
    filter: (provider, model, operation, alias, variant) =>
      cached(
        schema,
        `${shape}\0${provider}\0${model}\0${operation}\0${alias}\0${variant ?? ''}`,
        () =>
          compilePolicyFilter(schema, model, operation, {
            dialect: provider,
            alias,
            user,
            authParam,
            preUpdate: variant === 'pre-update',
          }),
      ),
    fieldFilter: (provider, model, field, operation, alias) =>
      cached(schema, `${shape}\0${provider}\0${model}.${field}\0${operation}\0${alias}`, () =>
        compileFieldPolicyFilter(schema, model, field, operation, {
          dialect: provider,
          alias,
          user,
          authParam,
        }),
      ),
  };
}

type Filter = Expression<SqlBool> | boolean;

/**
 * The ORM hooks that enforce `session`'s rules: read filters everywhere rows are selected,
 * update/delete filters in mutation WHEREs, field read masks. `readAs` replaces the read
 * filter of one model (the policy layer's own checks use it to select rows by another rule).
 */
export function policyHooks(
  session: PolicySession,
  readAs?: { readonly model: string; readonly operation: PolicyOperation | 'none' },
): QueryHooks {
  return {
    rowFilter: (model: ModelDef, operation, alias, ctx: QueryContext): Filter => {
      if (readAs && operation === 'read' && model.name === readAs.model) {
        if (readAs.operation === 'none') return true;
        const variant = readAs.operation === 'update' ? 'pre-update' : undefined;
        return session.filter(ctx.provider, model.name, readAs.operation, alias, variant);
      }
      const variant = operation === 'update' ? 'pre-update' : undefined;
      return session.filter(ctx.provider, model.name, operation, alias, variant);
    },
    fieldReadable: (model: ModelDef, field, alias, ctx: QueryContext): Filter =>
      readAs?.operation === 'none' && model.name === readAs.model
        ? true
        : session.fieldFilter(ctx.provider, model.name, field, 'read', alias),
    cacheKey: readAs ? `${session.shape}\0as:${readAs.model}:${readAs.operation}` : session.shape,
    params: userParams(session.user),
  };
}
