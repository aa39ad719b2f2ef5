import type { FieldDef, ModelDef } from '@warden/schema';
import type { AttributeNode, FieldDecl } from './ast.js';
import type { BoundArgs } from './attribute-specs.js';
import type { FlatModel } from './model-table.js';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface BoundAttribute {
  readonly node: AttributeNode;
  readonly args: BoundArgs;
}

/** A field while the schema is being built: its declaration, resolved type and growing def. */
export interface FieldInfo {
  readonly name: string;
  readonly decl: FieldDecl;
  readonly model: ModelInfo;
  readonly kind: FieldDef['kind'] | 'unknown';
  readonly type: string;
  readonly optional: boolean;
  readonly list: boolean;
  readonly attributes: readonly BoundAttribute[];
  readonly def: Mutable<FieldDef>;
}

export interface ModelInfo {
  readonly name: string;
  readonly flat: FlatModel;
  readonly fields: Map<string, FieldInfo>;
  readonly attributes: BoundAttribute[];
  readonly def: Mutable<ModelDef> & { idFields: string[] };
  /** Field sets that identify a row: the id and every unique constraint (for `references`). */
  readonly keys: string[][];
  auth: boolean;
}

export function attr(list: readonly BoundAttribute[], name: string): BoundAttribute | undefined {
  return list.find((a) => a.node.name === name);
}
