import type { ExprNode } from './ast.js';
import {
  ANY,
  callOf,
  comparable,
  isScalar,
  OPERATIONS,
  show,
  STRING,
  type Ty,
  type Typed,
} from './expr-type.js';
import type { ModelInfo } from './model-info.js';
import type { Resolver } from './resolve-expression.js';

/** The casings `currentModel()` and `currentOperation()` accept. */
const CASINGS: ReadonlySet<string> = new Set(['upper', 'lower', 'capitalize', 'uncapitalize']);

/** A function call in a rule or `@@validate`: arity, argument types, where it is allowed. */
export function resolveCall(
  r: Resolver,
  node: Extract<ExprNode, { k: 'call' }>,
  scope: ModelInfo,
): Typed {
  const name = node.callee.name;
  const ctx = r.ctx;
  const args = node.args;
  for (const a of args) {
    if (a.name)
      return r.error('invalid-expression', `Function '${name}' takes no named arguments`, a.value);
  }
  switch (name) {
    case 'auth':
      if (!r.arity(node, 0, 0)) return { expr: { kind: 'null' }, ty: ANY };
      if (ctx.kind === 'validate')
        return r.error('validate-non-scalar', `auth() cannot be used in @@validate`, node);
      if (!ctx.authModel) {
        return r.error(
          'auth-without-model',
          `auth() is used but there is no auth model: add a model 'User' or mark one with @@auth`,
          node,
        );
      }
      return {
        expr: { kind: 'auth' },
        ty: { t: 'model', name: ctx.authModel.name, list: false },
      };
    case 'future':
      if (!r.arity(node, 0, 0)) return { expr: { kind: 'null' }, ty: ANY };
      if (ctx.kind === 'validate' || !ctx.allowFuture) {
        return r.error(
          'future-outside-update',
          `future() can only be used in rules for 'update' (or 'all')`,
          node,
        );
      }
      return { expr: { kind: 'future' }, ty: { t: 'model', name: ctx.model.name, list: false } };
    case 'now':
      r.arity(node, 0, 0);
      return callOf('now', [], { t: 'scalar', name: 'DateTime', list: false });
    case 'currentModel':
    case 'currentOperation': {
      if (ctx.kind === 'validate')
        return r.error('unknown-function', `Function '${name}' cannot be used in @@validate`, node);
      r.arity(node, 0, 1);
      const resolved = args.map((a) => r.resolve(a.value, scope));
      resolved.forEach((arg, i) => {
        const v = (args[i] as { value: ExprNode }).value;
        if (!isScalar(arg.ty, 'String')) r.argError(node, i, 'a casing string', arg.ty);
        // Any other text would silently leave the name as it is: say so where it is written.
        else if (v.k !== 'string' || !CASINGS.has(v.value)) {
          ctx.diagnostics.error(
            'invalid-argument',
            `The casing of ${name}() must be one of ${[...CASINGS].map((c) => `'${c}'`).join(', ')}`,
            v.span,
          );
        }
      });
      return callOf(name, resolved, STRING);
    }
    case 'contains':
    case 'startsWith':
    case 'endsWith': {
      if (!r.arity(node, 2, name === 'contains' ? 3 : 2)) return callOf(name, []);
      const resolved = args.map((a) => r.resolve(a.value, scope));
      resolved.forEach((arg, i) => {
        if (i < 2 && !isScalar(arg.ty, 'String') && arg.ty.t !== 'null')
          r.argError(node, i, 'a String', arg.ty);
        if (i === 2 && !isScalar(arg.ty, 'Boolean'))
          r.argError(node, i, 'a Boolean (case-insensitive)', arg.ty);
      });
      return callOf(name, resolved);
    }
    case 'has':
    case 'hasSome':
    case 'hasEvery':
    case 'isEmpty': {
      if (!r.arity(node, name === 'isEmpty' ? 1 : 2, name === 'isEmpty' ? 1 : 2))
        return callOf(name, []);
      const list = r.resolve((args[0] as { value: ExprNode }).value, scope);
      const lt = list.ty;
      if (lt.t !== 'any' && !((lt.t === 'scalar' || lt.t === 'enum') && lt.list))
        r.argError(node, 0, 'a list field', lt);
      const hint = lt.t === 'enum' ? lt.name : undefined;
      const rest = args.slice(1).map((a) => r.resolve(a.value, scope, hint));
      const second = rest[0];
      if (second && lt.t !== 'any' && (lt.t === 'scalar' || lt.t === 'enum') && lt.list) {
        const element: Ty = { ...lt, list: false };
        if (name === 'has') {
          if (!comparable(element, second.ty, '==') || second.ty.t === 'null')
            r.argError(node, 1, `a ${show(element)} value`, second.ty);
        } else if (second.ty.t === 'array') {
          if (second.ty.items.some((i) => !comparable(element, i, '==')))
            r.argError(node, 1, `an array of ${show(element)}`, second.ty);
        } else if (!(
          second.ty.t === 'any' ||
          ((second.ty.t === 'scalar' || second.ty.t === 'enum') && second.ty.list)
        )) {
          r.argError(node, 1, `an array of ${show(element)}`, second.ty);
        }
      }
      return callOf(name, [list, ...rest]);
    }
    case 'check': {
      if (ctx.kind === 'validate')
        return r.error('unknown-function', `Function 'check' cannot be used in @@validate`, node);
      if (!r.arity(node, 1, 2)) return callOf('check', []);
      const relation = r.resolve((args[0] as { value: ExprNode }).value, scope);
      const first = args[0] as { value: ExprNode };
      const isPath = first.value.k === 'ident' || first.value.k === 'member';
      if (relation.ty.t !== 'any' && (!isPath || relation.ty.t !== 'model' || relation.ty.list)) {
        r.argError(node, 0, 'a to-one relation field', relation.ty);
      }
      const resolved = [relation];
      const op = args[1];
      if (op) {
        const v = op.value;
        if (v.k !== 'string' || !OPERATIONS.has(v.value)) {
          ctx.diagnostics.error(
            'invalid-policy-operation',
            `The operation of check() must be 'create', 'read', 'update' or 'delete'`,
            v.span,
          );
        } else resolved.push({ expr: { kind: 'literal', value: v.value }, ty: STRING });
      }
      return callOf('check', resolved);
    }
    case 'length':
    case 'regex':
    case 'email':
    case 'url':
    case 'datetime': {
      if (ctx.kind !== 'validate')
        return r.error(
          'unknown-function',
          `Function '${name}' can only be used in @@validate`,
          node,
        );
      const [min, max] = name === 'length' ? [1, 3] : name === 'regex' ? [2, 2] : [1, 1];
      if (!r.arity(node, min, max)) return callOf(name, []);
      const resolved = args.map((a) => r.resolve(a.value, scope));
      resolved.forEach((arg, i) => {
        if (i === 0 && !isScalar(arg.ty, 'String')) r.argError(node, 0, 'a String field', arg.ty);
        if (i > 0 && name === 'length' && !isScalar(arg.ty, 'Int'))
          r.argError(node, i, 'an Int', arg.ty);
        if (i > 0 && name === 'regex' && !isScalar(arg.ty, 'String'))
          r.argError(node, i, 'a pattern string', arg.ty);
      });
      if (name === 'regex') {
        const pattern = args[1]?.value;
        if (pattern?.k === 'string') {
          try {
            new RegExp(pattern.value);
          } catch {
            ctx.diagnostics.error(
              'invalid-argument',
              `Pattern of 'regex' is not a valid regular expression`,
              pattern.span,
            );
          }
        }
      }
      return callOf(name, resolved);
    }
    default:
      return r.error('unknown-function', `Unknown function '${name}()'`, node);
  }
}
