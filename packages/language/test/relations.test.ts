import { describe, expect, it } from 'vitest';
import { DATASOURCE, loadErrors, loadOk } from './helpers.js';

describe('relations', () => {
  it('builds implicit many-to-many with Prisma join-table naming', async () => {
    const s = await loadOk(`${DATASOURCE}
model Tag {
  id    Int    @id
  posts Post[]
}
model Post {
  id   Int   @id
  tags Tag[]
}`);
    expect(s.models.Post?.fields.tags?.relation).toEqual({
      name: 'PostToTag',
      kind: 'many-to-many',
      model: 'Tag',
      opposite: 'posts',
      joinTable: { name: '_PostToTag', column: 'A', otherColumn: 'B' },
    });
    expect(s.models.Tag?.fields.posts?.relation).toEqual({
      name: 'PostToTag',
      kind: 'many-to-many',
      model: 'Post',
      opposite: 'tags',
      joinTable: { name: '_PostToTag', column: 'B', otherColumn: 'A' },
    });
  });

  it('uses the relation name for named many-to-many and self relations', async () => {
    const s = await loadOk(`${DATASOURCE}
model User {
  id        Int    @id
  followers User[] @relation("Follows")
  following User[] @relation("Follows")
}`);
    expect(s.models.User?.fields.followers?.relation).toMatchObject({
      name: 'Follows',
      kind: 'many-to-many',
      model: 'User',
      opposite: 'following',
      joinTable: { name: '_Follows', column: 'A', otherColumn: 'B' },
    });
    expect(s.models.User?.fields.following?.relation?.joinTable?.column).toBe('B');
  });

  it('builds one-to-one with the owner holding the unique foreign key', async () => {
    const s = await loadOk(`${DATASOURCE}
model User {
  id      Int      @id
  profile Profile?
}
model Profile {
  id     Int  @id
  user   User @relation(fields: [userId], references: [id], onDelete: Cascade, onUpdate: Restrict)
  userId Int  @unique
}`);
    expect(s.models.Profile?.fields.user?.relation).toEqual({
      name: 'ProfileToUser',
      kind: 'one-to-one',
      model: 'User',
      opposite: 'profile',
      fields: ['userId'],
      references: ['id'],
      onDelete: 'Cascade',
      onUpdate: 'Restrict',
    });
    expect(s.models.User?.fields.profile?.relation).toEqual({
      name: 'ProfileToUser',
      kind: 'one-to-one',
      model: 'Profile',
      opposite: 'user',
    });
    expect(s.models.Profile?.fields.userId?.foreignKeyOf).toEqual(['user']);
  });

  it('pairs several named relations between two models and self one-to-many', async () => {
    const s = await loadOk(`${DATASOURCE}
model User {
  id       Int    @id
  written  Post[] @relation("written")
  edited   Post[] @relation("edited")
}
model Post {
  id       Int   @id
  author   User  @relation("written", fields: [authorId], references: [id])
  authorId Int
  editor   User? @relation(name: "edited", fields: [editorId], references: [id], onDelete: SetNull)
  editorId Int?
  parent   Post? @relation("tree", fields: [parentId], references: [id])
  parentId Int?
  children Post[] @relation("tree")
}`);
    const post = s.models.Post;
    expect(post?.fields.author?.relation).toMatchObject({
      name: 'written',
      opposite: 'written',
      kind: 'many-to-one',
    });
    expect(post?.fields.editor?.relation).toMatchObject({
      name: 'edited',
      opposite: 'edited',
      onDelete: 'SetNull',
    });
    expect(s.models.User?.fields.edited?.relation).toMatchObject({
      opposite: 'editor',
      kind: 'one-to-many',
    });
    expect(post?.fields.parent?.relation).toMatchObject({
      model: 'Post',
      opposite: 'children',
      fields: ['parentId'],
    });
    expect(post?.fields.children?.relation).toMatchObject({
      model: 'Post',
      opposite: 'parent',
      kind: 'one-to-many',
    });
  });

  it('supports composite foreign keys referencing a composite unique', async () => {
    const s = await loadOk(`${DATASOURCE}
model Tenant {
  org   String
  slug  String
  users User[]
  @@id([org, slug])
}
model User {
  id         Int    @id
  tenantOrg  String
  tenantSlug String
  tenant     Tenant @relation(fields: [tenantOrg, tenantSlug], references: [org, slug])
}`);
    expect(s.models.User?.fields.tenant?.relation).toMatchObject({
      fields: ['tenantOrg', 'tenantSlug'],
      references: ['org', 'slug'],
    });
    expect(s.models.User?.fields.tenantSlug?.foreignKeyOf).toEqual(['tenant']);
  });

  it('names both sides of an ambiguous pair in the diagnostics', async () => {
    const errors = await loadErrors(`${DATASOURCE}
model User {
  id    Int    @id
  posts Post[] @relation("a")
}
model Post {
  id       Int  @id
  author   User @relation("b", fields: [authorId], references: [id])
  authorId Int
}`);
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['missing-opposite-relation', 7],
      ['missing-opposite-relation', 11],
    ]);
    expect(errors[0]?.message).toBe(
      "Relation field 'posts' on model 'User' has no opposite relation field named 'a' on model 'Post'",
    );
  });
});

