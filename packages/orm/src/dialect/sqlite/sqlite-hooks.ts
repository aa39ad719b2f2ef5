import { sql } from 'kysely';
import type { Expression } from 'kysely';
import type { FieldDef } from '@warden/schema';
import type { DialectHooks, StringMatch } from '../dialect-hooks.js';
import { likePattern } from '../like-pattern.js';
import { FOLD_FUNCTION } from './unicode-case.js';

/** Key/value pairs per json_object/json_insert call (the limit is 500 pairs). */
const PAIRS_PER_CALL = 400;

/** A GLOB pattern (case-sensitive, unlike SQLite's LIKE) matching `value` literally. */
function globPattern(kind: StringMatch, value: string): string {
  const lit = value.replace(/[*?[]/g, (c) => `[${c}]`);
  return kind === 'contains' ? `*${lit}*` : kind === 'startsWith' ? `${lit}*` : `*${lit}`;
}

function jsonPathText(path: readonly string[]): string {
  return (
    '$' + path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `."${p.replace(/"/g, '\\"')}"`)).join('')
  );
}

/**
 * Bound values as the text of a JSON array `json_each` reads back as the same SQLite values:
 * a bigint as its digits (SQLite's JSON keeps 64-bit integers), Bytes as hex (for `unhex`),
 * infinities as 9e999 (read back as REAL infinity), NaN as null (SQLite binds NaN as NULL).
 */
function jsonListText(elements: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < elements.length; i++) {
    const v = elements[i];
    if (i > 0) out += ',';
    if (typeof v === 'bigint') out += v.toString();
    else if (typeof v === 'number')
      out += Number.isNaN(v) ? 'null' : Number.isFinite(v) ? String(v) : v > 0 ? '9e999' : '-9e999';
    else if (v instanceof Uint8Array) out += `"${Buffer.from(v).toString('hex')}"`;
    else out += JSON.stringify(v);
  }
  return out + ']';
}

export const sqliteHooks: DialectHooks = {
  provider: 'sqlite',
  maxParameters: 32766,
  selectColumn(field, column) {
    return field.type === 'BigInt' && !field.list ? sql`cast(${column} as text)` : column;
  },
  jsonValue(field, column) {
    if (field.list || field.type === 'Json') return sql`json(${column})`;
    switch (field.type) {
      case 'BigInt':
        return sql`cast(${column} as text)`;
      case 'Bytes':
        return sql`hex(${column})`;
      default:
        return column;
    }
  },
  jsonObject(entries) {
    // SQLite takes at most 1000 arguments per function call here (500 key/value pairs): wider
    // objects are built by json_insert calls on the first part, a bounded number of pairs each.
    let out = sql`json_object(${sql.join(
      entries.slice(0, PAIRS_PER_CALL).map(([k, v]) => sql`${sql.lit(k)}, ${v}`),
    )})`;
    for (let i = PAIRS_PER_CALL; i < entries.length; i += PAIRS_PER_CALL) {
      const part = entries.slice(i, i + PAIRS_PER_CALL);
      out = sql`json_insert(${out}, ${sql.join(part.map(([k, v]) => sql`${sql.lit(`$."${k}"`)}, ${v}`))})`;
    }
    return out;
  },
  embedJson(value) {
    return sql`json(${value})`;
  },
  jsonArrayOf(rows) {
    return sql`(select coalesce(json_group_array(json("_s"."_j")), '[]') from (${rows}) as "_s")`;
  },
  jsonArrayAgg(object, fromWhere) {
    return sql`(select coalesce(json_group_array(${object}), '[]') from ${fromWhere})`;
  },
  parseJsonColumn(raw) {
    return raw === null ? null : JSON.parse(raw as string);
  },
  stringMatch(column, pattern, insensitive) {
    return insensitive
      ? sql<boolean>`${this.foldCase(column)} like ${pattern} escape '\\'`
      : sql<boolean>`${column} glob ${pattern}`;
  },
  foldCase(value) {
    return sql`lower(${value})`;
  },
  stringPattern(kind, value, insensitive) {
    return insensitive ? likePattern(kind, value) : globPattern(kind, value);
  },
  comparable(field: FieldDef, value: Expression<unknown>) {
    return field.type === 'Decimal' ? sql`cast(${value} as real)` : value;
  },
  listHas(column, element) {
    return sql<boolean>`exists (select 1 from json_each(${column}) where value = ${element})`;
  },
  listHasSome(column, elements) {
    return sql<boolean>`exists (select 1 from json_each(${column}) where value in (select value from json_each(${elements})))`;
  },
  listHasEvery(column, elements) {
    return sql<boolean>`not exists (select 1 from json_each(${elements}) as "_p" where "_p".value not in (select value from json_each(${column})))`;
  },
  listIsEmpty(column) {
    return sql<boolean>`json_array_length(${column}) = 0`;
  },
  listParam(elements) {
    return JSON.stringify(elements);
  },
  inList(field, value, list, insensitive) {
    // Bytes travel as hex text inside the JSON array (JSON has no blobs).
    const element = field.type === 'Bytes' ? sql`unhex(value)` : sql`value`;
    return sql<boolean>`${insensitive ? this.foldCase(value) : value} in (select ${insensitive ? this.foldCase(element) : element} from json_each(${list}))`;
  },
  inListParam(_field, elements) {
    return jsonListText(elements);
  },
  jsonAt(column, path) {
    return path.length === 0 ? sql`json(${column})` : sql`(${column} -> ${jsonPathText(path)})`;
  },
  jsonTextAt(column, path) {
    return sql`(${column} ->> ${jsonPathText(path)})`;
  },
  jsonParam(value) {
    return sql`json(${value})`;
  },
  jsonArrayEnd(column, path, end) {
    const at = jsonPathText(path);
    const element = `${at}[${end === 'first' ? '0' : '#-1'}]`;
    return sql`(case when json_type(${column}, ${at}) = 'array' then ${column} -> ${element} end)`;
  },
  jsonNumberAt(column, path) {
    return sql`(${column} ->> ${jsonPathText(path)})`;
  },
  jsonArrayContains(column, path, value) {
    return sql<boolean>`exists (select 1 from json_each(${column}, ${jsonPathText(path)}) where value = ${value})`;
  },
  trueLiteral: sql<boolean>`1`,
  falseLiteral: sql<boolean>`0`,
};

/**
 * SQLite on a connection opened by `createClient` (which registers `warden_lower`, see
 * `registerUnicodeCase`): case-insensitive filters fold the full Unicode range. A connection
 * brought as a Kysely dialect keeps SQLite's ASCII-only `lower()`.
 */
export const sqliteUnicodeHooks: DialectHooks = {
  ...sqliteHooks,
  foldCase(value) {
    return sql`${sql.raw(FOLD_FUNCTION)}(${value})`;
  },
  stringPattern(kind, value, insensitive) {
    return sqliteHooks.stringPattern(kind, insensitive ? value.toLowerCase() : value, insensitive);
  },
};
