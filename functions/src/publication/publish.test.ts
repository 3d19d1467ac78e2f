/**
 * Publication on the real SQLite store with the example workbooks: refuse on errors, one new release per changed
 * process, idempotent on identical content, and never half-replaced when the store fails part-way.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore } from '../store/sqlite-store';
import { failingStore, InjectedFailure } from '../store/failing-store';
import type { Store } from '../store/store';
import { publish, publishHistory } from './publish';
import { exampleWorkbook, publisherOf, setCell } from '../../../test/example-workbooks';
import { allReleases } from '../../../test/real-stores';
import { submissionWork } from '../workflow/submission-work';
import { PENDING_VERSION } from '../../../core/stats/pending-version';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
beforeEach(() => { store = openSqliteStore(':memory:'); });
afterEach(async () => { await store.close(); });

/** The releases `workbook` publishes as (in a store of their own): what another system could have published before. */
async function publishedReleases(workbook: Awaited<ReturnType<typeof exampleWorkbook>>, publisher: ReturnType<typeof publisherOf>): Promise<Awaited<ReturnType<typeof allReleases>>> {
  const elsewhere = openSqliteStore(':memory:');
  try {
    await elsewhere.putPublisher(publisher);
    const converted = await publish(elsewhere, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    if (converted.status !== 'published') throw new Error('conversion failed');
    return await allReleases(elsewhere, converted.publication.id);
  } finally {
    await elsewhere.close();
  }
}

describe('publish', () => {
  it('publishes the example workbook with records, projects with derived summaries, stats and an audit entry', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    expect(result.status).toBe('published');
    if (result.status !== 'published') return;
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const current = await store.getCurrent('merida');
    expect(current?.id).toBe(result.publication.id);
    // With what its *Pendientes* lists of each kind, for Seguimiento (tracking-routes.test checks them against the list).
    expect(current?.counts).toEqual({ releases: 5, records: 5, projects: 4, pending: { version: PENDING_VERSION, points: expect.any(Number), documents: expect.any(Number) } });
    const record = (await store.listRecords({ publicationId: current!.id })).items[0].record as { compiledRelease: { tag: string[] }; releases: { url: string }[] };
    expect(record.compiledRelease.tag).toEqual(['compiled']);
    expect(record.releases[0].url).toContain(`${BASE}/api/ocds/releases?ocid=`);
    const project = (await store.listProjects({ publicationId: current!.id })).items.find((p) => (p.project.contractingProcesses as unknown[] | undefined)?.length);
    const cp = (project!.project.contractingProcesses as { summary: Record<string, unknown>; releases: unknown[] }[])[0];
    expect(cp.summary.ocid).toMatch(/^ocds-mid001-/);
    expect(cp.releases.length).toBeGreaterThan(0);
    expect((await store.getStats('merida'))?.data).toMatchObject({ projects: 4, processes: 5 });
    const index = (await store.getIndex(current!.id)) as { projects: unknown[]; processes: unknown[] } | undefined;
    expect([index?.projects.length, index?.processes.length]).toEqual([4, 5]);
    expect((await store.listAudit({})).items.map((a) => a.action)).toEqual(['publication.published']);
    // The Bitácora says it is the first, its processes new (it read «0 contrataciones cambiadas» for projects alone).
    expect((await store.listAudit({})).items[0].details).toMatchObject({ first: true, changedProcesses: 5 });
  });

  it('publishes nothing new for the same content, and one new release only for the changed process', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const first = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const again = await publish(store, { publisher, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    expect(again.status).toBe('unchanged');
    // The same content under another address is published again, its records' release links rewritten.
    const moved = await publish(store, { publisher, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-02T11:00:00-06:00', baseUrl: 'https://datos.merida.gob.mx' });
    expect(moved.status).toBe('published');
    if (moved.status !== 'published') return;
    expect(moved.changedProcesses).toEqual([]);
    const links = (await store.listRecords({ publicationId: moved.publication.id })).items.flatMap((r) => (r.record.releases as { url: string }[]).map((l) => l.url));
    expect(links.every((u) => u.startsWith('https://datos.merida.gob.mx/api/ocds/releases?ocid='))).toBe(true);
    expect((await publish(store, { publisher, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-02T12:00:00-06:00', baseUrl: 'https://datos.merida.gob.mx' })).status).toBe('unchanged');

    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 0, 'tender/title', 'Título corregido del proceso');
    const second = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: 'https://datos.merida.gob.mx' });
    expect(second.status).toBe('published');
    if (second.status !== 'published' || first.status !== 'published') return;
    expect(second.changedProcesses).toHaveLength(1);
    // The log says which process changed, and the hash of what was published.
    expect((await store.listAudit({})).items.filter((a) => a.target === `publication/${second.publication.id}`).map((a) => a.details)).toEqual([
      expect.objectContaining({ changedProcesses: 1, changedOcids: second.changedProcesses, contentHash: second.publication.contentHash }),
    ]);
    expect((await store.listAudit({})).items.filter((a) => a.details.first).map((a) => a.target)).toEqual([`publication/${first.publication.id}`]);
    const releases = await allReleases(store, second.publication.id);
    const changed = releases.filter((r) => r.ocid === second.changedProcesses[0]);
    expect(changed.map((r) => r.date)).toEqual(['2025-07-01T10:00:00-06:00', '2025-07-03T10:00:00-06:00']);
    // The second release says what it changes (rules.md R-03): the tender was updated, nothing else.
    expect((changed[1].release as { tag: string[] }).tag).toEqual(['tenderUpdate']);
    expect(releases).toHaveLength(6);
    const record = await store.getRecord(second.publication.id, second.changedProcesses[0]);
    expect((record!.record.compiledRelease as { tender: { title: string } }).tender.title).toBe('Título corregido del proceso');
    // History stays: the first publication is still there, untouched.
    expect((await allReleases(store, first.publication.id))).toHaveLength(5);
  });

  it('names the processes whose deleted rows stay published in their records (a changed value is not named)', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const edited = await exampleWorkbook('merida');
    const payments = edited.sheets.find((x) => x.name === 'Transacciones')!;
    const ocid = String(payments.rows[2][payments.rows[1].indexOf('ocid')]);
    payments.rows.splice(2, 1);
    setCell(edited, 'Contrataciones', 1, 'tender/title', 'Título corregido');
    const result = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-08-01T10:00:00-06:00', baseUrl: BASE, reportKept: true });
    if (result.status !== 'published') throw new Error(result.status);
    expect(result.changedProcesses).toHaveLength(2);
    expect(result.keptInRecords).toEqual([{ ocid, sheets: ['Transacciones'] }]);
  });

  it('says which projects changed: one project retitled is the only one, and no process changed', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    expect((await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Proyectos', 0, 'title', 'Parque Lineal (segunda etapa)');
    const projects = edited.sheets.find((x) => x.name === 'Proyectos')!.rows;
    const id = String(projects[2][projects[1].indexOf('id')]);
    const second = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    expect(second.status).toBe('published');
    if (second.status !== 'published') return;
    expect(second.changedProcesses).toEqual([]);
    expect(second.changedProjects).toEqual([id]);
  });

  it('counts no project changed when only its processes changed, as the preview does (their summaries are derived)', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const first = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    if (first.status !== 'published') throw new Error('first publication failed');
    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 0, 'tender/title', 'Título corregido del proceso');
    const second = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    if (second.status !== 'published') throw new Error('second publication failed');
    expect(second.changedProcesses).toHaveLength(1);
    // The process's project carries its summary and release links, both new: published anew, but not edited.
    const ocid = second.changedProcesses[0];
    const linked = (await store.listProjects({ publicationId: second.publication.id, limit: 1000 })).items
      .filter(({ project }) => ((project as { contractingProcesses?: { id: string }[] }).contractingProcesses ?? []).some((l) => l.id === ocid));
    expect(linked.length).toBeGreaterThan(0);
    expect(second.changedProjects).toEqual([]);
    // A «Modificaciones» row typed for that process is the official's, published in the project: that project changed.
    const sheet = edited.sheets.find((x) => x.name === 'Modificaciones')!;
    const row = (values: Record<string, string | number>): string[] => sheet.rows[1].map((path) => String(values[String(path).replace(/\/0\//g, '/')] ?? ''));
    const project = String(linked[0].project.id);
    sheet.rows.push(row({ id: project, 'contractingProcesses/id': ocid, 'contractingProcesses/summary/modifications/id': 'MOD-1', 'contractingProcesses/summary/modifications/type': 'Cambio de monto',
      'contractingProcesses/summary/modifications/description': 'Obra adicional de drenaje', 'contractingProcesses/summary/modifications/newContractValue/amount': 19750000 }));
    const third = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
    if (third.status !== 'published') throw new Error('third publication failed');
    expect([third.changedProcesses, third.changedProjects]).toEqual([[], [project]]);
  });

  it('a contract amended twice (value raised, then period extended): its project lists a value and a duration modification (CoST: cost and time overruns)', async () => {
    const ocid = 'ocds-mid001-DOP-LP-OP-003-2024';
    const publisher = publisherOf('merida', await exampleWorkbook('merida'));
    await store.putPublisher(publisher);
    /** The example workbook with the process's contract (first data row) as an official leaves it after `amendments`. */
    const revision = async (edit: (contract: (string | number | Date)[], column: (path: string) => number) => void, amendments: string[][]): Promise<Awaited<ReturnType<typeof exampleWorkbook>>> => {
      const workbook = await exampleWorkbook('merida');
      const contracts = workbook.sheets.find((x) => x.name === 'Contratos')!;
      edit(contracts.rows[2] as (string | number | Date)[], (path) => contracts.rows[1].indexOf(`contracts/0/${path}`));
      workbook.sheets.find((x) => x.name === 'Modificaciones de contrato')!.rows.push(...amendments.map((a) => [ocid, 'DOP-LP-OP-003-2024-C1', ...a]));
      return workbook;
    };
    const raise = (c: (string | number | Date)[], column: (path: string) => number): void => { c[column('value/amount')] = 141246841.31; c[column('value/netAmount')] = 121764518.37; };
    const first = ['CM-01', '2024-12-10', 'Volúmenes de obra mayores a los del catálogo', 'Ampliación del monto en 10 %'];
    const second = ['CM-02', '2025-08-20', 'Lluvias atípicas', 'Ampliación del plazo en 91 días'];
    const extend = (c: (string | number | Date)[], column: (path: string) => number): void => { raise(c, column); c[column('period/endDate')] = '2025-12-12'; };
    const dates: string[] = ['2025-07-01T10:00:00-06:00', '2025-08-01T10:00:00-06:00', '2025-09-01T10:00:00-06:00', '2025-09-02T10:00:00-06:00'];
    const workbooks = [
      async () => exampleWorkbook('merida'), async () => revision(raise, [first]), async () => revision(extend, [first, second]),
      // Another process retitled: the amended one is carried, its changes taken from the publication before.
      async () => { const w = await revision(extend, [first, second]); setCell(w, 'Contrataciones', 1, 'tender/title', 'Título corregido de otro proceso'); return w; },
    ];
    /** Publishes the revisions in turn into `target`: their results, and the projects each stored (as text). */
    const publishAll = async (target: Store): Promise<{ results: Awaited<ReturnType<typeof publish>>[]; stored: string[][] }> => {
      await target.putPublisher(publisher);
      const results = [];
      const stored = [];
      for (const [n, workbook] of workbooks.entries()) {
        const result = await publish(target, { publisher, workbook: await workbook(), actor: 'system', now: dates[n], baseUrl: BASE });
        if (result.status !== 'published') throw new Error(result.status);
        results.push(result);
        stored.push((await target.listProjects({ publicationId: result.publication.id, limit: 1000 })).items.map((p) => JSON.stringify(p.project)));
      }
      return { results, stored };
    };
    const { results, stored } = await publishAll(store);
    const last = results[3];
    if (last.status !== 'published') throw new Error(last.status);
    expect(results.map((r) => r.status === 'published' && r.changedProcesses)).toEqual([expect.any(Array), [ocid], [ocid], [expect.not.stringMatching(ocid)]]);
    // The modifications the amendments give are the process's, not rows the official typed in the project.
    expect(results.slice(1).map((r) => r.status === 'published' && r.changedProjects)).toEqual([[], [], []]);
    // The same publications where no earlier index kept the changes (as one written before they were kept), every
    // process's told again from its releases: the same bytes.
    const fresh = openSqliteStore(':memory:');
    try {
      expect(stored).toStrictEqual((await publishAll(Object.assign(Object.create(fresh) as Store, { getIndex: async () => undefined }))).stored);
    } finally {
      await fresh.close();
    }
    const released = (await allReleases(store, last.publication.id)).filter((r) => r.ocid === ocid).map((r) => r.id);
    const project = (await store.listProjects({ publicationId: last.publication.id })).items.map((p) => p.project as { contractingProcesses: { id: string; summary: Record<string, unknown> }[] })
      .find((p) => p.contractingProcesses.some((l) => l.id === ocid))!;
    expect(project.contractingProcesses.find((l) => l.id === ocid)!.summary.modifications).toStrictEqual([
      { id: 'CM-01', date: '2024-12-10T00:00:00-06:00', rationale: first[2], description: first[3], releaseID: released[1],
        type: 'value', oldContractValue: { amount: 128406219.37, currency: 'MXN' }, newContractValue: { amount: 141246841.31, currency: 'MXN' } },
      { id: 'CM-02', date: '2025-08-20T00:00:00-06:00', rationale: second[2], description: second[3], releaseID: released[2], type: 'duration',
        oldContractPeriod: { startDate: '2024-08-18T00:00:00-06:00', endDate: '2025-09-12T00:00:00-06:00' },
        newContractPeriod: { startDate: '2024-08-18T00:00:00-06:00', endDate: '2025-12-12T00:00:00-06:00' } },
    ]);
    // Kept with the publication, with the releases they were told from, for the next one (never served: publication-indexes.ts).
    const index = (await store.getIndex(last.publication.id)) as { amendments?: { byOcid: Record<string, { releases: string[] }> } };
    expect(index.amendments?.byOcid[ocid]?.releases).toEqual(released);
  });

  it("keeps an unchanged project's «updated» when another project of the workbook changed", async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Proyectos', 0, 'description', 'Descripción corregida del proyecto');
    const second = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
    if (second.status !== 'published') throw new Error(second.status);
    const projects = (await store.listProjects({ publicationId: second.publication.id })).items.map((p) => p.project as { description?: string; updated: string });
    const changed = projects.filter((p) => p.description === 'Descripción corregida del proyecto');
    expect(changed.map((p) => p.updated)).toEqual(['2025-07-03T10:00:00-06:00']);
    expect(projects.filter((p) => !changed.includes(p)).map((p) => p.updated)).toEqual(['2025-07-01T10:00:00-06:00', '2025-07-01T10:00:00-06:00', '2025-07-01T10:00:00-06:00']);
    // The dashboard's index says the same.
    const index = (await store.getIndex(second.publication.id)) as { projects: { updated: string }[] };
    expect(index.projects.map((p) => p.updated).sort()).toEqual(['2025-07-01T10:00:00-06:00', '2025-07-01T10:00:00-06:00', '2025-07-01T10:00:00-06:00', '2025-07-03T10:00:00-06:00']);
  });

  it('refuses a workbook with errors and keeps serving the previous publication', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const first = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const broken = await exampleWorkbook('merida');
    setCell(broken, 'Contrataciones', 0, 'tender/value/amount', 'mucho dinero');
    const result = await publish(store, { publisher, workbook: broken, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    expect(result.status).toBe('refused');
    const error = result.findings.find((f) => f.severity === 'error');
    expect(error?.cell).toMatchObject({ sheet: 'Contrataciones', row: 3 });
    expect((await store.getCurrent('merida'))?.id).toBe(first.status === 'published' ? first.publication.id : '');
  });

  it('carries earlier releases over as stored, and filters again one stored before the privacy filter (R-26) withheld its data', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const first = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    if (first.status !== 'published') throw new Error('first publication failed');
    // A publication as an older filter left it: one release names a natural person (13-character RFC) with an address.
    const stored = await allReleases(store, first.publication.id);
    const person = { id: 'MX-RFC-ROCM800101AB1', name: 'Marta Rosado Cetina', roles: ['interestedParty'], identifier: { scheme: 'MX-RFC', id: 'ROCM800101AB1' }, address: { streetAddress: 'Privada Los Almendros 14' } };
    const old = stored.map((r, i) => ({ ocid: r.ocid, id: r.id, date: r.date, release: i === 0 ? { ...r.release, parties: [...(r.release.parties as object[]), person] } : r.release }));
    await store.createPublication({ id: 'older-filter', publisherId: 'merida', contentHash: 'older', createdAt: '2025-07-02T00:00:00Z' });
    await store.putReleases('older-filter', old as never);
    await store.completePublication('older-filter', { releases: old.length, records: 0, projects: 0 });
    await store.setCurrent('merida', 'older-filter', first.publication.id);
    const texts = async (publicationId: string) => (await store.listDocumentTexts('releases', { publicationId, limit: 1000 })).items.map((t) => t.text);
    const oldTexts = await texts('older-filter');

    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 1, 'tender/title', 'Otro título');
    const second = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
    if (second.status !== 'published') throw new Error('second publication failed');
    const newTexts = await texts(second.publication.id);
    expect(newTexts.join('\n')).not.toContain('Privada Los Almendros 14');
    expect(newTexts.join('\n')).toContain('Marta Rosado Cetina');
    // Every other release of the first state is carried over byte for byte.
    const untouched = oldTexts.filter((t) => !t.includes('Marta Rosado'));
    expect(untouched).toHaveLength(stored.length - 1);
    for (const t of untouched) expect(newTexts).toContain(t);
    const record = await store.getDocumentText('records', second.publication.id, stored[0].ocid);
    expect(record).not.toContain('Privada Los Almendros 14');
  });

  it.each([0, 1, 3, 8, 12, 14, 15])('a store failure after %i writes leaves the previous publication served intact; a retry succeeds', async (budget) => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const first = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    if (first.status !== 'published') throw new Error(`first publication failed: ${JSON.stringify(first.findings.filter((f) => f.severity === 'error').slice(0, 3))}`);
    const before = await allReleases(store, first.publication.id);
    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 1, 'tender/title', 'Otro título');
    await expect(publish(failingStore(store, budget), { publisher, workbook: edited, actor: 'system', now: '2025-07-05T10:00:00-06:00', baseUrl: BASE })).rejects.toBeInstanceOf(InjectedFailure);
    expect((await store.getCurrent('merida'))?.id).toBe(first.publication.id);
    expect(await allReleases(store, first.publication.id)).toEqual(before);
    const retry = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-05T10:00:01-06:00', baseUrl: BASE });
    expect(retry.status).toBe('published');
  });
  it('a process the first workbook after `history` sends as its latest release published elsewhere gets no new release', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    // The releases as another system published them: the same content, its own ids, dates and tags.
    const old = (await publishedReleases(workbook, publisher)).map((r, n) => ({ ocid: r.ocid, id: `anterior-${n}`, date: '2021-03-31T12:00:00-06:00', release: { ...r.release, id: `anterior-${n}`, date: '2021-03-31T12:00:00-06:00', tag: ['tender'] } }));
    await store.putPublisher(publisher);
    const laid = await publishHistory(store, { publisher, releases: old, actor: 'cli', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    if (laid.status !== 'published') throw new Error('history not published');

    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 0, 'tender/title', 'Título corregido del proceso');
    const next = await publish(store, { publisher, workbook: edited, actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
    if (next.status !== 'published') throw new Error('workbook not published');
    // Only the process whose title changed: every other one still ends with the release published elsewhere.
    expect(next.changedProcesses).toHaveLength(1);
    const releases = await allReleases(store, next.publication.id);
    expect(releases).toHaveLength(old.length + 1);
    const latest = new Map(releases.map((r) => [r.ocid, r.id]));
    expect([...latest.values()].filter((id) => id.startsWith('anterior-'))).toHaveLength(old.length - 1);
    expect(latest.get(next.changedProcesses[0])).toMatch(/^ocds-mid001-/);
  });

  it('after a history published a release per stage, a process the workbook sends as its compiled state gets no new release', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    // Each process as another system published it: everything but its contracts, then a release with only those.
    const old = (await publishedReleases(workbook, publisher)).flatMap(({ ocid, release }) => {
      const { contracts, ...before } = release as Record<string, unknown>;
      const first = { ...before, id: `${ocid}-planeacion`, date: '2021-03-01T12:00:00-06:00', tag: ['tender'] };
      const second = { ocid, id: `${ocid}-contrato`, date: '2021-04-01T12:00:00-06:00', tag: ['contract'], contracts };
      return (contracts ? [first, second] : [first]).map((r) => ({ ocid, id: r.id, date: r.date, release: r }));
    });
    await store.putPublisher(publisher);
    const laid = await publishHistory(store, { publisher, releases: old, actor: 'cli', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    if (laid.status !== 'published') throw new Error('history not published');
    expect(old.some((r) => r.id.endsWith('-contrato'))).toBe(true);

    // The coordinator's preview says so first, by the same rule.
    const work = submissionWork(store);
    const sent = await work.intake(await exampleWorkbook('merida'), publisher, '2025-07-03T09:00:00-06:00');
    const preview = (await work.preview(sent.snapshot?.contentHash as string, publisher, '2025-07-03T09:00:00-06:00')).preview;
    expect(preview.processes.counts).toEqual({ new: 0, changed: 0, unchanged: 5, removed: 0 });
    // A change is told against the process's compiled release, not its latest (contracts only) release.
    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 0, 'tender/title', 'Título corregido del proceso');
    const editedSent = await work.intake(edited, publisher, '2025-07-03T09:00:00-06:00');
    const editedPreview = (await work.preview(editedSent.snapshot?.contentHash as string, publisher, '2025-07-03T09:00:00-06:00')).preview;
    expect(editedPreview.processes.items.map((i) => i.fields.map((f) => f.path))).toEqual([['tender/title']]);
    const next = await publish(store, { publisher, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
    expect(next.status === 'published' && next.changedProcesses).toEqual([]);
  });

  it('a process an earlier version published with the tag it derived then (its id derived too) gets no new release when sent again unchanged', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    // As the version before 3bdbe28 kept them: derived ids ({ocid}-{8 hex}) over the tag it derived, «tender» for
    // every tender (a planned one is the planning stage now), which this version derives otherwise.
    const old = (await publishedReleases(workbook, publisher)).map(({ ocid, release }) => ({ ocid, id: `${ocid}-0a1b2c3d`, date: '2025-06-01T12:00:00-06:00', release: { ...release, id: `${ocid}-0a1b2c3d`, date: '2025-06-01T12:00:00-06:00', tag: ['planning', 'tender', 'award'] } }));
    await store.putPublisher(publisher);
    const laid = await publishHistory(store, { publisher, releases: old, actor: 'cli', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    if (laid.status !== 'published') throw new Error('history not published');
    // The coordinator's preview: nothing changed in any process (it listed each as modified, with no field).
    const work = submissionWork(store);
    const sent = await work.intake(await exampleWorkbook('merida'), publisher, '2025-07-03T09:00:00-06:00');
    const preview = (await work.preview(sent.snapshot?.contentHash as string, publisher, '2025-07-03T09:00:00-06:00')).preview;
    expect(preview.processes.counts).toEqual({ new: 0, changed: 0, unchanged: old.length, removed: 0 });
    const next = await publish(store, { publisher, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
    expect(next.status === 'published' && next.changedProcesses).toEqual([]);
  });

  it('a typed tag changed on a workbook release is a new release (the content rule is only for releases published elsewhere)', async () => {
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
    const tagged = await exampleWorkbook('merida');
    setCell(tagged, 'Contrataciones', 0, 'tag', 'tenderUpdate');
    const next = await publish(store, { publisher, workbook: tagged, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    expect(next.status).toBe('published');
    expect(next.status === 'published' && next.changedProcesses).toHaveLength(1);
  });
});

describe('release ids', () => {
  it('stay unique within a process when its content returns to an earlier state (A → B → A), and A again adds nothing', async () => {
    const store = openSqliteStore(':memory:');
    const original = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', original);
    await store.putPublisher(publisher);
    const edited = await exampleWorkbook('merida');
    setCell(edited, 'Contrataciones', 0, 'tender/title', 'Título provisional');
    const steps = [original, edited, await exampleWorkbook('merida'), await exampleWorkbook('merida')];
    const statuses: string[] = [];
    const returned: unknown[] = [];
    for (const [i, workbook] of steps.entries()) {
      const result = await publish(store, { publisher, workbook, actor: 'system', now: `2025-07-0${i + 1}T10:00:00-06:00`, baseUrl: BASE, reportKept: true });
      statuses.push(result.status);
      returned.push(result.status === 'published' ? result.returnedToEarlier : undefined);
    }
    expect(statuses).toEqual(['published', 'published', 'published', 'unchanged']);
    const current = await store.getCurrent('merida');
    const releases = await allReleases(store, current!.id);
    const ocid = releases.find((r) => (r.release.tender as { title?: string }).title === 'Título provisional')!.ocid;
    const ids = releases.filter((r) => r.ocid === ocid).map((r) => r.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    // The return to A is reported with when A was published (the CLI tells the official: an older copy published again).
    expect(returned).toEqual([undefined, undefined, [{ ocid, publishedAt: '2025-07-01T10:00:00-06:00' }], undefined]);
    await store.close();
  });
});

/**
 * The coordinator's preview against what its approval publishes, for the edits an official makes between two sends:
 * the processes it says are new or modified are those given a new release, the projects it says are new or modified
 * are those the outcome counts («N proyectos nuevos o modificados»), what it says is missing from the workbook stays
 * published — and each is what the official did. A disagreement was a coordinator told one thing who got another.
 */
describe('the preview says what approval publishes', () => {
  type Workbook = Awaited<ReturnType<typeof exampleWorkbook>>;
  const OCID = 'ocds-mid001-DOP-LP-OP-003-2024';
  const CONTRACT = 'DOP-LP-OP-003-2024-C1';
  const PROJECT = 'oc4ids-mid001-MID-2024-001';
  /** Adds a data row to `sheet`, its cells by column path without the `/0/` of lists. */
  const addRow = (workbook: Workbook, sheet: string, values: Record<string, string | number>): void => {
    const s = workbook.sheets.find((x) => x.name === sheet)!;
    s.rows.push(s.rows[1].map((path) => values[String(path).replace(/\/0(\/|$)/g, '$1')] ?? ''));
  };
  const amendment = (workbook: Workbook): void => {
    setCell(workbook, 'Contratos', 0, 'contracts/0/value/amount', 141246841.31);
    addRow(workbook, 'Modificaciones de contrato', { ocid: OCID, 'contracts/id': CONTRACT, 'contracts/amendments/id': 'CM-01', 'contracts/amendments/date': '2024-12-10', 'contracts/amendments/rationale': 'Volúmenes mayores a los del catálogo', 'contracts/amendments/description': 'Ampliación del monto en 10 %' });
  };
  const typedModification = (id: string, type: string) => (workbook: Workbook): void => addRow(workbook, 'Modificaciones', { id: PROJECT, 'contractingProcesses/id': OCID,
    'contractingProcesses/summary/modifications/id': id, 'contractingProcesses/summary/modifications/type': type, 'contractingProcesses/summary/modifications/description': 'Obra adicional de drenaje pluvial' });
  /** The workbook without the rows of sheets keyed by `key` (their first column) that name `id`. */
  const without = (key: string, id: string) => (workbook: Workbook): void => {
    for (const s of workbook.sheets) if (s.rows[1]?.[0] === key) s.rows = [...s.rows.slice(0, 2), ...s.rows.slice(2).filter((row) => row[0] !== id)];
  };
  // A process or project left out of the workbook is still published (carried): what names it still may.
  const withoutProcess = (ocid: string) => without('ocid', ocid);
  const withoutProject = (id: string) => without('id', id);
  /** The supervision process (second row) as a direct award with no tender stage: its release tagged `award`. */
  const untendered = (workbook: Workbook): void => {
    setCell(workbook, 'Contrataciones', 1, 'tender/tenderPeriod/startDate', '');
    setCell(workbook, 'Contrataciones', 1, 'tender/tenderPeriod/endDate', '');
    setCell(workbook, 'Contrataciones', 1, 'tag', 'award');
  };
  /** Tuxtla Gutiérrez's first process, listed by Mérida's first project. */
  const FOREIGN = 'ocds-tgz001-OP-LP-OP-014-2024';
  const linkedElsewhere = (workbook: Workbook): void => addRow(workbook, 'Procesos del proyecto', { id: PROJECT, 'contractingProcesses/id': FOREIGN, 'contractingProcesses/summary/ocid': FOREIGN, 'contractingProcesses/summary/nature': 'Supervisión', 'contractingProcesses/summary/title': 'Obra de Tuxtla' });
  interface Case {
    name: string;
    /** The first send (the example workbook, unless edited). */
    before?: (workbook: Workbook) => void;
    edit: (workbook: Workbook) => void;
    /** What the official changed: the processes and projects new or modified, and missing from the workbook. */
    processes?: string[];
    projects?: string[];
    removed?: { processes?: string[]; projects?: string[] };
  }
  const cases: Case[] = [
    { name: 'a contract amount', edit: (w) => setCell(w, 'Contratos', 0, 'contracts/0/value/amount', 130000000), processes: [OCID] },
    { name: 'an amendment added', edit: amendment, processes: [OCID] },
    { name: 'a «Modificaciones» row typed', edit: typedModification('MOD-1', 'Cambio de alcance'), projects: [PROJECT] },
    { name: 'a «Modificaciones» row typed with the amendment\'s own id (its type stated over the releases\')', before: amendment, edit: (w) => { amendment(w); typedModification('CM-01', 'Cambio de alcance')(w); }, projects: [PROJECT] },
    { name: 'that row taken out again', before: (w) => { amendment(w); typedModification('CM-01', 'Cambio de alcance')(w); }, edit: amendment, projects: [PROJECT] },
    { name: 'an «Avance del proceso» row added', edit: (w) => addRow(w, 'Avance del proceso', { id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/milestones/id': 'M9', 'contractingProcesses/summary/milestones/title': 'Pruebas de laboratorio' }), projects: [PROJECT] },
    { name: 'a «Pagos del proceso» row added', edit: (w) => addRow(w, 'Pagos del proceso', { id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/transactions/id': 'P99', 'contractingProcesses/summary/transactions/date': '2025-06-30', 'contractingProcesses/summary/transactions/value/amount': 1250000, 'contractingProcesses/summary/transactions/value/currency': 'MXN' }), projects: [PROJECT] },
    { name: 'a «Proveedores del proceso» row added', edit: (w) => addRow(w, 'Proveedores del proceso', { id: PROJECT, 'contractingProcesses/id': OCID, 'contractingProcesses/summary/suppliers/id': 'MX-RFC-XAXX010101000', 'contractingProcesses/summary/suppliers/name': 'Laboratorio de Materiales del Sureste' }), projects: [PROJECT] },
    { name: 'a date typed in «Procesos del proyecto» (tender.datePublished)', edit: (w) => setCell(w, 'Procesos del proyecto', 0, 'contractingProcesses/0/summary/tender/datePublished', '2024-07-09'), projects: [] },
    { name: 'the award cancelled (its supplier no longer the releases\')', edit: (w) => setCell(w, 'Adjudicaciones', 1, 'awards/0/status', 'Cancelada'), processes: ['ocds-mid001-DOP-AD-SRO-007-2024'] },
    { name: 'a process taken out of the workbook', edit: withoutProcess('ocds-mid001-DOP-IR-OP-005-2023'), removed: { processes: ['ocds-mid001-DOP-IR-OP-005-2023'] } },
    { name: 'a project taken out of the workbook', edit: withoutProject('oc4ids-mid001-MID-2023-002'), removed: { projects: ['oc4ids-mid001-MID-2023-002'] } },
    { name: 'a project taken out of the workbook, and the award of its process cancelled (the project is carried, not edited)', edit: (w) => { withoutProject('oc4ids-mid001-MID-2023-002')(w); setCell(w, 'Adjudicaciones', 2, 'awards/0/status', 'Cancelada'); },
      processes: ['ocds-mid001-DOP-IR-OP-005-2023'], removed: { projects: ['oc4ids-mid001-MID-2023-002'] } },
    { name: 'a «Fecha de publicación» typed for a process no release tagged as a tender (publication keeps it)', before: untendered, edit: (w) => { untendered(w); setCell(w, 'Procesos del proyecto', 1, 'contractingProcesses/0/summary/tender/datePublished', '2024-07-30'); }, projects: [PROJECT] },
    { name: 'another implementer\'s process referenced by a project, and a «Pagos del proceso» row typed for it', before: linkedElsewhere, edit: (w) => { linkedElsewhere(w); addRow(w, 'Pagos del proceso', { id: PROJECT, 'contractingProcesses/id': FOREIGN, 'contractingProcesses/summary/transactions/id': 'PT-99', 'contractingProcesses/summary/transactions/date': '2025-06-30', 'contractingProcesses/summary/transactions/value/amount': 99000, 'contractingProcesses/summary/transactions/value/currency': 'MXN' }); }, projects: [PROJECT] },
    { name: 'another implementer\'s process referenced by a project, its title typed otherwise (its data gives it)', before: linkedElsewhere, edit: (w) => { linkedElsewhere(w); setCell(w, 'Procesos del proyecto', 5, 'contractingProcesses/0/summary/title', 'Otro título') }, projects: [] },
    { name: 'a project field', edit: (w) => setCell(w, 'Proyectos', 0, 'title', 'Repavimentación de la calle 60 (Centro Histórico)'), projects: [PROJECT] },
    { name: 'a project document added', edit: (w) => addRow(w, 'Documentos del proyecto', { id: PROJECT, 'documents/id': 'proyecto-99', 'documents/documentType': 'Estudio de factibilidad', 'documents/title': 'Estudio de tránsito', 'documents/description': 'Aforos vehiculares y peatonales de la calle 60.', 'documents/format': 'application/pdf', 'documents/url': 'https://transparencia.merida.example/proyectos/MID-2024-001/proyecto-99.pdf' }), projects: [PROJECT] },
    { name: 'a date typed differently but the same day', edit: (w) => setCell(w, 'Contratos', 0, 'contracts/0/dateSigned', '15/08/2024'), processes: [] },
  ];
  const changedIn = (group: { items: { id: string; change: string }[] }, ...kinds: string[]): string[] => group.items.filter((i) => kinds.includes(i.change)).map((i) => i.id).sort();

  // The first send's publication is written once per first send, to a file each case takes a copy of (SQLite closed
  // with nothing in its log): publishing it again for every case was a third of this harness's time.
  let dir: string;
  const seeded = new Map<unknown, Promise<string>>();
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-approval-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seed = async (before: Case['before'], file: string): Promise<string> => {
    const target = openSqliteStore(file);
    try {
      if (before === linkedElsewhere) {
        const tuxtla = await exampleWorkbook('tuxtla-gutierrez');
        await target.putPublisher(publisherOf('tuxtla-gutierrez', tuxtla));
        const laid = await publish(target, { publisher: publisherOf('tuxtla-gutierrez', tuxtla), workbook: tuxtla, actor: 'system', now: '2025-07-01T09:00:00-06:00', baseUrl: BASE });
        expect([laid.status, laid.findings.filter((f) => f.severity === 'error').slice(0, 2)]).toEqual(['published', []]);
      }
      const base = await exampleWorkbook('merida');
      before?.(base);
      await target.putPublisher(publisherOf('merida', base));
      const first = await publish(target, { publisher: publisherOf('merida', base), workbook: base, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
      if (first.status !== 'published') throw new Error(JSON.stringify(first.findings.filter((f) => f.severity === 'error').slice(0, 3)));
    } finally {
      await target.close();
    }
    return file;
  };

  it.each(cases.map((c, n) => [c.name, c, n] as const))('%s', async (_name, c, n) => {
    if (!seeded.has(c.before)) seeded.set(c.before, seed(c.before, path.join(dir, `seed-${seeded.size}.sqlite`)));
    const file = path.join(dir, `case-${n}.sqlite`);
    fs.copyFileSync(await seeded.get(c.before)!, file);
    await store.close();
    store = openSqliteStore(file);
    const publisher = publisherOf('merida', await exampleWorkbook('merida'));
    const edited = await exampleWorkbook('merida');
    c.edit(edited);
    const work = submissionWork(store);
    const sent = await work.intake(edited, publisher, '2025-07-02T09:00:00-06:00');
    if (!sent.snapshot) throw new Error(JSON.stringify(sent.findings.filter((f) => f.severity === 'error').slice(0, 3)));
    const { preview } = await work.preview(sent.snapshot.contentHash, publisher, '2025-07-02T09:00:00-06:00');
    const approved = await publish(store, { publisher, workbook: edited, actor: 'coordinador', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
    const changedProcesses = approved.status === 'published' ? [...approved.changedProcesses].sort() : [];
    const changedProjects = approved.status === 'published' ? [...approved.changedProjects].sort() : [];
    const told = {
      processes: changedIn(preview.processes, 'new', 'changed'), projects: changedIn(preview.projects, 'new', 'changed'),
      removed: { processes: changedIn(preview.processes, 'removed'), projects: changedIn(preview.projects, 'removed') },
    };
    // What the official did, as the preview tells it and as the approval published it.
    const did = { processes: c.processes ?? [], projects: c.projects ?? [], removed: { processes: c.removed?.processes ?? [], projects: c.removed?.projects ?? [] } };
    expect(told).toEqual(did);
    expect({ processes: changedProcesses, projects: changedProjects }).toEqual({ processes: did.processes, projects: did.projects });
    // A modified item says what changed; what is missing from the workbook is still published.
    for (const item of [...preview.processes.items, ...preview.projects.items]) if (item.change === 'changed') expect([item.id, item.fields.length]).not.toEqual([item.id, 0]);
    const now = await store.getCurrent('merida');
    const ocids = new Set((await allReleases(store, now!.id)).map((r) => r.ocid));
    for (const ocid of did.removed.processes) expect(ocids.has(ocid)).toBe(true);
  });
});

it('after an upgrade, a project carried from a publication that kept no typed part is told by what is derived, not taken as all typed', async () => {
  const PROJECT = 'oc4ids-mid001-MID-2023-002';
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  const first = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
  if (first.status !== 'published') throw new Error(first.status);
  // Read as an earlier version wrote it: no `typedParts` in its index (a complete publication is immutable).
  const written = store;
  store = new Proxy(written, { get: (target, key) => (key === 'getIndex'
    ? async (id: string) => { const index = await target.getIndex(id); if (id !== first.publication.id || !index) return index; const { typedParts, ...rest } = index; expect(typedParts).toBeDefined(); return rest; }
    : (typeof target[key as keyof Store] === 'function' ? (target[key as keyof Store] as (...a: unknown[]) => unknown).bind(target) : target[key as keyof Store])) });
  // A send without the park's project (carried), then one with it again, as it was.
  const without = await exampleWorkbook('merida');
  for (const s of without.sheets) if (s.rows[1]?.[0] === 'id') s.rows = [...s.rows.slice(0, 2), ...s.rows.slice(2).filter((row) => row[0] !== PROJECT)];
  const second = await publish(store, { publisher, workbook: without, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
  expect(second.status === 'published' && second.changedProjects).toEqual([]);
  const work = submissionWork(store);
  const sent = await work.intake(await exampleWorkbook('merida'), publisher, '2025-07-03T09:00:00-06:00');
  const { preview } = await work.preview(sent.snapshot!.contentHash, publisher, '2025-07-03T09:00:00-06:00');
  expect(preview.projects.items).toEqual([]);
  const third = await publish(store, { publisher, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
  expect(third.status === 'published' && third.changedProjects).toEqual([]);
});
