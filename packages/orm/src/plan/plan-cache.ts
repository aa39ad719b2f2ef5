/**
 * Compiled plans by shape key. A plain Map with a size bound: when full, the oldest half is
 * dropped (Map iterates in insertion order), which keeps hits a single lookup.
 */
export class PlanCache {
  readonly #plans = new Map<string, unknown>();
  constructor(readonly maxSize = 2000) {}

  get<T>(key: string): T | undefined {
    return this.#plans.get(key) as T | undefined;
  }

  set(key: string, plan: unknown): void {
    if (this.#plans.size >= this.maxSize) {
      let drop = this.maxSize >> 1;
      for (const k of this.#plans.keys()) {
        if (drop-- <= 0) break;
        this.#plans.delete(k);
      }
    }
    this.#plans.set(key, plan);
  }

  get size(): number {
    return this.#plans.size;
  }
}
