import type { FieldDef, LiteralValue } from '@warden/schema';
import type { ColumnSpelling } from '../dialect.js';
import { badDefault, isoText, jsonText, numericText, plainValue } from '../literal.js';
import { quoteString } from '../sql-text.js';

const scalarTypes: Record<string, string> = {
  String: 'TEXT',
  Int: 'INTEGER',
  BigInt: 'INTEGER',
  Float: 'REAL',
  Decimal: 'TEXT',
  Boolean: 'INTEGER',
  DateTime: 'TEXT',
  Json: 'TEXT',
  Bytes: 'BLOB',
};

/** Column types and defaults in the ORM's SQLite storage format. */
export const sqliteSpelling: ColumnSpelling = {
  maxIdentifierLength: 1_000_000,
  nativeEnums: false,
  emptyListDefault: "'[]'",
  nowDefault: "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
  columnType(field) {
    if (field.list) return 'TEXT';
    if (field.kind === 'unsupported') return field.type;
    if (field.kind === 'enum') return 'TEXT';
    const t = scalarTypes[field.type];
    if (!t) throw badDefault(field, 'type');
    return t;
  },
  literalDefault(field, value) {
    if (value === null) return undefined;
    if (Array.isArray(value)) {
      return quoteString(JSON.stringify(value.map((v: LiteralValue) => scalarJson(field, v))));
    }
    return scalarLiteral(field, value as LiteralValue);
  },
  supportsAutoincrement(field, isSoleId) {
    return isSoleId && !field.list && (field.type === 'Int' || field.type === 'BigInt');
  },
};

function scalarLiteral(field: FieldDef, v: LiteralValue): string {
  if (field.kind !== 'scalar') return quoteString(String(plainValue(v)));
  switch (field.type) {
    case 'Int':
    case 'BigInt':
    case 'Float':
      return numericText(field, v);
    case 'Decimal':
      return quoteString(numericText(field, v));
    case 'Boolean':
      if (typeof v !== 'boolean') throw badDefault(field, v);
      return v ? '1' : '0';
    case 'DateTime':
      return quoteString(isoText(field, v));
    case 'Json':
      return quoteString(jsonText(v));
    default:
      if (typeof v !== 'string') throw badDefault(field, v);
      return quoteString(v);
  }
}

/** A list element as stored inside the JSON array text. */
function scalarJson(field: FieldDef, v: LiteralValue): unknown {
  if (field.type === 'DateTime') return isoText(field, v);
  if (field.type === 'Decimal') return numericText(field, v);
  if (field.type === 'BigInt') return Number(numericText(field, v));
  return plainValue(v);
}