describe('fields and attributes', () => {
  it('keeps @map, @@map, enums with @map, native types, Unsupported, defaults of every kind', async () => {
    const s = await loadOk(`datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

plugin hooks {
  provider = "@warden/hooks"
  output   = "./gen"
  strict   = true
}

/// Roles people can have
enum Role {
  ADMIN @map("admin")
  USER
  @@map("roles")
}

model Item {
  id       String   @id @default(uuid(7)) @db.Uuid
  name     String   @db.VarChar(255) @map("item_name")
  big      BigInt   @default(9007199254740993)
  price    Decimal  @default("1.50") @db.Decimal(10, 2)
  ratio    Float    @default(-0.5)
  role     Role     @default(USER)
  roles    Role[]   @default([ADMIN])
  tags     String[] @default([])
  data     Json     @default("{}")
  at       DateTime @default(dbgenerated("now()"))
  owner    String   @default(auth().id)
  legacy   Unsupported("circle")?
  secret   String   @ignore
  email    String   @email("bad email") @endsWith(".com") @length(max: 50)
  qty      Int      @gte(0) @lt(100, "too many")
  @@map("items")
  @@index([name, price], name: "by_name_price")
  @@unique([name, role], map: "uq_name_role")
}

model User {
  id Int @id
}`);
    expect(s.provider).toBe('postgresql');
    expect(s.plugins).toEqual({
      hooks: {
        name: 'hooks',
        options: { provider: '@warden/hooks', output: './gen', strict: true },
      },
    });
    expect(s.enums.Role).toEqual({
      name: 'Role',
      values: ['ADMIN', 'USER'],
      dbNames: { ADMIN: 'admin' },
      doc: 'Roles people can have',
    });
    const item = s.models.Item;
    expect(item?.dbName).toBe('items');
    const f = item?.fields;
    expect(f?.id).toMatchObject({
      default: { kind: 'function', name: 'uuid', args: [7] },
      nativeType: { name: 'Uuid', args: [] },
    });
    expect(f?.name).toMatchObject({
      dbName: 'item_name',
      nativeType: { name: 'VarChar', args: [255] },
    });
    expect(f?.big?.default).toEqual({ kind: 'value', value: { bigint: '9007199254740993' } });
    expect(f?.price?.default).toEqual({ kind: 'value', value: '1.50' });
    expect(f?.price?.nativeType).toEqual({ name: 'Decimal', args: [10, 2] });
    expect(f?.ratio?.default).toEqual({ kind: 'value', value: -0.5 });
    expect(f?.role?.default).toEqual({ kind: 'enum', value: 'USER' });
    expect(f?.role?.kind).toBe('enum');
    expect(f?.roles?.default).toEqual({ kind: 'value', value: ['ADMIN'] });
    expect(f?.tags?.default).toEqual({ kind: 'value', value: [] });
    expect(f?.data?.default).toEqual({ kind: 'value', value: '{}' });
    expect(f?.at?.default).toEqual({ kind: 'function', name: 'dbgenerated', args: ['now()'] });
    expect(f?.owner?.default).toEqual({ kind: 'auth', path: ['id'] });
    expect(f?.legacy).toMatchObject({ kind: 'unsupported', type: 'circle', optional: true });
    expect(f?.secret?.ignored).toBe(true);
    expect(f?.email?.validations).toEqual([
      { kind: 'email', message: 'bad email' },
      { kind: 'endsWith', value: '.com' },
      { kind: 'length', max: 50 },
    ]);
    expect(f?.qty?.validations).toEqual([
      { kind: 'gte', value: 0 },
      { kind: 'lt', value: 100, message: 'too many' },
    ]);
    expect(item?.indexes).toEqual([{ name: 'by_name_price', fields: ['name', 'price'] }]);
    expect(item?.uniques).toEqual([
      { name: 'name_role', fields: ['name', 'role'], dbName: 'uq_name_role' },
    ]);
  });

  it('takes the @@auth model over User, and accepts a schema without any auth model', async () => {
    const s = await loadOk(`${DATASOURCE}
model User {
  id Int @id
}
model Account {
  id   Int    @id
  role String
  @@auth
  @@allow('read', auth().role == 'admin')
}`);
    expect(s.authModel).toBe('Account');
    const t = await loadOk(`${DATASOURCE}
model Thing {
  id Int @id
  @@allow('all', true)
}`);
    expect(t.authModel).toBeUndefined();
    expect('authModel' in t).toBe(false);
  });
});
