/**
 * A bounded cache with least-recently-used eviction, done as two generations: hits in the
 * young map cost one lookup, hits in the old map move the entry to the young one, and when the
 * young map holds half the capacity the old one is dropped. At most `capacity` entries are
 * kept; `capacity` 0 disables caching.
 */
export class LruCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private readonly half: number;

  constructor(capacity: number) {
    this.half = Math.max(0, Math.floor(capacity / 2));
  }

  get(key: string): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined || this.half === 0) return v;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: string, value: V): void {
    if (this.half === 0) return;
    this.young.set(key, value);
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
