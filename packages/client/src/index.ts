export { createFetchClient, type FetchClient, type FetchDelegate } from './fetch/fetch-client.js';
export { callOperation, callTransaction } from './fetch/request.js';
export type { FetchOptions } from './fetch/fetch-options.js';
// The Json nulls for `where` and `data`, without importing the ORM (and its drivers) in a browser.
export { DbNull, JsonNull, AnyNull } from '@warden/schema';
// Failed calls reject with a WardenError (its `code`, `reason`, `path` and HTTP `status`).
export { WardenError, isWardenError } from '@warden/schema';
export type { WardenErrorCode } from '@warden/schema';
