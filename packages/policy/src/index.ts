export {
  compilePolicyFilter,
  compileFieldPolicyFilter,
  type PolicyFilter,
  type PolicyFilterOptions,
} from './compile-policy-filter.js';
export {
  evaluateRule,
  evaluateFieldRule,
  evaluateCondition,
  type RelatedRowsResolver,
  type EvaluateOptions,
} from './evaluate/reference-evaluator.js';
export type { PolicyDialect, PolicyUser, PolicyRow, Tri } from './types.js';
