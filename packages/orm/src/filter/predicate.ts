import { sql } from 'kysely';
import type { Expression, RawBuilder, SqlBool } from 'kysely';
import type { DialectHooks } from '../dialect/dialect-hooks.js';

/**
 * A filter while it is built: SQL, or a constant that folds away (`true` adds nothing to a
 * WHERE, `false` lets a read skip the database altogether).
 */
export type Pred = RawBuilder<boolean> | boolean;

/** AND of predicates with constant folding. */
export function andAll(preds: readonly Pred[]): Pred {
  const parts: RawBuilder<boolean>[] = [];
  for (const p of preds) {
    if (p === false) return false;
    if (p !== true) parts.push(p);
  }
  if (parts.length === 0) return true;
  if (parts.length === 1) return parts[0]!;
  return joinBalanced(parts, sql` and `);
}

/** OR of predicates with constant folding (an empty OR is false, as in Prisma). */
export function orAll(preds: readonly Pred[]): Pred {
  const parts: RawBuilder<boolean>[] = [];
  for (const p of preds) {
    if (p === true) return true;
    if (p !== false) parts.push(p);
  }
  if (parts.length === 0) return false;
  if (parts.length === 1) return parts[0]!;
  return joinBalanced(parts, sql` or `);
}

/** Terms per parenthesised group of a long AND / OR (see `joinBalanced`). */
const GROUP = 64;

/**
 * `(a op b op ...)`, grouped by GROUP terms per parenthesis when long. Databases parse
 * `a or b or c ...` as a chain as deep as it is long, and SQLite refuses expressions deeper than
 * 1000 ("Expression tree is too large"): grouped, 5,000 terms nest about 3 x 64 deep.
 */
function joinBalanced(parts: RawBuilder<boolean>[], op: RawBuilder<unknown>): RawBuilder<boolean> {
  if (parts.length <= GROUP) return sql<boolean>`(${sql.join(parts, op)})`;
  const groups: RawBuilder<boolean>[] = [];
  const size = Math.max(GROUP, Math.ceil(parts.length / GROUP));
  for (let i = 0; i < parts.length; i += size)
    groups.push(joinBalanced(parts.slice(i, i + size), op));
  return joinBalanced(groups, op);
}

export function not(p: Pred): Pred {
  return typeof p === 'boolean' ? !p : sql<boolean>`not (${p})`;
}

/** A hook result (`Expression` or constant) as a `Pred`. */
export function fromHook(e: Expression<SqlBool> | boolean): Pred {
  return typeof e === 'boolean' ? e : sql<boolean>`(${e})`;
}

/** A `Pred` as SQL (constants become the dialect's literals). */
export function predSql(d: DialectHooks, p: Pred): RawBuilder<boolean> {
  return p === true ? d.trueLiteral : p === false ? d.falseLiteral : p;
}

/** ` where <p>` or nothing. */
export function whereClause(d: DialectHooks, p: Pred): RawBuilder<unknown> {
  return p === true ? sql`` : sql` where ${predSql(d, p)}`;
}
