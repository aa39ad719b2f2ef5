import type { Decimal } from 'decimal.js';
import type { SchemaDef } from '@warden/schema';
import type { NumberFilter } from './filters.js';
import type { OrderByArg, SortOrder, SortOrderInput } from './order-by.js';
import type { FieldBaseOutput, FieldOutput } from './scalars.js';
import type { FieldsOf, ModelName, ScalarFieldName } from './schema-access.js';
import type { TruthyKeys } from './result.js';
import type { ScalarWhere, WhereInput } from './where.js';
import type { WhereUniqueInput } from './where-unique.js';

/** Fields `_sum` and `_avg` apply to. */
export type NumericFieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]: FieldsOf<S, M>[K] extends {
    readonly list: false;
    readonly type: 'Int' | 'Float' | 'BigInt' | 'Decimal';
  }
    ? K
    : never;
}[ScalarFieldName<S, M>];

/** Fields `_min` and `_max` apply to (ordered, non-list types). */
export type ComparableFieldName<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]: FieldsOf<S, M>[K] extends { readonly list: true }
    ? never
    : FieldsOf<S, M>[K]['type'] extends 'Json' | 'Bytes'
      ? never
      : K;
}[ScalarFieldName<S, M>];

type AggregateKey = '_count' | '_sum' | '_avg' | '_min' | '_max';

/** The aggregate selections: `_count: true` or per field, `_sum: { score: true }`, ... */
export interface AggregateSelections<S extends SchemaDef, M extends ModelName<S>> {
  _count?: true | ({ _all?: true } & { [K in ScalarFieldName<S, M>]?: true });
  _sum?: { [K in NumericFieldName<S, M>]?: true };
  _avg?: { [K in NumericFieldName<S, M>]?: true };
  _min?: { [K in ComparableFieldName<S, M>]?: true };
  _max?: { [K in ComparableFieldName<S, M>]?: true };
}

/** `count`'s `select`: `true` for `{ _all }`, or count non-null values per field. */
export type CountSelect<S extends SchemaDef, M extends ModelName<S>> =
  true | ({ _all?: true } & { [K in ScalarFieldName<S, M>]?: true });

/** `count`'s arguments other than `select`. */
export interface CountBase<S extends SchemaDef, M extends ModelName<S>> {
  where?: WhereInput<S, M>;
  orderBy?: OrderByArg<S, M>;
  cursor?: WhereUniqueInput<S, M>;
  take?: number;
  skip?: number;
  distinct?: ScalarFieldName<S, M> | ScalarFieldName<S, M>[];
}

export interface CountArgs<S extends SchemaDef, M extends ModelName<S>> extends CountBase<S, M> {
  select?: CountSelect<S, M>;
}

/** `aggregate`'s arguments other than the aggregate selections. */
export interface AggregateBase<S extends SchemaDef, M extends ModelName<S>> {
  where?: WhereInput<S, M>;
  orderBy?: OrderByArg<S, M>;
  cursor?: WhereUniqueInput<S, M>;
  take?: number;
  skip?: number;
}

export interface AggregateArgs<S extends SchemaDef, M extends ModelName<S>>
  extends AggregateBase<S, M>, AggregateSelections<S, M> {}

/** The aggregate selections as the methods infer them, one type parameter each. */
export interface InferredAggregates<C, Su, Av, Mi, Ma> {
  _count?: C;
  _sum?: Su;
  _avg?: Av;
  _min?: Mi;
  _max?: Ma;
}

type AggregateFilter = NumberFilter<number, null> & Record<string, unknown>;

/** `having` of `groupBy`: field filters, or filters on an aggregate of the field. */
export type HavingInput<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]?:
    ScalarWhere<S, FieldsOf<S, M>[K]> | { [A in AggregateKey]?: AggregateFilter | number };
} & {
  AND?: HavingInput<S, M> | HavingInput<S, M>[];
  OR?: HavingInput<S, M>[];
  NOT?: HavingInput<S, M> | HavingInput<S, M>[];
};

/** `orderBy` of `groupBy`: grouped fields or aggregates. */
export type GroupByOrderBy<S extends SchemaDef, M extends ModelName<S>> = {
  [K in ScalarFieldName<S, M>]?: SortOrder | SortOrderInput;
} & { [A in AggregateKey]?: { [K in ScalarFieldName<S, M>]?: SortOrder } };

/** `groupBy`'s arguments other than `by` and the aggregate selections. */
export interface GroupByBase<S extends SchemaDef, M extends ModelName<S>> {
  where?: WhereInput<S, M>;
  orderBy?: GroupByOrderBy<S, M> | GroupByOrderBy<S, M>[];
  having?: HavingInput<S, M>;
  take?: number;
  skip?: number;
}

/** What `groupBy` groups by: one scalar field or several. */
export type GroupByFields<S extends SchemaDef, M extends ModelName<S>> =
  ScalarFieldName<S, M> | readonly ScalarFieldName<S, M>[];

export interface GroupByArgs<S extends SchemaDef, M extends ModelName<S>>
  extends GroupByBase<S, M>, AggregateSelections<S, M> {
  by: GroupByFields<S, M>;
}

/** `count()` is a number; `count({ select })` one number per selected key. */
export type CountResult<A> = A extends { select: infer Sel }
  ? Sel extends object
    ? { [K in TruthyKeys<Sel>]: number }
    : number
  : number;

type AggregateValue<S extends SchemaDef, M extends ModelName<S>, K, V> = K extends '_count'
  ? V extends true
    ? number
    : { [F in TruthyKeys<V>]: number }
  : K extends '_avg'
    ? {
        [F in TruthyKeys<V> & keyof FieldsOf<S, M>]: FieldsOf<S, M>[F]['type'] extends 'Decimal'
          ? Decimal | null
          : number | null;
      }
    : { [F in TruthyKeys<V> & keyof FieldsOf<S, M>]: FieldBaseOutput<S, FieldsOf<S, M>[F]> | null };

/** The result of `aggregate(A)`: one entry per requested aggregate. */
export type AggregateResult<S extends SchemaDef, M extends ModelName<S>, A> = {
  [K in keyof A & AggregateKey as A[K] extends undefined ? never : K]: AggregateValue<
    S,
    M,
    K,
    A[K]
  >;
};

type ByKeys<A> = A extends { by: infer B } ? (B extends readonly (infer E)[] ? E : B) : never;

/** One group of `groupBy(A)`: the `by` fields and the requested aggregates. */
export type GroupByResult<S extends SchemaDef, M extends ModelName<S>, A> = {
  [
    K in (ByKeys<A> & ScalarFieldName<S, M>) | (keyof A & AggregateKey) as K extends keyof A
      ? A[K] extends undefined
        ? never
        : K
      : K
  ]: K extends AggregateKey
    ? AggregateValue<S, M, K, A[K & keyof A]>
    : FieldOutput<S, FieldsOf<S, M>[K & keyof FieldsOf<S, M>]>;
};
