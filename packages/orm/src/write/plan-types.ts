import type { FieldDef, ModelDef } from '@warden/schema';
import type { ArgPath } from '../validate/invalid.js';
import type { RelationInfo } from './relation-info.js';

/**
 * Checked and encoded write plans. The whole `data` tree of a mutation is parsed into these
 * before any SQL runs, so every INVALID_INPUT (nested ones included) comes first.
 */

/** A `where` from the arguments, kept with its absolute path (errors and parameters use it). */
export interface WhereRef {
  readonly value: unknown;
  readonly path: ArgPath;
}

/** One row to insert. `values`: encoded column values by field name (null-prototype object). */
export interface CreatePlan {
  readonly model: ModelDef;
  readonly path: ArgPath;
  readonly values: Record<string, unknown>;
  /** The row's API values (input and defaults), for `beforeCreate` hooks. */
  readonly api: Readonly<Record<string, unknown>>;
  /** Owner-side to-one writes that produce this row's foreign keys (run before the insert). */
  readonly before: RelationOp[];
  /** Writes that need this row's keys (run after the insert). */
  readonly after: RelationOp[];
}

export type NumberOp = 'increment' | 'decrement' | 'multiply' | 'divide';

/** One `SET` item of an update; `value` is encoded for the driver. */
export interface SetItem {
  readonly field: FieldDef;
  readonly op: 'set' | NumberOp | 'push';
  readonly value: unknown;
  /**
   * Filled in by the ORM (`@updatedAt`), not written by the caller: update hooks are not told
   * about it as a written field.
   */
  readonly auto?: true;
}

export interface UpdatePlan {
  readonly model: ModelDef;
  readonly path: ArgPath;
  readonly sets: SetItem[];
  readonly before: RelationOp[];
  readonly after: RelationOp[];
}

/** One nested write; `path` is where its payload is in the arguments (`data.posts.connect`). */
export type RelationOp = { readonly path: ArgPath } & (
  | { readonly op: 'create'; readonly rel: RelationInfo; readonly plans: CreatePlan[] }
  | {
      readonly op: 'createMany';
      readonly rel: RelationInfo;
      readonly plans: CreatePlan[];
      readonly skipDuplicates: boolean;
    }
  | { readonly op: 'connect'; readonly rel: RelationInfo; readonly wheres: WhereRef[] }
  | {
      readonly op: 'connectOrCreate';
      readonly rel: RelationInfo;
      readonly items: { where: WhereRef; create: CreatePlan }[];
    }
  | {
      readonly op: 'disconnect';
      readonly rel: RelationInfo;
      readonly all: boolean;
      readonly wheres: WhereRef[];
    }
  | { readonly op: 'set'; readonly rel: RelationInfo; readonly wheres: WhereRef[] }
  | {
      readonly op: 'update';
      readonly rel: RelationInfo;
      readonly items: { where?: WhereRef; data: UpdatePlan }[];
    }
  | {
      readonly op: 'updateMany';
      readonly rel: RelationInfo;
      readonly items: { where?: WhereRef; data: UpdatePlan }[];
    }
  | {
      readonly op: 'upsert';
      readonly rel: RelationInfo;
      readonly items: { where?: WhereRef; create: CreatePlan; update: UpdatePlan }[];
    }
  | {
      readonly op: 'delete';
      readonly rel: RelationInfo;
      readonly all: boolean;
      readonly wheres: WhereRef[];
    }
  | { readonly op: 'deleteMany'; readonly rel: RelationInfo; readonly wheres: WhereRef[] }
);

export type RelationOpName = RelationOp['op'];

/** True when a plan (or anything under it) writes relations. */
export function hasNested(plan: CreatePlan | UpdatePlan): boolean {
  return plan.before.length > 0 || plan.after.length > 0;
}
