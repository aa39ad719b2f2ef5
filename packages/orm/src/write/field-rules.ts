import type { FieldDef, FieldValidation } from '@warden/schema';
import type { ValidationSite } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { invalidInput } from '../validate/invalid.js';
import { isDecimal } from '../codec/decimal.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for a string `new URL` accepts with a scheme and a host. */
export function isUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol !== '' && (u.host !== '' || u.protocol === 'mailto:');
  } catch {
    return false;
  }
}

function describe(rule: FieldValidation): string {
  switch (rule.kind) {
    case 'email':
    case 'url':
      return `@${rule.kind}`;
    case 'length':
      return `@length(${[rule.min === undefined ? undefined : `min: ${rule.min}`, rule.max === undefined ? undefined : `max: ${rule.max}`].filter(Boolean).join(', ')})`;
    case 'regex':
      return `@regex(${JSON.stringify(rule.pattern)})`;
    case 'startsWith':
    case 'endsWith':
      return `@${rule.kind}(${JSON.stringify(rule.value)})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `@${rule.kind}(${rule.value})`;
  }
}

/** `a` compared with `b` (numbers, bigints, Decimals, strings), as -1/0/1. */
function compare(a: unknown, b: number | string): number {
  if (isDecimal(a)) return a.comparedTo(b);
  if (typeof a === 'bigint') {
    const bb = typeof b === 'number' && !Number.isInteger(b) ? undefined : BigInt(b);
    if (bb === undefined) return Number(a) < (b as number) ? -1 : Number(a) > (b as number) ? 1 : 0;
    return a < bb ? -1 : a > bb ? 1 : 0;
  }
  const n = Number(b);
  const x = a as number;
  return x < n ? -1 : x > n ? 1 : 0;
}

function passes(rule: FieldValidation, v: unknown): boolean {
  switch (rule.kind) {
    case 'email':
      return typeof v !== 'string' || EMAIL.test(v);
    case 'url':
      return typeof v !== 'string' || isUrl(v);
    case 'length': {
      const len = typeof v === 'string' || Array.isArray(v) ? v.length : undefined;
      if (len === undefined) return true;
      return (
        (rule.min === undefined || len >= rule.min) && (rule.max === undefined || len <= rule.max)
      );
    }
    case 'regex':
      return typeof v !== 'string' || new RegExp(rule.pattern).test(v);
    case 'startsWith':
      return typeof v !== 'string' || v.startsWith(rule.value);
    case 'endsWith':
      return typeof v !== 'string' || v.endsWith(rule.value);
    case 'gt':
      return compare(v, rule.value) > 0;
    case 'gte':
      return compare(v, rule.value) >= 0;
    case 'lt':
      return compare(v, rule.value) < 0;
    case 'lte':
      return compare(v, rule.value) <= 0;
  }
}

/**
 * Checks a field's validation attributes (`@email @url @length @regex @startsWith @endsWith
 * @gt @gte @lt @lte`) against a checked, non-null API value; INVALID_INPUT naming the field
 * and the rule (or the rule's own message).
 */
export function checkFieldRules(
  field: FieldDef,
  value: unknown,
  path: ArgPath,
  site: ValidationSite,
): void {
  const rules = field.validations;
  if (!rules || value === null || value === undefined) return;
  for (const rule of rules) {
    if (!passes(rule, value)) {
      throw invalidInput(path, rule.message ?? `failed ${describe(rule)} on ${field.name}`, site);
    }
  }
}
