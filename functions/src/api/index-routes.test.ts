/**
 * `/api/index` over a store seeded by publishing the three example workbooks: one entry per published project and
 * record, totals equal to `/api/stats`, the publisher and state filters, caching headers (ETag → 304, CORS, gzip) and a
 * Spanish 404 for an unknown publisher.
 */
import { unpackStats } from '../../../core/stats/stats-answer';
import request from 'supertest';
import express, { type Express } from 'express';
import { pendingRoutes } from './pending-routes';
import { publicationIndexes } from './publication-indexes';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { figuresOf } from '../../../core/stats/figures';
import { computeQuality, QUALITY_VERSION } from '../../../core/stats/quality-stats';
import { publishExamples } from '../../../test/example-workbooks';
import { INDEX_VERSION, type IndexAnswer, type PublicationIndex } from '../../../core/stats/publication-index';
import { DETAIL_COLUMNS, compactIndex, compactPart, expandIndex, type CompactIndex, type CompactPart } from '../../../core/stats/compact-index';
import { addDetails, compactRows } from '../../../dashboard/src/data/compact-rows';
import { indexRows } from '../../../dashboard/src/data/rows';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
let app: Express;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await publishExamples(store, BASE);
  app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
});
afterAll(async () => { await store.close(); });

describe('GET /api/index', () => {
  it('lists every published project and process, with the same figures as /api/stats', async () => {
    const index = (await request(app).get('/api/index').expect(200)).body as IndexAnswer;
    const stats = (await request(app).get('/api/stats').expect(200)).body as { publishers: { publisherId: string; publicationId: string; data: Record<string, unknown> }[] };
    expect(index.publishers.map((p) => p.publisherId).sort()).toEqual(stats.publishers.map((p) => p.publisherId).sort());
    for (const p of index.publishers) {
      const s = stats.publishers.find((x) => x.publisherId === p.publisherId)!;
      expect(p.publicationId).toBe(s.publicationId);
      const { quality, ...figures } = s.data;
      expect(quality).toBeDefined();
      expect(figuresOf(p.processes, p.projects)).toEqual(figures);
      expect(p.state).toBeTruthy();
    }
    const projects = index.publishers.flatMap((p) => p.projects);
    const linked = projects.find((p) => p.ocids.length > 0)!;
    const full = (await request(app).get(`/api/oc4ids/projects/${encodeURIComponent(linked.id)}`).expect(200)).body as { projects: { title: string }[] };
    expect(linked.title).toBe(full.projects[0].title);
    const process = index.publishers.flatMap((p) => p.processes).find((r) => r.ocid === linked.ocids[0])!;
    expect(process.projectIds).toContain(linked.id);
  });

  it('filters by publisher and answers 404 in Spanish for an unknown one', async () => {
    const one = (await request(app).get('/api/index?publisher=merida').expect(200)).body as IndexAnswer;
    expect(one.publishers.map((p) => p.publisherId)).toEqual(['merida']);
    const res = await request(app).get('/api/index?publisher=nadie').expect(404);
    expect(JSON.stringify(res.body)).toContain('nadie');
  });

  it('filters by state (the dashboard at national scale): the index in each form and the stats, one state\'s publishers only, under any spelling of the state; a state without publishers is empty', async () => {
    const all = (await request(app).get('/api/index').expect(200)).body as IndexAnswer;
    const states = [...new Set(all.publishers.map((p) => p.state))];
    expect(states.length).toBeGreaterThan(1);
    for (const state of states) {
      const q = `state=${encodeURIComponent(state)}`;
      const mine = all.publishers.filter((p) => p.state === state);
      const one = (await request(app).get(`/api/index?${q}`).expect(200)).body as IndexAnswer;
      expect(one).toEqual({ publishers: mine });
      const compact = (await request(app).get(`/api/index/compact?${q}`).expect(200)).body as CompactIndex;
      expect(expandIndex(compact)).toStrictEqual({ publishers: mine });
      const [core, details] = await Promise.all(['core', 'details'].map(async (part) => (await request(app).get(`/api/index/compact/${part}?${q}`).expect(200)).body as CompactPart));
      expect(addDetails(compactRows(core), core, details)).toBe(true);
      const stats = (await request(app).get(`/api/stats?${q}`).expect(200)).body as { publishers: { publisherId: string }[] };
      expect(stats.publishers.map((p) => p.publisherId).sort()).toEqual(mine.map((p) => p.publisherId).sort());
    }
    // A script types the state without accents or in other case, or by its usual abbreviation: the same publishers.
    const yucatan = all.publishers.filter((p) => p.state === 'Yucatán').map((p) => p.publisherId);
    const nuevoLeon = all.publishers.filter((p) => p.state === 'Nuevo León').map((p) => p.publisherId);
    expect([yucatan.length, nuevoLeon.length]).toEqual([1, 1]);
    for (const [typed, ids] of [['Yucatan', yucatan], ['yucatán', yucatan], ['YUCATAN', yucatan], [' Yucatán ', yucatan], ['nuevo leon', nuevoLeon], ['NL', nuevoLeon]] as const) {
      const q = `state=${encodeURIComponent(typed)}`;
      expect({ typed, index: ((await request(app).get(`/api/index?${q}`).expect(200)).body as IndexAnswer).publishers.map((p) => p.publisherId) }).toEqual({ typed, index: ids });
      expect({ typed, stats: ((await request(app).get(`/api/stats?${q}`).expect(200)).body as { publishers: { publisherId: string }[] }).publishers.map((p) => p.publisherId) }).toEqual({ typed, stats: ids });
    }
    const [first] = all.publishers;
    expect(((await request(app).get(`/api/index?state=${encodeURIComponent(first.state)}&publisher=${first.publisherId}`).expect(200)).body as IndexAnswer).publishers.map((p) => p.publisherId)).toEqual([first.publisherId]);
    expect((await request(app).get('/api/index/compact/core?state=Atlantis').expect(200)).body).toEqual(compactPart(compactIndex({ publishers: [] }), 'core'));
    expect(((await request(app).get('/api/stats?state=Atlantis').expect(200)).body as { publishers: unknown[] }).publishers).toEqual([]);
  });

  it('an index of several publishers above the row budget is refused in Spanish, saying how to narrow it; one publisher\'s is served whatever its size', async () => {
    const all = (await request(app).get('/api/index').expect(200)).body as IndexAnswer;
    const rows = all.publishers.reduce((n, p) => n + p.projects.length + p.processes.length, 0);
    const [big] = [...all.publishers].sort((a, b) => b.projects.length + b.processes.length - a.projects.length - a.processes.length);
    const small = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, limits: { indexMaxRows: big.projects.length + big.processes.length - 1 } });
    for (const path of ['/api/index', '/api/index/compact', '/api/index/compact/core', '/api/index/compact/details']) {
      const res = await request(small).get(path).expect(400);
      expect(res.body.error.code).toBe('index-too-large');
      expect(res.body.error.message).toContain(`suma ${rows} filas`);
      expect(res.body.error.message).toContain('?state=');
      await request(small).get(`${path}?publisher=${big.publisherId}`).expect(200);
    }
    const other = all.publishers.find((p) => p.state !== big.state)!;
    await request(small).get(`/api/index?state=${encodeURIComponent(other.state)}`).expect(200);
    await request(small).get(`/api/index?state=${encodeURIComponent(big.state)}`).expect(400);
    // At the budget itself the whole index is served.
    const exact = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined, limits: { indexMaxRows: rows } });
    await request(exact).get('/api/index/compact/core').expect(200);
  });

  it('is public and cacheable: CORS, Cache-Control, ETag answered with 304, gzip when accepted', async () => {
    const res = await request(app).get('/api/index').set('Accept-Encoding', 'identity').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toContain('max-age');
    expect(res.headers['content-encoding']).toBeUndefined();
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    await request(app).get('/api/index').set('If-None-Match', etag).expect(304);
    const zipped = await request(app).get('/api/index').set('Accept-Encoding', 'gzip').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBeLessThan(JSON.stringify(res.body).length);
    // (superagent has already gunzipped the body.)
    expect(JSON.parse((zipped.body as Buffer).toString('utf8'))).toEqual(res.body);
  });

  it('/api/index/compact: the same index in columns, lossless, smaller, decoded to the very rows the dashboard built from the object form', async () => {
    const index = (await request(app).get('/api/index').expect(200)).body as IndexAnswer;
    const res = await request(app).get('/api/index/compact').set('Accept-Encoding', 'identity').expect(200);
    const compact = res.body as CompactIndex;
    expect(compact.format).toBe('columns-1');
    expect(compact).toEqual(compactIndex(index));
    // Lossless, with no key left undefined (toStrictEqual tells an absent key from an undefined one).
    expect(expandIndex(compact)).toStrictEqual(index);
    expect(compactRows(compact)).toEqual(indexRows(index));
    // Repeated strings written once; parties once across publishers.
    expect(new Set(compact.strings).size).toBe(compact.strings.length);
    expect(res.text.length).toBeLessThan(JSON.stringify(index).length * 0.8);
    const merida = compactRows(compact).processes.filter((r) => r.publisherId === 'merida');
    expect(merida.length).toBe(index.publishers.find((p) => p.publisherId === 'merida')?.processes.length);
    expect(merida.some((r) => r.projectIds.length > 0 && r.suppliers.length > 0 && r.buyer)).toBe(true);

    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toContain('max-age');
    await request(app).get('/api/index/compact').set('If-None-Match', res.headers.etag as string).expect(304);
    const one = (await request(app).get('/api/index/compact?publisher=merida').expect(200)).body as CompactIndex;
    expect(one.publishers.map((p) => p.publisherId)).toEqual(['merida']);
    await request(app).get('/api/index/compact?publisher=nadie').expect(404);
  });

  it('/api/index/compact/core and /details: Inicio\'s half then the rest; filled in place they are the rows of the whole index', async () => {
    const index = (await request(app).get('/api/index').expect(200)).body as IndexAnswer;
    const whole = (await request(app).get('/api/index/compact').set('Accept-Encoding', 'identity').expect(200));
    const coreRes = await request(app).get('/api/index/compact/core').set('Accept-Encoding', 'identity').expect(200);
    const core = coreRes.body as CompactPart;
    const details = (await request(app).get('/api/index/compact/details').expect(200)).body as CompactPart;
    expect([core.part, details.part]).toEqual(['core', 'details']);
    for (const p of core.publishers) {
      for (const k of DETAIL_COLUMNS.processes) expect(p.processes[k]).toBeUndefined();
      for (const k of DETAIL_COLUMNS.projects) expect(p.projects[k]).toBeUndefined();
    }
    expect(coreRes.text.length).toBeLessThan(whole.text.length * 0.9);
    const rows = compactRows(core);
    const before = rows.processes[0];
    // Inicio's figures need no detail: the same counts and totals from the core alone.
    expect(figuresOf(rows.processes, rows.projects)).toEqual(figuresOf(index.publishers.flatMap((p) => p.processes), index.publishers.flatMap((p) => p.projects)));
    expect(addDetails(rows, core, details)).toBe(true);
    expect(rows.processes[0]).toBe(before);
    expect(rows).toEqual(indexRows(index));
    // Halves of different publications are refused, rows untouched.
    const other = { ...details, publishers: details.publishers.map((p, i) => (i === 0 ? { ...p, publicationId: 'otra' } : p)) };
    const fresh = compactRows(core);
    expect(addDetails(fresh, core, other)).toBe(false);
    expect(fresh).toEqual(compactRows(core));
  });
});

