/**
 * The licence and publication policy the packages carry: the registered ones, else those the publication's workbook
 * stated in its Configuración sheet (a publisher registered without them published with no licence at all).
 */
import request from 'supertest';
import { createApp } from '../app';
import { openSqliteStore } from '../store/sqlite-store';
import type { Publisher, Store } from '../store/store';
import { publish } from '../publication/publish';
import { exampleWorkbook, publisherOf } from '../../../test/example-workbooks';
import { SETTINGS_SHEET } from '../../../core/template/settings';
import type { WorkbookModel } from '../../../core/workbook/model';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
beforeEach(() => { store = openSqliteStore(':memory:'); });
afterEach(async () => { await store.close(); });

/** The workbook with its Configuración value for `key` (licenseUrl, publicationPolicyUrl) set to `value`. */
function withSetting(workbook: WorkbookModel, key: string, value: string): WorkbookModel {
  const sheet = workbook.sheets.find((s) => s.name === SETTINGS_SHEET);
  const row = sheet?.rows.find((r) => r[2] === key);
  if (!row) throw new Error(`no ${key} in ${SETTINGS_SHEET}`);
  row[1] = value;
  return workbook;
}

async function terms(publisherId: string): Promise<{ releases: unknown; projects: unknown; listed: unknown }> {
  const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
  const pick = (body: { license?: string; publicationPolicy?: string }): unknown => ({ license: body.license, publicationPolicy: body.publicationPolicy });
  const releases = (await request(app).get(`/api/ocds/releases?publisher=${publisherId}&limit=1`).expect(200)).body as { license?: string };
  const projects = (await request(app).get(`/api/oc4ids/projects?publisher=${publisherId}&limit=1`).expect(200)).body as { license?: string };
  const listed = ((await request(app).get('/api/publishers').expect(200)).body as { publishers: (Publisher & { license: string | null; publicationPolicy: string | null })[] }).publishers.find((p) => p.id === publisherId);
  return { releases: pick(releases), projects: pick(projects), listed: { license: listed?.license ?? undefined, publicationPolicy: listed?.publicationPolicy ?? undefined } };
}

/** Mérida's example workbook stating `license` and a policy of its own. */
async function stating(license: string): Promise<WorkbookModel> {
  return withSetting(withSetting(await exampleWorkbook('merida'), 'licenseUrl', license), 'publicationPolicyUrl', 'https://merida.example/politica');
}

it('a publisher registered without licence publishes the one its Configuración states, and a new one there is published even with the same data', async () => {
  const workbook = await stating('https://creativecommons.org/licenses/by/4.0/');
  const { license, publicationPolicy, ...registered } = publisherOf('merida', workbook);
  expect([license, publicationPolicy]).toEqual(['https://creativecommons.org/licenses/by/4.0/', 'https://merida.example/politica']);
  await store.putPublisher(registered);
  const at = (hour: number): string => `2025-07-01T${String(hour).padStart(2, '0')}:00:00-06:00`;
  expect((await publish(store, { publisher: registered, workbook, actor: 'system', now: at(10), baseUrl: BASE })).status).toBe('published');
  const stated = { license: 'https://creativecommons.org/licenses/by/4.0/', publicationPolicy: 'https://merida.example/politica' };
  expect(await terms('merida')).toEqual({ releases: stated, projects: stated, listed: stated });

  // Same processes and projects, another licence typed in Configuración: a new publication, the same releases.
  const relicensed = await stating('https://creativecommons.org/publicdomain/zero/1.0/');
  const again = await publish(store, { publisher: registered, workbook: relicensed, actor: 'system', now: at(11), baseUrl: BASE });
  expect(again.status).toBe('published');
  if (again.status === 'published') expect(again.changedProcesses).toEqual([]);
  expect(((await terms('merida')).releases as { license: string }).license).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
  expect((await publish(store, { publisher: registered, workbook: await stating('https://creativecommons.org/publicdomain/zero/1.0/'), actor: 'system', now: at(12), baseUrl: BASE })).status).toBe('unchanged');

  // What the administration registered wins, each term on its own.
  await store.putPublisher({ ...registered, license: 'https://datos.gob.mx/libreusomx' });
  const mixed = { license: 'https://datos.gob.mx/libreusomx', publicationPolicy: 'https://merida.example/politica' };
  expect(await terms('merida')).toEqual({ releases: mixed, projects: mixed, listed: mixed });
});

it('the packages of every publisher carry the licence they all publish under, and none when their licences differ', async () => {
  for (const key of ['merida', 'tuxtla-gutierrez']) {
    const workbook = await exampleWorkbook(key);
    const publisher = publisherOf(key, workbook);
    await store.putPublisher(publisher);
    expect((await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
  }
  // A new app for each look, as terms() does: one app keeps its answers while the publications stay the same.
  const licenses = async (): Promise<unknown[]> => Promise.all(['/api/ocds/releases', '/api/ocds/records', '/api/oc4ids/projects', '/api/oc4ids/projects?limit=1'].map(async (path) => {
    const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    const body = (await request(app).get(path).expect(200)).body as { publisher: { name: string }; license?: string; publicationPolicy?: string };
    // Several publishers' package: the platform publishes it, and names no one publisher's policy.
    expect([body.publisher.name, body.publicationPolicy]).toEqual(['Infraestructura Abierta', undefined]);
    return body.license;
  }));
  expect(await licenses()).toEqual(Array(4).fill('https://creativecommons.org/licenses/by/4.0/'));

  const tuxtla = await store.getPublisher('tuxtla-gutierrez');
  await store.putPublisher({ ...(tuxtla as Publisher), license: 'https://creativecommons.org/publicdomain/zero/1.0/' });
  expect(await licenses()).toEqual(Array(4).fill(undefined));
  // Each publisher's own package keeps its own.
  expect(((await terms('merida')).releases as { license: string }).license).toBe('https://creativecommons.org/licenses/by/4.0/');
});
