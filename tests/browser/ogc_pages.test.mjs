// The server-rendered OGC API pages in headless Chromium against a real bando
// server: negotiation by the browser's own Accept header, the language, and
// the feature map drawn by web/js/feature_map.js.
//
// Run from the repository root:  BANDO_BIN=path/to/bando node --test tests/browser/ogc_pages.test.mjs
// It needs `npm ci` in web/ and tests/browser/, and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).

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
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// The first start publishes the bundled data into a new store, which takes up to about a minute.
const SERVER_START_TIMEOUT_MS = 120_000;
const SERVER_STOP_TIMEOUT_MS = 10_000;
const WAIT_TIMEOUT_MS = 30_000;
const LISTENING_PATTERN = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

let server;
let baseUrl;
let storeDir;
let browser;

/** Starts `bando serve` on a free port and resolves with its base URL once it logs it. */
function startServer(bin, store) {
  const args = ['serve', '--port', '0', '--bind', '127.0.0.1', '--store', store,
    '--web-root', path.join(REPO_ROOT, 'web'), '--bundled', path.join(REPO_ROOT, 'bundled')];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bando did not log "listening on" within `
      + `${SERVER_START_TIMEOUT_MS / 1000} s. Output:\n${output.slice(-2000)}`)), SERVER_START_TIMEOUT_MS);
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        output += chunk;
        const match = LISTENING_PATTERN.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    }
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`bando exited before listening (code ${code}, signal ${signal}). `
        + `Output:\n${output.slice(-2000)}`));
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
  storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bando-ogc-pages-'));
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
  if (storeDir) await fs.rm(storeDir, { recursive: true, force: true });
});

/**
 * Opens `urlPath` in a new page with `locale` and returns the page with a list
 * of the console errors, page errors and failed requests it produces.
 */
async function openPage(urlPath, locale) {
  const context = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Leaving the page aborts the tile requests still in flight, which is no fault.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()}`);
  });
  const response = await page.goto(`${baseUrl}${urlPath}`);
  assert.equal(response.status(), 200, `GET ${urlPath} returned HTTP ${response.status()}`);
  return { page, problems, context };
}

test('collections page negotiates HTML in Vietnamese', async () => {
  const { page, problems, context } = await openPage('/collections', 'vi-VN');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.textContent('h1'), 'Các bộ dữ liệu');
  await page.click('text=English');
  await page.waitForURL(/lang=en/);
  assert.equal(await page.textContent('h1'), 'Collections');
  assert.deepEqual(problems, []);
  await context.close();
});

test('items page draws its features on a map', async () => {
  const { page, problems, context } = await openPage('/collections/ha_noi_wards_2025/items?limit=5', 'en-US');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.waitForSelector('#feature-map[data-loaded="true"]', { timeout: WAIT_TIMEOUT_MS });
  assert.equal(await page.locator('#feature-map canvas').count(), 1);
  assert.equal(await page.locator('table tr').count(), 6);
  const rendered = await page.evaluate(() => document.getElementById('feature-map').dataset.error ?? null);
  assert.equal(rendered, null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('item page of a point draws the map and links back', async () => {
  const { page, problems, context } = await openPage('/collections/ha_noi_hospitals/items/1', 'vi-VN');
  await page.waitForSelector('#feature-map[data-loaded="true"]', { timeout: WAIT_TIMEOUT_MS });
  assert.match(await page.textContent('table'), /Point/);
  await page.click('text=Tất cả đối tượng');
  await page.waitForURL(/\/items\?f=html$/);
  assert.deepEqual(problems, []);
  await context.close();
});
