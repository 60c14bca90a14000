#!/usr/bin/env bash
# Installs the Debian 12 packages Vigil needs to build, test and run headless (clang, its
# sanitizer and libFuzzer runtimes and llvm-symbolizer for packaging/sanitize.sh).
# Skips apt entirely when everything is already present.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  libsimdjson-dev zlib1g-dev
  python3
  dpkg-dev file desktop-file-utils appstream
  clang libclang-rt-14-dev llvm clang-format
  xvfb xauth x11-utils
  trayer imagemagick
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing: ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
