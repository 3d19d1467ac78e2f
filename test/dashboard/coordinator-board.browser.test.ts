/**
 * A state coordinator's monthly look at the control board with a year of data (120 implementers of one state,
 * hundreds of sends returned, sent again, published, failed or withdrawn), in headless Chromium against the real app
 * on SQLite: Seguimiento says how many days each late implementer is past its due date (it said «Atrasado» alone,
 * and nothing at all counted for one that never published), its rows by name (they came in the order of the
 * implementers' ids), and downloads as CSV for a report; Seguimiento and the inbox printed for the board keep every column on the page (the tables
 * scrolled sideways on paper, cutting the last columns); «Volver a la bandeja» comes back to the inbox as it was
 * filtered; a send's Bitácora has its latest actions however long its implementer's log grew since it was sent, and
 * a send whose history outgrew what it keeps says so (on its page and in «Mis envíos»); the monthly report («Informe
 * mensual») gives the state's figures and each implementer's for the last month over, sorts, downloads and prints.
 */
import type { Page } from 'playwright-core';
import { describeIfChromium, downloadedText } from '../browser';
import { askedAgainUntil, closedAskingNothingOutside, proxiedTabs, signedIn as signedInAs, startReviewServer, type ReviewServer, type SharedTabs } from './review-server';
import { moveByHash } from './dashboard-server';
import { registerPublisher } from '../../functions/src/api/publisher-admin-routes';
import { publish } from '../../functions/src/publication/publish';
import type { Publisher, Submission, SubmissionStatus } from '../../functions/src/store/store';
import { BASE_URL, PUBLISHERS, projectWorkbook, xlsxOf, type UserName } from '../workflow/workflow-harness';
import { REPORT_PREPARING_RETRY_SECONDS, XLSX_MIME } from '../../core/workflow/contract';
import { calendarDate, formatDate } from '../../core/format/es-mx';
import { updateDueAt } from '../../core/workflow/update-due';
import { lastCompleteMonth, monthBounds, monthLabel, monthOf, previousMonth } from '../../core/workflow/report-month';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const DAY = 86_400_000;
const IMPLEMENTERS = 120;

const padded = (i: number): string => String(i).padStart(3, '0');
const implementer = (i: number): Publisher => ({
  id: `yuc${padded(i)}`, name: `${i % 4 === 0 ? 'Secretaría de Obras' : 'Municipio'} ${padded(i)}`, state: 'Yucatán',
  ocidPrefix: `ocds-y${padded(i)}aa`, projectIdPrefix: `oc4ids-y${padded(i)}aa`, commitment: { projects: 1 + (i % 5), periodicityDays: [30, 60, 90][i % 3] },
});

