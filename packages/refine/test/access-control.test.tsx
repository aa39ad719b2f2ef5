// @vitest-environment happy-dom
import { resolve } from 'node:path';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { CanAccess, useCan, type CanReturnType } from '@refinedev/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDialects } from '@warden/test-kit';
import { createWardenProviders } from '../src/index.js';
import { refineWrapper, startRefineApi, type RefineApi } from './refine-fixture.js';

const schemaPath = resolve(process.cwd(), 'examples/schemas/blog.zmodel');

const users = {
  reader: { id: 'reader', role: 'Reader' },
  writer: { id: 'writer', role: 'Writer' },
  author: { id: 'author', role: 'Reader' },
  anonymous: undefined,
} as const;
type Who = keyof typeof users;

/** What each user may do: rows p-pub (published, by author) and p-draft (draft, by author). */
const expected: Record<Who, Record<string, boolean>> = {
  reader: {
    list: true,
    create: false,
    'show p-pub': true,
    'edit p-pub': false,
    'delete p-pub': false,
    'show p-draft': false,
    'edit p-draft': false,
  },
  writer: {
    list: true,
    create: true,
    'show p-pub': true,
    'edit p-pub': false,
    'delete p-pub': false,
    'show p-draft': false,
    'edit p-draft': false,
  },
  author: {
    list: true,
    create: false,
    'show p-pub': true,
    'edit p-pub': true,
    'delete p-pub': true,
    'show p-draft': true,
    'edit p-draft': true,
  },
  anonymous: {
    list: false,
    create: false,
    'show p-pub': false,
    'edit p-pub': false,
    'delete p-pub': false,
    'show p-draft': false,
    'edit p-draft': false,
  },
};

