export type { WardenClient } from './types/index.js';
export type {
  ModelDelegate,
  ModelResult,
  DefaultResult,
  ModelName,
  WhereInput,
  WhereUniqueInput,
  OrderByInput,
  SelectInput,
  IncludeInput,
  OmitInput,
  CreateInput,
  CreateManyInput,
  UpdateInput,
  UpdateManyInput,
  FindManyArgs,
  FindUniqueArgs,
  CreateArgs,
  UpdateArgs,
  UpsertArgs,
  DeleteArgs,
  CountArgs,
  AggregateArgs,
  GroupByArgs,
  CheckArgs,
  BatchResult,
  JsonValue,
  JsonObject,
  JsonArray,
  InputJsonValue,
  InputJsonObject,
  InputJsonArray,
  JsonFieldInput,
  JsonFilter,
  JsonNullValueFilter,
  SortOrder,
  QueryMode,
} from './types/index.js';
export { createClient, withHooks, clientContext } from './client/create-client.js';
export type { ClientOptions } from './client/create-client.js';
export { DEFAULT_LIMITS } from './validate/limits.js';
export type { InputLimits } from './validate/limits.js';
export type { LogOption, LogLevel, QueryLogEvent } from './client/connect.js';
export type { IsolationLevel, TransactionOptions } from './client/transaction.js';
export { WardenPromise } from './client/warden-promise.js';
export type { FieldUse, QueryHooks, QueryContext, RowOperation } from './context.js';
export type { WriteHooks, UpdateOrigin, IdWhere } from './write/write-hooks.js';
export { hookParam, ParamRef } from './plan/param-ref.js';
export { writeWasKept } from './write/readable-returning.js';
export { rowKey } from './write/row-key.js';
export { withIdsSelected } from './write/result.js';
export { Decimal } from './codec/decimal.js';
export {
  hashPassword,
  verifyPassword,
  isPasswordHash,
  DEFAULT_PASSWORD_PARAMS,
} from './password/password-hash.js';
export type { PasswordParams } from './password/password-hash.js';
export { prehashedPassword } from './password/hash-write-args.js';
export type { PrehashedPassword } from './password/hash-write-args.js';
export { WardenError, isWardenError } from '@warden/schema';
// Json nulls live in @warden/schema so browser clients and the wire format share them.
export { DbNull, JsonNull, AnyNull, NullValue } from '@warden/schema';
export type { NullValueName } from '@warden/schema';
export { pushSchema, migrateDev, migrateDeploy, migrateStatus } from './migrate/index.js';
export type {
  SqlDialectName,
  PushOptions,
  PushResult,
  MigrateDevOptions,
  MigrateDirOptions,
  MigrateStatus,
} from './migrate/index.js';
