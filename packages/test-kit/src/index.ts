export {
  testDialects,
  createTestDatabase,
  type TestDialect,
  type TestDatabase,
} from './databases.js';
export { startTestApi, type TestApi, type TestApiOptions } from './test-api.js';
export { seededRandom } from './seeded-random.js';
