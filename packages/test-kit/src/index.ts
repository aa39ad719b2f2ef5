export {
  testDialects,
  createTestDatabase,
  type TestDialect,
  type TestDatabase,
} from './databases.js';
