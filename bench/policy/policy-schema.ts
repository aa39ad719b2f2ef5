import type { Expr, ModelDef, PolicyRule, SchemaDef } from '@warden/schema';
import { blogSchema } from '../../packages/orm/test/fixtures/blog-schema.js';

const authNotNull: Expr = {
  kind: 'binary',
  op: '!=',
  left: { kind: 'auth' },
  right: { kind: 'null' },
};
const published: Expr = { kind: 'field', name: 'published', model: 'Post' };
const authorIsMe: Expr = {
  kind: 'binary',
  op: '==',
  left: { kind: 'field', name: 'author', model: 'Post' },
  right: { kind: 'auth' },
};

const rule = (
  kind: 'allow' | 'deny',
  operations: PolicyRule['operations'],
  condition: Expr,
  source: string,
): PolicyRule => ({
  kind,
  operations,
  condition,
  source,
});

const allowAll = [
  rule('allow', ['create', 'read', 'update', 'delete'], { kind: 'literal', value: true }, 'true'),
];

/**
 * The ORM benchmark's blog schema with the seed's post rules: signed-in users read published
 * posts, authors have full access to their own, any signed-in user may create. Every other
 * model allows everything, so the measured cost is the Post rule's.
 */
export const policySchema: SchemaDef = {
  ...blogSchema,
  models: Object.fromEntries(
    Object.entries(blogSchema.models).map(([name, m]): [string, ModelDef] => [
      name,
      {
        ...m,
        policies:
          name === 'Post'
            ? [
                rule(
                  'allow',
                  ['read'],
                  { kind: 'binary', op: '&&', left: authNotNull, right: published },
                  'auth() != null && published',
                ),
                rule('allow', ['create'], authNotNull, 'auth() != null'),
                rule('allow', ['read', 'update', 'delete'], authorIsMe, 'author == auth()'),
              ]
            : allowAll,
      },
    ]),
  ),
};
