import type { ModelDef } from '@warden/schema';
import { WardenError, idKey } from '@warden/schema';
import type { QueryContext } from '../context.js';
import type { Decoder } from '../codec/decode.js';
import { fieldDecoder } from '../codec/decode.js';
import { BuildScope } from '../plan/build-scope.js';
import { shapeKey } from '../plan/shape-key.js';
import { readBack, readBackMany } from '../read/read-back.js';
import { resolveSelection } from '../shape/selection.js';
import type { ValidationSite } from '../validate/args.js';
import type { Row } from './statement.js';
import { rowKey } from './row-key.js';
import { isPlainObject } from '../validate/invalid.js';

/**
 * How a mutation's returned rows become its result. `direct`: the selection is only scalars
 * and no hooks are installed, so the RETURNING row is decoded as it is (no second query);
 * otherwise rows are read back through the core read path (include, `_count`, read policies).
 */
export interface Shaper {
  readonly direct: boolean;
  /** The selection is scalars only (no relations, no `_count`), whatever the hooks. */
  readonly scalarOnly: boolean;
  /** The selected scalar fields. */
  readonly selected: readonly string[];
  decode(row: Row): any;
}

/** The shaping arguments of a mutation (validated here, before any SQL). */
export interface ShapeArgs {
  readonly select?: unknown;
  readonly include?: unknown;
  readonly omit?: unknown;
}

export function shaperFor(
  ctx: QueryContext,
  model: ModelDef,
  a: ShapeArgs,
  site: ValidationSite,
): Shaper {
  const key = `w:shape|${model.name}|${ctx.hooks ? 'h' : ''}|${shapeKey({ select: a.select, include: a.include, omit: a.omit })}`;
  const hit = ctx.plans.get<Shaper>(key);
  if (hit) return hit;
  const sel = resolveSelection(new BuildScope(ctx, site), model, a as Record<string, unknown>, []);
  const fields = sel.scalars.map(
    (f) => [f.name, fieldDecoder(ctx.schema, ctx.provider, f, 'column')] as [string, Decoder],
  );
  const scalarOnly = sel.relations.length === 0 && sel.counts.length === 0;
  const shaper: Shaper = {
    direct: scalarOnly && ctx.hooks === undefined,
    scalarOnly,
    selected: fields.map(([name]) => name),
    decode(row) {
      const out: Record<string, unknown> = {};
      for (const [name, dec] of fields) out[name] = dec(row[name]);
      return out;
    },
  };
  ctx.plans.set(key, shaper);
  return shaper;
}

/** A unique `where` (API values) naming the row `row` by its identity (`idKey`). */
export function idWhere(ctx: QueryContext, model: ModelDef, row: Row): Record<string, unknown> {
  const ids = model.idFields;
  const value = (f: string): unknown =>
    fieldDecoder(ctx.schema, ctx.provider, model.fields[f]!, 'column')(row[f]);
  if (ids.length === 1) return { [ids[0]!]: value(ids[0]!) };
  const compound: Record<string, unknown> = {};
  for (const f of ids) compound[f] = value(f);
  return { [idKey(model)]: compound };
}

function cannotReadBack(model: ModelDef, operation: string): WardenError {
  return new WardenError(
    'REJECTED_BY_POLICY',
    `${model.name}.${operation}: the result cannot be read back`,
    {
      model: model.name,
      operation,
      reason: 'cannot-read-back',
    },
  );
}

/** The result of a one-row mutation: decoded directly, or read back through the read path. */
export async function shapeOne(
  ctx: QueryContext,
  model: ModelDef,
  row: Row,
  a: ShapeArgs,
  shaper: Shaper,
  reread: boolean,
  operation: string,
): Promise<any> {
  if (shaper.direct && !reread) return shaper.decode(row);
  const out = await readBack(ctx, model, idWhere(ctx, model, row), a);
  if (out === null && ctx.hooks) throw cannotReadBack(model, operation);
  return out;
}

/** Rows read back per query after a many-row mutation. */
const READ_BACK_CHUNK = 500;

/**
 * `a` (`select` / `include` / `omit`) with the id fields selected, to match rows read back to
 * the rows written, and which of them the caller did not ask for (to be taken out again).
 * Also used by the policy layer's read-backs.
 *
 * @example
 * withIdsSelected(post, { select: { title: true } })
 * // { args: { select: { title: true, id: true } }, added: ['id'] }
 */
export function withIdsSelected(
  model: ModelDef,
  a: ShapeArgs,
): { args: ShapeArgs; added: string[] } {
  const added: string[] = [];
  if (isPlainObject(a.select)) {
    const select = { ...(a.select as Record<string, unknown>) };
    for (const id of model.idFields) {
      if (!select[id]) {
        select[id] = true;
        added.push(id);
      }
    }
    return { args: { ...a, select }, added };
  }
  if (a.select === undefined && isPlainObject(a.omit)) {
    const omit = { ...(a.omit as Record<string, unknown>) };
    for (const id of model.idFields) {
      if (omit[id]) {
        delete omit[id];
        added.push(id);
      }
    }
    return { args: { ...a, omit }, added };
  }
  return { args: a, added };
}

/** The results of a many-row mutation, in the order of `rows`. */
export async function shapeMany(
  ctx: QueryContext,
  model: ModelDef,
  rows: Row[],
  a: ShapeArgs,
  shaper: Shaper,
): Promise<any[]> {
  if (shaper.direct) return rows.map((r) => shaper.decode(r));
  if (rows.length === 0) return [];
  const wheres = rows.map((r) => idWhere(ctx, model, r));
  const { args, added } = withIdsSelected(model, a);
  const found: Record<string, unknown>[] = [];
  // In chunks, and `in` for a single id: SQLite refuses an OR of more than 1000 terms.
  const single = model.idFields.length === 1 ? model.idFields[0]! : undefined;
  for (let i = 0; i < wheres.length; i += READ_BACK_CHUNK) {
    const chunk = wheres.slice(i, i + READ_BACK_CHUNK);
    const where = single ? { [single]: { in: chunk.map((w) => w[single]) } } : { OR: chunk };
    found.push(...(await readBackMany(ctx, model, where, args)));
  }
  if (found.length !== rows.length && ctx.hooks) throw cannotReadBack(model, 'mutation');
  // Match read-back rows to the written ones by id, so results keep the written order.
  const ids = model.idFields;
  const byKey = new Map(found.map((r) => [rowKey(model, r), r]));
  return wheres.map((w) => {
    const v = ids.length === 1 ? w : (Object.values(w)[0] as Record<string, unknown>);
    const r = byKey.get(rowKey(model, v));
    if (!r || added.length === 0) return r;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(r)) if (!added.includes(k)) out[k] = r[k];
    return out;
  });
}
