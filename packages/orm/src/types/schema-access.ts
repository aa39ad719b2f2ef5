import type { FieldDef, SchemaDef } from '@warden/schema';

// Every type here is an indexed access or a small mapped type keyed on ONE model, so the
// compiler only computes what a call site touches (a 100-model schema stays cheap).

/** The names of the models of schema `S`. */
export type ModelName<S extends SchemaDef> = keyof S['models'] & string;

/** The field definitions of model `M`. */
export type FieldsOf<S extends SchemaDef, M extends ModelName<S>> = S['models'][M]['fields'];

/** Names of the fields the client exposes: `@ignore` and `Unsupported` fields are left out. */
export type FieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in keyof FieldsOf<S, M>]: FieldsOf<S, M>[K] extends { readonly ignored: true }
    ? never
    : FieldsOf<S, M>[K]['kind'] extends 'unsupported'
      ? never
      : K;
}[keyof FieldsOf<S, M>] &
  string;

/** Scalar and enum fields (no relations). */
export type ScalarFieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in FieldName<S, M>]: FieldsOf<S, M>[K]['kind'] extends 'relation' ? never : K;
}[FieldName<S, M>];

/** Relation fields. */
export type RelationFieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in FieldName<S, M>]: FieldsOf<S, M>[K]['kind'] extends 'relation' ? K : never;
}[FieldName<S, M>];

/** Relation fields that hold many rows (one-to-many and many-to-many sides). */
export type ToManyFieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in RelationFieldName<S, M>]: FieldsOf<S, M>[K]['list'] extends true ? K : never;
}[RelationFieldName<S, M>];

/** Scalar fields shown in a result by default: everything but `@omit` fields. */
export type DefaultFieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]: FieldsOf<S, M>[K] extends { readonly omit: true } ? never : K;
}[ScalarFieldName<S, M>];

/** The model a relation field points to. */
export type RelatedModel<S extends SchemaDef, M extends ModelName<S>, K> = K extends keyof FieldsOf<
  S,
  M
>
  ? FieldsOf<S, M>[K]['type'] & ModelName<S>
  : never;

/** The field on the related model that points back (`Post.author` for `User.posts`). */
export type OppositeField<F> = F extends { readonly relation: { readonly opposite: infer O } }
  ? O & string
  : never;

/** Foreign-key fields held by relation field `F` on its own model (owner side only). */
export type ForeignKeysOf<F> = F extends {
  readonly relation: { readonly fields: readonly (infer K)[] };
}
  ? K & string
  : never;

/** All foreign-key scalar fields of model `M`. */
export type ForeignKeyFieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]: FieldsOf<S, M>[K] extends {
    readonly foreignKeyOf: readonly [unknown, ...unknown[]];
  }
    ? K
    : never;
}[ScalarFieldName<S, M>];

/** True when field `F` is optional in the schema. */
export type IsOptional<F extends FieldDef> = F['optional'] extends true ? true : false;
