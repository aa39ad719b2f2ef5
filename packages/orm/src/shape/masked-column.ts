import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { col } from '../relation/join.js';

/** A column as read by the current client: `null` where the `fieldReadable` hook says no. */
export function readableColumn(
  ctx: QueryContext,
  model: ModelDef,
  field: FieldDef,
  alias: string,
): RawBuilder<unknown> {
  const c = col(alias, model, field.name);
  const hooks = ctx.hooks;
  if (!hooks?.fieldReadable) return c;
  const r = hooks.fieldReadable(model, field.name, alias, ctx);
  if (r === true) return c;
  if (r === false) return sql`null`;
  return sql`case when ${r} then ${c} end`;
}
