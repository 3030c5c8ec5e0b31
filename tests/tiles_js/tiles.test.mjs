// Decodes bando's vector tiles with @mapbox/vector-tile, the decoder MapLibre's
// ecosystem uses, against a real bando server on 127.0.0.1.
//
// Run from the repository root:  BANDO_BIN=path/to/bando node --test tests/tiles_js/
// It needs `npm ci` in tests/tiles_js/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The first start publishes the bundled data, which takes up to about a minute.
const SERVER_START_TIMEOUT_MS = 120_000;
const SERVER_STOP_TIMEOUT_MS = 10_000;
const LISTENING_PATTERN = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
const MAX_OUTPUT_LINES = 20;

let server;
let baseUrl;
let storeDir;

function startServer(bin, store) {
  const args = ['serve', '--port', '0', '--bind', '127.0.0.1', '--store', store,
    '--web-root', path.join(REPO_ROOT, 'web'), '--bundled', path.join(REPO_ROOT, 'bundled')];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const outputTail = [];
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`bando did not log "listening on" within ${SERVER_START_TIMEOUT_MS / 1000} s. `
        + `Last output:\n${outputTail.join('\n')}`));
    }, SERVER_START_TIMEOUT_MS);
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop();
        for (const line of lines) {
          outputTail.push(line);
          if (outputTail.length > MAX_OUTPUT_LINES) outputTail.shift();
          const match = LISTENING_PATTERN.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        }
      });
    }
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`bando exited before listening (code ${code}, signal ${signal}). `
        + `Last output:\n${outputTail.join('\n')}`));
    });
  });
  return { child, url };
}

async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

before(async () => {
  const bin = process.env.BANDO_BIN;
  assert.ok(bin, 'BANDO_BIN is not set: set it to the bando executable, for example build/server/bando');
  storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bando-tiles-js-'));
  const started = startServer(bin, path.join(storeDir, 'bando.sqlite'));
  server = started.child;
  try {
    baseUrl = await started.url;
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}, { timeout: SERVER_START_TIMEOUT_MS + 10_000 });

after(async () => {
  await stopServer(server);
  if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
});

process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
});

/**
 * Fetches a tile with gzip allowed (fetch decompresses it) and decodes it.
 * Returns the decoded tile and the response.
 */
async function fetchTile(urlPath) {
  const response = await fetch(`${baseUrl}${urlPath}`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(response.status, 200, `GET ${urlPath} returned HTTP ${response.status}`);
  assert.equal(response.headers.get('content-type'), 'application/vnd.mapbox-vector-tile');
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { tile: new VectorTile(new PbfReader(bytes)), response };
}

/** Twice the signed area of a ring in y-down tile coordinates; positive is clockwise on screen. */
function twiceSignedArea(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    sum += a.x * b.y - b.x * a.y;
  }
  return sum;
}

/** Asserts MVT 2.1 polygon rules on one feature: closed rings of 4+ points, clockwise exterior first. */
function assertPolygonRings(feature, label) {
  const rings = feature.loadGeometry();
  assert.ok(rings.length > 0, `${label} has no rings`);
  assert.ok(twiceSignedArea(rings[0]) > 0, `${label}: the first ring is not clockwise (exterior)`);
  for (const ring of rings) {
    assert.ok(ring.length >= 4, `${label}: a ring has ${ring.length} points`);
    assert.deepEqual(ring[0], ring[ring.length - 1], `${label}: a ring is not closed`);
    assert.notEqual(twiceSignedArea(ring), 0, `${label}: a ring has zero area`);
  }
}

test('provinces tile decodes with valid rings and properties', async () => {
  // z5 tile 25/14 spans 101.25-112.5 E and 16.6-27.1 N: northern Viet Nam.
  const { tile, response } = await fetchTile('/tiles/vn_provinces_2025/5/25/14.mvt');
  assert.equal(response.headers.get('content-encoding'), 'gzip');
  assert.deepEqual(Object.keys(tile.layers), ['vn_provinces_2025']);
  const layer = tile.layers.vn_provinces_2025;
  assert.equal(layer.version, 2);
  assert.equal(layer.extent, 4096);
  assert.ok(layer.length >= 10, `only ${layer.length} provinces`);

  for (let i = 0; i < layer.length; i++) {
    const feature = layer.feature(i);
    const label = `province feature ${i}`;
    assert.equal(feature.type, 3, `${label} is not a polygon`);
    assert.ok(Number.isInteger(feature.id), `${label} has id ${feature.id}`);
    assert.ok(feature.id > 0, `${label} has id ${feature.id}`);
    assert.equal(typeof feature.properties.name, 'string', `${label} has no string name`);
    assertPolygonRings(feature, label);

    const geojson = feature.toGeoJSON(25, 14, 5);
    const coordinates = geojson.geometry.coordinates.flat(Infinity);
    for (let c = 0; c < coordinates.length; c += 2) {
      // The tile spans 101.25-112.5 E; the 64-unit buffer adds about 0.18 degree.
      assert.ok(coordinates[c] > 101.0, `${label}: longitude ${coordinates[c]}`);
      assert.ok(coordinates[c] < 112.75, `${label}: longitude ${coordinates[c]}`);
    }
  }
});

test('districts tile at zoom 5 stays under budget with valid rings', async () => {
  const { tile, response } = await fetchTile('/tiles/vn_districts_pre2025/5/25/14.mvt');
  assert.equal(response.headers.get('bando-dropped-features'), null);
  const layer = tile.layers.vn_districts_pre2025;
  assert.ok(layer, 'the districts layer is missing');
  assert.ok(layer.length >= 100, `only ${layer.length} districts`);
  for (let i = 0; i < layer.length; i++) assertPolygonRings(layer.feature(i), `district feature ${i}`);
});

test('composite tile has one layer per collection', async () => {
  // z10 tile 813/451 spans 105.82-106.17 E and 20.96-21.29 N: central Hà Nội.
  const { tile } = await fetchTile('/tiles/vn_provinces_2025,ha_noi_hospitals/10/813/451.mvt');
  assert.deepEqual(Object.keys(tile.layers).sort(), ['ha_noi_hospitals', 'vn_provinces_2025']);
  const hospitals = tile.layers.ha_noi_hospitals;
  assert.ok(hospitals.length > 0, 'no hospitals in central Hà Nội');
  const types = new Set();
  for (let i = 0; i < hospitals.length; i++) {
    const feature = hospitals.feature(i);
    assert.equal(feature.type, 1, `hospital ${i} is not a point`);
    for (const value of Object.values(feature.properties)) types.add(typeof value);
  }
  assert.ok(types.has('string'), `property types seen: ${[...types]}`);
});

test('basemap tile has several base layers', async () => {
  const { tile } = await fetchTile('/tiles/basemap/5/25/14.mvt');
  const names = Object.keys(tile.layers);
  assert.ok(names.length >= 3, `basemap layers: ${names}`);
  for (const name of names) {
    const layer = tile.layers[name];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      if (feature.type === 3) assertPolygonRings(feature, `${name} feature ${i}`);
    }
  }
});
