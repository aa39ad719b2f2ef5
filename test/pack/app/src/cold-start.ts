// Cold start: import the ORM, create a client, run one query, disconnect, exit.
import { createClient } from '@warden/orm';
import { schema } from '../generated/schema.js';

const db = createClient(schema, { url: process.env.DATABASE_URL! });
await db.post.findMany({ take: 1 });
await db.$disconnect();
