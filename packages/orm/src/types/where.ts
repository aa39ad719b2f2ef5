import type { FieldDef, SchemaDef } from '@warden/schema';
import type { EnumFilter, JsonNullValueFilter, ListFilter, ScalarFilterMap } from './filters.js';
import type { FieldBaseInput } from './scalars.js';
import type { FieldName, FieldsOf, ModelName, RelatedModel } from './schema-access.js';

type NullOf<F extends FieldDef> = F['optional'] extends true ? null : never;

/** What `where` accepts for scalar field `F`: a value (shorthand for `equals`) or a filter. */
export type ScalarWhere<S extends SchemaDef, F extends FieldDef> = F['list'] extends true
  ? ListFilter<FieldBaseInput<S, F>, NullOf<F>>
  : F['kind'] extends 'enum'
    ? FieldBaseInput<S, F> | NullOf<F> | EnumFilter<FieldBaseInput<S, F>, NullOf<F>>
    : F['type'] extends 'Json'
      ? ScalarFilterMap<never>['Json'] | JsonNullValueFilter
      : F['type'] extends keyof ScalarFilterMap<never>
        ? FieldBaseInput<S, F> | NullOf<F> | ScalarFilterMap<NullOf<F>>[F['type']]
        : never;

/** `some` / `every` / `none` on a to-many relation. */
export interface ToManyRelationFilter<S extends SchemaDef, T extends ModelName<S>> {
  some?: WhereInput<S, T>;
  every?: WhereInput<S, T>;
  none?: WhereInput<S, T>;
}

/** `is` / `isNot` on a to-one relation (`null` only when the relation is optional). */
export interface ToOneRelationFilter<S extends SchemaDef, T extends ModelName<S>, N> {
  is?: WhereInput<S, T> | N;
  isNot?: WhereInput<S, T> | N;
}

type RelationWhere<S extends SchemaDef, M extends ModelName<S>, K> = FieldsOf<S, M>[K &
  keyof FieldsOf<S, M>]['list'] extends true
  ? ToManyRelationFilter<S, RelatedModel<S, M, K>>
  : | ToOneRelationFilter<
        S,
        RelatedModel<S, M, K>,
        NullOf<FieldsOf<S, M>[K & keyof FieldsOf<S, M>]>
      >
    | WhereInput<S, RelatedModel<S, M, K>>
    | NullOf<FieldsOf<S, M>[K & keyof FieldsOf<S, M>]>;

/** `AND` / `OR` / `NOT` around field conditions. */
export interface WhereLogic<S extends SchemaDef, M extends ModelName<S>> {
  AND?: WhereInput<S, M> | WhereInput<S, M>[];
  OR?: WhereInput<S, M>[];
  NOT?: WhereInput<S, M> | WhereInput<S, M>[];
}

/**
 * The `where` of model `M`: per-field filters, relation filters and `AND` / `OR` / `NOT`.
 *
 * @example
 * ```ts
 * const where: WhereInput<typeof schema, 'Post'> = {
 *   title: { contains: 'warden', mode: 'insensitive' },
 *   author: { is: { role: 'ADMIN' } },
 *   tags: { some: { name: 'orm' } },
 * };
 * ```
 */
export type WhereInput<S extends SchemaDef, M extends ModelName<S>> = {
  [K in FieldName<S, M>]?: FieldsOf<S, M>[K]['kind'] extends 'relation'
    ? RelationWhere<S, M, K>
    : ScalarWhere<S, FieldsOf<S, M>[K]>;
} & WhereLogic<S, M>;
