import type { ModelDef } from '@warden/schema';
import type { QueryContext } from './context.js';
import { aggregate } from './read/aggregate.js';
import { count } from './read/count.js';
import { exists } from './read/exists.js';
import { findFirst, findFirstOrThrow, findMany } from './read/find-many.js';
import { findUnique, findUniqueOrThrow } from './read/find-unique.js';
import { groupBy } from './read/group-by.js';
import { permissions } from './read/permissions.js';
import { writeOperations } from './write/index.js';
import { checkArgumentDepth } from './validate/limits.js';
import { hashWriteArgs, writesMayHashPasswords } from './password/hash-write-args.js';

/** An operation of a model delegate: `db.post.findMany(args)` calls `findMany(ctx, Post, args)`. */
export type Operation = (ctx: QueryContext, model: ModelDef, args: any) => unknown;

export const readOperations: Readonly<Record<string, Operation>> = {
  findMany,
  findFirst,
  findFirstOrThrow,
  findUnique,
  findUniqueOrThrow,
  count,
  aggregate,
  groupBy,
  exists,
  permissions,
};

/**
 * A write whose arguments are checked for depth first (reads are, while their shape key is
 * made): the write builders recurse through nested writes and values.
 */
function depthChecked(name: string, op: Operation): Operation {
  return (ctx, model, args) => {
    checkArgumentDepth(args, { model: model.name, operation: name });
    // `@password` values are hashed before anything else sees them (async scrypt).
    if (writesMayHashPasswords(ctx.schema, model)) {
      return hashWriteArgs(ctx.schema, model, name, args).then((a) => op(ctx, model, a));
    }
    return op(ctx, model, args);
  };
}

/** Every operation a delegate has. The writes module adds its own here. */
export const operations: Readonly<Record<string, Operation>> = {
  ...readOperations,
  ...Object.fromEntries(
    Object.entries(writeOperations).map(([name, op]) => [name, depthChecked(name, op)]),
  ),
};
