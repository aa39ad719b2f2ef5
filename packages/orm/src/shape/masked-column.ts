import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import type { FieldUse, QueryContext } from '../context.js';
import { col } from '../relation/join.js';

/**
 * A column as the current client reads it: `null` where the `fieldReadable` hook says no.
 * `use` `filter` for columns the caller's `where`, `orderBy`, `by`, `having`, `distinct`,
 * `cursor` or aggregates read, so they see what the caller would see.
 */
export function readableColumn(
  ctx: QueryContext,
  model: ModelDef,
  field: FieldDef,
  alias: string,
  use: FieldUse = 'select',
): RawBuilder<unknown> {
  const c = col(alias, model, field.name);
  const hooks = ctx.hooks;
  if (!hooks?.fieldReadable) return c;
  const r = hooks.fieldReadable(model, field.name, alias, ctx, use);
  if (r === true) return c;
  // Never readable. A filter gets a NULL of the column's own type, not the bare constant:
  // PostgreSQL refuses `order by null` ("non-integer constant in ORDER BY", GROUP BY alike)
  // and cannot type a parameter compared with an untyped NULL.
  if (r === false) return use === 'filter' ? sql`(case when 1 = 0 then ${c} end)` : sql`null`;
  return sql`case when ${r} then ${c} end`;
}

/** True when `field` may read as `null` in filters although it is required (a masked field). */
export function maskedInFilters(ctx: QueryContext, model: ModelDef, field: FieldDef): boolean {
  const hooks = ctx.hooks;
  return (
    !!hooks?.fieldReadable && hooks.fieldReadable(model, field.name, 't', ctx, 'filter') !== true
  );
}
