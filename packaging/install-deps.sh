#!/usr/bin/env bash
# Installs the Debian 12 packages Vigil needs to build, test and run headless (clang, its
# sanitizer and libFuzzer runtimes and llvm-symbolizer for packaging/sanitize.sh; the locale
# data a test builds a decimal-comma locale from).
# Skips apt entirely when everything is already present.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  libsimdjson-dev zlib1g-dev
  qt6-websockets-dev qtkeychain-qt6-dev
  python3
  dpkg-dev file desktop-file-utils appstream
  clang libclang-rt-14-dev llvm clang-format
  xvfb xauth x11-utils
  trayer imagemagick
  locales
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm run the Loki API server of the integration tests (installed by npm into
# the build tree). A node that is already there (e.g. another vendor's package, which
# bundles npm) is kept: Debian's npm would conflict with it.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
