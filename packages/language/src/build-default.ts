import type { DefaultValue, LiteralValue, ScalarType } from '@warden/schema';
import type { EnumDecl, ExprNode } from './ast.js';
import { isIntegerText, literalOf, unwrap } from './arg-values.js';
import type { Diagnostics } from './diagnostic.js';
import type { FieldInfo } from './model-info.js';
import type { DeclTable } from './model-table.js';

const DEFAULT_FUNCTIONS: Record<
  string,
  { types: readonly string[] | 'any'; arg?: 'int' | 'string' }
> = {
  autoincrement: { types: ['Int', 'BigInt'] },
  cuid: { types: ['String'], arg: 'int' },
  uuid: { types: ['String'], arg: 'int' },
  nanoid: { types: ['String'], arg: 'int' },
  ulid: { types: ['String'] },
  now: { types: ['DateTime'] },
  dbgenerated: { types: 'any', arg: 'string' },
};

/** `@default(...)` of a field, checked against its type. */
export function buildDefault(
  field: FieldInfo,
  node: ExprNode,
  table: DeclTable,
  diagnostics: Diagnostics,
): DefaultValue | undefined {
  const n = unwrap(node);
  const where = `field '${field.name}' of model '${field.model.name}'`;
  const bad = (message: string, at: ExprNode = n) => {
    diagnostics.error('invalid-default', message, at.span);
    return undefined;
  };
  if (n.k === 'call') {
    const fn = n.callee.name;
    const spec = Object.hasOwn(DEFAULT_FUNCTIONS, fn) ? DEFAULT_FUNCTIONS[fn] : undefined;
    if (!spec) {
      if (fn === 'auth')
        return bad(`Use a member of auth(), like auth().id, as the default of ${where}`);
      return bad(`Unknown default function '${fn}()' on ${where}`);
    }
    if (
      field.list ||
      (spec.types !== 'any' && (field.kind !== 'scalar' || !spec.types.includes(field.type)))
    ) {
      return bad(
        `'${fn}()' cannot be the default of ${where} (type ${field.type}${field.list ? '[]' : ''}${spec.types === 'any' ? '' : `; it needs ${spec.types.join(' or ')}`})`,
      );
    }
    if (n.args.length > (spec.arg ? 1 : 0))
      return bad(`'${fn}()' takes ${spec.arg ? 'at most one argument' : 'no arguments'}`);
    const arg = n.args[0];
    const args: (string | number)[] = [];
    if (arg) {
      if (arg.name) return bad(`'${fn}()' takes no named arguments`, arg.value);
      const v = literalOf(arg.value);
      if (
        spec.arg === 'int' ? typeof v !== 'number' || !Number.isInteger(v) : typeof v !== 'string'
      ) {
        return bad(
          `The argument of '${fn}()' must be ${spec.arg === 'int' ? 'an integer' : 'a string'}`,
          arg.value,
        );
      }
      args.push(v as string | number);
    }
    return { kind: 'function', name: fn as 'uuid', ...(args.length > 0 ? { args } : {}) };
  }
  if (n.k === 'member') {
    const path: string[] = [];
    let cur: ExprNode = n;
    while (cur.k === 'member') {
      path.unshift(cur.name.name);
      cur = unwrap(cur.object);
    }
    if (cur.k === 'call' && cur.callee.name === 'auth' && cur.args.length === 0)
      return { kind: 'auth', path };
    return bad(`Default of ${where} must be a literal, an enum value or a function`);
  }
  if (field.list) {
    if (n.k !== 'array') return bad(`Default of list ${where} must be a list, like []`);
    const values: LiteralValue[] = [];
    for (const item of n.items) {
      const v = scalarDefault(field, item, table);
      if (typeof v === 'string' && v.startsWith('\0')) return bad(v.slice(1), item);
      values.push(v as LiteralValue);
    }
    if (field.kind === 'enum')
      return values.length === 0 ? { kind: 'value', value: [] } : { kind: 'value', value: values };
    return { kind: 'value', value: values };
  }
  if (n.k === 'array') return bad(`Default of ${where} cannot be a list: the field is not a list`);
  if (field.kind === 'enum') {
    if (n.k !== 'ident') {
      if (n.k === 'null' && field.optional) return { kind: 'value', value: null };
      return bad(`Default of enum ${where} must be a value of enum '${field.type}'`);
    }
    const v = scalarDefault(field, n, table);
    if (typeof v === 'string' && v.startsWith('\0')) return bad(v.slice(1));
    return { kind: 'enum', value: n.name };
  }
  const v = scalarDefault(field, n, table);
  if (typeof v === 'string' && v.startsWith('\0')) return bad(v.slice(1));
  return { kind: 'value', value: v as LiteralValue };
}

/** The literal for one default item, or an error message marked with a leading NUL. */
function scalarDefault(field: FieldInfo, node: ExprNode, table: DeclTable): LiteralValue | string {
  const n = unwrap(node);
  const where = `field '${field.name}' of model '${field.model.name}'`;
  if (field.kind === 'enum') {
    const decl = table.enums.get(field.type) as EnumDecl;
    if (n.k !== 'ident')
      return `\0Default of enum ${where} must be a value of enum '${field.type}'`;
    const known = decl.members.some((m) => m.kind === 'enumValue' && m.name.name === n.name);
    return known
      ? n.name
      : `\0'${n.name}' is not a value of enum '${field.type}' (default of ${where})`;
  }
  const lit = literalOf(n);
  if (lit === undefined)
    return `\0Default of ${where} must be a literal, an enum value or a function`;
  if (lit === null) return field.optional ? null : `\0Default of required ${where} cannot be null`;
  const type = field.kind === 'scalar' ? (field.type as ScalarType) : undefined;
  const fits = (() => {
    switch (type) {
      case 'String':
      case 'Bytes':
        return typeof lit === 'string';
      case 'Int':
        return (
          (typeof lit === 'number' && isIntegerText(n)) || (typeof lit === 'object' && lit !== null)
        );
      case 'BigInt':
        return (
          (typeof lit === 'number' && isIntegerText(n)) || (typeof lit === 'object' && lit !== null)
        );
      case 'Float':
        return typeof lit === 'number';
      case 'Decimal':
        return (
          typeof lit === 'number' ||
          (typeof lit === 'string' && lit.trim() !== '' && !Number.isNaN(Number(lit)))
        );
      case 'Boolean':
        return typeof lit === 'boolean';
      case 'DateTime':
        return typeof lit === 'string' && !Number.isNaN(Date.parse(lit));
      case 'Json':
        if (typeof lit !== 'string') return false;
        try {
          JSON.parse(lit);
          return true;
        } catch {
          return false;
        }
      case undefined:
        return true;
    }
  })();
  if (type === 'Int' && typeof lit === 'object')
    return `\0Default ${JSON.stringify(lit.bigint)} of Int ${where} is out of range`;
  if (!fits) {
    const shown = typeof lit === 'object' ? lit.bigint : JSON.stringify(lit);
    return `\0Default value ${shown} does not fit ${type ?? field.type} ${where}`;
  }
  return lit;
}
