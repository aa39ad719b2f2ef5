import type { BinaryOp, Expr, FunctionName, ScalarType } from '@warden/schema';
import type { ExprNode } from './ast.js';
import { literalOf } from './arg-values.js';
import type { Diagnostics } from './diagnostic.js';
import type { FieldInfo, ModelInfo } from './model-info.js';

/** Static type of an expression; `any` after an error, so one mistake is reported once. */
type Ty =
  | { readonly t: 'scalar'; readonly name: ScalarType; readonly list: boolean }
  | { readonly t: 'enum'; readonly name: string; readonly list: boolean }
  | { readonly t: 'model'; readonly name: string; readonly list: boolean }
  | { readonly t: 'null' }
  | { readonly t: 'array'; readonly items: readonly Ty[] }
  | { readonly t: 'any' };

const ANY: Ty = { t: 'any' };
const BOOL: Ty = { t: 'scalar', name: 'Boolean', list: false };
const STRING: Ty = { t: 'scalar', name: 'String', list: false };
const NUMERIC = new Set<string>(['Int', 'BigInt', 'Float', 'Decimal']);
const OPERATIONS = new Set(['create', 'read', 'update', 'delete']);

/** Where an expression appears; decides which names and functions are allowed. */
export interface ExprContext {
  readonly kind: 'policy' | 'validate';
  /** The model the rule is on (`this`, `future()`). */
  readonly model: ModelInfo;
  readonly models: ReadonlyMap<string, ModelInfo>;
  /** Enum value name -> enums that have it. */
  readonly enumValues: ReadonlyMap<string, readonly string[]>;
  readonly authModel: ModelInfo | undefined;
  readonly allowFuture: boolean;
  readonly diagnostics: Diagnostics;
}

interface Typed {
  readonly expr: Expr;
  readonly ty: Ty;
}

/** Resolves a rule's condition: names bound, types checked, must be Boolean. */
export function resolveCondition(node: ExprNode, ctx: ExprContext): Expr {
  const r = new Resolver(ctx).resolve(node, ctx.model);
  if (!isBool(r.ty)) {
    ctx.diagnostics.error(
      'not-boolean',
      `Condition must be a Boolean expression, but it is ${show(r.ty)}`,
      node.span,
    );
  }
  return r.expr;
}

function isBool(ty: Ty): boolean {
  return ty.t === 'any' || (ty.t === 'scalar' && ty.name === 'Boolean' && !ty.list);
}

