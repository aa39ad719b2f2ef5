import type { LiteralValue } from '@warden/schema';
import type { ExprNode, Ident } from './ast.js';
import type { Diagnostics } from './diagnostic.js';

/** Strips grouping parentheses, which never change a literal's meaning. */
export function unwrap(node: ExprNode): ExprNode {
  let n = node;
  while (n.k === 'paren') n = n.inner;
  return n;
}

export function asString(
  node: ExprNode,
  what: string,
  diagnostics: Diagnostics,
): string | undefined {
  const n = unwrap(node);
  if (n.k === 'string') return n.value;
  diagnostics.error('invalid-argument', `${what} must be a string`, n.span);
  return undefined;
}

/** A number literal, with unary minus folded. */
export function numberOf(node: ExprNode): number | undefined {
  const n = unwrap(node);
  if (n.k === 'number') return Number(n.raw);
  if (n.k === 'unary' && n.op === '-') {
    const v = numberOf(n.operand);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

export function isIntegerText(node: ExprNode): boolean {
  const n = unwrap(node);
  if (n.k === 'number') return /^\d+$/.test(n.raw);
  if (n.k === 'unary' && n.op === '-') return isIntegerText(n.operand);
  return false;
}

export function asNumber(
  node: ExprNode,
  what: string,
  diagnostics: Diagnostics,
  integer = false,
): number | undefined {
  const v = numberOf(node);
  if (v === undefined || (integer && !isIntegerText(node))) {
    diagnostics.error(
      'invalid-argument',
      `${what} must be ${integer ? 'an integer' : 'a number'}`,
      node.span,
    );
    return undefined;
  }
  return v;
}

export function asIdent(node: ExprNode, what: string, diagnostics: Diagnostics): Ident | undefined {
  const n = unwrap(node);
  if (n.k === 'ident') return { name: n.name, span: n.span };
  diagnostics.error('invalid-argument', `${what} must be a name`, n.span);
  return undefined;
}

/**
 * `[a, b]` (or a single name) as a list of field names. Prisma's `b(sort: Desc)` forms keep
 * their name; the extra arguments only tune the index.
 */
export function asFieldRefs(
  node: ExprNode,
  what: string,
  diagnostics: Diagnostics,
): Ident[] | undefined {
  const n = unwrap(node);
  const items = n.k === 'array' ? n.items : [n];
  const out: Ident[] = [];
  for (const item of items) {
    const i = unwrap(item);
    if (i.k === 'ident') out.push({ name: i.name, span: i.span });
    else if (i.k === 'call') out.push(i.callee);
    else {
      diagnostics.error(
        'invalid-argument',
        `${what} must be a list of field names, like [id]`,
        i.span,
      );
      return undefined;
    }
  }
  if (out.length === 0) {
    diagnostics.error('invalid-argument', `${what} must name at least one field`, n.span);
    return undefined;
  }
  return out;
}

/** A literal in the schema as data; `undefined` when the node is not a literal. */
export function literalOf(node: ExprNode): LiteralValue | undefined {
  const n = unwrap(node);
  if (n.k === 'string' || n.k === 'boolean') return n.value;
  if (n.k === 'null') return null;
  if (n.k !== 'number' && n.k !== 'unary') return undefined;
  const v = numberOf(n);
  if (v === undefined) return undefined;
  if (isIntegerText(n) && !Number.isSafeInteger(v)) {
    const text = n.k === 'number' ? n.raw : '-' + textOfNumber(n.operand);
    return { bigint: text.replace(/^(-?)0+(?=\d)/, '$1') };
  }
  return v;
}

function textOfNumber(node: ExprNode): string {
  const n = unwrap(node);
  return n.k === 'number' ? n.raw : '0';
}
