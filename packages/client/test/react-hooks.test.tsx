// @vitest-environment happy-dom
import { resolve } from 'node:path';
import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestApi, testDialects, type TestApi } from '@warden/test-kit';
import { createHooks, WardenProvider } from '../src/react/index.js';

const blog = resolve(process.cwd(), 'examples/schemas/blog.zmodel');
const writer = { id: 'w', role: 'Writer' };

describe.each(await testDialects())('TanStack Query hooks on %s', (dialect) => {
  let api: TestApi;
  let hooks: any;
  let queryClient: QueryClient;
  let wrapper: (props: { children: ReactNode }) => ReactNode;

  beforeAll(async () => {
    api = await startTestApi(dialect, blog);
    await api.db.user.create({ data: { ...writer, email: 'w@x.io', password: 'x' } });
    await api.db.user.create({ data: { id: 'r', role: 'Reader', email: 'r@x.io', password: 'x' } });
    for (let i = 0; i < 5; i++) {
      await api.db.post.create({
        data: { id: `p${i}`, title: `Post ${i}`, content: 'c', status: 'published', authorId: 'w' },
      });
    }
    hooks = createHooks(api.schema);
  });
  afterAll(async () => {
    expect(api.serverFaults).toEqual([]);
    await api.close();
  });

  const as = (user: object | undefined) => {
    // 'all': renderHook reads results outside render, which TanStack's tracked props miss.
    queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, notifyOnChangeProps: 'all' } },
    });
    const headers = (): Record<string, string> =>
      user ? { 'x-test-user': JSON.stringify(user) } : {};
    // Writes reach the real server 300 ms late, so the optimistic state is there to be seen.
    const slowWrites: typeof fetch = async (input, init) => {
      if (init?.method && init.method !== 'GET') await new Promise((r) => setTimeout(r, 300));
      return fetch(input, init);
    };
    wrapper = ({ children }) => (
      <QueryClientProvider client={queryClient}>
        <WardenProvider value={{ endpoint: api.endpoint, headers, fetch: slowWrites }}>
          {children}
        </WardenProvider>
      </QueryClientProvider>
    );
  };
  beforeEach(() => as(writer));

  test("the seed's useCheckPost answers per user", async () => {
    const { result } = renderHook(() => hooks.useCheckPost({ operation: 'create' }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toBe(true);
    as({ id: 'r', role: 'Reader' });
    const reader = renderHook(() => hooks.useCheckPost({ operation: 'create' }), { wrapper });
    await waitFor(() => expect(reader.result.current.isSuccess).toBe(true));
    expect(reader.result.current.data).toBe(false);
  });

  test('a nested create invalidates every cached read of the models it touches, and only those', async () => {
    const { result } = renderHook(
      () => ({
        posts: hooks.useFindManyPost({ orderBy: { id: 'asc' } }),
        usersWithPosts: hooks.useFindManyUser({ include: { posts: true } }),
        accounts: hooks.useCountAccount(),
        create: hooks.useCreateUser(),
      }),
      { wrapper },
    );
    await waitFor(() =>
      expect(
        result.current.posts.isSuccess &&
          result.current.usersWithPosts.isSuccess &&
          result.current.accounts.isSuccess,
      ).toBe(true),
    );
    const postsBefore = result.current.posts.dataUpdatedAt;
    const accountsBefore = result.current.accounts.dataUpdatedAt;
    await act(() =>
      result.current.create
        .mutateAsync({
          data: {
            id: 'w2',
            email: 'w2@x.io',
            password: 'x',
            role: 'Writer',
            posts: { create: { id: 'nested', title: 'Nested', content: 'c' } },
          },
        })
        .catch(() => undefined),
    );
    await waitFor(() => expect(result.current.posts.dataUpdatedAt).toBeGreaterThan(postsBefore));
    expect(result.current.accounts.dataUpdatedAt).toBe(accountsBefore);
  });

  test('infinite queries page with skip/take', async () => {
    const { result } = renderHook(
      () =>
        hooks.useInfiniteFindManyPost({
          take: 2,
          orderBy: { id: 'asc' },
          where: { id: { startsWith: 'p' } },
        }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    for (const pages of [2, 3]) {
      await act(() => result.current.fetchNextPage());
      await waitFor(() => expect(result.current.data.pages).toHaveLength(pages));
    }
    await waitFor(() => expect(result.current.hasNextPage).toBe(false));
    expect(result.current.data.pages.map((page: any[]) => page.map((p) => p.id))).toEqual([
      ['p0', 'p1'],
      ['p2', 'p3'],
      ['p4'],
    ]);
  });

  test('optimistic updates show at once and roll back when the server refuses', async () => {
    as({ id: 'r', role: 'Reader' });
    const { result } = renderHook(
      () => ({
        posts: hooks.useFindManyPost({ where: { id: 'p1' } }),
        update: hooks.useUpdatePost({ optimisticUpdate: true }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.posts.isSuccess).toBe(true));
    expect(result.current.posts.data[0].title).toBe('Post 1');
    let settle!: Promise<unknown>;
    act(() => {
      settle = result.current.update
        .mutateAsync({ where: { id: 'p1' }, data: { title: 'Renamed' } })
        .catch((e: unknown) => e);
    });
    await waitFor(() => expect(result.current.posts.data[0].title).toBe('Renamed'));
    const error: any = await settle;
    expect(error.code).toBe('REJECTED_BY_POLICY');
    await waitFor(() => expect(result.current.posts.data[0].title).toBe('Post 1'));
    expect((await api.db.post.findUnique({ where: { id: 'p1' } })).title).toBe('Post 1');
  });

  test('errors surface as WardenError on the query', async () => {
    const { result } = renderHook(() => hooks.useFindManyPost({ where: { nope: 1 } }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ code: 'INVALID_INPUT', status: 422 });
  });
});
