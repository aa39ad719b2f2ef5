import { findModel, type FieldDef, type ModelDef, type SchemaDef } from '@warden/schema';

/**
 * Finds the model behind a Refine resource name, ignoring case, `-` and `_`, and a trailing
 * plural `s`: `post`, `Post` and `posts` name `Post`; `blog-post` and `blog_posts` name
 * `BlogPost`. Route paths are free: `{ name: 'post', list: '/blog-post' }` serves `Post` at the
 * seed's URLs. Without a schema the resource is used as it is.
 */
export function resourceToModel(schema: SchemaDef | undefined, resource: string): string {
  if (!schema) return resource;
  const direct = findModel(schema, resource);
  if (direct) return direct.name;
  const squash = (s: string) => s.replace(/[-_\s]/g, '').toLowerCase();
  const wanted = squash(resource);
  for (const name of Object.keys(schema.models)) {
    const n = name.toLowerCase();
    if (n === wanted || `${n}s` === wanted) return name;
  }
  return resource;
}

/** The id field of a model (first of a compound id), or `id` without a schema. */
export function idFieldOf(model: ModelDef | undefined): FieldDef | undefined {
  const name = model?.idFields[0];
  return name ? model.fields[name] : undefined;
}

/** Route ids arrive as strings: turn them into the id field's type. */
export function coerceId(field: FieldDef | undefined, id: unknown): unknown {
  return field ? coerceScalar(field.type, id) : id;
}

/**
 * A string standing for a value of scalar `type` as that value: route ids, and filter values
 * Refine restores from the URL (`syncWithLocation` gives `"50"` and `"true"`). A string that is
 * not a valid value of the type is left as it is, for the server to refuse naming the field.
 *
 * @example
 * ```ts
 * coerceScalar('Int', '50'); // 50
 * coerceScalar('Boolean', 'true'); // true
 * coerceScalar('String', '50'); // '50'
 * ```
 */
export function coerceScalar(type: string | undefined, value: unknown): unknown {
  if (typeof value !== 'string' || type === undefined) return value;
  switch (type) {
    case 'Int':
    case 'Float': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : value;
    }
    case 'BigInt':
      return /^-?\d+$/.test(value) ? BigInt(value) : value;
    case 'Boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}
