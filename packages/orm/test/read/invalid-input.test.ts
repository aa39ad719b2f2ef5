import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { isWardenError } from '../../src/index.js';
import type { TestClient } from '../helpers/setup.js';
import { openBlog } from '../helpers/setup.js';

describe.each(await testDialects())(
  'bad arguments are INVALID_INPUT before any SQL on %s',
  (dialect) => {
    let t: TestClient;
    let db: any;
    const events: unknown[] = [];
    beforeAll(async () => {
      t = await openBlog(dialect, (e) => events.push(e));
      db = t.db;
    });
    afterAll(() => t.drop());

    async function rejects(run: () => PromiseLike<unknown>, path: string, detail: RegExp) {
      const before = events.length;
      const err = await Promise.resolve(run()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isWardenError(err) && err.code).toBe('INVALID_INPUT');
      expect((err as { path?: string }).path).toBe(path);
      expect((err as Error).message).toMatch(detail);
      expect(events.length).toBe(before);
    }

    it('unknown fields in where, select, include, omit, orderBy', async () => {
      await rejects(
        () => db.post.findMany({ where: { nope: 1 } }),
        'where.nope',
        /unknown field 'nope' of model Post/,
      );
      await rejects(
        () => db.post.findMany({ select: { nope: true } }),
        'select.nope',
        /unknown field/,
      );
      await rejects(
        () => db.post.findMany({ include: { title: true } }),
        'include.title',
        /unknown relation/,
      );
      await rejects(
        () => db.post.findMany({ omit: { author: true } }),
        'omit.author',
        /unknown scalar field/,
      );
      await rejects(
        () => db.post.findMany({ orderBy: { nope: 'asc' } }),
        'orderBy.nope',
        /unknown field/,
      );
      await rejects(
        () => db.post.findMany({ orderBy: [{ id: 'asc' }, { views: 'up' }] }),
        'orderBy[1].views',
        /expected one of 'asc', 'desc'/,
      );
      await rejects(() => db.post.findMany({ whereX: {} }), 'whereX', /unknown argument/);
    });

    it('wrong value types name the nested path', async () => {
      await rejects(
        () => db.post.findMany({ where: { author: { is: { email: 5 } } } }),
        'where.author.is.email',
        /expected String, got number/,
      );
      await rejects(
        () => db.post.findMany({ where: { views: 'ten' } }),
        'where.views',
        /expected Int, got string/,
      );
      await rejects(
        () => db.post.findMany({ where: { views: 1.5 } }),
        'where.views',
        /expected Int, got non-integer/,
      );
      await rejects(
        () => db.post.findMany({ where: { OR: [{ id: 1 }, { createdAt: 'not a date' }] } }),
        'where.OR[1].createdAt',
        /expected DateTime/,
      );
      await rejects(
        () => db.user.findMany({ where: { role: 'KING' } }),
        'where.role',
        /expected Role/,
      );
      await rejects(
        () => db.post.findMany({ where: { tags: { some: { name: { contains: 3 } } } } }),
        'where.tags.some.name.contains',
        /expected String/,
      );
      await rejects(
        () => db.post.findMany({ where: { title: { contains: 'x', mode: 'loud' } } }),
        'where.title.mode',
        /expected one of/,
      );
      await rejects(
        () => db.post.findMany({ where: { title: { like: 'x' } } }),
        'where.title.like',
        /unknown filter 'like'/,
      );
      await rejects(
        () => db.post.findMany({ where: { OR: { id: 1 } } }),
        'where.OR',
        /expected an array/,
      );
    });

    it('the same argument shape with a wrong value is still rejected (cached plans re-validate)', async () => {
      await db.post.findMany({ where: { views: 1 } });
      await rejects(
        () => db.post.findMany({ where: { views: 2.5 } }),
        'where.views',
        /non-integer/,
      );
      await db.user.findMany({ where: { role: 'USER' } });
      await rejects(
        () => db.user.findMany({ where: { role: 'NOPE' } }),
        'where.role',
        /expected Role/,
      );
    });

    it('JSON values JSON cannot carry, in Json filters and in data', async () => {
      await rejects(
        () => db.kitchen.findMany({ where: { json: { path: ['tags'], array_starts_with: 10n } } }),
        'where.json.array_starts_with',
        /expected a JSON value, got bigint/,
      );
      await rejects(
        () => db.kitchen.findMany({ where: { json: { equals: { a: [1, 10n] } } } }),
        'where.json.equals.a[1]',
        /expected a JSON value, got bigint/,
      );
      await rejects(
        () => db.kitchen.findMany({ where: { json: { array_contains: () => 1 } } }),
        'where.json.array_contains',
        /expected a JSON value, got function/,
      );
      await rejects(
        () => db.kitchen.updateMany({ data: { json: { x: Symbol('s') } } }),
        'data.json.x',
        /expected a JSON value, got symbol/,
      );
    });

    it('bad take, skip, cursor, distinct', async () => {
      await rejects(() => db.post.findMany({ take: 1.5 }), 'take', /expected an integer/);
      await rejects(() => db.post.findMany({ take: '3' }), 'take', /expected an integer/);
      await rejects(() => db.post.findMany({ skip: -1 }), 'skip', /non-negative/);
      await db.post.findMany({ skip: 1 });
      await rejects(() => db.post.findMany({ skip: -2 }), 'skip', /non-negative/);
      await rejects(
        () => db.post.findMany({ distinct: ['author'] }),
        'distinct[0]',
        /unknown scalar field/,
      );
      await rejects(
        () => db.post.findMany({ include: { tags: { take: 'x' } } }),
        'include.tags.take',
        /expected an integer/,
      );
    });

    it('__proto__ and constructor keys are unknown fields, not prototype access', async () => {
      await rejects(
        () => db.post.findMany({ where: JSON.parse('{"__proto__": {"id": 1}}') }),
        'where.__proto__',
        /unknown field/,
      );
      await rejects(
        () => db.post.findMany({ where: { constructor: 1 } }),
        'where.constructor',
        /unknown field/,
      );
      await rejects(
        () => db.post.findMany({ select: JSON.parse('{"__proto__": true}') }),
        'select.__proto__',
        /unknown field/,
      );
      await rejects(
        () => db.post.findMany(JSON.parse('{"__proto__": {}}')),
        '__proto__',
        /unknown argument/,
      );
    });

    it('non-object arguments and unknown models/operations', async () => {
      await rejects(() => db.post.findMany('all'), '', /expected an object/);
      await rejects(() => db.post.findMany({ where: [1] }), 'where', /expected an object/);
      await rejects(() => db.$run('Post', 'drop', {}), '', /unknown operation 'drop'/);
      await rejects(() => db.$run('Nope', 'findMany', {}), '', /unknown model 'Nope'/);
      await rejects(
        () => db.post.findUnique({ where: { id: null } }),
        'where',
        /expected a unique filter/,
      );
      await rejects(
        () => db.post.findMany({ select: { title: true }, include: { author: true } }),
        'select',
        /cannot be used together/,
      );
      await rejects(() => db.post.groupBy({ by: [] }), 'by', /non-empty/);
      await rejects(
        () => db.post.aggregate({ _sum: { title: true } }),
        '_sum.title',
        /numeric field/,
      );
    });
  },
);
