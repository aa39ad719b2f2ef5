import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { operations } from '../operations.js';
import { WardenPromise } from './warden-promise.js';

/**
 * `db.post`: the operations of one model. Methods live on the prototype (built once), so a
 * delegate is two fields and creating clients per request stays cheap.
 */
export class ModelDelegate {
  constructor(
    readonly $ctx: QueryContext,
    readonly $model: ModelDef,
  ) {}
}

for (const [name, op] of Object.entries(operations)) {
  Object.defineProperty(ModelDelegate.prototype, name, {
    value: function (this: ModelDelegate, args?: unknown) {
      const model = this.$model;
      return new WardenPromise(this.$ctx, (ctx) => op(ctx, model, args));
    },
    writable: true,
    configurable: true,
  });
}
