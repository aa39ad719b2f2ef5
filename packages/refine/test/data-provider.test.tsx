// @vitest-environment happy-dom
import { resolve } from 'node:path';
import { renderHook, waitFor } from '@testing-library/react';
import {
  useCreate,
  useCreateMany,
  useDelete,
  useDeleteMany,
  useList,
  useMany,
  useOne,
  useUpdate,
  useUpdateMany,
  type CrudFilter,
  type HttpError,
} from '@refinedev/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { createDataProvider } from '../src/index.js';
import { refineWrapper, startRefineApi, type RefineApi } from './refine-fixture.js';

// Under happy-dom import.meta.url is a page URL, so resolve from the repository root.
const schemaPath = resolve(process.cwd(), 'packages/refine/test/fixtures/library.zmodel');

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const books = [
  {
    title: 'The Dispossessed',
    subtitle: 'An Ambiguous Utopia',
    pages: 387,
    price: 9.5,
    tags: ['sf', 'utopia'],
    publishedAt: d('1974-05-01'),
    authorId: 1,
  },
  {
    title: 'The Left Hand of Darkness',
    subtitle: null,
    pages: 304,
    price: 8,
    tags: ['sf'],
    publishedAt: d('1969-03-01'),
    authorId: 1,
  },
  {
    title: 'A Wizard of Earthsea',
    subtitle: null,
    pages: 183,
    price: null,
    tags: ['fantasy'],
    publishedAt: d('1968-11-01'),
    authorId: 1,
  },
  {
    title: 'Solaris',
    subtitle: 'a novel',
    pages: 204,
    price: 12.25,
    tags: ['sf', 'classic'],
    publishedAt: d('1961-06-01'),
    authorId: 2,
  },
  {
    title: 'The Cyberiad',
    subtitle: 'Fables for the Cybernetic Age',
    pages: 295,
    price: 7,
    tags: ['sf', 'humour'],
    publishedAt: null,
    inPrint: false,
    authorId: 2,
  },
  {
    title: 'His Master’s Voice',
    subtitle: null,
    pages: 199,
    price: null,
    tags: [],
    publishedAt: d('1968-01-01'),
    authorId: 2,
  },
  {
    title: 'THE LATHE OF HEAVEN',
    subtitle: 'the shouting edition',
    pages: 184,
    price: 10,
    tags: ['sf', 'classic'],
    publishedAt: d('1971-01-01'),
    authorId: 1,
  },
  {
    title: 'untitled_draft 100%',
    subtitle: '',
    pages: 1,
    price: 0,
    tags: ['draft'],
    publishedAt: null,
    authorId: 3,
  },
];