describe('a publication whose index was stored by an earlier version', () => {
  it('is served as the index counts now (a cancelled contract\'s value left out), built from its records, and its stats computed again to agree; the stored index stays as it was', async () => {
    const older = openSqliteStore(':memory:');
    try {
      const at = '2025-11-03T16:00:00.000Z';
      await older.putPublisher({ id: 'merida', name: 'Municipio de Mérida', state: 'Yucatán', ocidPrefix: 'ocds-mid001', projectIdPrefix: 'oc4ids-mid001', commitment: { projects: 1, periodicityDays: 90 }, registeredAt: at } as Parameters<Store['putPublisher']>[0]);
      const id = 'merida-20251103160000-aaaa0001';
      const ocid = 'ocds-mid001-LP-001-2025';
      const compiledRelease = { ocid, tender: { id: 'LO-831050999-E1-2025', title: 'Repavimentación de la calle 60' }, contracts: [{ id: 'DOP-LP-001-2025', status: 'active', value: { amount: 1234567.89, currency: 'MXN' } }, { id: 'DOP-LP-002-2025', status: 'cancelled', value: { amount: 500000, currency: 'MXN' } }] };
      await older.createPublication({ id, publisherId: 'merida', contentHash: 'hash-1', createdAt: at });
      await older.putRecords(id, [{ ocid, record: { ocid, releases: [], compiledRelease } }]);
      await older.putProjects(id, []);
      // What publish() stored at INDEX_VERSION 2: the cancelled contract's value counted. (Version 1, before it, had no
      // `numbers` and no version: core/stats/publication-index.test.ts isCurrentIndex.)
      await older.putIndex(id, { version: 2, projects: [], parties: [], processes: [{ ocid, title: 'Repavimentación de la calle 60', method: 'sin-dato', suppliers: [], numbers: ['LO-831050999-E1-2025', 'DOP-LP-001-2025', 'DOP-LP-002-2025'], contracts: [{ value: 1234567.89, suppliers: [] }, { value: 500000, suppliers: [] }], contracted: 1734567.89, projectIds: [], stage: 'planning' }] });
      await older.completePublication(id, { releases: 1, records: 1, projects: 0 });
      await older.setCurrent('merida', id, null);
      // …and its stats, summed from those entries (before INDEX_VERSION 3 a cancelled contract's value counted).
      await older.putStats({ publisherId: 'merida', publicationId: id, computedAt: at, data: { projects: 0, processes: 1, contractedMxn: 1734567.89, quality: { fields: 'as stored' }, qualityVersion: QUALITY_VERSION } });
      const served = createApp({ store: older, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
      const index = (await request(served).get('/api/index').expect(200)).body as IndexAnswer;
      expect(index.publishers[0].processes[0]).toMatchObject({ ocid, numbers: ['LO-831050999-E1-2025', 'DOP-LP-001-2025', 'DOP-LP-002-2025'], contracted: 1234567.89 });
      expect(index.publishers[0]).not.toHaveProperty('version');
      const [stats] = ((await request(served).get('/api/stats').expect(200)).body as { publishers: { data: Record<string, unknown> }[] }).publishers;
      const { quality, ...figures } = stats.data;
      expect(figures).toEqual(figuresOf(index.publishers[0].processes, index.publishers[0].projects));
      expect(figures.contractedMxn).toBe(1234567.89);
      expect(quality).toEqual({ fields: 'as stored' });
      // Stats whose quality was judged by an earlier QUALITY_VERSION (none written): judged again from the records.
      await older.putStats({ publisherId: 'merida', publicationId: id, computedAt: at, data: { projects: 0, processes: 1, contractedMxn: 1734567.89, quality: { fields: 'as stored' } } });
      const again = createApp({ store: older, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
      const [judged] = unpackStats((await request(again).get('/api/stats').expect(200)).body as { publishers: { data: Record<string, unknown> }[] });
      expect(judged.data.quality).toEqual(computeQuality([{ ocid, releases: [], compiledRelease }], []));
      expect(judged.data.contractedMxn).toBe(1234567.89);
      const [core, details] = await Promise.all(['core', 'details'].map(async (part) => (await request(served).get(`/api/index/compact/${part}`).expect(200)).body as CompactPart));
      const rows = compactRows(core);
      expect(addDetails(rows, core, details)).toBe(true);
      expect(rows.processes[0].numbers).toEqual(['LO-831050999-E1-2025', 'DOP-LP-001-2025', 'DOP-LP-002-2025']);
      expect(await older.getIndex(id)).toMatchObject({ version: 2, processes: [{ contracted: 1734567.89 }] });
      // One published now stores the current version, read as stored.
      const [current] = ((await request(app).get('/api/index').expect(200)).body as IndexAnswer).publishers;
      expect(await store.getIndex(current.publicationId)).toMatchObject({ version: INDEX_VERSION });
    } finally {
      await older.close();
    }
  });
});

describe('GET /api/pending/{publisher}', () => {
  it('lists from the judgement kept in the index, the same as judged again from the stored records and projects (a publication from before the list); unknown: 404; not published yet: empty', async () => {
    const kept = (await request(app).get('/api/pending/merida').expect(200)).body as { publicationId: string; rows: unknown[] };
    expect(kept.rows.length).toBeGreaterThan(0);
    const real = publicationIndexes(store);
    // An index as stored before the list existed: without `pending`.
    const older = express().use('/api', pendingRoutes({ store, indexes: async (id) => { const { pending, ...index } = await real(id) as PublicationIndex & { pending?: unknown }; void pending; return index; } }));
    expect((await request(older).get('/api/pending/merida').expect(200)).body).toEqual(kept);
    expect(JSON.stringify((await request(app).get('/api/pending/nadie').expect(404)).body)).toContain('nadie');
    await store.putPublisher({ id: 'nuevo', name: 'Municipio Nuevo', state: 'Yucatán', ocidPrefix: 'ocds-nuevo1', projectIdPrefix: 'oc4ids-nuevo1', commitment: { projects: 1, periodicityDays: 90 } });
    expect((await request(app).get('/api/pending/nuevo').expect(200)).body).toMatchObject({ name: 'Municipio Nuevo', publicationId: null, rows: [] });
  });
});
