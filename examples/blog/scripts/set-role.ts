// Gives a user a role: `npx tsx scripts/set-role.ts someone@example.com Writer`.
// New accounts are Readers (the schema's default); this is how an administrator promotes one.
import { createClient } from '@warden/orm';
import { schema } from '../generated/schema';
import { databaseUrl } from '../lib/db';

const [email, role] = process.argv.slice(2);
if (!email || (role !== 'Reader' && role !== 'Writer')) {
  console.error('usage: npx tsx scripts/set-role.ts <email> Reader|Writer');
  process.exit(2);
}
const db = createClient(schema, { url: databaseUrl() });
try {
  const { count } = await db.user.updateMany({
    where: { email: email.toLowerCase() },
    data: { role },
  });
  console.log(count === 1 ? `${email} is now a ${role}` : `No user with email ${email}`);
  process.exitCode = count === 1 ? 0 : 1;
} finally {
  await db.$disconnect();
}
