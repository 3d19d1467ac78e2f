/**
 * Control-board stages (E.1…E.7): the coordinators of the implementer's state record the date each stage was
 * reached; others are refused (and audited); *Seguimiento* (/api/tracking) serves them; registering the publisher
 * again keeps them.
 */
import request from 'supertest';
import { localHarness, PUBLISHERS, type LocalHarness } from './workflow-harness';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Publisher } from '../../functions/src/store/store';
import { checkStageBatchAnswer, checkStagesAnswer, checkStagesListAnswer } from '../../core/workflow/contract';

let h: LocalHarness;
beforeAll(async () => { h = await localHarness(); });
afterAll(() => h.close());

test('record, refuse, validate, serve on Seguimiento, survive re-registration', async () => {
  const put = (user: 'coordinadorA' | 'coordinadorB' | 'capturistaA' | 'admin', body: unknown) =>
    request(h.app).put('/api/publishers/mer/stages').set('Authorization', h.bearer(user)).send(body as object);
  const ok = await put('coordinadorA', { stages: { 'E.1': '2024-01-15', 'E.2': '2024-02-01', 'E.3': '2024-02-20' } });
  expect(ok.status).toBe(200);
  expect(ok.body.stages).toEqual({ 'E.1': '2024-01-15', 'E.2': '2024-02-01', 'E.3': '2024-02-20' });

  expect((await put('coordinadorB', { stages: { 'E.4': '2024-03-01' } })).status).toBe(403);
  expect((await put('capturistaA', { stages: { 'E.4': '2024-03-01' } })).status).toBe(403);
  const bad = await put('coordinadorA', { stages: { 'E.9': '2024-03-01' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toBe('«E.9» no es una etapa del programa (E.1 a E.7).');
  expect((await put('coordinadorA', { stages: { 'E.4': '01/03/2024' } })).body.error.message).toBe('La fecha de la etapa E.4 debe tener la forma AAAA-MM-DD.');
  // A day the calendar does not have, or one still to come, is refused whatever client sends it.
  expect((await put('coordinadorA', { stages: { 'E.4': '2024-02-30' } })).body.error.message).toBe('La fecha de la etapa E.4 («2024-02-30») no existe en el calendario.');
  const next = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  expect((await put('coordinadorA', { stages: { 'E.4': next } })).body.error.message).toBe(`La fecha de la etapa E.4 («${next}») es futura: registre la etapa cuando se haya alcanzado.`);
  // A date set by mistake is removed with null.
  expect((await put('coordinadorA', { stages: { 'E.3': null, 'E.4': '2024-03-01' } })).body.stages).toEqual({ 'E.1': '2024-01-15', 'E.2': '2024-02-01', 'E.4': '2024-03-01' });

  const tracking = await request(h.app).get('/api/tracking');
  expect(tracking.body.publishers.find((r: { publisherId: string }) => r.publisherId === 'mer').stages).toEqual({ 'E.1': '2024-01-15', 'E.2': '2024-02-01', 'E.4': '2024-03-01' });
  expect(tracking.body.publishers.find((r: { publisherId: string }) => r.publisherId === 'mty').stages).toEqual({});

  const { stages: _kept, ...registration } = { ...PUBLISHERS[0], stages: undefined };
  void _kept;
  expect((await request(h.app).put('/api/publishers/mer').set('Authorization', h.bearer('admin')).send({ ...registration, id: undefined })).status).toBe(200);
  expect((await h.store.getPublisher('mer'))?.stages).toEqual({ 'E.1': '2024-01-15', 'E.2': '2024-02-01', 'E.4': '2024-03-01' });
  const audit = (await h.store.listAudit({ publisherId: 'mer', limit: 1000 })).items.map((e) => e.action);
  expect(audit.filter((a) => a === 'publisher.stages')).toHaveLength(2);
  expect(audit).toContain('access.denied');
});

test('GET /api/stages lists, per the contract, only the implementers whose stages the user may record', async () => {
  const list = (user: 'coordinadorA' | 'coordinadorB' | 'capturistaA' | 'admin') => request(h.app).get('/api/stages').set('Authorization', h.bearer(user));
  const saved = checkStagesAnswer((await request(h.app).put('/api/publishers/mty/stages').set('Authorization', h.bearer('coordinadorB')).send({ stages: { 'E.1': '2024-05-02' } })).body);
  expect(saved).toMatchObject({ publisherId: 'mty', stages: { 'E.1': '2024-05-02' }, viewer: { role: 'coordinador', scope: { kind: 'state', state: 'Nuevo León' } } });
  const b = checkStagesListAnswer((await list('coordinadorB')).body);
  expect(b.publishers).toEqual([{ publisherId: 'mty', name: 'Municipio de Monterrey', state: 'Nuevo León', stages: { 'E.1': '2024-05-02' } }]);
  expect(checkStagesListAnswer((await list('coordinadorA')).body).publishers.map((p) => p.publisherId)).toEqual(['mer']);
  expect(checkStagesListAnswer((await list('admin')).body).publishers.map((p) => p.publisherId).sort()).toEqual(['mer', 'mty']);
  const refused = await list('capturistaA');
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toBe('Su cuenta no tiene permiso para registrar las etapas del programa: lo hace la coordinación del Organismo Garante.');
  expect((await request(h.app).get('/api/stages')).status).toBe(401);
});

test('POST /api/stages/batch: a state\'s 7 stages for 60 implementers in 7 requests, each authorised and logged as the single route', async () => {
  const yucatan = Array.from({ length: 60 }, (_, i) => ({ ...PUBLISHERS[0], id: `yuc${i}`, name: `Municipio ${String(i).padStart(2, '0')} de Yucatán`, ocidPrefix: `ocds-yuc${i}`, projectIdPrefix: `oc4ids-yuc${i}` }));
  for (const p of yucatan) await h.store.putPublisher(p);
  const batch = (user: 'coordinadorA' | 'capturistaA' | 'admin', body: unknown) =>
    request(h.app).post('/api/stages/batch').set('Authorization', h.bearer(user)).send(body as object);
  const before = (await h.store.listAudit({ limit: 5000 })).items.length;
  // One request per stage for the whole state (the default limit is 300 requests a minute: one PUT each was 420).
  const days = ['2024-01-10', '2024-02-10', '2024-03-10', '2024-04-10', '2024-05-10', '2024-06-10', '2024-07-10'];
  for (const [i, day] of days.entries()) {
    const answer = await batch('coordinadorA', { changes: yucatan.map((p) => ({ publisherId: p.id, stages: { [`E.${i + 1}`]: day } })) });
    expect(answer.status).toBe(200);
    expect(checkStageBatchAnswer(answer.body).results.map((r) => r.outcome)).toEqual(yucatan.map(() => 'saved'));
  }
  expect((await h.store.getPublisher('yuc59'))?.stages).toEqual(Object.fromEntries(days.map((d, i) => [`E.${i + 1}`, d])));
  const entries = (await h.store.listAudit({ limit: 5000 })).items.slice(before);
  expect(entries.filter((e) => e.action === 'publisher.stages')).toHaveLength(7 * 60);

  // Per implementer: the one it had, another state's (refused and logged), one not registered; the rest goes on.
  const mixed = checkStageBatchAnswer((await batch('coordinadorA', { changes: [
    { publisherId: 'yuc0', stages: { 'E.1': '2024-01-10' } }, { publisherId: 'mty', stages: { 'E.1': '2024-01-10' } },
    { publisherId: 'nadie', stages: { 'E.1': '2024-01-10' } }, { publisherId: 'yuc1', stages: { 'E.1': null } },
  ] })).body);
  expect(mixed.results.map((r) => [r.publisherId, r.outcome, r.message])).toEqual([
    ['yuc0', 'already', undefined],
    ['mty', 'refused', 'Su cuenta no tiene permiso para registrar las etapas del programa de «Municipio de Monterrey».'],
    ['nadie', 'refused', 'No existe el implementador «nadie».'],
    ['yuc1', 'saved', undefined],
  ]);
  expect(mixed.results[3].stages?.['E.1']).toBeUndefined();
  expect((await h.store.getPublisher('mty'))?.stages?.['E.1']).not.toBe('2024-01-10');
  const after = (await h.store.listAudit({ limit: 5000 })).items.slice(before + 7 * 60).map((e) => [e.action, e.publisherId]);
  expect(after).toEqual([['publisher.stages', 'yuc1'], ['access.denied', 'mty']]);

  // Refused whole, nothing written: a bad date (named), a body of too many, an account that records no stages.
  const bad = await batch('coordinadorA', { changes: [{ publisherId: 'yuc2', stages: { 'E.2': '2024-02-10' } }, { publisherId: 'yuc3', stages: { 'E.2': '2024-02-30' } }] });
  expect([bad.status, bad.body.error.message]).toEqual([400, 'La fecha de la etapa E.2 («2024-02-30») no existe en el calendario.']);
  const tooMany = await batch('admin', { changes: Array.from({ length: 101 }, (_, i) => ({ publisherId: `p${i}`, stages: { 'E.1': '2024-01-10' } })) });
  expect([tooMany.status, tooMany.body.error.message]).toEqual([400, 'Envíe a lo más 100 implementadores por solicitud (llegaron 101): divídalos en varias.']);
  const twice = await batch('coordinadorA', { changes: [{ publisherId: 'yuc2', stages: {} }, { publisherId: 'yuc2', stages: {} }] });
  expect(twice.body.error.message).toBe('El implementador «yuc2» aparece más de una vez en «changes»: envíe sus etapas juntas.');
  const official = await batch('capturistaA', { changes: [{ publisherId: 'mer', stages: { 'E.7': '2024-01-10' } }] });
  expect([official.status, official.body.error.message]).toEqual([403, 'Su cuenta no tiene permiso para registrar las etapas del programa: lo hace la coordinación del Organismo Garante.']);
  expect((await h.store.listAudit({ limit: 5000 })).items.slice(before + 7 * 60 + 2).map((e) => e.action)).toEqual(['access.denied']);
  expect((await h.store.getPublisher('yuc2'))?.stages?.['E.2']).toBe('2024-02-10');
  expect((await h.store.getPublisher('mer'))?.stages?.['E.7']).toBeUndefined();
  // The administration records any state's.
  expect(checkStageBatchAnswer((await batch('admin', { changes: [{ publisherId: 'mty', stages: { 'E.7': '2024-07-10' } }] })).body).results[0]).toMatchObject({ outcome: 'saved', name: 'Municipio de Monterrey' });
});

test('a write the store does not take stops the batch there: those before are kept, it is said failed and the rest untried', async () => {
  // The store refuses one implementer's write (a disk that fills, Firestore unreachable): fault injection, as failing-store.ts.
  const faulty = await localHarness({ openStore: () => {
    const store = openSqliteStore(':memory:');
    return new Proxy(store, { get: (t, k, r) => (k === 'updatePublisher' ? (id: string, change: (p: Publisher) => Publisher) => (id === 'b' ? Promise.reject(new Error('disco lleno')) : t.updatePublisher(id, change)) : Reflect.get(t, k, r)) });
  } });
  try {
    for (const id of ['a', 'b', 'c']) await faulty.store.putPublisher({ ...PUBLISHERS[0], id, name: `Municipio ${id}`, ocidPrefix: `ocds-${id}`, projectIdPrefix: `oc4ids-${id}` });
    const answer = await request(faulty.app).post('/api/stages/batch').set('Authorization', faulty.bearer('coordinadorA'))
      .send({ changes: ['a', 'b', 'c'].map((publisherId) => ({ publisherId, stages: { 'E.1': '2024-01-10' } })) });
    expect(answer.status).toBe(200);
    expect(checkStageBatchAnswer(answer.body).results.map((r) => [r.publisherId, r.outcome, r.message])).toEqual([
      ['a', 'saved', undefined], ['b', 'failed', 'El servidor no pudo guardar la fecha. Vuelva a registrarla en unos minutos.'], ['c', 'untried', undefined],
    ]);
    expect((await faulty.store.getPublisher('a'))?.stages).toEqual({ 'E.1': '2024-01-10' });
    expect((await faulty.store.getPublisher('c'))?.stages).toBeUndefined();
    expect((await faulty.store.listAudit({ limit: 100 })).items.filter((e) => e.action === 'publisher.stages').map((e) => e.publisherId)).toEqual(['a']);
  } finally {
    await faulty.close();
  }
});

test('a batch refused for 60 implementers of two other states writes one «acceso denegado» per state, each read by that state\'s coordination', async () => {
  const other = (state: string, tag: string, n: number) => Array.from({ length: n }, (_, i) => ({ ...PUBLISHERS[1], id: `${tag}${i}`, name: `Municipio ${i} (${tag})`, state, ocidPrefix: `ocds-${tag}${i}`, projectIdPrefix: `oc4ids-${tag}${i}` }));
  const nl = other('Nuevo León', 'nlx', 40);
  const jal = other('Jalisco', 'jal', 20);
  for (const p of [...nl, ...jal]) await h.store.putPublisher(p);
  const before = (await h.store.listAudit({ limit: 5000 })).items.length;
  // Interleaved, as a script could send them: grouped by state all the same.
  const ids = nl.flatMap((p, i) => [p.id, ...(jal[i] ? [jal[i].id] : [])]);
  const answer = await request(h.app).post('/api/stages/batch').set('Authorization', h.bearer('coordinadorA'))
    .send({ changes: [{ publisherId: 'mer', stages: { 'E.6': '2024-06-01' } }, ...ids.map((publisherId) => ({ publisherId, stages: { 'E.1': '2024-01-10' } }))] });
  expect(answer.status).toBe(200);
  const results = checkStageBatchAnswer(answer.body).results;
  expect(results.filter((r) => r.outcome === 'refused')).toHaveLength(60);
  expect(results[0].outcome).toBe('saved');
  const written = (await h.store.listAudit({ limit: 5000 })).items.slice(before);
  expect(written.map((e) => [e.action, e.publisherId, e.details.publisherIds])).toEqual([
    ['publisher.stages', 'mer', undefined],
    ['access.denied', 'nlx0', nl.map((p) => p.id)],
    ['access.denied', 'jal0', jal.map((p) => p.id)],
  ]);
  // Nuevo León's coordination reads the attempt on its 40, and not the one on Jalisco's.
  const seen = (await request(h.app).get('/api/audit?limit=1000').set('Authorization', h.bearer('coordinadorB'))).body.entries as { action: string; target: string; details: { publisherIds?: string[] } }[];
  const denied = seen.filter((e) => e.action === 'access.denied' && ['publisher/nlx0', 'publisher/jal0'].includes(e.target));
  expect(denied.map((e) => e.details.publisherIds)).toEqual([nl.map((p) => p.id)]);
  // The Bitácora filtered by any of the 40, not only the first it is written under, shows the attempt (?publisher=).
  for (const id of ['nlx0', 'nlx17', 'nlx39']) {
    const filtered = (await request(h.app).get(`/api/audit?publisher=${id}&limit=1000`).set('Authorization', h.bearer('coordinadorB'))).body.entries as { action: string; target: string }[];
    expect([id, filtered.filter((e) => e.action === 'access.denied').map((e) => e.target)]).toEqual([id, ['publisher/nlx0']]);
  }
  for (const p of [...nl, ...jal]) await h.store.deletePublisher(p.id);
});
