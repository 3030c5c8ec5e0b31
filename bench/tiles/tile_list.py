#!/usr/bin/env python3
"""Writes the benchmark tile sample: up to 300 random tiles per zoom from 5 to 14
whose bounds intersect the bounding box of at least one pre-2025 district.

Usage: tile_list.py DISTRICTS.geojson OUT_DIR
Writes OUT_DIR/all.txt (zooms 5-14) and OUT_DIR/low.txt (zooms 5-9), one "z/x/y"
per line, shuffled with a fixed seed so every run uses the same sample.
"""

import json
import math
import random
import sys

MAX_TILES_PER_ZOOM = 300
SEED = 20251204


def tile_range(lon_min, lat_min, lon_max, lat_max, z):
    n = 2 ** z

    def column(lon):
        return min(n - 1, max(0, int((lon + 180) / 360 * n)))

    def row(lat):
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        return min(n - 1, max(0, int((1 - y / math.pi) / 2 * n)))

    return column(lon_min), row(lat_max), column(lon_max), row(lat_min)


def bounds_of(geometry):
    xs, ys = [], []

    def walk(coordinates):
        if isinstance(coordinates[0], (int, float)):
            xs.append(coordinates[0])
            ys.append(coordinates[1])
        else:
            for part in coordinates:
                walk(part)

    walk(geometry["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def main():
    with open(sys.argv[1], encoding="utf-8") as source:
        features = json.load(source)["features"]
    boxes = [bounds_of(f["geometry"]) for f in features if f.get("geometry")]
    rng = random.Random(SEED)
    sample = {}
    for z in range(5, 15):
        tiles = set()
        for box in boxes:
            x0, y0, x1, y1 = tile_range(*box, z)
            for x in range(x0, x1 + 1):
                for y in range(y0, y1 + 1):
                    tiles.add((x, y))
        chosen = sorted(tiles)
        rng.shuffle(chosen)
        sample[z] = chosen[:MAX_TILES_PER_ZOOM]
    for name, zooms in (("all.txt", range(5, 15)), ("low.txt", range(5, 10))):
        lines = [f"{z}/{x}/{y}" for z in zooms for x, y in sample[z]]
        rng.shuffle(lines)
        with open(f"{sys.argv[2]}/{name}", "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        print(f"{name}: {len(lines)} tiles")


if __name__ == "__main__":
    main()
