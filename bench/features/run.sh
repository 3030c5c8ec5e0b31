#!/usr/bin/env bash
# Runs the items benchmark: bando's /items and PostGIS (json_build_object with
# ST_AsGeoJSON) building the same district FeatureCollection, side by side.
#
#   bench/features/run.sh BANDO_BUILD_DIR [SECONDS]
#
# It needs postgresql-15-postgis-3, starts a throwaway PostgreSQL cluster on
# 127.0.0.1 as the postgres user and a bando server on a fresh store, both on
# free ports, and removes both when it ends.
set -euo pipefail

build_dir=$(realpath "${1:?usage: run.sh BANDO_BUILD_DIR [SECONDS]}")
seconds=${2:-20}
repo=$(cd "$(dirname "$0")/../.." && pwd)
bbox="102,8,110,24"  # the whole mainland, which returns every district
work=$(mktemp -d /tmp/bando_features_bench_XXXXXX)
chmod 755 "$work"
pg_bin=/usr/lib/postgresql/15/bin
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bando_pid=""

cleanup() {
  if [[ -n "$bando_pid" ]]; then kill "$bando_pid" 2>/dev/null || true; fi
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cmake -S "$repo/bench/features" -B "$build_dir/bench-features" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir/bench-features" -j2 >/dev/null

mkdir "$work/pg" "$work/socket"
chown postgres "$work/pg" "$work/socket"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/socket/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/socket" start >/dev/null
conninfo="host=127.0.0.1 port=$pg_port user=postgres dbname=postgres"
psql "$conninfo" -q -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL "PG:$conninfo" "$repo/bundled/admin/vn_districts_pre2025.geojson" \
  -nln districts -lco GEOMETRY_NAME=geom -lco FID=fid -nlt PROMOTE_TO_MULTI
psql "$conninfo" -q -c "ANALYZE districts"

"$build_dir/server/bando" serve --port 0 --bind 127.0.0.1 --store "$work/bando.sqlite" \
  --bundled "$repo/bundled" --web-root "$repo/web" 2>"$work/bando.log" &
bando_pid=$!
for _ in $(seq 1 600); do
  bando_port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/bando.log" | grep -o '[0-9]*$' || true)
  [[ -n "$bando_port" ]] && break
  sleep 0.5
done
[[ -n "$bando_port" ]] || { cat "$work/bando.log"; exit 1; }

echo "districts: $(psql "$conninfo" -Atc 'SELECT count(*) FROM districts') rows; bbox $bbox; ${seconds} s; 2 client threads each"
"$build_dir/bench-features/features_bench" --port "$bando_port" \
  --target "/collections/vn_districts_pre2025/items?limit=1000&bbox=$bbox" \
  --pg "$conninfo" --bbox "$bbox" --seconds "$seconds" --threads 2
