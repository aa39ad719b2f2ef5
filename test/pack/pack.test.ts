// The packages as a user gets them: build and `npm pack` every package, install the tarballs into
// fresh apps in the temp folder (outside the repository, so nothing resolves from its
// node_modules), and there follow the tour: `warden init`, `check`, `generate`, `db push`, the
// ORM with enhance() and check(), an Express server answering the fetch client, `tsc` strict
// with `skipLibCheck: false`, `require()` from CommonJS. One app per database, each installing
// only its own driver. Dependencies come from the npm registry (`--prefer-offline`: the local
// cache first); better-sqlite3 compiles from source once, in the SQLite app.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, testDialects, type TestDatabase } from '@warden/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const appTemplate = join(import.meta.dirname, 'app');
/** Build order; refine is packed and checked but not installed (its peer is all of Refine). */
const PACKAGES = ['schema', 'language', 'orm', 'policy', 'server', 'client', 'refine', 'cli'];
const INSTALLED = PACKAGES.filter((p) => p !== 'refine');
/** What every app needs besides Warden and its driver (versions as in the repository's lock). */
const APP_DEPS = [
  'express@^5.3.0',
  'typescript@^6.0.3',
  '@types/node@^20.19.0',
  '@types/express@^5',
];
/** The blog e2e test builds the same dist/ folders: builds and packs take turns on this lock. */
const buildLock = join(repo, 'node_modules', '.warden-build.lock');

