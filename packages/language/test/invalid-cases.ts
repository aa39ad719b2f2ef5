/**
 * Invalid schemas, each with the diagnostic it must produce and where (line:column of the
 * first character the diagnostic points at). Schemas start with a new line, so the first
 * declaration is on line 2.
 */
export interface InvalidCase {
  readonly name: string;
  readonly code: string;
  readonly at: string;
  readonly schema: string;
}

const USER = `
model User {
  id    Int    @id
  role  String
  posts Post[]
}`;

export const INVALID_CASES: InvalidCase[] = [
  // syntax
  {
    name: 'missing field type',
    code: 'syntax-error',
    at: '4:3',
    schema: `
model A {
  id Int @id
  name
}`,
  },
  {
    name: 'garbage at top level',
    code: 'syntax-error',
    at: '2:1',
    schema: `
modle A {
  id Int @id
}`,
  },
  {
    name: 'missing model name',
    code: 'syntax-error',
    at: '2:7',
    schema: `
model {
  id Int @id
}`,
  },
  {
    name: 'unclosed model at end of file',
    code: 'unexpected-end',
    at: '4:1',
    schema: `
model A {
  id Int @id
`,
  },
  {
    name: 'invalid character',
    code: 'invalid-character',
    at: '3:14',
    schema: `
model A {
  id Int @id #
}`,
  },
  {
    name: 'unterminated string',
    code: 'unterminated-string',
    at: '4:20',
    schema: `
model A {
  id   Int    @id
  name String @map("name)
}`,
  },
  {
    name: 'optional list',
    code: 'syntax-error',
    at: '4:16',
    schema: `
model A {
  id   Int    @id
  tags String[]?
}`,
  },
  {
    name: 'unclosed attribute arguments',
    code: 'syntax-error',
    at: '4:1',
    schema: `
model A {
  id Int @id @default(autoincrement()
}`,
  },
  {
    name: 'field attribute at model level',
    code: 'syntax-error',
    at: '4:3',
    schema: `
model A {
  id Int @id
  @unique
}`,
  },
  {
    name: 'bad expression',
    code: 'syntax-error',
    at: '4:24',
    schema: `
model A {
  id Int @id
  @@allow('read', id ==)
}`,
  },
  // declarations
  {
    name: 'duplicate model',
    code: 'duplicate-declaration',
    at: '5:7',
    schema: `
model A {
  id Int @id
}
model A {
  id Int @id
}`,
  },
  {
    name: 'model and enum share a name',
    code: 'duplicate-declaration',
    at: '5:6',
    schema: `
model A {
  id Int @id
}
enum A {
  X
}`,
  },
  {
    name: 'model named like a scalar',
    code: 'duplicate-declaration',
    at: '2:7',
    schema: `
model String {
  id Int @id
}`,
  },
  {
    name: 'duplicate field',
    code: 'duplicate-field',
    at: '4:3',
    schema: `
model A {
  id Int @id
  id String
}`,
  },
  {
    name: 'duplicate enum value',
    code: 'duplicate-enum-value',
    at: '4:3',
    schema: `
enum Role {
  ADMIN
  ADMIN
}`,
  },
  {
    name: 'unknown type',
    code: 'unknown-type',
    at: '4:8',
    schema: `
model A {
  id   Int   @id
  name Strin
}`,
  },
  {
    name: 'extends unknown model',
    code: 'unknown-base-model',
    at: '2:17',
    schema: `
model A extends Base {
  id Int @id
}`,
  },
  {
    name: 'extends a concrete model',
    code: 'extends-non-abstract',
    at: '5:17',
    schema: `
model Base {
  id Int @id
}
model A extends Base {
  name String
}`,
  },
  {
    name: 'inheritance cycle',
    code: 'inheritance-cycle',
    at: '5:26',
    schema: `
abstract model A extends B {
  x Int
}
abstract model B extends A {
  y Int
}`,
  },
  {
    name: 'field inherited twice',
    code: 'duplicate-field',
    at: '6:3',
    schema: `
abstract model Base {
  id Int @id
}
model A extends Base {
  id String
}`,
  },
  {
    name: 'view block',
    code: 'unsupported-declaration',
    at: '2:6',
    schema: `
view V {
  id Int @id
}`,
  },
  {
    name: 'two datasources',
    code: 'duplicate-datasource',
    at: '5:12',
    schema: `
datasource a {
  provider = "sqlite"
}
datasource b {
  provider = "sqlite"
}`,
  },
  {
    name: 'unsupported provider',
    code: 'invalid-provider',
    at: '3:14',
    schema: `
datasource db {
  provider = "mysql"
}`,
  },
  {
    name: 'datasource without provider',
    code: 'invalid-provider',
    at: '2:12',
    schema: `
datasource db {
  url = "file:dev.db"
}`,
  },
  // ids
  {
    name: 'model without id or unique of required fields',
    code: 'missing-id',
    at: '2:7',
    schema: `
model A {
  name String? @unique
}`,
  },
  {
    name: 'two @id fields',
    code: 'duplicate-id',
    at: '4:9',
    schema: `
model A {
  a Int @id
  b Int @id
}`,
  },
  {
    name: '@id and @@id',
    code: 'duplicate-id',
    at: '5:3',
    schema: `
model A {
  a Int @id
  b Int
  @@id([a, b])
}`,
  },
  {
    name: 'optional id',
    code: 'invalid-id-field',
    at: '3:11',
    schema: `
model A {
  id Int? @id
}`,
  },
  {
    name: '@@id on unknown field',
    code: 'unknown-field-reference',
    at: '5:12',
    schema: `
model A {
  a Int
  b Int
  @@id([a, c])
}`,
  },
  // attributes
  {
    name: 'unknown field attribute',
    code: 'unknown-attribute',
    at: '3:14',
    schema: `
model A {
  id Int @id @primary
}`,
  },
  {
    name: 'unknown model attribute',
    code: 'unknown-attribute',
    at: '4:3',
    schema: `
model A {
  id Int @id
  @@cache
}`,
  },
  {
    name: 'duplicate attribute',
    code: 'duplicate-attribute',
    at: '3:14',
    schema: `
model A {
  id Int @id @id
}`,
  },
  {
    name: 'unknown argument name',
    code: 'unknown-argument',
    at: '4:20',
    schema: `
model A {
  id   Int    @id
  name String @map(nam: "n")
}`,
  },
  {
    name: 'too many arguments',
    code: 'unknown-argument',
    at: '4:25',
    schema: `
model A {
  id   Int    @id
  name String @map("n", "m")
}`,
  },
  {
    name: 'missing argument',
    code: 'missing-argument',
    at: '4:15',
    schema: `
model A {
  id   Int    @id
  name String @map
}`,
  },
  {
    name: 'duplicate argument',
    code: 'duplicate-argument',
    at: '4:31',
    schema: `
model A {
  id   Int    @id
  name String @length(min: 1, min: 2)
}`,
  },
  {
    name: '@map with a number',
    code: 'invalid-argument',
    at: '4:20',
    schema: `
model A {
  id   Int    @id
  name String @map(42)
}`,
  },
  {
    name: '@updatedAt on a String',
    code: 'invalid-attribute-target',
    at: '4:15',
    schema: `
model A {
  id   Int    @id
  name String @updatedAt
}`,
  },
  {
    name: '@email on an Int',
    code: 'invalid-attribute-target',
    at: '4:11',
    schema: `
model A {
  id  Int @id
  age Int @email
}`,
  },
  {
    name: '@gt on a String',
    code: 'invalid-attribute-target',
    at: '4:15',
    schema: `
model A {
  id   Int    @id
  name String @gt(1)
}`,
  },
  {
    name: '@relation on a scalar',
    code: 'invalid-attribute-target',
    at: '4:15',
    schema: `
model A {
  id   Int    @id
  name String @relation(fields: [id], references: [id])
}`,
  },
  {
    name: 'invalid regex',
    code: 'invalid-argument',
    at: '4:22',
    schema: `
model A {
  id   Int    @id
  name String @regex("[a-")
}`,
  },
  {
    name: '@length min above max',
    code: 'invalid-argument',
    at: '4:23',
    schema: `
model A {
  id   Int    @id
  name String @length(5, 2)
}`,
  },
  // defaults
  {
    name: 'string default on Int',
    code: 'invalid-default',
    at: '4:22',
    schema: `
model A {
  id    Int @id
  count Int @default("x")
}`,
  },
  {
    name: 'autoincrement on String',
    code: 'invalid-default',
    at: '3:26',
    schema: `
model A {
  id String @id @default(autoincrement())
}`,
  },
  {
    name: 'unknown default function',
    code: 'invalid-default',
    at: '3:26',
    schema: `
model A {
  id String @id @default(guid())
}`,
  },
  {
    name: 'default not an enum value',
    code: 'invalid-default',
    at: '7:22',
    schema: `
enum Role {
  USER
}
model A {
  id   Int  @id
  role Role @default(ADMIN)
}`,
  },
  {
    name: 'list default on a scalar',
    code: 'invalid-default',
    at: '4:24',
    schema: `
model A {
  id   Int    @id
  name String @default([])
}`,
  },
  {
    name: 'now() on Int',
    code: 'invalid-default',
    at: '4:22',
    schema: `
model A {
  id    Int @id
  count Int @default(now())
}`,
  },
  {
    name: 'float default on Int',
    code: 'invalid-default',
    at: '4:22',
    schema: `
model A {
  id    Int @id
  count Int @default(1.5)
}`,
  },
  // relations
  {
    name: 'missing opposite field',
    code: 'missing-opposite-relation',
    at: '4:3',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
}
model User {
  id Int @id
}`,
  },
  {
    name: 'relation fields do not exist',
    code: 'unknown-field-reference',
    at: '4:36',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [autorId], references: [id])
  authorId Int
}${USER}`,
  },
  {
    name: 'relation references do not exist',
    code: 'unknown-field-reference',
    at: '4:60',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [uid])
  authorId Int
}${USER}`,
  },
  {
    name: 'fields and references differ in count',
    code: 'relation-fields-mismatch',
    at: '4:17',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId, id], references: [id])
  authorId Int
}${USER}`,
  },
  {
    name: 'fields without references',
    code: 'relation-fields-mismatch',
    at: '4:17',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId])
  authorId Int
}${USER}`,
  },
  {
    name: 'foreign key type mismatch',
    code: 'relation-type-mismatch',
    at: '4:38',
    schema: `
