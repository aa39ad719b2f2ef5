import { WardenError } from '@warden/schema';
import type { FieldDef, ModelDef, SchemaDef } from '@warden/schema';
import type { DbColumn, DbForeignKey, DbTable } from './db-state.js';
import type { ColumnSpelling } from './dialect.js';
import { derivedName, enumLabels } from './names.js';

/** Prisma's implicit many-to-many table: `A`, `B`, both cascading, unique (A, B), index on B. */
export function joinTable(
  schema: SchemaDef,
  model: ModelDef,
  field: FieldDef,
  dialect: ColumnSpelling,
): DbTable {
  const rel = field.relation!;
  const jt = rel.joinTable!;
  const other = Object.hasOwn(schema.models, rel.model) ? schema.models[rel.model] : undefined;
  if (!other) {
    throw new WardenError(
      'INVALID_INPUT',
      `model ${model.name}: relation "${field.name}" points to unknown model "${rel.model}"`,
      {
        model: model.name,
      },
    );
  }
  const side = (m: ModelDef, column: 'A' | 'B'): { column: DbColumn; fk: DbForeignKey } => {
    const idField = m.idFields.length === 1 ? m.fields[m.idFields[0]!] : undefined;
    if (!idField || idField.kind === 'relation') {
      throw new WardenError(
        'INVALID_INPUT',
        `model ${m.name}: implicit many-to-many "${jt.name}" needs a single-field id on ${m.name}`,
        { model: m.name },
      );
    }
    // Only the type matters: the join column copies the id's type, not its default.
    const plain: FieldDef = { ...idField, optional: false, list: false };
    const enumDef = idField.kind === 'enum' ? schema.enums[idField.type] : undefined;
    return {
      column: {
        name: column,
        type: dialect.columnType(plain, enumDef),
        notNull: true,
        autoincrement: false,
        ...(enumDef ? { enumValues: enumLabels(enumDef) } : {}),
        ...(enumDef && dialect.nativeEnums ? { enumType: enumDef.name } : {}),
        list: false,
      },
      fk: {
        name: derivedName(`${jt.name}_${column}`, 'fkey', dialect.maxIdentifierLength),
        columns: [column],
        refTable: m.dbName,
        refColumns: [idField.dbName],
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
      },
    };
  };
  const mine = side(model, jt.column);
  const theirs = side(other, jt.otherColumn);
  const [a, b] = jt.column === 'A' ? [mine, theirs] : [theirs, mine];
  const max = dialect.maxIdentifierLength;
  return {
    name: jt.name,
    columns: [a.column, b.column],
    foreignKeys: [a.fk, b.fk],
    indexes: [
      { name: derivedName(`${jt.name}_AB`, 'unique', max), columns: ['A', 'B'], unique: true },
      { name: derivedName(`${jt.name}_B`, 'index', max), columns: ['B'], unique: false },
    ],
  };
}
