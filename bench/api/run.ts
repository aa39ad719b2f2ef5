// RPC API vs a bare node:http server running the same raw prepared statement, on 127.0.0.1.
// Each server runs in its own process; this process only generates load.
// Run: npx tsx --conditions=@warden/source bench/api/run.ts [--seconds 5] [--soak [--soak-seconds 15]]
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createClient } from '@warden/orm';
import { createTestDatabase, testDialects, type TestDialect } from '@warden/test-kit';
import { blogSchema } from '../../packages/orm/test/fixtures/blog-schema.js';
import { POSTS, USERS, seed } from '../orm/seed.js';
import { load, type LoadResult } from './load.js';
import { P99_RATIO_TARGET, RSS_CEILING_MB, soak } from './soak.js';

const argv = process.argv.slice(2);
const seconds = Number(argv[argv.indexOf('--seconds') + 1]) || 5;
const soakMode = argv.includes('--soak');
const soakSeconds = argv.includes('--soak-seconds')
  ? Number(argv[argv.indexOf('--soak-seconds') + 1])
  : 15;

async function startServer(
  mode: 'warden' | 'bare',
  url: string,
): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@warden/source', 'bench/api/server.ts', mode, url],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = /port (\d+)/.exec(chunk.toString())?.[1];
  if (!port) throw new Error(`server did not start: ${chunk.toString()}`);
  return { base: `http://127.0.0.1:${port}`, child };
}

const q = (args: unknown) => encodeURIComponent(JSON.stringify(args));
let k = 1;
const urls = {
  findUnique: (base: string) => () =>
    `${base}/api/model/post/findUnique?q=${q({ where: { id: (k = (k * 7919 + 13) % POSTS) + 1 } })}`,
  'findMany 20': (base: string) => () =>
    `${base}/api/model/post/findMany?q=${q({ where: { authorId: (k = (k * 7919 + 13) % USERS) + 1 }, orderBy: { createdAt: 'desc' }, take: 20 })}`,
};

const fmt = (r: LoadResult) =>
  `${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}`;

async function benchDialect(dialect: TestDialect): Promise<void> {
  const db = await createTestDatabase(dialect);
  const seeder: any = createClient(blogSchema, { url: db.url });
  await seeder.$pushSchema();
  await seed(seeder);
  await seeder.$disconnect();
  const warden = await startServer('warden', db.url);
  const bare = await startServer('bare', db.url);
  try {
    for (const [name, url] of Object.entries(urls)) {
      await load(url(warden.base), 10, 1);
      await load(url(bare.base), 10, 1);
      const w = await load(url(warden.base), 10, seconds);
      const b = await load(url(bare.base), 10, seconds);
      console.log(`${dialect.padEnd(10)} ${name.padEnd(12)} warden ${fmt(w)}`);
      console.log(`${''.padEnd(10)} ${''.padEnd(12)} bare   ${fmt(b)}`);
      console.log(
        `${''.padEnd(10)} ${''.padEnd(12)} throughput ratio warden/bare: ${(w.rps / b.rps).toFixed(2)} (target >= 0.70)`,
      );
    }
    if (soakMode) {
      const r = await load(urls['findMany 20'](warden.base), 50, 30);
      console.log(`${dialect.padEnd(10)} soak: 50 connections, 30 s, findMany 20: ${fmt(r)}`);
      if (r.errors > 0) process.exitCode = 1;
      const s = await soak(warden.base, warden.child.pid!, soakSeconds);
      const ratio = s.hostile.p99 / s.quiet.p99;
      console.log(`${dialect.padEnd(10)} normal traffic alone         ${fmt(s.quiet)}`);
      console.log(`${''.padEnd(10)} beside the hostile mix       ${fmt(s.hostile)}`);
      for (const [name, c] of Object.entries(s.mix)) {
        console.log(
          `${''.padEnd(10)}   hostile: ${name}: ${c.sent} sent, answers ${JSON.stringify(c.answered)}`,
        );
      }
      console.log(
        `${''.padEnd(10)} normal p99 ratio mix/alone: ${ratio.toFixed(2)} (target < ${P99_RATIO_TARGET}); ` +
          `peak RSS ${s.peakRssMb.toFixed(0)} MB (before the mix ${s.rssBeforeMb.toFixed(0)} MB; ceiling ${RSS_CEILING_MB} MB)`,
      );
      const serverErrors = Object.values(s.mix).some((c) =>
        Object.keys(c.answered).some((st) => Number(st) >= 500 || st === '0'),
      );
      if (
        ratio >= P99_RATIO_TARGET ||
        s.peakRssMb >= RSS_CEILING_MB ||
        s.hostile.errors > 0 ||
        serverErrors
      ) {
        process.exitCode = 1;
      }
    }
  } finally {
    warden.child.kill();
    bare.child.kill();
    await Promise.all([once(warden.child, 'exit'), once(bare.child, 'exit')]);
    await db.drop();
  }
}

for (const dialect of await testDialects()) await benchDialect(dialect);
