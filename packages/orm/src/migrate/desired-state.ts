import { WardenError } from '@warden/schema';
import type { EnumDef, FieldDef, ModelDef, ReferentialAction, SchemaDef } from '@warden/schema';
import type {
  DbColumn,
  DbForeignKey,
  DbIndex,
  DbReferentialAction,
  DbState,
  DbTable,
} from './db-state.js';
import type { ColumnSpelling } from './dialect.js';
import { joinTable } from './join-table.js';
import { cutIdentifiers, cutName, derivedName, enumLabels } from './names.js';

/**
 * The tables, columns, keys and indexes a schema asks for, spelt for one dialect.
 * Bad schemas (unknown models, fields or enums in relations and keys) throw `INVALID_INPUT`.
 */
export function desiredState(schema: SchemaDef, dialect: ColumnSpelling): DbState {
  if (typeof schema !== 'object' || schema === null || typeof schema.models !== 'object') {
    throw new WardenError('INVALID_INPUT', 'pushSchema: schema must be a SchemaDef object');
  }
  const tables: DbTable[] = [];
  const joinTables = new Map<string, DbTable>();
  for (const model of Object.values(schema.models)) {
    tables.push(modelTable(schema, model, dialect));
    for (const field of Object.values(model.fields)) {
      const jt = field.relation?.joinTable;
      if (field.kind === 'relation' && jt && !joinTables.has(jt.name)) {
        joinTables.set(jt.name, joinTable(schema, model, field, dialect));
      }
    }
  }
  tables.push(...joinTables.values());
  const names = new Set<string>();
  for (const t of tables) {
    if (names.has(t.name)) {
      throw new WardenError('INVALID_INPUT', `Two models or join tables map to table "${t.name}"`);
    }
    names.add(t.name);
  }
  const enums = dialect.nativeEnums
    ? Object.values(schema.enums).map((e) => ({ name: e.name, values: enumLabels(e) }))
    : [];
  return cutIdentifiers({ tables, enums }, dialect.maxIdentifierLength);
}

function modelTable(schema: SchemaDef, model: ModelDef, dialect: ColumnSpelling): DbTable {
  const where = `model ${model.name}`;
  const col = (fieldName: string, context: string): FieldDef => {
    const f = Object.hasOwn(model.fields, fieldName) ? model.fields[fieldName] : undefined;
    if (!f || f.kind === 'relation') {
      throw new WardenError(
        'INVALID_INPUT',
        `${where}: ${context} names unknown column field "${fieldName}"`,
        {
          model: model.name,
        },
      );
    }
    return f;
  };
  // An identity taken from a unique is no primary key: the unique index below holds it.
  const primary = model.idUnique === undefined ? model.idFields : [];
  const idCols = primary.map((f) => col(f, 'the id').dbName);
  const columns: DbColumn[] = [];
  for (const field of Object.values(model.fields)) {
    if (field.kind === 'relation') continue;
    const isSoleId = primary.length === 1 && primary[0] === field.name;
    columns.push(fieldColumn(schema, model, field, isSoleId, dialect));
  }
  const max = dialect.maxIdentifierLength;
  const indexes: DbIndex[] = [];
  for (const u of model.uniques) {
    const cols = u.fields.map((f) => col(f, `unique "${u.name}"`).dbName);
    indexes.push({
      name:
        u.dbName !== undefined
          ? cutName(u.dbName, max)
          : derivedName(`${model.dbName}_${cols.join('_')}`, 'key', max),
      columns: cols,
      unique: true,
    });
  }
  for (const ix of model.indexes) {
    const cols = ix.fields.map((f) => col(f, 'an index').dbName);
    indexes.push({
      name:
        ix.name !== undefined
          ? cutName(ix.name, max)
          : derivedName(`${model.dbName}_${cols.join('_')}`, 'idx', max),
      columns: cols,
      unique: false,
    });
  }
  const foreignKeys: DbForeignKey[] = [];
  for (const field of Object.values(model.fields)) {
    const rel = field.relation;
    if (field.kind !== 'relation' || !rel?.fields || rel.fields.length === 0) continue;
    const target = Object.hasOwn(schema.models, rel.model) ? schema.models[rel.model] : undefined;
    if (!target) {
      throw new WardenError(
        'INVALID_INPUT',
        `${where}: relation "${field.name}" points to unknown model "${rel.model}"`,
        {
          model: model.name,
        },
      );
    }
    const refs = rel.references ?? [];
    if (refs.length !== rel.fields.length) {
      throw new WardenError(
        'INVALID_INPUT',
        `${where}: relation "${field.name}" has ${rel.fields.length} fields but ${refs.length} references`,
        { model: model.name },
      );
    }
    const fkFields = rel.fields.map((f) => col(f, `relation "${field.name}"`));
    const refCols = refs.map((r) => {
      const rf = Object.hasOwn(target.fields, r) ? target.fields[r] : undefined;
      if (!rf || rf.kind === 'relation') {
        throw new WardenError(
          'INVALID_INPUT',
          `${where}: relation "${field.name}" references unknown field ${target.name}.${r}`,
          {
            model: model.name,
          },
        );
      }
      return rf.dbName;
    });
    const required = fkFields.some((f) => !f.optional);
    const cols = fkFields.map((f) => f.dbName);
    foreignKeys.push({
      name: derivedName(`${model.dbName}_${cols.join('_')}`, 'fkey', max),
      columns: cols,
      refTable: target.dbName,
      refColumns: refCols,
      onDelete: action(rel.onDelete ?? (required ? 'Restrict' : 'SetNull')),
      onUpdate: action(rel.onUpdate ?? 'Cascade'),
    });
  }
  addForeignKeyIndexes(model.dbName, foreignKeys, idCols, indexes, max);
  return {
    name: model.dbName,
    columns,
    ...(idCols.length > 0
      ? { primaryKey: { name: derivedName(model.dbName, 'pkey', max), columns: idCols } }
      : {}),
    foreignKeys,
    indexes,
  };
}

