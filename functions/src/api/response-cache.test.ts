/**
 * The answer cache's fast path (api/response-cache.ts): a public answer already sent under the current published
 * state is sent again without reading the store, with the same headers (security ones included) and bytes, for
 * each encoding; a change of the published state is seen at once; conditional requests still get their 304.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import express from 'express';
import request from 'supertest';
import { createApp } from '../app';
import { ResponseCache } from './response-cache';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { publishExamples } from '../../../test/example-workbooks';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
/** Store reads made since the last reset (a counting wrapper around the real store). */
let reads: string[] = [];
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await publishExamples(store, BASE);
  const counted = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string' || !/^(get|list)/.test(prop)) return value;
      return (...args: unknown[]) => { reads.push(prop); return (value as (...a: unknown[]) => unknown).apply(target, args); };
    },
  });
  app = createApp({ store: counted, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024, currentTtlMs: 60_000 }, log: () => undefined });
}, 60_000);
afterAll(async () => { await store.close(); });

const withoutDate = (headers: Record<string, unknown>): Record<string, unknown> => {
  const { date: _date, ...rest } = headers;
  return rest;
};

it.each([['gzip', 'gzip'], ['gzip, deflate, br', 'br'], ['identity', undefined]])('sends a repeated page again without reading the store, same headers and bytes (Accept-Encoding: %s)', async (encoding, coding) => {
  const url = '/api/ocds/releases?limit=5';
  const first = await request(app).get(url).set('Accept-Encoding', encoding).expect(200);
  reads = [];
  const again = await request(app).get(url).set('Accept-Encoding', encoding).expect(200);
  expect(reads).toEqual([]);
  expect(withoutDate(again.headers)).toEqual(withoutDate(first.headers));
  expect(again.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(again.headers['content-encoding']).toBe(coding);
  expect(again.body).toEqual(first.body);
});

it('answers a conditional repeat with 304', async () => {
  const first = await request(app).get('/api/ocds/releases?limit=3').expect(200);
  await request(app).get('/api/ocds/releases?limit=3').set('If-None-Match', first.headers.etag as string).expect(304);
});

it('shows a change of the published state at once', async () => {
  await request(app).get('/api/publishers').expect(200);
  reads = [];
  await request(app).get('/api/publishers').expect(200);
  expect(reads).toEqual([]);
  const merida = (await store.getPublisher('merida'))!;
  await store.putPublisher({ ...merida, name: 'Mérida (nombre nuevo)' });
  const after = await request(app).get('/api/publishers').expect(200);
  expect((after.body as { publishers: { id: string; name: string }[] }).publishers.find((p) => p.id === 'merida')?.name).toBe('Mérida (nombre nuevo)');
});

it('answers before the app only what was sent under the same version, and no conditional request', async () => {
  const cache = new ResponseCache();
  let version = 'v1';
  let builds = 0;
  const inner = express();
  inner.get('/x', (req, res) => cache.send(req, res, 'stamp', async () => ({ built: ++builds, version }), version));
  let fast = 0;
  const server = http.createServer((req, res) => { if (cache.answer(req, res, version)) fast += 1; else inner(req, res); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  try {
    const get = async (headers: Record<string, string> = {}) => { const res = await fetch(url, { headers }); return { status: res.status, text: await res.text() }; };
    expect(await get()).toEqual({ status: 200, text: '{"built":1,"version":"v1"}' });
    expect(fast).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(await get()).toEqual({ status: 200, text: '{"built":1,"version":"v1"}' });
    expect(fast).toBe(1);
    // Same data (same stamp) under a new version: the app answers once from its cache, then the fast path again.
    version = 'v2';
    await get();
    expect(fast).toBe(1);
    await get();
    expect(fast).toBe(2);
    // Conditional requests and unknown versions go to the app.
    expect(cache.answer({ method: 'GET', url: '/x', headers: { 'if-none-match': 'W/"x"' } } as http.IncomingMessage, undefined as never, 'v2')).toBe(false);
    expect(cache.answer({ method: 'GET', url: '/x', headers: {} } as http.IncomingMessage, undefined as never, undefined)).toBe(false);
    expect(builds).toBe(1);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
