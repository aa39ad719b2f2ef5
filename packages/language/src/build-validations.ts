import type { FieldValidation } from '@warden/schema';
import type { ExprNode } from './ast.js';
import { asNumber, asString } from './arg-values.js';
import type { Diagnostics } from './diagnostic.js';

export function optionalMessage(
  node: ExprNode | undefined,
  attrName: string,
  diagnostics: Diagnostics,
): string | undefined {
  return node === undefined
    ? undefined
    : asString(node, `The message of '${attrName}'`, diagnostics);
}

/** `@email`, `@url`, `@regex`, `@startsWith`, `@endsWith`, `@length` of a String field. */
export function stringValidation(
  name: string,
  args: ReadonlyMap<string, ExprNode>,
  diagnostics: Diagnostics,
): FieldValidation | undefined {
  const message = optionalMessage(args.get('message'), name, diagnostics);
  const withMessage = message === undefined ? {} : { message };
  switch (name) {
    case '@email':
    case '@url':
      return { kind: name === '@email' ? 'email' : 'url', ...withMessage };
    case '@regex': {
      const pattern = asString(
        args.get('regex') as ExprNode,
        `The pattern of '@regex'`,
        diagnostics,
      );
      if (pattern === undefined) return undefined;
      try {
        new RegExp(pattern);
      } catch {
        diagnostics.error(
          'invalid-argument',
          `'@regex' pattern is not a valid regular expression: ${pattern}`,
          (args.get('regex') as ExprNode).span,
        );
        return undefined;
      }
      return { kind: 'regex', pattern, ...withMessage };
    }
    case '@startsWith':
    case '@endsWith': {
      const value = asString(args.get('text') as ExprNode, `The text of '${name}'`, diagnostics);
      return value === undefined
        ? undefined
        : { kind: name === '@startsWith' ? 'startsWith' : 'endsWith', value, ...withMessage };
    }
    default: {
      const minNode = args.get('min');
      const maxNode = args.get('max');
      const min =
        minNode === undefined
          ? undefined
          : asNumber(minNode, `'min' of '@length'`, diagnostics, true);
      const max =
        maxNode === undefined
          ? undefined
          : asNumber(maxNode, `'max' of '@length'`, diagnostics, true);
      if (min !== undefined && max !== undefined && min > max) {
        diagnostics.error(
          'invalid-argument',
          `'@length' has min ${min} greater than max ${max}`,
          (minNode as ExprNode).span,
        );
        return undefined;
      }
      return {
        kind: 'length',
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
        ...withMessage,
      };
    }
  }
}