describeIfChromium('a coordinator\'s control board with a year of sends, in headless Chromium', () => {
  let srv: ReviewServer;
  let tabs: SharedTabs;
  const now = Date.now();

  beforeAll(async () => {
    // The API's answers never kept by the browser (no-store), so the tabs keep their HTTP cache from test to test.
    srv = await startReviewServer('coordinator-board-', { apiUncached: true });
    const store = srv.h.store;
    // Registered 300 days ago; a few published, long ago or recently.
    for (let i = 1; i <= IMPLEMENTERS; i++) await registerPublisher(store, implementer(i), 'admin', new Date(now - 300 * DAY));
    const publishedDaysAgo: Record<number, number> = { 5: 120, 6: 10, 9: 200 };
    for (const [i, days] of Object.entries(publishedDaysAgo)) {
      const publisher = (await store.getPublisher(implementer(Number(i)).id))!;
      expect((await publish(store, { publisher, workbook: projectWorkbook(publisher), actor: 'system', now: new Date(now - days * DAY).toISOString(), baseUrl: BASE_URL })).status).toBe('published');
    }
    // A year of sends through the store's workflow transitions, as the routes make them.
    const outcomes: SubmissionStatus[] = ['published', 'returned', 'submitted', 'published', 'withdrawn', 'failed', 'submitted'];
    let n = 0;
    for (let i = 1; i <= IMPLEMENTERS; i++) {
      for (let j = 0; j < 1 + (i % 6); j++) {
        const created = now - ((i * 37 + j * 53) % 330) * DAY - j * 3_600_000;
        const at = (later: number): string => new Date(Math.min(now - 60_000, created + later * DAY)).toISOString();
        const id = `envio-${String(n++).padStart(4, '0')}`;
        const s: Submission = {
          id, publisherId: implementer(i).id, source: { kind: 'xlsx', fileId: id.padEnd(64, '0'), name: `${id}.xlsx` }, status: 'submitted',
          history: [{ at: at(0), by: 'u-cap-mer', action: 'submitted' }], snapshot: { contentHash: id.padEnd(64, '1'), takenAt: at(0), sheets: 1, rows: 2, completeness: 80, processes: 1, projects: 1 },
          submittedBy: 'u-cap-mer', createdAt: at(0), updatedAt: at(0),
        };
        await store.createSubmission(s);
        const outcome = outcomes[(i + j) % outcomes.length];
        if (outcome === 'returned') await store.transitionSubmission(id, ['submitted'], 'returned', { at: at(2), by: 'u-og-yuc', action: 'returned', comment: 'Falta el monto del contrato.' });
        if (outcome === 'withdrawn') await store.transitionSubmission(id, ['submitted'], 'withdrawn', { at: at(1), by: 'u-cap-mer', action: 'withdrawn' });
        if (outcome === 'published' || outcome === 'failed') {
          await store.transitionSubmission(id, ['submitted'], 'approved', { at: at(3), by: 'u-og-yuc', action: 'approved' });
          await store.transitionSubmission(id, ['approved'], outcome, { at: at(3), by: 'system', action: outcome });
        }
      }
    }
    expect(n).toBeGreaterThan(400);
    // One tab for the file, which each test empties and loads afresh (sharedTabs): a context of its own for each page
    // cost a renderer's start before any work.
    tabs = proxiedTabs(srv);
  });
  afterAll(() => closedAskingNothingOutside(srv));

  /** The file's tab (on screen, not on paper: a test prints it), emptied and loaded afresh at `hash`, holding `sessionStorage`. */
  let drawn: Page | undefined;
  const visitor = async (hash: string, sessionStorage?: Record<string, string>): Promise<Page> => {
    if (drawn && !drawn.isClosed()) await drawn.emulateMedia({ media: null });
    return (drawn = await tabs.open(hash, { sessionStorage }));
  };
  /**
   * The file's tab at `hash`, signed in as `user` by its key kept in the tab as «Entrar» keeps it (the form is the
   * prepared server's test's, below): the form drawn, then the page drawn again, cost about 0.1 s of CPU a page.
   */
  const signedIn = (user: UserName, hash: string): Promise<Page> => visitor(hash, { 'infra-abierta:credencial': srv.h.bearer(user).replace(/^Bearer /, '') });
  /**
   * Seguimiento as the coordinator opens it, signed in: on the coordinator's state, as from Revisión's menu (both are
   * the page's first view in the tab); opened by its address, without drawing first an inbox of 400 sends.
   */
  const seguimiento = async (): Promise<Page> => {
    const page = await signedIn('coordinadorA', '#/seguimiento');
    await page.waitForSelector('body[data-ready] #tabla-seguimiento');
    return page;
  };
  const cells = (page: Page, name: string): Promise<string[]> => page.locator('#tabla-seguimiento tbody tr', { has: page.locator('th', { hasText: name }) }).locator('td').allTextContents();

  test('Seguimiento lists the implementers by name, says by how many days each late one is past its due date, published or never, and sorts by its headers', async () => {
    const page = await seguimiento();
    // Published 120 days ago, an update every 90 days: 30 days late.
    const late = await cells(page, 'Municipio 005');
    expect(late[0]).toBe('✗ Atrasado 30 días: publica cada 90 días');
    expect(late[7]).toBe('120');
    // Registered 300 days ago, an update every 60 days, nothing published: 240 days past its first publication's due date.
    expect((await cells(page, 'Secretaría de Obras 004'))[0]).toBe('✗ Atrasado 240 días: publica cada 60 días; aún no publica');
    // Published 200 days ago, every 30 days: 170 days late.
    expect((await cells(page, 'Municipio 009'))[0]).toBe('✗ Atrasado 170 días: publica cada 30 días');
    // Published 10 days ago, every 30 days: on time, and when its next update is due, under its last publication (to
    // remind it before it is late; the board gave the due day only of the new ones).
    const onTime = await cells(page, 'Municipio 006');
    expect(onTime[0]).toMatch(/^[✓⚠] Al día/);
    const publishedAt = new Date(now - 10 * DAY).toISOString();
    const nextDue = updateDueAt({ lastPublishedAt: publishedAt, registeredAt: new Date(now - 300 * DAY).toISOString(), periodicityDays: 30 })!;
    expect(onTime[6]).toBe(`${formatDate(publishedAt)}próxima a más tardar el ${formatDate(nextDue)}`);
    // A late one says how late instead.
    expect(late[6]).toBe(formatDate(new Date(now - 120 * DAY).toISOString()));
    // By name, not by the implementers' ids (yuc004 is a Secretaría's): the municipalities, then the Secretarías.
    const names = await page.locator('#tabla-seguimiento tbody th').evaluateAll((ths) => ths.map((th) => th.querySelector('span')?.firstChild?.textContent ?? ''));
    expect(names.slice(0, 4)).toEqual(['Municipio 001', 'Municipio 002', 'Municipio 003', 'Municipio 005']);
    expect(names.indexOf('Municipio de Mérida')).toBe(names.indexOf('Municipio 119') + 1);
    expect(names.slice(-2)).toEqual(['Secretaría de Obras 116', 'Secretaría de Obras 120']);
    // How many stand where, above the table, adding up to its rows: the board's «¿cuántos están atrasados?» was
    // counted by eye over 121 rows. Registered 300 days ago, all but three never published: late, and said so.
    const marks = (await page.locator('#tabla-seguimiento tbody td:nth-child(2)').allTextContents()).map((t) => t.trim()[0]);
    const said = /^Situación: (\d+) atrasados? \((\d+) aún no publican?\), (\d+) al día con proyectos faltantes, (\d+) nuevos? en su primer periodo y (\d+) al día y completos?\.$/.exec(await page.locator('#resumen-situacion').innerText());
    const of = (mark: string): number => marks.filter((m) => m === mark).length;
    expect(said?.slice(1).map(Number)).toEqual([of('✗'), of('✗') - 2, of('⚠'), of('◷'), of('✓')]);
    expect(of('✗') + of('⚠') + of('◷') + of('✓')).toBe(names.length);
    // The whole country: a line per state with the counts of that state's board (the national team filtered the board
    // state by state and counted its rows); none on a single state's board.
    expect(await page.locator('#por-estado').count()).toBe(0);
    const publishing = (await page.locator('#tabla-seguimiento tbody td:nth-child(8)').allTextContents()).filter((t) => !t.startsWith('Aún no publica')).length;

    // Sorted by its column headers, from the keyboard: the most late first; the order survives «Ver todos los
    // estados», and the CSV follows it.
    const namesNow = (): Promise<string[]> => page.locator('#tabla-seguimiento tbody th').evaluateAll((ths) => ths.map((th) => th.querySelector('span')?.firstChild?.textContent ?? ''));
    const situations = (): Promise<string[]> => page.locator('#tabla-seguimiento tbody td:nth-child(2)').allTextContents();
    const sorted = (): Promise<string[]> => page.locator('#tabla-seguimiento th[aria-sort]').evaluateAll((ths) => ths.map((th) => `${th.querySelector('button')?.firstChild?.textContent}: ${th.getAttribute('aria-sort')}`));
    expect(await sorted()).toEqual(['Implementador: ascending']);
    // Situación, with the keyboard: the most late first, by days past due, ties by name.
    await page.getByRole('button', { name: 'Situación' }).focus();
    await page.keyboard.press('Enter');
    expect(await sorted()).toEqual(['Situación: descending']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('orden-situacion');
    expect(page.url()).toContain('orden=situacion&dir=desc');
    const pastDue = (await situations()).map((t) => Number(/^✗ Atrasado (\d+) días?/.exec(t)?.[1] ?? -1));
    expect(pastDue[0]).toBe(270);
    expect(pastDue.filter((d) => d >= 0)).toEqual(pastDue.filter((d) => d >= 0).sort((a, b) => b - a));
    // The late ones come before every one that is not.
    expect(pastDue.slice(0, pastDue.filter((d) => d >= 0).length).every((d) => d >= 0)).toBe(true);
    expect((await namesNow())[0]).toBe('Municipio 003');
    // Again: the other way, the ones on time first.
    await page.keyboard.press('Enter');
    expect(await sorted()).toEqual(['Situación: ascending']);
    expect((await situations())[0]).not.toMatch(/^✗/);
    // Próxima actualización (a button above the table: one more column did not fit the printed board): the soonest due
    // first, for a coordination that reminds implementers before they are late; the late ones, whose day has passed,
    // before them, the most late first. Each row says its due day: under «Última publicación», or as new.
    const nextUpdate = page.getByRole('button', { name: 'Ordenar por próxima actualización' });
    expect(await nextUpdate.getAttribute('aria-pressed')).toBe('false');
    await nextUpdate.click();
    expect(page.url()).toContain('orden=proxima-actualizacion&dir=asc');
    expect(await nextUpdate.getAttribute('aria-pressed')).toBe('true');
    const rowTexts = await page.locator('#tabla-seguimiento tbody tr').allTextContents();
    const lateDays = rowTexts.map((t) => Number(/Atrasado (\d+) días?/.exec(t)?.[1] ?? -1));
    const lateCount = lateDays.filter((d) => d >= 0).length;
    expect(lateDays.slice(0, lateCount)).toEqual(lateDays.filter((d) => d >= 0).sort((a, b) => b - a));
    const dueOn = rowTexts.slice(lateCount).map((t) => /a más tardar el (\d\d)\/(\d\d)\/(\d{4})/.exec(t)).map((m) => (m ? `${m[3]}-${m[2]}-${m[1]}` : '~'));
    expect(dueOn.length).toBeGreaterThan(0);
    expect(dueOn).toEqual([...dueOn].sort());
    expect(dueOn).toContain(nextDue.slice(0, 10));
    expect((await namesNow())[0]).toBe('Municipio 003');
    // Days without an update, the longest first: published 200 days ago; those never updated go last.
    await page.getByRole('button', { name: 'Días sin actualizar' }).click();
    expect(await sorted()).toEqual(['Días sin actualizar: descending']);
    expect((await namesNow()).slice(0, 2)).toEqual(['Municipio 009', 'Municipio 005']);
    // Pendientes: how much each publication still lacks, counted when it was published; the most first, those that
    // have published nothing last. Each count links its list, which lists as many.
    const pendingOf = async (id: string): Promise<{ points: number; documents: number }> => (await srv.h.store.getCurrent(id))!.counts.pending!;
    const totals = await Promise.all(['yuc005', 'yuc006', 'yuc009'].map(async (id) => { const p = await pendingOf(id); return p.points + p.documents; }));
    expect(Math.min(...totals)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pendientes', exact: true }).click();
    expect(await sorted()).toEqual(['Pendientes: descending']);
    const pendingShown = (await page.locator('#tabla-seguimiento tbody td:nth-child(5)').allTextContents()).slice(0, 4);
    const linked = (await page.locator('#tabla-seguimiento tbody td:nth-child(5) a.pendientes').allTextContents()).slice(0, 3);
    expect(linked.map((t) => Number(t.replace(/,/g, '')))).toEqual([...totals].sort((a, b) => b - a));
    expect(pendingShown[3]).toBe('Aún no publica');
    const own = await pendingOf('yuc005');
    const link = page.getByRole('link', { name: /^Pendientes por completar de Municipio 005:/ });
    expect(await link.getAttribute('aria-label')).toBe(`Pendientes por completar de Municipio 005: ${own.points + own.documents} (${own.points === 1 ? '1 dato CoST IDS' : `${own.points} datos CoST IDS`}, ${own.documents === 1 ? '1 documento clave' : `${own.documents} documentos clave`})`);
    await link.click();
    await page.waitForSelector('body[data-ready] #tabla-pendientes');
    expect(await page.locator('#cuenta-pendientes').textContent()).toMatch(new RegExp(`^${own.points + own.documents} pendientes?:`));
    await page.goBack();
    await page.waitForSelector('body[data-ready] #tabla-seguimiento');
    await page.getByRole('button', { name: 'Días sin actualizar' }).click();
    expect(await sorted()).toEqual(['Días sin actualizar: descending']);
    // Every state: the order stays.
    await page.getByRole('button', { name: 'Ver todos los estados' }).click();
    await page.locator('#estado-propio a').waitFor();
    expect(await page.evaluate(() => document.location.hash)).toBe('#/seguimiento?orden=dias-sin-actualizar&dir=desc');
    expect(await sorted()).toEqual(['Días sin actualizar: descending']);
    expect((await namesNow()).slice(0, 2)).toEqual(['Municipio 009', 'Municipio 005']);
    // The CSV in the order shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar CSV de la tabla de seguimiento' }).click()]);
    const lines = (await downloadedText(download)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines.slice(1, 3).map((l) => l.split(',')[0])).toEqual(['yuc009', 'yuc005']);
    // The administration, on the whole country (last: the tab is shared, and this signs it in as another account).
    const country = await signedIn('admin', '#/seguimiento');
    await country.waitForSelector('body[data-ready] #tabla-por-estado');
    const yucatan = await country.locator('#tabla-por-estado tbody tr', { has: country.locator('th', { hasText: 'Yucatán' }) }).locator('td').allTextContents();
    expect(yucatan.slice(0, 7)).toEqual([names.length, publishing, of('✗'), of('✗') - 2, of('⚠'), of('◷'), of('✓')].map(String));
    expect(await country.locator('#tabla-por-estado tbody th').allTextContents()).toContain('Nuevo León');
    // On paper, every column on an A4 page's width, as the implementers' table.
    await country.emulateMedia({ media: 'print' });
    await country.setViewportSize({ width: 718, height: 1000 });
    expect(await country.evaluate(() => { const wrap = document.querySelector('#tabla-por-estado'); return wrap.scrollWidth > wrap.clientWidth + 1; })).toBe(false);
  });

  test('Seguimiento\'s table downloads as CSV for the board\'s report: the rows shown, days late and dates a spreadsheet reads', async () => {
    const page = await seguimiento();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar CSV de la tabla de seguimiento' }).click()]);
    expect(download.suggestedFilename()).toBe('seguimiento.csv');
    const lines = (await downloadedText(download)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('clave,implementador,estado,situacion,dias_de_atraso,periodicidad_dias,proyectos_comprometidos,proyectos_publicados,pendientes_datos_cost_ids,pendientes_documentos_clave,envios_aprobados,envios_por_revisar,ultima_publicacion,confirmada_sin_cambios,dias_sin_actualizar,etapa_E.1,etapa_E.2,etapa_E.3,etapa_E.4,etapa_E.5,etapa_E.6,etapa_E.7,proxima_actualizacion,intentos_rechazados_7_dias');
    // The coordinator's state, by name, as the table shows it.
    expect(lines).toHaveLength(1 + IMPLEMENTERS + 1);
    expect(lines[1].startsWith('yuc001,Municipio 001,')).toBe(true);
    // Published 120 days ago, every 90: 30 days late; two sends published, two in review and one whose publication failed.
    const pending = (await srv.h.store.getCurrent('yuc005'))!.counts.pending!;
    expect(lines.find((l) => l.startsWith('yuc005,'))).toBe(`yuc005,Municipio 005,Yucatán,Atrasado 30 días: publica cada 90 días,30,90,1,1,${pending.points},${pending.documents},2,3,${calendarDate(new Date(now - 120 * DAY).toISOString())},,120,,,,,,,,${updateDueAt({ lastPublishedAt: new Date(now - 120 * DAY).toISOString(), registeredAt: null, periodicityDays: 90 })},0`);
    // A situation with «;» is quoted: a spreadsheet of a «;» region reads it as one cell (core/format/formula-safety.ts).
    expect(lines.find((l) => l.startsWith('yuc004,'))).toBe(`yuc004,Secretaría de Obras 004,Yucatán,"Atrasado 240 días: publica cada 60 días; aún no publica",240,60,5,0,,,1,2,,,,,,,,,,,${updateDueAt({ lastPublishedAt: null, registeredAt: new Date(now - 300 * DAY).toISOString(), periodicityDays: 60 })},0`);

    // «Por revisar» leads its coordinator to those sends: the inbox with the implementer chosen, not a list of 120 to
    // look it up in (dashboard/src/review/inbox-link.ts). Municipio 005's three: two in review, one whose publication failed.
    const toReview = page.locator('#tabla-seguimiento tbody tr', { has: page.locator('th', { hasText: 'Municipio 005' }) }).locator('a.por-revisar');
    expect(await toReview.getAttribute('aria-label')).toBe('3 envíos por revisar de Municipio 005: abrirlos en la bandeja');
    await toReview.click();
    await page.waitForSelector('body[data-ready] #bandeja tbody tr');
    expect(await page.locator('#filtro-implementador').inputValue()).toBe('yuc005');
    expect(await page.locator('#bandeja caption').textContent()).toMatch(/^Envíos \(3\), el más antiguo primero/);
  });

  test('printed for the board, Seguimiento and the inbox keep every column on the page, without the site\'s menu', async () => {
    // A4 portrait at 96 dpi less Chromium's default margins.
    const onPaper = async (page: Page): Promise<{ cut: string[]; hints: number; menu: boolean }> => {
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 718, height: 1000 });
      type Box = { scrollWidth: number; clientWidth: number; getClientRects(): { length: number }; querySelector(s: string): { textContent: string | null } | null };
      return page.evaluate(() => ({
        cut: (Array.from(document.querySelectorAll('main .table-wrap')) as Box[]).filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.querySelector('caption')?.textContent ?? ''),
        hints: (Array.from(document.querySelectorAll('.scroll-hint')) as Box[]).filter((e) => e.getClientRects().length > 0).length,
        menu: (document.querySelector('#menu') as Box).getClientRects().length > 0,
      }));
    };
    const board = await seguimiento();
    expect(await onPaper(board)).toEqual({ cut: [], hints: 0, menu: false });
    // What a closed disclosure holds is on paper too: each implementer's stages and their dates, not «0 de 7» alone.
    const stages = board.locator('#tabla-seguimiento tbody tr').first().locator('details.etapas li');
    expect(await stages.count()).toBe(7);
    expect(await stages.evaluateAll((lis) => lis.filter((li) => (li as unknown as { checkVisibility(): boolean }).checkVisibility()).length)).toBe(7);
    // The columns' titles are their sorting buttons: printed, as titles (the page's buttons are left out).
    expect(await board.locator('#tabla-seguimiento thead th').evaluateAll((ths) => ths.map((th) => (th as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()))).toEqual(['Implementador', 'Situación', 'Comprometidos', 'Publicados', 'Pendientes', 'Envíos aprobados', 'Por revisar', 'Última publicación', 'Días sin actualizar', 'Etapas del programa']);

    // The inbox, on screen again, reached by the app's own navigation in the same tab (signed in as the same
    // coordinator): a fresh load of the app cost about 0.3 s of CPU more.
    await board.emulateMedia({ media: null });
    await board.setViewportSize({ width: 1200, height: 900 });
    await moveByHash(board, '#/revision', '#bandeja tbody tr');
    const inbox = board;
    expect(await inbox.locator('#bandeja caption').textContent()).toMatch(/^Envíos \(\d+\), el más antiguo primero/);
    expect(await onPaper(inbox)).toEqual({ cut: [], hints: 0, menu: false });
  });

  test('Acerca counts the many registered implementers that do not publish yet, and names none of them', async () => {
    // Over a hundred registered ahead of their first publication: a note naming them all buried the page.
    const page = await visitor('#/acerca');
    await page.waitForSelector('body[data-ready] #sin-publicar');
    const { publishers } = await (await fetch(`${srv.base}/api/publishers`)).json() as { publishers: { currentPublication: unknown }[] };
    const waiting = publishers.filter((p) => !p.currentPublication).length;
    expect(waiting).toBeGreaterThan(100);
    expect(await page.locator('#sin-publicar').textContent()).toBe(`${waiting} implementadores registrados aún no publican datos. Su avance está en Seguimiento.`);
  });

  test('past the pages the inbox and «Mis envíos» read, the newest sends are there and the oldest are the ones left out', async () => {
    // The pages read are ten of 1,000: here ten of 20 (the server's answers are real, the page asks for fewer), so a
    // year of sends (over 400 in the state) is more than the page reads.
    const all = (await srv.h.store.listSubmissions({ limit: 1000 })).items.filter((x) => x.publisherId.startsWith('yuc') || x.publisherId === 'mer');
    expect(all.length).toBeGreaterThan(200);
    const byCreation = [...all].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const [oldest, newest] = [byCreation[0], byCreation[byCreation.length - 1]].map((x) => x.source.name);
    // Signed in on a page that reads no sends; the inbox then reached by the app's own navigation, its requests
    // rewritten: drawing the inbox of 400 sends first, then loading the app again, cost about 0.5 s of CPU more.
    const page = await signedIn('coordinadorA', '#/acerca');
    await page.waitForSelector('body[data-ready] main h1');
    await page.route('**/api/submissions?*', (r) => r.continue({ url: r.request().url().replace('limit=1000', 'limit=20') }));
    await moveByHash(page, '#/revision?situacion=', '#bandeja');
    expect(await page.locator('#bandeja caption').textContent()).toMatch(/^Envíos \(200\)/);
    expect(await page.locator('#hay-mas').textContent()).toBe('Se muestran los 200 envíos más recientes; hay más.');
    expect(await page.locator(`#bandeja a[aria-label$="«${newest}»"]`).count()).toBe(1);
    expect(await page.locator(`#bandeja a[aria-label$="«${oldest}»"]`).count()).toBe(0);
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.goto(`${srv.base}/#/mis-envios`);
    await page.waitForSelector('body[data-ready] article.envio');
    expect(await page.locator('#hay-mas').textContent()).toBe('Se muestran los 200 envíos más recientes; hay más.');
    expect(await page.locator('article.envio h2', { hasText: `«${newest}»` }).count()).toBe(1);
    expect(await page.locator('article.envio h2', { hasText: `«${oldest}»` }).count()).toBe(0);
  });

  test('one implementer\'s published sends: opened one after another, «Volver a la bandeja» comes back to them', async () => {
    const page = await signedIn('coordinadorA', '#/revision');
    await page.waitForSelector('body[data-ready] #bandeja tbody tr');
    await page.locator('#filtro-implementador').selectOption({ label: 'Municipio 005' });
    await page.locator('#filtro-situacion').selectOption({ label: 'Publicado' });
    const caption = page.locator('#bandeja caption');
    await caption.filter({ hasText: /^Envíos \(2\)/ }).waitFor();
    const ids = await page.locator('#bandeja tbody th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')?.split('?')[0]));
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      await page.locator(`#bandeja tbody th a[href="${id}"], #bandeja tbody th a[href^="${id}?"]`).click();
      await page.waitForSelector('body[data-ready] #situacion');
      await page.getByRole('link', { name: '← Volver a la bandeja' }).click();
      await page.waitForSelector('body[data-ready] #bandeja');
      expect(await caption.textContent()).toMatch(/^Envíos \(2\), el más antiguo primero/);
      expect(await page.locator('#filtro-implementador').evaluate((el) => (el as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0].text)).toBe('Municipio 005');
      expect(await page.locator('#filtro-situacion').evaluate((el) => (el as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0].text)).toBe('Publicado');
    }
  });

  test('a send\'s Bitácora has its latest actions however busy its implementer was since it was sent', async () => {
    // Sent through the API; then 1,200 entries of the institution's other sends (three a day for a year of a busy
    // official); then returned, through the API.
    const sent = await fetch(`${srv.base}/api/submissions?publisher=mer&archivo=${encodeURIComponent('obra 2026.xlsx')}`, { method: 'POST', headers: { authorization: srv.h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(PUBLISHERS[0])) });
    expect(sent.status).toBe(201);
    const { submission } = (await sent.json()) as { submission: { id: string; createdAt: string } };
    const from = Date.parse(submission.createdAt);
    for (let k = 0; k < 1200; k++) await srv.h.store.appendAudit({ at: new Date(from + 1 + k).toISOString(), actor: 'u-cap-mer', action: 'submission.created', target: `submission/otro-${k}`, publisherId: 'mer', details: {} });
    while (Date.now() <= from + 1200) await new Promise((r) => setTimeout(r, 50));
    const returned = await fetch(`${srv.base}/api/submissions/${submission.id}/return`, { method: 'POST', headers: { authorization: srv.h.bearer('coordinadorA'), 'content-type': 'application/json' }, body: JSON.stringify({ comment: 'Falta la fecha de inicio.' }) });
    expect(returned.status).toBe(200);

    const page = await signedIn('coordinadorA', `#/revision/${submission.id}`);
    const log = page.locator('section[aria-labelledby="titulo-bitacora"] tbody');
    await log.waitFor();
    expect(await log.locator('tr td:nth-child(2)').allTextContents()).toEqual(['Envió a revisión', 'Devolvió con comentarios']);
  });

  test('a send returned and sent again round after round says that its history and comments are not all there', async () => {
    const store = srv.h.store;
    const at = (minute: number): string => new Date(now - 200 * DAY + minute * 3_600_000).toISOString();
    const id = 'ida-y-vuelta';
    await store.createSubmission({
      id, publisherId: 'mer', source: { kind: 'xlsx', fileId: id.padEnd(64, '0'), name: 'obra publica.xlsx' }, status: 'submitted',
      history: [{ at: at(0), by: 'u-cap-mer', action: 'submitted' }], createdAt: at(0), updatedAt: at(0), submittedBy: 'u-cap-mer',
      snapshot: { contentHash: id.padEnd(64, '1'), takenAt: at(0), sheets: 1, rows: 2, completeness: 80, processes: 1, projects: 1 },
    });
    for (let round = 1; round <= 30; round++) {
      await store.transitionSubmission(id, ['submitted'], 'returned', { at: at(2 * round - 1), by: 'u-og-yuc', action: 'returned', comment: `Ronda ${round}: revise los montos.` });
      await store.transitionSubmission(id, ['returned'], 'submitted', { at: at(2 * round), by: 'u-cap-mer', action: 'resubmitted' });
    }
    await store.transitionSubmission(id, ['submitted'], 'withdrawn', { at: at(61), by: 'u-cap-mer', action: 'withdrawn' });
    const earlier = (await store.getSubmission(id))?.earlierEntries ?? 0;
    expect(earlier).toBeGreaterThan(0);
    const said = `Se muestran el primer envío y las entradas más recientes: ${earlier} entradas intermedias ya no se guardan en este envío, ni sus comentarios.`;

    const og = await signedIn('coordinadorA', `#/revision/${id}`);
    await og.locator('#historial-incompleto').waitFor();
    expect(await og.locator('#historial-incompleto').textContent()).toBe(`${said} Todas están en la bitácora, abajo.`);

    const official = await signedIn('capturistaA', '#/mis-envios');
    const card = official.locator('article.envio', { hasText: 'obra publica.xlsx' });
    await card.waitFor();
    expect(await card.locator('.historial-incompleto').textContent()).toBe(said);
  });

  test('«Informe mensual»: last month\'s sends of the state and of each implementer — returned and sent again, waiting since before, decided at 21:00 on its last day — sorted, as CSV and on paper', async () => {
    const store = srv.h.store;
    const month = lastCompleteMonth(Date.now());
    const { start, end } = monthBounds(month);
    const HOUR = 3_600_000;
    // Day `d` of the month at `h` o'clock, Mexico City (its months start at its midnight).
    const at = (d: number, h: number): string => new Date(Date.parse(start) + (d - 1) * DAY + h * HOUR).toISOString();
    const lastDay = Math.round((Date.parse(end) - Date.parse(start)) / DAY);
    // As the routes make them: the step in the submission's history, then the audit log's entry.
    const send = async (id: string, publisherId: string, when: string): Promise<void> => {
      await store.createSubmission({ id, publisherId, source: { kind: 'xlsx', fileId: id.padEnd(64, '0'), name: `${id}.xlsx` }, status: 'submitted', history: [{ at: when, by: 'u-cap-mer', action: 'submitted' }], createdAt: when, updatedAt: when });
      await store.appendAudit({ at: when, actor: 'u-cap-mer', action: 'submission.created', target: `submission/${id}`, publisherId, details: {} });
    };
    const step = async (id: string, publisherId: string, when: string, from: SubmissionStatus[], to: SubmissionStatus, action: string, audit = `submission.${action}`): Promise<void> => {
      await store.transitionSubmission(id, from, to, { at: when, by: 'u-og-yuc', action });
      await store.appendAudit({ at: when, actor: 'u-og-yuc', action: audit, target: `submission/${id}`, publisherId, details: {} });
    };
    // Municipio 018: sent the 3rd, returned the 5th, sent again the 8th, approved and published the 10th.
    await send('informe-a', 'yuc018', at(3, 10));
    await step('informe-a', 'yuc018', at(5, 10), ['submitted'], 'returned', 'returned');
    await step('informe-a', 'yuc018', at(8, 10), ['returned'], 'submitted', 'resubmitted');
    await step('informe-a', 'yuc018', at(10, 10), ['submitted'], 'approved', 'approved');
    await step('informe-a', 'yuc018', at(10, 11), ['approved'], 'published', 'published');
    await store.appendAudit({ at: at(10, 11), actor: 'u-og-yuc', action: 'publication.published', target: 'publication/informe-a', publisherId: 'yuc018', details: {} });
    // Secretaría de Obras 024: sent five days before the month began and still waiting; another sent the 20th and withdrawn.
    await send('informe-b', 'yuc024', at(-4, 12));
    await send('informe-c', 'yuc024', at(20, 9));
    await step('informe-c', 'yuc024', at(21, 9), ['submitted'], 'withdrawn', 'withdrawn');
    // Municipio 042: sent the 2nd, approved at 21:00 on the month's last day (the next month's in UTC).
    await send('informe-d', 'yuc042', at(2, 9));
    await step('informe-d', 'yuc042', at(lastDay, 21), ['submitted'], 'approved', 'approved');

    const page = await signedIn('coordinadorA', '#/informe-mensual');
    await page.waitForSelector('body[data-ready] #tabla-informe');
    // A coordinator's menu offers it (as its current page).
    expect(await page.locator('#menu a[aria-current="page"]').textContent()).toBe('Informe mensual');
    expect(await page.locator('#titulo-informe').textContent()).toBe(`Yucatán, ${monthLabel(month)}`);
    const row = (name: string): Promise<string[]> => page.locator('#tabla-informe tbody tr', { has: page.locator('th', { hasText: name }) }).locator('td').allTextContents();
    // Received, approved, returned, withdrawn, waiting, longest wait, median review, publications, refused attempts:
    // counted from the server's first daily job or refusal (this run's), so last month has none to give: «—», not 0.
    const refused = '—';
    expect(await row('Municipio 018')).toEqual(['2', '1', '1', '0', '0', '—', '2', '1', refused]);
    // Its one send, returned and sent again, is two received: the note says so (a coordinator's board read 4 sends of one workbook).
    expect(await page.locator('#nota-informe').textContent()).toContain('«Envíos recibidos» cuenta cada envío y cada versión nueva de uno devuelto: un libro devuelto y enviado de nuevo cuenta dos veces.');
    expect(await row('Secretaría de Obras 024')).toEqual(['1', '0', '0', '1', '1', String(lastDay - 1 + 5), '—', '0', refused]);
    expect(await row('Municipio 042')).toEqual(['1', '1', '0', '0', '0', '—', String(lastDay - 2), '0', refused]);
    expect(await row('Secretaría de Obras 036')).toEqual(['0', '0', '0', '0', '0', '—', '—', '0', refused]);
    expect(await page.locator('#nota-rechazados').textContent()).toBe(`«Intentos rechazados»: envíos que la plataforma no recibió por errores en el libro, que no llegan a la bandeja: en ${monthLabel(month)} la plataforma todavía no los contaba, así que este informe no tiene esa cifra (no es que no hubiera).`);
    expect(await page.locator('#sin-publicar summary').textContent()).toMatch(new RegExp(`^No publicaron nada en ${monthLabel(month)}: \\d+ implementadores de 121$`));
    expect(await page.locator('#sin-publicar').textContent()).toContain('Secretaría de Obras 036');
    expect(await page.locator('#tabla-informe tfoot th').textContent()).toBe('Total de Yucatán');

    // Sorted by received, the most first, from its header: Municipio 018's two.
    await page.getByRole('button', { name: 'Envíos recibidos' }).click();
    expect(await page.locator('#tabla-informe th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('#tabla-informe tbody th').first().textContent()).toBe('Municipio 018');
    expect(page.url()).toContain('orden=recibidos&dir=desc');

    // The CSV in that order, the state's total last.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar CSV del informe mensual' }).click()]);
    expect(download.suggestedFilename()).toBe(`informe-mensual-yucatan-${month}.csv`);
    const text = await downloadedText(download);
    expect(text.startsWith('\uFEFFmes,estado,clave,implementador,envios_recibidos,aprobados,devueltos_con_comentarios,retirados,en_espera_al_cierre,espera_mas_larga_dias,decisiones_con_tiempo_de_revision,mediana_dias_de_revision,publicaciones,confirmaciones_sin_cambios,intentos_rechazados,intentos_rechazados_desde,intentos_rechazados_hasta\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[1]).toMatch(new RegExp(`^${month},Yucatán,yuc018,Municipio 018,2,1,1,0,0,,2,2,1,0,,,$`));
    expect(lines).toHaveLength(1 + 121 + 1);
    expect(lines[lines.length - 1].startsWith(`${month},Yucatán,,Total de Yucatán,`)).toBe(true);

    // On paper: the figures and the table, every column on the page; no menu, choosers or buttons.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 718, height: 1000 });
    expect(await page.evaluate(() => {
      const wrap = document.querySelector('#tabla-informe');
      return { cut: wrap.scrollWidth > wrap.clientWidth + 1, chooser: document.querySelector('#mes').getClientRects().length, figures: document.querySelector('#cifras-informe').getClientRects().length > 0 };
    })).toEqual({ cut: false, chooser: 0, figures: true });

    // The national team, with no state chosen: every state's month on one page, each line the «Total» of that
    // state's own report (it opened 32 reports and added their CSVs up by hand), and the CSV with the same columns,
    // each state's line the last of its own file.
    const total = await page.locator('#tabla-informe tfoot td').allTextContents();
    const admin = await signedIn('admin', '#/informe-mensual');
    await admin.waitForSelector('body[data-ready] #tabla-estados');
    expect(await admin.locator('#titulo-informe').textContent()).toBe(`Todos los estados, ${monthLabel(month)}`);
    const yucatan = admin.locator('#tabla-estados tbody tr', { has: admin.locator('th', { hasText: 'Yucatán' }) });
    expect(await yucatan.locator('td').allTextContents()).toEqual(['121', expect.stringMatching(/^\d+$/), ...total]);
    // The queue waiting longest, with its state: Secretaría de Obras 024's send, from five days before the month.
    expect(await admin.locator('#cifras-informe').textContent()).toContain(`el más antiguo, ${lastDay - 1 + 5} días (Yucatán)`);
    expect(await admin.locator('#estado-informe').inputValue()).toBe('');
    const [national] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Descargar CSV del informe mensual de todos los estados' }).click()]);
    expect(national.suggestedFilename()).toBe(`informe-mensual-todos-los-estados-${month}.csv`);
    const nationalLines = (await downloadedText(national)).trimEnd().split('\r\n');
    expect(nationalLines[0]).toBe(lines[0]);
    expect(nationalLines).toContain(lines[lines.length - 1]);
    expect(nationalLines.find((l) => l.includes(',Nuevo León,'))).toMatch(new RegExp(`^${month},Nuevo León,,Total de Nuevo León,`));
    // On paper, every column on the page, as the state's report.
    await admin.emulateMedia({ media: 'print' });
    expect(await admin.evaluate(() => { const wrap = document.querySelector('#tabla-estados'); return wrap.scrollWidth > wrap.clientWidth + 1; })).toBe(false);
    await admin.emulateMedia({ media: 'screen' });
    // A state's name opens its own report.
    await yucatan.getByRole('link', { name: 'Yucatán' }).click();
    await admin.locator('#titulo-informe', { hasText: `Yucatán, ${monthLabel(month)}` }).waitFor();
    expect(await admin.locator('#tabla-informe tfoot td').allTextContents()).toEqual(total);
  });

  test('«Informe mensual» of a month before any implementer of the state was registered says so, not that all of them published', async () => {
    // Monterrey, Nuevo León's one implementer, registered at the start of this month: none in the last one's report.
    const mty = (await srv.h.store.getPublisher('mty'))!;
    await srv.h.store.putPublisher({ ...mty, registeredAt: monthBounds(monthOf(Date.now())).start });
    const month = lastCompleteMonth(Date.now());
    const page = await signedIn('coordinadorB', '#/informe-mensual');
    await page.waitForSelector('body[data-ready] #tabla-informe');
    const none = `Al cierre de ${monthLabel(month)} no había implementadores registrados en Nuevo León.`;
    expect(await page.locator('#sin-publicar').textContent()).toBe(none);
    expect(await page.locator('#tabla-informe tbody').textContent()).toBe(none);
    // Another month chosen from the keyboard: the report drawn again is said, the focus kept on the chooser.
    const current = monthOf(Date.now());
    await page.locator('#mes').focus();
    await page.keyboard.press('ArrowUp');
    const said = `Informe de Nuevo León, ${monthLabel(current)} (en curso): 0 envíos recibidos, 0 aprobados, 0 devueltos y 0 en espera.`;
    await page.waitForFunction((text) => document.getElementById('anuncio')?.textContent === text, said, { timeout: 5_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mes');
    await srv.h.store.putPublisher(mty);
  });

  test('«Informe mensual» the first time after an upgrade, with more log than one answer can go through: «se está preparando», and then the report by itself', async () => {
    // No time to spare for making month closes: each answer gets through one page of an implementer's log.
    const prep = await startReviewServer('informe-preparando-', { sharing: srv, reportBudgetMs: 0 });
    try {
      const store = prep.h.store;
      const month = lastCompleteMonth(Date.now());
      await store.putPublisher({ ...implementer(7), registeredAt: new Date(now - 4 * 365 * DAY).toISOString() });
      // Three years of sends, approved and published, each step with its notice: about 1,500 entries (a page is 1,000).
      let m = month;
      for (let k = 0; k < 36; k++, m = previousMonth(m)) {
        const start = Date.parse(monthBounds(m).start);
        for (let j = 0; j < 7; j++) {
          for (const [h, action] of [[10, 'created'], [12, 'approved'], [13, 'published']] as const) {
            const at = new Date(start + (2 + 3 * j) * DAY + h * 3_600_000).toISOString();
            await store.appendAudit({ at, actor: 'u', action: `submission.${action}`, target: `submission/${m}-${j}`, publisherId: 'yuc007', details: {} });
            await store.appendAudit({ at, actor: 'system', action: 'notification.sent', target: `submission/${m}-${j}`, publisherId: 'yuc007', details: { kind: action } });
          }
        }
      }
      const page = await signedInAs(prep, 'coordinadorA', '#/informe-mensual', { clock: true });
      const note = page.locator('#informe-preparando');
      await note.waitFor();
      expect(await note.getAttribute('role')).toBe('status');
      expect(await note.textContent()).toBe(`El informe de ${monthLabel(month)} de Yucatán aún se está preparando: la plataforma recorre por primera vez la bitácora completa de cada implementador (lo hace una sola vez, después de una actualización). Van 1 de 2 implementadores. Vuelva a consultarlo en unos segundos: sigue donde se quedó. Esta página lo vuelve a pedir sola cada 5 segundos.`);
      // No table, nor figures, while it is being prepared; then the whole report, without anyone asking again.
      expect(await page.locator('#tabla-informe, #cifras-informe').count()).toBe(0);
      await askedAgainUntil(page, page.locator('body[data-ready] #tabla-informe'), REPORT_PREPARING_RETRY_SECONDS * 1000);
      expect(await page.locator('#informe-preparando').count()).toBe(0);
      const row = await page.locator('#tabla-informe tbody tr', { has: page.locator('th', { hasText: 'Municipio 007' }) }).locator('td').allTextContents();
      // Received, approved, returned, withdrawn, waiting, longest wait, median review, publications (none: notices and steps only).
      // And its refused attempts: not counted yet when last month ended (this server counts from its start): «—», not 0.
      expect(row).toEqual(['7', '7', '0', '0', '0', '—', '0', '0', '—']);
      await page.context().close();
    } finally {
      await prep.close();
    }
  });
});
