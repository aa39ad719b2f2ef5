import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import { coerceId, idFieldOf, resourceToModel } from '../src/resource-model.js';

const loaded = await loadSchema({
  text: `
datasource db { provider = "sqlite" url = "file:./x.db" }
model Post {
  id Int @id
  @@allow('all', true)
}
model BlogPost {
  id BigInt @id
  @@allow('all', true)
}
model Tag {
  name String @id
  @@allow('all', true)
}
`,
  path: resolve('inline.zmodel'),
});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
const schema = loaded.schema;

describe('resources and ids', () => {
  it.each([
    ['post', 'Post'],
    ['Post', 'Post'],
    ['posts', 'Post'],
    ['blog-post', 'BlogPost'],
    ['blog_posts', 'BlogPost'],
    ['blogPost', 'BlogPost'],
    ['nothing', 'nothing'],
  ])('%s -> %s', (resource, model) => {
    expect(resourceToModel(schema, resource)).toBe(model);
  });

  it('route ids become the id field type, and junk stays as it came (the server rejects it)', () => {
    expect(coerceId(idFieldOf(schema.models.Post), '42')).toBe(42);
    expect(coerceId(idFieldOf(schema.models.BlogPost), '9007199254740993')).toBe(9007199254740993n);
    expect(coerceId(idFieldOf(schema.models.Tag), '42')).toBe('42');
    expect(coerceId(idFieldOf(schema.models.Post), 'abc')).toBe('abc');
    expect(coerceId(idFieldOf(schema.models.Post), '')).toBe('');
  });
});
