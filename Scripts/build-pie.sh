#!/usr/bin/env bash
# Builds the freestanding products as static position-independent
# executables (the StaticPIE trait: loaded at a random address, relocating
# themselves at startup) into .build-pie/release.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --traits Freestanding,StaticPIE --scratch-path .build-pie "$@"
