// Opens a database whose driver this app did not install: the error must name the package.
import { createClient } from '@warden/orm';
import { schema } from '../generated/schema.js';

try {
  createClient(schema, { url: process.argv[2]! });
  console.log(JSON.stringify({ opened: true }));
} catch (e) {
  const { code, message } = e as { code?: string; message: string };
  console.log(JSON.stringify({ code, message }));
}
