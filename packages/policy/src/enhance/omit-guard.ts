import type { FieldUse } from '@warden/orm';
import type { ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';

/**
 * `INVALID_INPUT` when the caller's arguments reach an `@omit` field on an enhanced client:
 * selecting it (`select: { f: true }`, `omit: { f: false }`, at any depth) or filtering,
 * ordering, grouping, `distinct` or aggregating by it. The plain client keeps Prisma's
 * per-query override; an enhanced client (and so the HTTP API) never returns the field and
 * never lets a filter probe it (see POLICY.md, "@omit on an enhanced client").
 *
 * Called from the `fieldReadable` hook, which the ORM asks for every field the arguments
 * select or compare while it builds a statement plan; plans are cached by argument shape, so
 * the check runs once per shape, not per call.
 */
export function refuseOmitted(model: ModelDef, field: string, use: FieldUse): void {
  if (model.fields[field]?.omit !== true) return;
  const how =
    use === 'select'
      ? 'cannot be selected (select: { f: true } / omit: { f: false })'
      : 'cannot be used to filter, order, group, distinct or aggregate by';
  throw new WardenError(
    'INVALID_INPUT',
    `${model.name}.${field} is @omit: on an enhanced client it ${how}; ` +
      'read it with the plain server-side client where that is intended',
    { model: model.name, fields: [field] },
  );
}
