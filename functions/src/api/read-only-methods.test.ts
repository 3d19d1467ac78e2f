/**
 * The list of read-only addresses (read-only-methods.ts) against the routes the deployed app really has: every
 * router of the API (public, bulk, index, tracking, the workflow's with sign-in), as functions/src/index.ts builds it.
 * The same walk checks that every route outside the public reads asks who calls: a route added without sign-in fails;
 * and that every /api address README.md and docs/ name is one of its routes.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import type { Express } from 'express';
import { createCloudApp } from '../index';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { READ_ONLY_PATHS } from './read-only-methods';

interface RouteSeen { path: string; methods: string[] }

/**
 * The routes under an express 5 router, with the paths they were mounted at (`Layer.rawPath`, router 2.x). Express
 * has no public listing of routes; should this walk stop finding them, the counts checked below fail loudly.
 */
function routesOf(stack: readonly unknown[], prefix: string, out: RouteSeen[] = []): RouteSeen[] {
  const join = (p: string) => (p === '/' ? prefix || '/' : `${prefix}${p}`);
  for (const layer of stack as { route?: { path: string | string[]; methods: Record<string, boolean> }; rawPath?: string | string[]; handle?: { stack?: unknown[] } }[]) {
    if (layer.route) {
      for (const p of [layer.route.path].flat()) out.push({ path: join(p), methods: Object.keys(layer.route.methods) });
    } else if (layer.handle?.stack) {
      for (const mount of [layer.rawPath ?? '/'].flat()) routesOf(layer.handle.stack, mount === '/' ? prefix : join(mount), out);
    }
  }
  return out;
}

let store: Store;
let app: Express;
let routes: RouteSeen[];
beforeAll(() => {
  store = openSqliteStore(':memory:');
  app = createCloudApp({ METADATA_SERVER_DETECTION: 'none', GCLOUD_PROJECT: 'demo-test', PUBLIC_BASE_URL: 'https://infra.example.mx', GOOGLE_CLIENT_ID: '123456789012-abc123.apps.googleusercontent.com', BULK_BUCKET: 'demo-bulk' }, store);
  // The list's own catch-all routes (`all`) are not the API's.
  routes = routesOf((app as unknown as { router: { stack: unknown[] } }).router.stack, '').filter((r) => !r.methods.includes('_all'));
});
afterAll(() => store.close());

const listed = READ_ONLY_PATHS.map((p) => (p === '/' ? '/api' : `/api${p}`));

it('finds the API routes of every router (the walk sees what express mounted)', () => {
  const paths = new Set(routes.map((r) => r.path));
  for (const p of ['/api', '/api/ocds/records/:ocid', '/api/bulk/:file', '/api/tracking', '/api/publishers/:id', '/api/submissions/:id/approve', '/api/monthly-report']) expect(paths).toContain(p);
});

it('lists exactly the API addresses whose routes take GET alone: a write route added to a listed address, or a new read-only route, fails here', () => {
  const methods = new Map<string, Set<string>>();
  for (const r of routes.filter((x) => x.path.startsWith('/api'))) for (const m of r.methods) methods.set(r.path, (methods.get(r.path) ?? new Set()).add(m.toUpperCase()));
  // A listed address with a write route: the list would answer that route 405 before it is reached.
  const blocked = listed.filter((p) => [...(methods.get(p) ?? [])].some((m) => m !== 'GET' && m !== 'HEAD'));
  expect(blocked).toEqual([]);
  // A listed address that no route serves.
  expect(listed.filter((p) => !methods.get(p)?.has('GET'))).toEqual([]);
  // A read-only route left out: a POST there found no route, 404 «No existe esa ruta», instead of 405 with Allow.
  const readOnly = [...methods].filter(([, m]) => [...m].every((x) => x === 'GET' || x === 'HEAD')).map(([p]) => p);
  expect(readOnly.filter((p) => !listed.includes(p)).sort()).toEqual([]);
});

it('answers a write method at each listed address 405 with Allow: GET, HEAD, before any sign-in', async () => {
  for (const p of listed) {
    const address = p.replace(/:(\w+)/g, 'x');
    const res = await request(app).post(address);
    expect([address, res.status, res.headers.allow]).toEqual([address, 405, 'GET, HEAD']);
  }
});

