#!/usr/bin/env bash
# Builds the freestanding products (Embedded Swift, static, no libc) into
# .build-freestanding/release.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --traits Freestanding --scratch-path .build-freestanding "$@"
