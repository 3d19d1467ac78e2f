/**
 * docs/api.md, the guide for whoever reads the data from a program, against the real API: every public GET route of
 * the app is in its table and every address in the table answers, with exactly the parameters the table names (the
 * API's own 400 for a parameter it does not read lists those it does); every error code it lists is one the API
 * sends. A route added, renamed or given a parameter fails here instead of leaving a reader with a wrong guide.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../functions/src/app';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import type { Store } from '../functions/src/store/store';
import { publish } from '../functions/src/publication/publish';
import { exampleWorkbook, publisherOf } from './example-workbooks';
import { PROGRAM_EXTENSIONS } from '../core/packages/extensions';
import { ROOT } from './standards';
import { parseLimit } from '../functions/src/api/cursor';
import { ALL_PUBLISHERS_BULK_MAX_DOCUMENTS } from '../core/packages/bulk-limit';
import { INDEX_MAX_ROWS, STATS_MAX_PUBLISHERS } from '../core/stats/serving-limits';
import { formatNumber } from '../core/format/es-mx';
import { binaryBody } from './support/xlsx-download';

const BASE = 'http://127.0.0.1:8080';
const GUIDE = fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
let store: Store;
let app: Express;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  expect((await publish(store, { publisher, workbook, actor: 'cli', now: new Date().toISOString(), baseUrl: BASE })).status).toBe('published');
  app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
});
afterAll(async () => { await store.close(); });

/** The table of addresses: `| \`/api/…\` | parameters | … |`, each parameter in backticks, or «ninguno». */
const documented = [...GUIDE.matchAll(/^\| `(\/api[^`]*)` \| ([^|]+) \|/gm)].map(([, address, params]) => ({
  address, params: [...params.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
}));
/** `{ocid}`, `{archivo}` and express's `:file` alike. */
const shape = (address: string): string => address.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}');

/** GET routes of the routers mounted under /api (the public ones: the app's own routes, like /api/auth-config, are not routers). */
function publicRoutes(): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const top = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return top.flatMap((layer) => layer.handle?.stack ?? [])
    .filter((l) => l.route?.methods.get)
    .map((l) => `/api${l.route!.path === '/' ? '' : l.route!.path}`);
}

test('every public GET route is in the guide\'s table, and every address in it is a route', () => {
  expect(documented.length).toBeGreaterThan(10);
  expect(documented.map((d) => shape(d.address)).sort()).toEqual([...new Set(publicRoutes().map(shape))].sort());
});

test('each address in the guide answers, and takes exactly the parameters the guide names', async () => {
  const get = (url: string): request.Test => request(app).get(url);
  const ocid = ((await get('/api/ocds/records?limit=1').expect(200)).body as { records: { ocid: string }[] }).records[0].ocid;
  const projectId = ((await get('/api/oc4ids/projects?limit=1').expect(200)).body as { projects: { id: string }[] }).projects[0].id;
  const extension = PROGRAM_EXTENSIONS[0];
  const codelists = ((await get(`/api/extensiones/${extension}/extension.json`).expect(200)).body as { codelists?: string[] }).codelists ?? [];
  const examples: Record<string, string> = {
    '{ocid}': encodeURIComponent(ocid), '{id}': encodeURIComponent(projectId), '{nombre}': extension, '{implementador}': 'merida',
  };
  for (const { address, params } of documented) {
    let url = address.replace(/\{ocid\}|\{id\}|\{nombre\}|\{implementador\}/g, (m) => examples[m]);
    url = url.replace('/codelists/{archivo}', `/codelists/${codelists[0]}`).replace('/api/bulk/{archivo}', '/api/bulk/releases.json').replace('{archivo}', 'extension.json');
    expect(url).not.toMatch(/[{}]/);
    const ok = await get(url);
    expect([url, ok.status]).toEqual([url, 200]);
    const refused = await get(`${url}?zz_guia=1`).expect(400);
    expect((refused.body as { error: { code: string } }).error.code).toBe('unknown-parameter');
    const message = (refused.body as { error: { message: string } }).error.message;
    const accepted = [...message.slice(message.indexOf('«zz_guia»:')).matchAll(/«([^»]+)»/g)].map((m) => m[1]).slice(1);
    expect([address, accepted.sort()]).toEqual([address, [...params].sort()]);
  }
});

/** The files whose errors a reader of the public addresses can meet (the workflow's, behind sign-in, are not). */
const PUBLIC_SOURCES = ['public-routes', 'bulk-routes', 'index-routes', 'tracking-routes', 'pending-routes', 'current-publications', 'supplier-filter', 'cursor', 'query-parameters', 'read-only-methods', 'byte-range', 'http-error']
  .map((name) => fs.readFileSync(path.join(ROOT, 'functions/src/api', `${name}.ts`), 'utf8'));
/** Answers to a request body, which no public address reads. */
const BODY_ERRORS = ['invalid-json', 'too-large', 'unsupported-type'];

test('every error code a public address sends is in the guide\'s table, and every one there is sent', () => {
  const table = GUIDE.slice(GUIDE.indexOf('## Errores'), GUIDE.indexOf('## Límites'));
  const codes = [...table.matchAll(/^\| \d{3} \| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  expect(codes.length).toBeGreaterThan(10);
  const source = (dir: string): string => fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? source(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? fs.readFileSync(p, 'utf8') : '';
  }).join('\n');
  const api = source(path.join(ROOT, 'functions/src'));
  // `invalid-publisher` is made of the parameter's name (current-publications.ts, queryString).
  // `invalid-publisher` and its kin are made of the parameter's name (current-publications.ts, queryString).
  const repeated = (code: string): boolean => /^invalid-(publisher|state|ocid|releaseid)$/.test(code) && api.includes('`invalid-${name.toLowerCase()}`');
  for (const code of codes) expect([code, api.includes(`'${code}'`) || repeated(code)]).toEqual([code, true]);
  const sent = new Set(PUBLIC_SOURCES.flatMap((text) => [...text.matchAll(/(?:badRequest\(|HttpError\(\d{3}, |code: )'([a-z-]+)'/g)].map((m) => m[1])));
  expect([...sent].filter((code) => !codes.includes(code) && !BODY_ERRORS.includes(code))).toEqual([]);
});

/**
 * What a harvester reads on the pages (public-routes.test.ts checks the server does it): a page's publishedDate is the
 * newest of the whole listing's publishers, not of the documents on it; the first page's ETag names every publication
 * of the listing; and links.next keeps each publisher to one publication.
 */
test('the guide says what publishedDate, the first page\'s ETag and links.next promise as the listings keep them', () => {
  const flat = GUIDE.replace(/\s+/g, ' ');
  expect(flat).toContain('página es la fecha de la publicación más reciente de todos los implementadores del listado');
  expect(flat).toContain('su `ETag` nombra las publicaciones de todo el listado');
  expect(flat).toContain('**Lo de cada implementador llega de una sola de sus publicaciones**');
  expect(flat).not.toContain('de lo que lista');
});

/** A harvester compares what it got with each publisher's current publication: the guide names every field of it. */
test('the guide names every field /api/publishers gives of a publisher\'s current publication', async () => {
  const [first] = ((await request(app).get('/api/publishers').expect(200)).body as { publishers: { currentPublication: Record<string, unknown> & { counts: Record<string, unknown> } }[] }).publishers;
  const row = GUIDE.split('\n').find((line) => line.startsWith('| `/api/publishers` |')) ?? '';
  const named = [...Object.keys(first.currentPublication), ...Object.keys(first.currentPublication.counts)];
  expect(named.filter((key) => !row.includes(`\`${key}\``))).toEqual([]);
});

