import type { Expr } from '@warden/schema';

/**
 * `expr` with the row's own Boolean fields named in `fixed` replaced by their values: the
 * caller's `where` fixes them for every row the rule is applied to (the rule is ANDed with
 * it), so the rule may fold. `{ published: true }` turns `auth() != null && published` into
 * `auth() != null`, TRUE for a signed-in user, and the read filter of a filtered count then
 * adds nothing to its SQL. Only the rule's own row is replaced: not `future()` (the row after
 * an update may differ), not inside collection predicates (their fields are the elements')
 * or `check()` (another model's rules), not through relations.
 *
 * @example
 * fixFields(rule, 'Post', { published: true }) // `published` -> `true`
 */
export function fixFields(
  expr: Expr,
  model: string,
  fixed: Readonly<Record<string, boolean>>,
): Expr {
  const fix = (e: Expr): Expr => {
    switch (e.kind) {
      case 'field':
        return e.model === model && Object.hasOwn(fixed, e.name)
          ? { kind: 'literal', value: fixed[e.name]! }
          : e;
      case 'member':
        return e.object.kind === 'this' && e.model === model && Object.hasOwn(fixed, e.name)
          ? { kind: 'literal', value: fixed[e.name]! }
          : e;
      case 'unary':
        return { ...e, operand: fix(e.operand) };
      case 'binary':
        return { ...e, left: fix(e.left), right: fix(e.right) };
      case 'array':
        return { ...e, items: e.items.map(fix) };
      case 'call':
        return e.name === 'check' ? e : { ...e, args: e.args.map(fix) };
      case 'collection':
      case 'auth':
      case 'enum':
      case 'future':
      case 'literal':
      case 'null':
      case 'this':
        return e;
    }
  };
  return fix(expr);
}
