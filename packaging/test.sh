#!/usr/bin/env bash
# Installs what is missing, checks the formatting, builds with warnings as errors, and runs
# every test headless; then the whole suite again in a sanitizer build, and each fuzz
# target for a few seconds (packaging/sanitize.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/check-format.sh
bash packaging/build.sh -DVIGIL_WERROR=ON
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/vigil-xdg.XXXXXX)}"
chmod 700 "$XDG_RUNTIME_DIR"
# A test that fails is run once more, as in the sanitizer build: the follow and stop tests
# race writer threads on two loaded cores. The first failure stays in the output.
(cd build && ctest --output-on-failure -j"$(nproc)" --timeout 300 --repeat until-pass:2)
# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer, then the fuzzers.
bash packaging/sanitize.sh
