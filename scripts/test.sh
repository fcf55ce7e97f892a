#!/usr/bin/env bash
# Set up, then run the whole test suite: ruff, mypy --strict, the schema check and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/setup.sh --tests
echo "== ruff"; .venv/bin/ruff check generator tests benchmarks
echo "== mypy --strict"; .venv/bin/mypy
# Every core (-n auto); a file's tests stay on one worker, so its module fixtures are built once.
echo "== pytest"; .venv/bin/python -m pytest -q -n auto --dist loadfile "$@"
