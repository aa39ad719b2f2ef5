import type { PolicyOperation } from '@warden/schema';

export type Operation = PolicyOperation;

/** What to check: an operation, optionally on rows matching `where`, optionally one field. */
export interface CheckArgs {
  readonly operation: Operation;
  /** Constraints on the row's fields, as in a query's `where`. */
  readonly where?: Record<string, unknown>;
  /** Field-level check (`read` / `update` only): the model rule and the field's own rules. */
  readonly field?: string;
  /** Return a `CheckExplanation` instead of a boolean. */
  readonly explain?: boolean;
}

export interface CheckExplanation {
  readonly allowed: boolean;
  /** When allowed: field values (nested for relations) under which the rules permit it. */
  readonly witness?: Record<string, unknown>;
  /**
   * When denied: source text of the allow rules that cannot be TRUE here and of the deny rules
   * that block the rest.
   */
  readonly deniedBy?: readonly string[];
}

export interface CheckerOptions {
  /** Cached answers kept (least recently used dropped first); default 1000, 0 disables. */
  readonly cacheSize?: number;
}

/**
 * "Could this user do this?" without touching the database: satisfiability of the policy
 * rules with `auth()` folded in. A UI hint only; the policy layer still enforces every query.
 */
export interface PermissionChecker {
  check(
    model: string,
    user: Record<string, unknown> | null | undefined,
    args: CheckArgs & { readonly explain: true },
  ): CheckExplanation;
  check(
    model: string,
    user: Record<string, unknown> | null | undefined,
    args: CheckArgs & { readonly explain?: false },
  ): boolean;
  check(
    model: string,
    user: Record<string, unknown> | null | undefined,
    args: CheckArgs,
  ): boolean | CheckExplanation;
  /** Every (model, operation) pair at once, e.g. for a navigation menu. */
  checkAll(
    user: Record<string, unknown> | null | undefined,
    options?: { readonly models?: readonly string[]; readonly operations?: readonly Operation[] },
  ): Record<string, Record<Operation, boolean>>;
}
