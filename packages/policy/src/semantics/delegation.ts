import type { PolicyOperation } from '@warden/schema';

/**
 * The `model:operation` pairs whose rules are being evaluated, outermost first, to stop
 * `check()` cycles: `check(author)` from Post's read rule enters `User:read`; reaching a pair
 * already on the way (`User:read` delegating back to `Post:read`) is FALSE in all three
 * walkers, so a delegation cycle never grants and the checker agrees with enforcement.
 * Immutable: entering returns a new path.
 *
 * @example
 * ```ts
 * const d = Delegation.start('Post', 'read');
 * d.enter('User', 'read'); // a path of two
 * d.enter('Post', 'read'); // undefined: a cycle
 * ```
 */
export class Delegation {
  private constructor(private readonly path: readonly string[]) {}

  static start(model: string, operation: PolicyOperation): Delegation {
    return new Delegation([`${model}:${operation}`]);
  }

  /** No rule entered yet (for evaluating an expression outside any rule). */
  static readonly NONE = new Delegation([]);

  /** The path with `model:operation` entered, or `undefined` when that closes a cycle. */
  enter(model: string, operation: PolicyOperation): Delegation | undefined {
    const key = `${model}:${operation}`;
    return this.path.includes(key) ? undefined : new Delegation([...this.path, key]);
  }
}
