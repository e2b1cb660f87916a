#!/usr/bin/env bash
# Monte Carlo throughput benchmark: TypeScript (1 and 2 threads) against the numpy reference.
# Installs python3-numpy from Debian when no Python with numpy is available (CI runs as root).
set -euo pipefail
cd "$(dirname "$0")"
has_numpy() { "$1" -c 'import numpy' >/dev/null 2>&1; }
PYTHON=""
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && has_numpy "$candidate"; then PYTHON="$candidate"; break; fi
done
if [ -z "$PYTHON" ]; then
  echo "bench: installing python3-numpy" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy </dev/null >/dev/null
  PYTHON=/usr/bin/python3
fi
PYTHON="$PYTHON" node --import tsx src/risk.ts
