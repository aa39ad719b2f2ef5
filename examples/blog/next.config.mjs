import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app lives in an npm workspace: dependencies are installed at the repository root.
  turbopack: { root: resolve(here, '../..') },
  outputFileTracingRoot: resolve(here, '../..'),
  // Native drivers stay plain Node modules on the server.
  serverExternalPackages: ['better-sqlite3', 'pg'],
  poweredByHeader: false,
};

export default nextConfig;