model Post {
  id       Int    @id
  author   User   @relation(fields: [authorId], references: [id])
  authorId String
}${USER}`,
  },
  {
    name: 'references not unique',
    code: 'relation-reference-not-unique',
    at: '4:62',
    schema: `
model Post {
  id       Int    @id
  author   User   @relation(fields: [authorId], references: [role])
  authorId String
}${USER}`,
  },
  {
    name: 'neither side has fields',
    code: 'relation-missing-fields',
    at: '4:3',
    schema: `
model Post {
  id     Int  @id
  author User
}${USER}`,
  },
  {
    name: 'fields on both sides',
    code: 'relation-fields-on-both-sides',
    at: '10:11',
    schema: `
model A {
  id  Int @id
  bId Int @unique
  b   B   @relation(fields: [bId], references: [id])
}
model B {
  id  Int @id
  aId Int @unique
  a   A?  @relation(fields: [aId], references: [id])
}`,
  },
  {
    name: 'fields on the list side',
    code: 'relation-fields-on-list',
    at: '4:10',
    schema: `
model A {
  id Int @id
  bs B[] @relation(fields: [id], references: [aId])
}
model B {
  id  Int @id
  aId Int @unique
  a   A
}`,
  },
  {
    name: 'one-to-one foreign key not unique',
    code: 'one-to-one-fk-not-unique',
    at: '5:34',
    schema: `
