// The seed's blogging app in a real browser (Debian's chromium via playwright-core), once per
// database: sign-up, login errors, drafts visible only to their author, Reader vs Writer, and
// the Writer's create / edit / delete. Screenshots go to examples/blog/test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, testDialects, type TestDatabase } from '@warden/test-kit';
import { appDir, buildApp, pushSchema, startApp, type RunningApp } from './app-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const shots = join(appDir, 'test-results');
const UI_TIMEOUT = 20_000;

let browser: Browser;

/** Waits for a UI state (the machine may be slow: the default 1 s is not enough). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: UI_TIMEOUT, interval: 200 });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await buildApp();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 900_000);

afterAll(async () => {
  await browser?.close();
});

interface Account {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

function account(name: string): Account {
  const tag = randomBytes(4).toString('hex');
  return { name, email: `${name.toLowerCase()}-${tag}@example.com`, password: `pw-${tag}-secret` };
}

// BLOG_E2E_ONLY=sqlite (or postgresql) runs one database, for quicker local iterations.
const only = process.env.BLOG_E2E_ONLY;
const dialects = (await testDialects()).filter((d) => !only || d === only);

describe.each(dialects)('the blog app on %s', (dialect) => {
  let db: TestDatabase;
  let app: RunningApp;
  let alice: Page; // becomes a Writer
  let bob: Page; // stays a Reader
  const contexts: BrowserContext[] = [];
  const alicesAccount = account('Alice');
  const bobsAccount = account('Bob');
  const draftTitle = `Alice's secret draft ${randomBytes(3).toString('hex')}`;

  const url = (path: string) => `${app.baseUrl}${path}`;
  async function shot(page: Page, name: string): Promise<void> {
    // Toasts ("Successfully created post") would cover the header: dismiss them first.
    const toasts = page.locator('.ant-notification-notice-close');
    for (const close of await toasts.all()) await close.click().catch(() => {});
    await toasts
      .first()
      .waitFor({ state: 'detached', timeout: 3000 })
      .catch(() => {});
    await page.screenshot({ path: join(shots, `${dialect}-${name}.png`), fullPage: true });
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(UI_TIMEOUT);
    contexts.push(context);
    return context.newPage();
  }

  async function signUp(page: Page, who: Account): Promise<void> {
    await page.goto(url('/register'));
    await page.getByLabel('Name').fill(who.name);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
  }

  /** Opens the list filtered by title (the URL form of the search box, as syncWithLocation writes it). */
  async function searchTitle(page: Page, title: string): Promise<void> {
    const query = new URLSearchParams({
      currentPage: '1',
      pageSize: '10',
      'filters[0][field]': 'title',
      'filters[0][operator]': 'contains',
      'filters[0][value]': title,
    });
    await page.goto(url(`/blog-post?${query}`));
    await page.locator('tbody tr.ant-table-row, .ant-empty-description').first().waitFor();
  }

  /** The table row holding `title`, once the list has loaded. */
  const row = (page: Page, title: string) => page.locator('tr', { hasText: title });

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    await pushSchema(db.url);
    app = await startApp(db.url);
    alice = await newPage();
    bob = await newPage();
  }, 180_000);

  // A failing step leaves a picture of each page behind, next to the screenshots.
  afterEach(async ({ task }) => {
    if (!task.result?.errors?.length) return;
    console.error(`[${dialect}] server output before the failure:\n${app?.output().slice(-4000)}`);
    const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    for (const [who, page] of [
      ['alice', alice],
      ['bob', bob],
    ] as const) {
      await page
        ?.screenshot({ path: join(shots, `${dialect}-FAILED-${name}-${who}.png`) })
        .catch(() => {});
    }
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await app?.stop();
    await db?.drop();
  });

  it('sends anonymous visitors to the login page', async () => {
    await alice.goto(url('/blog-post'));
    await alice.waitForURL(/\/login$/);
    await alice.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(alice, 'login');
    const api = await fetch(url('/api/model/post/findMany'));
    expect(api.status).toBe(401);
  });

  it('shows an error for a bad login and stays on the login page', async () => {
    await alice.getByLabel('Email').fill('nobody@example.com');
    await alice.getByLabel('Password').fill('wrong-password');
    await alice.getByRole('button', { name: 'Sign in' }).click();
    await alice.locator('.ant-alert', { hasText: 'Invalid email or password' }).waitFor();
    expect(alice.url()).toMatch(/\/login$/);
    await shot(alice, 'login-error');
  });

  it('refuses a too-short password on the sign-up form', async () => {
    await signUp(alice, { ...alicesAccount, password: 'short' });
    await alice.getByText('Password must be at least 8 characters').waitFor();
    expect(alice.url()).toMatch(/\/register$/);
  });

  it('signs up two accounts; new accounts are Readers', async () => {
    await signUp(alice, alicesAccount);
    await alice.waitForURL(/\/blog-post/);
    await alice.getByTestId('current-user').getByText(alicesAccount.name).waitFor();
    await expect(alice.getByTestId('current-role').textContent()).resolves.toBe('Reader');

    await signUp(bob, bobsAccount);
    await bob.waitForURL(/\/blog-post/);
    await bob.getByTestId('current-user').getByText(bobsAccount.name).waitFor();
    await expect(bob.getByTestId('current-role').textContent()).resolves.toBe('Reader');
  });

  it('says so when the email is already taken', async () => {
    const page = await newPage();
    await signUp(page, { ...alicesAccount, name: 'Alice Again' });
    await page
      .locator('.ant-alert', { hasText: 'An account with this email already exists' })
      .waitFor();
    expect(page.url()).toMatch(/\/register$/);
    await shot(page, 'register-duplicate');
  });

  it("keeps the Reader out of creating: disabled button, 'Not Allowed' route, 403 API", async () => {
    await bob.goto(url('/blog-post'));
    const create = bob.getByRole('button', { name: 'Create' });
    await create.waitFor();
    await poll(() => create.isDisabled()).toBe(true);
    await shot(bob, 'reader-list');

    await bob.goto(url('/blog-post/create'));
    await bob.getByText('Not Allowed').waitFor();
    await expect(bob.getByLabel('Title').count()).resolves.toBe(0);
    await shot(bob, 'reader-create-not-allowed');

    const status = await bob.evaluate(async () => {
      const me = (await (await fetch('/api/me')).json()) as { id: string };
      const res = await fetch('/api/model/post/create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { title: 'sneaky', content: '', authorId: me.id } }),
      });
      return res.status;
    });
    expect(status).toBe(403);
  });

  it('lets a Writer create a draft that only she can see', async () => {
    // Roles are not self-service in the UI: an administrator promotes Alice in the database.
    const { createClient } = await import('@warden/orm');
    const { schema } = await import('../generated/schema');
    const admin = createClient(schema, { url: db.url });
    try {
      await admin.user.update({ where: { email: alicesAccount.email }, data: { role: 'Writer' } });
    } finally {
      await admin.$disconnect();
    }

    await alice.goto(url('/blog-post'));
    await expect(alice.getByTestId('current-role').textContent()).resolves.toBe('Writer');
    const create = alice.getByRole('button', { name: 'Create' });
    await poll(() => create.isEnabled()).toBe(true);
    await create.click();
    await alice.waitForURL(/\/blog-post\/create$/);

    // An empty title is refused on the form, with a message, and nothing is saved.
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.getByText('Please enter a title').waitFor();
    await shot(alice, 'writer-create-empty-title');

    await alice.getByLabel('Title').fill(draftTitle);
    await alice.getByLabel('Content').fill('Not ready for anyone else yet.');
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.waitForURL(/\/blog-post(\?|$)/);
    await row(alice, draftTitle).getByText('draft', { exact: true }).waitFor();
    await shot(alice, 'writer-list-with-draft');

    await searchTitle(bob, draftTitle);
    await bob.locator('.ant-empty-description', { hasText: 'No data' }).waitFor();
    await expect(row(bob, draftTitle).count()).resolves.toBe(0);
  });

  it('shows the post to others once it is published, without Edit/Delete for them', async () => {
    await searchTitle(alice, draftTitle);
    await row(alice, draftTitle).getByRole('button').nth(1).click(); // Show, Edit, Delete
    await alice.waitForURL(/\/blog-post\/edit\//);
    await poll(() => alice.getByLabel('Title').inputValue()).toBe(draftTitle);
    await alice.locator('.ant-form-item', { hasText: 'Status' }).locator('.ant-select').click();
    await alice.locator('.ant-select-item-option', { hasText: 'Published' }).click();
    await shot(alice, 'writer-edit');
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.waitForURL(/\/blog-post(\?|$)/);

    await searchTitle(bob, draftTitle);
    const bobsRow = row(bob, draftTitle);
    await bobsRow.getByText('published', { exact: true }).waitFor();
    const [show, edit, remove] = [0, 1, 2].map((i) => bobsRow.getByRole('button').nth(i));
    await poll(() => edit!.isDisabled()).toBe(true);
    await poll(() => remove!.isDisabled()).toBe(true);
    await expect(show!.isEnabled()).resolves.toBe(true);
    await shot(bob, 'reader-sees-published');

    // Alice's own row: her buttons are live.
    await searchTitle(alice, draftTitle);
    const alicesEdit = row(alice, draftTitle).getByRole('button').nth(1);
    await poll(() => alicesEdit.isEnabled()).toBe(true);
  });

  it('lets the Writer create, edit and delete a post', async () => {
    const title = `Short-lived ${randomBytes(3).toString('hex')}`;
    await alice.goto(url('/blog-post/create'));
    await alice.getByLabel('Title').fill(title);
    await alice.getByLabel('Content').fill('Here today.');
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.waitForURL(/\/blog-post(\?|$)/);
    await row(alice, title).waitFor();

    await searchTitle(alice, title);
    await row(alice, title).getByRole('button').nth(1).click();
    await alice.waitForURL(/\/blog-post\/edit\//);
    // Wait for the form to be loaded, or the loaded record would overwrite what we type.
    await poll(() => alice.getByLabel('Title').inputValue()).toBe(title);
    await alice.getByLabel('Title').fill(`${title} (edited)`);
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.waitForURL(/\/blog-post(\?|$)/);
    await row(alice, `${title} (edited)`).waitFor();

    await searchTitle(alice, title);
    await row(alice, `${title} (edited)`).getByRole('button').nth(2).click();
    await alice.getByRole('button', { name: 'Delete' }).last().click();
    await alice.locator('.ant-empty-description', { hasText: 'No data' }).waitFor();
    const left = await alice.evaluate(
      async (t) =>
        (await fetch(
          `/api/model/post/count?q=${encodeURIComponent(JSON.stringify({ where: { title: { startsWith: t } } }))}`,
        ).then((r) => r.json())) as {
          data: number;
        },
      title,
    );
    expect(left.data).toBe(0);
  });

  it('pages, filters and sorts the list', async () => {
    const status = await alice.evaluate(async () => {
      const me = (await (await fetch('/api/me')).json()) as { id: string };
      const data = Array.from({ length: 12 }, (_, i) => ({
        title: `Bulk post ${String(i).padStart(2, '0')}`,
        content: '',
        status: i % 3 === 0 ? 'draft' : 'published',
        authorId: me.id,
      }));
      const res = await fetch('/api/model/post/createMany', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data }),
      });
      return res.status;
    });
    expect(status).toBe(201);

    // Alice: 12 bulk posts + her published post = 13 rows, 10 on the first page.
    await alice.goto(url('/blog-post'));
    await poll(() => alice.locator('tbody tr.ant-table-row').count()).toBe(10);
    await alice.locator('.ant-pagination').getByText('2', { exact: true }).click();
    await poll(() => alice.locator('tbody tr.ant-table-row').count()).toBe(3);

    // Bob sees only the published ones: 8 bulk + Alice's published post.
    await bob.goto(url('/blog-post'));
    await poll(() => bob.locator('tbody tr.ant-table-row').count()).toBe(9);

    // Filter by status, then sort by title descending (two clicks on the header).
    await alice.goto(url('/blog-post'));
    // React streams the page: until it swaps the boundary in, a second copy of the filter form
    // sits in a hidden container (id "S:0"). Only the visible one is the user's.
    const statusFilter = alice.locator('.ant-select:visible', { hasText: 'Any status' });
    await poll(() => statusFilter.count()).toBe(1);
    await statusFilter.click();
    await alice.locator('.ant-select-item-option', { hasText: 'Draft' }).click();
    await alice.getByRole('button', { name: 'Filter' }).click();
    await poll(() => alice.locator('tbody tr.ant-table-row').count()).toBe(4);
    const header = alice.locator('th', { hasText: 'Title' });
    await header.click();
    await header.click();
    await poll(() => alice.locator('tbody tr.ant-table-row').first().textContent()).toContain(
      'Bulk post 09',
    );
    await shot(alice, 'writer-list-filtered-sorted');
    // Three page loads, a page change, a filter and two sorts: more than the default 30 s when
    // the machine is busy (it timed out at a load average of 20 with every step passing).
  }, 120_000);

  it('logs out to the login page', async () => {
    await bob.goto(url('/blog-post'));
    await bob.getByRole('button', { name: 'Log out' }).click();
    await bob.waitForURL(/\/login$/);
    await bob.goto(url('/blog-post'));
    await bob.waitForURL(/\/login$/);
  });
});
