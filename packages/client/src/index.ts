export { createFetchClient, type FetchClient, type FetchDelegate } from './fetch/fetch-client.js';
export { callOperation, callTransaction } from './fetch/request.js';
export type { FetchOptions } from './fetch/fetch-options.js';
