import type { QueryContext } from '../context.js';
import type { ValidationSite } from '../validate/args.js';

/** One mutation being parsed and run: its context, error site, arguments and timestamp. */
export interface WriteScope {
  readonly ctx: QueryContext;
  readonly site: ValidationSite;
  /** The operation's whole argument object: every `where` parameter is read from it by path. */
  readonly root: unknown;
  /** The one `now()` / `@updatedAt` timestamp of the mutation. */
  readonly now: Date;
}