model Profile {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
}
model User {
  id      Int      @id
  profile Profile?
}`,
  },
  {
    name: 'one-to-one back side required',
    code: 'one-to-one-opposite-required',
    at: '9:11',
    schema: `
model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}
model User {
  id      Int     @id
  profile Profile
}`,
  },
  {
    name: 'required relation with optional foreign key',
    code: 'relation-optionality',
    at: '4:12',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id])
  authorId Int?
}${USER}`,
  },
  {
    name: 'ambiguous relations',
    code: 'ambiguous-relation',
    at: '4:3',
    schema: `
model Post {
  id         Int  @id
  author     User @relation(fields: [authorId], references: [id])
  authorId   Int
  editor     User @relation(fields: [editorId], references: [id])
  editorId   Int
}
model User {
  id     Int    @id
  posts  Post[]
  edited Post[]
}`,
  },
  {
    name: 'relation to an abstract model',
    code: 'relation-to-abstract',
    at: '7:6',
    schema: `
abstract model Base {
  id Int @id
}
model A {
  id Int  @id
  b  Base
}`,
  },
  {
    name: 'invalid referential action',
    code: 'invalid-referential-action',
    at: '4:75',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id], onDelete: Delete)
  authorId Int
}${USER}`,
  },
  {
    name: 'many-to-many with composite id',
    code: 'm2m-requires-single-id',
    at: '7:3',
    schema: `
model A {
  id Int @id
  bs B[]
}
model B {
  as A[]
  x  Int
  y  Int
  @@id([x, y])
}`,
  },
  // expressions
  {
    name: 'unknown field in a rule',
    code: 'unknown-reference',
    at: '5:19',
    schema: `
