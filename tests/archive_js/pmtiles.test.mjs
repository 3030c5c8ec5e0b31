// Reads a PMTiles archive written by `bando seed` with the pmtiles npm package
// and decodes its tiles with @mapbox/vector-tile.
// Needs BANDO_BIN, the path of the bando executable (CTest sets it).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles, zxyToTileId } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

const bando = process.env.BANDO_BIN;
const polygons = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Vuông', code: 7 },
      geometry: { type: 'Polygon', coordinates: [[[104, 10], [108, 10], [108, 14], [104, 14], [104, 10]]] } },
    { type: 'Feature', properties: { name: 'Hoàng Sa', code: 8 },
      geometry: { type: 'Polygon', coordinates: [[[112.2, 16.4], [112.4, 16.4], [112.4, 16.6], [112.2, 16.6], [112.2, 16.4]]] } },
  ],
};

// A pmtiles Source over a local file, read with positional reads.
class LocalFileSource {
  constructor(path) { this.path = path; }
  getKey() { return this.path; }
  async getBytes(offset, length) {
    const file = await open(this.path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      const bytes = buffer.subarray(0, bytesRead);
      return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
    } finally {
      await file.close();
    }
  }
}

// The tile at zoom z holding longitude/latitude (degrees), in the XYZ scheme.
function tileAt(z, lon, lat) {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

let folder;
let archive;

before(() => {
  assert.ok(bando, 'BANDO_BIN must name the bando executable');
  folder = mkdtempSync(join(tmpdir(), 'bando-pmtiles-'));
  const geojson = join(folder, 'polygons.geojson');
  writeFileSync(geojson, JSON.stringify(polygons));
  const store = join(folder, 'store.sqlite');
  const run = (args) => execFileSync(bando, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  run(['publish', geojson, '--id', 'polygons', '--store', store]);
  archive = join(folder, 'polygons.pmtiles');
  run(['seed', 'polygons', '--store', store, '--minzoom', '0', '--maxzoom', '9', '--format', 'pmtiles', '--quiet', archive]);
});

after(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('pmtiles reads the header bando wrote', async () => {
  const header = await new PMTiles(new LocalFileSource(archive)).getHeader();
  assert.equal(header.specVersion, 3);
  assert.equal(header.tileType, 1);
  assert.equal(header.tileCompression, 2);
  assert.equal(header.minZoom, 0);
  assert.equal(header.maxZoom, 9);
  assert.equal(header.clustered, true);
  assert.ok(Math.abs(header.minLon - 104) < 1e-6, `minLon ${header.minLon}`);
  assert.ok(Math.abs(header.maxLat - 16.6) < 1e-6, `maxLat ${header.maxLat}`);
  assert.ok(header.numTileContents < header.numAddressedTiles,
    `${header.numTileContents} contents for ${header.numAddressedTiles} tiles: identical tiles were not deduplicated`);
});

test('pmtiles reads the metadata vector_layers', async () => {
  const metadata = await new PMTiles(new LocalFileSource(archive)).getMetadata();
  assert.equal(metadata.vector_layers[0].id, 'polygons');
  assert.equal(metadata.vector_layers[0].fields.name, 'String');
});

test('pmtiles reads a known tile that decodes to the feature', async () => {
  const { z, x, y } = tileAt(9, 112.3, 16.5);
  const response = await new PMTiles(new LocalFileSource(archive)).getZxy(z, x, y);
  assert.ok(response, `tile ${z}/${x}/${y} is missing`);
  const tile = new VectorTile(new Pbf(new Uint8Array(response.data)));
  const layer = tile.layers.polygons;
  assert.ok(layer, `layers: ${Object.keys(tile.layers)}`);
  assert.equal(layer.length, 1);
  const feature = layer.feature(0);
  assert.equal(feature.properties.name, 'Hoàng Sa');
  assert.equal(feature.properties.code, 8);
  assert.equal(feature.type, 3);
});

test('pmtiles finds every zoom of a tile run inside the square', async () => {
  const archiveReader = new PMTiles(new LocalFileSource(archive));
  for (let z = 0; z <= 9; z++) {
    const { x, y } = tileAt(z, 106, 12);
    const response = await archiveReader.getZxy(z, x, y);
    assert.ok(response, `tile ${z}/${x}/${y} is missing`);
    const tile = new VectorTile(new Pbf(new Uint8Array(response.data)));
    assert.equal(tile.layers.polygons.feature(0).properties.name, 'Vuông', `tile ${z}/${x}/${y}`);
  }
});

test('pmtiles has no tile away from the data', async () => {
  const response = await new PMTiles(new LocalFileSource(archive)).getZxy(9, 0, 0);
  assert.equal(response, undefined);
});

test('tile ids agree with pmtiles zxyToTileId', () => {
  // bando's ids are checked in C++; this pins the shared convention on known values.
  assert.equal(zxyToTileId(0, 0, 0), 0);
  assert.equal(zxyToTileId(1, 1, 0), 4);
  assert.equal(zxyToTileId(2, 0, 0), 5);
  assert.equal(zxyToTileId(3, 0, 0), 21);
});
