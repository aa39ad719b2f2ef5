import type { FieldDef, LiteralValue, NativeType } from '@warden/schema';
import type { ColumnSpelling } from '../dialect.js';
import { badDefault, isoText, jsonText, numericText, plainValue } from '../literal.js';
import { quoteIdent, quoteString } from '../sql-text.js';

const scalarTypes: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) with time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** `@db.*` names in the spelling `format_type()` reports. */
function nativeSpelling(n: NativeType): string {
  const args = n.args.length > 0 ? `(${n.args.join(',')})` : '';
  switch (n.name) {
    case 'VarChar':
      return `character varying${args}`;
    case 'Char':
      return `character${args}`;
    case 'Decimal':
      return `numeric${args}`;
    case 'Integer':
    case 'Int':
      return 'integer';
    case 'DoublePrecision':
      return 'double precision';
    case 'Timestamp':
      return `timestamp${args} without time zone`;
    case 'Timestamptz':
      return `timestamp${args} with time zone`;
    case 'Time':
      return `time${args} without time zone`;
    case 'Timetz':
      return `time${args} with time zone`;
    case 'JsonB':
      return 'jsonb';
    case 'ByteA':
      return 'bytea';
    case 'VarBit':
      return `bit varying${args}`;
    default:
      return `${n.name.toLowerCase()}${args}`;
  }
}

/** Column types and defaults in the ORM's PostgreSQL storage format. */
export const postgresSpelling: ColumnSpelling = {
  maxIdentifierLength: 63,
  nativeEnums: true,
  emptyListDefault: "'{}'",
  nowDefault: 'CURRENT_TIMESTAMP',
  columnType(field, enumDef) {
    let base: string;
    if (field.kind === 'unsupported') base = field.type;
    else if (field.kind === 'enum') base = quoteIdent(enumDef?.name ?? field.type);
    else if (field.nativeType) base = nativeSpelling(field.nativeType);
    else {
      const t = scalarTypes[field.type];
      if (!t) throw badDefault(field, 'type');
      base = t;
    }
    return field.list ? `${base}[]` : base;
  },
  literalDefault(field, value) {
    if (value === null) return undefined;
    if (Array.isArray(value)) {
      return quoteString(`{${value.map((v: LiteralValue) => arrayElement(field, v)).join(',')}}`);
    }
    return scalarLiteral(field, value as LiteralValue);
  },
  supportsAutoincrement(field) {
    return !field.list && (field.type === 'Int' || field.type === 'BigInt');
  },
};

function scalarLiteral(field: FieldDef, v: LiteralValue): string {
  if (field.kind !== 'scalar') return quoteString(String(plainValue(v)));
  switch (field.type) {
    case 'Int':
    case 'BigInt':
    case 'Float':
    case 'Decimal':
      return numericText(field, v);
    case 'Boolean':
      if (typeof v !== 'boolean') throw badDefault(field, v);
      return v ? 'true' : 'false';
    case 'DateTime':
      return quoteString(isoText(field, v));
    case 'Json':
      return quoteString(jsonText(v));
    default:
      if (typeof v !== 'string') throw badDefault(field, v);
      return quoteString(v);
  }
}

/** One element of an array literal, quoted the way PostgreSQL prints it back. */
function arrayElement(field: FieldDef, v: LiteralValue): string {
  let text: string;
  if (field.kind === 'scalar' && ['Int', 'BigInt', 'Float', 'Decimal'].includes(field.type)) {
    text = numericText(field, v);
  } else if (field.type === 'DateTime') text = isoText(field, v);
  else if (field.type === 'Boolean') text = v ? 't' : 'f';
  else text = String(plainValue(v));
  const plain = text !== '' && !/[{}",\\\s]/.test(text) && text.toLowerCase() !== 'null';
  return plain ? text : `"${text.replace(/[\\"]/g, '\\$&')}"`;
}
