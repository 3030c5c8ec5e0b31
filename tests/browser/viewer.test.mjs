// Browser test of the web viewer against a real bando server.
//
// Run from the repository root:  BANDO_BIN=path/to/bando node --test tests/browser/
// It needs `npm ci` in web/ and tests/browser/, and Chromium at /usr/bin/chromium
// (or CHROMIUM_PATH). Screenshots go to BANDO_ARTIFACTS_DIR when it is set.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// The first start publishes the bundled data, which takes up to about a minute.
const SERVER_START_TIMEOUT_MS = 120_000;
const SERVER_STOP_TIMEOUT_MS = 10_000;
const LISTENING_PATTERN = /listening on (http:\/\/127\.0\.0\.1:\d+)/;
// Lines of server output kept for the error message when the server fails to start.
const MAX_OUTPUT_LINES = 20;
const VIEWPORT = { width: 1280, height: 800 };
const TEST_TIMEOUT_MS = 90_000;
const WAIT_TIMEOUT_MS = 30_000;

let server;
let baseUrl;
let storeDir;
let browser;

/**
 * Starts `$BANDO_BIN serve` on a free port with a fresh store and resolves with
 * its base URL once it logs the listening line on stdout or stderr.
 */
function startServer(bin, store) {
  const args = [
    'serve',
    '--port', '0',
    '--bind', '127.0.0.1',
    '--store', store,
    '--web-root', path.join(REPO_ROOT, 'web'),
    '--bundled', path.join(REPO_ROOT, 'bundled'),
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const outputTail = [];

  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`bando did not log "listening on" within ${SERVER_START_TIMEOUT_MS / 1000} s. `
        + `Last output:\n${outputTail.join('\n')}`));
    }, SERVER_START_TIMEOUT_MS);

    // Both streams are read to the end, so the server never blocks on a full pipe.
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop();
        for (const line of lines) {
          outputTail.push(line);
          if (outputTail.length > MAX_OUTPUT_LINES) {
            outputTail.shift();
          }
          const match = LISTENING_PATTERN.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        }
      });
    }
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`failed to start ${bin}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`bando exited before listening (code ${code}, signal ${signal}). `
        + `Last output:\n${outputTail.join('\n')}`));
    });
  });
  return { child, url };
}

/** Sends SIGTERM and waits for the exit, then SIGKILL if the server has not stopped in time. */
async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

before(async () => {
  const bin = process.env.BANDO_BIN;
  assert.ok(bin, 'BANDO_BIN is not set: set it to the bando executable, for example build/server/bando');
  storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bando-browser-'));
  const started = startServer(bin, path.join(storeDir, 'bando.sqlite'));
  server = started.child;
  try {
    baseUrl = await started.url;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}, { timeout: SERVER_START_TIMEOUT_MS + 30_000 });

after(async () => {
  await browser?.close();
  await stopServer(server);
  if (storeDir) {
    await fs.rm(storeDir, { recursive: true, force: true });
  }
});

// Stops the server even when the runner exits without running `after`.
process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
  }
});

/**
 * Opens the viewer in a fresh browser context and waits until it is ready.
 * `problems` collects console errors, page errors, failed requests and HTTP
 * error responses for the whole life of the page.
 */
async function openViewer() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'unknown';
    // MapLibre cancels tile requests that a map move made unnecessary, which is not a failure.
    if (reason === 'net::ERR_ABORTED' && /\.mvt$/.test(new URL(request.url()).pathname)) {
      return;
    }
    problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });

  await page.goto(`${baseUrl}/`);
  await waitForViewer(page, problems);
  return { context, page, problems };
}

/** Waits until the viewer reports "ready" or "error" in body[data-state], and asserts it is ready. */
async function waitForViewer(page, problems) {
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state), null,
    { timeout: WAIT_TIMEOUT_MS });
  const state = await page.evaluate(() => document.body.dataset.state);
  assert.equal(state, 'ready', `the viewer failed to start. Problems seen:\n${problems.join('\n')}`);
  assert.ok(await page.evaluate(() => window.bandoViewer?.map !== undefined), 'window.bandoViewer.map is missing');
}

async function fetchJson(urlPath) {
  const response = await fetch(`${baseUrl}${urlPath}`);
  assert.equal(response.status, 200, `GET ${urlPath} returned HTTP ${response.status}`);
  return response.json();
}

async function saveScreenshot(page, name) {
  const dir = process.env.BANDO_ARTIFACTS_DIR;
  if (!dir) {
    return;
  }
  await fs.mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name) });
}

/** Asserts that an element is visible and lies inside the viewport. */
async function assertInViewport(locator, description) {
  await locator.waitFor({ state: 'visible', timeout: WAIT_TIMEOUT_MS });
  const box = await locator.boundingBox();
  assert.ok(box, `${description} has no bounding box`);
  assert.ok(box.x >= 0, `${description} starts left of the viewport at x = ${box.x}`);
  assert.ok(box.y >= 0, `${description} starts above the viewport at y = ${box.y}`);
  assert.ok(box.x + box.width <= VIEWPORT.width, `${description} ends right of the viewport at x = ${box.x + box.width}`);
  assert.ok(box.y + box.height <= VIEWPORT.height, `${description} ends below the viewport at y = ${box.y + box.height}`);
}

test('viewer lists datasets in Vietnamese', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { collections } = await fetchJson('/collections');
  const datasets = collections.filter((collection) => collection.basemap !== true);
  const basemaps = collections.filter((collection) => collection.basemap === true);
  assert.ok(datasets.length > 0, '/collections lists no datasets');

  const { context, page, problems } = await openViewer();
  try {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    await page.getByRole('heading', { name: 'Bộ dữ liệu' }).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'English' }).waitFor({ state: 'visible' });

    const items = page.locator('#dataset-list > li');
    assert.equal(await items.count(), datasets.length, 'the panel lists a different number of datasets');
    for (const dataset of datasets) {
      const item = page.locator(`#dataset-list > li[data-id="${dataset.id}"]`);
      assert.equal(await item.count(), 1, `dataset ${dataset.id} is not listed`);
      assert.equal(await item.locator('label').textContent(), dataset.title || dataset.id);
      assert.equal(await item.locator('input[type=checkbox]').count(), 1, `dataset ${dataset.id} has no checkbox`);
      if (dataset.publisher) {
        assert.match(await item.textContent(), new RegExp(`Đơn vị công bố: ${escapeRegExp(dataset.publisher)}`));
      }
      assert.match(await item.textContent(), /đối tượng/, `dataset ${dataset.id} shows no feature count`);
    }
    for (const basemap of basemaps) {
      assert.equal(await page.locator(`#dataset-list > li[data-id="${basemap.id}"]`).count(), 0,
        `base layer ${basemap.id} is listed as a dataset`);
    }

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('initial view shows both archipelagos', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { context, page, problems } = await openViewer();
  try {
    const bounds = await page.evaluate(() => window.bandoViewer.map.getBounds().toArray());
    const [[west, south], [east, north]] = bounds;
    assert.ok(west <= 102, `initial view starts at longitude ${west}, east of 102`);
    assert.ok(east >= 118, `initial view ends at longitude ${east}, west of 118`);
    assert.ok(south <= 7, `initial view starts at latitude ${south}, north of 7`);
    assert.ok(north >= 24, `initial view ends at latitude ${north}, south of 24`);

    await assertInViewport(page.getByText('Quần đảo Hoàng Sa (Việt Nam)'), 'the Hoàng Sa label');
    await assertInViewport(page.getByText('Quần đảo Trường Sa (Việt Nam)'), 'the Trường Sa label');

    await saveScreenshot(page, 'viewer-initial.png');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('dataset checkbox loads its tiles', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { collections } = await fetchJson('/collections');
  const datasets = collections.filter((collection) => collection.basemap !== true);
  // The 2025 provinces cover the initial view, so they are preferred. Any dataset will do otherwise.
  const dataset = datasets.find((candidate) => candidate.id === 'vn_provinces_2025') ?? datasets[0];
  assert.ok(dataset, '/collections lists no datasets');

  const { context, page, problems } = await openViewer();
  try {
    const tilePath = new RegExp(`/tiles/${escapeRegExp(dataset.id)}/\\d+/\\d+/\\d+\\.mvt$`);
    const tileResponse = page.waitForResponse((response) => tilePath.test(new URL(response.url()).pathname),
      { timeout: WAIT_TIMEOUT_MS });
    await page.locator(`#dataset-toggle-${dataset.id}`).check();
    // A dataset whose tiles start above the initial zoom loads nothing until the map zooms in.
    const { minzoom } = await fetchJson(`/tiles/${dataset.id}.json`);
    if (await page.evaluate(() => window.bandoViewer.map.getZoom()) < minzoom) {
      await page.locator(`#dataset-list > li[data-id="${dataset.id}"] .dataset-zoom`).click();
    }
    const response = await tileResponse;
    assert.ok([200, 204].includes(response.status()),
      `GET ${response.url()} returned HTTP ${response.status()}, expected 200 or 204`);

    const visibility = await page.evaluate((id) => {
      const { map } = window.bandoViewer;
      return map.getStyle().layers
        .filter((layer) => layer.source === `dataset-${id}`)
        .map((layer) => map.getLayoutProperty(layer.id, 'visibility'));
    }, dataset.id);
    assert.ok(visibility.length > 0, `dataset ${dataset.id} has no map layers`);
    assert.ok(visibility.every((value) => value === 'visible'), `layers of ${dataset.id} are not all visible`);

    // Map.loaded() turns true once the style and every requested tile have loaded.
    await page.waitForFunction(() => window.bandoViewer.map.loaded(), null, { timeout: WAIT_TIMEOUT_MS });
    await saveScreenshot(page, `viewer-${dataset.id}.png`);

    await page.locator(`#dataset-toggle-${dataset.id}`).uncheck();
    const hidden = await page.evaluate((id) => {
      const { map } = window.bandoViewer;
      return map.getStyle().layers
        .filter((layer) => layer.source === `dataset-${id}`)
        .every((layer) => map.getLayoutProperty(layer.id, 'visibility') === 'none');
    }, dataset.id);
    assert.ok(hidden, `layers of ${dataset.id} stay visible after unchecking`);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('language switch to English persists', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { context, page, problems } = await openViewer();
  try {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Datasets' }).waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await assertInViewport(page.getByText('Hoang Sa Archipelago (Viet Nam)'), 'the English Hoàng Sa label');
    await assertInViewport(page.getByText('Truong Sa Archipelago (Viet Nam)'), 'the English Trường Sa label');

    // The choice is stored, so a reload opens in English.
    await page.reload();
    await waitForViewer(page, problems);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByRole('heading', { name: 'Datasets' }).waitFor({ state: 'visible' });
    await assertInViewport(page.getByText('Hoang Sa Archipelago (Viet Nam)'), 'the English Hoàng Sa label after reload');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Bộ dữ liệu' }).waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    await assertInViewport(page.getByText('Quần đảo Hoàng Sa (Việt Nam)'), 'the Hoàng Sa label after switching back');

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('viewer renders a composite tile', { timeout: TEST_TIMEOUT_MS }, async () => {
  const { context, page, problems } = await openViewer();
  try {
    const compositePath = /\/tiles\/vn_provinces_2025,ha_noi_hospitals\/\d+\/\d+\/\d+\.mvt$/;
    const tileResponse = page.waitForResponse((response) => compositePath.test(new URL(response.url()).pathname),
      { timeout: WAIT_TIMEOUT_MS });
    // One source for both collections, with a layer drawn from each of its MVT layers, over central Hà Nội.
    await page.evaluate(() => {
      const { map } = window.bandoViewer;
      map.addSource('composite-test', {
        type: 'vector',
        tiles: [`${window.location.origin}/tiles/vn_provinces_2025,ha_noi_hospitals/{z}/{x}/{y}.mvt`],
        maxzoom: 14,
      });
      map.addLayer({ id: 'composite-test-provinces', type: 'line', source: 'composite-test',
        'source-layer': 'vn_provinces_2025', paint: { 'line-color': '#d00', 'line-width': 2 } });
      map.addLayer({ id: 'composite-test-hospitals', type: 'circle', source: 'composite-test',
        'source-layer': 'ha_noi_hospitals', paint: { 'circle-color': '#00d', 'circle-radius': 4 } });
      map.jumpTo({ center: [105.85, 21.03], zoom: 11 });
    });
    const response = await tileResponse;
    assert.equal(response.status(), 200, `GET ${response.url()} returned HTTP ${response.status()}`);
    await page.waitForFunction(() => window.bandoViewer.map.loaded(), null, { timeout: WAIT_TIMEOUT_MS });

    const rendered = await page.evaluate(() => {
      const { map } = window.bandoViewer;
      return {
        provinces: map.queryRenderedFeatures({ layers: ['composite-test-provinces'] }).length,
        hospitals: map.queryRenderedFeatures({ layers: ['composite-test-hospitals'] }).length,
      };
    });
    assert.ok(rendered.provinces > 0, 'no province outline from the composite tile was drawn');
    assert.ok(rendered.hospitals > 0, 'no hospital from the composite tile was drawn');
    await saveScreenshot(page, 'viewer-composite.png');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
