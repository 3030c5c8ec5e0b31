#!/usr/bin/env bash
# Configures and builds bando in build/ (Release with debug info, warnings as errors).
# Extra arguments go to cmake's configure step, e.g. -DBANDO_BUILD_TESTS=OFF.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BANDO_BUILD_DIR:-$repo_root/build}"

cmake -S "$repo_root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBANDO_WERROR=ON "$@"
cmake --build "$build_dir" --parallel "$(nproc)"
