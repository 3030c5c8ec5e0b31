// Validates the OpenAPI 3.0 document that a real bando server on 127.0.0.1
// serves at /api with @apidevtools/swagger-parser. For OpenAPI 3.0 that package
// (13.1.0) checks the document against the OpenAPI 3.0 JSON Schema only, so the
// path parameter rule is checked here.
//
// Run from the repository root:  BANDO_BIN=path/to/bando node --test tests/openapi_js/
// It needs `npm ci` in tests/openapi_js/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The first start publishes the bundled data into a new store, which takes up to about a minute.
const SERVER_START_TIMEOUT_MS = 120_000;
const SERVER_STOP_TIMEOUT_MS = 10_000;
const LISTENING_PATTERN = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

let server;
let baseUrl;
let storeDir;

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
  storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bando-openapi-js-'));
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

async function fetchApi() {
  const response = await fetch(`${baseUrl}/api`, { headers: { Accept: 'application/json' } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/vnd.oai.openapi+json;version=3.0');
  return response.json();
}

test('/api is a valid OpenAPI 3.0 document', async () => {
  const document = await fetchApi();
  assert.match(document.openapi, /^3\.0\.\d+$/);
  // validate() dereferences in place, so it gets a copy.
  await SwaggerParser.validate(structuredClone(document));
});

test('the validator rejects a broken copy of /api', async () => {
  const document = await fetchApi();
  delete document.paths['/collections/{id}'].get.responses;
  await assert.rejects(SwaggerParser.validate(document), /responses/);
});

test('/api declares every path template parameter', async () => {
  const { paths } = await fetchApi();
  for (const [pathName, operations] of Object.entries(paths)) {
    const templates = [...pathName.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const [method, operation] of Object.entries(operations)) {
      const declared = operation.parameters.filter((parameter) => parameter.in === 'path');
      assert.deepEqual(declared.map((parameter) => parameter.name).sort(), [...templates].sort(),
        `${method.toUpperCase()} ${pathName}`);
      for (const parameter of declared) assert.equal(parameter.required, true, `${pathName} ${parameter.name}`);
    }
  }
});

test('/api describes the OGC, address, catalog and write endpoints', async () => {
  const { paths } = await fetchApi();
  for (const [pathName, method] of [
    ['/', 'get'], ['/api', 'get'], ['/conformance', 'get'], ['/collections/{id}/items', 'get'],
    ['/collections/{id}/items/{featureId}', 'get'], ['/tiles/{ids}/{z}/{x}/{y}.mvt', 'get'],
    ['/postcodes', 'post'], ['/places', 'get'], ['/datasets', 'post'], ['/datasets/{id}', 'delete'],
    ['/api/3/action/package_search', 'get'], ['/health', 'get'],
  ]) {
    assert.ok(paths[pathName]?.[method], `${method.toUpperCase()} ${pathName} is missing from /api`);
  }
  assert.deepEqual(paths['/datasets/{id}'].put.security, [{ apiKey: [] }]);
  const itemParameters = paths['/collections/{id}/items'].get.parameters.map((parameter) => parameter.name);
  for (const name of ['bbox', 'limit', 'offset', 'crs', 'filter', 'sortby', 'f', 'lang']) {
    assert.ok(itemParameters.includes(name), `items lacks parameter ${name}`);
  }
});

test('every GET path without required parameters responds', async () => {
  const { paths } = await fetchApi();
  const checked = [];
  for (const [pathName, operations] of Object.entries(paths)) {
    const get = operations.get;
    if (!get || pathName.includes('{')) continue;
    if (get.parameters.some((parameter) => parameter.required)) continue;
    const response = await fetch(`${baseUrl}${pathName}`);
    await response.arrayBuffer();
    assert.ok(response.status === 200 || response.status === 204,
      `GET ${pathName} returned HTTP ${response.status}`);
    checked.push(pathName);
  }
  assert.ok(checked.length >= 8, `only ${checked.length} paths were checked: ${checked.join(', ')}`);
});
