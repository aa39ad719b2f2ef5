import type { Arg, AttributeNode, ExprNode, TypeRef } from './ast.js';

/** Canonical text of an expression: single spaces around binary operators, grouping kept. */
export function printExpression(node: ExprNode): string {
  switch (node.k) {
    case 'string':
      return node.raw;
    case 'number':
      return node.raw;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'this':
      return 'this';
    case 'ident':
      return node.name;
    case 'member':
      return `${printExpression(node.object)}.${node.name.name}`;
    case 'call':
      return `${node.callee.name}(${printArgs(node.args)})`;
    case 'array':
      return `[${node.items.map(printExpression).join(', ')}]`;
    case 'unary':
      return `${node.op}${printExpression(node.operand)}`;
    case 'binary':
      return `${printExpression(node.left)} ${node.op} ${printExpression(node.right)}`;
    case 'collection':
      return `${printExpression(node.collection)}${node.quantifier}[${printExpression(node.predicate)}]`;
    case 'paren':
      return `(${printExpression(node.inner)})`;
    case 'error':
      return '';
  }
}

export function printArgs(args: readonly Arg[]): string {
  return args.map((a) => (a.name ? `${a.name.name}: ` : '') + printExpression(a.value)).join(', ');
}

export function printAttribute(node: AttributeNode): string {
  return node.parens ? `${node.name}(${printArgs(node.args)})` : node.name;
}

export function printType(type: TypeRef): string {
  const base =
    type.unsupported === undefined
      ? type.name.name
      : `Unsupported(${JSON.stringify(type.unsupported)})`;
  return base + (type.list ? '[]' : '') + (type.optional ? '?' : '');
}
