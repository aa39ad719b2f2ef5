import type { Expr } from '@warden/schema';

type Node<K extends Expr['kind']> = Extract<Expr, { kind: K }>;

/**
 * A walk over a rule expression with a context `C`, one method per node kind, dispatched
 * through a table as kysely's `OperationNodeVisitor` does. The SQL compiler, the reference
 * evaluator and the checker each extend `ConditionVisitor` (condition-visitor.ts), which
 * implements the kinds whose meaning they share.
 */
export abstract class ExprVisitor<R, C> {
  readonly #visitors: { readonly [K in Expr['kind']]: (expr: Node<K>, ctx: C) => R } = {
    literal: (e, c) => this.visitLiteral(e, c),
    null: (e, c) => this.visitNull(e, c),
    enum: (e, c) => this.visitEnum(e, c),
    this: (e, c) => this.visitThis(e, c),
    future: (e, c) => this.visitFuture(e, c),
    auth: (e, c) => this.visitAuth(e, c),
    field: (e, c) => this.visitField(e, c),
    member: (e, c) => this.visitMember(e, c),
    array: (e, c) => this.visitArray(e, c),
    unary: (e, c) => this.visitUnary(e, c),
    binary: (e, c) => this.visitBinary(e, c),
    collection: (e, c) => this.visitCollection(e, c),
    call: (e, c) => this.visitCall(e, c),
  };

  visit(expr: Expr, ctx: C): R {
    return (this.#visitors[expr.kind] as (e: Expr, c: C) => R)(expr, ctx);
  }

  protected abstract visitLiteral(expr: Node<'literal'>, ctx: C): R;
  protected abstract visitNull(expr: Node<'null'>, ctx: C): R;
  protected abstract visitEnum(expr: Node<'enum'>, ctx: C): R;
  protected abstract visitThis(expr: Node<'this'>, ctx: C): R;
  protected abstract visitFuture(expr: Node<'future'>, ctx: C): R;
  protected abstract visitAuth(expr: Node<'auth'>, ctx: C): R;
  protected abstract visitField(expr: Node<'field'>, ctx: C): R;
  protected abstract visitMember(expr: Node<'member'>, ctx: C): R;
  protected abstract visitArray(expr: Node<'array'>, ctx: C): R;
  protected abstract visitUnary(expr: Node<'unary'>, ctx: C): R;
  protected abstract visitBinary(expr: Node<'binary'>, ctx: C): R;
  protected abstract visitCollection(expr: Node<'collection'>, ctx: C): R;
  protected abstract visitCall(expr: Node<'call'>, ctx: C): R;
}
