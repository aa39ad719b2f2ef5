import type { PolicyOperation } from '@warden/schema';

/** The dialects the policy compiler emits SQL for. */
export type PolicyDialect = 'sqlite' | 'postgresql';

/**
 * The current user as given to `enhance(db, { user })`: an object shaped like the auth model
 * (only the members the rules read need to be present), or `null`/`undefined` when anonymous.
 */
export type PolicyUser = Readonly<Record<string, unknown>> | null | undefined;

/** A row keyed by field name (not column name), with values in their JavaScript form. */
export type PolicyRow = Readonly<Record<string, unknown>>;

export type { PolicyOperation };

/** Three-valued truth: `null` is UNKNOWN. */
export type Tri = boolean | null;
