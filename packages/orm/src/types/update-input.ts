import type { FieldDef, SchemaDef } from '@warden/schema';
import type { ConnectOrCreateInput, CreateInput, CreateManyInput } from './create-input.js';
import type { FieldBaseInput, FieldInput } from './scalars.js';
import type {
  FieldsOf,
  ForeignKeysOf,
  ModelName,
  OppositeField,
  RelatedModel,
  RelationFieldName,
  ScalarFieldName,
} from './schema-access.js';
import type { WhereInput } from './where.js';
import type { WhereUniqueInput } from './where-unique.js';

/** `increment` & co. on `Int`, `Float`, `BigInt` and `Decimal` fields. */
export interface NumberUpdateOps<T, N> {
  set?: T | N;
  increment?: T;
  decrement?: T;
  multiply?: T;
  divide?: T;
}

/** `set` / `push` on scalar lists. */
export interface ListUpdateOps<T> {
  set?: T[];
  push?: T | T[];
}

/** What `data` accepts for scalar field `F` on update. */
export type ScalarUpdateValue<S extends SchemaDef, F extends FieldDef> = F['list'] extends true
  ? FieldBaseInput<S, F>[] | ListUpdateOps<FieldBaseInput<S, F>>
  : F['type'] extends 'Json'
    ? FieldInput<S, F>
    : F['type'] extends 'Int' | 'Float' | 'BigInt' | 'Decimal'
      ? | FieldInput<S, F>
        | NumberUpdateOps<FieldBaseInput<S, F>, F['optional'] extends true ? null : never>
      : FieldInput<S, F> | { set?: FieldInput<S, F> };

type WithoutKeys<S extends SchemaDef, M extends ModelName<S>, W extends string> =
  W | ForeignKeysOf<FieldsOf<S, M>[W & keyof FieldsOf<S, M>]>;

/** `data` of `updateMany`: scalar fields only. */
export type UpdateManyInput<
  S extends SchemaDef,
  M extends ModelName<S>,
  W extends string = never,
> = {
  [K in Exclude<ScalarFieldName<S, M>, WithoutKeys<S, M, W>>]?: ScalarUpdateValue<
    S,
    FieldsOf<S, M>[K]
  >;
};

/**
 * `data` of `update`: every field optional, number and list operations, nested writes; foreign
 * keys may be set directly or through the relation.
 *
 * @example
 * ```ts
 * const d: UpdateInput<typeof schema, 'Post'> = {
 *   score: { increment: 1 },
 *   tags: { connect: [{ id: 1 }], disconnect: { id: 2 } },
 * };
 * ```
 */
export type UpdateInput<
  S extends SchemaDef,
  M extends ModelName<S>,
  W extends string = never,
> = UpdateManyInput<S, M, W> & {
  [K in Exclude<RelationFieldName<S, M>, W>]?: RelationUpdateValue<S, M, K>;
};

export interface UpsertNestedInput<S extends SchemaDef, T extends ModelName<S>, W extends string> {
  where: WhereUniqueInput<S, T>;
  create: CreateInput<S, T, W>;
  update: UpdateInput<S, T, W>;
}

/** Nested writes on a to-many relation while updating. */
export interface ToManyUpdateNested<S extends SchemaDef, T extends ModelName<S>, W extends string> {
  create?: CreateInput<S, T, W> | CreateInput<S, T, W>[];
  connect?: WhereUniqueInput<S, T> | WhereUniqueInput<S, T>[];
  connectOrCreate?: ConnectOrCreateInput<S, T, W> | ConnectOrCreateInput<S, T, W>[];
  set?: WhereUniqueInput<S, T> | WhereUniqueInput<S, T>[];
  disconnect?: WhereUniqueInput<S, T> | WhereUniqueInput<S, T>[];
  delete?: WhereUniqueInput<S, T> | WhereUniqueInput<S, T>[];
  update?:
    | { where: WhereUniqueInput<S, T>; data: UpdateInput<S, T, W> }
    | { where: WhereUniqueInput<S, T>; data: UpdateInput<S, T, W> }[];
  updateMany?:
    | { where: WhereInput<S, T>; data: UpdateManyInput<S, T, W> }
    | { where: WhereInput<S, T>; data: UpdateManyInput<S, T, W> }[];
  upsert?: UpsertNestedInput<S, T, W> | UpsertNestedInput<S, T, W>[];
  deleteMany?: WhereInput<S, T> | WhereInput<S, T>[];
}

/** One-to-many relations also take `createMany`. */
export interface OneToManyUpdateNested<
  S extends SchemaDef,
  T extends ModelName<S>,
  W extends string,
> extends ToManyUpdateNested<S, T, W> {
  createMany?: {
    data: CreateManyInput<S, T, W> | CreateManyInput<S, T, W>[];
    skipDuplicates?: boolean;
  };
}

/** Nested writes on a required to-one relation while updating. */
export interface ToOneUpdateNested<S extends SchemaDef, T extends ModelName<S>, W extends string> {
  create?: CreateInput<S, T, W>;
  connect?: WhereUniqueInput<S, T>;
  connectOrCreate?: ConnectOrCreateInput<S, T, W>;
  update?: UpdateInput<S, T, W> | { where?: WhereInput<S, T>; data: UpdateInput<S, T, W> };
  upsert?: { where?: WhereInput<S, T>; create: CreateInput<S, T, W>; update: UpdateInput<S, T, W> };
}

/** An optional to-one relation may also be disconnected or deleted. */
export interface OptionalToOneUpdateNested<
  S extends SchemaDef,
  T extends ModelName<S>,
  W extends string,
> extends ToOneUpdateNested<S, T, W> {
  disconnect?: boolean | WhereInput<S, T>;
  delete?: boolean | WhereInput<S, T>;
}

type RelationUpdateValue<S extends SchemaDef, M extends ModelName<S>, K> = FieldsOf<S, M>[K &
  keyof FieldsOf<S, M>] extends infer F
  ? F extends { readonly list: true; readonly relation: { readonly kind: 'one-to-many' } }
    ? OneToManyUpdateNested<S, RelatedModel<S, M, K>, OppositeField<F>>
    : F extends { readonly list: true }
      ? ToManyUpdateNested<S, RelatedModel<S, M, K>, OppositeField<F>>
      : F extends { readonly optional: true }
        ? OptionalToOneUpdateNested<S, RelatedModel<S, M, K>, OppositeField<F>>
        : ToOneUpdateNested<S, RelatedModel<S, M, K>, OppositeField<F>>
  : never;
