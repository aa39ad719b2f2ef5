import type { Arg, BinaryOpText, ExprNode } from './ast.js';
import { TokenStream } from './token-stream.js';

const EQUALITY = new Set(['==', '!=', 'in']);
const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const OR = new Set(['||']);
const AND = new Set(['&&']);
const LEVELS = [OR, AND, EQUALITY, RELATIONAL];
const MAX_DEPTH = 200;
const MAX_OPERATORS = 1000;

/**
 * Expression grammar, lowest precedence first:
 * `||`, `&&`, `== != in`, `< <= > >=`, unary `! -`, postfix (`.name`, `?[..]`, `![..]`, `^[..]`),
 * primary (literal, name, call, `this`, `null`, `(..)`, `[..]`).
 */
export class ExpressionParser extends TokenStream {
  /** Nesting depth of expressions being parsed; bounded so deep input cannot overflow the stack. */
  private depth = 0;

  /** Operators and postfix accesses in the current top-level expression, bounded likewise. */
  private operators = 0;

  private countOperator(): void {
    if (++this.operators > MAX_OPERATORS) {
      this.operators = 0;
      this.fail(`Expression has more than ${MAX_OPERATORS} operators`);
    }
  }

  parseExpression(): ExprNode {
    if (this.depth === 0) this.operators = 0;
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      this.fail(`Expression is nested more than ${MAX_DEPTH} levels deep`);
    }
    try {
      return this.binaryLevel(0);
    } finally {
      this.depth = Math.max(0, this.depth - 1);
    }
  }

  /** Operator sets from lowest to highest precedence; past the last comes unary. */
  private binaryLevel(level: number): ExprNode {
    const ops = LEVELS[level];
    if (!ops) return this.parseUnary();
    let left = this.binaryLevel(level + 1);
    for (;;) {
      const t = this.tok;
      const op = t.text;
      if (!((t.kind === 'punct' || (t.kind === 'ident' && op === 'in')) && ops.has(op))) {
        return left;
      }
      this.next();
      this.countOperator();
      const right = this.binaryLevel(level + 1);
      left = { k: 'binary', op: op as BinaryOpText, left, right, span: this.spanFrom(left.span) };
    }
  }

  private parseUnary(): ExprNode {
    const t = this.tok;
    if (t.kind === 'punct' && (t.text === '!' || t.text === '-')) {
      this.next();
      const operand = this.parseExpressionOperand();
      return { k: 'unary', op: t.text, operand, span: this.spanFrom(t) };
    }
    return this.parsePostfix();
  }

  /** A unary operand counts as a nesting level, like a parenthesised expression. */
  private parseExpressionOperand(): ExprNode {
    if (++this.depth > MAX_DEPTH) {
      this.depth = 0;
      this.fail(`Expression is nested more than ${MAX_DEPTH} levels deep`);
    }
    try {
      return this.parseUnary();
    } finally {
      this.depth = Math.max(0, this.depth - 1);
    }
  }

  private parsePostfix(): ExprNode {
    let expr = this.parsePrimary();
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'punct') return expr;
      if (t.text === '.') {
        this.next();
        this.countOperator();
        const name = this.expectIdent('a field name after "."');
        expr = {
          k: 'member',
          object: expr,
          name: { name: name.text, span: this.spanOf(name) },
          span: this.spanFrom(expr.span),
        };
        continue;
      }
      if ((t.text === '?' || t.text === '!' || t.text === '^') && this.peek().text === '[') {
        this.next();
        this.countOperator();
        this.next();
        const predicate = this.parseExpression();
        this.expect(']');
        expr = {
          k: 'collection',
          quantifier: t.text,
          collection: expr,
          predicate,
          span: this.spanFrom(expr.span),
        };
        continue;
      }
      return expr;
    }
  }

  private parsePrimary(): ExprNode {
    const t = this.tok;
    const span = this.spanOf(t);
    switch (t.kind) {
      case 'string':
        this.next();
        return { k: 'string', value: t.value ?? '', raw: t.text, span };
      case 'number':
        this.next();
        return { k: 'number', raw: t.text, span };
      case 'ident': {
        this.next();
        if (t.text === 'true' || t.text === 'false')
          return { k: 'boolean', value: t.text === 'true', span };
        if (t.text === 'null') return { k: 'null', span };
        if (t.text === 'this') return { k: 'this', span };
        if (this.is('(')) {
          const args = this.parseArgList();
          return { k: 'call', callee: { name: t.text, span }, args, span: this.spanFrom(t) };
        }
        return { k: 'ident', name: t.text, span };
      }
      case 'punct':
        if (t.text === '(') {
          this.next();
          const inner = this.parseExpression();
          this.expect(')');
          return { k: 'paren', inner, span: this.spanFrom(t) };
        }
        if (t.text === '[') {
          this.next();
          const items: ExprNode[] = [];
          while (!this.is(']')) {
            items.push(this.parseExpression());
            if (!this.eat(',')) break;
          }
          this.expect(']');
          return { k: 'array', items, span: this.spanFrom(t) };
        }
        break;
      case 'eof':
        break;
    }
    return this.fail(
      `Expected an expression but found ${t.kind === 'eof' ? 'end of file' : `'${t.text}'`}`,
    );
  }

  /** `( [name:] expr, ... )`, the cursor on `(`. */
  protected parseArgList(): Arg[] {
    this.expect('(');
    const args: Arg[] = [];
    while (!this.is(')')) {
      const start = this.tok;
      let name: Arg['name'];
      if (start.kind === 'ident' && this.peek().text === ':' && this.peek().kind === 'punct') {
        this.next();
        this.next();
        name = { name: start.text, span: this.spanOf(start) };
      }
      const value = this.parseExpression();
      args.push({ ...(name ? { name } : {}), value, span: this.spanFrom(start) });
      if (!this.eat(',')) break;
    }
    this.expect(')', "')' or ','");
    return args;
  }
}
