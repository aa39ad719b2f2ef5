import { describe, expect, it } from 'vitest';
import { registerPrepared } from '../src/dialect/postgres/prepared-pool.js';

// Regression: names came from counters at module level while the name map belongs to the
// client, so two copies of the module (one per Next.js route bundle) sharing a client, or the
// read and write paths, handed out the same name for different statements on PostgreSQL
// ("Prepared statements must be unique - 'w2' was used for a different statement").
describe('prepared-statement names', () => {
  it('are unique per map whoever registers them, and never reused after a drop', () => {
    const names = new Map<string, string>();
    for (let i = 0; i < 10; i++) registerPrepared(names, `select ${i}`);
    registerPrepared(names, 'select 3');
    names.delete('select 9');
    registerPrepared(names, 'select 10');
    const all = [...names.values()];
    expect(new Set(all).size).toBe(all.length);
    expect(names.get('select 10')).toBe('w11');
    expect(names.get('select 3')).toBe('w4');
  });

  it('count on the map itself, so separate maps start afresh', () => {
    const a = new Map<string, string>();
    const b = new Map<string, string>();
    registerPrepared(a, 'select 1');
    registerPrepared(b, 'select 2');
    expect([a.get('select 1'), b.get('select 2')]).toEqual(['w1', 'w1']);
  });
});
