import type { ArgPath } from './invalid.js';
import { describeType, invalidInput, isPlainObject } from './invalid.js';

/** Where validation errors are reported: the model and operation being validated. */
export interface ValidationSite {
  readonly model: string;
  readonly operation: string;
}

/** Throws unless `value` is a plain object; returns it typed. */
export function expectObject(
  site: ValidationSite,
  path: ArgPath,
  value: unknown,
): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw invalidInput(path, `expected an object, got ${describeType(value)}`, site);
  }
  return value;
}

/**
 * The defined keys of `obj`, each checked against `allowed`. Keys whose value is `undefined`
 * are skipped, as Prisma does.
 */
export function checkedKeys(
  site: ValidationSite,
  path: ArgPath,
  obj: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): string[] {
  const keys: string[] = [];
  for (const k of Object.keys(obj)) {
    if (obj[k] === undefined) continue;
    if (!allowed.has(k)) {
      throw invalidInput(
        [...path, k],
        `unknown argument; expected one of ${[...allowed].join(', ')}`,
        site,
      );
    }
    keys.push(k);
  }
  return keys;
}

/** Throws unless `value` is a boolean. */
export function expectBoolean(site: ValidationSite, path: ArgPath, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw invalidInput(path, `expected Boolean, got ${describeType(value)}`, site);
  }
  return value;
}

/** Throws unless `value` is one of `options`. */
export function expectOneOf<T extends string>(
  site: ValidationSite,
  path: ArgPath,
  value: unknown,
  options: readonly T[],
): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw invalidInput(
      path,
      `expected one of ${options.map((o) => `'${o}'`).join(', ')}, got ${typeof value === 'string' ? `'${value}'` : describeType(value)}`,
      site,
    );
  }
  return value as T;
}

/** Throws unless `value` is an integer (negative allowed when `allowNegative`). */
export function expectInt(
  site: ValidationSite,
  path: ArgPath,
  value: unknown,
  allowNegative: boolean,
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidInput(path, `expected an integer, got ${describeType(value)}`, site);
  }
  if (!allowNegative && value < 0) {
    throw invalidInput(path, `expected a non-negative integer, got ${value}`, site);
  }
  return value;
}
