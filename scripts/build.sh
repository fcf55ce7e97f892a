#!/usr/bin/env bash
# Set up (.venv as uv.lock pins it, and Pango for the PDF where apt-get may install it), then
# build the site from the bundled plan into site/. Arguments go to `bvpp build` (--no-pdf, ...).
# See the site with `.venv/bin/bvpp serve` (http://127.0.0.1:8000/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh --pdf
scripts/setup.sh
.venv/bin/bvpp build "$@"
echo "see it: .venv/bin/bvpp serve, then open http://127.0.0.1:8000/ (site/ is ready to publish as it is)"
