// The type layer of the client: from a `SchemaDef` literal type to delegates, arguments and
// results. Types only; nothing here exists at run time.
export type {
  WardenClient,
  ClientMethods,
  ModelDelegates,
  IsolationLevel,
  TransactionOptions,
  PushSchemaOptions,
  PushSchemaResult,
} from './client.js';
export type { ModelDelegate, BatchResult } from './delegate.js';
export type {
  ShapeArgs,
  FindManyArgs,
  FindUniqueArgs,
  CreateArgs,
  CreateManyArgs,
  CreateManyAndReturnArgs,
  UpdateArgs,
  UpdateManyArgs,
  UpdateManyAndReturnArgs,
  UpsertArgs,
  DeleteArgs,
  DeleteManyArgs,
  ExistsArgs,
  CheckArgs,
} from './args.js';
export type {
  CountArgs,
  AggregateArgs,
  GroupByArgs,
  CountResult,
  AggregateResult,
  GroupByResult,
} from './aggregate.js';
export type { ModelResult, DefaultResult } from './result.js';
export type { WhereInput } from './where.js';
export type { WhereUniqueInput } from './where-unique.js';
export type { OrderByInput, SortOrder } from './order-by.js';
export type { SelectInput, IncludeInput, OmitInput } from './select.js';
export type { CreateInput, CreateManyInput } from './create-input.js';
export type { UpdateInput, UpdateManyInput } from './update-input.js';
export type {
  JsonValue,
  JsonObject,
  JsonArray,
  InputJsonValue,
  InputJsonObject,
  InputJsonArray,
  JsonFieldInput,
} from './scalars.js';
export type { ModelName } from './schema-access.js';
export type { QueryMode, JsonFilter, JsonNullValueFilter } from './filters.js';