function show(ty: Ty): string {
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

function fieldType(f: FieldInfo): Ty {
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

class Resolver {
  constructor(private readonly ctx: ExprContext) {}

  private error(code: Parameters<Diagnostics['error']>[0], message: string, node: ExprNode): Typed {
    this.ctx.diagnostics.error(code, message, node.span);
    return { expr: { kind: 'null' }, ty: ANY };
  }

  resolve(node: ExprNode, scope: ModelInfo, enumHint?: string): Typed {
    switch (node.k) {
      case 'string':
        return { expr: { kind: 'literal', value: node.value }, ty: STRING };
      case 'number': {
        const v = literalOf(node);
        const isInt = /^\d+$/.test(node.raw);
        return {
          expr: { kind: 'literal', value: v as number },
          ty: { t: 'scalar', name: isInt ? 'Int' : 'Float', list: false },
        };
      }
      case 'boolean':
        return { expr: { kind: 'literal', value: node.value }, ty: BOOL };
      case 'null':
        return { expr: { kind: 'null' }, ty: { t: 'null' } };
      case 'this':
        if (this.ctx.kind === 'validate')
          return this.error(
            'validate-non-scalar',
            `'this' cannot be used in @@validate; name the fields directly`,
            node,
          );
        return {
          expr: { kind: 'this' },
          ty: { t: 'model', name: this.ctx.model.name, list: false },
        };
      case 'paren':
        return this.resolve(node.inner, scope, enumHint);
      case 'error':
        return { expr: { kind: 'null' }, ty: ANY };
      case 'ident':
        return this.resolveName(node.name, node, scope, enumHint);
      case 'member':
        return this.resolveMember(node, scope);
      case 'call':
        return this.resolveCall(node, scope);
      case 'array': {
        const items = node.items.map((i) => this.resolve(i, scope, enumHint));
        return {
          expr: { kind: 'array', items: items.map((i) => i.expr) },
          ty: { t: 'array', items: items.map((i) => i.ty) },
        };
      }
      case 'unary': {
        if (node.op === '-') {
          const v = literalOf(node);
          if (typeof v === 'number' || (typeof v === 'object' && v !== null)) {
            return {
              expr: { kind: 'literal', value: v },
              ty: {
                t: 'scalar',
                name: /[.eE]/.test(JSON.stringify(v)) ? 'Float' : 'Int',
                list: false,
              },
            };
          }
          return this.error(
            'invalid-expression',
            `Unary '-' applies only to number literals`,
            node,
          );
        }
        const operand = this.resolve(node.operand, scope);
        if (!isBool(operand.ty)) {
          this.ctx.diagnostics.error(
            'type-mismatch',
            `Operand of '!' must be Boolean, but it is ${show(operand.ty)}`,
            node.operand.span,
          );
        }
        return { expr: { kind: 'unary', op: '!', operand: operand.expr }, ty: BOOL };
      }
      case 'binary':
        return this.resolveBinary(node, scope);
      case 'collection':
        return this.resolveCollection(node, scope);
    }
  }

  private resolveName(name: string, node: ExprNode, scope: ModelInfo, enumHint?: string): Typed {
    const field = scope.fields.get(name);
    if (field) {
      if (this.ctx.kind === 'validate' && (field.kind === 'relation' || scope !== this.ctx.model)) {
        return this.error(
          'validate-non-scalar',
          `@@validate can only use the scalar fields of model '${this.ctx.model.name}'; '${name}' is a relation`,
          node,
        );
      }
      return { expr: { kind: 'field', name, model: scope.name }, ty: fieldType(field) };
    }
    const enums = this.ctx.enumValues.get(name);
    if (enums && enums.length > 0) {
      const chosen = enumHint && enums.includes(enumHint) ? enumHint : (enums[0] as string);
      return {
        expr: { kind: 'enum', enum: chosen, value: name },
        ty: { t: 'enum', name: chosen, list: false },
      };
    }
    return this.error(
      'unknown-reference',
      `Field '${name}' does not exist on model '${scope.name}' (nor is it an enum value)`,
      node,
    );
  }

  private resolveMember(node: Extract<ExprNode, { k: 'member' }>, scope: ModelInfo): Typed {
    if (this.ctx.kind === 'validate') {
      return this.error(
        'validate-non-scalar',
        `@@validate can only use the scalar fields of model '${this.ctx.model.name}', not a path like '.${node.name.name}'`,
        node,
      );
    }
    const object = this.resolve(node.object, scope);
    const ty = object.ty;
    if (ty.t === 'any') return { expr: { kind: 'null' }, ty: ANY };
    if (ty.t !== 'model') {
      return this.error(
        'unknown-member',
        `Cannot read '${node.name.name}' of a value of type ${show(ty)}`,
        node,
      );
    }
    if (ty.list) {
      return this.error(
        'member-on-list',
        `Cannot read '${node.name.name}' of a list of '${ty.name}'; use a collection predicate like ?[${node.name.name} == ...]`,
        node,
      );
    }
    const model = this.ctx.models.get(ty.name);
    if (!model) return { expr: { kind: 'null' }, ty: ANY };
    const field = model.fields.get(node.name.name);
    if (!field) {
      const root =
        node.object.k === 'call' && node.object.callee.name === 'auth' ? ` (the auth model)` : '';
      return this.error(
        'unknown-member',
        `Field '${node.name.name}' does not exist on model '${model.name}'${root}`,
        node,
      );
    }
    return {
      expr: { kind: 'member', object: object.expr, name: field.name, model: model.name },
      ty: fieldType(field),
    };
  }

  private resolveCollection(node: Extract<ExprNode, { k: 'collection' }>, scope: ModelInfo): Typed {
    if (this.ctx.kind === 'validate')
      return this.error(
        'validate-non-scalar',
        `Collection predicates cannot be used in @@validate`,
        node,
      );
    const collection = this.resolve(node.collection, scope);
    const quantifier =
      node.quantifier === '?' ? 'some' : node.quantifier === '!' ? 'every' : 'none';
    const ty = collection.ty;
    if (ty.t === 'any') return { expr: { kind: 'null' }, ty: BOOL };
    const element = ty.t === 'model' && ty.list ? this.ctx.models.get(ty.name) : undefined;
    if (!element) {
      return this.error(
        'invalid-collection-predicate',
        `'${node.quantifier}[...]' needs a to-many relation, but the left side is ${show(ty)}`,
        node.collection,
      );
    }
    const predicate = this.resolve(node.predicate, element);
    if (!isBool(predicate.ty)) {
      this.ctx.diagnostics.error(
        'not-boolean',
        `Collection predicate must be Boolean, but it is ${show(predicate.ty)}`,
        node.predicate.span,
      );
    }
    return {
      expr: {
        kind: 'collection',
        quantifier,
        collection: collection.expr,
        predicate: predicate.expr,
      },
      ty: BOOL,
    };
  }

  private resolveBinary(node: Extract<ExprNode, { k: 'binary' }>, scope: ModelInfo): Typed {
    const op = node.op as BinaryOp;
    const left = this.resolve(node.left, scope);
    const hint = left.ty.t === 'enum' ? left.ty.name : undefined;
    let right = this.resolve(node.right, scope, hint);
    let l = left;
    if (
      right.ty.t === 'enum' &&
      left.ty.t !== 'enum' &&
      node.left.k === 'ident' &&
      !scope.fields.has(node.left.name) &&
      this.ctx.enumValues.has(node.left.name)
    ) {
      l = this.resolve(node.left, scope, right.ty.name);
    }
    const mismatch = (why: string) => {
      this.ctx.diagnostics.error(
        'type-mismatch',
        `Cannot apply '${op}' to ${show(l.ty)} and ${show(right.ty)}${why}`,
        node.span,
      );
    };
    if (op === '&&' || op === '||') {
      if (!isBool(l.ty))
        this.ctx.diagnostics.error(
          'type-mismatch',
          `Left operand of '${op}' must be Boolean, but it is ${show(l.ty)}`,
          node.left.span,
        );
      if (!isBool(right.ty))
        this.ctx.diagnostics.error(
          'type-mismatch',
          `Right operand of '${op}' must be Boolean, but it is ${show(right.ty)}`,
          node.right.span,
        );
    } else if (op === 'in') {
      this.checkIn(l.ty, right.ty, mismatch);
    } else {
      [l, right] = this.enumLiterals(l, right, node);
      if (!comparable(l.ty, right.ty, op)) mismatch('');
    }
    return { expr: { kind: 'binary', op, left: l.expr, right: right.expr }, ty: BOOL };
  }

  /** `role == 'ADMIN'` on an enum field: the string becomes the enum value it names. */
  private enumLiterals(
    l: Typed,
    r: Typed,
    node: Extract<ExprNode, { k: 'binary' }>,
  ): [Typed, Typed] {
    const convert = (e: Typed, other: Ty, at: ExprNode): Typed => {
      if (
        other.t !== 'enum' ||
        other.list ||
        e.expr.kind !== 'literal' ||
        typeof e.expr.value !== 'string'
      )
        return e;
      const value = e.expr.value;
      const enums = this.ctx.enumValues.get(value);
      if (!enums?.includes(other.name)) {
        this.ctx.diagnostics.error(
          'type-mismatch',
          `'${value}' is not a value of enum '${other.name}'`,
          at.span,
        );
        return { expr: e.expr, ty: ANY };
      }
      return { expr: { kind: 'enum', enum: other.name, value }, ty: other };
    };
    return [convert(l, r.ty, node.left), convert(r, l.ty, node.right)];
  }

  private checkIn(left: Ty, right: Ty, mismatch: (why: string) => void): void {
    if (left.t === 'any' || right.t === 'any') return;
    if (left.t === 'model' || left.t === 'array' || left.t === 'null' || left.list) {
      mismatch(`: the left side of 'in' must be a single scalar or enum value`);
      return;
    }
    if (right.t === 'array') {
      for (const item of right.items) {
        if (!comparable(left, item, '==') || item.t === 'null') {
          mismatch(`: the list holds ${show(item)}`);
          return;
        }
      }
      return;
    }
    if ((right.t === 'scalar' || right.t === 'enum') && right.list) {
      if (!comparable(left, { ...right, list: false }, '==')) mismatch('');
      return;
    }
    mismatch(`: the right side of 'in' must be a list`);
  }

  private arity(node: Extract<ExprNode, { k: 'call' }>, min: number, max: number): boolean {
    const count = node.args.length;
    if (count >= min && count <= max) return true;
    const want = min === max ? `${min}` : `${min} to ${max}`;
    this.ctx.diagnostics.error(
      count < min ? 'missing-argument' : 'unknown-argument',
      `Function '${node.callee.name}' takes ${want} argument${max === 1 ? '' : 's'}, got ${count}`,
      node.span,
    );
    return false;
  }

  private argError(node: Extract<ExprNode, { k: 'call' }>, i: number, want: string, got: Ty): void {
    const a = node.args[i];
    if (!a) return;
    this.ctx.diagnostics.error(
      'type-mismatch',
      `Argument ${i + 1} of '${node.callee.name}' must be ${want}, but it is ${show(got)}`,
      a.value.span,
    );
  }

  private resolveCall(node: Extract<ExprNode, { k: 'call' }>, scope: ModelInfo): Typed {
    const name = node.callee.name;
    const ctx = this.ctx;
    const args = node.args;
    for (const a of args) {
      if (a.name)
        return this.error(
          'invalid-expression',
          `Function '${name}' takes no named arguments`,
          a.value,
        );
    }
    switch (name) {
      case 'auth':
        if (!this.arity(node, 0, 0)) return { expr: { kind: 'null' }, ty: ANY };
        if (ctx.kind === 'validate')
          return this.error('validate-non-scalar', `auth() cannot be used in @@validate`, node);
        if (!ctx.authModel) {
          return this.error(
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
        if (!this.arity(node, 0, 0)) return { expr: { kind: 'null' }, ty: ANY };
        if (ctx.kind === 'validate' || !ctx.allowFuture) {
          return this.error(
            'future-outside-update',
            `future() can only be used in rules for 'update' (or 'all')`,
            node,
          );
        }
        return { expr: { kind: 'future' }, ty: { t: 'model', name: ctx.model.name, list: false } };
      case 'now':
        this.arity(node, 0, 0);
        return callOf('now', [], { t: 'scalar', name: 'DateTime', list: false });
      case 'currentModel':
      case 'currentOperation': {
        if (ctx.kind === 'validate')
          return this.error(
            'unknown-function',
            `Function '${name}' cannot be used in @@validate`,
            node,
          );
        this.arity(node, 0, 1);
        const resolved = args.map((a) => this.resolve(a.value, scope));
        resolved.forEach(
          (r, i) => !isScalar(r.ty, 'String') && this.argError(node, i, 'a casing string', r.ty),
        );
        return callOf(name, resolved, STRING);
      }
      case 'contains':
      case 'startsWith':
      case 'endsWith': {
        if (!this.arity(node, 2, name === 'contains' ? 3 : 2)) return callOf(name, []);
        const resolved = args.map((a) => this.resolve(a.value, scope));
        resolved.forEach((r, i) => {
          if (i < 2 && !isScalar(r.ty, 'String') && r.ty.t !== 'null')
            this.argError(node, i, 'a String', r.ty);
          if (i === 2 && !isScalar(r.ty, 'Boolean'))
            this.argError(node, i, 'a Boolean (case-insensitive)', r.ty);
        });
        return callOf(name, resolved);
      }
      case 'has':
      case 'hasSome':
      case 'hasEvery':
      case 'isEmpty': {
        if (!this.arity(node, name === 'isEmpty' ? 1 : 2, name === 'isEmpty' ? 1 : 2))
          return callOf(name, []);
        const list = this.resolve((args[0] as { value: ExprNode }).value, scope);
        const lt = list.ty;
        if (lt.t !== 'any' && !((lt.t === 'scalar' || lt.t === 'enum') && lt.list))
          this.argError(node, 0, 'a list field', lt);
        const hint = lt.t === 'enum' ? lt.name : undefined;
        const rest = args.slice(1).map((a) => this.resolve(a.value, scope, hint));
        const second = rest[0];
        if (second && lt.t !== 'any' && (lt.t === 'scalar' || lt.t === 'enum') && lt.list) {
          const element: Ty = { ...lt, list: false };
          if (name === 'has') {
            if (!comparable(element, second.ty, '==') || second.ty.t === 'null')
              this.argError(node, 1, `a ${show(element)} value`, second.ty);
          } else if (second.ty.t === 'array') {
            if (second.ty.items.some((i) => !comparable(element, i, '==')))
              this.argError(node, 1, `an array of ${show(element)}`, second.ty);
          } else if (!(
            second.ty.t === 'any' ||
            ((second.ty.t === 'scalar' || second.ty.t === 'enum') && second.ty.list)
          )) {
            this.argError(node, 1, `an array of ${show(element)}`, second.ty);
          }
        }
        return callOf(name, [list, ...rest]);
      }
      case 'check': {
        if (ctx.kind === 'validate')
          return this.error(
            'unknown-function',
            `Function 'check' cannot be used in @@validate`,
            node,
          );
        if (!this.arity(node, 1, 2)) return callOf('check', []);
        const relation = this.resolve((args[0] as { value: ExprNode }).value, scope);
        const first = args[0] as { value: ExprNode };
        const isPath = first.value.k === 'ident' || first.value.k === 'member';
        if (relation.ty.t !== 'any' && (!isPath || relation.ty.t !== 'model' || relation.ty.list)) {
          this.argError(node, 0, 'a to-one relation field', relation.ty);
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
          return this.error(
            'unknown-function',
            `Function '${name}' can only be used in @@validate`,
            node,
          );
        const [min, max] = name === 'length' ? [1, 3] : name === 'regex' ? [2, 2] : [1, 1];
        if (!this.arity(node, min, max)) return callOf(name, []);
        const resolved = args.map((a) => this.resolve(a.value, scope));
        resolved.forEach((r, i) => {
          if (i === 0 && !isScalar(r.ty, 'String')) this.argError(node, 0, 'a String field', r.ty);
          if (i > 0 && name === 'length' && !isScalar(r.ty, 'Int'))
            this.argError(node, i, 'an Int', r.ty);
          if (i > 0 && name === 'regex' && !isScalar(r.ty, 'String'))
            this.argError(node, i, 'a pattern string', r.ty);
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
        return this.error('unknown-function', `Unknown function '${name}()'`, node);
    }
  }
}

function comparable(a: Ty, b: Ty, op: BinaryOp): boolean {
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

function callOf(fn: FunctionName, resolved: readonly Typed[], ty: Ty = BOOL): Typed {
  return { expr: { kind: 'call', name: fn, args: resolved.map((r) => r.expr) }, ty };
}

function isScalar(ty: Ty, scalar: string, list = false): boolean {
  return ty.t === 'any' || (ty.t === 'scalar' && ty.name === scalar && ty.list === list);
}
