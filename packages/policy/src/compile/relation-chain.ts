import type { FieldDef, SchemaDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { requireField, requireModel } from '../rules.js';

/** Hands out table aliases unique within one compiled filter. */
export interface AliasSource {
  readonly prefix: string;
  next: number;
}

export function nextAlias(source: AliasSource): string {
  source.next += 1;
  return `${source.prefix}${source.next}`;
}

/**
 * The rows reached from `alias` through a path of relation fields, as the FROM part of a
 * correlated subquery: `from` joins the tables along the path, `where` ties the first one to
 * the outer row, and `alias` / `model` name the last table.
 */
export interface RelationChain {
  readonly from: RawBuilder<unknown>;
  readonly where: RawBuilder<SqlBool>;
  readonly alias: string;
  readonly model: string;
}

interface Step {
  readonly table: string;
  readonly alias: string;
  /** Ties this table to the previous one (the first step: to the outer row). */
  readonly on: RawBuilder<SqlBool>;
}

function eqColumns(pairs: [string, string][]): RawBuilder<SqlBool> {
  const parts = pairs.map(([a, b]) => sql`${sql.ref(a)} = ${sql.ref(b)}`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

function relationSteps(
  schema: SchemaDef,
  fromAlias: string,
  fromModel: string,
  field: FieldDef,
  aliases: AliasSource,
): Step[] {
  const relation = field.relation;
  if (!relation) {
    throw new WardenError('CONFIG', `"${fromModel}.${field.name}" is not a relation`);
  }
  const source = requireModel(schema, fromModel);
  const target = requireModel(schema, relation.model);
  const alias = nextAlias(aliases);
  const col = (model: typeof source, a: string, name: string): string =>
    `${a}.${requireField(model, name).dbName}`;
  if (relation.kind === 'many-to-many') {
    const join = relation.joinTable;
    const sourceId = source.idFields[0];
    const targetId = target.idFields[0];
    if (!join || !sourceId || !targetId) {
      throw new WardenError(
        'CONFIG',
        `Many-to-many "${fromModel}.${field.name}" lacks a join table`,
      );
    }
    const joinAlias = nextAlias(aliases);
    return [
      {
        table: join.name,
        alias: joinAlias,
        on: eqColumns([[`${joinAlias}.${join.column}`, col(source, fromAlias, sourceId)]]),
      },
      {
        table: target.dbName,
        alias,
        on: eqColumns([[col(target, alias, targetId), `${joinAlias}.${join.otherColumn}`]]),
      },
    ];
  }
  if (relation.fields && relation.references) {
    const pairs = relation.fields.map((fk, i): [string, string] => [
      col(target, alias, relation.references![i]!),
      col(source, fromAlias, fk),
    ]);
    return [{ table: target.dbName, alias, on: eqColumns(pairs) }];
  }
  const opposite = requireField(target, relation.opposite).relation;
  if (!opposite?.fields || !opposite.references) {
    throw new WardenError('CONFIG', `Relation "${fromModel}.${field.name}" has no foreign key`);
  }
  const pairs = opposite.fields.map((fk, i): [string, string] => [
    col(target, alias, fk),
    col(source, fromAlias, opposite.references![i]!),
  ]);
  return [{ table: target.dbName, alias, on: eqColumns(pairs) }];
}

/** Builds the join chain for `hops` (relation fields) starting at the row `alias` of `model`. */
export function relationChain(
  schema: SchemaDef,
  alias: string,
  model: string,
  hops: readonly FieldDef[],
  aliases: AliasSource,
): RelationChain {
  const steps: Step[] = [];
  let currentAlias = alias;
  let currentModel = model;
  for (const hop of hops) {
    const s = relationSteps(schema, currentAlias, currentModel, hop, aliases);
    steps.push(...s);
    currentAlias = s[s.length - 1]!.alias;
    currentModel = hop.type;
  }
  const [first, ...rest] = steps;
  if (!first) throw new WardenError('CONFIG', 'An empty relation path');
  let from = sql`${sql.table(first.table)} as ${sql.id(first.alias)}`;
  for (const step of rest) {
    from = sql`${from} inner join ${sql.table(step.table)} as ${sql.id(step.alias)} on ${step.on}`;
  }
  return { from, where: first.on, alias: currentAlias, model: currentModel };
}
