import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { QueryContext } from '../context.js';
import type { ArgPath } from '../validate/invalid.js';
import type { ValidationSite } from '../validate/args.js';
import { ParamRef } from './param-ref.js';

/**
 * State of one plan being built: the context, where errors are reported, and fresh table
 * aliases. Builders never put argument values into SQL: they call `param(path, encode)`, whose
 * placeholder is filled from each call's arguments at execution.
 */
export class BuildScope {
  #aliases = 0;
  /** Conditions of every `where` built so far (see `InputLimits.maxFilterConditions`). */
  filterConditions = 0;
  /** How deep the `where` being built is nested (see `InputLimits.maxFilterDepth`). */
  filterDepth = 0;
  constructor(
    readonly ctx: QueryContext,
    readonly site: ValidationSite,
  ) {}

  /** A table alias unique within the statement: `t0`, `t1`, ... */
  nextAlias(): string {
    return `t${this.#aliases++}`;
  }

  /** A placeholder for the argument value at `path`, converted by `encode` at execution. */
  param(path: ArgPath, encode: (value: unknown) => unknown): RawBuilder<unknown> {
    return sql`${new ParamRef('args', path, encode)}`;
  }

  /** A constant bound as a parameter (not read from the arguments). */
  constant(value: unknown): RawBuilder<unknown> {
    return sql`${value}`;
  }
}
