import type { FieldPolicyRule, ModelValidation, PolicyOperation, PolicyRule } from '@warden/schema';
import type { ExprNode } from './ast.js';
import { asString, unwrap } from './arg-values.js';
import type { Diagnostics } from './diagnostic.js';
import type { ModelInfo } from './model-info.js';
import { resolveCondition, type ExprContext } from './resolve-expression.js';

const MODEL_OPERATIONS: readonly PolicyOperation[] = ['create', 'read', 'update', 'delete'];
const FIELD_OPERATIONS = ['read', 'update'] as const;

export interface RuleScope {
  readonly models: ReadonlyMap<string, ModelInfo>;
  readonly enumValues: ReadonlyMap<string, readonly string[]>;
  readonly authModel: ModelInfo | undefined;
  readonly diagnostics: Diagnostics;
}

/** `@@allow`/`@@deny`/`@@validate` of a model and `@allow`/`@deny` of its fields. */
export function buildRules(model: ModelInfo, scope: RuleScope): void {
  const { diagnostics } = scope;
  const policies: PolicyRule[] = [];
  const validations: ModelValidation[] = [];
  const context = (kind: ExprContext['kind'], allowFuture: boolean): ExprContext => ({
    kind,
    model,
    models: scope.models,
    enumValues: scope.enumValues,
    authModel: scope.authModel,
    allowFuture,
    diagnostics,
  });
  for (const { node, args } of model.attributes) {
    if (node.name === '@@allow' || node.name === '@@deny') {
      const operations = parseOperations(
        args.get('operation') as ExprNode,
        MODEL_OPERATIONS,
        diagnostics,
        'invalid-policy-operation',
      );
      const condNode = args.get('condition') as ExprNode;
      const condition = resolveCondition(
        condNode,
        context('policy', operations?.includes('update') ?? true),
      );
      if (!operations) continue;
      policies.push({
        kind: node.name === '@@allow' ? 'allow' : 'deny',
        operations,
        condition,
        source: sourceText(condNode),
      });
    } else if (node.name === '@@validate') {
      const condNode = args.get('condition') as ExprNode;
      const condition = resolveCondition(condNode, context('validate', false));
      const messageNode = args.get('message');
      const message =
        messageNode === undefined
          ? undefined
          : asString(messageNode, `The message of '@@validate'`, diagnostics);
      validations.push({
        condition,
        source: sourceText(condNode),
        ...(message === undefined ? {} : { message }),
      });
    }
  }
  model.def.policies = policies;
  model.def.validations = validations;

  for (const field of model.fields.values()) {
    const rules: FieldPolicyRule[] = [];
    for (const { node, args } of field.attributes) {
      if ((node.name !== '@allow' && node.name !== '@deny') || field.kind === 'relation') continue;
      const operations = parseOperations(
        args.get('operation') as ExprNode,
        FIELD_OPERATIONS,
        diagnostics,
        'invalid-field-policy-operation',
      );
      const condNode = args.get('condition') as ExprNode;
      const condition = resolveCondition(
        condNode,
        context('policy', operations?.includes('update') ?? true),
      );
      if (!operations) continue;
      rules.push({
        kind: node.name === '@allow' ? 'allow' : 'deny',
        operations,
        condition,
        source: sourceText(condNode),
      });
    }
    if (rules.length > 0) field.def.policies = rules;
  }
}

/** `'read'`, `'all'` or `'read,update'`, expanded in canonical order. */
function parseOperations<T extends string>(
  node: ExprNode,
  allowed: readonly T[],
  diagnostics: Diagnostics,
  code: 'invalid-policy-operation' | 'invalid-field-policy-operation',
): T[] | undefined {
  const n = unwrap(node);
  if (n.k !== 'string') {
    diagnostics.error(
      code,
      `The operation must be a string like 'read' or 'create,update'`,
      n.span,
    );
    return undefined;
  }
  const wanted = new Set<string>();
  for (const part of n.value.split(',')) {
    const op = part.trim();
    if (op === 'all') for (const a of allowed) wanted.add(a);
    else if ((allowed as readonly string[]).includes(op)) wanted.add(op);
    else {
      const list = [...allowed, 'all'].map((a) => `'${a}'`).join(', ');
      const why =
        code === 'invalid-field-policy-operation' && ['create', 'delete'].includes(op)
          ? ' (field rules apply only to read and update)'
          : '';
      diagnostics.error(code, `'${op}' is not a valid operation here; use ${list}${why}`, n.span);
      return undefined;
    }
  }
  return allowed.filter((a) => wanted.has(a));
}

function sourceText(node: ExprNode): string {
  return node.span.file.text.slice(node.span.start, node.span.end);
}
