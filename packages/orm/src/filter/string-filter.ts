import type { RawBuilder } from 'kysely';
import type { BuildScope } from '../plan/build-scope.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import type { Pred } from './predicate.js';
import { limitsOf, overLimit } from '../validate/limits.js';

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
  const pattern = scope.param(path, (x) =>
    d.stringPattern(kind, patternText(scope, path, x), insensitive),
  );
  return d.stringMatch(column, pattern, insensitive);
}

/**
 * The value of a pattern filter, checked: a string, no NUL character (PostgreSQL cannot hold
 * one), at most `maxPatternLength` long (SQLite refuses long LIKE / GLOB patterns).
 */
export function patternText(scope: BuildScope, path: ArgPath, x: unknown): string {
  if (typeof x !== 'string')
    throw invalidInput(path, `expected String, got ${describeType(x)}`, scope.site);
  const max = limitsOf(scope.ctx).maxPatternLength;
  if (x.length > max) {
    throw overLimit(
      path,
      `a pattern filter's value may be at most ${max} characters long, got ${x.length}`,
      'maxPatternLength',
      scope.site,
    );
  }
  if (x.includes('\0'))
    throw invalidInput(path, 'a string cannot contain the NUL character (\\u0000)', scope.site);
  return x;
}
