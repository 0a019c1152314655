#!/usr/bin/env bash
# Builds freestanding products with the minimal profile (traits Freestanding
# and MinimalRuntime) into .build-minimal/release.
# Usage: Scripts/build-minimal.sh [PRODUCT [COPY_TO]]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
  swift build -c release --traits Freestanding,MinimalRuntime --scratch-path .build-minimal --product "$1"
  if [ $# -ge 2 ]; then cp ".build-minimal/release/$1" "$2"; fi
else
  swift build -c release --traits Freestanding,MinimalRuntime --scratch-path .build-minimal
fi
