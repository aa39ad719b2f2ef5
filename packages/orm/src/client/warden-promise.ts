import type { QueryContext } from '../context.js';

/**
 * The result of a delegate call. Like Prisma's promises it is lazy: nothing runs until it is
 * awaited, so `$transaction([db.a.create(..), db.b.update(..)])` can run the calls inside the
 * transaction instead of outside it.
 */
export class WardenPromise<T> implements PromiseLike<T> {
  #started: Promise<T> | undefined;
  constructor(
    private readonly ctx: QueryContext,
    private readonly exec: (ctx: QueryContext) => T | Promise<T>,
  ) {}

  /** Runs with another context (the batch transaction's). */
  runIn(ctx: QueryContext): Promise<T> {
    return started(this.exec, ctx);
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#started ??= started(this.exec, this.ctx);
    return this.#started.then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return 'WardenPromise';
  }
}

/** The operation's promise: its answer may be synchronous (SQLite), its throw too. */
function started<T>(exec: (ctx: QueryContext) => T | Promise<T>, ctx: QueryContext): Promise<T> {
  try {
    const r = exec(ctx);
    return r instanceof Promise ? r : Promise.resolve(r);
  } catch (e) {
    return Promise.reject(e);
  }
}
