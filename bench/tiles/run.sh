#!/usr/bin/env bash
# Tile benchmarks, each peer measured side by side in one run on 127.0.0.1:
#   1. dynamic tiles (no cache): bando vs PostGIS ST_AsMVT(ST_AsMVTGeom(...)),
#      2 clients each (wrk -c2 for bando, pgbench -c2 for PostGIS), same tile list;
#   2. cached tiles: bando (memory cache, warmed) vs nginx serving the same tiles
#      from disk, both under wrk.
# Usage: bench/tiles/run.sh [BANDO_BINARY]   (run from the repository root)
# Needs: postgresql-15-postgis-3 postgresql-contrib nginx wrk gdal-bin python3 curl.
# Set DURATION (seconds per measurement, default 20) to shorten or lengthen it.
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bando=${1:-$repo_root/build/server/bando}
duration=${DURATION:-20}
districts=$repo_root/bundled/admin/vn_districts_pre2025.geojson
pg_bin=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/bando-tile-bench-XXXXXX)
chmod 755 "$work"
bando_pid=""
nginx_started=""
pg_started=""

cleanup() {
  [ -n "$bando_pid" ] && kill "$bando_pid" 2>/dev/null && wait "$bando_pid" 2>/dev/null || true
  [ -n "$nginx_started" ] && nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -s stop 2>/dev/null || true
  [ -n "$pg_started" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

python3 "$repo_root/bench/tiles/tile_list.py" "$districts" "$work"

# bando with its caches off, so every request renders.
start_bando() {
  "$bando" serve --store "$work/bando.sqlite" --bundled "$repo_root/bundled" --port 0 --bind 127.0.0.1 \
    --threads 2 --no-access-log "$@" >"$work/bando.log" 2>&1 &
  bando_pid=$!
  for _ in $(seq 1 240); do
    bando_url=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/bando.log" | sed 's/listening on //' || true)
    [ -n "$bando_url" ] && return 0
    sleep 0.5
  done
  echo "bando did not start:" >&2; cat "$work/bando.log" >&2; exit 1
}
stop_bando() { kill "$bando_pid"; wait "$bando_pid" || true; bando_pid=""; }

wrk_rps() {  # wrk_rps URL LIST PREFIX -> prints requests per second
  TILE_LIST=$2 TILE_PREFIX=$3 wrk -t2 -c"${CONNECTIONS:-2}" -d"${duration}s" -s "$repo_root/bench/tiles/tile_list.lua" "$1" |
    sed -n 's/.*rps=\([0-9.]*\).*/\1/p'
}

# PostGIS: a throwaway cluster on 127.0.0.1 with the districts in EPSG:3857.
pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pg-run"
chown postgres "$work/pg" "$work/pg-run"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg-run/pg.log" \
  -o "-h 127.0.0.1 -p $pg_port -k $work/pg-run -c max_parallel_workers_per_gather=0" start >/dev/null
pg_started=1
psql_bench() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -v ON_ERROR_STOP=1 -q "$@"; }
createdb -h 127.0.0.1 -p "$pg_port" -U postgres bench
psql_bench -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$pg_port user=postgres dbname=bench" "$districts" \
  -t_srs EPSG:3857 -nln districts -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom -lco FID=fid
psql_bench -c "CREATE TABLE bench_tiles (i serial PRIMARY KEY, z int, x int, y int)"
for list in all low; do
  psql_bench -c "TRUNCATE bench_tiles RESTART IDENTITY"
  tr '/' ',' <"$work/$list.txt" | psql_bench -c "\\copy bench_tiles (z, x, y) FROM STDIN WITH (FORMAT csv)"
  psql_bench -c "ANALYZE"
  count=$(wc -l <"$work/$list.txt")
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 2 -j 2 -T "$duration" -D ntiles="$count" \
    -f "$repo_root/bench/tiles/pgbench_tile.sql" bench >"$work/pgbench-$list.txt"
  grep -o 'tps = [0-9.]*' "$work/pgbench-$list.txt" | head -1 | sed 's/tps = //' >"$work/pg-$list.tps"
  [ -s "$work/pg-$list.tps" ] || { echo "pgbench failed:" >&2; cat "$work/pgbench-$list.txt" >&2; exit 1; }
  echo "PostGIS $list: $(cat "$work/pg-$list.tps") tiles/s"
done

start_bando --tile-cache-mb 0 --no-tile-cache-file
for list in all low; do
  wrk_rps "$bando_url" "$work/$list.txt" /tiles/vn_districts_pre2025/ >"$work/bando-$list.rps"
  echo "bando $list: $(cat "$work/bando-$list.rps") tiles/s"
done
stop_bando

# Cached tiles: warm bando's memory cache and write the same tiles to disk for nginx.
start_bando --no-tile-cache-file
mkdir -p "$work/www/tiles/vn_districts_pre2025" "$work/nginx/logs"
while read -r tile; do
  out="$work/www/tiles/vn_districts_pre2025/$tile.mvt"
  mkdir -p "$(dirname "$out")"
  curl -sf -o "$out" "$bando_url/tiles/vn_districts_pre2025/$tile.mvt" || true
  [ -s "$out" ] || : >"$out"
done <"$work/all.txt"
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  types { application/vnd.mapbox-vector-tile mvt; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
chmod -R a+rX "$work"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
nginx_started=1
CONNECTIONS=32 wrk_rps "$bando_url" "$work/all.txt" /tiles/vn_districts_pre2025/ >"$work/bando-cached.rps"
CONNECTIONS=32 wrk_rps "http://127.0.0.1:$nginx_port" "$work/all.txt" /tiles/vn_districts_pre2025/ \
  >"$work/nginx-cached.rps"

ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a:.1f} vs {b:.1f}: {a / b:.2f}x')" "$1" "$2"; }
echo "dynamic, zooms 5-14 (bando rps vs PostGIS tps): $(ratio "$(cat "$work/bando-all.rps")" "$(cat "$work/pg-all.tps")")"
echo "dynamic, zooms 5-9  (bando rps vs PostGIS tps): $(ratio "$(cat "$work/bando-low.rps")" "$(cat "$work/pg-low.tps")")"
echo "cached, zooms 5-14 (bando rps vs nginx rps):   $(ratio "$(cat "$work/bando-cached.rps")" "$(cat "$work/nginx-cached.rps")")"
