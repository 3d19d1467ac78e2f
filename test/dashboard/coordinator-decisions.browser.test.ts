/**
 * A coordinator works through an institution's sends in headless Chromium against the real app (SQLite, self-hosted
 * API tokens, the built dashboard): signs in, opens the inbox, returns the oldest send with a comment, approves the
 * newest; the send in between, older than the approved one, is flagged in the inbox with when that one was sent
 * (es-MX) and its page offers no «Aprobar»; a page opened before the approval, clicked after it, says why and is
 * drawn again. The official's *Mis envíos* lists the sends by latest activity, and talks about a send a newer upload
 * replaced as replaced.
 */
import * as path from 'path';
import type { Page } from 'playwright-core';
import { keptScreenshot, describeIfChromium, downloadedText } from '../browser';
import { closedAskingNothingOutside, proxiedTabs, startReviewServer, type ReviewServer, type SharedTabs } from './review-server';
import { projectWorkbook, PUBLISHERS, xlsxOf, type UserName } from '../workflow/workflow-harness';
import { WORKBOOK_JSON_MIME, XLSX_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { formatNumber, formatTimestamp } from '../../core/format/es-mx';
import { newerApprovedText } from '../../core/workflow/newer-approved';

const [MER, MTY] = PUBLISHERS;

describeIfChromium('a coordinator decides on several sends of one institution', () => {
  let srv: ReviewServer;
  let tabs: SharedTabs;
  beforeAll(async () => {
    // The API's answers never kept by the browser (no-store), so the tabs keep their HTTP cache from test to test.
    srv = await startReviewServer('coordinator-decisions-', { apiUncached: true });
    // The file's tabs, which each test empties and loads afresh (sharedTabs): a context of its own for each page cost a
    // renderer's start before any work.
    tabs = proxiedTabs(srv);
  });
  afterAll(() => closedAskingNothingOutside(srv));

  type Sent = { id: string; snapshot: { takenAt: string } };
  async function upload(title: string, name: string, bytes?: Buffer): Promise<Sent> {
    const res = await fetch(`${srv.base}/api/submissions?publisher=mer&archivo=${encodeURIComponent(name)}`, {
      method: 'POST', headers: { authorization: srv.h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: bytes ?? await xlsxOf(projectWorkbook(MER, { title })),
    });
    expect(res.status).toBeLessThan(300);
    // Sent one after the other, a moment apart, as by the clock.
    await new Promise((r) => setTimeout(r, 20));
    return ((await res.json()) as { submission: Sent }).submission;
  }

  const key = (user: UserName): string => srv.h.bearer(user).replace(/^Bearer /, '');
  /**
   * Tab `tab` of the file (1 for a second page at once), emptied and loaded afresh at `hash`, signed in as `user` by
   * its key kept in the tab as «Entrar» keeps it: the form drawn, then the page drawn again, cost about 0.1 s of CPU a
   * page. `form`: from the sign-in form the page shows, «Entrar» (which the server writes to the Bitácora).
   */
  const signedIn = async (user: UserName, hash: string, tab = 0, { form = false } = {}): Promise<Page> => {
    if (!form) return tabs.open(hash, { tab, sessionStorage: { 'infra-abierta:credencial': key(user) } });
    const page = await tabs.open(hash, { tab });
    await page.getByLabel('Clave de acceso').fill(key(user));
    await page.getByRole('button', { name: 'Entrar' }).click();
    return page;
  };
  const open = async (page: Page, hash: string, ready: string): Promise<void> => {
    await page.evaluate(() => (globalThis as unknown as { document: { body: { removeAttribute(n: string): void } } }).document.body.removeAttribute('data-ready'));
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector(`body[data-ready] ${ready}`);
  };

  test('return the oldest, approve the newest; the one in between is flagged before it is opened, and a stale page says why', async () => {
    const first = await upload('Parque del Centro', 'parque uno.xlsx');
    const middle = await upload('Parque del Centro, con alumbrado', 'parque dos.xlsx');
    const last = await upload('Parque del Centro, con alumbrado y bancas', 'parque tres.xlsx');

    const og = await signedIn('coordinadorA', '#/revision', 0, { form: true });
    const rows = og.locator('#bandeja tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    expect(await og.locator('#bandeja').textContent()).not.toContain('No se puede aprobar');

    // The oldest: returned with a comment.
    await og.getByRole('link', { name: `Revisar el envío de ${MER.name} enviado el ${formatTimestamp(first.snapshot.takenAt)}, «parque uno.xlsx»` }).click();
    await og.waitForSelector('#decision');
    await og.getByLabel('Comentarios para quien capturó').fill('Falta el monto del alumbrado.');
    await og.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await og.locator('#resultado', { hasText: 'Se devolvió con comentarios' }).waitFor();
    await og.locator('#situacion', { hasText: 'Devuelto con comentarios' }).waitFor();

    // The middle one opened now, in a second tab, while it can still be approved.
    const stale = await signedIn('coordinadorA', `#/revision/${middle.id}`, 1);
    await stale.getByRole('button', { name: 'Aprobar' }).waitFor();

    // The newest: approved from its page.
    await open(og, `#/revision/${last.id}`, '#decision');
    await og.getByRole('button', { name: 'Aprobar' }).click();
    await og.getByRole('button', { name: 'Sí, publicar' }).click();
    await og.locator('#situacion', { hasText: 'Publicado' }).waitFor();

    // Back in the inbox: the middle one is flagged, with when the approved one was sent.
    await open(og, '#/revision', '#bandeja');
    expect(await rows.count()).toBe(1);
    // With its file's name: sends within the same second read alike by the time alone.
    const flag = newerApprovedText(last.snapshot.takenAt, 'coordinator', 'parque tres.xlsx');
    expect(flag).toContain(`(enviado el ${formatTimestamp(last.snapshot.takenAt)}, «parque tres.xlsx»)`);
    expect(await rows.first().locator('td').first().textContent()).toBe(`En revisión⚠ ${flag}`);
    expect(await rows.first().locator('.envio-anterior').textContent()).toBe(`⚠ ${flag}`);
    await keptScreenshot(og, 'coordinator-decisions-inbox.png', { fullPage: true });
    // Its page offers no «Aprobar», only returning it.
    await open(og, `#/revision/${middle.id}`, '#decision');
    expect(await og.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
    expect(await og.locator('#envio-anterior').textContent()).toContain(`enviado el ${formatTimestamp(last.snapshot.takenAt)}`);

    // The tab opened before the approval: «Aprobar» refused, the reason kept, the page drawn again without the button.
    await stale.getByRole('button', { name: 'Aprobar' }).click();
    await stale.getByRole('button', { name: 'Sí, publicar' }).click();
    await stale.locator('#resultado', { hasText: 'ya se aprobó uno más reciente de esta institución' }).waitFor();
    // Drawn again (the refusal shows before the page is redrawn without «Aprobar»).
    await stale.getByRole('button', { name: 'Aprobar' }).waitFor({ state: 'detached' });
    await stale.locator('#decision').waitFor();
    // Said once, where the focus went (the refusal); the note that says the same was shown above it as well.
    expect((await stale.locator('main').textContent())!.split('ya se aprobó uno más reciente').length - 1).toBe(1);
    expect(await stale.locator('#envio-anterior').count()).toBe(0);
    expect(await stale.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('resultado');
    // In the note's place, before what to do instead: return it with a comment.
    expect(await stale.locator('#decision > #resultado + .field #comentario').count()).toBe(1);
    // The comment box spans its section on a phone and on a desktop (it kept the browser's narrow default, and a
    // comment written for it wrapped every few words), without the page scrolling sideways.
    for (const width of [390, 1280]) {
      await stale.setViewportSize({ width, height: 900 });
      const [box, section, scrolled] = await Promise.all([
        stale.locator('#comentario').evaluate((el: any) => el.getBoundingClientRect().width as number),
        stale.locator('#decision').evaluate((el: any) => { const s = el.ownerDocument.defaultView.getComputedStyle(el); return (el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) as number; }),
        stale.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth),
      ]);
      expect([width, Math.round(box)]).toEqual([width, Math.round(section)]);
      expect(scrolled).toBeLessThanOrEqual(width);
    }
    await keptScreenshot(stale, 'coordinator-decisions-stale.png', { fullPage: true });

    // The official's Mis envíos: the latest activity first — published, returned, then the one untouched since sent.
    const official = await signedIn('capturistaA', '#/mis-envios', 1);
    await official.locator('article.envio').first().waitFor();
    const headings = await official.locator('article.envio h2').allTextContents();
    expect(headings.map((t) => /«(.*)»$/.exec(t)?.[1])).toEqual(['parque tres.xlsx', 'parque uno.xlsx', 'parque dos.xlsx']);
    // The one in between still awaits its coordination, which can no longer approve it: said on its card too.
    expect(await official.locator('article.envio', { hasText: '«parque dos.xlsx»' }).locator('.envio-anterior').textContent()).toBe(newerApprovedText(last.snapshot.takenAt, 'official', 'parque tres.xlsx'));
    expect(await official.locator('article.envio .ultima-actividad').first().textContent()).toMatch(/^Última actividad: \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}\u00a0[ap]\.m\.$/);
    await keptScreenshot(official, 'coordinator-decisions-mis-envios.png', { fullPage: true });
  });

  test('a new version sent while the coordinator reads the old one: returning it is refused, the page shows the new one with the comment kept', async () => {
    const sendSheet = async (title: string): Promise<Sent> => {
      const res = await fetch(`${srv.base}/api/submissions`, { method: 'POST', headers: { authorization: srv.h.bearer('capturistaB'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ spreadsheetId: 'hoja-monterrey', workbook: workbookValues(projectWorkbook(MTY, { title })) }) });
      expect(res.status).toBeLessThan(300);
      return ((await res.json()) as { submission: Sent }).submission;
    };
    const first = await sendSheet('Parque Fundidora');
    const og = await signedIn('coordinadorB', `#/revision/${first.id}`);
    await og.locator('#vista-previa', { hasText: 'Parque Fundidora' }).waitFor();
    const newer = await sendSheet('Parque Fundidora, segunda etapa');
    await og.getByLabel('Comentarios para quien capturó').fill('Falta el monto del contrato.');
    await og.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await og.locator('#vista-previa', { hasText: 'Parque Fundidora, segunda etapa' }).waitFor();
    expect(await og.locator('#resultado').textContent()).toBe(`Quien capturó envió una versión nueva de este envío (enviada el ${formatTimestamp(newer.snapshot.takenAt)}) mientras usted revisaba la anterior: no se devolvió. Revise la versión nueva y decida de nuevo.`);
    expect(await og.locator('#situacion').textContent()).toBe('En revisión');
    expect(await og.getByLabel('Comentarios para quien capturó').inputValue()).toBe('Falta el monto del contrato.');
    // The version now shown is the one approved.
    await og.getByRole('button', { name: 'Aprobar' }).click();
    await og.getByRole('button', { name: 'Sí, publicar' }).click();
    await og.locator('#situacion', { hasText: 'Publicado' }).waitFor();
    const projects = (await (await fetch(`${srv.base}/api/oc4ids/projects?publisher=mty`)).json()) as { projects: { title: string }[] };
    expect(projects.projects.map((p) => p.title)).toEqual(['Parque Fundidora, segunda etapa']);
  });

  test('Mis envíos talks about a send a newer upload replaced as replaced: what it is, what withdrawing it does, what sending it again does', async () => {
    const bytes = await xlsxOf(projectWorkbook(MER, { title: 'Mercado' }));
    const refused = await upload('Mercado', 'mercado.xlsx', bytes);
    // Registered anew with another project prefix after the send: approving it finds the project's id wrong.
    const registered = (await srv.h.store.getPublisher('mer'))!;
    await srv.h.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
    expect((await fetch(`${srv.base}/api/submissions/${refused.id}/approve`, { method: 'POST', headers: { authorization: srv.h.bearer('coordinadorA') } })).status).toBe(422);
    await srv.h.store.putPublisher(registered);
    const newer = await upload('Mercado, corregido', 'mercado corregido.xlsx');
    const which = `el del ${formatTimestamp(newer.snapshot.takenAt)} («mercado corregido.xlsx»)`;

    const official = await signedIn('capturistaA', '#/mis-envios');
    const card = official.locator('article.envio', { hasText: '«mercado.xlsx»' });
    await card.waitFor();
    expect(await card.locator('.note', { hasText: 'Lo reemplazó' }).textContent()).toBe(`Lo reemplazó su envío más reciente, ${which}: aquel es el que cuenta, y este ya no se publicará. No tiene que hacer nada con este envío.`);
    await card.getByRole('button', { name: 'Retirar envío' }).click();
    expect(await card.locator(`#texto-retiro-${refused.id}`).textContent()).toBe(`¿Retirar este envío? Ya lo reemplazó su envío más reciente, ${which}: retirarlo solo lo cierra, y aquel no cambia.`);
    await card.getByRole('button', { name: 'Cancelar' }).click();

    // Its coordinator is told on its page that the decision is on the newer send, and is taken there.
    const og = await signedIn('coordinadorA', `#/revision/${refused.id}`, 1);
    await og.locator('#reemplazada').waitFor();
    expect(await og.locator('#reemplazada').textContent()).toBe(`Nadie tiene que aprobar ni devolver este envío: lo reemplazó uno más reciente de la misma institución, ${which}, y este ya no se publicará. Abrir el envío que la reemplazó`);
    await og.getByRole('link', { name: 'Abrir el envío que la reemplazó' }).click();
    await og.waitForURL(`**/#/revision/${newer.id}`);
    await og.locator('h1 + p', { hasText: '«mercado corregido.xlsx»' }).waitFor();
    expect(await og.locator('#reemplazada').count()).toBe(0);

    // The replaced send's workbook sent again from the page: it comes back beside the one that replaced it.
    const file = path.join(srv.dir, 'mercado.xlsx');
    require('fs').writeFileSync(file, bytes);
    await official.setInputFiles('#libro', file);
    await official.getByRole('button', { name: 'Enviar a revisión' }).click();
    await official.locator('#resultado-envio', { hasText: '«mercado.xlsx»:' }).waitFor();
    expect(await official.locator('#resultado-envio p').first().textContent()).toMatch(new RegExp(`^«mercado\\.xlsx»: Se volvió a enviar el libro de un envío que había sido reemplazado por otro más reciente, ${which.replace(/[.()]/g, '\\$&')}: vuelve a la bandeja de su coordinación, junto al que lo reemplazó\\.`));
  });
  test('«Aprobar» refused for errors: the page says why, lists them, offers returning with the comment written, and «Aprobar» only with a new revision', async () => {
    const sendSheet = async (title: string): Promise<Sent> => {
      const res = await fetch(`${srv.base}/api/submissions`, { method: 'POST', headers: { authorization: srv.h.bearer('capturistaB'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ spreadsheetId: 'hoja-monterrey-errores', workbook: workbookValues(projectWorkbook(MTY, { title })) }) });
      expect(res.status).toBeLessThan(300);
      return ((await res.json()) as { submission: Sent }).submission;
    };
    const sent = await sendSheet('Mercado Juárez');
    const og = await signedIn('coordinadorB', `#/revision/${sent.id}`);
    await og.getByRole('button', { name: 'Aprobar' }).waitFor();
    // Registered anew with another project prefix after the send: approving it finds the project's id wrong.
    const registered = (await srv.h.store.getPublisher('mty'))!;
    await srv.h.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
    try {
      await og.getByRole('button', { name: 'Aprobar' }).click();
      await og.getByRole('button', { name: 'Sí, publicar' }).click();
      await og.locator('#aprobacion-rechazada #resultado', { hasText: 'No se publicó: el libro tiene' }).waitFor();
      // Drawn again: no «Aprobar» (it would be refused again, identically); why, said once, where the focus went.
      expect(await og.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
      expect(await og.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('resultado');
      expect((await og.locator('#decision').textContent())!.split('No se publicó: el libro tiene').length - 1).toBe(1);
      expect(await og.locator('#aprobacion-rechazada').textContent()).toContain('«Aprobar» vuelve cuando quien capturó envíe una versión nueva.');
      expect(await og.locator('#titulo-cambios').textContent()).toBe('Qué habría cambiado al aprobar');
      // The errors are listed, and the comment to return it names them.
      // All of the approval's findings, read by the page (send-findings.ts): the approval kept them, its counts being
      // other than the send's; not the 50 of its sample, said as a list kept before all were.
      await og.locator('#hallazgos-estado', { hasText: 'los errores primero' }).waitFor();
      expect(await og.locator('#hallazgos-parciales').count()).toBe(0);
      const errors = (await og.locator('#titulo-hallazgos ~ ul li').allTextContents()).filter((t) => /oc4ids-otro99/.test(t));
      expect(errors.length).toBeGreaterThan(0);
      const written = await og.getByLabel('Comentarios para quien capturó').inputValue();
      expect(written).toMatch(/^No se pudo publicar: el libro tiene \d+ (error|errores)\. Corríj/);
      expect(written).toContain(`- ${errors[0]}`);
      await keptScreenshot(og, 'coordinator-decisions-refused.png', { fullPage: true });
      // Opened again later: the same, in the history's words.
      await og.reload();
      await og.waitForSelector('body[data-ready] #decision');
      expect(await og.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
      expect(await og.locator('#aprobacion-rechazada .status-bad').textContent()).toMatch(/^⚠ No se publicó: el libro tiene \d+ (error|errores)\./);
      expect(await og.getByLabel('Comentarios para quien capturó').inputValue()).toBe(written);
      // Its official reads on «Mis envíos» that nothing was published, with the errors: the card said «En revisión»
      // and counted its warnings only, while the coordination waited for a new version.
      const official = await signedIn('capturistaB', '#/mis-envios', 1);
      const card = official.locator('article.envio', { has: official.locator('.aprobacion-rechazada') });
      await card.waitFor();
      expect(await card.locator('.aprobacion-rechazada .status-bad').textContent()).toMatch(/^⚠ No se publicó: al aprobarlo se encontraron \d+ (error|errores) en el libro\. Corríj(alo|alos) en la hoja y envíela de nuevo desde el complemento \(Validar datos → Enviar a revisión\)\.$/);
      expect((await card.locator('.aprobacion-rechazada li').allTextContents())[0]).toBe(errors[0]);
      expect(await card.locator('p.note', { hasText: 'proyecto' }).textContent()).toMatch(/^0 contrataciones y 1 proyecto; \d+ (error|errores); \d+ advertencias?\.$/);
    } finally {
      await srv.h.store.putPublisher(registered);
    }
    // A new revision of the same send: «Aprobar» is back, and no comment is written for it.
    await sendSheet('Mercado Juárez, corregido');
    await og.reload();
    await og.waitForSelector('body[data-ready] #decision');
    await og.getByRole('button', { name: 'Aprobar' }).waitFor();
    expect(await og.locator('#aprobacion-rechazada').count()).toBe(0);
    expect(await og.getByLabel('Comentarios para quien capturó').inputValue()).toBe('');
  });

  test('a return comment longer than a decision keeps is refused on its box, in es-MX, and stays written; the API says the same', async () => {
    const sent = await upload('Parque de las Américas', 'americas.xlsx');
    const og = await signedIn('coordinadorA', `#/revision/${sent.id}`);
    const box = og.getByLabel('Comentarios para quien capturó');
    await box.waitFor();
    const long = 'Revise la fila 3 de Proyectos y la hoja de documentos. '.repeat(100).trim();
    const said = `El comentario tiene ${formatNumber([...long].length, 0)} caracteres y caben hasta 5,000: acórtelo antes de devolver el envío (por ejemplo, nombre los primeros problemas: los hallazgos del envío, todos, con su hoja y su celda, los ve el implementador en «Mis envíos» del tablero).`;
    await box.fill(long);
    await og.getByRole('button', { name: 'Devolver con comentarios' }).click();
    // It read «Escriba en «comment» qué debe corregirse (hasta 5000 caracteres)»: the request's field, and 5000.
    await og.locator('#resultado', { hasText: 'El comentario tiene' }).waitFor();
    expect(await og.locator('#resultado').textContent()).toBe(said);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await box.inputValue()).toBe(long);
    expect((await srv.h.store.getSubmission(sent.id))?.status).toBe('submitted');
    // Sent anyway (another client): the server's refusal in the same words.
    const res = await fetch(`${srv.base}/api/submissions/${sent.id}/return`, { method: 'POST', headers: { authorization: srv.h.bearer('coordinadorA'), 'content-type': 'application/json' }, body: JSON.stringify({ comment: long }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'comment-too-long', message: said });
  });

  test('an implementer with a long log: a recent send\'s Bitácora still shows its entries and the send that replaced it', async () => {
    // More than a page (1,000) of older entries about other sends: the page read the log from the oldest and found
    // none of this send's.
    for (let i = 0; i < 1_050; i++) {
      await srv.h.store.appendAudit({ at: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(), actor: 'capturistaA', action: 'submission.created', target: `submission/antiguo-${i}`, publisherId: 'mer', details: {} });
    }
    const refused = await upload('Mercado viejo', 'mercado viejo.xlsx');
    const registered = (await srv.h.store.getPublisher('mer'))!;
    await srv.h.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
    expect((await fetch(`${srv.base}/api/submissions/${refused.id}/approve`, { method: 'POST', headers: { authorization: srv.h.bearer('coordinadorA') } })).status).toBe(422);
    await srv.h.store.putPublisher(registered);
    const newer = await upload('Mercado viejo, corregido', 'mercado viejo corregido.xlsx');

    const og = await signedIn('coordinadorA', `#/revision/${refused.id}`);
    await og.locator('#reemplazada').waitFor();
    const log = og.getByRole('table', { name: 'Bitácora de este envío' });
    expect(await log.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    // A date of 2020 as the table writes it (dd/mm/aaaa): the bare digits also occur inside the entries' SHA-256 hashes.
    expect(await log.textContent()).not.toMatch(/\d\d\/\d\d\/2020/);
    await og.getByRole('link', { name: 'Abrir el envío que la reemplazó' }).click();
    await og.waitForURL(`**/#/revision/${newer.id}`);
  });

  test('two sends close together: the older one\'s page names the newer one awaiting a decision, before «Aprobar», and links to it', async () => {
    const older = await upload('Mercado de San Benito', 'mercado.xlsx');
    const newer = await upload('Mercado de San Benito, con techumbre', 'mercado corregido.xlsx');
    const og = await signedIn('coordinadorA', `#/revision/${older.id}`);
    const note = og.locator('#envio-mas-reciente');
    await note.waitFor();
    // Within the same second the time alone reads the same for both: the file's name tells which.
    expect(await note.textContent()).toBe(`⚠ ${MER.name} envió después otro libro, que también espera su decisión: el del ${formatTimestamp(newer.snapshot.takenAt)} («mercado corregido.xlsx»). Revise ese antes de aprobar este: aprobado este primero, se publican sus datos y, al aprobar aquel, los de aquel encima; si aquel ya trae lo de este, devuelva este con un comentario. Abrir el envío más reciente`);
    // Said before «Aprobar», which is still offered (approving the older first is allowed, and then the newer).
    expect(await og.locator('#decision').evaluate((d) => {
      const n = (d as unknown as { querySelector(s: string): { compareDocumentPosition(o: unknown): number } }).querySelector('#envio-mas-reciente');
      return n.compareDocumentPosition((d as unknown as { querySelector(s: string): unknown }).querySelector('button')) & 4;
    })).toBe(4);
    await og.getByRole('link', { name: 'Abrir el envío más reciente' }).click();
    await og.waitForURL(`**/#/revision/${newer.id}`);
    await og.locator('h1 + p', { hasText: '«mercado corregido.xlsx»' }).waitFor();
    await og.locator('#decision').waitFor();
    expect(await og.locator('#envio-mas-reciente').count()).toBe(0);
  });
  test('«Bitácora»: the state\'s log by implementer, day (Mexico City) and account, with comments, hashes and retries in words, as CSV; others\' entries stay out', async () => {
    const store = srv.h.store;
    // A day of 2021 in Mexico City (UTC−5 then, daylight time): 23:30 of the 15th is in it, 00:30 of the 16th is not.
    const entry = (at: string, actor: string, action: string, target: string, publisherId: string | undefined, details: Record<string, string>) =>
      store.appendAudit({ at, actor, action, target, details, ...(publisherId ? { publisherId } : {}) });
    await entry('2021-06-15T05:10:00.000Z', 'u-og-yuc', 'submission.approved', 'submission/viejo-1', 'mer', { from: 'failed' });
    await entry('2021-06-16T04:30:00.000Z', 'u-cap-mer', 'submission.created', 'submission/viejo-2', 'mer', {});
    await entry('2021-06-16T05:30:00.000Z', 'u-cap-mer', 'submission.created', 'submission/viejo-3', 'mer', {});
    await entry('2021-06-15T18:00:00.000Z', 'u-og-nl', 'submission.returned', 'submission/de-monterrey', 'mty', { comment: 'De otra entidad' });
    await entry('2021-06-15T19:00:00.000Z', 'cli', 'user.removed', 'user/u-viejo', undefined, { email: 'se-fue@inaip-yucatan.org.mx', role: 'coordinador', state: 'Yucatán' });
    await entry('2021-06-15T18:30:00.000Z', 'u-viejo', 'access.denied', 'audit', undefined, { attempted: 'publisher.admin' });
    // An account removed with `users remove` on another day: its e-mail kept by then (Store.noteFormerAccount), not in this day's entries.
    await store.noteFormerAccount({ id: 'u-antes', email: 'antes@inaip-yucatan.org.mx', removedAt: '2021-07-01T12:00:00.000Z' });
    await entry('2021-06-15T18:45:00.000Z', 'u-antes', 'access.denied', 'audit', undefined, { attempted: 'publisher.admin' });

    const returned = await upload('Parque de la Bitácora', 'bitacora uno.xlsx');
    const decide = (id: string, what: 'return' | 'approve', body?: unknown) => fetch(`${srv.base}/api/submissions/${id}/${what}`, {
      method: 'POST', headers: { authorization: srv.h.bearer('coordinadorA'), 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect((await decide(returned.id, 'return', { comment: 'Falta el monto del alumbrado.' })).status).toBe(200);
    expect((await decide((await upload('Parque de la Bitácora, completo', 'bitacora dos.xlsx')).id, 'approve')).status).toBe(200);

    const og = await signedIn('coordinadorA', '#/bitacora', 0, { form: true });
    const table = og.getByRole('table', { name: /^Bitácora de los implementadores de Yucatán/ });
    await table.waitFor();
    expect(await og.getByRole('link', { name: 'Bitácora' }).count()).toBeGreaterThan(0);
    expect(await table.locator('thead').textContent()).toBe('Fecha y hora (Ciudad de México)AcciónCuentaImplementadorSobreDetalle');
    // This file's returns and approvals, in words: who, the comment, the publication's hash.
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Devolvió con comentariosrevision@inaip-yucatan.org.mxMunicipio de Mérida');
    expect(text).toContain('Comentario: «Falta el monto del alumbrado.»');
    // And where it was decided from: the address and program of the request (sign-in-audit.ts decisionOrigin).
    expect(text).toMatch(/Comentario: «Falta el monto del alumbrado\.»; Dirección IP: \S*127\.0\.0\.1; Programa: \S+/);
    expect(text).toMatch(/Envió a revisióncaptura@merida\.gob\.mxMunicipio de MéridaEnvío [^ ]+Huella del libro enviado \(SHA-256\): [0-9a-f]{64}; Libro «bitacora uno\.xlsx»/);
    expect(text).toMatch(/Publicó una versión nueva de los datos.*Clave del contenido \(SHA-256, con la que se reconoce un envío sin cambios; no es la huella de ningún archivo\): [0-9a-f]{64}/);
    expect(text).not.toMatch(/\d\d\/\d\d\/2021/);

    // Typed as people in Mexico write a date; one the calendar has not is said, naming the field.
    await og.getByLabel('Desde el día').fill('31/06/2021');
    await og.getByRole('button', { name: 'Mostrar' }).click();
    expect(await og.locator('#bitacora-problema').textContent()).toBe('«Desde el día»: el 31/06/2021 no existe en el calendario.');
    // Its field marked, focused and described by why; corrected, no longer marked when the next one is refused (with
    // Enter in that field, the focus already there: said through the live region).
    const described = (label: string) => og.getByLabel(label).evaluate((i: any) => [i.getAttribute('aria-invalid'), i.getAttribute('aria-describedby')]);
    expect([await described('Desde el día'), await og.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)]).toEqual([['true', 'bitacora-problema bitacora-formato'], 'bitacora-desde']);
    await og.getByLabel('Desde el día').fill('15/06/2021');
    await og.getByLabel('Hasta el día (incluido)').fill('2021-06-15');
    await og.getByLabel('Hasta el día (incluido)').press('Enter');
    await og.locator('#anuncio', { hasText: /^«Hasta el día»: escriba la fecha como dd\/mm\/aaaa/ }).waitFor({ timeout: 2000 });
    expect([await described('Desde el día'), await described('Hasta el día (incluido)')]).toEqual([[null, 'bitacora-formato'], ['true', 'bitacora-problema bitacora-formato']]);
    // Marked by its border too (the message is under «Mostrar»), as Etapas' dates are.
    expect(await og.getByLabel('Hasta el día (incluido)').evaluate((i: any) => i.ownerDocument.defaultView.getComputedStyle(i).borderTopColor)).toBe('rgb(164, 22, 26)');
    // A period that ends before it starts: refused on «Desde el día», before anything is asked.
    await og.getByLabel('Desde el día').fill('16/06/2021');
    await og.getByLabel('Hasta el día (incluido)').fill('15/6/2021');
    await og.getByRole('button', { name: 'Mostrar' }).click();
    await og.locator('#bitacora-problema', { hasText: 'El día «desde» (16/06/2021) es posterior al día «hasta» (15/06/2021): corrija el periodo.' }).waitFor({ timeout: 2000 });
    expect([await described('Desde el día'), await described('Hasta el día (incluido)'), await og.evaluate(() => (globalThis as any).document.activeElement?.id)]).toEqual([['true', 'bitacora-problema bitacora-formato'], [null, 'bitacora-formato'], 'bitacora-desde']);
    await og.getByLabel('Desde el día').fill('15/06/2021');
    await og.getByRole('button', { name: 'Mostrar' }).click();
    await og.getByRole('table', { name: /del 15\/06\/2021: 2 entradas$/ }).waitFor();
    const rows = await og.locator('#tabla-bitacora tbody tr').allTextContents();
    expect(rows).toEqual([
      `${formatTimestamp('2021-06-16T04:30:00.000Z')}Envió a revisióncaptura@merida.gob.mxMunicipio de MéridaEnvío viejo-2`,
      `${formatTimestamp('2021-06-15T05:10:00.000Z')}Aprobórevision@inaip-yucatan.org.mxMunicipio de MéridaEnvío viejo-1Reintento: la publicación anterior de este envío había fallado`,
    ]);
    await og.getByLabel('Cuenta').fill('captura@');
    await og.getByRole('button', { name: 'Mostrar' }).click();
    await og.getByRole('table', { name: /cuenta «captura@»: 1 entrada$/ }).waitFor();
    const [download] = await Promise.all([og.waitForEvent('download'), og.getByRole('button', { name: 'Descargar CSV de la bitácora' }).click()]);
    const lines = (await downloadedText(download)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('fecha_hora_ciudad_de_mexico,fecha_hora_utc,accion,clave_accion,cuenta,id_cuenta,clave_implementador,implementador,sobre,detalle,detalle_json,id_entrada,numero_en_cadena,huella_anterior,huella_entrada');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"${formatTimestamp('2021-06-16T04:30:00.000Z')}",2021-06-16T04:30:00.000Z,Envió a revisión,submission.created,captura@merida.gob.mx,u-cap-mer,mer,Municipio de Mérida,Envío viejo-2,,{},`);
    // Its place in the log's hash chain, the previous entry's hash and its own: an auditor checks the chain from the CSV.
    expect(lines[1]).toMatch(/,\d+,([0-9a-f]{64})?,[0-9a-f]{64}$/);
    // «Cerrar sesión» is told to the server (for the Bitácora) as the page forgets the key.
    await Promise.all([og.waitForResponse((r) => r.url().endsWith('/api/session/sign-out') && r.status() === 204), og.getByRole('button', { name: 'Cerrar sesión' }).click()]);

    // The administration sees what is no implementer's (accounts, maintenance), with the e-mail of a removed account.
    const admin = await signedIn('admin', '#/bitacora?desde=2021-06-15&hasta=2021-06-15');
    const all = admin.getByRole('table', { name: /^Bitácora de todos, del 15\/06\/2021: 6 entradas$/ });
    await all.waitFor();
    expect(await all.textContent()).toContain('Eliminó la cuentalínea de comandosCuenta u-viejoCuenta se-fue@inaip-yucatan.org.mx; rol coordinación; de Yucatán');
    expect(await all.textContent()).toContain('Comentario: «De otra entidad»');
    expect(await all.textContent()).toContain('Intentó una acción que su cuenta no permitecuenta eliminada (se-fue@inaip-yucatan.org.mx), id u-viejo');
    expect(await all.textContent()).toContain('Intentó una acción que su cuenta no permitecuenta eliminada (antes@inaip-yucatan.org.mx), id u-antes');
    await admin.getByLabel('Acciones').selectOption({ label: 'Cuentas' });
    await admin.getByRole('button', { name: 'Mostrar' }).click();
    await admin.getByRole('table', { name: /^Bitácora de todos, del 15\/06\/2021, cuentas: 1 entrada$/ }).waitFor();
    expect(await admin.locator('#tabla-bitacora tbody tr td:nth-child(2)').allTextContents()).toEqual(['Eliminó la cuenta']);
    // Who entered and left, from where: the coordination's «Entrar» and «Cerrar sesión» of this test, by account.
    await admin.goto(`${srv.base}/#/bitacora?tipo=sesiones&cuenta=revision%40inaip-yucatan`);
    const sessions = admin.getByRole('table', { name: /inicios de sesión y intentos fallidos, cuenta «revision@inaip-yucatan»: \d+ entradas?$/ });
    await sessions.waitFor();
    const signIns = await admin.locator('#tabla-bitacora tbody tr').allTextContents();
    expect(signIns.some((r) => /Cerró sesión en el tablerorevision@inaip-yucatan\.org\.mxCuenta u-og-yucDirección IP: \S*127\.0\.0\.1; Programa: Mozilla\/5\.0 .*; Con clave de acceso; Coordinación de Yucatán$/.test(r))).toBe(true);
    expect(signIns.some((r) => r.includes('Inició sesión en el tablerorevision@inaip-yucatan.org.mx'))).toBe(true);
  });
});
