#!/usr/bin/env bash
# Measures the resident memory of bando serve while it returns one items page
# of 100 000 point features, without and with gzip.
#
#   bench/items_memory/run.sh BANDO_EXECUTABLE [FEATURES]
#
# It writes a GeoJSON file of FEATURES points and publishes it into a fresh
# store. Then it starts bando serve on a free port of 127.0.0.1 with
# --items-max-limit raised to FEATURES. During each request it samples VmRSS
# from /proc every 20 ms and prints the peak next to the response size.
set -euo pipefail

bando=$(realpath "${1:?usage: run.sh BANDO_EXECUTABLE [FEATURES]}")
features=${2:-100000}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/bando_items_memory_XXXXXX)
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work/points.geojson" "$features" <<'PY'
import json, sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8") as out:
    out.write('{"type": "FeatureCollection", "features": [')
    for i in range(1, count + 1):
        feature = {"type": "Feature",
                   "properties": {"n": i, "label": f"Điểm quan trắc số {i}"},
                   "geometry": {"type": "Point", "coordinates": [102.5 + (i % 1000) * 0.007, 9.0 + (i // 1000) * 0.13]}}
        out.write(("," if i > 1 else "") + json.dumps(feature, ensure_ascii=False))
    out.write("]}")
PY

"$bando" publish "$work/points.geojson" --id points --store "$work/store.sqlite" >/dev/null
"$bando" serve --port 0 --bind 127.0.0.1 --store "$work/store.sqlite" --bundled "$repo/bundled" \
  --web-root "$repo/web" --items-max-limit "$features" 2>"$work/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$' || true)
  [[ -n "$port" ]] && break
  sleep 0.2
done
[[ -n "$port" ]] || { echo "bando serve did not start"; cat "$work/serve.log"; exit 1; }

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }

# Runs one request while sampling VmRSS, then prints the idle and peak RSS and
# the body size. HTTP/1.0 has no chunked coding, so bando keeps the whole body
# of that request in memory, which shows what streaming saves.
measure() {
  local label=$1 encoding=$2 version=${3:---http1.1}
  local idle peak sample
  idle=$(rss_kib)
  peak=$idle
  curl -s "$version" -o "$work/body" -H "Accept-Encoding: $encoding" \
    "http://127.0.0.1:$port/collections/points/items?limit=$features" &
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do
    sample=$(rss_kib)
    (( sample > peak )) && peak=$sample
    sleep 0.02
  done
  wait "$curl_pid"
  printf '%-9s idle %6d KiB  peak %6d KiB  growth %6d KiB  body %8d KiB\n' \
    "$label" "$idle" "$peak" $((peak - idle)) $(($(stat -c %s "$work/body") / 1024))
}

measure identity identity
measure gzip gzip
measure identity identity
measure http1.0 identity --http1.0
