export type * from './schema-def.js';
export type * from './expr.js';
export {
  lowerCaseFirst,
  findModel,
  findField,
  columnFields,
  relationFields,
  idKey,
} from './helpers.js';
export { WardenError, isWardenError } from './errors.js';
export { statusOf, isWardenErrorCode, isRetryable } from './error-status.js';
export type { WardenErrorCode, RejectReason, WardenErrorDetails } from './errors.js';
export { DbNull, JsonNull, AnyNull, NullValue, nullValueName, nullValueOf } from './null-values.js';
export type { NullValueName } from './null-values.js';
