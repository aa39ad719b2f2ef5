import { findModel, type SchemaDef } from '@warden/schema';
import { callOperation, callTransaction, type FetchOptions } from '@warden/client';
import type { BaseKey, BaseRecord, DataProvider, MetaQuery } from '@refinedev/core';
import { filtersToWhere, sortersToOrderBy } from './filters-to-where.js';
import { coerceId, idFieldOf, resourceToModel } from './resource-model.js';
import { toHttpError } from './to-http-error.js';

export interface DataProviderOptions extends Omit<FetchOptions, 'endpoint'> {
  /** The schema (from `schema.ts`): maps resources to models, coerces ids, picks relation filters. */
  readonly schema?: SchemaDef;
  /** Called after every successful mutation (the access control cache listens). */
  readonly onMutation?: () => void;
}

/**
 * A Refine v5 data provider over Warden's RPC API. Every method is one request; the bulk ones
 * are native and atomic.
 *
 * @example
 * ```tsx
 * <Refine dataProvider={createDataProvider('/api/model', { schema })} ... />
 * ```
 */
export function createDataProvider(
  apiUrl: string,
  options: DataProviderOptions = {},
): DataProvider {
  const fetchOptions: FetchOptions = { ...options, endpoint: apiUrl };
  const { schema } = options;

  const target = (resource: string) => {
    const model = resourceToModel(schema, resource);
    const idField = idFieldOf(schema ? findModel(schema, model) : undefined);
    const idName = idField?.name ?? 'id';
    return { model, idName, id: (id: BaseKey) => coerceId(idField, id) };
  };

  /** `meta.headers` (Refine's per-call headers) on top of the provider's own `headers`. */
  const optionsFor = (meta?: MetaQuery): FetchOptions => {
    const extra = meta?.headers as HeadersInit | undefined;
    if (!extra) return fetchOptions;
    const base = fetchOptions.headers;
    return {
      ...fetchOptions,
      headers: async () => {
        const headers = new Headers(typeof base === 'function' ? await base() : base);
        new Headers(extra).forEach((value, name) => headers.set(name, value));
        return headers;
      },
    };
  };

  const call = async (model: string, op: string, args: unknown, meta?: MetaQuery): Promise<any> => {
    try {
      return await callOperation(optionsFor(meta), model, op, args, signalOf(meta));
    } catch (e) {
      throw toHttpError(e);
    }
  };

  const mutate = async (model: string, op: string, args: unknown, meta?: MetaQuery) => {
    const result = await call(model, op, args, meta);
    options.onMutation?.();
    return result;
  };

  return {
    getApiUrl: () => apiUrl,

    getList: async ({ resource, pagination, sorters, filters, meta }) => {
      const { model } = target(resource);
      const where = filtersToWhere(schema, model, filters ?? []);
      const args: Record<string, unknown> = { ...shape(meta) };
      if (Object.keys(where).length > 0) args.where = where;
      if (sorters?.length) args.orderBy = sortersToOrderBy(sorters);
      const mode = pagination?.mode ?? 'server';
      if (mode === 'server') {
        const pageSize = pagination?.pageSize ?? 10;
        const currentPage = pagination?.currentPage ?? 1;
        args.take = pageSize;
        args.skip = (currentPage - 1) * pageSize;
      }
      // The total counts every row the filters match, never just the page.
      const [data, total] = await Promise.all([
        call(model, 'findMany', args, meta),
        call(model, 'count', Object.keys(where).length > 0 ? { where } : undefined, meta),
      ]);
      return { data, total };
    },

    getOne: async ({ resource, id, meta }) => {
      const t = target(resource);
      const data = await call(
        t.model,
        'findUniqueOrThrow',
        { where: { [t.idName]: t.id(id) }, ...shape(meta) },
        meta,
      );
      return { data };
    },

    getMany: async ({ resource, ids, meta }) => {
      const t = target(resource);
      const data = await call(
        t.model,
        'findMany',
        { where: { [t.idName]: { in: ids.map(t.id) } }, ...shape(meta) },
        meta,
      );
      return { data };
    },

    create: async ({ resource, variables, meta }) => {
      const { model } = target(resource);
      return { data: await mutate(model, 'create', { data: variables, ...shape(meta) }, meta) };
    },

    createMany: async ({ resource, variables, meta }) => {
      const { model } = target(resource);
      return {
        data: await mutate(model, 'createManyAndReturn', { data: variables, ...shape(meta) }, meta),
      };
    },

    update: async ({ resource, id, variables, meta }) => {
      const t = target(resource);
      const data = await mutate(
        t.model,
        'update',
        { where: { [t.idName]: t.id(id) }, data: variables, ...shape(meta) },
        meta,
      );
      return { data };
    },

    updateMany: async ({ resource, ids, variables, meta }) => {
      const t = target(resource);
      const args = {
        where: { [t.idName]: { in: ids.map(t.id) } },
        data: variables,
        ...shape(meta),
      };
      return { data: await mutate(t.model, 'updateManyAndReturn', args, meta) };
    },

    deleteOne: async ({ resource, id, meta }) => {
      const t = target(resource);
      return {
        data: await mutate(
          t.model,
          'delete',
          { where: { [t.idName]: t.id(id) }, ...shape(meta) },
          meta,
        ),
      };
    },

    deleteMany: async <TData extends BaseRecord = BaseRecord>({
      resource,
      ids,
      meta,
    }: {
      resource: string;
      ids: BaseKey[];
      meta?: MetaQuery;
    }) => {
      const t = target(resource);
      const where = { [t.idName]: { in: ids.map(t.id) } };
      // One atomic request: read the rows Refine wants back, delete, then read which of them
      // are still there. The delete rule may be stricter than the read rule (a post anyone
      // reads but only its author deletes): what is reported is what was deleted.
      try {
        const [rows, , kept] = (await callTransaction(optionsFor(meta), [
          { model: t.model, op: 'findMany', args: { where, ...shape(meta) } },
          { model: t.model, op: 'deleteMany', args: { where } },
          { model: t.model, op: 'findMany', args: { where, select: { [t.idName]: true } } },
        ])) as [Record<string, unknown>[], unknown, Record<string, unknown>[]];
        options.onMutation?.();
        const left = new Set(kept.map((row) => String(row[t.idName])));
        return { data: rows.filter((row) => !left.has(String(row[t.idName]))) as TData[] };
      } catch (e) {
        throw toHttpError(e);
      }
    },

    custom: async ({ url, method, payload, query, headers, meta }) => {
      const qs =
        query && typeof query === 'object'
          ? `?${new URLSearchParams(query as Record<string, string>)}`
          : '';
      const extra =
        typeof options.headers === 'function' ? await options.headers() : options.headers;
      const response = await (options.fetch ?? fetch)(`${url}${qs}`, {
        method: method.toUpperCase(),
        headers: {
          'content-type': 'application/json',
          ...Object.fromEntries(new Headers(extra)),
          ...headers,
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: signalOf(meta) ?? null,
        credentials: options.credentials ?? 'same-origin',
      });
      const body: any = await response.json().catch(() => undefined);
      if (!response.ok) {
        throw {
          message: body?.error?.message ?? `HTTP ${response.status}`,
          statusCode: response.status,
        };
      }
      return { data: body && typeof body === 'object' && 'data' in body ? body.data : body };
    },
  };
}

/** Only the documented shaping keys of `meta` reach the server; never `meta` wholesale. */
function shape(meta: MetaQuery | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (meta?.select) out.select = meta.select;
  if (meta?.include) out.include = meta.include;
  if (meta?.omit) out.omit = meta.omit;
  return out;
}

function signalOf(meta: MetaQuery | undefined): AbortSignal | undefined {
  return (meta?.signal as AbortSignal | undefined) ?? meta?.queryContext?.signal;
}
