import { sql } from 'kysely';
import type { DialectHooks } from '../dialect-hooks.js';
import { likePattern } from '../like-pattern.js';

/**
 * Results are built as `json` (keeps key order, so rows decode in place in schema order).
 * json_build_object takes at most 100 arguments: big objects are built as jsonb chunks joined
 * by ||.
 */
const PAIRS_PER_CALL = 50;

export const postgresHooks: DialectHooks = {
  provider: 'postgresql',
  maxParameters: 65535,
  selectColumn(field, column) {
    return field.kind === 'enum' && field.list ? sql`${column}::text[]` : column;
  },
  jsonValue(field, column) {
    if (field.list) {
      return field.type === 'BigInt' || field.type === 'Decimal' || field.kind === 'enum'
        ? sql`${column}::text[]`
        : column;
    }
    return field.type === 'BigInt' || field.type === 'Decimal' ? sql`${column}::text` : column;
  },
  jsonObject(entries) {
    const chunks = [];
    for (let i = 0; i < entries.length || i === 0; i += PAIRS_PER_CALL) {
      const part = entries.slice(i, i + PAIRS_PER_CALL);
      chunks.push(
        sql`${sql.raw(entries.length > PAIRS_PER_CALL ? 'jsonb' : 'json')}_build_object(${sql.join(part.map(([k, v]) => sql`${sql.lit(k)}::text, ${v}`))})`,
      );
    }
    return chunks.length === 1 ? chunks[0]! : sql`(${sql.join(chunks, sql` || `)})::json`;
  },
  embedJson(value) {
    return value;
  },
  jsonArrayOf(rows) {
    return sql`(select coalesce(json_agg("_s"."_j"), '[]'::json) from (${rows}) as "_s")`;
  },
  jsonArrayAgg(object, fromWhere) {
    return sql`(select coalesce(json_agg(${object}), '[]'::json) from ${fromWhere})`;
  },
  parseJsonColumn(raw) {
    return raw;
  },
  stringMatch(column, pattern, insensitive) {
    return insensitive
      ? sql<boolean>`${column} ilike ${pattern} escape '\\'`
      : sql<boolean>`${column} like ${pattern} escape '\\'`;
  },
  foldCase(value) {
    return sql`lower(${value})`;
  },
  stringPattern(kind, value) {
    return likePattern(kind, value);
  },
  comparable(_field, value) {
    return value;
  },
  listHas(column, element) {
    return sql<boolean>`${element} = any(${column})`;
  },
  listHasSome(column, elements) {
    return sql<boolean>`${column} && ${elements}`;
  },
  listHasEvery(column, elements) {
    return sql<boolean>`${column} @> ${elements}`;
  },
  listIsEmpty(column) {
    return sql<boolean>`coalesce(cardinality(${column}), 0) = 0`;
  },
  listParam(elements) {
    return elements;
  },
  inList(_field, value, list, insensitive) {
    // `= any($1)`: PostgreSQL types the array parameter from the left side.
    return insensitive
      ? sql<boolean>`${this.foldCase(value)} = any(select ${this.foldCase(sql`"_e"`)} from unnest(${list}::text[]) as "_e")`
      : sql<boolean>`${value} = any(${list})`;
  },
  inListParam(_field, elements) {
    return elements;
  },
  jsonAt(column, path) {
    return path.length === 0 ? sql`${column}` : sql`(${column} #> ${[...path]}::text[])`;
  },
  jsonTextAt(column, path) {
    return sql`(${column} #>> ${[...path]}::text[])`;
  },
  jsonParam(value) {
    return sql`${value}::jsonb`;
  },
  jsonArrayEnd(column, path, end) {
    const at = sql`(${column} #> ${[...path]}::text[])`;
    return sql`(case when jsonb_typeof(${at}) = 'array' then ${at} -> ${sql.lit(end === 'first' ? 0 : -1)} end)`;
  },
  jsonNumberAt(column, path) {
    return sql`(case when jsonb_typeof(${column} #> ${[...path]}::text[]) = 'number' then (${column} #>> ${[...path]}::text[])::numeric end)`;
  },
  jsonArrayContains(column, path, value) {
    return sql<boolean>`coalesce((${column} #> ${[...path]}::text[]) @> jsonb_build_array(${value}::jsonb), false)`;
  },
  trueLiteral: sql<boolean>`true`,
  falseLiteral: sql<boolean>`false`,
};
