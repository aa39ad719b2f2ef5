import type { SchemaDef } from '@warden/schema';
import type {
  FieldsOf,
  ModelName,
  RelatedModel,
  ScalarFieldName,
  RelationFieldName,
} from './schema-access.js';

export type SortOrder = 'asc' | 'desc';

/** Where nulls go: `{ sort: 'asc', nulls: 'last' }`. */
export interface SortOrderInput {
  sort: SortOrder;
  nulls?: 'first' | 'last';
}

/** `{ posts: { _count: 'desc' } }`: order by the number of related rows. */
export interface RelationCountOrder {
  _count?: SortOrder;
}

/**
 * The `orderBy` of model `M`: scalar fields, to-one relations (recursively) and the `_count` of
 * to-many relations. Pass an array to sort by several keys.
 *
 * @example
 * ```ts
 * const o: OrderByInput<typeof schema, 'Post'> = { author: { name: 'asc' } };
 * const p: OrderByInput<typeof schema, 'User'> = { posts: { _count: 'desc' } };
 * ```
 */
export type OrderByInput<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]?: FieldsOf<S, M>[K]['optional'] extends true
    ? SortOrder | SortOrderInput
    : SortOrder;
} & {
  [K in RelationFieldName<S, M>]?: FieldsOf<S, M>[K]['list'] extends true
    ? RelationCountOrder
    : OrderByInput<S, RelatedModel<S, M, K>>;
};

/** One order, or several in priority order. */
export type OrderByArg<S extends SchemaDef, M extends ModelName<S>> =
  OrderByInput<S, M> | OrderByInput<S, M>[];
