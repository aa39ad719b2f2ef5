#!/usr/bin/env bash
# The blog in one command: build, create or update the database, seed it if it is empty,
# then serve the production build on http://localhost:${PORT:-3000}. Data is kept between runs.
# SQLite file examples/blog/dev.db by default; DATABASE_URL=postgres://... for PostgreSQL.
set -euo pipefail
app="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$app/../.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1
port="${PORT:-3000}"

bash "$app/scripts/build.sh"

cd "$app"
echo "==> Database (DATABASE_URL, else SQLite examples/blog/dev.db)"
"$root/node_modules/.bin/tsx" scripts/db-push.ts
"$root/node_modules/.bin/tsx" scripts/seed.ts

# Auth.js signs its session cookies with AUTH_SECRET: make one on first run and keep it.
if [ -z "${AUTH_SECRET:-}" ]; then
  if [ ! -s .auth-secret ]; then
    node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64url'))" >.auth-secret
  fi
  AUTH_SECRET="$(cat .auth-secret)"
  export AUTH_SECRET
fi

echo
echo "==> Warden Blog: http://localhost:$port   (Ctrl-C to stop)"
echo
exec "$root/node_modules/.bin/next" start -p "$port"
