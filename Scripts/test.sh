#!/usr/bin/env bash
# Runs every test: builds the freestanding products that the integration
# tests run as processes, then the whole Swift Testing suite (hosted).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/build-freestanding.sh
swift test --parallel "$@"
