#!/usr/bin/env bash
# Install the Debian packages the full test suite needs (headless Chromium for browser tests,
# fonts, and the Pango/HarfBuzz libraries WeasyPrint renders PDFs with: WeasyPrint 53 and later
# needs no Cairo; libpango-1.0-0 brings fontconfig; poppler-utils reads PDFs in tests). Runs apt-get only when a
# package is missing and we are root; otherwise says what is missing and carries on (the tests
# that need it then skip locally, and fail under CI=true).
set -euo pipefail
PACKAGES=(chromium chromium-driver fonts-dejavu-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# npm installs axe-core for the browser tests (scripts/setup.sh); any Node.js with npm will do.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "== installing Debian packages: ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: missing Debian packages (browser/PDF tests will skip): ${missing[*]}" >&2
fi
