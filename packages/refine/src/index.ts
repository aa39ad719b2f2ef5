export { createDataProvider, type DataProviderOptions } from './data-provider.js';
export {
  createAccessControlProvider,
  type AccessControlOptions,
  type WardenAccessControlProvider,
} from './access-control-provider.js';
export { createWardenProviders } from './providers.js';
export { filtersToWhere, sortersToOrderBy } from './filters-to-where.js';
export { toHttpError } from './to-http-error.js';
