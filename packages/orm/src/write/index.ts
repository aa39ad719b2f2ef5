import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { create, createMany, createManyAndReturn } from './create-ops.js';
import { del, deleteMany } from './delete-ops.js';
import { update, updateMany, updateManyAndReturn, upsert } from './update-ops.js';

/**
 * The write operations of a model delegate, registered by the core's dispatch next to the
 * reads: `db.post.create(args)` calls `writeOperations.create(ctx, Post, args)`.
 * How they work and where the policy layer hooks in: `packages/orm/WRITES.md`.
 */
export const writeOperations: Readonly<
  Record<string, (ctx: QueryContext, model: ModelDef, args: any) => Promise<unknown>>
> = {
  create,
  createMany,
  createManyAndReturn,
  update,
  updateMany,
  updateManyAndReturn,
  upsert,
  delete: del,
  deleteMany,
};
