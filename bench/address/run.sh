#!/usr/bin/env bash
# Address-lookup benchmarks, run on 127.0.0.1 in a temporary folder:
#   1. reverse geocoding of 10 000 random points on land: bando's
#      GET /postcodes?lon=&lat= under wrk against PostGIS ST_Contains with GiST
#      indexes under pgbench, 2 clients each, in turns (bando, PostGIS, bando,
#      PostGIS), then bando's bulk POST /postcodes with 100 points per request;
#   2. autocomplete latency: GET /places?q= under wrk over bench/address/queries.txt.
# Usage: bench/address/run.sh [BANDO_BINARY]   (run as root from the repository root)
# Needs: postgresql-15-postgis-3 wrk gdal-bin python3 curl. DURATION sets the
# seconds of each measurement (default 20), ROUNDS the number of turns (default 2).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo_root/bench/address
bando=${1:-$repo_root/build/server/bando}
duration=${DURATION:-20}
rounds=${ROUNDS:-2}
pg_bin=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/bando-address-bench-XXXXXX)
chmod 755 "$work"
bando_pid=""
pg_started=""

cleanup() {
  if [ -n "$bando_pid" ]; then kill "$bando_pid" 2>/dev/null && wait "$bando_pid" 2>/dev/null || true; fi
  if [ -n "$pg_started" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }  # field NAME < wrk output line -> value

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# bando on a fresh store: the first start imports the gazetteer into it.
"$bando" serve --store "$work/bando.sqlite" --bundled "$repo_root/bundled" --port 0 --bind 127.0.0.1 \
  --threads 2 --no-access-log >"$work/bando.log" 2>&1 &
bando_pid=$!
bando_url=""
for _ in $(seq 1 600); do
  bando_url=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/bando.log" | sed 's/listening on //' || true)
  [ -n "$bando_url" ] && break
  sleep 0.5
done
[ -n "$bando_url" ] || { echo "bando did not start:" >&2; cat "$work/bando.log" >&2; exit 1; }

# PostGIS on a throwaway cluster, loaded with the polygons bando indexes, copied from its store.
pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pg-run"
chown postgres "$work/pg" "$work/pg-run"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg-run/pg.log" -w \
  -o "-h 127.0.0.1 -p $pg_port -k $work/pg-run -c max_parallel_workers_per_gather=0" start >/dev/null
pg_started=1
conninfo="host=127.0.0.1 port=$pg_port user=postgres dbname=bench"
createdb -h 127.0.0.1 -p "$pg_port" -U postgres bench
psql_bench() { psql "$conninfo" -v ON_ERROR_STOP=1 -q "$@"; }
psql_bench -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL "PG:$conninfo" "$work/bando.sqlite" admin_units -nln store_units \
  -where "level IN (1, 2) AND valid_to = ''" -nlt MULTIPOLYGON -lco GEOMETRY_NAME=boundary -lco SPATIAL_INDEX=NONE
ogr2ogr -f PostgreSQL "PG:$conninfo" "$work/bando.sqlite" postcodes -nln store_postcodes
ogr2ogr -f PostgreSQL "PG:$conninfo" "$work/bando.sqlite" admin_units -nln store_districts \
  -where "level = 3" -nlt MULTIPOLYGON -lco GEOMETRY_NAME=boundary -lco SPATIAL_INDEX=NONE
psql_bench -Atc "SELECT code FROM store_districts WHERE boundary IS NOT NULL ORDER BY code" |
  python3 "$here/district_links.py" "$bando_url" >"$work/district_links.csv"
psql_bench -c "CREATE TABLE district_links (code text PRIMARY KEY, replaced_by text, sole_commune text)"
psql_bench -c "\\copy district_links FROM '$work/district_links.csv' WITH (FORMAT csv)"

python3 "$here/points.py" 60000 >"$work/candidates.csv"
psql_bench -c "CREATE TABLE candidates (id int PRIMARY KEY, lon text, lat text)"
psql_bench -c "\\copy candidates FROM '$work/candidates.csv' WITH (FORMAT csv)"
psql_bench -f "$here/load_peer.sql"
psql_bench -c "\\copy (SELECT lon, lat FROM bench_points ORDER BY id) TO '$work/points.csv' WITH (FORMAT csv)"
npoints=$(wc -l <"$work/points.csv")
[ "$npoints" -eq 10000 ] || { echo "expected 10000 points on land, got $npoints" >&2; exit 1; }
echo "polygons: $(psql_bench -Atc 'SELECT count(*) FROM provinces') provinces," \
  "$(psql_bench -Atc 'SELECT count(*) FROM communes') communes; $npoints points on land"

# The peer must use its spatial indexes, or the comparison would be unfair to it.
plan=$({ echo "EXPLAIN (COSTS OFF)"; grep -v '^--' "$here/reverse_query.sql"; } | psql_bench -v i=1 -At)
[ "$(grep -c 'communes_geom_idx\|provinces_geom_idx\|districts_geom_idx' <<<"$plan")" -ge 3 ] ||
  { echo "the PostGIS plan does not use all three GiST indexes:" >&2; echo "$plan" >&2; exit 1; }

# pgbench picks a random point, and the comparison of results runs the same statement for every point.
{ echo '\set i random(1, :npoints)'; cat "$here/reverse_query.sql"; } >"$work/reverse_pgbench.sql"
for i in $(seq 1 "$npoints"); do printf '\\set i %d\n\\i %s\n' "$i" "$here/reverse_query.sql"; done >"$work/all_points.sql"
psql_bench --csv -t -f "$work/all_points.sql" -o "$work/peer.csv"
python3 "$here/compare.py" "$work/points.csv" "$work/peer.csv" "$bando_url"

# Warm both sides once, then measure in turns.
curl -sf -o /dev/null "$bando_url/postcodes?lon=105.85&lat=21.03"
run_bando() {  # run_bando SCRIPT -> one wrk summary line
  POINTS=$work/points.csv QUERIES=$here/queries.txt wrk -t2 -c2 -d"${duration}s" --latency -s "$here/$1" "$bando_url" |
    grep '^requests='
}
run_postgis() {  # -> transactions per second
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c 2 -j 2 -T "$duration" -D npoints="$npoints" \
    -f "$work/reverse_pgbench.sql" bench >"$work/pgbench.txt" 2>&1
  grep -q 'number of failed transactions: 0 ' "$work/pgbench.txt" ||
    { echo "pgbench failed:" >&2; cat "$work/pgbench.txt" >&2; exit 1; }
  grep -o 'tps = [0-9.]*' "$work/pgbench.txt" | head -1 | sed 's/tps = //'
}
require_ok() {  # require_ok LABEL LINE: every response was 2xx and no socket failed
  if [ "$(field non_2xx <<<"$2")" != 0 ] || [ "$(field socket_errors <<<"$2")" != 0 ]; then
    echo "$1 had failed requests: $2" >&2
    exit 1
  fi
}
: >"$work/get.rps"; : >"$work/pg.tps"; : >"$work/bulk.rps"; : >"$work/places.txt"
for round in $(seq 1 "$rounds"); do
  line=$(run_bando reverse.lua); require_ok "bando GET" "$line"
  field rps <<<"$line" >>"$work/get.rps"
  echo "round $round  bando GET /postcodes:        $(field rps <<<"$line") requests/s (p99 $(field p99_ms <<<"$line") ms)"
  tps=$(run_postgis); echo "$tps" >>"$work/pg.tps"
  echo "round $round  PostGIS pgbench:             $tps transactions/s"
  line=$(run_bando bulk.lua); require_ok "bando POST" "$line"
  field rps <<<"$line" >>"$work/bulk.rps"
  echo "round $round  bando POST /postcodes x100:  $(field rps <<<"$line") requests/s"
  line=$(run_bando autocomplete.lua); require_ok "bando /places" "$line"
  echo "$line" >>"$work/places.txt"
  echo "round $round  bando GET /places:           p50 $(field p50_ms <<<"$line") ms, p90 $(field p90_ms <<<"$line")" \
    "ms, p99 $(field p99_ms <<<"$line") ms, $(field rps <<<"$line") requests/s"
done

mean() { python3 -c 'import sys; v=[float(x) for x in open(sys.argv[1])]; print(f"{sum(v)/len(v):.1f}")' "$1"; }
get=$(mean "$work/get.rps"); pg=$(mean "$work/pg.tps"); bulk=$(mean "$work/bulk.rps")
echo
echo "reverse geocoding, per point (headline): bando GET $get requests/s vs PostGIS $pg transactions/s:" \
  "$(python3 -c "print(f'{$get / $pg:.2f}x')") (goal >= 3x)"
echo "reverse geocoding, bulk (second figure): bando POST $bulk requests/s = $(python3 -c "print(f'{$bulk * 100:.0f}')")" \
  "points/s, $(python3 -c "print(f'{$bulk * 100 / $pg:.2f}x')") PostGIS's points/s"
echo "autocomplete p99 per round (goal < 5 ms): $(field p99_ms <"$work/places.txt" | tr '\n' ' ')ms"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
