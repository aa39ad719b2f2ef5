import type { Kysely } from 'kysely';
import type { SchemaDef } from '@warden/schema';
import { pushSchema } from '../migrate/index.js';
import type { PushResult } from '../migrate/index.js';

/** `$pushSchema`: the migrate module's `pushSchema` on the client's connection. */
export function pushSchemaFor(
  kysely: Kysely<any>,
  provider: 'sqlite' | 'postgresql',
  schema: SchemaDef,
  options: { acceptDataLoss?: boolean },
): Promise<PushResult> {
  return pushSchema(kysely, provider, schema, options);
}
