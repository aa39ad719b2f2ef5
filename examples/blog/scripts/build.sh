#!/usr/bin/env bash
# Builds everything `next start` needs: the Warden packages (to dist/, holding the lock that
# test/pack's build also takes), generated/schema.ts (from schema.zmodel), and the Next.js
# production build. The last step is skipped when
# nothing it depends on changed since the previous build (BLOG_REBUILD=1 forces it).
set -euo pipefail
app="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$app/../.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1

echo "==> Building the Warden packages"
(cd "$root" && flock node_modules/.warden-build.lock node_modules/.bin/tsc -b packages/cli packages/server packages/refine packages/policy)

cd "$app"
echo "==> Generating generated/schema.ts from schema.zmodel"
node "$root/packages/cli/bin/warden.js" generate --schema schema.zmodel --out generated

changed=""
if [ -f .next/BUILD_ID ] && [ -z "${BLOG_REBUILD:-}" ]; then
  changed="$(find app components lib auth.ts next.config.mjs schema.zmodel package.json \
    "$root"/packages/*/dist -newer .next/BUILD_ID -type f -print -quit 2>/dev/null || true)"
else
  changed="(no previous build)"
fi
if [ -n "$changed" ]; then
  echo "==> Building the Next.js app"
  "$root/node_modules/.bin/next" build
else
  echo "==> The Next.js build is up to date"
fi
