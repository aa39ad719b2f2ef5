import type { SchemaDef } from '@warden/schema';

/**
 * The typed client for schema `S`. Placeholder until the type layer lands: the ORM-types work
 * replaces this file with the real mapping from `SchemaDef` to delegates, arguments and results.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export type WardenClient<S extends SchemaDef> = any;
