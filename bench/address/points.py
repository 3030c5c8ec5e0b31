#!/usr/bin/env python3
"""Writes candidate points for the reverse-geocoding benchmark as CSV rows
"id,lon,lat", uniformly random in the bounding box of mainland Viet Nam.

Usage: points.py COUNT > candidates.csv

The seed is fixed, so every run writes the same rows. Most candidates fall in
the sea, Laos, Cambodia or China; run.sh keeps the first 10 000 (by id) that
lie inside a 2025 province, so both bando and PostGIS see only points on land.
Coordinates have 6 decimals (about 0.1 m), and both sides read the same text.
"""

import random
import sys

SEED = 20250701
# Mainland Viet Nam, from the extent of the 34 provinces without Hoàng Sa and Trường Sa.
LON_MIN, LON_MAX = 102.14, 109.47
LAT_MIN, LAT_MAX = 8.56, 23.39


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: points.py COUNT > candidates.csv")
    count = int(sys.argv[1])
    generator = random.Random(SEED)
    out = sys.stdout
    for i in range(1, count + 1):
        lon = generator.uniform(LON_MIN, LON_MAX)
        lat = generator.uniform(LAT_MIN, LAT_MAX)
        out.write(f"{i},{lon:.6f},{lat:.6f}\n")


if __name__ == "__main__":
    main()
