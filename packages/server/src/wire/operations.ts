/** How each RPC operation is reached over HTTP and what a success answers with. */
export interface OperationRoute {
  readonly methods: readonly string[];
  /** Arguments come from the `q` search parameter (GET, DELETE) or the JSON body. */
  readonly argsFrom: 'query' | 'body';
  readonly status: 200 | 201;
  /** Whether the operation changes data (for cache invalidation and `$transaction`). */
  readonly mutation: boolean;
}

const read: OperationRoute = { methods: ['GET'], argsFrom: 'query', status: 200, mutation: false };
const create: OperationRoute = { methods: ['POST'], argsFrom: 'body', status: 201, mutation: true };
const update: OperationRoute = {
  methods: ['PUT', 'PATCH'],
  argsFrom: 'body',
  status: 200,
  mutation: true,
};
const remove: OperationRoute = {
  methods: ['DELETE'],
  argsFrom: 'query',
  status: 200,
  mutation: true,
};

/** Every operation the RPC API serves; anything else is a 400. */
export const operationRoutes = Object.freeze({
  findMany: read,
  findUnique: read,
  findUniqueOrThrow: read,
  findFirst: read,
  findFirstOrThrow: read,
  count: read,
  aggregate: read,
  groupBy: read,
  exists: read,
  check: read,
  /** Per-row permissions for a list of ids: `{ ids, operations? }` -> `{ [id]: { read, update, delete } }`. */
  permissions: read,
  create,
  createMany: create,
  createManyAndReturn: create,
  upsert: create,
  update,
  updateMany: update,
  updateManyAndReturn: update,
  delete: remove,
  deleteMany: remove,
});

/** The name of an operation the RPC API serves. */
export type OperationName = keyof typeof operationRoutes;

export function findOperationRoute(op: string): OperationRoute | undefined {
  return Object.hasOwn(operationRoutes, op) ? operationRoutes[op as OperationName] : undefined;
}
