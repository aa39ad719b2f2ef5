// Type-check benchmark: generates a schema of N models and a usage file, then runs
// `tsc --noEmit --extendedDiagnostics` on it and prints time and memory. The baseline, measured
// in the same run, is the schema literal alone (no client usage), so the ratio shows what the
// client types cost on top of merely checking the schema.
//
//   npx tsx --conditions=@warden/source bench/types/run.ts [models=100]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaSource, usageSource } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const models = Number(process.argv[2] ?? 100);

interface Measure {
  seconds: number;
  /** User + system CPU of tsc: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  memoryMB: number;
  maxRssMB: number;
  types: number;
  instantiations: number;
}

function stat(out: string, label: string): number {
  const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(out);
  return m ? Number(m[1]) : NaN;
}

function check(withUsage: boolean): Measure {
  const dir = mkdtempSync(join(tmpdir(), 'warden-types-bench-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(here, 'tsconfig.json'), include: ['./*.ts'] }),
    );
    writeFileSync(
      join(dir, 'schema.ts'),
      schemaSource(models, join(root, 'packages/schema/src/index.js')),
    );
    if (withUsage) {
      writeFileSync(
        join(dir, 'usage.ts'),
        usageSource(models, models, join(root, 'packages/orm/src/types/index.js')),
      );
    }
    // GNU time reports the peak resident set of tsc; tsc's own figure is the heap it used.
    const run = spawnSync(
      '/usr/bin/time',
      ['-f', 'maxrss_kb:%M cpu_s:%U+%S', process.execPath, tsc, '-p', dir, '--extendedDiagnostics'],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (process.env.VERBOSE) console.log(run.stdout);
    if (/error TS/.test(run.stdout)) {
      const errors = run.stdout.split('\n').filter((l) => /error TS/.test(l));
      process.stderr.write(`${errors.slice(0, 20).join('\n')}\n`);
      throw new Error(`the generated usage file has ${errors.length} type errors`);
    }
    return parse(run.stdout, run.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parse(out: string, err: string): Measure {
  const rss = /maxrss_kb:(\d+)/.exec(out + err);
  const cpu = /cpu_s:([\d.]+)\+([\d.]+)/.exec(out + err);
  return {
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN,
    seconds: stat(out, 'Total time'),
    memoryMB: stat(out, 'Memory used') / 1024,
    maxRssMB: rss ? Number(rss[1]) / 1024 : NaN,
    types: stat(out, 'Types'),
    instantiations: stat(out, 'Instantiations'),
  };
}

const base = check(false);
const full = check(true);
const row = (name: string, m: Measure): string =>
  `${name.padEnd(22)} ${m.seconds.toFixed(2).padStart(7)} s wall ${m.cpuSeconds.toFixed(2).padStart(6)} s cpu ${m.memoryMB.toFixed(0).padStart(6)} MB heap ${m.maxRssMB.toFixed(0).padStart(6)} MB rss ${String(m.types).padStart(8)} types ${String(m.instantiations).padStart(10)} inst.`;
console.log(
  `type-check of a ${models}-model schema (${models} usage functions, 11 operations each)`,
);
console.log(row('schema only (baseline)', base));
console.log(row('schema + usage', full));
console.log(
  `ratio cpu ${(full.cpuSeconds / base.cpuSeconds).toFixed(2)}x, wall ${(full.seconds / base.seconds).toFixed(2)}x, memory ${(full.maxRssMB / base.maxRssMB).toFixed(2)}x; targets: < 15 s, < 2048 MB`,
);
