#!/usr/bin/env bash
# Create .venv (if needed) and install the project with its test tools. Needs Python 3.11+.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "bvpp needs Python 3.11 or newer; $("$PYTHON" --version) found" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e ".[test]"
# axe-core for the browser tests (tests/site_checks), exactly as pinned in package-lock.json.
if command -v npm >/dev/null; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
else
  echo "note: npm not found; the browser tests need axe-core from it (scripts/system-deps.sh installs it)" >&2
fi
