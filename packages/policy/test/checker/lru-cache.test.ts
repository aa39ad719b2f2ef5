import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/checker/lru-cache.js';

describe('the checker cache', () => {
  it('never holds more than its capacity, however many keys go through it', () => {
    const cache = new LruCache<number>(100);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`k${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.get('k9999')).toBe(9999);
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps entries that are used while newer ones arrive', () => {
    const cache = new LruCache<number>(10);
    cache.set('hot', 1);
    for (let i = 0; i < 1000; i++) {
      cache.set(`cold${i}`, i);
      expect(cache.get('hot')).toBe(1);
    }
  });

  it('stores nothing with capacity 0', () => {
    const cache = new LruCache<number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
