#!/usr/bin/env python3
"""Checks that bando and PostGIS give the same answer for every benchmark point.

Usage: compare.py POINTS.csv PEER.csv BANDO_URL

POINTS.csv has "lon,lat" rows in point order. PEER.csv has the rows of
reverse_query.sql from PostGIS: id, then the commune's code, name, full name,
type and postcode, then the province's code, name and full name, then the
former district's code and its successors' codes, with empty fields for no
match. The script sends the points to bando's POST /postcodes in batches of
100 and compares those 10 fields per point. It prints the number of points, how many fell in a commune polygon and how many
answers differ (the first few in full), and exits with 1 when any differ.
"""

import csv
import json
import sys
import urllib.request

BATCH = 100
FIELDS = 10


def bando_answers(url, points):
    answers = []
    for start in range(0, len(points), BATCH):
        batch = points[start:start + BATCH]
        body = '{"geolocations":[' + ",".join(f'{{"lon":{lon},"lat":{lat}}}' for lon, lat in batch) + "]}"
        request = urllib.request.Request(url + "/postcodes", data=body.encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            for item in json.load(response)["results"]:
                result = item["result"]
                if result is None:
                    answers.append(("",) * FIELDS)
                    continue
                commune = result["commune"] or {}
                province = result["province"]
                district = result["formerDistrict"] or {}
                successors = ",".join(link["unit"]["code"] for link in district.get("replacedBy", []))
                answers.append((commune.get("code", ""), commune.get("name", ""), commune.get("fullName", ""),
                                commune.get("type", ""), result["postcode"] or "", province["code"],
                                province["name"], province["fullName"], district.get("code", ""), successors))
    return answers


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: compare.py POINTS.csv PEER.csv BANDO_URL")
    with open(sys.argv[1], newline="") as f:
        points = [tuple(row) for row in csv.reader(f)]
    with open(sys.argv[2], newline="") as f:
        peer = {int(row[0]): tuple(row[1:FIELDS + 1]) for row in csv.reader(f)}
    bando = bando_answers(sys.argv[3], points)

    differences = [(i + 1, points[i], bando[i], peer.get(i + 1)) for i in range(len(points)) if bando[i] != peer.get(i + 1)]
    in_commune = sum(1 for answer in bando if answer[0])
    print(f"answers compared: {len(points)} points, {in_commune} with a commune, {len(differences)} differ")
    for point_id, point, ours, theirs in differences[:10]:
        print(f"  point {point_id} {point}: bando {ours}, PostGIS {theirs}")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
