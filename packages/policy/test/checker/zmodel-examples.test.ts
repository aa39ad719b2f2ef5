import { describe, expect, it } from 'vitest';
import { loadSchema } from '@warden/language';
import type { SchemaDef } from '@warden/schema';
import { createChecker } from '../../src/checker/index.js';

async function load(name: string): Promise<SchemaDef> {
  const r = await loadSchema({
    path: new URL(`../../../../examples/schemas/${name}`, import.meta.url).pathname,
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.schema;
}

describe('the example schemas, loaded from ZModel', () => {
  it("post-check.zmodel gives the guide's answers", async () => {
    const checker = createChecker(await load('post-check.zmodel'));
    expect(checker.check('Post', undefined, { operation: 'read' })).toBe(true);
    expect(
      checker.check('Post', undefined, { operation: 'read', where: { published: false } }),
    ).toBe(false);
    expect(
      checker.check(
        'Post',
        { id: 1 },
        { operation: 'read', where: { published: false }, explain: true },
      ),
    ).toEqual({
      allowed: true,
      witness: { published: false, authorId: 1 },
    });
  });

  it('blog.zmodel: Writers create, Readers do not, anonymous sees nothing, authors own their posts', async () => {
    const checker = createChecker(await load('blog.zmodel'));
    expect(checker.check('Post', { id: 'w', role: 'Writer' }, { operation: 'create' })).toBe(true);
    expect(checker.check('Post', { id: 'r', role: 'Reader' }, { operation: 'create' })).toBe(false);
    expect(checker.check('Post', undefined, { operation: 'read' })).toBe(false);
    expect(
      checker.check('Post', { id: 'r' }, { operation: 'read', where: { status: 'published' } }),
    ).toBe(true);
    expect(
      checker.check('Post', { id: 'r' }, { operation: 'delete', where: { authorId: 'r' } }),
    ).toBe(true);
    expect(
      checker.check('Post', { id: 'r' }, { operation: 'delete', where: { authorId: 'x' } }),
    ).toBe(false);
    expect(checker.check('User', undefined, { operation: 'create' })).toBe(true);
    expect(checker.check('User', { id: 'r' }, { operation: 'update', where: { id: 'r' } })).toBe(
      true,
    );
    expect(checker.check('Account', { id: 'r' }, { operation: 'read' })).toBe(false);
  });
});
