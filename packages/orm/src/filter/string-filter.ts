import type { RawBuilder } from 'kysely';
import type { BuildScope } from '../plan/build-scope.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import type { Pred } from './predicate.js';

export const STRING_MATCHES = ['contains', 'startsWith', 'endsWith'] as const;

/** `contains` / `startsWith` / `endsWith`: the value is matched literally (wildcards escaped). */
export function buildStringMatch(
  scope: BuildScope,
  column: RawBuilder<unknown>,
  kind: (typeof STRING_MATCHES)[number],
  value: unknown,
  path: ArgPath,
  insensitive: boolean,
): Pred {
  const d = scope.ctx.dialect;
  if (typeof value !== 'string') {
    throw invalidInput(path, `expected String, got ${describeType(value)}`, scope.site);
  }
  const pattern = scope.param(path, (x) => {
    if (typeof x !== 'string')
      throw invalidInput(path, `expected String, got ${describeType(x)}`, scope.site);
    return d.stringPattern(kind, x, insensitive);
  });
  return d.stringMatch(column, pattern, insensitive);
}
