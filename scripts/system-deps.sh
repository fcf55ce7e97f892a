#!/usr/bin/env bash
# Install the Debian packages bvpp needs beyond Python, where it can (as root, with apt-get);
# otherwise say in one line what is missing and how to get it, and carry on.
#   scripts/system-deps.sh --pdf   only what the PDF needs: the Pango/HarfBuzz libraries
#                                  WeasyPrint renders with (53 and later needs no Cairo) and fonts
#   scripts/system-deps.sh         also what the tests need: headless Chromium and its driver,
#                                  poppler-utils (reads PDFs), Node.js and npm (axe-core)
# Tests that need a missing package skip locally and fail under CI=true.
set -euo pipefail
PACKAGES=(fonts-dejavu-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "${1:-}" != "--pdf" ]; then
  PACKAGES+=(chromium chromium-driver poppler-utils)
fi
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${1:-}" != "--pdf" ]; then
  command -v npm >/dev/null || missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "system: installing Debian packages ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif ! command -v dpkg-query >/dev/null; then
  echo "note: not a Debian system; install Pango 1.44+ (for the PDF; or build with --no-pdf)" \
    "and, for the tests, Chromium and Node.js with npm" >&2
else
  echo "note: missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]}; or build with --no-pdf)" >&2
fi
