import type { SchemaDef } from '@warden/schema';
import { createTestDatabase } from '@warden/test-kit';
import type { TestDialect } from '@warden/test-kit';
import { clientContext, createClient } from '../../src/index.js';
import { encodeValue } from '../../src/codec/encode.js';
import { blogSchema } from '../fixtures/blog-schema.js';
import { seedBlog } from '../fixtures/blog-seed.js';

export interface TestClient {
  db: any;
  drop(): Promise<void>;
}

/** A fresh database of `dialect` with `schema` pushed; `drop()` disconnects and removes it. */
export async function openDatabase(
  dialect: TestDialect,
  schema: SchemaDef = blogSchema,
  log?: (e: unknown) => void,
): Promise<TestClient> {
  const t = await createTestDatabase(dialect);
  const db: any = createClient(schema, { url: t.url, ...(log ? { log } : {}) });
  await db.$pushSchema();
  return {
    db,
    drop: async () => {
      await db.$disconnect();
      await t.drop();
    },
  };
}

/** The blog schema, pushed and seeded with `blog-seed.ts`. */
export async function openBlog(
  dialect: TestDialect,
  log?: (e: unknown) => void,
): Promise<TestClient> {
  const t = await openDatabase(dialect, blogSchema, log);
  await seedBlog(t.db);
  return t;
}

/**
 * Inserts rows directly (bypassing the ORM's writes), encoding values the way the ORM stores
 * them. Rows use schema field names; relation fields are not allowed.
 */
export async function insertRows(
  db: any,
  modelName: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  const ctx = clientContext(db);
  const model = ctx.schema.models[modelName]!;
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      const f = model.fields[k]!;
      values[f.dbName] = encodeValue(ctx, f, v, [k], { model: modelName, operation: 'seed' });
    }
    await ctx.kysely.insertInto(model.dbName).values(values).execute();
  }
}

/** Links posts and tags through the implicit join table. */
export async function linkTags(db: any, pairs: [postId: number, tagId: number][]): Promise<void> {
  const ctx = clientContext(db);
  for (const [A, B] of pairs) await ctx.kysely.insertInto('_PostToTag').values({ A, B }).execute();
}
