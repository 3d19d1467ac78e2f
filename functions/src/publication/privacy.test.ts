/**
 * The privacy filter (rules.md R-26) on everything the public reads: a natural person in a role without public
 * contact data (here an interested party of a process and a funder of a project) is published without address,
 * contact points, memberOf or position — in the API, the bulk JSON / JSON Lines / .xlsx files and the dashboard
 * index — while officials, tenderers and suppliers keep theirs, and the coordinators' view (the submitted
 * workbook as the pipeline reads it) still has everything.
 */
import request from 'supertest';
import { binaryBody } from '../../../test/support/xlsx-download';
import type { Express } from 'express';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import type { WorkbookModel } from '../../../core/workbook/model';
import { checkWorkbook } from '../../../core/pipeline/check-workbook';
import { renderFinding } from '../../../core/messages/render';
import { rfcCheckDigit } from '../../../core/checks/rfc';
import { exampleWorkbook, publisherOf } from '../../../test/example-workbooks';
import { publish, publishHistory } from './publish';

const BASE = 'http://127.0.0.1:8080';
const NOW = '2025-07-01T10:00:00-06:00';
const RFC = `ROCM800101AB${rfcCheckDigit('ROCM800101AB')}`;
/** Values only the withheld fields hold: none may appear anywhere public. */
const SECRETS = ['Privada Los Almendros 14', 'marta.rosado@correo.example', '+52 999 111 2233', 'Perito valuador', 'Marta (casa)'];

function addRow(workbook: WorkbookModel, sheet: string, values: Record<string, string>): void {
  const s = workbook.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  // Row 2 names array items with their index (`parties/0/name`); the values here are keyed without it.
  const paths = s.rows[1].map((path) => String(path).replace(/\/0(?=\/|$)/g, ''));
  for (const path of Object.keys(values)) if (!paths.includes(path)) throw new Error(`no column ${path} in ${sheet}`);
  s.rows.push(paths.map((path) => values[path] ?? ''));
}

let store: Store;
let app: Express;
let workbook: WorkbookModel;
let ocid: string;
let projectId: string;

beforeAll(async () => {
  workbook = await exampleWorkbook('merida');
  ocid = String(workbook.sheets.find((s) => s.name === 'Contrataciones')?.rows[2][0]);
  projectId = String(workbook.sheets.find((s) => s.name === 'Proyectos')?.rows[2][0]);
  const person = { 'parties/id': `MX-RFC-${RFC}`, 'parties/name': 'Marta Rosado Cetina', 'parties/identifier/scheme': 'MX-RFC', 'parties/identifier/id': RFC,
    'parties/address/streetAddress': 'Privada Los Almendros 14', 'parties/address/locality': 'Mérida', 'parties/address/postalCode': '97130',
    'parties/contactPoint/email': 'marta.rosado@correo.example', 'parties/contactPoint/telephone': '+52 999 111 2233' };
  addRow(workbook, 'Actores', { ocid, ...person, 'parties/roles': 'interestedParty', 'parties/identifier/legalPersonality': 'naturalPerson',
    'parties/identifier/givenName': 'Marta', 'parties/identifier/patronymicName': 'Rosado', 'parties/identifier/matronymicName': 'Cetina', 'parties/position': 'Perito valuador' });
  addRow(workbook, 'Contactos adicionales', { ocid, 'parties/id': `MX-RFC-${RFC}`, 'parties/additionalContactPoints/type': 'contactPoint', 'parties/additionalContactPoints/name': 'Marta (casa)', 'parties/additionalContactPoints/givenName': 'Marta', 'parties/additionalContactPoints/patronymicName': 'Rosado', 'parties/additionalContactPoints/telephone': '+52 999 444 5566' });
  addRow(workbook, 'Actores del proyecto', { id: projectId, ...person, 'parties/roles': 'funder', 'parties/identifier/legalName': 'Marta Rosado Cetina' });
  store = openSqliteStore(':memory:');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  const result = await publish(store, { publisher, workbook, actor: 'system', now: NOW, baseUrl: BASE });
  if (result.status !== 'published') throw new Error(JSON.stringify(result.findings.filter((f) => f.severity === 'error').slice(0, 3)));
  app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
});
afterAll(async () => { await store.close(); });


async function text(url: string): Promise<string> {
  const res = await request(app).get(url).buffer(true).parse(binaryBody).expect(200);
  return (res.body as Buffer).toString('utf8');
}

function expectWithheld(body: string): void {
  for (const secret of SECRETS) expect(body).not.toContain(secret);
  // The person is still named as a party, and officials keep their public contact data.
  expect(body).toContain('Marta Rosado Cetina');
}

