import { defineConfig } from 'vitest/config';

// Tests run against `src` through the `@warden/source` export condition: no build needed.
export default defineConfig({
  resolve: { conditions: ['@warden/source'] },
  ssr: { resolve: { conditions: ['@warden/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/*/test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
