export { createChecker } from './checker.js';
export type {
  CheckArgs,
  CheckExplanation,
  CheckerOptions,
  Operation,
  PermissionChecker,
} from './types.js';
