import { defineConfig } from 'vitest/config';

// Tests run against `src` through the `@warden/source` export condition: no build needed.
export default defineConfig({
  resolve: { conditions: ['@warden/source'] },
  ssr: { resolve: { conditions: ['@warden/source'] } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'packages/*/test/**/*.test.tsx',
      'examples/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Refine's packages must be inlined or react-router loads twice.
    server: { deps: { inline: [/@refinedev\//] } },
    // React tests talk to a real API server on 127.0.0.1, another origin than the page's.
    environmentOptions: {
      happyDOM: { settings: { fetch: { disableSameOriginPolicy: true } } },
    },
  },
});
