#!/usr/bin/env bash
# Upgrade uv.lock to the newest versions pyproject.toml allows, then show what moved. Run the
# suite (scripts/test.sh) before committing the new lock; the weekly upstream jobs do just that.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null  # brings the pinned uv into .cache/
UV_PYTHON_DOWNLOADS=never .cache/uv-0.13.8/bin/uv lock --upgrade --python "${PYTHON:-python3}"
git --no-pager diff --stat -- uv.lock 2>/dev/null || true