/** The API's addresses open to anyone: the public reads (the list less the workflow's consultations) and how pages sign in. */
const WORKFLOW_READS = ['/stages', '/audit', '/monthly-report', '/submissions/:id', '/submissions/:id/preview', '/submissions/checks/:id', '/submissions/refused', '/submissions/refused/:id'];
const PUBLIC = [...READ_ONLY_PATHS.filter((p) => !WORKFLOW_READS.includes(p)), '/auth-config'].map((p) => (p === '/' ? '/api' : `/api${p}`));

it('answers every other API route 401 to an anonymous request: none is reached without signing in', async () => {
  const guarded = routes.filter((r) => r.path.startsWith('/api/') && !PUBLIC.includes(r.path));
  expect(guarded.length).toBeGreaterThanOrEqual(15);
  for (const r of guarded) {
    for (const method of r.methods.filter((m) => m !== 'head')) {
      const address = r.path.replace(/:(\w+)/g, 'x');
      const res = await (request(app) as unknown as Record<string, (a: string) => request.Test>)[method](address).send({});
      expect([method, address, res.status]).toEqual([method, address, 401]);
    }
  }
});

it('answers a method an existing API address does not take 405 with Allow naming the ones it does, for every route (GET /api/stages/batch)', async () => {
  // Each address with its methods, from the same walk: the refusal reads the routers, so no route is left out.
  const byPath = new Map<string, Set<string>>();
  for (const r of routes.filter((x) => x.path.startsWith('/api/'))) for (const m of r.methods) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(m.toUpperCase()));
  const writeOnly = [...byPath].filter(([, m]) => !m.has('GET'));
  expect(writeOnly.map(([p]) => p)).toContain('/api/stages/batch');
  for (const [p, methods] of writeOnly) {
    const address = p.replace(/:(\w+)/g, 'x');
    for (const method of ['get', 'delete'] as const) {
      const res = await request(app)[method](address);
      expect([method, address, res.status, res.headers.allow, res.body.error?.code]).toEqual([method, address, 405, [...methods].join(', '), 'method-not-allowed']);
    }
  }
  const res = await request(app).get('/api/stages/batch');
  expect(res.body.error.message).toBe('La dirección /api/stages/batch no acepta el método GET: use POST.');
  // An address no route has is still 404 (a method the API never takes is the API-wide 405, request-limits.ts).
  for (const method of ['get', 'post'] as const) { const r = await request(app)[method]('/api/stages/lote'); expect([method, r.status, r.headers.allow]).toEqual([method, 404, undefined]); }
});

// The guides tell readers where to ask (`/api/ocds/records/{ocid}`, `/api/submissions[/{id}/approve|return|withdraw]`,
// `/api/bulk/…`): each address they name, with its optional parts and alternatives, is one the app routes, so that a
// route renamed or dropped fails here instead of leaving the README pointing at a 404.
it('routes every /api address README.md and the guides in docs/ name', () => {
  const root = path.resolve(__dirname, '../../..');
  const docs = ['README.md', 'addon/README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  // `/a[/{x}/b|c]` is /a, /a/{x}/b and /a/{x}/c (`/a[?q=…]`, /a); a trailing «/» names what is below it.
  const expand = (written: string): string[] => {
    const m = /^([^[]*)\[([^\]]*)\]$/.exec(written);
    if (!m) return [written];
    const [, base, optional] = m;
    if (optional.startsWith('?')) return [base];
    const cut = optional.lastIndexOf('/');
    return [base, ...optional.slice(cut + 1).split('|').map((last) => `${base}${optional.slice(0, cut + 1)}${last}`)];
  };
  const segments = (p: string) => p.replace(/\/$/, '').split('/');
  const matches = (named: string, route: string): boolean => {
    const [n, r] = [segments(named), segments(route)];
    const below = named.endsWith('/') && named !== '/api/';
    if (below ? r.length <= n.length : r.length !== n.length) return false;
    return n.every((s, i) => s === r[i] || r[i].startsWith(':') || (/^\{\w+\}$/.test(s) && r[i].startsWith(':')));
  };
  const named = new Set(docs.flatMap((file) => [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/(?<![\w/.-])\/api(?:\/[\w{}.:-]+)*(?:\/|\[[^\]\s]*\])?/g)].flatMap((m) => expand(m[0]))));
  expect(named.size).toBeGreaterThanOrEqual(25);
  for (const address of named) expect({ address, routed: routes.some((r) => matches(address, r.path)) }).toEqual({ address, routed: true });
});