describe.each(await testDialects())('Refine access control on %s', (dialect) => {
  let api: RefineApi;
  beforeAll(async () => {
    api = await startRefineApi(dialect, schemaPath);
    for (const u of [users.reader, users.writer, users.author]) {
      await api.db.user.create({ data: { ...u, email: `${u.id}@example.com`, password: 'x' } });
    }
    await api.db.post.create({
      data: { id: 'p-pub', title: 'Out', content: 'c', status: 'published', authorId: 'author' },
    });
    await api.db.post.create({
      data: { id: 'p-draft', title: 'Not yet', content: 'c', authorId: 'author' },
    });
    await api.db.post.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        id: `bulk-${i}`,
        title: `Bulk ${i}`,
        content: 'c',
        status: 'published',
        authorId: i % 2 ? 'author' : 'writer',
      })),
    });
  });
  afterAll(() => api.close());

  const providersFor = (who: Who) =>
    createWardenProviders(api.endpoint, {
      schema: api.schema,
      headers: (): Record<string, string> =>
        users[who] ? { 'x-test-user': JSON.stringify(users[who]) } : {},
    });

  describe.each(Object.keys(users) as Who[])('as %s', (who) => {
    test.each(Object.entries(expected[who]))('useCan %s -> %s', async (what, can) => {
      const [action, id] = what.split(' ') as [string, string | undefined];
      const { dataProvider, accessControlProvider } = providersFor(who);
      const { result } = renderHook(
        () => useCan({ resource: 'post', action, params: id ? { id } : {} }),
        { wrapper: refineWrapper(dataProvider, accessControlProvider) },
      );
      await waitFor(() => expect(result.current.isSuccess).toBe(true));
      expect(result.current.data?.can).toBe(can);
      if (!can) expect(result.current.data?.reason).toEqual(expect.any(String));
    });

    test("<CanAccess> guards the create route with the seed's fallback", async () => {
      const { dataProvider, accessControlProvider } = providersFor(who);
      const Wrapper = refineWrapper(dataProvider, accessControlProvider);
      render(
        <Wrapper>
          <CanAccess resource="post" action="create" fallback={<div>Not Allowed</div>}>
            <div>Create form</div>
          </CanAccess>
        </Wrapper>,
      );
      const text = who === 'writer' ? 'Create form' : 'Not Allowed';
      expect(await screen.findByText(text)).toBeTruthy();
      screen.getByText(text).remove();
    });
  });

  test('deleteMany reports the rows it deleted, not those it could only read', async () => {
    await api.db.post.createMany({
      data: [
        { id: 'del-w', title: 'Theirs', content: 'c', status: 'published', authorId: 'writer' },
        { id: 'del-a', title: 'Mine', content: 'c', status: 'published', authorId: 'author' },
      ],
    });
    const { dataProvider } = providersFor('author');
    const answer = await dataProvider.deleteMany!({ resource: 'post', ids: ['del-w', 'del-a'] });
    expect(answer.data.map((p) => p.id)).toEqual(['del-a']);
    const left = await api.db.post.findMany({ where: { id: { in: ['del-w', 'del-a'] } } });
    expect(left.map((p: { id: string }) => p.id)).toEqual(['del-w']);
  });

  test("meta.headers go with the request, over the provider's own headers", async () => {
    const { dataProvider } = providersFor('reader');
    const list = (meta?: { headers: Record<string, string> }) =>
      dataProvider.getList({ resource: 'post', pagination: { mode: 'off' }, meta });
    const asReader = await list();
    expect(asReader.data.map((p) => p.id)).not.toContain('p-draft');
    const asAuthor = await list({ headers: { 'x-test-user': JSON.stringify(users.author) } });
    expect(asAuthor.data.map((p) => p.id)).toContain('p-draft');
    expect(asAuthor.total).toBe(asReader.total + 1);
  });

  test('a denied create carries the rule that denied it', async () => {
    const { accessControlProvider } = providersFor('reader');
    const answer = await accessControlProvider.can({ resource: 'post', action: 'create' });
    expect(answer.can).toBe(false);
    expect(answer.reason).toContain("auth().role == 'Writer'");
  });

  test('a page of 20 rows costs one permissions request, not 40', async () => {
    const { accessControlProvider } = providersFor('author');
    const before = api.requests.length;
    const ids = Array.from({ length: 20 }, (_, i) => `bulk-${i}`);
    const answers: CanReturnType[] = await Promise.all(
      ids.flatMap((id) => [
        accessControlProvider.can({ resource: 'post', action: 'edit', params: { id } }),
        accessControlProvider.can({ resource: 'post', action: 'delete', params: { id } }),
      ]),
    );
    expect(api.requests.slice(before)).toEqual(['post/permissions']);
    expect(answers.map((a) => a.can)).toEqual(ids.flatMap((_, i) => [i % 2 === 1, i % 2 === 1]));
  });

  test('the same page rendered through Refine hooks batches too', async () => {
    const { dataProvider, accessControlProvider } = providersFor('writer');
    const before = api.requests.length;
    const ids = Array.from({ length: 20 }, (_, i) => `bulk-${i}`);
    const { result } = renderHook(
      () => ids.map((id) => useCan({ resource: 'post', action: 'edit', params: { id } })),
      { wrapper: refineWrapper(dataProvider, accessControlProvider) },
    );
    await waitFor(() => expect((result.current as any[]).every((r) => r.isSuccess)).toBe(true));
    expect(api.requests.slice(before)).toEqual(['post/permissions']);
    expect((result.current as any[]).map((r) => r.data.can)).toEqual(
      ids.map((_, i) => i % 2 === 0),
    );
  });

  test('answers are cached, and a mutation through the data provider clears them', async () => {
    const { dataProvider, accessControlProvider } = providersFor('writer');
    await accessControlProvider.can({ resource: 'post', action: 'edit', params: { id: 'bulk-0' } });
    const before = api.requests.length;
    await accessControlProvider.can({ resource: 'post', action: 'edit', params: { id: 'bulk-0' } });
    expect(api.requests.length).toBe(before);
    await dataProvider.update({ resource: 'post', id: 'bulk-0', variables: { title: 'Renamed' } });
    await accessControlProvider.can({ resource: 'post', action: 'edit', params: { id: 'bulk-0' } });
    expect(api.requests.slice(before)).toEqual(['post/update', 'post/permissions']);
  });

  test('field-level checks go to the checker', async () => {
    const { accessControlProvider } = providersFor('reader');
    const answer = await accessControlProvider.can({
      resource: 'user',
      action: 'field',
      params: { field: 'email' },
    });
    expect(answer.can).toBe(true);
  });
});
