#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running map server: installs what
# is missing, builds, publishes the bundled Viet Nam data on first start and serves
# it at http://localhost:8080 (set BANDO_PORT or BANDO_BIND to change that).
# Arguments after the script name go to `bando serve`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BANDO_BUILD_DIR:-$repo_root/build}"

"$repo_root/scripts/install-deps.sh" --serve
BANDO_BUILD_DIR="$build_dir" "$repo_root/scripts/build.sh" -DBANDO_BUILD_TESTS=OFF

cd "$repo_root"
exec "$build_dir/server/bando" serve --bind "${BANDO_BIND:-127.0.0.1}" --port "${BANDO_PORT:-8080}" "$@"
