/**
 * A state's project contracted by a municipality (convenio de coordinación): the state lists the municipality's
 * ocid among its project's processes, the municipality publishes the process under its own prefix. On the real
 * SQLite store with the example workbooks: the summary is derived from the municipality's current publication, not
 * left as the state typed it; until it publishes the process the state is told, at the cell, when sending and when
 * publishing; a process of the municipality naming a state's project that does not list it (or that the state has
 * not published) is told to the municipality, with whom to ask; and the state
 * publishing the same workbook again takes what the municipality published since instead of finding it unchanged.
 */
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { publish } from './publish';
import { republish } from './republish';
import { exampleWorkbook, publisherOf } from '../../../test/example-workbooks';
import { renderFinding } from '../../../core/messages/render';
import { submissionWork } from '../workflow/submission-work';
import { templateSpec } from '../../../core/template/template-spec';
import { pendingRows, type PendingJudgement } from '../../../core/stats/pending';
import type { PublicationIndex } from '../../../core/stats/publication-index';

const BASE = 'http://127.0.0.1:8080';
let store: Store;
beforeEach(() => { store = openSqliteStore(':memory:'); });
afterEach(async () => { await store.close(); });

it("derives a project's summary of another implementer's process from its publication, and says so on both sides", async () => {
  const municipal = await exampleWorkbook('merida');
  const contrataciones = municipal.sheets.find((s) => s.name === 'Contrataciones')!;
  const ocid = String(contrataciones.rows[2][contrataciones.rows[1].indexOf('ocid')]);
  const state = await exampleWorkbook('nuevo-leon');
  const sheet = state.sheets.find((s) => s.name === 'Procesos del proyecto')!;
  const row: unknown[] = sheet.rows[1].map(() => null);
  const set = (path: string, value: string): void => { row[sheet.rows[1].indexOf(path)] = value; };
  set('id', 'oc4ids-nl0001-NL-2023-001');
  set('contractingProcesses/0/id', ocid);
  set('contractingProcesses/0/summary/nature', 'Construcción (ejecución de obra)');
  sheet.rows.push(row as (typeof sheet.rows)[number]);
  const rowNumber = sheet.rows.length;
  const nl = publisherOf('nuevo-leon', state);
  const merida = publisherOf('merida', municipal);
  await store.putPublisher(nl);
  await store.putPublisher(merida);
  const summaryOf = async (): Promise<{ summary: Record<string, unknown>; releases?: { url: string }[] }> => {
    const current = await store.getCurrent(nl.id);
    const project = (await store.getProject(current!.id, 'oc4ids-nl0001-NL-2023-001'))!.project;
    return (project.contractingProcesses as { id: string; summary: Record<string, unknown>; releases?: { url: string }[] }[]).find((c) => c.id === ocid)!;
  };

  // Not yet published by Mérida: the state is told when it sends the workbook for review…
  const sent = await submissionWork(store).intake(structuredClone(state), nl, '2025-06-30T10:00:00-06:00');
  expect(sent.findings.filter((f) => f.code === 'link.otherPublisherUnpublished').map((f) => [f.severity, f.cell?.sheet, f.cell?.row])).toEqual([['warning', 'Procesos del proyecto', rowNumber]]);
  // …and when it is published, where the summary stays as typed.
  const first = await publish(store, { publisher: nl, workbook: structuredClone(state), actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE });
  expect(first.status).toBe('published');
  const unpublished = first.findings.filter((f) => f.code === 'link.otherPublisherUnpublished');
  expect(unpublished.map((f) => [f.severity, f.cell?.sheet, f.cell?.row])).toEqual([['warning', 'Procesos del proyecto', rowNumber]]);
  expect(renderFinding(unpublished[0])).toContain(`El proceso «${ocid}» lleva el prefijo de ${merida.name}, que aún no lo publica`);
  expect((await summaryOf()).summary.contractValue).toBeUndefined();
  // The coordinator's preview of the send says so too: the summary goes out as typed while Mérida has not published it.
  const previewed = async () => (await submissionWork(store).preview(sent.snapshot!.contentHash, nl, '2025-07-02T11:00:00-06:00')).preview.elsewhere;
  expect(await previewed()).toEqual([{ ocid, projects: ['oc4ids-nl0001-NL-2023-001'], publisher: merida.name, publishedAt: null }]);
  // Pendientes, judged at publication, agrees with the validator: what Mérida's process lacks is Mérida's to publish
  // (it has not yet), never a cell the state is sent to fill; the state's own points are the validator's.
  const pendingOf = async () => {
    const index = (await store.getIndex((await store.getCurrent(nl.id))!.id)) as unknown as PublicationIndex & { pending: PendingJudgement };
    return { points: index.pending.projects.find((p) => p.id === 'oc4ids-nl0001-NL-2023-001')?.points ?? [], rows: pendingRows(index.pending, index).filter((r) => r.id === 'oc4ids-nl0001-NL-2023-001') };
  };
  const before = await pendingOf();
  const theirs = before.points.filter((p) => p.processes?.includes(ocid));
  expect(theirs.map((p) => p.id)).toEqual(expect.arrayContaining(['price', 'firms']));
  expect(theirs.every((p) => p.publisher === merida.name && p.unpublished?.includes(ocid))).toBe(true);
  const theirRows = before.rows.filter((r) => r.process === ocid);
  expect(theirRows.length).toBe(theirs.length);
  expect(theirRows.every((r) => r.sheet === '' && r.how.startsWith(`${merida.name} aún no publica este proceso: le corresponde publicarlo a ${merida.name}.`))).toBe(true);
  expect(sent.findings.filter((f) => f.code === 'project.costIdsMissing').some((f) => renderFinding(f).includes(ocid))).toBe(false);

  // The state retypes the title of Mérida's process, still unpublished: publication will publish it as typed, so the
  // coordinator's preview shows it (it was hidden as «derived»).
  const retitled = structuredClone(state);
  const retitledSheet = retitled.sheets.find((s) => s.name === 'Procesos del proyecto')!;
  retitledSheet.rows[rowNumber - 1][retitledSheet.rows[1].indexOf('contractingProcesses/0/summary/title')] = 'Pavimentación de la calle 60 (convenio)';
  const resent = await submissionWork(store).intake(retitled, nl, '2025-07-01T12:00:00-06:00');
  const shown = (await submissionWork(store).preview(resent.snapshot!.contentHash, nl, '2025-07-01T12:30:00-06:00')).preview.projects.items.find((i) => i.id === 'oc4ids-nl0001-NL-2023-001');
  expect(shown?.fields.filter((f) => f.path.endsWith('/summary/title')).map((f) => f.after)).toEqual(['Pavimentación de la calle 60 (convenio)']);

  // Mérida's other processes name Nuevo León's project, which does not list them, and a project it has not published:
  // Mérida is told whom to ask (the listed one, named too, is not said).
  const column = contrataciones.rows[1].indexOf('planning/project/id');
  const ocids = contrataciones.rows.slice(2).map((r) => String(r[contrataciones.rows[1].indexOf('ocid')]));
  const named = (n: number, project: string): void => { for (const r of contrataciones.rows.slice(2)) if (String(r[contrataciones.rows[1].indexOf('ocid')]) === ocids[n]) r[column] = project; };
  named(0, 'oc4ids-nl0001-NL-2023-001');
  named(1, 'oc4ids-nl0001-NL-2023-001');
  named(2, 'oc4ids-nl0001-NO-EXISTE');
  const published = await publish(store, { publisher: merida, workbook: municipal, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
  expect(published.status).toBe('published');
  const told = published.findings.filter((f) => f.code.startsWith('link.otherProject'));
  expect(told.map((f) => [f.code, f.params.ocid, f.cell?.sheet, f.cell?.header])).toEqual([
    ['link.otherProjectNotListed', ocids[1], 'Contrataciones', expect.any(String)], ['link.otherProjectUnpublished', ocids[2], 'Contrataciones', expect.any(String)],
  ]);
  expect(renderFinding(told[0])).toContain(`Pida a ${nl.name} que agregue «${ocids[1]}» a su hoja «Procesos del proyecto»`);
  const record = (await store.getRecord((await store.getCurrent(merida.id))!.id, ocid))!.record as { compiledRelease: { contracts: { value: unknown }[] } };

  const value = { amount: (record.compiledRelease.contracts[0].value as { amount: number }).amount, currency: 'MXN' };
  // Now the preview says whose publication, of what date, the summary will be taken from (the diff leaves summaries out).
  expect(await previewed()).toEqual([{ ocid, projects: ['oc4ids-nl0001-NL-2023-001'], publisher: merida.name, publishedAt: (await store.getCurrent(merida.id))!.createdAt }]);

  // A workbook without the project: carried from the current publication, its summary is derived from Mérida's too.
  const withoutProjects = structuredClone(state);
  for (const s of withoutProjects.sheets) if (templateSpec().sheets.find((x) => x.name === s.name)?.standard === 'oc4ids') s.rows = s.rows.slice(0, 2);
  const carried = await publish(store, { publisher: nl, workbook: withoutProjects, actor: 'system', now: '2025-07-02T12:00:00-06:00', baseUrl: BASE });
  expect(carried.status).toBe('published');
  expect((await summaryOf()).summary.contractValue).toEqual(value);
  expect(carried.findings.filter((f) => f.code.startsWith('link.otherPublisher'))).toEqual([]);

  // The same workbook again: Mérida's process is taken, not «sin cambios».
  const again = await publish(store, { publisher: nl, workbook: structuredClone(state), actor: 'system', now: '2025-07-03T10:00:00-06:00', baseUrl: BASE });
  expect(again.status).toBe('published');
  const { summary, releases } = await summaryOf();
  expect(summary.contractValue).toEqual(value);
  expect(summary.title).toEqual(expect.any(String));
  expect(releases?.map((r) => r.url)).toEqual([expect.stringContaining(`ocid=${ocid}&releaseID=`)]);
  const said = again.findings.filter((f) => f.code === 'link.otherPublisherSummary');
  expect(said.map((f) => [f.cell?.sheet, f.cell?.row])).toEqual([['Procesos del proyecto', rowNumber]]);
  expect(renderFinding(said[0])).toContain(`publicó (su publicación vigente, del 02/07/2025)`);
  expect(again.findings.some((f) => f.code === 'link.otherPublisherUnpublished')).toBe(false);
  // Published by Mérida: what its data discloses is met (the contract's amount, its firms); what it lacks is still
  // Mérida's to publish, no longer «aún no publica».
  const after = await pendingOf();
  const stillTheirs = after.points.filter((p) => p.processes?.includes(ocid));
  expect(stillTheirs.map((p) => p.id)).not.toEqual(expect.arrayContaining(['price']));
  expect(stillTheirs.map((p) => p.id)).not.toContain('firms');
  expect(stillTheirs.every((p) => p.publisher === merida.name && p.unpublished === undefined)).toBe(true);
  // And once it is published, a retyped summary is derived from Mérida's data: not shown as a change.
  const derivedNow = (await submissionWork(store).preview(resent.snapshot!.contentHash, nl, '2025-07-03T12:30:00-06:00')).preview.projects.items.find((i) => i.id === 'oc4ids-nl0001-NL-2023-001');
  expect(derivedNow?.fields.filter((f) => f.path.includes('/summary/')) ?? []).toEqual([]);

  // Moved to another address and republished (republish.ts): Mérida's release is linked under the new one too, even
  // while Mérida's own record still links the old (it is republished after, or not at all).
  const moved = 'https://obras.example.mx';
  const current = (await store.getCurrent(nl.id))!;
  const done = await republish(store, { publisher: nl, current, reasons: ['address'], baseUrl: moved, actor: 'system', at: '2025-07-04T10:00:00-06:00' });
  expect(done.status).toBe('republished');
  const moved2 = await summaryOf();
  expect(moved2.summary.contractValue).toEqual(value);
  expect(moved2.releases?.map((r) => r.url)).toEqual([expect.stringMatching(new RegExp(`^${moved}/api/ocds/releases\\?ocid=${ocid}&releaseID=`))]);
});

it("gives another implementer's amended process its modifications' type and old and new values, told from that implementer's releases", async () => {
  const ocid = 'ocds-mid001-DOP-LP-OP-003-2024';
  const state = await exampleWorkbook('nuevo-leon');
  const sheet = state.sheets.find((s) => s.name === 'Procesos del proyecto')!;
  const row: unknown[] = sheet.rows[1].map(() => null);
  row[sheet.rows[1].indexOf('id')] = 'oc4ids-nl0001-NL-2023-001';
  row[sheet.rows[1].indexOf('contractingProcesses/0/id')] = ocid;
  row[sheet.rows[1].indexOf('contractingProcesses/0/summary/nature')] = 'Construcción (ejecución de obra)';
  sheet.rows.push(row as (typeof sheet.rows)[number]);
  const nl = publisherOf('nuevo-leon', state);
  const merida = publisherOf('merida', await exampleWorkbook('merida'));
  await store.putPublisher(nl);
  await store.putPublisher(merida);
  // Mérida publishes the process, then its contract's «convenio modificatorio» raising the value.
  expect((await publish(store, { publisher: merida, workbook: await exampleWorkbook('merida'), actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
  const amended = await exampleWorkbook('merida');
  const contracts = amended.sheets.find((x) => x.name === 'Contratos')!;
  contracts.rows[2][contracts.rows[1].indexOf('contracts/0/value/amount')] = 141246841.31;
  amended.sheets.find((x) => x.name === 'Modificaciones de contrato')!.rows.push([ocid, 'DOP-LP-OP-003-2024-C1', 'CM-01', '2024-12-10', 'Volúmenes de obra mayores', 'Ampliación del monto en 10 %']);
  expect((await publish(store, { publisher: merida, workbook: amended, actor: 'system', now: '2025-08-01T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
  expect((await publish(store, { publisher: nl, workbook: state, actor: 'system', now: '2025-08-02T10:00:00-06:00', baseUrl: BASE })).status).toBe('published');
  const project = (await store.getProject((await store.getCurrent(nl.id))!.id, 'oc4ids-nl0001-NL-2023-001'))!.project;
  const linked = (project.contractingProcesses as { id: string; summary: { modifications?: unknown }; releases: { id: string }[] }[]).find((c) => c.id === ocid)!;
  expect(linked.summary.modifications).toStrictEqual([{
    id: 'CM-01', date: '2024-12-10T00:00:00-06:00', rationale: 'Volúmenes de obra mayores', description: 'Ampliación del monto en 10 %', releaseID: linked.releases[1].id,
    type: 'value', oldContractValue: { amount: 128406219.37, currency: 'MXN' }, newContractValue: { amount: 141246841.31, currency: 'MXN' },
  }]);
});
