import type { SchemaDef } from '@warden/schema';
import type { OrderByArg } from './order-by.js';
import type {
  FieldsOf,
  ModelName,
  RelatedModel,
  RelationFieldName,
  ScalarFieldName,
  ToManyFieldName,
} from './schema-access.js';
import type { WhereInput } from './where.js';
import type { WhereUniqueInput } from './where-unique.js';

/** `omit: { password: true }` drops a field; `{ password: false }` brings back an `@omit` one. */
export type OmitInput<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]?: boolean;
};

/** Arguments of a to-one relation inside `select` / `include`. */
export interface ToOneRelationArgs<S extends SchemaDef, T extends ModelName<S>> {
  select?: SelectInput<S, T>;
  include?: IncludeInput<S, T>;
  omit?: OmitInput<S, T>;
}

/** Arguments of a to-many relation inside `select` / `include`: a nested `findMany`. */
export interface ToManyRelationArgs<
  S extends SchemaDef,
  T extends ModelName<S>,
> extends ToOneRelationArgs<S, T> {
  where?: WhereInput<S, T>;
  orderBy?: OrderByArg<S, T>;
  cursor?: WhereUniqueInput<S, T>;
  take?: number;
  skip?: number;
  distinct?: ScalarFieldName<S, T> | ScalarFieldName<S, T>[];
}

/** `_count: true` or `_count: { select: { posts: true, tags: { where } } }`. */
export type CountSelectInput<S extends SchemaDef, M extends ModelName<S>> =
  | boolean
  | {
      select: {
        [K in ToManyFieldName<S, M>]?: boolean | { where?: WhereInput<S, RelatedModel<S, M, K>> };
      };
    };

type RelationSelectValue<S extends SchemaDef, M extends ModelName<S>, K> = FieldsOf<S, M>[K &
  keyof FieldsOf<S, M>]['list'] extends true
  ? boolean | ToManyRelationArgs<S, RelatedModel<S, M, K>>
  : boolean | ToOneRelationArgs<S, RelatedModel<S, M, K>>;

/** `select` of model `M`: scalar fields, relations (with nested arguments) and `_count`. */
export type SelectInput<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]?: boolean;
} & {
  [K in RelationFieldName<S, M>]?: RelationSelectValue<S, M, K>;
} & { _count?: CountSelectInput<S, M> };

/** `include` of model `M`: relations (with nested arguments) and `_count`. */
export type IncludeInput<S extends SchemaDef, M extends ModelName<S>> = {
  [K in RelationFieldName<S, M>]?: RelationSelectValue<S, M, K>;
} & { _count?: CountSelectInput<S, M> };