/** Each Refine filter next to the `where` a person would write for it by hand. */
const operatorCases: [string, CrudFilter[], Record<string, unknown>][] = [
  [
    'eq (ignores case)',
    [{ field: 'title', operator: 'eq', value: 'solaris' }],
    { title: { equals: 'solaris', mode: 'insensitive' } },
  ],
  ['eq number', [{ field: 'pages', operator: 'eq', value: 304 }], { pages: 304 }],
  [
    'ne',
    [{ field: 'title', operator: 'ne', value: 'SOLARIS' }],
    { NOT: { title: { equals: 'SOLARIS', mode: 'insensitive' } } },
  ],
  [
    'eqs (respects case)',
    [{ field: 'title', operator: 'eqs', value: 'solaris' }],
    { title: 'solaris' },
  ],
  ['eqs hit', [{ field: 'title', operator: 'eqs', value: 'Solaris' }], { title: 'Solaris' }],
  ['nes', [{ field: 'title', operator: 'nes', value: 'Solaris' }], { title: { not: 'Solaris' } }],
  ['lt', [{ field: 'pages', operator: 'lt', value: 200 }], { pages: { lt: 200 } }],
  ['gt', [{ field: 'pages', operator: 'gt', value: 295 }], { pages: { gt: 295 } }],
  ['lte', [{ field: 'price', operator: 'lte', value: 8 }], { price: { lte: 8 } }],
  [
    'gte',
    [{ field: 'publishedAt', operator: 'gte', value: '1969-01-01T00:00:00.000Z' }],
    { publishedAt: { gte: d('1969-01-01') } },
  ],
  [
    'in',
    [{ field: 'pages', operator: 'in', value: [183, 184, 999] }],
    { pages: { in: [183, 184, 999] } },
  ],
  [
    'nin',
    [{ field: 'pages', operator: 'nin', value: [183, 184] }],
    { pages: { notIn: [183, 184] } },
  ],
  [
    'ina',
    [{ field: 'tags', operator: 'ina', value: ['sf', 'classic'] }],
    { tags: { hasEvery: ['sf', 'classic'] } },
  ],
  [
    'nina',
    [{ field: 'tags', operator: 'nina', value: ['sf', 'classic'] }],
    { NOT: { tags: { hasEvery: ['sf', 'classic'] } } },
  ],
  [
    'contains',
    [{ field: 'title', operator: 'contains', value: 'the' }],
    { title: { contains: 'the', mode: 'insensitive' } },
  ],
  [
    'ncontains',
    [{ field: 'title', operator: 'ncontains', value: 'THE' }],
    { NOT: { title: { contains: 'THE', mode: 'insensitive' } } },
  ],
  [
    'containss',
    [{ field: 'title', operator: 'containss', value: 'The' }],
    { title: { contains: 'The' } },
  ],
  [
    'ncontainss',
    [{ field: 'title', operator: 'ncontainss', value: 'The' }],
    { NOT: { title: { contains: 'The' } } },
  ],
  [
    'contains on nullable',
    [{ field: 'subtitle', operator: 'contains', value: 'THE' }],
    { subtitle: { contains: 'THE', mode: 'insensitive' } },
  ],
  [
    'between',
    [{ field: 'pages', operator: 'between', value: [184, 295] }],
    { pages: { gte: 184, lte: 295 } },
  ],
  [
    'nbetween',
    [{ field: 'pages', operator: 'nbetween', value: [184, 295] }],
    { OR: [{ pages: { lt: 184 } }, { pages: { gt: 295 } }] },
  ],
  ['null', [{ field: 'price', operator: 'null', value: true }], { price: null }],
  [
    'nnull',
    [{ field: 'publishedAt', operator: 'nnull', value: true }],
    { publishedAt: { not: null } },
  ],
  [
    'startswith',
    [{ field: 'title', operator: 'startswith', value: 'the l' }],
    { title: { startsWith: 'the l', mode: 'insensitive' } },
  ],
  [
    'nstartswith',
    [{ field: 'title', operator: 'nstartswith', value: 'THE' }],
    { NOT: { title: { startsWith: 'THE', mode: 'insensitive' } } },
  ],
  [
    'startswiths',
    [{ field: 'title', operator: 'startswiths', value: 'THE' }],
    { title: { startsWith: 'THE' } },
  ],
  [
    'nstartswiths',
    [{ field: 'title', operator: 'nstartswiths', value: 'The' }],
    { NOT: { title: { startsWith: 'The' } } },
  ],
  [
    'endswith',
    [{ field: 'title', operator: 'endswith', value: 'HEAVEN' }],
    { title: { endsWith: 'HEAVEN', mode: 'insensitive' } },
  ],
  [
    'nendswith',
    [{ field: 'title', operator: 'nendswith', value: 'ad' }],
    { NOT: { title: { endsWith: 'ad', mode: 'insensitive' } } },
  ],
  [
    'endswiths',
    [{ field: 'title', operator: 'endswiths', value: 'HEAVEN' }],
    { title: { endsWith: 'HEAVEN' } },
  ],
  [
    'nendswiths',
    [{ field: 'title', operator: 'nendswiths', value: 'iad' }],
    { NOT: { title: { endsWith: 'iad' } } },
  ],
  [
    'percent is literal',
    [{ field: 'title', operator: 'contains', value: '%' }],
    { title: { contains: '%', mode: 'insensitive' } },
  ],
  [
    'underscore is literal',
    [{ field: 'title', operator: 'contains', value: '_' }],
    { title: { contains: '_', mode: 'insensitive' } },
  ],
  [
    'dotted relation field',
    [{ field: 'author.name', operator: 'contains', value: 'lem' }],
    { author: { is: { name: { contains: 'lem', mode: 'insensitive' } } } },
  ],
  [
    'dotted nullable relation field',
    [{ field: 'author.country', operator: 'null', value: true }],
    { author: { is: { country: null } } },
  ],
  [
    'top-level array is AND',
    [
      { field: 'authorId', operator: 'eq', value: 1 },
      { field: 'pages', operator: 'gt', value: 250 },
    ],
    { AND: [{ authorId: 1 }, { pages: { gt: 250 } }] },
  ],
  [
    'nested or/and',
    [
      {
        operator: 'or',
        value: [
          { field: 'title', operator: 'startswith', value: 'the' },
          {
            operator: 'and',
            value: [
              { field: 'authorId', operator: 'eq', value: 2 },
              { field: 'price', operator: 'nnull', value: true },
            ],
          },
        ],
      },
    ],
    {
      OR: [
        { title: { startsWith: 'the', mode: 'insensitive' } },
        { AND: [{ authorId: 2 }, { price: { not: null } }] },
      ],
    },
  ],
  [
    'three levels deep',
    [
      {
        operator: 'and',
        value: [
          {
            operator: 'or',
            value: [
              {
                operator: 'and',
                value: [
                  { field: 'pages', operator: 'gte', value: 190 },
                  { field: 'pages', operator: 'lte', value: 210 },
                ],
              },
              { field: 'tags', operator: 'ina', value: ['fantasy'] },
            ],
          },
          { field: 'title', operator: 'ncontains', value: 'voice' },
        ],
      },
    ],
    {
      AND: [
        {
          OR: [
            { AND: [{ pages: { gte: 190 } }, { pages: { lte: 210 } }] },
            { tags: { hasEvery: ['fantasy'] } },
          ],
        },
        { NOT: { title: { contains: 'voice', mode: 'insensitive' } } },
      ],
    },
  ],
  [
    'string values (as syncWithLocation restores them) on an Int field',
    [{ field: 'pages', operator: 'gte', value: '250' }],
    { pages: { gte: 250 } },
  ],
  [
    'string values on a Boolean field',
    [{ field: 'inPrint', operator: 'eq', value: 'false' }],
    { inPrint: false },
  ],
  [
    'string values in a list, on Float and Int fields',
    [
      { field: 'price', operator: 'between', value: ['7.5', '10'] },
      { field: 'authorId', operator: 'in', value: ['1', '2'] },
    ],
    { AND: [{ price: { gte: 7.5, lte: 10 } }, { authorId: { in: [1, 2] } }] },
  ],
  [
    'dotted to-one, insensitive eq',
    [{ field: 'author.country', operator: 'eq', value: 'pl' }],
    { author: { country: { equals: 'pl', mode: 'insensitive' } } },
  ],
];

