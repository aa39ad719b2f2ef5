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
export {
  enhance,
  type EnhanceContext,
  type EnhanceOptions,
  type EnhancedExtras,
} from './enhance/enhance.js';
export { userShapeKey } from './user-shape.js';
export { createChecker } from './checker/index.js';
export type {
  CheckArgs,
  CheckExplanation,
  CheckerOptions,
  PermissionChecker,
} from './checker/index.js';
