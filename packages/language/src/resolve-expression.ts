import type { BinaryOp, Expr } from '@warden/schema';
import type { ExprNode } from './ast.js';
import { literalOf } from './arg-values.js';
import type { Diagnostics } from './diagnostic.js';
import {
  ANY,
  BOOL,
  comparable,
  fieldType,
  isBool,
  show,
  STRING,
  type Ty,
  type Typed,
} from './expr-type.js';
import type { ModelInfo } from './model-info.js';
import { resolveCall } from './resolve-call.js';

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

export class Resolver {
  constructor(readonly ctx: ExprContext) {}

  error(code: Parameters<Diagnostics['error']>[0], message: string, node: ExprNode): Typed {
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
        return resolveCall(this, node, scope);
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

  arity(node: Extract<ExprNode, { k: 'call' }>, min: number, max: number): boolean {
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

  argError(node: Extract<ExprNode, { k: 'call' }>, i: number, want: string, got: Ty): void {
    const a = node.args[i];
    if (!a) return;
    this.ctx.diagnostics.error(
      'type-mismatch',
      `Argument ${i + 1} of '${node.callee.name}' must be ${want}, but it is ${show(got)}`,
      a.value.span,
    );
  }
}
