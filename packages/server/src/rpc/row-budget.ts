import type { ModelDef, SchemaDef } from '@warden/schema';
import type { RpcLimits } from './limits.js';
import { RequestError } from './request-error.js';

/** Operations whose answer is a list of rows, so the top level has a `take` of its own. */
const LIST_OPERATIONS = new Set(['findMany']);
/** Operations that answer rows at all (one, or a list), through `include` / `select`. */
const ROW_OPERATIONS = new Set([
  'findMany',
  'findFirst',
  'findFirstOrThrow',
  'findUnique',
  'findUniqueOrThrow',
  'create',
  'update',
  'upsert',
  'delete',
  'createManyAndReturn',
  'updateManyAndReturn',
]);

/** Where the row budget looks in an answer: each relation read and whether it is a list. */
interface RelationRead {
  readonly key: string;
  readonly list: boolean;
  readonly reads: readonly RelationRead[];
}

/** What `boundRows` decided for one operation, to check its answer against. */
export interface RowPlan {
  readonly label: string;
  readonly topIsList: boolean;
  readonly reads: readonly RelationRead[];
}

/**
 * Bounds the rows one operation may answer, before it runs: a to-many relation read without
 * `take` gets `take: maxRowsPerRelation + 1` (the extra row tells "more than the limit" from
 * "exactly the limit"), an explicit one may not pass `maxRowsPerRelation`, a `findMany` without
 * `take` gets `take: maxRows + 1`, and the most rows the query could read (the product of the
 * takes along every relation path) may not pass `maxRowsRead`. Returns the arguments to run
 * and the plan `checkRows` needs; `args` itself is not changed.
 */
export function boundRows(
  schema: SchemaDef,
  model: string,
  operation: string,
  args: unknown,
  limits: RpcLimits,
): { args: unknown; plan: RowPlan | undefined } {
  if (!ROW_OPERATIONS.has(operation)) return { args, plan: undefined };
  const label = `${model}.${operation}`;
  const modelDef = schema.models[model]!;
  const input = isObject(args) ? args : {};
  const out: Record<string, unknown> = { ...input };
  let top = 1;
  if (LIST_OPERATIONS.has(operation)) {
    // A take that is not a number is the ORM's to refuse, with its own message.
    const take = input.take;
    if (typeof take === 'number') top = Math.abs(take);
    else if (take === undefined) out.take = top = limits.maxRows + 1;
  } else if (operation.endsWith('ManyAndReturn')) {
    top = limits.maxRows;
  }
  const budget = { read: top, label, limits };
  const reads = boundReads(schema, modelDef, input, out, '', top, budget);
  return {
    args: args === undefined && out.take === undefined ? args : out,
    plan: { label, topIsList: LIST_OPERATIONS.has(operation), reads },
  };
}

interface Budget {
  read: number;
  readonly label: string;
  readonly limits: RpcLimits;
}

/** Rewrites `include` / `select` of `input` into `out`, bounding each to-many read. */
function boundReads(
  schema: SchemaDef,
  model: ModelDef,
  input: Record<string, unknown>,
  out: Record<string, unknown>,
  path: string,
  parents: number,
  budget: Budget,
): RelationRead[] {
  const reads: RelationRead[] = [];
  for (const clause of ['include', 'select'] as const) {
    const spec = input[clause];
    if (!isObject(spec)) continue;
    const bounded: Record<string, unknown> = { ...spec };
    for (const [key, value] of Object.entries(spec)) {
      const field = Object.hasOwn(model.fields, key) ? model.fields[key] : undefined;
      // Only `true` and objects read a relation; anything else is the ORM's to refuse.
      if (field?.kind !== 'relation' || (value !== true && !isObject(value))) continue;
      const target = schema.models[field.type];
      if (!target) continue;
      const at = `${path}${clause}.${key}`;
      const nested: Record<string, unknown> = isObject(value) ? { ...value } : {};
      let each = 1;
      if (field.list) {
        const take = nested.take;
        const limit = budget.limits.maxRowsPerRelation;
        if (typeof take === 'number') {
          if (Math.abs(take) > limit) {
            throw limitExceeded(
              `${budget.label}: ${at}.take is ${take}; at most ${limit} rows of one relation may be read per parent row (maxRowsPerRelation)`,
              `${at}.take`,
            );
          }
          each = Math.abs(take);
        } else if (take === undefined) {
          nested.take = each = limit + 1;
        }
      }
      const rows = parents * each;
      budget.read += rows;
      if (budget.read > budget.limits.maxRowsRead) {
        throw limitExceeded(
          `${budget.label}: ${at} could read up to ${rows} rows (${parents} parent rows x ${each}); one request may read at most ${budget.limits.maxRowsRead} rows (maxRowsRead). Give smaller takes, or page with skip / cursor`,
          at,
        );
      }
      const inner = isObject(value)
        ? boundReads(schema, target, value, nested, `${at}.`, rows, budget)
        : [];
      if (field.list || isObject(value)) bounded[key] = nested;
      reads.push({ key, list: field.list, reads: inner });
    }
    out[clause] = bounded;
  }
  return reads;
}

/**
 * Counts the rows of an answer against `maxRows` and each to-many relation against
 * `maxRowsPerRelation`, and refuses the whole answer (nothing is truncated) when one is over.
 * `counted` carries the count across the steps of one `$transaction`.
 */
export function checkRows(
  result: unknown,
  plan: RowPlan | undefined,
  limits: RpcLimits,
  counted = { rows: 0 },
): void {
  if (!plan) return;
  const rows = plan.topIsList && Array.isArray(result) ? result : [result];
  if (plan.topIsList && rows.length > limits.maxRows) {
    throw limitExceeded(
      `${plan.label} matches more than ${limits.maxRows} rows, the most one response may hold (maxRows); pass take (and page with skip / cursor)`,
      'take',
    );
  }
  countRows(rows, plan.reads, '', plan.label, limits, counted);
}

function countRows(
  rows: readonly unknown[],
  reads: readonly RelationRead[],
  path: string,
  label: string,
  limits: RpcLimits,
  counted: { rows: number },
): void {
  for (const row of rows) {
    if (!isObject(row)) continue;
    counted.rows++;
    if (counted.rows > limits.maxRows) {
      throw limitExceeded(
        `${label}: the answer holds more than ${limits.maxRows} rows counting included relations, the most one response may hold (maxRows); give takes to the includes or page`,
        path || undefined,
      );
    }
    for (const read of reads) {
      const value = row[read.key];
      const at = `${path}${read.key}`;
      if (read.list && Array.isArray(value)) {
        if (value.length > limits.maxRowsPerRelation) {
          throw limitExceeded(
            `${label}: ${at} has more than ${limits.maxRowsPerRelation} rows for one parent row, the most one relation may hold (maxRowsPerRelation); pass take on it and page`,
            at,
          );
        }
        countRows(value, read.reads, `${at}.`, label, limits, counted);
      } else if (value !== null && value !== undefined) {
        countRows([value], read.reads, `${at}.`, label, limits, counted);
      }
    }
  }
}

function limitExceeded(message: string, path: string | undefined): RequestError {
  return new RequestError(400, 'LIMIT_EXCEEDED', message, path);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
