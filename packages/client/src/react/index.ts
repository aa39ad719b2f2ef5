export {
  createHooks,
  type Hooks,
  type ModelHooks,
  type QueryHookOptions,
  type MutationHookOptions,
} from './create-hooks.js';
export { WardenProvider, useFetchOptions } from './provider.js';
export { queryKey, type WardenQueryKey } from './query-key.js';
export { modelsReadBy, modelsWrittenBy } from './touched-models.js';
