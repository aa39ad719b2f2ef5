import type { FieldDef, PolicyOperation, SchemaDef } from '@warden/schema';
import type { RawBuilder } from 'kysely';
import type { PolicyDialect, PolicyRow, PolicyUser } from '../types.js';
import type { AliasSource } from './relation-chain.js';
import type { TriCond } from './sql-cond.js';
import type { Delegation } from '../semantics/delegation.js';

/** A row an expression can read: a table alias in the query, or a constant object. */
export type RowRef =
  | { readonly kind: 'alias'; readonly alias: string; readonly model: string }
  | {
      readonly kind: 'const';
      readonly row: PolicyRow | null;
      readonly model: string;
      /** Set when the row is (part of) `auth()`: where it sits in the user object. */
      readonly authPath?: readonly string[];
    };

/**
 * Stands in for a value of the user object in the SQL (a plan-cache parameter) instead of
 * the value itself; `encode` turns the raw user value into what the driver binds.
 */
export type AuthParam = (path: readonly string[], encode: (value: unknown) => unknown) => unknown;

export interface CompileContext {
  readonly schema: SchemaDef;
  readonly dialect: PolicyDialect;
  readonly user: PolicyUser;
  /** The model whose rule is compiled (changes inside `check()`). */
  readonly model: string;
  readonly operation: PolicyOperation;
  readonly thisRef: RowRef;
  readonly futureRef: RowRef;
  /** What `field` nodes read: the rule's row or the current collection element. */
  readonly scope: RowRef;
  readonly aliases: AliasSource;
  /** The rules entered through `check()`; re-entering one is FALSE. */
  readonly delegation: Delegation;
  readonly authParam?: AuthParam | undefined;
  /**
   * Before an update: conditions on `future()` cannot be decided yet, so they count as both
   * TRUE and FALSE (never restricting); the post-update check decides them.
   */
  readonly preUpdate?: boolean;
}

/** A compiled expression that is not (only) a condition. */
export type Val =
  | {
      readonly kind: 'const';
      readonly value: unknown;
      readonly field?: FieldDef;
      readonly enumName?: string;
      /** Where the value sits in the user object, when it comes from `auth()`. */
      readonly authPath?: readonly string[];
    }
  | {
      readonly kind: 'sql';
      readonly sql: RawBuilder<unknown>;
      readonly nullable: boolean;
      readonly field?: FieldDef;
    }
  /** A row of `model` as a whole: compared by its ids; `ids` null when it surely is missing. */
  | {
      readonly kind: 'entity';
      readonly model: string;
      readonly ids: readonly Val[] | null;
      readonly isNull: TriCond;
    }
  /** To-many rows reached from a table alias. */
  | {
      readonly kind: 'rows';
      readonly alias: string;
      readonly model: string;
      readonly hops: readonly FieldDef[];
    }
  /**
   * To-many rows of constant data (from `auth()`); `rows` is null when the user object does
   * not give them (a missing member is UNKNOWN, never an empty list).
   */
  | {
      readonly kind: 'constRows';
      readonly model: string;
      readonly rows: readonly PolicyRow[] | null;
    }
  | { readonly kind: 'array'; readonly items: readonly Val[] }
  | { readonly kind: 'bool'; readonly tri: TriCond };
