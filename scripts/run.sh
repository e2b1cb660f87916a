#!/usr/bin/env bash
# Runs a command with the workspace's Node 22 first on PATH, installing on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh"
export PATH="$root/node_modules/.bin:$PATH"
exec "$@"