model A {
  id     Int    @id
  status String
  @@allow('read', statu == 'x')
}`,
  },
  {
    name: 'unknown member of auth()',
    code: 'unknown-member',
    at: '8:19',
    schema: `
model User {
  id Int @id
}
model A {
  id     Int    @id
  status String
  @@allow('read', auth().role == 'x')
}`,
  },
  {
    name: 'auth() without an auth model',
    code: 'auth-without-model',
    at: '4:19',
    schema: `
model A {
  id Int @id
  @@allow('read', auth() != null)
}`,
  },
  {
    name: 'future() in a read rule',
    code: 'future-outside-update',
    at: '5:19',
    schema: `
model A {
  id     Int    @id
  status String
  @@allow('read', future().status == 'x')
}`,
  },
  {
    name: 'comparing a String with an Int',
    code: 'type-mismatch',
    at: '5:19',
    schema: `
model A {
  id     Int    @id
  status String
  @@allow('read', status == 1)
}`,
  },
  {
    name: 'condition that is not Boolean',
    code: 'not-boolean',
    at: '5:19',
    schema: `
model A {
  id     Int    @id
  status String
  @@allow('read', status)
}`,
  },
  {
    name: 'collection predicate on a to-one relation',
    code: 'invalid-collection-predicate',
    at: '6:19',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
  @@allow('read', author?[role == 'x'])
}${USER}`,
  },
  {
    name: 'member access on a list',
    code: 'member-on-list',
    at: '6:19',
    schema: `
model User {
  id    Int    @id
  posts Post[]
  role  String
  @@allow('read', posts.title == 'x')
}
model Post {
  id       Int    @id
  title    String
  author   User   @relation(fields: [authorId], references: [id])
  authorId Int
}`,
  },
  {
    name: 'unknown function',
    code: 'unknown-function',
    at: '4:19',
    schema: `
model A {
  id Int @id
  @@allow('read', lower(id))
}`,
  },
  {
    name: 'wrong argument type',
    code: 'type-mismatch',
    at: '4:28',
    schema: `
model A {
  id Int @id
  @@allow('read', contains(id, 'x'))
}`,
  },
  {
    name: 'invalid policy operation',
    code: 'invalid-policy-operation',
    at: '4:11',
    schema: `
model A {
  id Int @id
  @@allow('write', true)
}`,
  },
  {
    name: 'field rule for delete',
    code: 'invalid-field-policy-operation',
    at: '4:22',
    schema: `
model A {
  id   Int    @id
  name String @allow('delete', true)
}`,
  },
  {
    name: '@@validate using a relation',
    code: 'validate-non-scalar',
    at: '6:14',
    schema: `
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
  @@validate(author != null)
}${USER}`,
  },
  {
    name: 'length() outside @@validate',
    code: 'unknown-function',
    at: '5:19',
    schema: `
model A {
  id   Int    @id
  name String
  @@allow('read', length(name, 1))
}`,
  },
  {
    name: 'enum compared with a wrong string',
    code: 'type-mismatch',
    at: '8:27',
    schema: `
enum Role {
  ADMIN
}
model A {
  id   Int  @id
  role Role
  @@allow('read', role == 'OWNER')
}`,
  },
  {
    name: 'in with a non-list right side',
    code: 'type-mismatch',
    at: '5:19',
    schema: `
model A {
  id   Int    @id
  name String
  @@allow('read', name in 'abc')
}`,
  },
  {
    name: 'currentModel() with a casing it does not know',
    code: 'invalid-argument',
    at: '4:32',
    schema: `
model A {
  id Int @id
  @@allow('read', currentModel('foo') == 'A')
}`,
  },
  {
    name: 'currentOperation() with a casing it does not know',
    code: 'invalid-argument',
    at: '4:68',
    schema: `
model A {
  id Int @id
  @@allow('read', currentOperation() == 'read' || currentOperation('Upper') == 'READ')
}`,
  },
  {
    name: 'check() on a scalar',
    code: 'type-mismatch',
    at: '5:25',
    schema: `
model A {
  id   Int    @id
  name String
  @@allow('read', check(name))
}`,
  },
  {
    name: 'relational operator on Booleans',
    code: 'type-mismatch',
    at: '5:19',
    schema: `
model A {
  id Int     @id
  ok Boolean
  @@allow('read', ok < true)
}`,
  },
  // files
  {
    name: 'import of a missing file',
    code: 'file-not-found',
    at: '2:1',
    schema: `
import "does-not-exist"
model A {
  id Int @id
}`,
  },
];
