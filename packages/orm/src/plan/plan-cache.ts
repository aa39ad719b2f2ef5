import { RawNode } from 'kysely';
import type { CompiledQuery } from 'kysely';

/** A compiled statement's parts that the cache weighs (see `estimateBytes`). */
interface Weighed {
  readonly sql?: unknown;
  readonly parameters?: unknown;
  readonly compiled?: Weighed | null;
}

/**
 * Bytes of heap a cached plan takes, estimated from what it holds, on the high side: a plan of
 * a 300-branch OR (13,146 characters of SQL, 600 parameters) measured 135 kB once its query
 * tree is dropped (`slimCompiled`), and is estimated at 244 kB.
 */
export function estimateBytes(key: string, value: unknown): number {
  const v = value as Weighed | null;
  const c = v?.compiled ?? v;
  const sql = typeof c?.sql === 'string' ? c.sql.length : 0;
  const params = Array.isArray(c?.parameters) ? c.parameters.length : 0;
  return 512 + 2 * key.length + 12 * sql + 100 * params;
}

/** The query tree every slimmed statement points to (nothing reads it; see `slimCompiled`). */
const NO_TREE = RawNode.createWithSql('');

/**
 * `compiled` without its query tree, for keeping in the cache. The tree is Kysely's AST of the
 * whole statement, about two thirds of a plan's memory (1 MB of a 300-branch OR's plan), and
 * nothing reads it once the SQL is made: execution needs the SQL text and the parameters
 * (Kysely's executor hands drivers and logging `sql`, `parameters` and `queryId`; its plugins
 * would read the tree, and the client's Kysely instance has none).
 */
export function slimCompiled(compiled: CompiledQuery<unknown>): CompiledQuery<unknown> {
  const { sql, parameters, queryId } = compiled;
  return { sql, parameters, queryId, query: NO_TREE };
}

/**
 * Compiled plans by shape key, bounded by their estimated size in bytes (`estimateBytes`), not
 * by their number: a few huge shapes (a 4,000-branch OR per page size) used to keep gigabytes.
 * When the total passes `maxBytes`, the oldest entries are dropped (Map iterates in insertion
 * order) down to half of it, which keeps hits a single lookup. A plan estimated over
 * `maxBytes / 64` is not kept at all: built for its call and left to the garbage collector.
 */
export class PlanCache {
  readonly #plans = new Map<string, { value: unknown; bytes: number }>();
  #bytes = 0;
  constructor(
    readonly maxBytes = 32 * 1024 * 1024,
    readonly maxEntries = 5000,
  ) {}

  get<T>(key: string): T | undefined {
    return this.#plans.get(key)?.value as T | undefined;
  }

  /** Keeps `value` under `key` unless it is too big to keep; says whether it did. */
  set(key: string, value: unknown): boolean {
    const bytes = estimateBytes(key, value);
    if (bytes > this.maxBytes / 64) return false;
    const old = this.#plans.get(key);
    if (old) {
      this.#bytes -= old.bytes;
      this.#plans.delete(key);
    }
    if (this.#bytes + bytes > this.maxBytes || this.#plans.size >= this.maxEntries) {
      const bytesTo = this.maxBytes / 2 - bytes;
      const entriesTo = this.maxEntries >> 1;
      for (const [k, e] of this.#plans) {
        if (this.#bytes <= bytesTo && this.#plans.size <= entriesTo) break;
        this.#plans.delete(k);
        this.#bytes -= e.bytes;
      }
    }
    this.#plans.set(key, { value, bytes });
    this.#bytes += bytes;
    return true;
  }

  get size(): number {
    return this.#plans.size;
  }

  /** The estimated bytes of everything kept. */
  get bytes(): number {
    return this.#bytes;
  }
}
