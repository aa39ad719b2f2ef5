import type { SchemaDef } from '@warden/schema';
import type { CreateInput, CreateManyInput } from './create-input.js';
import type { OrderByArg } from './order-by.js';
import type { IncludeInput, OmitInput, SelectInput } from './select.js';
import type { ModelName, ScalarFieldName } from './schema-access.js';
import type { UpdateInput, UpdateManyInput } from './update-input.js';
import type { WhereInput } from './where.js';
import type { WhereUniqueInput } from './where-unique.js';

/** `select`, `include` and `omit`: what shapes the result. */
export interface ShapeArgs<S extends SchemaDef, M extends ModelName<S>> {
  select?: SelectInput<S, M>;
  include?: IncludeInput<S, M>;
  omit?: OmitInput<S, M>;
}

/**
 * The shaping part of a call, as the methods infer it: one type parameter each, so the rest of
 * the argument (`where`, `data`, ...) stays a plain, non-generic type that TypeScript checks
 * (excess properties included) and completes cheaply.
 */
export interface InferredShape<Sel, Inc, Om> {
  select?: Sel;
  include?: Inc;
  omit?: Om;
}

/** `findMany`'s arguments other than `select` / `include` / `omit`. */
export interface FindManyBase<S extends SchemaDef, M extends ModelName<S>> {
  where?: WhereInput<S, M>;
  orderBy?: OrderByArg<S, M>;
  cursor?: WhereUniqueInput<S, M>;
  /** Negative: take from the end. */
  take?: number;
  skip?: number;
  distinct?: ScalarFieldName<S, M> | ScalarFieldName<S, M>[];
}

export interface FindUniqueBase<S extends SchemaDef, M extends ModelName<S>> {
  where: WhereUniqueInput<S, M>;
}

export interface CreateBase<S extends SchemaDef, M extends ModelName<S>> {
  data: CreateInput<S, M>;
}

export interface CreateManyArgs<S extends SchemaDef, M extends ModelName<S>> {
  data: CreateManyInput<S, M> | CreateManyInput<S, M>[];
  skipDuplicates?: boolean;
}

export interface UpdateBase<S extends SchemaDef, M extends ModelName<S>> {
  where: WhereUniqueInput<S, M>;
  data: UpdateInput<S, M>;
}

export interface UpdateManyArgs<S extends SchemaDef, M extends ModelName<S>> {
  where?: WhereInput<S, M>;
  data: UpdateManyInput<S, M>;
  limit?: number;
}

export interface UpsertBase<S extends SchemaDef, M extends ModelName<S>> {
  where: WhereUniqueInput<S, M>;
  create: CreateInput<S, M>;
  update: UpdateInput<S, M>;
}

export interface DeleteManyArgs<S extends SchemaDef, M extends ModelName<S>> {
  where?: WhereInput<S, M>;
  limit?: number;
}

export interface ExistsArgs<S extends SchemaDef, M extends ModelName<S>> {
  where?: WhereInput<S, M>;
}

/** Arguments of `findMany`, `findFirst` and `findFirstOrThrow`. */
export interface FindManyArgs<S extends SchemaDef, M extends ModelName<S>>
  extends FindManyBase<S, M>, ShapeArgs<S, M> {}
export interface FindUniqueArgs<S extends SchemaDef, M extends ModelName<S>>
  extends FindUniqueBase<S, M>, ShapeArgs<S, M> {}
export interface CreateArgs<S extends SchemaDef, M extends ModelName<S>>
  extends CreateBase<S, M>, ShapeArgs<S, M> {}
export interface CreateManyAndReturnArgs<S extends SchemaDef, M extends ModelName<S>>
  extends CreateManyArgs<S, M>, ShapeArgs<S, M> {}
export interface UpdateArgs<S extends SchemaDef, M extends ModelName<S>>
  extends UpdateBase<S, M>, ShapeArgs<S, M> {}
export interface UpdateManyAndReturnArgs<S extends SchemaDef, M extends ModelName<S>>
  extends UpdateManyArgs<S, M>, ShapeArgs<S, M> {}
export interface UpsertArgs<S extends SchemaDef, M extends ModelName<S>>
  extends UpsertBase<S, M>, ShapeArgs<S, M> {}
export interface DeleteArgs<S extends SchemaDef, M extends ModelName<S>>
  extends FindUniqueBase<S, M>, ShapeArgs<S, M> {}

/**
 * Arguments of the policy layer's `check`: could the current user possibly do `operation` on
 * some row matching `where`? `where` is a query's `where` (values and filters such as
 * `{ gt: 1 }`, `AND`/`OR`/`NOT`, to-one relations); filters the checker cannot reason about
 * (to-many relations, Json, lists) add no constraint. `field` asks about one field's own
 * `read` / `update` rules as well.
 *
 * @example
 * ```ts
 * await db.post.check({ operation: 'update', where: { views: { gt: 100 }, published: true } });
 * ```
 */
export interface CheckArgs<S extends SchemaDef, M extends ModelName<S>> {
  operation: 'create' | 'read' | 'update' | 'delete';
  where?: WhereInput<S, M>;
  field?: ScalarFieldName<S, M>;
}
