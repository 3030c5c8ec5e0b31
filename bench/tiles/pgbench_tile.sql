-- pgbench script: one random tile of the sample as an MVT, the PostGIS way.
-- The properties match what bando encodes for the districts.
\set i random(1, :ntiles)
SELECT ST_AsMVT(q, 'vn_districts_pre2025', 4096, 'geom', 'fid')
FROM (
  SELECT d.fid, d.level2_id, d.name, d.type, d.level1_id, d.level1_name, d.in_dvhcvn_2025_03,
         ST_AsMVTGeom(d.geom, ST_TileEnvelope(t.z, t.x, t.y), 4096, 64, true) AS geom
  FROM bench_tiles t
  JOIN districts d ON d.geom && ST_TileEnvelope(t.z, t.x, t.y, margin => 64.0 / 4096)
  WHERE t.i = :i
) q;
