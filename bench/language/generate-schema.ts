/**
 * A schema of `count` models, each with a to-one relation to the auth model and to the previous
 * model, a back-relation list, four policies (auth(), future(), a collection predicate) and a
 * @@validate: the shape the language benchmark times.
 */
export function generateSchema(count: number): string {
  const out: string[] = [
    'datasource db {\n  provider = "postgresql"\n}\n',
    'enum Status {\n  DRAFT\n  PUBLISHED\n  ARCHIVED\n}\n',
  ];
  const backLinks = Array.from({ length: count }, (_, i) => `  m${i}s M${i}[]`).join('\n');
  out.push(`model User {
  id    String @id @default(cuid())
  email String @unique
  role  String @default("Reader")
${backLinks}
  @@allow('read', true)
  @@allow('all', auth() == this)
}
`);
  for (let i = 0; i < count; i++) {
    const prev =
      i > 0
        ? `  prev      M${i - 1}?  @relation(fields: [prevId], references: [id])\n  prevId    String?\n`
        : '';
    const next = i < count - 1 ? `  nexts     M${i + 1}[]\n` : '';
    const deny =
      i < count - 1 ? `  @@deny('delete', nexts?[status == PUBLISHED && owner != auth()])\n` : '';
    out.push(`/// Generated model ${i}
model M${i} {
  id        String   @id @default(cuid())
  title     String   @length(1, 100)
  status    Status   @default(DRAFT)
  score     Int      @default(0)
  createdAt DateTime @default(now())
  owner     User     @relation(fields: [ownerId], references: [id], onDelete: Cascade)
  ownerId   String
${prev}${next}
  @@index([ownerId])
  @@unique([ownerId, title])
  @@allow('read', status == PUBLISHED || owner == auth())
  @@allow('create', auth() != null && auth().role == 'Writer')
  @@allow('update', owner == auth() && future().owner == auth())
${deny}  @@validate(score >= 0 && length(title, 1, 100), 'bad score')
}
`);
  }
  return out.join('\n');
}
