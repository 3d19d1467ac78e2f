/**
 * The address the per-address rate limit counts (req.ip) follows TRUST_PROXY_HOPS, and the cloud app's first request
 * of an instance says, without the addresses, whether it is the client's as Firebase Hosting names it
 * (Fastly-Client-IP) and which TRUST_PROXY_HOPS would make it so — behind Hosting, the default (1) may count the
 * edge's address, shared by every client behind it.
 */
import express from 'express';
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { clientAddressNote, isInternalAddress } from './client-address';

let store: Store;
beforeAll(() => { store = openSqliteStore(':memory:'); });
afterAll(() => store.close());

const CLIENT = '203.0.113.5';
const EDGE = '198.51.100.9';
const who = express.Router().get('/quien', (req, res) => void res.json({ ip: req.ip }));
const appWith = (trustProxyHops: number | undefined, lines: string[], noteClientAddress = true) => createApp({
  store, log: (m) => void lines.push(m), extraApi: [who], noteClientAddress,
  config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1024 * 1024, ...(trustProxyHops !== undefined ? { trustProxyHops } : {}) },
});
// As Hosting's edge would call Google's front end: the client, then the edge (the front end adds the last hop itself
// as the socket's address here, supertest's loopback).
const throughHosting = (r: request.Test) => r.set('X-Forwarded-For', `${CLIENT}, ${EDGE}`).set('Fastly-Client-IP', CLIENT);

test('behind Hosting, one hop counts the edge and the first request says so with the value that would count the client; two count the client', async () => {
  const lines: string[] = [];
  const one = appWith(1, lines);
  expect((await throughHosting(request(one).get('/api/quien'))).body.ip).toBe(EDGE);
  await throughHosting(request(one).get('/api/quien'));
  expect(lines).toEqual(['Dirección del cliente: X-Forwarded-For trae 2 direcciones (TRUST_PROXY_HOPS=1); el límite por dirección NO cuenta la del cliente que dice Firebase Hosting (con TRUST_PROXY_HOPS=2 la contaría).']);
  expect(lines.join('')).not.toContain(CLIENT);

  const later: string[] = [];
  const two = appWith(2, later);
  expect((await throughHosting(request(two).get('/api/quien'))).body.ip).toBe(CLIENT);
  expect(later).toEqual(['Dirección del cliente: X-Forwarded-For trae 2 direcciones (TRUST_PROXY_HOPS=2); el límite por dirección cuenta la del cliente que dice Firebase Hosting.']);
});

test('self-hosted: no proxy trusted unless told (a forged X-Forwarded-For is not counted); a proxy of its own without TRUST_PROXY_HOPS is warned of once', async () => {
  const lines: string[] = [];
  const local = appWith(undefined, lines, false);
  // No header, no warning: a server reached directly.
  expect((await request(local).get('/api/quien')).status).toBe(200);
  expect(lines).toEqual([]);
  // X-Forwarded-For from this machine (nginx in front, supertest's loopback here): still not trusted — every address
  // logged is the proxy's — and the operator is told once, on stderr, what to set and where it is explained.
  for (let i = 0; i < 3; i++) expect((await request(local).get('/api/quien').set('X-Forwarded-For', CLIENT)).body.ip).not.toBe(CLIENT);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Aviso: llegan solicitudes con X-Forwarded-For desde \S*127\.0\.0\.1 .*TRUST_PROXY_HOPS no está puesto: .*bitácora .*anotan la dirección del proxy.*TRUST_PROXY_HOPS=1 .*docs\/operations\.md, «Servidor propio en producción»/);
  // Behind nginx, TRUST_PROXY_HOPS=1: the address nginx appended, and nothing to warn of.
  const trusted: string[] = [];
  expect((await request(appWith(1, trusted, false)).get('/api/quien').set('X-Forwarded-For', CLIENT)).body.ip).toBe(CLIENT);
  expect(trusted).toEqual([]);
});

test('which peers are a proxy of the operator\'s own: loopback and private addresses only', () => {
  for (const a of ['127.0.0.1', '::ffff:127.0.0.1', '::1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '::ffff:192.168.1.10', 'fd12:3456::1', 'fe80::1']) expect([a, isInternalAddress(a)]).toEqual([a, true]);
  for (const a of ['203.0.113.5', '172.32.0.1', '8.8.8.8', '2001:db8::1', '::ffff:8.8.8.8', undefined]) expect([a, isInternalAddress(a)]).toEqual([a, false]);
});

test('a request not through Hosting, and a Hosting client missing from X-Forwarded-For, are told as such', () => {
  const req = (headers: Record<string, string>, ip: string) => ({ ip, get: (name: string) => headers[name.toLowerCase()] }) as never;
  expect(clientAddressNote(req({}, CLIENT), 1)).toBeUndefined();
  expect(clientAddressNote(req({ 'x-forwarded-for': CLIENT }, CLIENT), 1)).toBe('Dirección del cliente: X-Forwarded-For trae 1 dirección (TRUST_PROXY_HOPS=1); sin Fastly-Client-IP: esta solicitud no pasó por Firebase Hosting.');
  expect(clientAddressNote(req({ 'x-forwarded-for': EDGE, 'fastly-client-ip': CLIENT }, EDGE), 1)).toBe('Dirección del cliente: X-Forwarded-For trae 1 dirección (TRUST_PROXY_HOPS=1); el límite por dirección NO cuenta la del cliente que dice Firebase Hosting (X-Forwarded-For no la trae).');
});
