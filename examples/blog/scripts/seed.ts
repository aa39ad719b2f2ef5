// Fills an EMPTY database with two demo users and some posts; a database with users is kept.
// Run from examples/blog: `npx tsx scripts/seed.ts` (DATABASE_URL picks PostgreSQL).
import { createClient } from '@warden/orm';
import { schema } from '../generated/schema';
import { databaseUrl } from '../lib/db';
import { DEMO_USERS } from '../lib/demo-users';
import { hashPassword } from '../lib/password';

type Db = ReturnType<typeof createClient<typeof schema>>;

const TOPICS = [
  'Why schema-first beats code-first',
  'Access rules that live next to the data',
  'SQLite in production: when it is enough',
  'Moving from SQLite to PostgreSQL',
  'Refine in ten minutes',
  'Designing a permission model',
  'What auth() means in a policy',
  'Drafts, reviews and publishing',
  'Pagination that counts right',
  'Filtering posts by status',
  'Sorting by date, title and status',
];

async function seed(db: Db): Promise<void> {
  const ids: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    const created = await db.user.create({
      data: {
        name: user.name,
        email: user.email,
        role: user.role,
        password: await hashPassword(user.password),
      },
      select: { id: true },
    });
    ids[user.role] = created.id;
  }
  const hour = 3_600_000;
  const start = Date.now() - (TOPICS.length + 1) * hour;
  const posts = [
    ...TOPICS.map((title, i) => ({
      title,
      content: `${title}.\n\nA published post by the demo Writer: every signed-in user can read it.`,
      status: 'published',
      createdAt: new Date(start + i * hour),
    })),
    {
      title: 'Unfinished: notes on field-level rules',
      content: 'A draft: only its author (the Writer) sees it.',
      status: 'draft',
      createdAt: new Date(start + TOPICS.length * hour),
    },
    {
      title: 'Unfinished: a post about migrations',
      content: 'Another draft, invisible to the Reader.',
      status: 'draft',
      createdAt: new Date(start + (TOPICS.length + 1) * hour),
    },
  ];
  for (const post of posts) await db.post.create({ data: { ...post, authorId: ids.Writer! } });
  console.log(`Seeded ${DEMO_USERS.length} users and ${posts.length} posts.`);
}

async function main(): Promise<void> {
  const db = createClient(schema, { url: databaseUrl() });
  try {
    if ((await db.user.count()) > 0) console.log('The database already has users: kept as it is.');
    else await seed(db);
  } finally {
    await db.$disconnect();
  }
  console.log('Demo logins:');
  for (const u of DEMO_USERS) {
    console.log(`  ${u.role.padEnd(6)}  ${u.email}  password: ${u.password}`);
  }
}

await main();
