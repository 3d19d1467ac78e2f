/** Registering publishers and commitments: admin only, validated field by field in Spanish, audited. */
import request from 'supertest';
import { localHarness, type LocalHarness, PUBLISHERS, projectWorkbook } from './workflow-harness';
import { publish } from '../../functions/src/publication/publish';

let h: LocalHarness;
beforeEach(async () => { h = await localHarness(); });
afterEach(async () => { await h.close(); });

const body = {
  name: 'Municipio de Progreso', state: 'Yucatán', level: 'municipal', ocidPrefix: 'ocds-prg001', projectIdPrefix: 'oc4ids-prg001',
  license: 'https://creativecommons.org/licenses/by/4.0/', publicationPolicy: 'https://progreso.example/politica', commitment: { projects: 5, periodicityDays: 90 },
};

describe('PUT /api/publishers/{id}', () => {
  it('lets an admin register a publisher and its commitment; it shows in the public list and the audit log', async () => {
    await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer('admin')).send(body).expect(201);
    // The public list beside it is read-only, even for an admin (api/read-only-methods.ts).
    expect((await request(h.app).post('/api/publishers').set('Authorization', h.bearer('admin')).send(body).expect(405)).headers.allow).toBe('GET, HEAD');
    const list = await request(h.app).get('/api/publishers').expect(200);
    expect(list.body.publishers.find((p: { id: string }) => p.id === 'progreso')).toMatchObject({ name: 'Municipio de Progreso', commitment: { projects: 5, periodicityDays: 90 } });
    await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer('admin')).send({ ...body, commitment: { projects: 3, periodicityDays: 30 } }).expect(200);
    const audit = await request(h.app).get('/api/audit').set('Authorization', h.bearer('admin')).expect(200);
    expect(audit.body.entries ?? audit.body.audit ?? audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'publisher.created' }), expect.objectContaining({ action: 'publisher.updated' })]));
  });

  it.each(['capturistaA', 'coordinadorA'] as const)('refuses %s with 403', async (user) => {
    const res = await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer(user)).send(body).expect(403);
    expect(res.body.error.message).toContain('administración');
  });

  it('refuses anonymous requests with 401', async () => {
    await request(h.app).put('/api/publishers/progreso').send(body).expect(401);
  });

  it.each([
    [{ ...body, ocidPrefix: 'ocds-xyz' }, 'prefijo OCID'],
    [{ ...body, projectIdPrefix: 'proyectos' }, 'prefijo de proyectos'],
    [{ ...body, name: '' }, 'nombre'],
    [{ ...body, commitment: { projects: 9, periodicityDays: 90 } }, 'compromiso'],
    [{ ...body, license: 'no es url' }, 'licencia'],
    [{ ...body, level: 'galáctico' }, 'level'],
    [{ ...body, state: 'Yucatam' }, '«Yucatam» no es una entidad federativa'],
  ])('answers a bad field with a Spanish 400 naming it (%#)', async (bad, word) => {
    const res = await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer('admin')).send(bad).expect(400);
    expect(res.body.error.message).toContain(word);
  });

  it.each([['yucatan ', 'Yucatán'], ['CDMX', 'Ciudad de México'], ['Veracruz de Ignacio de la Llave', 'Veracruz']])('stores the state %j as %j: one spelling on every page and filter', async (typed, stored) => {
    const res = await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer('admin')).send({ ...body, state: typed }).expect(201);
    expect(res.body.publisher.state).toBe(stored);
  });

  it('asks for the commitment of a new publisher (it was 5 projects, unsaid); an update without it keeps the stored one', async () => {
    const { commitment: _c, ...without } = body;
    void _c;
    const res = await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer('admin')).send(without).expect(400);
    expect(res.body.error.message).toBe('Falta el compromiso de proyectos (commitment.projects): cuántos proyectos se comprometió a publicar el implementador, de 0 a 5.');
    await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer('admin')).send({ ...without, commitment: { projects: 2 } }).expect(201);
    const updated = await request(h.app).put('/api/publishers/progreso').set('Authorization', h.bearer('admin')).send({ ...without, name: 'H. Ayuntamiento de Progreso' }).expect(200);
    expect(updated.body.publisher.commitment).toEqual({ projects: 2, periodicityDays: 90 });
    const tracking = await request(h.app).get('/api/tracking').expect(200);
    expect(tracking.body.publishers.find((r: { publisherId: string }) => r.publisherId === 'progreso')).toMatchObject({ committed: 2, periodicityDays: 90 });
  });

  it('refuses a prefix already assigned to another publisher, naming which prefix and whose', async () => {
    const res = await request(h.app).put('/api/publishers/otro').set('Authorization', h.bearer('admin')).send({ ...body, ocidPrefix: 'ocds-abc123' }).expect(409);
    expect(res.body.error.message).toBe('El prefijo OCID «ocds-abc123» ya está asignado a «mer» (Municipio de Mérida): cada institución tiene el suyo. Revise que lo escribió bien.');
  });

  it('keeps the prefixes of a publisher that has published: its published identifiers carry them', async () => {
    const mer = PUBLISHERS[0];
    const registration = { name: mer.name, state: mer.state, ocidPrefix: mer.ocidPrefix, projectIdPrefix: mer.projectIdPrefix };
    // Before any publication a mistyped prefix can still be corrected.
    await request(h.app).put('/api/publishers/mer').set('Authorization', h.bearer('admin')).send({ ...registration, ocidPrefix: 'ocds-abc999' }).expect(200);
    await request(h.app).put('/api/publishers/mer').set('Authorization', h.bearer('admin')).send(registration).expect(200);
    expect((await publish(h.store, { publisher: mer, workbook: projectWorkbook(mer), actor: 'test', now: '2025-07-01T10:00:00-06:00', baseUrl: 'https://infra.example' })).status).toBe('published');
    const res = await request(h.app).put('/api/publishers/mer').set('Authorization', h.bearer('admin')).send({ ...registration, ocidPrefix: 'ocds-abc999', projectIdPrefix: 'oc4ids-abc999' }).expect(409);
    expect(res.body.error.message).toBe('No se cambia el prefijo OCID «ocds-abc123» por «ocds-abc999» ni el prefijo de proyectos «oc4ids-abc123» por «oc4ids-abc999» de «mer» (Municipio de Mérida): ya publicó datos con ellos: los identificadores publicados los llevan, y no cambian. Con otro prefijo, sus envíos siguientes se rechazarían. Regístrelo de nuevo con los prefijos de antes; si se trata de otra institución, regístrela con otro identificador de publicador. Solo si el prefijo registrado estaba mal y debe corregirse aunque cambien los identificadores de lo que publique en adelante, envíe de nuevo con «allowPrefixChange»: true.');
    expect(await h.store.getPublisher('mer')).toMatchObject({ ocidPrefix: 'ocds-abc123', projectIdPrefix: 'oc4ids-abc123' });
    // Its other data still changes; the prefix, only when the administrator says so.
    await request(h.app).put('/api/publishers/mer').set('Authorization', h.bearer('admin')).send({ ...registration, name: 'H. Ayuntamiento de Mérida' }).expect(200);
    await request(h.app).put('/api/publishers/mer').set('Authorization', h.bearer('admin')).send({ ...registration, ocidPrefix: 'ocds-abc999', allowPrefixChange: true }).expect(200);
    expect((await h.store.getPublisher('mer'))?.ocidPrefix).toBe('ocds-abc999');
  });
});