describe('privacy filter (R-26) on the public output', () => {
  it('the coordinators still see everything in the submitted workbook', () => {
    const converted = checkWorkbook(workbook, { now: NOW });
    const json = JSON.stringify([converted.releases, converted.projects]);
    for (const secret of SECRETS) expect(json).toContain(secret);
    // And the official (and the coordinator, in the submission's findings) is told what will not be published.
    const told = converted.findings.filter((f) => f.code === 'privacy.withheldPartyData');
    expect(told.map((f) => [f.severity, f.cell?.sheet, f.params.value])).toEqual([['info', 'Actores', 'Marta Rosado Cetina'], ['info', 'Actores del proyecto', 'Marta Rosado Cetina']]);
    expect(renderFinding(told[0])).toMatch(/^Aviso — Hoja «Actores», fila \d+, columna [A-Z]+ \(.+\): «Marta Rosado Cetina» es persona física y no participa como licitante, proveedor/);
  });

  it('API: releases, the record (compiled and versioned) and the project withhold the person\'s data', async () => {
    for (const url of ['/api/ocds/releases?publisher=merida&limit=1000', `/api/ocds/records/${encodeURIComponent(ocid)}`, '/api/ocds/records?publisher=merida', `/api/oc4ids/projects/${encodeURIComponent(projectId)}`, '/api/oc4ids/projects?publisher=merida']) {
      expectWithheld(await text(url));
    }
    const record = JSON.parse(await text(`/api/ocds/records/${encodeURIComponent(ocid)}`)) as { records: { compiledRelease: { parties: Record<string, unknown>[] } }[] };
    const parties = record.records[0].compiledRelease.parties;
    expect(parties.find((p) => p.id === `MX-RFC-${RFC}`)).toEqual(expect.not.objectContaining({ address: expect.anything() }));
    const official = parties.find((p) => (p.roles as string[]).includes('official'));
    expect(official?.contactPoint).toBeDefined();
    expect((official?.identifier as { legalPersonality?: string }).legalPersonality).toBe('naturalPerson');
  });

  it('bulk JSON, JSON Lines and the dashboard index withhold it', async () => {
    for (const file of ['releases.json', 'records.json', 'projects.json', 'releases.jsonl', 'records.jsonl', 'projects.jsonl']) expectWithheld(await text(`/api/bulk/${file}?publisher=merida`));
    const index = await text('/api/index?publisher=merida');
    for (const secret of SECRETS) expect(index).not.toContain(secret);
  });

  it('the bulk .xlsx withholds it', async () => {
    const res = await request(app).get('/api/bulk/datos.xlsx?publisher=merida').buffer(true).parse(binaryBody).expect(200);
    const { XlsxBufferSource } = await import('../ingest/xlsx-source');
    const book = await new XlsxBufferSource(res.body as Buffer).read();
    expectWithheld(JSON.stringify(book.sheets.map((s) => s.rows)));
  });

  // Releases published elsewhere (`history`) may be partial: a later one names the person by id with only the address
  // and contact, and the record merged them with the identifier and role of the earlier one — the compiled release
  // (API, bulk files, datos.xlsx) showed a payee's home address and e-mail.
  it('history: a partial release naming the person by id alone is filtered with what the earlier release said', async () => {
    const other = openSqliteStore(':memory:');
    try {
      const book = await exampleWorkbook('merida');
      const publisher = publisherOf('merida', book);
      await other.putPublisher(publisher);
      const [release] = checkWorkbook(book, { now: NOW, ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix }).releases as Record<string, unknown>[];
      const id = String(release.ocid);
      const person = { id: 'P-9', name: 'Marta Rosado Cetina', roles: ['payee'], identifier: { scheme: 'MX-RFC', id: RFC, legalPersonality: 'naturalPerson', givenName: 'Marta', patronymicName: 'Rosado' } };
      const first = { ...release, id: `${id}-antes-1`, date: '2025-06-01T10:00:00-06:00', parties: [...(release.parties as unknown[]), person] };
      const second = { ocid: id, id: `${id}-antes-2`, date: '2025-06-02T10:00:00-06:00', tag: ['awardUpdate'], initiationType: 'tender',
        parties: [{ id: 'P-9', address: { streetAddress: SECRETS[0] }, contactPoint: { email: SECRETS[1] } }] };
      await publishHistory(other, { publisher, releases: [first, second].map((r) => ({ ocid: id, id: r.id, date: r.date, release: r })), actor: 'system', now: NOW, baseUrl: BASE });
      const otherApp = createApp({ store: other, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
      for (const url of [`/api/ocds/records/${encodeURIComponent(id)}`, '/api/ocds/releases?publisher=merida&limit=1000', '/api/bulk/records.json?publisher=merida']) {
        const body = ((await request(otherApp).get(url).buffer(true).parse(binaryBody).expect(200)).body as Buffer).toString('utf8');
        for (const secret of SECRETS.slice(0, 2)) expect({ url, leaked: body.includes(secret) }).toEqual({ url, leaked: false });
        expect(body).toContain('Marta Rosado Cetina');
      }
    } finally {
      await other.close();
    }
  });
});
