#!/usr/bin/env bash
# The README's test command (`npm test`): every check a change must pass, in order of cost.
#   1. content check  2. dependencies  3. lint  4. type check  5. unit + property tests  6. production build
#   7. browser tests
# Browser tests need Debian's Chromium at /usr/bin/chromium (or $CHROMIUM_PATH). With CI=true they are
# required; locally they are skipped with a message when no Chromium is found.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 NEXT_TELEMETRY_DISABLED=1 FORCE_COLOR=0

step() { printf '\n=== %s ===\n' "$*"; }
started=$(date +%s)

step "content check"
npx tsx scripts/check-content.ts

step "dependencies (lockfile from the registry with integrity, runtime licences)"
node scripts/check-deps.mjs

step "lint (ESLint: typescript-eslint, react-hooks, jsx-a11y)"
npx eslint --max-warnings=0 .

step "type check"
npx tsc --noEmit -p .

step "unit and property tests"
npx vitest run

step "production build"
SDLAB_TYPES_CHECKED=1 npx next build

step "the app server under hostile connections (idle sockets, slow-loris, slow honest uploads; needs the build)"
SDLAB_REQUIRE_APP_SERVER=1 npx vitest run tests/unit/hostile/app-server.test.ts

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: browser tests are required under CI=true but no Chromium at $chromium (apt-get install -y chromium)" >&2
    exit 1
  fi
  step "browser tests SKIPPED: no Chromium at $chromium (install Debian's chromium to run them)"
  echo "all non-browser tests passed in $(( $(date +%s) - started )) s"
  exit 0
fi

step "browser tests (playwright-core + $chromium)"
npx vitest run --config vitest.e2e.config.mts

echo
echo "all tests passed in $(( $(date +%s) - started )) s"
