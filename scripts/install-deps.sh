#!/usr/bin/env bash
# Installs what bando needs on Debian 12: the C++ toolchain and libraries, GDAL's
# command-line tools, Chromium for the browser test, and the npm packages of the
# viewer and the browser test. Packages already present are left alone.
# With --serve, it installs only what serving needs: no Chromium and no npm
# packages of the tests.
set -euo pipefail

serve_only=false
[ "${1:-}" = "--serve" ] && serve_only=true

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debian_packages=(
  build-essential cmake ninja-build pkg-config
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libsqlite3-dev sqlite3 libspatialite-dev libsqlite3-mod-spatialite
  libboost-dev libboost-system-dev libgtest-dev libgmock-dev
  libprotozero-dev libspdlog-dev libfmt-dev libcli11-dev liburiparser-dev
  rapidjson-dev libutf8proc-dev zlib1g-dev
  curl ca-certificates
)
"$serve_only" || debian_packages+=(chromium)

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node.js 18 or newer runs the viewer's npm install and the browser test. Debian's
# nodejs package is used only when no node is on the PATH already.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  run_as_root apt-get update -qq
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci installs exactly what the lock files list; it skips the work when node_modules is current.
npm_folders=(web)
"$serve_only" || npm_folders+=(tests/browser tests/archive_js tests/tiles_js tests/openapi_js)
for folder in "${npm_folders[@]}"; do
  if [ ! -d "$repo_root/$folder/node_modules" ] ||
     [ "$repo_root/$folder/package-lock.json" -nt "$repo_root/$folder/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci in $folder"
    (cd "$repo_root/$folder" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
