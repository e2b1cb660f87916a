#!/usr/bin/env bash
# Installs the workspace with Node 22 (Hardhat 3 and its native EDR package require it).
# Running npm under Node 20 silently skips @nomicfoundation/edr-linux-x64-gnu, so npm itself
# must run under Node 22: the `node@22` npm package provides that binary.
set -euo pipefail
# Browsers are never downloaded: the web tests drive Debian's chromium (.ci/run installs it).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$(dirname "$0")/.."
edr_ok() { ls node_modules/@nomicfoundation/ 2>/dev/null | grep -q '^edr-linux-x64-gnu$\|^edr-linux-x64-musl$\|^edr-darwin'; }
if [ -x node_modules/.bin/node ] && [ -d node_modules/hardhat ] && edr_ok && [ "${1:-}" != "--force" ]; then
  exit 0
fi
echo "setup: installing dependencies with Node 22 (first run only)..." >&2
# `npm ci` refuses a lock file whose optional platform packages the registry does not serve (biome's
# android/win/darwin builds), so install from the lock with `npm install`.
cmd=install
major=$(node -p 'process.versions.node.split(".")[0]')
run_npm() {
  if [ "$major" -ge 22 ]; then npm "$@"; else npx -y -p node@22 -- npm "$@"; fi
}
run_npm "$cmd" --no-audit --no-fund --loglevel=error
edr_ok || { echo "setup: the EDR native package is missing after install" >&2; exit 1; }
