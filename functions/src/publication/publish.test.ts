/**
 * Publication on the real SQLite store with the example workbooks: refuse on errors, one new release per changed
 * process, idempotent on identical content, and never half-replaced when the store fails part-way.
 */
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
