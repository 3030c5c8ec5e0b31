#!/usr/bin/env bash
# One command that installs what is missing, builds with warnings as errors and runs
# every test: unit tests, HTTP integration tests against a real server, and the
# viewer in headless Chromium. CI runs this through .ci/run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BANDO_BUILD_DIR:-$repo_root/build}"

"$repo_root/scripts/install-deps.sh"
BANDO_BUILD_DIR="$build_dir" "$repo_root/scripts/build.sh" -DBANDO_BUILD_TESTS=ON

export BANDO_ARTIFACTS_DIR="${BANDO_ARTIFACTS_DIR:-$build_dir/test-artifacts}"
mkdir -p "$BANDO_ARTIFACTS_DIR"
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 900
