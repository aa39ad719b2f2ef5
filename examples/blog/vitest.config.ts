import { defineConfig } from 'vitest/config';

// Runs the browser test on its own: `npx vitest run --config examples/blog/vitest.config.ts`.
// (The root config runs it too once it includes `examples/*/test/**/*.test.ts`.)
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['@warden/source'] },
  ssr: { resolve: { conditions: ['@warden/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
