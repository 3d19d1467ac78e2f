/**
 * A script that keeps the ETag of an answer and asks again with If-None-Match, through Node's own fetch (which adds
 * `Cache-Control: no-cache` and `Pragma: no-cache` to such a request): it gets 304 for the API's packages, the
 * index and the bulk files, not the whole answer again with the same ETag. A changed or other tag still gets 200.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { publishExamples } from '../../../test/example-workbooks';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await publishExamples(store, BASE);
  server = http.createServer(createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

it.each([
  '/api/oc4ids/projects?limit=2',
  '/api/ocds/records/ocds-mid001-DOP-LP-OP-001-2025',
  '/api/publishers',
  '/api/index/compact',
])('answers fetch() with the ETag it kept 304 (%s)', async (path) => {
  const first = await fetch(origin + path);
  expect(first.status).toBe(200);
  await first.arrayBuffer();
  const etag = first.headers.get('etag') as string;
  expect(etag).toBeTruthy();
  const again = await fetch(origin + path, { headers: { 'If-None-Match': etag } });
  expect(again.status).toBe(304);
  // A list naming it among others, and the tag without its weak prefix, match too (weak comparison).
  expect((await fetch(origin + path, { headers: { 'If-None-Match': `"otra", ${etag.replace(/^W\//, '')}` } })).status).toBe(304);
  const other = await fetch(origin + path, { headers: { 'If-None-Match': 'W/"otra-version"' } });
  expect(other.status).toBe(200);
  expect((await other.arrayBuffer()).byteLength).toBeGreaterThan(0);
});

// One test for the bulk files: the first request writes them (seconds on a loaded machine).
it('answers a bulk file\'s ETag 304, and If-Modified-Since alone by the file\'s date', async () => {
  const first = await fetch(`${origin}/api/bulk/records.json?publisher=merida`);
  await first.arrayBuffer();
  expect((await fetch(`${origin}/api/bulk/records.json?publisher=merida`, { headers: { 'If-None-Match': first.headers.get('etag') as string } })).status).toBe(304);
  const modified = first.headers.get('last-modified') as string;
  expect((await fetch(`${origin}/api/bulk/records.json?publisher=merida`, { headers: { 'If-Modified-Since': modified } })).status).toBe(304);
  const before = new Date(Date.parse(modified) - 60_000).toUTCString();
  expect((await fetch(`${origin}/api/bulk/records.json?publisher=merida`, { headers: { 'If-Modified-Since': before } })).status).toBe(200);
});
