/**
 * Every diagnostic code, with what it means. The README's table is this list; a test keeps them
 * in step.
 */
export const DIAGNOSTIC_CODES = {
  'syntax-error': 'The text does not follow the grammar (unexpected token).',
  'unexpected-end': 'The file ends in the middle of a declaration.',
  'invalid-character': 'A character that is not part of the language.',
  'unterminated-string': 'A string literal is not closed on its line.',
  'unterminated-comment': 'A `/* ... */` comment is not closed.',
  'file-not-found': 'The schema file, or a file named by `import`, cannot be read.',
  'duplicate-declaration': 'Two models, enums, datasources, generators or plugins share a name.',
  'duplicate-field': 'A model declares (or inherits) two fields with the same name.',
  'duplicate-enum-value': 'An enum lists the same value twice.',
  'unknown-type': 'A field type is neither a scalar type, an enum nor a model.',
  'unknown-base-model': '`extends` names a model that does not exist.',
  'extends-non-abstract': '`extends` names a model that is not `abstract`.',
  'inheritance-cycle': 'Models extend each other in a cycle.',
  'unsupported-declaration': '`view` and `type` blocks (Prisma features) are not supported.',
  'missing-datasource': 'Warning: no `datasource` block; SQLite is assumed.',
  'duplicate-datasource': 'More than one `datasource` block.',
  'invalid-provider': 'The datasource provider is not `sqlite` or `postgresql`.',
  'missing-id':
    'A concrete model has neither `@id` / `@@id` nor a `@unique` / `@@unique` of required fields.',
  'duplicate-id': 'A model has more than one primary key (`@id` twice, or `@id` and `@@id`).',
  'invalid-id-field': '`@id` / `@@id` on an optional, list, relation or unsupported field.',
  'unknown-attribute': 'An attribute name that does not exist (or is not valid at that level).',
  'invalid-attribute-target': 'An attribute used on a field of the wrong type or kind.',
  'duplicate-attribute': 'An attribute that may appear once is given twice.',
  'unknown-argument':
    'An attribute or function argument name that does not exist, or too many arguments.',
  'missing-argument': 'A required attribute or function argument is missing.',
  'duplicate-argument': 'The same argument is given twice.',
  'invalid-argument': 'An argument of the wrong type or with an invalid value.',
  'unknown-field-reference':
    'A field list (`fields:`, `references:`, `@@id`, `@@unique`, `@@index`) names a field that does not exist.',
  'invalid-default': '`@default` value does not fit the field type.',
  'missing-opposite-relation':
    'A relation field has no matching relation field on the other model.',
  'ambiguous-relation':
    'Several relations between the same two models need distinct `@relation("name")`s.',
  'relation-missing-fields':
    'Neither side of a one-to-one or one-to-many relation has `fields:`/`references:`.',
  'relation-fields-on-both-sides': 'Both sides of a relation define `fields:`.',
  'relation-fields-on-list':
    'A list relation field defines `fields:`; the foreign key belongs on the single side.',
  'relation-fields-mismatch':
    '`fields:` and `references:` are missing one of them, or differ in length.',
  'relation-type-mismatch': 'A foreign-key field and the field it references have different types.',
  'relation-reference-not-unique':
    '`references:` does not name the id or a unique constraint of the related model.',
  'one-to-one-fk-not-unique': 'The foreign key of a one-to-one relation is not unique.',
  'one-to-one-opposite-required':
    'The side of a one-to-one relation without `fields:` must be optional.',
  'relation-optionality':
    'A required relation field uses an optional foreign-key field (an optional relation over a required key is a warning).',
  'relation-to-abstract': 'A field points at an abstract model.',
  'invalid-referential-action':
    '`onDelete`/`onUpdate` is not Cascade, Restrict, NoAction, SetNull or SetDefault.',
  'm2m-requires-single-id':
    'A model in an implicit many-to-many relation needs a single-field `@id` (a unique identity is not enough).',
  'unknown-reference':
    'A name in an expression is not a field of the model in scope nor an enum value.',
  'unknown-member': 'A member access names a field the object does not have.',
  'unknown-function': 'A function that does not exist (or is not allowed in that place).',
  'type-mismatch': 'Operands or arguments whose types cannot be used together.',
  'not-boolean': 'A condition that is not a Boolean expression.',
  'invalid-collection-predicate':
    'A collection predicate (`?[..]`, `![..]`, `^[..]`) on something that is not a to-many relation.',
  'member-on-list': 'A member access on a list (use a collection predicate).',
  'auth-without-model':
    '`auth()` is used but there is no `@@auth` model and no model named `User`.',
  'future-outside-update': '`future()` in a rule that does not cover `update`.',
  'invalid-policy-operation': 'An operation name other than create, read, update, delete or all.',
  'invalid-field-policy-operation':
    'A field-level rule for an operation other than read, update or all.',
  'validate-non-scalar': "`@@validate` uses something other than the model's own scalar fields.",
  'invalid-expression': 'An expression form that is not allowed here.',
  'import-dropped':
    'Warning from the Prisma importer: a Prisma feature Warden does not support was left out.',
  'internal-error': 'A bug in Warden: please report it with the schema.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
