import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { SchemaDef, WardenError } from '@warden/schema';
import { callOperation } from '../fetch/request.js';
import { useFetchOptions } from './provider.js';
import { isWardenKey, queryKey } from './query-key.js';
import { modelsReadBy, modelsWrittenBy } from './touched-models.js';
import { applyOptimistic } from './optimistic.js';

const queryOps = [
  'findMany',
  'findUnique',
  'findFirst',
  'count',
  'aggregate',
  'groupBy',
  'exists',
  'check',
] as const;
const mutationOps = [
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
] as const;

type QueryOp = (typeof queryOps)[number];
type MutationOp = (typeof mutationOps)[number];

export type QueryHookOptions<T> = Omit<UseQueryOptions<T, WardenError>, 'queryKey' | 'queryFn'>;
export type MutationHookOptions<T> = Omit<UseMutationOptions<T, WardenError, any>, 'mutationFn'> & {
  /** Patch cached reads of this model before the server answers; undone on error. */
  readonly optimisticUpdate?: boolean;
  /** Invalidate the cached reads this mutation may change. Default true. */
  readonly invalidateQueries?: boolean;
};
export type InfiniteHookOptions<T> = Omit<
  UseInfiniteQueryOptions<T, WardenError, InfiniteData<T>, readonly unknown[], any>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
> & {
  /** The arguments of the next page, from the last page; default: skip past it while full. */
  readonly getNextPageParam?: (lastPage: T, pages: T[]) => unknown;
};

type QueryHook = <T = any>(
  args?: any,
  options?: QueryHookOptions<T>,
) => ReturnType<typeof useQuery<T, WardenError>>;
type MutationHook = <T = any>(
  options?: MutationHookOptions<T>,
) => ReturnType<typeof useMutation<T, WardenError, any>>;
type InfiniteHook = <T = any>(
  args?: any,
  options?: InfiniteHookOptions<T>,
) => ReturnType<typeof useInfiniteQuery<T, WardenError, InfiniteData<T>>>;

export type ModelHooks<M extends string> = {
  readonly [Op in QueryOp as `use${Capitalize<Op>}${M}`]: QueryHook;
} & {
  readonly [Op in MutationOp as `use${Capitalize<Op>}${M}`]: MutationHook;
} & { readonly [K in `useInfiniteFindMany${M}`]: InfiniteHook };

export type Hooks<S extends SchemaDef> = UnionToIntersection<
  { [M in keyof S['models'] & string]: ModelHooks<M> }[keyof S['models'] & string]
>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/**
 * TanStack Query v5 hooks for every model of `schema`: `useFindManyPost`, `useCreatePost`,
 * `useCheckPost`, `useInfiniteFindManyPost`, ... Mutations invalidate the cached reads of every
 * model they touch, nested writes included. `warden generate` writes a `hooks.ts` that does this.
 *
 * @example
 * ```ts
 * export const { useFindManyPost, useCreatePost, useCheckPost } = createHooks(schema);
 * const { data: canCreate } = useCheckPost({ operation: 'create' });
 * ```
 */
export function createHooks<S extends SchemaDef>(schema: S): Hooks<S> {
  const hooks: Record<string, unknown> = {};
  for (const model of Object.keys(schema.models)) {
    for (const op of queryOps) {
      hooks[`use${capitalize(op)}${model}`] = (
        args?: unknown,
        options?: QueryHookOptions<unknown>,
      ) => {
        const fetchOptions = useFetchOptions();
        return useQuery({
          ...options,
          queryKey: queryKey(model, op, args),
          queryFn: ({ signal }) => callOperation(fetchOptions, model, op, args, signal),
        });
      };
    }
    hooks[`useInfiniteFindMany${model}`] = (
      args?: any,
      options?: InfiniteHookOptions<unknown[]>,
    ) => {
      const fetchOptions = useFetchOptions();
      const pageSize: number | undefined = args?.take;
      return useInfiniteQuery({
        ...options,
        queryKey: queryKey(model, 'findMany', args, true),
        initialPageParam: args,
        queryFn: ({ pageParam, signal }) =>
          callOperation(fetchOptions, model, 'findMany', pageParam, signal) as Promise<unknown[]>,
        getNextPageParam:
          options?.getNextPageParam ??
          ((lastPage: unknown[], pages: unknown[][]) =>
            pageSize && lastPage.length === pageSize
              ? { ...args, skip: (args?.skip ?? 0) + pages.length * pageSize }
              : undefined),
      });
    };
    for (const op of mutationOps) {
      hooks[`use${capitalize(op)}${model}`] = (options: MutationHookOptions<unknown> = {}) => {
        const fetchOptions = useFetchOptions();
        const queryClient = useQueryClient();
        const { optimisticUpdate, invalidateQueries = true, ...rest } = options;
        return useMutation({
          ...rest,
          mutationFn: (args: unknown) => callOperation(fetchOptions, model, op, args),
          onMutate: async (args: unknown, context) => {
            let rollback: (() => void) | undefined;
            if (optimisticUpdate) {
              await queryClient.cancelQueries({ queryKey: ['warden', model] });
              rollback = applyOptimistic(queryClient, model, op, args);
            }
            const user = await rest.onMutate?.(args, context);
            return { rollback, user };
          },
          onError: (error, args, result: any, context) => {
            result?.rollback?.();
            return rest.onError?.(error, args, result?.user, context);
          },
          onSettled: async (data, error, args, result: any, context) => {
            if (invalidateQueries) {
              const touched = modelsWrittenBy(schema, model, op, args);
              await queryClient.invalidateQueries({
                predicate: (query) => {
                  const key = query.queryKey;
                  if (!isWardenKey(key)) return false;
                  if (key[2] === 'check') return false;
                  for (const m of modelsReadBy(schema, key[1], key[3]))
                    if (touched.has(m)) return true;
                  return false;
                },
              });
            }
            return rest.onSettled?.(data, error, args, result?.user, context);
          },
        });
      };
    }
  }
  return hooks as Hooks<S>;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
