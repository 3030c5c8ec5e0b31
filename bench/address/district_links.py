#!/usr/bin/env python3
"""Writes the successors of each former district, as bando computes them, for the PostGIS peer.

Usage: district_links.py BANDO_URL < CODES > LINKS.csv

CODES has one former district code per line. For each, the script reads
GET /admin-units/{code}?date=2025-06-30 and writes "code,replaced_by,sole_commune":
replaced_by is the codes of the communes the district became, comma-joined in
bando's order, and sole_commune is the one commune when the district went whole
into it (empty otherwise). This is load-time data, like the polygons, so both
sides use the same crosswalk.
"""

import csv
import json
import sys
import urllib.request


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: district_links.py BANDO_URL < CODES > LINKS.csv")
    out = csv.writer(sys.stdout, lineterminator="\n")
    for line in sys.stdin:
        code = line.strip()
        if not code:
            continue
        with urllib.request.urlopen(f"{sys.argv[1]}/admin-units/{code}?date=2025-06-30") as response:
            links = json.load(response)["unit"]["replacedBy"]
        codes = [link["unit"]["code"] for link in links]
        sole = links[0] if len(links) == 1 else None
        sole_commune = sole["unit"]["code"] if sole and sole["mergeType"] == "whole_unit" and \
            sole["unit"]["level"] == "commune" else ""
        out.writerow([code, ",".join(codes), sole_commune])


if __name__ == "__main__":
    main()
