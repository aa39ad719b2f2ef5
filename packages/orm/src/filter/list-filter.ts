import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import { encodeElement, encodeValue } from '../codec/encode.js';
import { expectBoolean, expectObject } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import type { Pred } from './predicate.js';
import { andAll, not } from './predicate.js';

/** Filters on scalar lists: `equals has hasSome hasEvery isEmpty`. */
export function buildListFilter(
  scope: BuildScope,
  field: FieldDef,
  column: RawBuilder<unknown>,
  value: unknown,
  path: ArgPath,
): Pred {
  const d = scope.ctx.dialect;
  const obj = expectObject(scope.site, path, value);
  const preds: Pred[] = [];
  for (const op of Object.keys(obj)) {
    const v = obj[op];
    if (v === undefined) continue;
    const p = [...path, op];
    switch (op) {
      case 'equals':
        preds.push(
          v === null
            ? sql<boolean>`${column} is null`
            : sql<boolean>`${column} = ${scope.param(p, (x) => encodeValue(scope.ctx, field, x, p, scope.site))}`,
        );
        break;
      case 'has':
        if (v === null) throw invalidInput(p, `expected ${field.type}, got null`, scope.site);
        preds.push(
          d.listHas(
            column,
            scope.param(p, (x) => encodeElement(scope.ctx, field, x, p, scope.site)),
          ),
        );
        break;
      case 'hasSome':
      case 'hasEvery': {
        if (!Array.isArray(v))
          throw invalidInput(p, `expected an array, got ${describeType(v)}`, scope.site);
        if (v.length === 0) {
          preds.push(op === 'hasEvery');
          break;
        }
        const param = scope.param(p, (x) => {
          if (!Array.isArray(x))
            throw invalidInput(p, `expected an array, got ${describeType(x)}`, scope.site);
          return d.listParam(
            x.map((e, i) => encodeElement(scope.ctx, field, e, [...p, i], scope.site)),
          );
        });
        preds.push(op === 'hasSome' ? d.listHasSome(column, param) : d.listHasEvery(column, param));
        break;
      }
      case 'isEmpty': {
        const empty = d.listIsEmpty(column);
        preds.push(expectBoolean(scope.site, p, v) ? empty : not(empty));
        break;
      }
      default:
        throw invalidInput(
          p,
          `unknown list filter '${op}'; expected equals, has, hasSome, hasEvery or isEmpty`,
          scope.site,
        );
    }
  }
  return andAll(preds);
}
