import { findModel, type SchemaDef } from '@warden/schema';
import { callOperation, type FetchOptions } from '@warden/client';
import type { AccessControlProvider, BaseKey, CanParams, CanReturnType } from '@refinedev/core';
import { coerceId, idFieldOf, resourceToModel } from './resource-model.js';

export interface AccessControlOptions extends Omit<FetchOptions, 'endpoint'> {
  readonly schema?: SchemaDef;
  /** Hide buttons the user may not use instead of disabling them. Default false. */
  readonly hideIfUnauthorized?: boolean;
}

type RowOperation = 'read' | 'update' | 'delete';
type RowPermissions = Record<string, Partial<Record<RowOperation, boolean>>>;

export type WardenAccessControlProvider = AccessControlProvider & {
  /** Forget every cached answer (the data provider calls this after each mutation). */
  invalidate(): void;
};

const rowOperationOf: Record<string, RowOperation> = {
  show: 'read',
  edit: 'update',
  delete: 'delete',
};

/**
 * A Refine v5 access control provider backed by Warden's policies.
 *
 * - `create` (and `clone`), `list`, and `show`/`edit`/`delete` without an id ask the permission
 *   checker (`check`, no database), as in the seed.
 * - `show`/`edit`/`delete` with `params.id` ask whether this user may do it to THAT row. Refine
 *   calls `can` once per row and button; every such call made in the same tick is batched into
 *   one `permissions` request per model, answered by one SQL query on the server.
 * - `field` (with `params.field`, and `params.operation` `read` or `update`) checks field rules.
 *
 * Answers are cached until `invalidate()`; it is a UI hint, the API enforces the rules anyway.
 *
 * @example
 * ```tsx
 * const accessControlProvider = createAccessControlProvider('/api/model', { schema });
 * <Refine accessControlProvider={accessControlProvider} ... />
 * ```
 */
export function createAccessControlProvider(
  apiUrl: string,
  options: AccessControlOptions = {},
): WardenAccessControlProvider {
  const fetchOptions: FetchOptions = { ...options, endpoint: apiUrl };
  const { schema } = options;
  const cache = new Map<string, Promise<CanReturnType>>();
  let pending = new Map<string, { ids: Set<unknown>; waiters: ((p: RowPermissions) => void)[] }>();
  let generation = 0;

  const check = async (model: string, args: Record<string, unknown>): Promise<CanReturnType> => {
    const result: any = await callOperation(fetchOptions, model, 'check', {
      ...args,
      explain: true,
    });
    if (typeof result === 'boolean') return { can: result };
    return result.allowed
      ? { can: true }
      : { can: false, reason: reasonOf(result.deniedBy, String(args.operation)) };
  };

  const rowPermissions = (model: string, id: unknown): Promise<RowPermissions> => {
    let batch = pending.get(model);
    if (!batch) {
      batch = { ids: new Set(), waiters: [] };
      pending.set(model, batch);
      if (pending.size === 1) queueMicrotask(flush);
    }
    batch.ids.add(id);
    return new Promise((resolve) => batch!.waiters.push(resolve));
  };

  function flush(): void {
    const batches = pending;
    pending = new Map();
    for (const [model, batch] of batches) {
      const ids = [...batch.ids];
      const settle = (result: RowPermissions) =>
        batch.waiters.forEach((resolve) => resolve(result));
      callOperation(fetchOptions, model, 'permissions', {
        ids,
        operations: ['read', 'update', 'delete'],
      })
        .then((result) => settle((result ?? {}) as RowPermissions))
        .catch(() => settle({}));
    }
  }

  const answer = async ({ resource, action, params }: CanParams): Promise<CanReturnType> => {
    if (!resource) return { can: true };
    const model = resourceToModel(schema, resource);
    if (action === 'create' || action === 'clone') return check(model, { operation: 'create' });
    if (action === 'list') return check(model, { operation: 'read' });
    if (action === 'field') {
      const field = params?.field as string | undefined;
      const operation = params?.operation === 'update' ? 'update' : 'read';
      return field ? check(model, { operation, field }) : { can: true };
    }
    const rowOp = rowOperationOf[action];
    if (!rowOp) return { can: true };
    if (params?.id === undefined || params.id === null) return check(model, { operation: rowOp });
    const idField = idFieldOf(schema ? findModel(schema, model) : undefined);
    const id = coerceId(idField, params.id as BaseKey);
    const rows = await rowPermissions(model, id);
    const row = rows[String(id)];
    if (!row) return { can: false, reason: `This ${model} does not exist or you may not see it` };
    return row[rowOp]
      ? { can: true }
      : { can: false, reason: `You may not ${verb(rowOp)} this ${model}` };
  };

  return {
    can: (params) => {
      const key = JSON.stringify([
        generation,
        params.resource,
        params.action,
        params.params?.id ?? null,
        params.params?.field ?? null,
        params.params?.operation ?? null,
      ]);
      let result = cache.get(key);
      if (!result) {
        result = answer(params).catch((): CanReturnType => ({
          can: false,
          reason: 'Could not check permissions',
        }));
        cache.set(key, result);
      }
      return result;
    },
    invalidate: () => {
      generation++;
      cache.clear();
    },
    options: {
      buttons: {
        enableAccessControl: true,
        hideIfUnauthorized: options.hideIfUnauthorized ?? false,
      },
    },
  };
}

function verb(op: RowOperation): string {
  return op === 'read' ? 'view' : op === 'update' ? 'edit' : 'delete';
}

function reasonOf(deniedBy: unknown, operation: string): string {
  const rules = Array.isArray(deniedBy) ? deniedBy.filter((r) => typeof r === 'string') : [];
  return rules.length > 0
    ? `Not allowed to ${operation}: ${rules.join('; ')}`
    : `Not allowed to ${operation}`;
}
