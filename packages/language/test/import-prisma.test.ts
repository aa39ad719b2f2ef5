import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSchema, importPrismaSchema, loadSchema } from '../src/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

async function importAndLoad(name: string) {
  const imported = importPrismaSchema(fixture(name), name);
  if (!imported.ok) throw new Error(JSON.stringify(imported.diagnostics));
  const loaded = await loadSchema({
    text: imported.text,
    path: name.replace('.prisma', '.zmodel'),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2));
  return { imported, schema: loaded.schema, warnings: loaded.warnings };
}

describe('importPrismaSchema', () => {
  it.each(['auth-blog.prisma', 'shop.prisma', 'saas.prisma'])(
    '%s becomes ZModel that loads without diagnostics and is already formatted',
    async (name) => {
      const { imported, warnings } = await importAndLoad(name);
      expect(warnings).toEqual([]);
      const again = formatSchema(imported.text);
      expect(again.ok && again.text).toBe(imported.text);
    },
  );

  it('drops multi-schema, full-text, preview features and views, with a warning each', async () => {
    const { imported, schema } = await importAndLoad('auth-blog.prisma');
    const warnings = imported.warnings.map((w) => `${w.line}:${w.code}:${w.message.split(':')[0]}`);
    expect(warnings).toEqual([
      "4:import-dropped:Dropped 'previewFeatures' of generator 'client'",
      "11:import-dropped:Dropped datasource setting 'schemas'",
      "19:import-dropped:Dropped '@@schema' on enum 'Role'",
      "39:import-dropped:Dropped '@@schema' on model 'Account'",
      "50:import-dropped:Dropped '@@schema' on model 'Session'",
      "66:import-dropped:Dropped '@@schema' on model 'User'",
      "76:import-dropped:Dropped '@@schema' on model 'VerificationToken'",
      "94:import-dropped:Dropped '@@fulltext' on model 'Post'",
      "96:import-dropped:Dropped '@@schema' on model 'Post'",
      "111:import-dropped:Dropped '@@schema' on model 'Comment'",
      "119:import-dropped:Dropped '@@schema' on model 'Tag'",
      "122:import-dropped:Dropped view 'PostStats'",
    ]);
    expect(imported.text).not.toMatch(/@@schema|@@fulltext|previewFeatures|view |schemas/);
    expect(imported.text).toContain('directUrl = env("DIRECT_URL")');
    expect(imported.text.startsWith('// A Next.js + Auth.js blog, PostgreSQL\n')).toBe(true);
    expect(schema.provider).toBe('postgresql');
    expect(schema.models.Account?.dbName).toBe('accounts');
    expect(schema.models.Account?.fields.userId?.dbName).toBe('user_id');
    expect(schema.models.VerificationToken?.idFields).toEqual(['identifier', 'token']);
    expect(schema.models.Post?.fields.slug?.nativeType).toEqual({ name: 'VarChar', args: [120] });
    expect(schema.models.Post?.fields.tags?.relation).toMatchObject({
      kind: 'many-to-many',
      joinTable: { name: '_PostToTag', column: 'A' },
    });
    expect(schema.models.Comment?.fields.replies?.relation).toMatchObject({
      name: 'Replies',
      opposite: 'parent',
    });
    expect(schema.models.PostStats).toBeUndefined();
  });

  it('keeps enum @map/@@map, composite ids, Decimal, Json, BigInt and Bytes of a shop schema', async () => {
    const { imported, schema } = await importAndLoad('shop.prisma');
    expect(imported.warnings).toEqual([]);
    expect(schema.enums.OrderStatus?.dbNames).toEqual({
      PENDING: 'pending',
      PAID: 'paid',
      SHIPPED: 'shipped',
      CANCELLED: 'cancelled',
    });
    const item = schema.models.OrderItem;
    expect(item?.idFields).toEqual(['orderId', 'productId']);
    expect(item?.fields.product?.relation?.onDelete).toBe('Restrict');
    expect(schema.models.Customer?.fields.id?.default).toEqual({
      kind: 'function',
      name: 'dbgenerated',
      args: ['gen_random_uuid()'],
    });
    expect(schema.models.Order?.fields.total?.default).toEqual({ kind: 'value', value: 0 });
    expect(schema.models.Category?.fields.children?.relation).toMatchObject({
      kind: 'one-to-many',
      opposite: 'parent',
    });
    expect(schema.models.Product?.fields.categories?.relation?.joinTable).toEqual({
      name: '_CategoryToProduct',
      column: 'B',
      otherColumn: 'A',
    });
  });

  it('imports a SQLite SaaS schema with docs, one-to-one and named uniques', async () => {
    const { imported, schema } = await importAndLoad('saas.prisma');
    expect(imported.warnings.map((w) => w.message)).toEqual([
      "Dropped datasource setting 'relationMode': relation emulation is not supported",
    ]);
    expect(schema.provider).toBe('sqlite');
    expect(schema.enums.MemberRole?.doc).toBe('Membership roles');
    expect(schema.models.Organization?.doc).toBe('A tenant');
    expect(schema.models.Profile?.fields.user?.relation?.kind).toBe('one-to-one');
    expect(schema.models.Invitation?.uniques).toEqual([
      { name: 'token', fields: ['token'] },
      { name: 'one_invite_per_email', fields: ['orgId', 'email'] },
    ]);
    expect(schema.models.ApiKey?.fields.legacy).toMatchObject({
      kind: 'unsupported',
      type: 'blob',
    });
    expect(schema.models.User?.fields.lastSeenAt?.ignored).toBe(true);
    expect(schema.authModel).toBe('User');
  });

  it('warns about unsupported providers and fails on invalid Prisma text', () => {
    const r = importPrismaSchema('datasource db {\n  provider = "mysql"\n}\n');
    expect(r.ok && r.warnings.map((w) => [w.code, w.line, w.column])).toEqual([
      ['import-dropped', 2, 14],
    ]);
    const bad = importPrismaSchema('model A {\n  id Int @id(\n}\n', 'x.prisma');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.diagnostics[0]?.file).toBe('x.prisma');
  });
});