/** Indexes foreign-key columns that no key or index already starts with. */
function addForeignKeyIndexes(
  table: string,
  fks: readonly DbForeignKey[],
  idCols: readonly string[],
  indexes: DbIndex[],
  max: number,
): void {
  for (const fk of fks) {
    const covered = [idCols, ...indexes.map((i) => i.columns)].some(
      (cols) => cols.length >= fk.columns.length && fk.columns.every((c, i) => cols[i] === c),
    );
    if (!covered) {
      indexes.push({
        name: derivedName(`${table}_${fk.columns.join('_')}`, 'idx', max),
        columns: [...fk.columns],
        unique: false,
      });
    }
  }
}

function action(a: ReferentialAction): DbReferentialAction {
  switch (a) {
    case 'Cascade':
      return 'CASCADE';
    case 'Restrict':
      return 'RESTRICT';
    case 'NoAction':
      return 'NO ACTION';
    case 'SetNull':
      return 'SET NULL';
    case 'SetDefault':
      return 'SET DEFAULT';
  }
}

function fieldColumn(
  schema: SchemaDef,
  model: ModelDef,
  field: FieldDef,
  isSoleId: boolean,
  dialect: ColumnSpelling,
): DbColumn {
  let enumDef: EnumDef | undefined;
  if (field.kind === 'enum') {
    enumDef = Object.hasOwn(schema.enums, field.type) ? schema.enums[field.type] : undefined;
    if (!enumDef) {
      throw new WardenError(
        'INVALID_INPUT',
        `model ${model.name}: field "${field.name}" has unknown enum type "${field.type}"`,
        {
          model: model.name,
        },
      );
    }
  }
  const type = dialect.columnType(field, enumDef);
  const d = field.default;
  let autoincrement = false;
  let def: string | undefined;
  if (d?.kind === 'function') {
    if (d.name === 'autoincrement') autoincrement = dialect.supportsAutoincrement(field, isSoleId);
    else if (d.name === 'now') def = dialect.nowDefault;
    else if (d.name === 'dbgenerated') {
      const text = d.args?.[0];
      if (typeof text === 'string' && text.trim() !== '') def = `(${text})`;
    }
  } else if (d?.kind === 'value') {
    const mapped = enumDef ? mapEnumLiteral(enumDef, d.value) : d.value;
    def = dialect.literalDefault(field, mapped);
  } else if (d?.kind === 'enum') {
    if (!enumDef || !enumDef.values.includes(d.value)) {
      throw new WardenError(
        'INVALID_INPUT',
        `model ${model.name}: default of "${field.name}" is not a value of its enum`,
        {
          model: model.name,
        },
      );
    }
    def = dialect.literalDefault(field, enumDef.dbNames?.[d.value] ?? d.value);
  }
  if (def === undefined && field.list) def = dialect.emptyListDefault;
  return {
    name: field.dbName,
    type,
    notNull: field.list || !field.optional,
    ...(def !== undefined ? { default: def } : {}),
    autoincrement,
    // SQLite checks enum values with a CHECK, which cannot look inside a JSON list.
    ...(enumDef && (dialect.nativeEnums || !field.list) ? { enumValues: enumLabels(enumDef) } : {}),
    ...(enumDef && dialect.nativeEnums ? { enumType: enumDef.name } : {}),
    list: field.list,
    ...(field.kind === 'scalar' ? { scalar: field.type } : {}),
  };
}

function mapEnumLiteral(e: EnumDef, value: unknown): any {
  if (Array.isArray(value)) return value.map((v) => mapEnumLiteral(e, v));
  return typeof value === 'string' ? (e.dbNames?.[value] ?? value) : value;
}
