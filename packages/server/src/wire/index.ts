// Browser-safe: what both ends of the RPC API must agree on.
export {
  operationRoutes,
  findOperationRoute,
  type OperationRoute,
  type OperationName,
} from './operations.js';
export { wire, serializeData } from './serialization.js';
