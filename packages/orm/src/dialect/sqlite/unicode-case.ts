import type { Database } from './sqlite-types.js';

/** The SQL function our SQLite connections fold case with (see `registerUnicodeCase`). */
export const FOLD_FUNCTION = 'warden_lower';

/**
 * Registers `warden_lower(text)` on a better-sqlite3 connection: JavaScript's full Unicode
 * `toLowerCase`. SQLite's own `lower()` and `LIKE` fold ASCII letters only (without the ICU
 * extension), so `mode: 'insensitive'` would match `ecole` to `ECOLE` but not `école` to
 * `ÉCOLE`; PostgreSQL folds by its locale. Non-text values pass through unchanged.
 *
 * @example
 * ```ts
 * registerUnicodeCase(db);
 * db.prepare("select warden_lower('ÉCOLE') as v").get(); // { v: 'école' }
 * ```
 */
export function registerUnicodeCase(db: Database): void {
  db.function(FOLD_FUNCTION, { deterministic: true }, (v: unknown) =>
    typeof v === 'string' ? v.toLowerCase() : v,
  );
}