describe.each(await testDialects())('Refine data provider on %s', (dialect) => {
  let api: RefineApi;
  let wrapper: ReturnType<typeof refineWrapper>;
  beforeAll(async () => {
    api = await startRefineApi(dialect, schemaPath);
    await api.db.author.createMany({
      data: [
        { name: 'Ursula K. Le Guin', country: 'US' },
        { name: 'Stanisław Lem', country: 'PL' },
        { name: 'Anonymous', country: null },
      ],
    });
    for (const book of books) await api.db.book.create({ data: book });
    wrapper = refineWrapper(createDataProvider(api.endpoint, { schema: api.schema }));
  });
  afterAll(() => api.close());

  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);

  test.each(operatorCases)('useList %s matches the ORM', async (_name, filters, where) => {
    const expected = ids(await api.db.book.findMany({ where }));
    const { result } = renderHook(
      () => useList({ resource: 'book', filters, pagination: { mode: 'off' } }),
      { wrapper },
    );
    await waitFor(() =>
      expect(result.current.query.isSuccess, String(result.current.query.error?.message)).toBe(
        true,
      ),
    );
    expect(ids(result.current.result.data as { id: number }[])).toEqual(expected);
    expect(result.current.result.total).toBe(expected.length);
  });

  test('the cases discriminate: each selects some rows but not all, but the case-sensitive miss', async () => {
    const all = await api.db.book.count();
    const sizes = await Promise.all(
      operatorCases.map(
        async ([name, , where]) => [name, await api.db.book.count({ where })] as const,
      ),
    );
    const degenerate = sizes.filter(([, n]) => n === 0 || n === all).map(([name]) => name);
    expect(degenerate).toEqual(['eqs (respects case)']);
  });

  test('server pagination: page 2 of 3, total counts the filter not the page', async () => {
    const filters: CrudFilter[] = [{ field: 'tags', operator: 'ina', value: ['sf'] }];
    const { result } = renderHook(
      () =>
        useList({
          resource: 'book',
          filters,
          sorters: [{ field: 'pages', order: 'asc' }],
          pagination: { currentPage: 2, pageSize: 2, mode: 'server' },
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.query.isSuccess).toBe(true));
    const all = await api.db.book.findMany({
      where: { tags: { has: 'sf' } },
      orderBy: { pages: 'asc' },
    });
    expect(result.current.result.data.map((b) => b.id)).toEqual(
      all.slice(2, 4).map((b: any) => b.id),
    );
    expect(result.current.result.total).toBe(all.length);
  });

  test.each(['client', 'off'] as const)('%s pagination returns every row', async (mode) => {
    const { result } = renderHook(
      () => useList({ resource: 'book', pagination: { currentPage: 1, pageSize: 2, mode } }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.query.isSuccess).toBe(true));
    if (mode === 'off') expect(result.current.result.data).toHaveLength(books.length);
    expect(result.current.result.total).toBe(books.length);
  });

  test('default pagination is 10 per page', async () => {
    const { result } = renderHook(() => useList({ resource: 'author' }), { wrapper });
    await waitFor(() => expect(result.current.query.isSuccess).toBe(true));
    expect(result.current.result.data).toHaveLength(3);
  });

  test('sorters, dotted too', async () => {
    const { result } = renderHook(
      () =>
        useList({
          resource: 'book',
          sorters: [
            { field: 'author.name', order: 'desc' },
            { field: 'title', order: 'asc' },
          ],
          pagination: { mode: 'off' },
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.query.isSuccess).toBe(true));
    const expected = await api.db.book.findMany({
      orderBy: [{ author: { name: 'desc' } }, { title: 'asc' }],
    });
    expect(result.current.result.data.map((b) => b.id)).toEqual(expected.map((b: any) => b.id));
  });

  test('useOne coerces the route id and shapes with meta.include; only documented meta is sent', async () => {
    const { result } = renderHook(
      () =>
        useOne({
          resource: 'book',
          id: '4',
          meta: { include: { author: true }, secret: 'do-not-send' },
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.query.isSuccess).toBe(true));
    expect(result.current.result?.title).toBe('Solaris');
    expect(result.current.result?.author.name).toBe('Stanisław Lem');
    expect(result.current.result?.publishedAt).toBeInstanceOf(Date);
  });

  test('useOne of a missing row is an HttpError 404', async () => {
    const { result } = renderHook(() => useOne({ resource: 'book', id: '999' }), { wrapper });
    await waitFor(() => expect(result.current.query.isError).toBe(true));
    expect((result.current.query.error as HttpError).statusCode).toBe(404);
  });

  test('useMany', async () => {
    const { result } = renderHook(() => useMany({ resource: 'book', ids: ['1', '2', '77'] }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.query.isSuccess).toBe(true));
    expect(ids(result.current.result.data as { id: number }[])).toEqual([1, 2]);
  });

  test('useCreate, useUpdate, useDelete', async () => {
    const { result } = renderHook(
      () => ({ create: useCreate(), update: useUpdate(), remove: useDelete() }),
      { wrapper },
    );
    const created = await result.current.create.mutateAsync({
      resource: 'book',
      values: { title: 'Fiasco', pages: 322, tags: ['sf'], authorId: 2 },
    });
    expect(created.data.id).toEqual(expect.any(Number));
    const id = created.data.id!;
    await result.current.update.mutateAsync({
      resource: 'book',
      id: String(id),
      values: { price: 11.5 },
    });
    expect((await api.db.book.findUnique({ where: { id } })).price).toBe(11.5);
    await result.current.remove.mutateAsync({ resource: 'book', id: String(id) });
    expect(await api.db.book.findUnique({ where: { id } })).toBeNull();
  });

  test('validation errors reach forms as per-field errors', async () => {
    const { result } = renderHook(() => useCreate(), { wrapper });
    const error = (await result.current
      .mutateAsync({ resource: 'book', values: { title: 7, pages: 1, tags: [], authorId: 1 } })
      .catch((e) => e)) as HttpError;
    expect(error.statusCode).toBe(422);
    expect(Object.keys(error.errors ?? {})).toEqual(['title']);
  });

  test('bulk hooks: one request each, atomic', async () => {
    const { result } = renderHook(
      () => ({
        createMany: useCreateMany(),
        updateMany: useUpdateMany(),
        deleteMany: useDeleteMany(),
      }),
      { wrapper },
    );
    const before = api.requests.length;
    const created = await result.current.createMany.mutateAsync({
      resource: 'book',
      values: [
        { title: 'Bulk one', pages: 10, tags: [], authorId: 3 },
        { title: 'Bulk two', pages: 20, tags: [], authorId: 3 },
      ],
    });
    const newIds = created.data.map((b) => b.id!);
    expect(newIds).toHaveLength(2);
    const updated = await result.current.updateMany.mutateAsync({
      resource: 'book',
      ids: newIds.map(String),
      values: { price: 1 },
    });
    expect(updated.data.map((b) => b.price)).toEqual([1, 1]);
    const deleted = await result.current.deleteMany.mutateAsync({
      resource: 'book',
      ids: newIds.map(String),
    });
    expect(deleted.data.map((b) => b.title).sort()).toEqual(['Bulk one', 'Bulk two']);
    const writes = api.requests
      .slice(before)
      .filter((r) => !/findMany|count|findUnique/.test(r) || r.startsWith('$'));
    expect(writes).toEqual([
      'book/createManyAndReturn',
      'book/updateManyAndReturn',
      '$transaction',
    ]);
    expect(await api.db.book.count({ where: { authorId: 3 } })).toBe(1);

    const failing = await result.current.createMany
      .mutateAsync({
        resource: 'book',
        values: [
          { title: 'ok', pages: 1, tags: [], authorId: 3 },
          { title: 'bad', pages: 1, tags: [], authorId: 999 },
        ],
      })
      .catch((e) => e as HttpError);
    expect((failing as HttpError).statusCode).toBeGreaterThanOrEqual(400);
    expect(await api.db.book.count({ where: { title: 'ok' } })).toBe(0);
  });
});
