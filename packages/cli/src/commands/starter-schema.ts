/** What `warden init` writes when there is no Prisma schema to import. */
export const STARTER_SCHEMA = `// Warden schema: models, relations, and who may do what with them.
// Edit it, then run \`warden check\` and \`warden generate\`.

datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

/// A person who can sign in.
model User {
  id    String  @id @default(cuid())
  email String  @unique @email
  name  String?
  role  String  @default("Reader")
  posts Post[]

  // anybody can sign up
  @@allow('create', true)

  // signed-in users see each other; everybody manages their own account
  @@allow('read', auth() != null)
  @@allow('all', auth() == this)
}

model Post {
  id        String   @id @default(cuid())
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  title     String   @length(1, 200)
  published Boolean  @default(false)
  author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
  authorId  String

  // published posts are public
  @@allow('read', published)

  // writers create posts; authors manage their own
  @@allow('create', auth().role == 'Writer' && author == auth())
  @@allow('read,update,delete', author == auth())
}
`;
