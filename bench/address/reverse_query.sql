-- Reverse-geocodes point :i of bench_points the way bando does. The former
-- district is the one whose polygon contains the point (lowest code first).
-- The commune is the one whose polygon contains the point, or else the one
-- commune that the district went whole into. Its province is found by code,
-- as in bando, and only a point without a commune searches the province
-- polygons. ST_Contains uses the GiST indexes.
SELECT p.id, c.code, c.name, c.full_name, c.type, c.postcode, pr.code, pr.name, pr.full_name,
       d.code, d.replaced_by
FROM bench_points p
LEFT JOIN LATERAL (
  SELECT code, replaced_by, sole_commune
  FROM districts WHERE ST_Contains(districts.geom, p.geom) ORDER BY code LIMIT 1
) d ON true
LEFT JOIN LATERAL (
  (SELECT code, name, full_name, type, postcode, province_code
   FROM communes WHERE ST_Contains(communes.geom, p.geom) ORDER BY code LIMIT 1)
  UNION ALL
  (SELECT code, name, full_name, type, postcode, province_code
   FROM all_communes WHERE all_communes.code = d.sole_commune)
  LIMIT 1
) c ON true
LEFT JOIN LATERAL (
  (SELECT code, name, full_name FROM provinces WHERE provinces.code = c.province_code)
  UNION ALL
  (SELECT code, name, full_name FROM provinces
   WHERE c.code IS NULL AND ST_Contains(provinces.geom, p.geom) ORDER BY code LIMIT 1)
  LIMIT 1
) pr ON true
WHERE p.id = :i;
