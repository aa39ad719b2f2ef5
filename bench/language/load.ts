// Times loadSchema on generated schemas of 100, 200 and 300 models (each with relations,
// policies and a @@validate) and prints the medians and how they grow; linear growth means the
// 300-model time is about 3x the 100-model one. Target: 300 models under 150 ms.
// Run: npx tsx --conditions=@warden/source bench/language/load.ts
import { loadSchema } from '@warden/language';
import { generateSchema } from './generate-schema.js';

/**
 * Median CPU time (user + system) of one load, in ms. CPU time rather than wall time because
 * the bench shares a small machine: other processes stretch wall time, not our CPU time.
 */
async function median(text: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    const r = await loadSchema({ text });
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics.slice(0, 5), null, 2));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const sizes = [100, 200, 300];
const texts = sizes.map(generateSchema);
for (const text of texts) await median(text, 3);
const results: number[] = [];
for (const [i, size] of sizes.entries()) {
  const text = texts[i] ?? '';
  const ms = await median(text, 9);
  results.push(ms);
  console.log(
    `${String(size).padStart(3)} models (${text.split('\n').length} lines): median CPU ${ms.toFixed(1)} ms, ${((ms / size) * 1000).toFixed(0)} µs/model`,
  );
}
const base = results[0] ?? 1;
console.log(
  `growth vs 100 models: ${results.map((r) => (r / base).toFixed(2) + 'x').join(' / ')} (linear: 1.00x / 2.00x / 3.00x)`,
);
const at300 = results[2] ?? 0;
console.log(
  `300 models: ${at300.toFixed(1)} ms (target < 150 ms): ${at300 < 150 ? 'OK' : 'TOO SLOW'}`,
);
