#!/usr/bin/env bash
# Ingest benchmark: bando publish against ogr2ogr -f GPKG on the same generated
# file of POINTS points (default 1 000 000), in one run. Both build a spatial
# index (ogr2ogr's GeoPackage driver does by default). Prints features per
# second, the ratio bando/ogr2ogr and the maximum RSS of each.
# Usage: bench/ingest/run.sh BANDO_EXECUTABLE [POINTS]
set -euo pipefail

bando=${1:?usage: run.sh BANDO_EXECUTABLE [POINTS]}
points=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A CSV in Viet Nam's extent with an integer, a real and a Vietnamese text column.
awk -v n="$points" 'BEGIN {
  print "id,lon,lat,value,name"
  srand(20261204)
  for (i = 1; i <= n; i++)
    printf "%d,%.6f,%.6f,%.3f,Điểm số %d\n", i, 102.2 + rand() * 7.2, 8.6 + rand() * 14.8, rand() * 1000, i
}' > "$work/points.csv"

# Runs a command under /usr/bin/time and prints "seconds max_rss_kib".
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
    cat "$work/stderr" >&2
    exit 1
  }
  cat "$work/time"
}

read -r bando_s bando_kib < <(measure "$bando" publish "$work/points.csv" --id points --store "$work/bando.sqlite")
read -r ogr_s ogr_kib < <(measure ogr2ogr -f GPKG "$work/ogr.gpkg" "$work/points.csv" \
  -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326)

awk -v n="$points" -v bs="$bando_s" -v os="$ogr_s" -v bk="$bando_kib" -v ok="$ogr_kib" 'BEGIN {
  printf "points: %d\n", n
  printf "bando publish:  %.1f s, %.0f features/s, max RSS %.0f MiB\n", bs, n / bs, bk / 1024
  printf "ogr2ogr -f GPKG: %.1f s, %.0f features/s, max RSS %.0f MiB\n", os, n / os, ok / 1024
  printf "ratio bando/ogr2ogr (features/s): %.2f\n", os / bs
}'
