/**
 * Control-board stages (E.1…E.7): the coordinators of the implementer's state record the date each stage was
 * reached; others are refused (and audited); *Seguimiento* (/api/tracking) serves them; registering the publisher
 * again keeps them.
 */
import request from 'supertest';
import { localHarness, PUBLISHERS, type LocalHarness } from './workflow-harness';
import { checkStagesAnswer, checkStagesListAnswer } from '../../core/workflow/contract';

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
