#!/usr/bin/env bash
# Create .venv holding exactly the packages uv.lock pins (hash-checked), then, with --tests,
# the test tools and axe-core (npm ci, as package-lock.json pins it). Needs Python 3.11+ with
# pip and venv; the package registries reach it the first time, nothing after that.
#   scripts/setup.sh           the site's packages only (what `bvpp build` needs)
#   scripts/setup.sh --tests   also the test extra: pytest, mypy, ruff, Chromium's driver, ...
# Quiet when nothing changed: a second run installs nothing and prints one line.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "bvpp needs Python 3.11 or newer; found: $("$PYTHON" --version 2>&1 || echo none)" >&2
  exit 2
fi
UV_HOME=".cache/uv-0.13.8"  # the pinned installer, kept beside the project (ignored by git)
UV="$UV_HOME/bin/uv"
if [ ! -x "$UV" ]; then
  # pip's chatter (root warnings, index notes) shown only if the install fails
  if ! out=$("$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps \
      --require-hashes --target "$UV_HOME" -r scripts/requirements-uv.txt 2>&1); then
    echo "$out" >&2
    echo "set-up failed: could not install the pinned uv (above); is the package index reachable?" >&2
    exit 1
  fi
fi
export UV_PYTHON_DOWNLOADS=never  # use the Python given, never fetch one
extras=()
what="the site's packages"
if [ "${1:-}" = "--tests" ]; then
  extras=(--extra test)
  what="the site's and the tests' packages"
else
  extras=(--inexact)  # keep test tools a previous --tests run installed
fi
# --frozen: install what uv.lock says, never re-resolve; --locked would fail if pyproject.toml
# drifted from the lock, which tests/test_lock.py checks instead with a clear message.
"$UV" sync --quiet --frozen --python "$PYTHON" "${extras[@]}"
count=$(grep -c '^\[\[package\]\]' uv.lock)
if [ "${1:-}" = "--tests" ]; then
  # axe-core for the browser tests (tests/site_checks), exactly as pinned in package-lock.json.
  if command -v npm >/dev/null; then
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error >/dev/null
    fi
  else
    echo "note: npm not found; the browser tests need axe-core from it (scripts/system-deps.sh installs it)" >&2
  fi
fi
echo "set-up: .venv holds $what as uv.lock pins them ($count packages locked)"
