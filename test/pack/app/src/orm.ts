// The ORM, enhance() and check() from the installed packages, on the schema `warden init`
// wrote. Prints what it saw as one JSON line.
import { createClient } from '@warden/orm';
import { enhance } from '@warden/policy';
import { schema } from '../generated/schema.js';

const db = createClient(schema, { url: process.env.DATABASE_URL! });
const writer = await db.user.create({ data: { email: 'writer@example.com', role: 'Writer' } });
await db.post.create({ data: { title: 'Draft', authorId: writer.id } });
await db.post.create({ data: { title: 'Public', published: true, authorId: writer.id } });

const anonymous = enhance(db, {});
const asWriter = enhance(db, { user: { id: writer.id, role: 'Writer' } });
const publicPosts = await anonymous.post.findMany({ select: { title: true } });
const ownPosts = await asWriter.post.findMany({ orderBy: { title: 'asc' } });
// Typed from the generated schema: `published` is a boolean, `title` a string.
const flags: boolean[] = ownPosts.map((p) => p.published);
const titles: string[] = publicPosts.map((p) => p.title);
const denied = await anonymous.post.create({ data: { title: 'Nope', authorId: writer.id } }).then(
  () => 'created',
  (e: { code?: string }) => e.code,
);

console.log(
  JSON.stringify({
    titles,
    own: ownPosts.map((p) => p.title),
    flags,
    denied,
    writerMayCreate: await asWriter.post.check({ operation: 'create' }),
    anonymousMayCreate: await anonymous.post.check({ operation: 'create' }),
  }),
);
await db.$disconnect();
