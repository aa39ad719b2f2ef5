import { describe, expect, it } from 'vitest';
import { DATASOURCE, loadErrors, loadOk } from './helpers.js';

// A model without @id / @@id is identified by its first unique of required fields, as Prisma
// does: field @unique in field order first, then @@unique in declaration order.
describe('identity from a unique', () => {
  it('takes the first required @unique field, skipping optional ones', async () => {
    const s = await loadOk(`${DATASOURCE}
model Session {
  handle String? @unique
  token  String  @unique
  other  String  @unique
  @@unique([handle, other])
}`);
    const m = s.models.Session!;
    expect(m.idFields).toEqual(['token']);
    expect(m.idUnique).toBe('token');
    expect(m.fields.token!.id).toBeUndefined();
    // the unique stays a unique: push creates it as a unique index, not a primary key
    expect(m.uniques.map((u) => u.name)).toEqual(['handle', 'token', 'other', 'handle_other']);
  });

  it('takes a @@unique of required fields (its name when given) after field uniques', async () => {
    const s = await loadOk(`${DATASOURCE}
model VerificationToken {
  identifier String
  token      String
  note       String?
  @@unique([identifier, note])
  @@unique([identifier, token], name: "idToken")
}`);
    expect(s.models.VerificationToken!.idFields).toEqual(['identifier', 'token']);
    expect(s.models.VerificationToken!.idUnique).toBe('idToken');
  });

  it('keeps @id / @@id first: no idUnique', async () => {
    const s = await loadOk(`${DATASOURCE}
model A {
  code String @unique
  id   Int    @id
}`);
    expect(s.models.A!.idFields).toEqual(['id']);
    expect(s.models.A!.idUnique).toBeUndefined();
  });

  it('refuses a model whose only uniques have optional fields, naming the rule', async () => {
    const [e] = await loadErrors(`${DATASOURCE}
model A {
  name String? @unique
  x    Int
  y    Int?
  @@unique([x, y])
}`);
    expect(e).toMatchObject({ code: 'missing-id', line: 5, column: 7 });
    expect(e!.message).toContain('required fields');
  });

  it('refuses a model without an @id in an implicit many-to-many', async () => {
    const [e] = await loadErrors(`${DATASOURCE}
model Tag {
  name  String @unique
  posts Post[]
}
model Post {
  id   Int   @id
  tags Tag[]
}`);
    expect(e).toMatchObject({ code: 'm2m-requires-single-id' });
    expect(e!.message).toContain('@id');
  });

  it('lets a relation reference the unique identity of a model without an id', async () => {
    const s = await loadOk(`${DATASOURCE}
model Session {
  token   String   @unique
  devices Device[]
}
model Device {
  id      Int     @id
  token   String?
  session Session? @relation(fields: [token], references: [token])
}`);
    expect(s.models.Device!.fields.session!.relation).toMatchObject({
      fields: ['token'],
      references: ['token'],
    });
  });
});
