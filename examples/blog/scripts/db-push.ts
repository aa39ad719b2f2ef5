// Makes the database's tables match schema.zmodel (via generated/schema.ts), refusing changes
// that would lose data. `warden db push` does the same from the schema's datasource, but the
// app picks SQLite or PostgreSQL at run time from DATABASE_URL, so it pushes through the client.
import { createClient } from '@warden/orm';
import { schema } from '../generated/schema';
import { databaseUrl } from '../lib/db';

const url = databaseUrl();
const db = createClient(schema, { url });
try {
  const { applied } = (await db.$pushSchema()) as { applied: string[] };
  const where = url.startsWith('file:') ? url : url.replace(/\/\/[^@/]*@/, '//');
  console.log(
    applied.length === 0
      ? `${where}: tables already match the schema`
      : `${where}: ${applied.length} statements applied`,
  );
} finally {
  await db.$disconnect();
}
