#!/usr/bin/env bash
# Set up, then build the site from the bundled plan into site/ (open site/index.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/bvpp build "$@"
