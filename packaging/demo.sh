#!/usr/bin/env bash
# Installs what is missing, builds, and opens Vigil on its live demo deployment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
exec ./build/app/vigil --demo "$@"
