#!/usr/bin/env bash
# Installs what the browser tests load into the page (axe-core), exactly as package-lock.json says.
# Run from anywhere; does nothing when node_modules already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm ontbreekt: installeer Node.js en npm (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
