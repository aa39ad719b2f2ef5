// Run as a child process by disconnect-exit.test.ts: one query, `$disconnect()`, then nothing.
// Prints how long the process lived on after `$disconnect()` returned: anything still open (a
// pool's socket, its idle timer) keeps it alive.
import { createClient } from '../../../src/index.js';
import { blogSchema } from '../../fixtures/blog-schema.js';

const url = process.argv.at(-1)!;
const db: any = createClient(blogSchema, { url });
// A model query: it runs on the pool directly, never through Kysely (raw SQL would).
const rows = await db.tag.findMany();
await db.$disconnect();
const disconnected = performance.now();
process.on('exit', () => {
  console.log(JSON.stringify({ rows, livedOnMs: performance.now() - disconnected }));
});
