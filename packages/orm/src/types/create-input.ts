import type { FieldDef, SchemaDef } from '@warden/schema';
import type { FieldBaseInput, FieldInput } from './scalars.js';
import type {
  FieldsOf,
  ForeignKeyFieldName,
  ForeignKeysOf,
  ModelName,
  OppositeField,
  RelatedModel,
  RelationFieldName,
  ScalarFieldName,
} from './schema-access.js';
import type { WhereUniqueInput } from './where-unique.js';

// `W` ("without") is the back-relation when the input is nested under it: creating a Post
// under `user.posts` must not ask for `author` / `authorId`, the parent provides them.

/** What `data` accepts for scalar field `F` on create. */
export type ScalarCreateValue<S extends SchemaDef, F extends FieldDef> = F['list'] extends true
  ? FieldBaseInput<S, F>[] | { set: FieldBaseInput<S, F>[] }
  : FieldInput<S, F>;

/** Required on create: not optional, not a list, no `@default`, not `@updatedAt`. */
type RequiredOnCreate<F extends FieldDef> = F['optional'] extends true
  ? false
  : F['list'] extends true
    ? false
    : F extends { readonly default: object }
      ? false
      : F extends { readonly updatedAt: true }
        ? false
        : true;

type RequiredScalarName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]: RequiredOnCreate<FieldsOf<S, M>[K]> extends true ? K : never;
}[ScalarFieldName<S, M>];

/** Relation fields that hold the foreign key (the owner side of a to-one relation). */
type OwnerRelationName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in RelationFieldName<S, M>]: FieldsOf<S, M>[K] extends {
    readonly relation: { readonly fields: readonly [unknown, ...unknown[]] };
  }
    ? K
    : never;
}[RelationFieldName<S, M>];

type RequiredOwnerName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in OwnerRelationName<S, M>]: FieldsOf<S, M>[K]['optional'] extends true ? never : K;
}[OwnerRelationName<S, M>];

type WithoutKeys<S extends SchemaDef, M extends ModelName<S>, W extends string> =
  W | ForeignKeysOf<FieldsOf<S, M>[W & keyof FieldsOf<S, M>]>;

type ScalarsCreate<S extends SchemaDef, M extends ModelName<S>, Keys extends string> = {
  [K in Keys & RequiredScalarName<S, M>]: ScalarCreateValue<S, FieldsOf<S, M>[K]>;
} & {
  [K in Exclude<Keys, RequiredScalarName<S, M>>]?: ScalarCreateValue<S, FieldsOf<S, M>[K]>;
};

type RelationsCreate<S extends SchemaDef, M extends ModelName<S>, Keys extends string> = {
  [K in Keys & RequiredOwnerName<S, M>]: RelationCreateValue<S, M, K>;
} & {
  [K in Exclude<Keys, RequiredOwnerName<S, M>>]?: RelationCreateValue<S, M, K>;
};

/** Prisma's "checked" create: relations through nested writes, no foreign-key fields. */
export type CheckedCreateInput<
  S extends SchemaDef,
  M extends ModelName<S>,
  W extends string = never,
> = ScalarsCreate<
  S,
  M,
  Exclude<ScalarFieldName<S, M>, ForeignKeyFieldName<S, M> | WithoutKeys<S, M, W>>
> &
  RelationsCreate<S, M, Exclude<RelationFieldName<S, M>, W>>;

/** Prisma's "unchecked" create: foreign-key fields set directly, owner relations left out. */
export type UncheckedCreateInput<
  S extends SchemaDef,
  M extends ModelName<S>,
  W extends string = never,
> = ScalarsCreate<S, M, Exclude<ScalarFieldName<S, M>, WithoutKeys<S, M, W>>> &
  RelationsCreate<S, M, Exclude<RelationFieldName<S, M>, W | OwnerRelationName<S, M>>>;

/**
 * `data` of `create`: either form is accepted.
 *
 * @example
 * ```ts
 * const a: CreateInput<typeof schema, 'Post'> = { title: 'Hi', score: 1, author: { connect: { id: 'u1' } } };
 * const b: CreateInput<typeof schema, 'Post'> = { title: 'Hi', score: 1, authorId: 'u1' };
 * ```
 */
export type CreateInput<S extends SchemaDef, M extends ModelName<S>, W extends string = never> =
  CheckedCreateInput<S, M, W> | UncheckedCreateInput<S, M, W>;

/** `data` of `createMany`: scalar fields only, foreign keys set directly. */
export type CreateManyInput<
  S extends SchemaDef,
  M extends ModelName<S>,
  W extends string = never,
> = ScalarsCreate<S, M, Exclude<ScalarFieldName<S, M>, WithoutKeys<S, M, W>>>;

/** `connectOrCreate`: connect the row matching `where`, or create it. */
export interface ConnectOrCreateInput<
  S extends SchemaDef,
  T extends ModelName<S>,
  W extends string,
> {
  where: WhereUniqueInput<S, T>;
  create: CreateInput<S, T, W>;
}

/** Nested writes allowed on a to-one relation while creating. */
export interface ToOneCreateNested<S extends SchemaDef, T extends ModelName<S>, W extends string> {
  create?: CreateInput<S, T, W>;
  connect?: WhereUniqueInput<S, T>;
  connectOrCreate?: ConnectOrCreateInput<S, T, W>;
}

/** Nested writes allowed on a to-many relation while creating. */
export interface ToManyCreateNested<S extends SchemaDef, T extends ModelName<S>, W extends string> {
  create?: CreateInput<S, T, W> | CreateInput<S, T, W>[];
  connect?: WhereUniqueInput<S, T> | WhereUniqueInput<S, T>[];
  connectOrCreate?: ConnectOrCreateInput<S, T, W> | ConnectOrCreateInput<S, T, W>[];
}

/** One-to-many relations also take `createMany` (not many-to-many, as in Prisma). */
export interface OneToManyCreateNested<
  S extends SchemaDef,
  T extends ModelName<S>,
  W extends string,
> extends ToManyCreateNested<S, T, W> {
  createMany?: {
    data: CreateManyInput<S, T, W> | CreateManyInput<S, T, W>[];
    skipDuplicates?: boolean;
  };
}

type RelationCreateValue<S extends SchemaDef, M extends ModelName<S>, K> = FieldsOf<S, M>[K &
  keyof FieldsOf<S, M>] extends infer F
  ? F extends { readonly list: true; readonly relation: { readonly kind: 'one-to-many' } }
    ? OneToManyCreateNested<S, RelatedModel<S, M, K>, OppositeField<F>>
    : F extends { readonly list: true }
      ? ToManyCreateNested<S, RelatedModel<S, M, K>, OppositeField<F>>
      : ToOneCreateNested<S, RelatedModel<S, M, K>, OppositeField<F>>
  : never;
