import type { SchemaDef } from '@warden/schema';
import { valuesEqual } from '../../src/evaluate/js-values.js';
import type { PolicyRow, RelatedRowsResolver } from '../../src/index.js';
import type { Dataset } from './policy-db.js';

/** Resolves relations over in-memory rows, as the database would join them. */
export function memoryResolver(schema: SchemaDef, data: Dataset): RelatedRowsResolver {
  return (modelName, row, relationName) => {
    const field = schema.models[modelName]!.fields[relationName]!;
    const relation = field.relation!;
    const target = schema.models[relation.model]!;
    const rows = data[target.name] ?? [];
    const match = (pairs: [string, string][], candidate: PolicyRow) =>
      pairs.every(
        ([mine, theirs]) =>
          row[mine] !== null &&
          row[mine] !== undefined &&
          valuesEqual(row[mine], candidate[theirs]),
      );
    let found: PolicyRow[];
    if (relation.joinTable) {
      const join = relation.joinTable;
      const myId = schema.models[modelName]!.idFields[0]!;
      const theirId = target.idFields[0]!;
      const links = (data[join.name] ?? []).filter((l) => valuesEqual(l[join.column], row[myId]));
      found = rows.filter((r) => links.some((l) => valuesEqual(l[join.otherColumn], r[theirId])));
    } else if (relation.fields && relation.references) {
      const pairs = relation.fields.map((f, i): [string, string] => [f, relation.references![i]!]);
      found = rows.filter((r) => match(pairs, r));
    } else {
      const opposite = target.fields[relation.opposite]!.relation!;
      const pairs = opposite.fields!.map((f, i): [string, string] => [opposite.references![i]!, f]);
      found = rows.filter((r) => match(pairs, r));
    }
    return field.list ? found : (found[0] ?? null);
  };
}
