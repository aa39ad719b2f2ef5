import type { SchemaDef } from '@warden/schema';
import type {
  AggregateBase,
  AggregateResult,
  AggregateSelections,
  CountBase,
  CountResult,
  CountSelect,
  GroupByBase,
  GroupByFields,
  GroupByResult,
  InferredAggregates,
} from './aggregate.js';
import type {
  CheckArgs,
  CreateBase,
  CreateManyArgs,
  DeleteManyArgs,
  ExistsArgs,
  FindManyBase,
  FindUniqueBase,
  InferredShape,
  UpdateBase,
  UpdateManyArgs,
  UpsertBase,
} from './args.js';
import type { AggregatesCheck, CountCheck, ShapeCheck } from './shape-check.js';
import type { ModelResult } from './result.js';
import type { ModelName } from './schema-access.js';
import type { IncludeInput, OmitInput, SelectInput } from './select.js';

/** What `createMany`, `updateMany` and `deleteMany` return. */
export interface BatchResult {
  count: number;
}

type Shape<Sel, Inc, Om> = { select: Sel; include: Inc; omit: Om };

type Aggregates<C, Su, Av, Mi, Ma> = { _count: C; _sum: Su; _avg: Av; _min: Mi; _max: Ma };

// Every shaping method has the same three type parameters; the aliases keep signatures short.
type Sel_<S extends SchemaDef, M extends ModelName<S>> = SelectInput<S, M> | undefined;
type Inc_<S extends SchemaDef, M extends ModelName<S>> = IncludeInput<S, M> | undefined;
type Om_<S extends SchemaDef, M extends ModelName<S>> = OmitInput<S, M> | undefined;
type Agg_<
  S extends SchemaDef,
  M extends ModelName<S>,
  K extends keyof AggregateSelections<S, M>,
> = AggregateSelections<S, M>[K];

/**
 * The operations on one model (`db.post`). `select` / `include` / `omit` are inferred so the
 * result follows them; the other arguments are plain types, checked like any object literal.
 *
 * `check` is answered by the policy layer (`enhance`) without touching the database; it is on
 * every delegate so enhanced and plain clients share one type.
 *
 * @example
 * ```ts
 * const posts = await db.post.findMany({
 *   where: { published: true },
 *   include: { author: { select: { email: true } } },
 * });
 * posts[0]?.author.email; // string
 * ```
 */
export interface ModelDelegate<S extends SchemaDef, M extends ModelName<S>> {
  findMany<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args?: NoInfer<FindManyBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>[]>;
  findFirst<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args?: NoInfer<FindManyBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>> | null>;
  findFirstOrThrow<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args?: NoInfer<FindManyBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>>;
  findUnique<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<FindUniqueBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>> | null>;
  findUniqueOrThrow<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<FindUniqueBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>>;
  create<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<CreateBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>>;
  createMany(args: CreateManyArgs<S, M>): Promise<BatchResult>;
  createManyAndReturn<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<CreateManyArgs<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>[]>;
  update<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<UpdateBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>>;
  updateMany(args: UpdateManyArgs<S, M>): Promise<BatchResult>;
  updateManyAndReturn<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<UpdateManyArgs<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>[]>;
  upsert<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<UpsertBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>>;
  delete<
    Sel extends Sel_<S, M> = undefined,
    Inc extends Inc_<S, M> = undefined,
    Om extends Om_<S, M> = undefined,
  >(
    this: ShapeCheck<S, M, Sel, Inc, Om>,
    args: NoInfer<FindUniqueBase<S, M>> & InferredShape<Sel, Inc, Om>,
  ): Promise<ModelResult<S, M, Shape<Sel, Inc, Om>>>;
  deleteMany(args?: DeleteManyArgs<S, M>): Promise<BatchResult>;
  count<Sel extends CountSelect<S, M> | undefined = undefined>(
    this: CountCheck<S, M, Sel>,
    args?: NoInfer<CountBase<S, M>> & { select?: Sel },
  ): Promise<CountResult<{ select: Sel }>>;
  aggregate<
    C extends Agg_<S, M, '_count'> = undefined,
    Su extends Agg_<S, M, '_sum'> = undefined,
    Av extends Agg_<S, M, '_avg'> = undefined,
    Mi extends Agg_<S, M, '_min'> = undefined,
    Ma extends Agg_<S, M, '_max'> = undefined,
  >(
    this: AggregatesCheck<S, M, C, Su, Av, Mi, Ma>,
    args: NoInfer<AggregateBase<S, M>> & InferredAggregates<C, Su, Av, Mi, Ma>,
  ): Promise<AggregateResult<S, M, Aggregates<C, Su, Av, Mi, Ma>>>;
  groupBy<
    By extends GroupByFields<S, M>,
    C extends Agg_<S, M, '_count'> = undefined,
    Su extends Agg_<S, M, '_sum'> = undefined,
    Av extends Agg_<S, M, '_avg'> = undefined,
    Mi extends Agg_<S, M, '_min'> = undefined,
    Ma extends Agg_<S, M, '_max'> = undefined,
  >(
    this: AggregatesCheck<S, M, C, Su, Av, Mi, Ma>,
    args: NoInfer<GroupByBase<S, M>> & { by: By } & InferredAggregates<C, Su, Av, Mi, Ma>,
  ): Promise<GroupByResult<S, M, { by: By } & Aggregates<C, Su, Av, Mi, Ma>>[]>;
  /** Whether any row matches `where`. */
  exists(args?: ExistsArgs<S, M>): Promise<boolean>;
  /**
   * For each id this client may read, whether it may read, update and delete that row; one
   * statement with the same row filters the operations use. Unreadable or missing ids are absent.
   */
  permissions(args: {
    ids: readonly (string | number | bigint)[];
    operations?: readonly ('read' | 'update' | 'delete')[];
  }): Promise<Record<string, { read?: boolean; update?: boolean; delete?: boolean }>>;
  /** Policy check (see `@warden/policy`): could the current user possibly do `operation`? */
  check(args: CheckArgs<S, M>): Promise<boolean>;
}
