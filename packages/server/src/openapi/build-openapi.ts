import { lowerCaseFirst, type FieldDef, type SchemaDef } from '@warden/schema';
import { operationRoutes } from '../wire/operations.js';

type JsonSchema = Record<string, unknown>;

const scalarSchemas: Record<string, JsonSchema> = {
  String: { type: 'string' },
  Int: { type: 'integer' },
  BigInt: { type: 'string', description: 'bigint; superjson metadata marks it' },
  Float: { type: 'number' },
  Decimal: { type: 'string', description: 'decimal; superjson metadata marks it' },
  Boolean: { type: 'boolean' },
  DateTime: { type: 'string', format: 'date-time' },
  Json: {},
  Bytes: { type: 'string', contentEncoding: 'base64' },
};

const errorStatuses: Record<string, string> = {
  '400': 'Malformed request, unknown model or operation, or a limit exceeded',
  '403': 'Rejected by an access policy',
  '404': 'Not found (or not readable by this user)',
  '409': 'Unique or foreign-key conflict',
  '422': 'Arguments do not fit the schema',
  '500': 'Server fault; the body carries an error id',
};

/**
 * An OpenAPI 3.1 document describing the RPC API of `schema`: one path per model and
 * operation, a component schema per model and enum, and the error envelope.
 */
export function buildOpenApi(schema: SchemaDef, basePath: string): JsonSchema {
  const components: Record<string, JsonSchema> = {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            reason: { type: 'string' },
            path: { type: 'string' },
            model: { type: 'string' },
            errorId: { type: 'string' },
          },
        },
      },
    },
  };
  for (const e of Object.values(schema.enums)) {
    components[e.name] = { type: 'string', enum: [...e.values] };
  }
  const paths: Record<string, JsonSchema> = {};
  for (const model of Object.values(schema.models)) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const field of Object.values(model.fields)) {
      if (field.ignored || field.kind === 'relation') continue;
      properties[field.name] = fieldSchema(field);
      if (!field.optional && !field.omit) required.push(field.name);
    }
    components[model.name] = { type: 'object', properties, required };
    for (const [op, route] of Object.entries(operationRoutes)) {
      const operation: JsonSchema = {
        operationId: `${lowerCaseFirst(model.name)}_${op}`,
        tags: [model.name],
        summary: `${model.name}.${op}`,
        responses: {
          [String(route.status)]: {
            description: 'Success: `{ data, meta? }`',
            content: {
              'application/json': { schema: { type: 'object', properties: { data: {} } } },
            },
          },
          ...Object.fromEntries(
            Object.entries(errorStatuses).map(([status, description]) => [
              status,
              {
                description,
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
              },
            ]),
          ),
        },
      };
      if (route.argsFrom === 'query') {
        operation.parameters = [
          {
            name: 'q',
            in: 'query',
            required: false,
            description: 'Arguments as JSON',
            schema: { type: 'string' },
          },
          {
            name: 'meta',
            in: 'query',
            required: false,
            description: 'superjson metadata as JSON',
            schema: { type: 'string' },
          },
        ];
      } else {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: { type: 'object' } } },
        };
      }
      const item: JsonSchema = {};
      for (const method of route.methods) item[method.toLowerCase()] = operation;
      paths[`${basePath}/${lowerCaseFirst(model.name)}/${op}`] = item;
    }
  }
  paths[`${basePath}/$transaction`] = {
    post: {
      operationId: 'transaction',
      summary: 'Run several operations atomically',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'array',
              items: {
                type: 'object',
                required: ['model', 'op'],
                properties: {
                  model: { type: 'string' },
                  op: { type: 'string' },
                  args: { type: 'object' },
                },
              },
            },
          },
        },
      },
      responses: { '200': { description: 'Results in order: `{ data: [...] }`' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Warden RPC API', version: '1.0.0' },
    paths,
    components: { schemas: components },
  };
}

function fieldSchema(field: FieldDef): JsonSchema {
  const base: JsonSchema =
    field.kind === 'enum'
      ? { $ref: `#/components/schemas/${field.type}` }
      : (scalarSchemas[field.type] ?? {});
  const item = field.list ? { type: 'array', items: base } : base;
  return field.optional ? { anyOf: [item, { type: 'null' }] } : item;
}
