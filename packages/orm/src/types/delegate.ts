import type { SchemaDef } from '@warden/schema';
import type {
  AggregateArgs,
  AggregateResult,
  CountArgs,
  CountResult,
  GroupByArgs,
  GroupByResult,
} from './aggregate.js';
import type {
  CheckArgs,
  CreateArgs,
  CreateManyAndReturnArgs,
  CreateManyArgs,
  DeleteArgs,
  DeleteManyArgs,
  ExistsArgs,
  FindManyArgs,
  FindUniqueArgs,
  UpdateArgs,
  UpdateManyAndReturnArgs,
  UpdateManyArgs,
  UpsertArgs,
} from './args.js';
import type { Exact } from './exact.js';
import type { ModelResult } from './result.js';
import type { ModelName } from './schema-access.js';

/** What `createMany`, `updateMany` and `deleteMany` return. */
export interface BatchResult {
  count: number;
}

/**
 * The operations on one model (`db.post`). Every method infers its argument so the result
 * follows `select` / `include` / `omit`; unknown keys anywhere in the argument are errors.
 *
 * `check` is answered by the policy layer (`enhance`) without touching the database; it is
 * always on the type so enhanced and plain clients share one shape.
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
  findMany<A extends FindManyArgs<S, M> = object>(
    args?: Exact<A, FindManyArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>[]>;
  findFirst<A extends FindManyArgs<S, M> = object>(
    args?: Exact<A, FindManyArgs<S, M>>,
  ): Promise<ModelResult<S, M, A> | null>;
  findFirstOrThrow<A extends FindManyArgs<S, M> = object>(
    args?: Exact<A, FindManyArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>>;
  findUnique<A extends FindUniqueArgs<S, M>>(
    args: Exact<A, FindUniqueArgs<S, M>>,
  ): Promise<ModelResult<S, M, A> | null>;
  findUniqueOrThrow<A extends FindUniqueArgs<S, M>>(
    args: Exact<A, FindUniqueArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>>;
  create<A extends CreateArgs<S, M>>(
    args: Exact<A, CreateArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>>;
  createMany(args: CreateManyArgs<S, M>): Promise<BatchResult>;
  createManyAndReturn<A extends CreateManyAndReturnArgs<S, M>>(
    args: Exact<A, CreateManyAndReturnArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>[]>;
  update<A extends UpdateArgs<S, M>>(
    args: Exact<A, UpdateArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>>;
  updateMany(args: UpdateManyArgs<S, M>): Promise<BatchResult>;
  updateManyAndReturn<A extends UpdateManyAndReturnArgs<S, M>>(
    args: Exact<A, UpdateManyAndReturnArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>[]>;
  upsert<A extends UpsertArgs<S, M>>(
    args: Exact<A, UpsertArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>>;
  delete<A extends DeleteArgs<S, M>>(
    args: Exact<A, DeleteArgs<S, M>>,
  ): Promise<ModelResult<S, M, A>>;
  deleteMany(args?: DeleteManyArgs<S, M>): Promise<BatchResult>;
  count<A extends CountArgs<S, M> = object>(
    args?: Exact<A, CountArgs<S, M>>,
  ): Promise<CountResult<A>>;
  aggregate<A extends AggregateArgs<S, M>>(
    args: Exact<A, AggregateArgs<S, M>>,
  ): Promise<AggregateResult<S, M, A>>;
  groupBy<A extends GroupByArgs<S, M>>(
    args: Exact<A, GroupByArgs<S, M>>,
  ): Promise<GroupByResult<S, M, A>[]>;
  /** Whether any row matches `where`. */
  exists(args?: ExistsArgs<S, M>): Promise<boolean>;
  /** Policy check (see `@warden/policy`): could the current user possibly do `operation`? */
  check(args: CheckArgs<S, M>): Promise<boolean>;
}
