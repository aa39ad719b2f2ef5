import type { Expr } from '@warden/schema';
import { ExprVisitor } from './expr-visitor.js';
import { permit, quantify, type SplitRules, type Truth } from './truth.js';

type Node<K extends Expr['kind']> = Extract<Expr, { kind: K }>;

/** The kinds a condition reads as a value (a Boolean field, `auth().isAdmin`, a literal). */
type ValueKind =
  'literal' | 'null' | 'enum' | 'this' | 'future' | 'auth' | 'field' | 'member' | 'array';

/**
 * Walks a rule condition to a three-valued `T` with the meaning every walker shares: `!`, `&&`
 * and `||` are Kleene's, a collection predicate over listed rows is quantified element by
 * element (a list the data does not give is UNKNOWN, see `quantify`), and rules combine as
 * "some allow TRUE, every deny FALSE" (`permit`). Subclasses give the representation
 * (`truth`), comparisons, calls, what a value means as a condition, the elements of a
 * collection and collections over stored rows.
 */
export abstract class ConditionVisitor<T, P, C> extends ExprVisitor<T, C> {
  constructor(readonly truth: Truth<T, P>) {
    super();
  }

  /** The rules' verdict for the row in `ctx` (`noAllowMeans`: see `permit`). */
  permitted<R extends { readonly condition: Expr }>(
    rules: SplitRules<R>,
    ctx: C,
    noAllowMeans: P = this.truth.two.no,
  ): P {
    return permit(this.truth, rules, (r) => this.visit(r.condition, ctx), noAllowMeans);
  }

  protected visitUnary(expr: Node<'unary'>, ctx: C): T {
    return this.truth.not(this.visit(expr.operand, ctx));
  }

  protected visitBinary(expr: Node<'binary'>, ctx: C): T {
    switch (expr.op) {
      case '&&':
        return this.truth.and(this.visit(expr.left, ctx), () => this.visit(expr.right, ctx));
      case '||':
        return this.truth.or(this.visit(expr.left, ctx), () => this.visit(expr.right, ctx));
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
      case 'in':
        return this.visitComparison(expr, ctx);
    }
  }

  protected visitCollection(expr: Node<'collection'>, ctx: C): T {
    const elements = this.elementsOf(expr, ctx);
    if (elements === undefined) return this.visitStoredCollection(expr, ctx);
    const results = elements && elements.map((element) => this.visit(expr.predicate, element));
    return quantify(this.truth, expr.quantifier, results);
  }

  protected visitLiteral(expr: Node<'literal'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitNull(expr: Node<'null'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitEnum(expr: Node<'enum'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitThis(expr: Node<'this'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitFuture(expr: Node<'future'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitAuth(expr: Node<'auth'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitField(expr: Node<'field'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitMember(expr: Node<'member'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }
  protected visitArray(expr: Node<'array'>, ctx: C): T {
    return this.visitValue(expr, ctx);
  }

  /** `== != < <= > >= in`. */
  protected abstract visitComparison(expr: Node<'binary'>, ctx: C): T;
  /** A value used as a condition: TRUE / FALSE for Booleans, UNKNOWN for null. */
  protected abstract visitValue(expr: Node<ValueKind>, ctx: C): T;
  /**
   * The contexts of a collection's elements when the rows are listed (constant data, or rows
   * at hand in JavaScript); `null` when the data does not give the list (UNKNOWN);
   * `undefined` for stored rows, which `visitStoredCollection` handles.
   */
  protected abstract elementsOf(expr: Node<'collection'>, ctx: C): readonly C[] | null | undefined;
  protected abstract visitStoredCollection(expr: Node<'collection'>, ctx: C): T;
}
