#!/usr/bin/env bash
# Seeding benchmark: `bando seed` against `ogr2ogr -f MVT` (GDAL) on the pre-2025
# district polygons, zoom 0 to 12, both run one after the other in the same run.
#
# Usage: bench/seed/run.sh [BANDO_BINARY] [WORK_FOLDER]
# Defaults: build/server/bando and a fresh folder under /tmp. Prints the wall
# times, tile counts and the ratio. Extra environment: MAX_ZOOM (default 12),
# ROUNDS (default 1, each round runs both tools once).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
bando=${1:-$repo_root/build/server/bando}
work=${2:-$(mktemp -d /tmp/bando-seed-bench.XXXXXX)}
max_zoom=${MAX_ZOOM:-12}
rounds=${ROUNDS:-1}
source_file=$repo_root/bundled/admin/vn_districts_pre2025.geojson
mkdir -p "$work"

# Both tools get EPSG:3857 input: bando's store contains EPSG:3857, and GDAL reads
# a GeoPackage already projected, so neither pays for reprojection while seeding.
if [ ! -f "$work/store.sqlite" ]; then
  "$bando" publish "$source_file" --id districts --store "$work/store.sqlite" >/dev/null 2>&1
fi
if [ ! -f "$work/districts_3857.gpkg" ]; then
  ogr2ogr -f GPKG -t_srs EPSG:3857 -nln districts "$work/districts_3857.gpkg" "$source_file"
fi

seconds_of() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

echo "cores: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "zoom 0 to $max_zoom, $(ogrinfo -so -al "$work/districts_3857.gpkg" | grep -m1 'Feature Count')"
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/bando.mbtiles" "$work/bando.pmtiles" "$work/gdal_mvt" "$work/gdal.mbtiles"
  bando_mbtiles=$(seconds_of "$bando" seed districts --store "$work/store.sqlite" --minzoom 0 --maxzoom "$max_zoom" \
    --format mbtiles --quiet "$work/bando.mbtiles")
  bando_pmtiles=$(seconds_of "$bando" seed districts --store "$work/store.sqlite" --minzoom 0 --maxzoom "$max_zoom" \
    --format pmtiles --quiet "$work/bando.pmtiles")
  gdal_mvt=$(seconds_of ogr2ogr -f MVT "$work/gdal_mvt" "$work/districts_3857.gpkg" \
    -dsco MINZOOM=0 -dsco MAXZOOM="$max_zoom" -dsco EXTENT=4096 -dsco BUFFER=64 -dsco COMPRESS=YES)
  gdal_mbtiles=$(seconds_of ogr2ogr -f MBTiles "$work/gdal.mbtiles" "$work/districts_3857.gpkg" \
    -dsco MINZOOM=0 -dsco MAXZOOM="$max_zoom" -dsco EXTENT=4096 -dsco BUFFER=64)

  bando_tiles=$(sqlite3 "$work/bando.mbtiles" "SELECT count(*) FROM map")
  gdal_tiles=$(find "$work/gdal_mvt" -name '*.pbf' | wc -l)
  gdal_mbtiles_tiles=$(sqlite3 "$work/gdal.mbtiles" "SELECT count(*) FROM tiles")
  printf 'round %s\n' "$round"
  printf '  bando seed --format mbtiles   %8.2f s  %7s tiles\n' "$bando_mbtiles" "$bando_tiles"
  printf '  bando seed --format pmtiles   %8.2f s\n' "$bando_pmtiles"
  printf '  ogr2ogr -f MVT (folder)       %8.2f s  %7s tiles\n' "$gdal_mvt" "$gdal_tiles"
  printf '  ogr2ogr -f MBTiles            %8.2f s  %7s tiles\n' "$gdal_mbtiles" "$gdal_mbtiles_tiles"
  printf '  speed-up over ogr2ogr -f MVT: mbtiles %.2fx, pmtiles %.2fx\n' \
    "$(echo "$gdal_mvt / $bando_mbtiles" | bc -l)" "$(echo "$gdal_mvt / $bando_pmtiles" | bc -l)"
done
echo "work folder: $work"
