#!/usr/bin/env bash
# Runs every test: builds the freestanding products that the integration
# tests run as processes, in both link modes (static: .build-freestanding;
# static-PIE: .build-pie) and hello in the minimal profile; then the whole
# Swift Testing suite (hosted) against the static tree, and the integration
# tests once more against the static-PIE tree (NOLIBC_BUILD_MODE=pie; see
# Products in Tests/IntegrationTests/ProcessRunner.swift).
#
# Usage: Scripts/test.sh [SWIFT TEST ARGUMENT]...
# The arguments go to both runs; the second adds `--filter IntegrationTests`
# unless they carry a --filter of their own.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/build-freestanding.sh
bash Scripts/build-pie.sh
bash Scripts/build-minimal.sh hello

# Both runs always run; the script fails if either did.
status=0
echo "== all tests, static tree (.build-freestanding/release)"
swift test --parallel "$@" || status=1

filter=(--filter IntegrationTests)
for argument in "$@"; do
  case "$argument" in --filter | --filter=*) filter=() ;; esac
done
echo "== integration tests, static-PIE tree (.build-pie/release)"
NOLIBC_BUILD_MODE=pie swift test --parallel --skip-build "$@" "${filter[@]}" || status=1
exit "$status"
