import type { BinaryOp, Expr, FunctionName, ScalarType } from '@warden/schema';
import type { FieldInfo } from './model-info.js';

/** Static type of an expression; `any` after an error, so one mistake is reported once. */
export type Ty =
  | { readonly t: 'scalar'; readonly name: ScalarType; readonly list: boolean }
  | { readonly t: 'enum'; readonly name: string; readonly list: boolean }
  | { readonly t: 'model'; readonly name: string; readonly list: boolean }
  | { readonly t: 'null' }
  | { readonly t: 'array'; readonly items: readonly Ty[] }
  | { readonly t: 'any' };

export const ANY: Ty = { t: 'any' };
export const BOOL: Ty = { t: 'scalar', name: 'Boolean', list: false };
export const STRING: Ty = { t: 'scalar', name: 'String', list: false };
const NUMERIC = new Set<string>(['Int', 'BigInt', 'Float', 'Decimal']);
export const OPERATIONS = new Set(['create', 'read', 'update', 'delete']);

/** A resolved expression with its static type. */
export interface Typed {
  readonly expr: Expr;
  readonly ty: Ty;
}

/** Resolves a rule's condition: names bound, types checked, must be Boolean. */
export function isBool(ty: Ty): boolean {
  return ty.t === 'any' || (ty.t === 'scalar' && ty.name === 'Boolean' && !ty.list);
}

export function show(ty: Ty): string {
  switch (ty.t) {
    case 'scalar':
    case 'enum':
    case 'model':
      return `${ty.name}${ty.list ? '[]' : ''}`;
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'any':
      return 'unknown';
  }
}

export function fieldType(f: FieldInfo): Ty {
  switch (f.kind) {
    case 'scalar':
      return { t: 'scalar', name: f.type as ScalarType, list: f.list };
    case 'enum':
      return { t: 'enum', name: f.type, list: f.list };
    case 'relation':
      return { t: 'model', name: f.type, list: f.list };
    case 'unsupported':
    case 'unknown':
      return ANY;
  }
}

export function comparable(a: Ty, b: Ty, op: BinaryOp): boolean {
  if (a.t === 'any' || b.t === 'any') return true;
  const equality = op === '==' || op === '!=';
  if (a.t === 'null' || b.t === 'null') {
    if (!equality) return false;
    const other = a.t === 'null' ? b : a;
    return other.t === 'null' || (other.t !== 'array' && !other.list);
  }
  if (a.t === 'array' || b.t === 'array' || a.list || b.list) return false;
  if (a.t === 'model' || b.t === 'model')
    return equality && a.t === 'model' && b.t === 'model' && a.name === b.name;
  if (a.t === 'enum' || b.t === 'enum')
    return equality && a.t === 'enum' && b.t === 'enum' && a.name === b.name;
  if (NUMERIC.has(a.name) && NUMERIC.has(b.name)) return true;
  if (a.name !== b.name) return false;
  if (!equality) return a.name === 'String' || a.name === 'DateTime';
  return a.name !== 'Json' && a.name !== 'Bytes';
}

export function callOf(fn: FunctionName, resolved: readonly Typed[], ty: Ty = BOOL): Typed {
  return { expr: { kind: 'call', name: fn, args: resolved.map((r) => r.expr) }, ty };
}

export function isScalar(ty: Ty, scalar: string, list = false): boolean {
  return ty.t === 'any' || (ty.t === 'scalar' && ty.name === scalar && ty.list === list);
}
