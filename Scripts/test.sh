#!/usr/bin/env bash
# Runs every test: builds the freestanding products that the integration
# tests run as processes (and hello in the minimal profile), then the whole
# Swift Testing suite (hosted).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/build-freestanding.sh
bash Scripts/build-minimal.sh hello
swift test --parallel "$@"
