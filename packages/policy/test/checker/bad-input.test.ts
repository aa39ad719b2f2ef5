import { describe, expect, it } from 'vitest';
import { isWardenError } from '@warden/schema';
import { createChecker } from '../../src/checker/index.js';
import type { CheckArgs } from '../../src/checker/index.js';
import { allow, enumField, lit, scalar, thingSchema } from './fixtures.js';
import { blogSchema } from './fixtures.js';

const schema = thingSchema(
  [
    scalar('count', 'Int'),
    scalar('price', 'Decimal'),
    scalar('at', 'DateTime'),
    scalar('done', 'Boolean'),
    scalar('big', 'BigInt'),
    enumField('status', 'Status'),
  ],
  [allow('all', lit(true))],
  { Status: { name: 'Status', values: ['Draft', 'Live'] } },
);
const checker = createChecker(schema);

function invalid(run: () => unknown): { model?: string; path?: string; message: string } {
  try {
    run();
  } catch (e) {
    if (isWardenError(e) && e.code === 'INVALID_INPUT')
      return { model: e.model, path: e.path, message: e.message };
    throw e;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('bad input is rejected with INVALID_INPUT naming model and path', () => {
  it('rejects an unknown model', () => {
    expect(invalid(() => checker.check('Nope', undefined, { operation: 'read' }))).toMatchObject({
      model: 'Nope',
      message: expect.stringContaining("unknown model 'Nope'"),
    });
    expect(invalid(() => checker.checkAll(undefined, { models: ['Nope'] })).model).toBe('Nope');
  });

  it('rejects an unknown operation', () => {
    const e = invalid(() =>
      checker.check('Thing', undefined, { operation: 'upsert' } as unknown as CheckArgs),
    );
    expect(e).toMatchObject({
      model: 'Thing',
      path: 'operation',
      message: expect.stringContaining("'upsert'"),
    });
  });

  it('rejects unknown fields in where and in field', () => {
    expect(
      invalid(() => checker.check('Thing', undefined, { operation: 'read', where: { nope: 1 } })),
    ).toMatchObject({
      model: 'Thing',
      path: 'where.nope',
      message: expect.stringContaining("unknown field 'nope'"),
    });
    expect(
      invalid(() => checker.check('Thing', undefined, { operation: 'read', field: 'nope' })),
    ).toMatchObject({
      model: 'Thing',
      path: 'field',
    });
    expect(
      invalid(() => checker.check('Thing', undefined, { operation: 'create', field: 'count' }))
        .path,
    ).toBe('field');
    const blog = createChecker(blogSchema());
    expect(
      invalid(() =>
        blog.check('Post', undefined, { operation: 'read', where: { author: { nope: 1 } } }),
      ),
    ).toMatchObject({
      model: 'Post',
      path: 'where.author.nope',
    });
  });

  it.each([
    ['count', '3', 'where.count'],
    ['count', 1.5, 'where.count'],
    ['done', 'yes', 'where.done'],
    ['status', 'Archived', 'where.status'],
    ['at', 'yesterday', 'where.at'],
    ['price', true, 'where.price'],
    ['big', 1.5, 'where.big'],
    ['id', { in: 3 }, 'where.id.in'],
    ['id', { in: [1, 'x'] }, 'where.id.in[1]'],
    ['id', { gt: 'a' }, 'where.id.gt'],
    ['id', { near: 1 }, 'where.id.near'],
    ['count', { contains: 'a' }, 'where.count.contains'],
  ])('rejects %s: %j (path %s)', (field, value, path) => {
    const e = invalid(() =>
      checker.check('Thing', undefined, { operation: 'read', where: { [field]: value } }),
    );
    expect(e).toMatchObject({ model: 'Thing', path });
    expect(e.message).toContain(path);
  });

  it('rejects a where or a user that is not an object', () => {
    expect(
      invalid(() => checker.check('Thing', undefined, { operation: 'read', where: [] as never }))
        .path,
    ).toBe('where');
    expect(
      invalid(() => checker.check('Thing', 'alice' as never, { operation: 'read' })).path,
    ).toBe('user');
  });

  it('accepts well-typed values of every kind', () => {
    const where = {
      count: 3,
      price: '12.50',
      at: new Date('2024-05-01T00:00:00Z'),
      done: false,
      big: 2n ** 40n,
      status: 'Live',
      id: { in: [1, 2], not: 2 },
    };
    expect(checker.check('Thing', undefined, { operation: 'read', where })).toBe(true);
    expect(
      checker.check('Thing', undefined, {
        operation: 'read',
        where: { at: '2024-05-01T00:00:00Z', price: 3.25 },
      }),
    ).toBe(true);
  });
});
