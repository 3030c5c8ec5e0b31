-- Builds the PostGIS side from the tables that ogr2ogr copied out of bando's
-- store: the units in force with a boundary (level 1 provinces, level 2
-- communes), each commune with its first postcode as bando reports it, the
-- former districts (level 3) with their successors, GiST indexes, and the
-- benchmark points. Expects the tables "candidates" (id, lon, lat as text)
-- from points.py and "district_links" from district_links.py.
CREATE TABLE provinces AS
  SELECT code, name, full_name, type, boundary AS geom
  FROM store_units WHERE level = 1 AND valid_to = '' AND boundary IS NOT NULL;
CREATE TABLE communes AS
  SELECT u.code, u.name, u.full_name, u.type, u.province_code, u.boundary AS geom,
         (SELECT postcode FROM store_postcodes s
          WHERE s.unit_code = u.code AND s.unit_valid_from = u.valid_from
          ORDER BY s.position LIMIT 1) AS postcode
  FROM store_units u WHERE level = 2 AND valid_to = '' AND boundary IS NOT NULL;
-- Every commune in force, with or without a boundary, for the commune that a
-- former district went whole into.
CREATE TABLE all_communes AS
  SELECT u.code, u.name, u.full_name, u.type, u.province_code,
         (SELECT postcode FROM store_postcodes s
          WHERE s.unit_code = u.code AND s.unit_valid_from = u.valid_from
          ORDER BY s.position LIMIT 1) AS postcode
  FROM store_units u WHERE level = 2 AND valid_to = '';
CREATE TABLE districts AS
  SELECT d.code, d.boundary AS geom, l.replaced_by, NULLIF(l.sole_commune, '') AS sole_commune
  FROM store_districts d JOIN district_links l USING (code)
  WHERE d.boundary IS NOT NULL;
CREATE INDEX ON provinces USING gist (geom);
CREATE INDEX ON communes USING gist (geom);
CREATE INDEX ON districts USING gist (geom);
CREATE UNIQUE INDEX ON provinces (code);
CREATE UNIQUE INDEX ON all_communes (code);

-- The first 10 000 candidates, by id, that lie in a province polygon.
CREATE TABLE bench_points AS
  SELECT (row_number() OVER (ORDER BY id))::int AS id, lon, lat, geom
  FROM (
    SELECT c.id, c.lon, c.lat, ST_SetSRID(ST_MakePoint(c.lon::float8, c.lat::float8), 4326) AS geom
    FROM candidates c
    WHERE EXISTS (SELECT 1 FROM provinces p
                  WHERE ST_Contains(p.geom, ST_SetSRID(ST_MakePoint(c.lon::float8, c.lat::float8), 4326)))
    ORDER BY c.id LIMIT 10000
  ) inside;
ALTER TABLE bench_points ADD PRIMARY KEY (id);
ANALYZE;
