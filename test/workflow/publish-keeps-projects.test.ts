/**
 * What a coordinator approves cannot take published data down, and the preview says what really changes (issue 16
 * walk): a workbook sent with only some projects keeps the others published; a blank workbook is refused at
 * submission and at publication; the preview of an unchanged workbook shows no project as «Modificado».
 */
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store } from '../../functions/src/store/store';
import { publish } from '../../functions/src/publication/publish';
import { submissionWork } from '../../functions/src/workflow/submission-work';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';
import { readAll } from '../../functions/src/store/read-all';
import { renderMessage } from '../../core/messages/render';

const BASE = 'http://127.0.0.1:8080';
const NOW = '2025-07-01T10:00:00-06:00';
let store: Store;
beforeEach(() => { store = openSqliteStore(':memory:'); });
afterEach(async () => { await store.close(); });

async function projectIds(publicationId: string): Promise<string[]> {
  return (await readAll((after) => store.listProjects({ publicationId, after, limit: 1000 }))).map((p) => p.id);
}

test('a workbook with only one project keeps the others published, with their summaries', async () => {
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  const first = await publish(store, { publisher, workbook, actor: 'system', now: NOW, baseUrl: BASE });
  if (first.status !== 'published') throw new Error(first.status);
  const all = await projectIds(first.publication.id);
  expect(all).toHaveLength(4);

  // Only the first project, with a new title (its sheet's other rows and the project sheets' rows of the others removed).
  const partial = await exampleWorkbook('merida');
  const kept = String(partial.sheets.find((s) => s.name === 'Proyectos')?.rows[2][0]);
  for (const sheet of partial.sheets) {
    const key = sheet.rows[1]?.indexOf('id');
    if (sheet.rows[1]?.[0] === 'id' && key === 0) sheet.rows = [sheet.rows[0], sheet.rows[1], ...sheet.rows.slice(2).filter((r) => r[0] === kept)];
  }
  setCell(partial, 'Proyectos', 0, 'title', 'Título nuevo del proyecto');
  const second = await publish(store, { publisher, workbook: partial, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
  expect(second.status).toBe('published');
  if (second.status !== 'published') return;
  expect(await projectIds(second.publication.id)).toEqual(all);
  const titles = new Map((await readAll((after) => store.listProjects({ publicationId: second.publication.id, after, limit: 1000 }))).map((p) => [p.id, p.project]));
  expect(titles.get(kept)?.title).toBe('Título nuevo del proyecto');
  // A carried project is as it was published (its summaries derived again from the same processes).
  const other = all.find((id) => id !== kept) as string;
  expect(titles.get(other)).toEqual((await store.getProject(first.publication.id, other))?.project);
  expect((await store.getCurrent('merida'))?.counts.projects).toBe(4);
});

test('a blank workbook is refused at submission and at publication, saying there is nothing to publish', async () => {
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  const blank = await exampleWorkbook('merida');
  for (const sheet of blank.sheets) if (sheet.name !== 'Configuración') sheet.rows = sheet.rows.slice(0, 2);
  const intake = await submissionWork(store).intake(blank, publisher, NOW);
  expect(intake.snapshot).toBeUndefined();
  expect(intake.findings.map(renderMessage)).toContain('El libro no tiene contrataciones ni proyectos: no hay nada que enviar ni publicar. Revise que los datos empiecen en la fila 3 de las hojas «Contrataciones» y «Proyectos».');
  const result = await publish(store, { publisher, workbook: blank, actor: 'system', now: NOW, baseUrl: BASE });
  expect(result.status).toBe('refused');
});

test('the preview of the published workbook shows nothing changed; one typed change is the only field listed', async () => {
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  await publish(store, { publisher, workbook, actor: 'system', now: NOW, baseUrl: BASE });
  const work = submissionWork(store);
  const same = await work.intake(await exampleWorkbook('merida'), publisher, NOW);
  const unchanged = (await work.preview(same.snapshot?.contentHash as string, publisher, NOW)).preview;
  expect(unchanged.projects.counts).toEqual({ new: 0, changed: 0, unchanged: 4, removed: 0 });
  expect(unchanged.processes.counts).toEqual({ new: 0, changed: 0, unchanged: 5, removed: 0 });

  const edited = await exampleWorkbook('merida');
  setCell(edited, 'Proyectos', 0, 'title', 'Título corregido');
  const once = await work.intake(edited, publisher, NOW);
  const changed = (await work.preview(once.snapshot?.contentHash as string, publisher, NOW)).preview;
  expect(changed.projects.counts).toMatchObject({ changed: 1, unchanged: 3 });
  expect(changed.projects.items[0].fields.map((f) => f.path)).toEqual(['title']);
});

test('the preview of an update lists the fields the official changed, not the release tag publication derives', async () => {
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  await publish(store, { publisher, workbook, actor: 'system', now: NOW, baseUrl: BASE });
  // A second publication tags the changed process with what changed (core/merge/update-tags: `tenderUpdate`), where
  // the workbook's converted release still carries its stages (`planning`, `tender`, `award`…).
  const retitled = await exampleWorkbook('merida');
  const ocid = String(retitled.sheets.find((s) => s.name === 'Transacciones')?.rows[2][0]);
  const row = (sheet: string) => (retitled.sheets.find((s) => s.name === sheet)?.rows.slice(2) ?? []).findIndex((r) => r[0] === ocid);
  setCell(retitled, 'Contrataciones', row('Contrataciones'), 'tender/title', 'Título corregido de la licitación');
  const second = await publish(store, { publisher, workbook: retitled, actor: 'system', now: '2025-07-02T10:00:00-06:00', baseUrl: BASE });
  if (second.status !== 'published') throw new Error(second.status);
  expect((await store.listReleases({ publicationId: second.publication.id, limit: 1000 })).items.filter((r) => r.ocid === ocid).pop()?.release.tag).toEqual(['tenderUpdate']);

  // The official changes one payment and the contract amount: those are the changes listed, nothing else.
  setCell(retitled, 'Transacciones', 0, 'contracts/0/implementation/transactions/0/value/amount', 123456.78);
  setCell(retitled, 'Contratos', row('Contratos'), 'contracts/0/value/amount', 130000000);
  const work = submissionWork(store);
  const sent = await work.intake(retitled, publisher, NOW);
  const preview = (await work.preview(sent.snapshot?.contentHash as string, publisher, NOW)).preview;
  expect(preview.processes.counts).toMatchObject({ changed: 1 });
  expect(preview.processes.items[0].fields.map((f) => f.path)).toEqual(['contracts/0/implementation/transactions/0/value/amount', 'contracts/0/value/amount']);
  expect(preview.processes.items[0].returnsTo).toBeUndefined();

  // The first workbook sent again by mistake (an older copy): its process goes back to its first release, undoing the
  // correction published since — said, with both dates, not only as one more «Modificada».
  const older = await work.intake(await exampleWorkbook('merida'), publisher, NOW);
  const back = (await work.preview(older.snapshot?.contentHash as string, publisher, NOW)).preview;
  const [jan, feb] = (await store.listReleases({ publicationId: second.publication.id, ocid, limit: 10 })).items;
  expect(back.processes.returning).toBe(1);
  expect(back.processes.items.find((i) => i.id === ocid)?.returnsTo).toEqual({ publishedAt: jan.date, undoneSince: feb.date });
  expect(jan.date).not.toBe(feb.date);
});
