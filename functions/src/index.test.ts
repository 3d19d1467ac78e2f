/**
 * The Cloud Function wrapper: importing it does no I/O (no Firebase app, no config read), and the wrapped
 * function is an ordinary (req, res) handler that serves the app, with CORS.
 */
import type { RequestListener } from 'http';
import request from 'supertest';
import { deleteApp, getApps } from 'firebase-admin/app';

const saved = { ...process.env };
afterAll(async () => {
  process.env = saved;
  await Promise.all(getApps().map((a) => deleteApp(a)));
});

test('importing the entry creates nothing; the first request builds the app', async () => {
  const { api } = await import('./index');
  expect(typeof api).toBe('function');
  expect(getApps()).toHaveLength(0);

  process.env.GOOGLE_CLIENT_ID = 'test-client.apps.googleusercontent.com';
  process.env.PUBLIC_BASE_URL = 'https://api.example.test';
  // The wrapper is a plain (req, res) handler (engineering notes §6). An anonymous request is refused before the store is touched: no Firestore traffic.
  const res = await request(api as unknown as RequestListener).get('/api/submissions').set('Origin', 'https://docs.google.com');
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('unauthenticated');
  expect(res.headers['access-control-allow-origin']).toBeDefined();
  expect(getApps()).toHaveLength(1);
});
