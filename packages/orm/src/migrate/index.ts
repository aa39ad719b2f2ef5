export type { SqlDialectName } from './dialect.js';
export { pushSchema } from './push.js';
export type { PushOptions, PushResult } from './push.js';
export { migrateDev, migrateDeploy, migrateStatus } from './migrations.js';
export type { MigrateDevOptions, MigrateDirOptions, MigrateStatus } from './migrations.js';