test('the sizes the guide gives are the API\'s: page size and its range, and the bounds of the answers of several publishers', () => {
  const n = (v: number): string => formatNumber(v, 0);
  expect(GUIDE).toContain(`**${n(parseLimit(undefined))} elementos por página**`);
  expect(parseLimit(String(1000))).toBe(1000);
  expect(() => parseLimit(String(1001))).toThrow();
  expect(GUIDE).toContain('`limit` pide de **1 a 1,000**');
  expect(GUIDE).toContain(`hasta ${n(ALL_PUBLISHERS_BULK_MAX_DOCUMENTS)} documentos publicados`);
  expect(GUIDE).toContain(`pasa de ${n(INDEX_MAX_ROWS)} filas`);
  expect(GUIDE).toContain(`más de ${n(STATS_MAX_PUBLISHERS)} implementadores`);
});

/**
 * A harvester re-ran the guide's «sin bajar otra vez lo que no cambió» command, `curl -L -C - -O …`, every night:
 * after a publication curl asked for the bytes past the size of its complete copy (Range, no If-Range: it says
 * nothing of which file it holds), got the end of the new file (206) and appended it to the old one, exiting 0 —
 * a .gz of that decompresses to the old data with a «trailing garbage» warning. The server cannot tell; the guide
 * must keep those commands to finishing a cut download, and keep copies up to date by date (wget -N, curl -z).
 * Last in the file: it publishes Mérida again.
 */
test('the guide offers curl -C - and wget -c only to finish a cut download: after a publication, what they send gets the new file\'s end, joined to the old copy', async () => {
  // The records: they link their releases under the address of the publication (the releases are carried over as they were).
  const url = '/api/bulk/records.jsonl?publisher=merida';
  const get = (headers: Record<string, string>) => request(app).get(url).set({ 'Accept-Encoding': 'identity', ...headers }).buffer(true).parse(binaryBody);
  const old = (await get({}).expect(200)).body as Buffer;
  const workbook = await exampleWorkbook('merida');
  // Published again under another address: the same address now names a longer file.
  expect((await publish(store, { publisher: publisherOf('merida', workbook), workbook, actor: 'cli', now: new Date().toISOString(), baseUrl: `${BASE}/nueva` })).status).toBe('published');
  const now = (await get({}).expect(200)).body as Buffer;
  const rest = await get({ Range: `bytes=${old.length}-` }).expect(206);
  const joined = Buffer.concat([old, rest.body as Buffer]);
  expect(joined.equals(now)).toBe(false);
  expect(joined.length).toBe(now.length);
  // So every such command of the guide's examples sits under a comment about a cut download, none about changes.
  const commands = [...GUIDE.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block]) => {
    let comment = '';
    let previous = '';
    return block.split('\n').flatMap((line) => {
      // A comment of several lines is read whole.
      if (line.startsWith('#')) comment = previous.startsWith('#') ? `${comment} ${line}` : line;
      previous = line;
      return /^curl .*-C -|^wget .*(-c\b|--continue)/.test(line) ? [{ line, comment }] : [];
    });
  });
  expect(commands.length).toBeGreaterThan(0);
  for (const c of commands) expect(c).toEqual({ line: c.line, comment: expect.stringMatching(/cortó/) });
  for (const c of commands) expect(c.comment).not.toMatch(/cambió/);
  expect(GUIDE).toContain('**`curl -C -` y `wget -c` no envían `If-Range`**');
});