/** The environment without what `npm test` set for the repository (`npm_config_*`, ...). */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^npm_/i.test(k) && !['INIT_CWD', 'NODE_OPTIONS', 'NODE_ENV'].includes(k),
  ),
) as NodeJS.ProcessEnv;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (20 min at most); never throws for a non-zero exit. */
function sh(cmd: string, args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      cmd,
      args,
      { cwd, env: { ...env, ...extra }, timeout: 1_200_000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Like `sh`, but a failure fails the test with the command's output. */
async function ok(cmd: string, args: string[], cwd: string, extra?: NodeJS.ProcessEnv) {
  const started = Date.now();
  const r = await sh(cmd, args, cwd, extra);
  console.log(`[pack] ${[cmd, ...args].join(' ').slice(0, 90)}: ${Date.now() - started} ms`);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

/** The one JSON line a script of the app prints. */
async function runScript(app: string, script: string, args: string[], url: string) {
  const r = await ok('node', [`dist/src/${script}.js`, ...args], app, { DATABASE_URL: url });
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

const dialects = await testDialects();
const work = mkdtempSync(join(tmpdir(), 'warden-pack-'));
const tarballs = join(work, 'tarballs');
let packed: { name: string; filename: string; files: { path: string }[] }[] = [];
/** Each app's `npm install`, started together once the tarballs exist (better-sqlite3's compile
 * dominates: the other installs run beside it). */
const installs = new Map<string, Promise<unknown>>();

/** A fresh app folder with the template's sources, the tarballs, `driver` and APP_DEPS. */
function installApp(app: string, driver: string): Promise<unknown> {
  cpSync(appTemplate, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  const files = INSTALLED.map((p) => packed.find((t) => t.name === `@warden/${p}`)!.filename);
  return ok(
    'npm',
    [
      ...['install', '--prefer-offline', '--no-audit', '--no-fund'],
      ...files.map((f) => join(tarballs, f)),
      driver,
      ...APP_DEPS,
    ],
    app,
  );
}

beforeAll(async () => {
  mkdirSync(tarballs);
  await ok('flock', [buildLock, 'npm', 'run', 'build'], repo);
  const pack = await ok(
    'flock',
    [
      buildLock,
      // The build just ran; each package's own `prepack` (the same build) is checked below.
      ...['npm', 'pack', '--json', '--ignore-scripts', '--pack-destination', tarballs],
      ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`]),
    ],
    repo,
  );
  packed = JSON.parse(pack.stdout) as typeof packed;
  for (const dialect of dialects) {
    const install = installApp(appDir(dialect), driverOf(dialect));
    install.catch(() => undefined); // awaited (and reported) by the dialect's own beforeAll
    installs.set(dialect, install);
  }
}, 600_000);

function appDir(dialect: string): string {
  return join(work, `${dialect}-app`);
}

function driverOf(dialect: string): string {
  return dialect === 'sqlite' ? 'better-sqlite3' : 'pg';
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarballs', () => {
  it.each(PACKAGES)('@warden/%s holds its build, README, LICENSE and linked docs', (name) => {
    const tarball = packed.find((p) => p.name === `@warden/${name}`);
    expect(tarball).toBeDefined();
    const files = tarball!.files.map((f) => f.path);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']) {
      expect(files).toContain(f);
    }
    if (name === 'policy')
      expect(files).toEqual(expect.arrayContaining(['POLICY.md', 'CHECKER.md']));
    const manifest = JSON.parse(readFileSync(join(repo, 'packages', name, 'package.json'), 'utf8'));
    expect(manifest.scripts.prepack).toBe('tsc -b');
    expect(manifest.description).toBeTruthy();
    expect(manifest.repository).toBeTruthy();
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (dep.startsWith('@warden/')) expect(range).toMatch(/^\^/);
    }
  });
});

describe.each(dialects)('an app on %s installed from the tarballs', (dialect) => {
  const app = appDir(dialect);
  const driver = driverOf(dialect);
  const other = dialect === 'sqlite' ? 'pg' : 'better-sqlite3';
  let database: TestDatabase;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    url = dialect === 'sqlite' ? 'file:./dev.db' : database.url;
    // better-sqlite3 compiles from source: ~2 min alone, far more on a busy machine.
    await installs.get(dialect);
  }, 1_500_000);

  afterAll(() => database?.drop());

  it('has its own driver and not the other one, nor either @types', () => {
    expect(existsSync(join(app, 'node_modules', driver))).toBe(true);
    expect(existsSync(join(app, 'node_modules', other))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@types/pg'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/@types/better-sqlite3'))).toBe(false);
  });

  it('warden init, check, generate (no hooks.ts without TanStack Query), db push', async () => {
    const warden = join(app, 'node_modules/.bin/warden');
    await ok(warden, ['init'], app);
    const schemaFile = join(app, 'schema.zmodel');
    const starter = readFileSync(schemaFile, 'utf8');
    expect(starter).toContain('published Boolean');
    if (dialect === 'postgresql') {
      writeFileSync(
        schemaFile,
        starter
          .replace('provider = "sqlite"', 'provider = "postgresql"')
          .replace('url      = "file:./dev.db"', `url      = "${url}"`),
      );
    }
    const check = await ok(warden, ['check'], app);
    expect(check.stdout).toContain('no problems');
    const generate = await ok(warden, ['generate'], app);
    expect(generate.stdout).toContain('wrote generated/schema.ts');
    expect(generate.stdout).toContain('skipped hooks.ts');
    expect(existsSync(join(app, 'generated/hooks.ts'))).toBe(false);
    await ok(warden, ['db', 'push'], app);
  }, 300_000);

  it('type-checks strictly with skipLibCheck false, without @types/pg or @types/better-sqlite3', async () => {
    await ok(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app);
  }, 300_000);

  it('the ORM, enhance() and check() work', async () => {
    expect(await runScript(app, 'orm', [], url)).toEqual({
      titles: ['Public'],
      own: ['Draft', 'Public'],
      flags: [false, true],
      denied: 'REJECTED_BY_POLICY',
      writerMayCreate: true,
      anonymousMayCreate: false,
    });
  }, 300_000);

  it('an Express server with the RPC middleware answers the fetch client', async () => {
    expect(await runScript(app, 'api', [], url)).toEqual({
      created: 'Over HTTP',
      anonymousCount: 1,
      writerCount: 3,
      errorIsWardenError: true,
      errorCode: 'REJECTED_BY_POLICY',
      errorStatus: 403,
    });
  }, 300_000);

  it(`a ${other} url fails with an error saying to install ${other}`, async () => {
    const otherUrl = dialect === 'sqlite' ? 'postgres://127.0.0.1/x' : 'file:./other.db';
    const out = await runScript(app, 'missing-driver', [otherUrl], url);
    expect(out.code).toBe('CONFIG');
    expect(out.message).toContain(`npm install ${other}`);
  }, 300_000);

  it('CommonJS code can require() the packages', async () => {
    const r = await ok('node', ['src/require.cjs'], app);
    expect(JSON.parse(r.stdout)).toEqual(['function', 'function', 'function', 'function']);
  }, 300_000);
});
