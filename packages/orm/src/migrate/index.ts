export type { SqlDialectName } from './dialect.js';
export { pushSchema } from './push.js';
export type { PushOptions, PushResult } from './push.js';
