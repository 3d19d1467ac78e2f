/**
 * Keyboard focus and announcements on the pages behind sign-in (accessibility audit), in headless Chromium against
 * the real app (createApp + workflow routes on SQLite, self-hosted API tokens, the built dashboard): a page that
 * refreshes itself or redraws for a select keeps the focus where the reader is; work that disables its button
 * hands the focus to its outcome; outcomes reach the live region; an expired session says so after the heading,
 * as an alert (also when an action finds it ended, keeping the comment being written); an action with no answer
 * says so in Spanish; «Aprobar»'s question closes with Escape; status symbols are not read out; on a phone the inbox's
 * links and situations are in sight, and an empty table's sentence too; a background publication's end is said
 * where «Se está publicando» was; a decision taken meanwhile elsewhere redraws the page with its situation; a page
 * that cannot load puts the focus on its heading.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeIfChromium, WCAG_AA } from '../browser';
import { sharedTabs, startReviewServer, type ReviewServer, type SharedTabs } from './review-server';
import { projectWorkbook, PUBLISHERS, USERS, xlsxOf, type LocalHarness, type UserName } from '../workflow/workflow-harness';
import { XLSX_MIME } from '../../core/workflow/contract';
import type { PublicationTask } from '../../functions/src/publication/publication-queue';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

const [MER] = PUBLISHERS;

describeIfChromium('review pages: focus and announcements in headless Chromium', () => {
  let srv: ReviewServer;
  let h: LocalHarness;
  let base: string;
  let browser: Browser;
  let dir: string;
  let tabs: SharedTabs;

  beforeAll(async () => {
    // The API's answers never kept by the browser (no-store), so the tab keeps its HTTP cache from test to test.
    srv = await startReviewServer('review-focus-', { apiUncached: true });
    ({ h, base, browser, dir } = srv);
    // One tab for the file, which each test empties and loads afresh (sharedTabs), its clock back to the real time.
    tabs = sharedTabs(base, async () => {
      // What is not for the server goes to a proxy that refuses it (srv.outside), without routing each request.
      const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1200, height: 900 }, bypassCSP: true, proxy: srv.outside.proxy });
      context.setDefaultTimeout(10_000);
      // The page's timers run on Playwright's clock: time flows as usual, and a test jumps over the 3-second looks of a
      // page in «Aprobado» (fastForward) instead of waiting them out.
      await context.clock.install();
      return context;
    }, { clock: true, keepHttpCache: true });
  });
  afterAll(async () => {
    await srv?.close();
  });

  async function upload(title: string, user: UserName = 'capturistaA'): Promise<string> {
    const res = await fetch(`${base}/api/submissions?publisher=mer`, { method: 'POST', headers: { authorization: h.bearer(user), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title })) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { submission: { id: string } }).submission.id;
  }

  /**
   * The file's tab signed in as `user` (nothing kept of an earlier test), on `hash` once drawn: loaded with the user's
   * key kept in the tab as «Entrar» keeps it. Through the sign-in form (review.browser's first test walks it), the form
   * drawn, the key sent and the page drawn again cost about 0.2 CPU-s more a page, 13 times; the tests that give the
   * focus to a control focus it themselves.
   */
  async function signedIn(user: UserName, hash: string): Promise<Page> {
    const page = await tabs.open(hash, { sessionStorage: { 'infra-abierta:credencial': h.bearer(user).replace(/^Bearer /, '') } });
    await page.getByText('Sesión: ').waitFor();
    return page;
  }
  /** The page's next 3-second look at a submission in «Aprobado» (review-pages.ts), run now; resolves once answered. */
  async function lookAgain(page: Page, id: string): Promise<void> {
    const answered = page.waitForResponse((r) => r.url().includes(`/api/submissions/${encodeURIComponent(id)}/preview`));
    await page.clock.fastForward(3000);
    await answered;
  }
  const activeId = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');
  const activeText = (page: Page): Promise<string> => page.evaluate(() => (document.activeElement?.textContent ?? '').trim());

  it('while an approval is being published, the page looks again without taking the focus, and keeps it when the situation changes', async () => {
    const id = await upload('Parque del Centro');
    await h.store.transitionSubmission(id, ['submitted'], 'approved', { at: new Date().toISOString(), by: USERS.coordinadorA.id, action: 'approved' });
    const page = await signedIn('coordinadorA', `#/revision/${id}`);
    await page.locator('#situacion', { hasText: 'Aprobado' }).waitFor();
    await page.getByRole('link', { name: '← Volver a la bandeja' }).focus();
    // Two rounds of the page's 3-second look: the focus stays on the link (it jumped to the heading each time).
    for (let round = 0; round < 2; round++) await lookAgain(page, id);
    expect(await activeText(page)).toBe('← Volver a la bandeja');
    // Published meanwhile: the page says so, and the focus is still where the reader left it.
    await h.store.transitionSubmission(id, ['approved'], 'published', { at: new Date().toISOString(), by: 'publicacion', action: 'published' });
    await lookAgain(page, id);
    await page.locator('#situacion', { hasText: 'Publicado' }).waitFor();
    expect(await activeText(page)).toBe('← Volver a la bandeja');
    // Said too: the reader's focus is elsewhere on the page.
    await page.locator('body > #anuncio', { hasText: 'Situación del envío: Publicado' }).waitFor({ state: 'attached' });
  });

  it('Revisión\'s «Situación» select is browsed with the arrow keys: the focus stays on it while the inbox is drawn again', async () => {
    const page = await signedIn('coordinadorA', '#/revision');
    const select = page.locator('#filtro-situacion');
    const first = await select.inputValue();
    await select.focus();
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('body[data-ready] #filtro-situacion');
    expect(await activeId(page)).toBe('filtro-situacion');
    const second = await select.inputValue();
    expect(second).not.toBe(first);
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('body[data-ready] #filtro-situacion');
    expect(await activeId(page)).toBe('filtro-situacion');
    expect(await select.inputValue()).not.toBe(second);
    expect(page.url()).toContain(`situacion=${await select.inputValue()}`);
  });

  it('work that disables its button gives the focus to its outcome: the Excel upload, «Guardar etapas», «Sí, publicar»', async () => {
    const official = await signedIn('capturistaA', '#/mis-envios');
    const broken = path.join(dir, 'libro con error.xlsx');
    const fixed = path.join(dir, 'libro corregido.xlsx');
    fs.writeFileSync(broken, await xlsxOf(projectWorkbook(MER, { title: 'Parque de la Paz', complete: false })));
    fs.writeFileSync(fixed, await xlsxOf(projectWorkbook(MER, { title: 'Parque de la Paz' })));
    await official.getByLabel('Libro de Excel (.xlsx)').setInputFiles(broken);
    await official.getByRole('button', { name: 'Enviar a revisión' }).focus();
    await official.keyboard.press('Enter');
    await official.locator('#resultado-envio', { hasText: 'No se envió' }).waitFor();
    expect(await activeId(official)).toBe('resultado-envio');
    await official.getByLabel('Libro de Excel (.xlsx)').setInputFiles(fixed);
    await official.getByRole('button', { name: 'Enviar a revisión' }).focus();
    await official.keyboard.press('Enter');
    await official.locator('#resultado-envio', { hasText: 'Se envió a revisión' }).waitFor();
    // Drawn again with the new entry in the list: the focus is on the outcome of the new drawing.
    await official.locator('.envio', { hasText: 'En revisión' }).first().waitFor();
    expect(await activeId(official)).toBe('resultado-envio');
    expect(await axeViolations(official, { tags: WCAG_AA })).toEqual([]);

    const og = await signedIn('coordinadorA', '#/etapas?implementador=mer');
    await og.getByLabel('E.1 REDA').fill('15/01/2024');
    await og.getByRole('button', { name: 'Guardar etapas' }).focus();
    await og.keyboard.press('Enter');
    await og.locator('#resultado-etapas', { hasText: 'Se guardaron las etapas' }).waitFor();
    expect(await activeId(og)).toBe('resultado-etapas');
    expect(await og.locator('#resultado-etapas').getAttribute('role')).toBeNull();
    expect(await og.locator('body > #anuncio').textContent()).not.toContain('Se guardaron');
    // The stages page belongs to Revisión: the menu marks it.
    expect(await og.locator('#menu a[aria-current="page"]').textContent()).toBe('Revisión');

    const list = await (await fetch(`${base}/api/submissions?publisher=mer&status=submitted`, { headers: { authorization: h.bearer('coordinadorA') } })).json() as { submissions: { id: string }[] };
    await og.evaluate(() => document.body.removeAttribute('data-ready'));
    await og.goto(`${base}/#/revision/${list.submissions[0].id}`);
    await og.waitForSelector('body[data-ready] #decision');
    await og.getByRole('button', { name: 'Aprobar' }).click();
    await og.getByRole('button', { name: 'Sí, publicar' }).focus();
    await og.keyboard.press('Enter');
    await og.locator('#resultado', { hasText: /^Publicado: / }).waitFor();
    expect(await activeId(og)).toBe('resultado');
    // Read there, where the focus is: neither a live region of its own nor said again through the page's.
    expect(await og.locator('#resultado').getAttribute('role')).toBeNull();
    expect(await og.locator('body > #anuncio').textContent()).not.toContain('Publicado');
    // Drawn again with the new situation (said at once; the redraw takes away the decision): still on the outcome.
    await og.locator('#situacion', { hasText: 'Publicado' }).waitFor();
    await og.locator('#decision').waitFor({ state: 'detached' });
    expect(await activeId(og)).toBe('resultado');
    expect(await axeViolations(og, { tags: WCAG_AA })).toEqual([]);
  });

  it('the outcome of an Excel upload is said once: read where the focus lands on it, or — the reader\'s focus elsewhere — through the live region outside <main>, also after the page is drawn again', async () => {
    const official = await signedIn('capturistaA', '#/mis-envios');
    const broken = path.join(dir, 'libro incompleto.xlsx');
    const fixed = path.join(dir, 'libro del parque norte.xlsx');
    fs.writeFileSync(broken, await xlsxOf(projectWorkbook(MER, { title: 'Parque Norte', complete: false })));
    fs.writeFileSync(fixed, await xlsxOf(projectWorkbook(MER, { title: 'Parque Norte' })));
    const anuncio = official.locator('body > #anuncio');
    /**
     * After the outcome is drawn: longer than announce() waits before it writes (dom.ts, 100 ms), on the page's clock
     * (signedIn installs it), which runs those 400 ms at once instead of waiting them out.
     */
    const settled = (): Promise<void> => official.clock.runFor(400);
    const send = async (file: string): Promise<void> => {
      await official.getByLabel('Libro de Excel (.xlsx)').setInputFiles(file);
      await official.getByRole('button', { name: 'Enviar a revisión' }).focus();
      await official.keyboard.press('Enter');
    };

    // Refused, the focus on its outcome: read there, not said again by the live region.
    await send(broken);
    await official.locator('#resultado-envio', { hasText: 'No se envió: el libro tiene 1 error' }).waitFor();
    await settled();
    expect(await activeId(official)).toBe('resultado-envio');
    // Nor does the live region still say «Enviando y validando…»: that is over.
    expect(await anuncio.textContent()).toBe('');

    // Sent while the reader moved on to the file field: the outcome does not take the focus, the live region says it.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await official.route(/\/api\/submissions\?archivo=/, async (r) => { await held; await r.continue(); });
    await send(fixed);
    await official.getByLabel('Libro de Excel (.xlsx)').focus();
    release();
    await official.locator('#resultado-envio', { hasText: '«libro del parque norte.xlsx»: Se envió a revisión' }).waitFor();
    await anuncio.filter({ hasText: '«libro del parque norte.xlsx»: Se envió a revisión' }).waitFor({ state: 'attached' });
    expect(await activeId(official)).toBe('libro');
    await official.unroute(/\/api\/submissions\?archivo=/);

    // Sent with the focus left to the page: on the outcome of the new drawing, which reads it; said once.
    await send(fixed);
    await official.locator('#resultado-envio', { hasText: 'Esta versión ya estaba en revisión' }).waitFor();
    await settled();
    expect(await activeId(official)).toBe('resultado-envio');
    expect(await anuncio.textContent()).toBe('');
  });

  it('a new page starts with an empty live region: the inbox\'s count is not left there on the submission opened from it', async () => {
    await upload('Parque del Poniente');
    const page = await signedIn('coordinadorA', '#/revision');
    const anuncio = page.locator('body > #anuncio');
    await anuncio.filter({ hasText: 'en la bandeja con los filtros elegidos' }).waitFor({ state: 'attached' });
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.locator('#bandeja tbody a').first().click();
    await page.waitForSelector('body[data-ready] #situacion');
    // Longer than announce() waits before it writes (dom.ts, 100 ms), run at once on the page's clock.
    await page.clock.runFor(400);
    expect(await anuncio.textContent()).toBe('');
  });

  it('an expired session says so after the sign-in heading, as an alert that also describes the key field', async () => {
    // A key the server no longer knows (revoked, or from another server): the next request is refused with 401.
    const page = await tabs.open('#/mis-envios', { sessionStorage: { 'infra-abierta:credencial': `ia_${'x'.repeat(40)}` } });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Iniciar sesión');
    // After the heading (it came before it, above the page's title, and was not announced).
    expect(await page.evaluate(() => { const h1 = document.querySelector('main h1'); const a = document.querySelector('main [role=alert]'); return !!(h1.compareDocumentPosition(a) & 4); })).toBe(true);
    const id = await alert.getAttribute('id');
    expect((await page.locator('#clave').getAttribute('aria-describedby'))?.split(' ')).toContain(id);
    expect(await axeViolations(page, { tags: WCAG_AA })).toEqual([]);
  });

  it('Escape closes «Aprobar»\'s question and gives the focus back to «Aprobar»; the ⚠ of a note is not read out', async () => {
    const older = await upload('Parque Sur');
    const newer = await upload('Parque Sur (corregido)');
    const page = await signedIn('coordinadorA', `#/revision/${older}`);
    await page.waitForSelector('body[data-ready] #decision');
    const open = page.getByRole('button', { name: 'Aprobar' });
    await open.click();
    expect(await page.locator('#confirmar-aprobacion').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#confirmar-aprobacion').isVisible()).toBe(false);
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    expect(await activeText(page)).toBe('Aprobar');
    // A newer send approved: the note's ⚠ is hidden from screen readers, its words say it.
    expect((await fetch(`${base}/api/submissions/${newer}/approve`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA') } })).status).toBe(200);
    await page.reload();
    await page.locator('#envio-anterior').waitFor();
    expect(await page.locator('#envio-anterior > span[aria-hidden="true"]').textContent()).toBe('⚠');
    expect(await page.locator('#envio-anterior').textContent()).toMatch(/^⚠ No se puede aprobar este envío: ya se aprobó uno más reciente/);
  });

  it('«Devolver con comentarios» with the box empty puts the focus on the box, marked invalid and described by what to write; writing clears the mark', async () => {
    const id = await upload('Parque del Oriente');
    const page = await signedIn('coordinadorA', `#/revision/${id}`);
    await page.waitForSelector('body[data-ready] #decision');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#resultado', { hasText: 'Escriba qué debe corregirse antes de devolver el envío.' }).waitFor();
    expect(await activeId(page)).toBe('comentario');
    const box = page.getByLabel('Comentarios para quien capturó');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await box.evaluate((b: any) => (b.getAttribute('aria-describedby') ?? '').split(' ').map((i: string) => document.getElementById(i)?.textContent ?? '').join(' ')))
      .toBe('Escriba qué debe corregirse antes de devolver el envío.');
    // Nothing was sent.
    expect(await page.locator('#situacion').textContent()).toBe('En revisión');
    await page.keyboard.type('Falta el presupuesto.');
    expect(await box.getAttribute('aria-invalid')).toBeNull();
    expect(await box.getAttribute('aria-describedby')).toBeNull();
  });

  it('a key that cannot be one is refused on its field: marked invalid, described by why, the focus there (or, already there, said through the live region)', async () => {
    const page = await tabs.open('#/revision');
    const key = page.getByLabel('Clave de acceso');
    const description = (): Promise<string> => key.evaluate((k: any) => (k.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((i: string) => document.getElementById(i)?.textContent ?? '').join(' '));
    await key.fill('clave123');
    await page.getByRole('button', { name: 'Entrar' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#clave-incorrecta', { hasText: 'La clave de acceso empieza con «ia_».' }).waitFor();
    expect(await activeId(page)).toBe('clave');
    expect(await key.getAttribute('aria-invalid')).toBe('true');
    expect(await description()).toBe('La clave de acceso empieza con «ia_». Cópiela completa, como se la dieron.');
    // Changed: no longer marked.
    await key.fill('ia_corta');
    expect(await key.getAttribute('aria-invalid')).toBeNull();
    expect(await key.getAttribute('aria-describedby')).toBeNull();
    // Enter in the field: the focus stays, and the reason is said.
    await page.keyboard.press('Enter');
    await page.locator('body > #anuncio', { hasText: 'La clave está incompleta: cópiela completa, desde «ia_» hasta el final.' }).waitFor({ state: 'attached' });
    expect(await activeId(page)).toBe('clave');
    expect(await key.getAttribute('aria-invalid')).toBe('true');
  });

  it('an approval that gets no answer (connection lost) says so in Spanish and that it may have been done, not the browser\'s «Failed to fetch»', async () => {
    const id = await upload('Parque Norte');
    const page = await signedIn('coordinadorA', `#/revision/${id}`);
    await page.waitForSelector('body[data-ready] #decision');
    await page.route('**/approve', (r) => r.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: /^Sí, / }).click();
    const outcome = page.locator('#resultado.status-bad');
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe('No se pudo comunicar con el servidor, así que no se sabe si se registró. Revise su conexión y vuelva a cargar la página: verá si ya quedó hecho antes de intentarlo de nuevo.');
    expect(await activeId(page)).toBe('resultado');
    expect(await page.getByRole('button', { name: 'Aprobar' }).isEnabled()).toBe(true);
  });

  it('on a phone (390 px) each send in the inbox opens from its implementer\'s name, with its situation in sight; two sends are told apart by their links; an empty inbox says so within the screen, and a wide table\'s caption too', async () => {
    await upload('Parque Poniente');
    await upload('Parque Poniente (otra versión)');
    const page = await signedIn('coordinadorA', '#/revision');
    await page.setViewportSize({ width: 390, height: 800 });
    const links = page.locator('#bandeja tbody a');
    await links.first().waitFor();
    expect(await links.count()).toBeGreaterThan(1);
    const names = await Promise.all((await links.all()).map(async (a) => (await a.getAttribute('aria-label')) ?? ''));
    expect(names.every((n) => /^Revisar el envío de Municipio de Mérida enviado el \d{2}\/\d{2}\/\d{4}, /.test(n))).toBe(true);
    // Whose clock the time is in, as every other table of times says: a coordinator in Quintana Roo or Baja California
    // read Mexico City's time as their own.
    // (Its arrow says the inbox is ordered by it, the send waiting longest first: inbox-order.ts.)
    expect(await page.locator('#bandeja thead th').nth(2).textContent()).toBe('Enviado (Ciudad de México) ▲');
    // Within the screen without scrolling the table sideways: the link and the situation beside it.
    const row = page.locator('#bandeja tbody tr').first();
    for (const cell of [row.getByRole('link'), row.locator('td').first()]) {
      const box = await cell.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    }
    // (Followed, for a send older than one an earlier test approved, by why it can no longer be approved.)
    expect(await row.locator('td').first().textContent()).toMatch(/^En revisión(⚠ No se puede aprobar este envío: .*)?$/);
    expect(await axeViolations(page, { tags: WCAG_AA })).toEqual([]);
    // An empty inbox's sentence is on screen to its end (it ran under the headers, off to the right).
    await page.goto(`${base}/#/revision?situacion=failed`);
    const empty = page.locator('#bandeja tbody td', { hasText: 'No hay envíos en la situación «La publicación falló» para esta selección.' });
    await empty.waitFor();
    const textEnd = (el: any): number => { const r = el.ownerDocument.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect().right; };
    expect(await empty.evaluate(textEnd)).toBeLessThanOrEqual(390);
    // So is a wide table's caption (Seguimiento's ran off to the right, «…frente a s»).
    await page.goto(`${base}/#/seguimiento`);
    const caption = page.locator('caption', { hasText: 'Avance de cada implementador frente a su compromiso' });
    await caption.waitFor();
    expect(await caption.evaluate(textEnd)).toBeLessThanOrEqual(390);
  });

  it('an approval published in the background says how it ended where «Se está publicando» was, and the focus stays there', async () => {
    // Approvals here are queued (as self-hosted and in the cloud) and this test says when the publication ends.
    const tasks: PublicationTask[] = [];
    const bg = await startReviewServer('review-background-', { publicationQueue: { enqueue: async (t) => { tasks.push(t); } }, sharing: srv, apiUncached: true });
    try {
      const res = await fetch(`${bg.base}/api/submissions?publisher=mer`, { method: 'POST', headers: { authorization: bg.h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title: 'Parque del Sur' })) });
      const id = ((await res.json()) as { submission: { id: string } }).submission.id;
      const context = await bg.browser.newContext({ locale: 'es-MX', viewport: { width: 1200, height: 900 }, bypassCSP: true, proxy: bg.outside.proxy });
      await context.clock.install();
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${bg.base}/#/revision/${id}`);
      await page.getByLabel('Clave de acceso').fill(bg.h.bearer('coordinadorA').replace(/^Bearer /, ''));
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForSelector('body[data-ready] #decision');
      await page.getByRole('button', { name: 'Aprobar' }).click();
      // What «Situación» says the moment «Se está publicando» is written: it said «En revisión» until the page was
      // drawn again, 1.2 s later.
      await page.evaluate((publishing: string) => {
        const seen = new (globalThis as any).MutationObserver(() => {
          if (document.querySelector('#resultado')?.textContent !== publishing) return;
          (globalThis as any).situationWithOutcome = document.querySelector('#situacion')?.textContent;
          seen.disconnect();
        });
        seen.observe(document.body, { subtree: true, childList: true, characterData: true });
      }, 'Aprobado. Se está publicando; esta página muestra el resultado cuando termine.');
      await page.getByRole('button', { name: 'Sí, publicar' }).focus();
      await page.keyboard.press('Enter');
      await page.locator('#situacion', { hasText: 'Aprobado' }).waitFor();
      expect(await page.locator('#resultado').textContent()).toBe('Aprobado. Se está publicando; esta página muestra el resultado cuando termine.');
      expect(await page.evaluate(() => (globalThis as any).situationWithOutcome)).toBe('Aprobado, publicando');
      // Then drawn again (no decision left to take), which starts its looks.
      await page.locator('#decision').waitFor({ state: 'detached' });
      expect(tasks.map((t) => t.submissionId)).toEqual([id]);
      // The publication ends: the page's next look draws it «Publicado», and says so where it said «Se está publicando».
      await bg.h.store.transitionSubmission(id, ['approved'], 'published', { at: new Date().toISOString(), by: USERS.coordinadorA.id, action: 'published', comment: 'Publicado: 0 contrataciones nuevas o modificadas y 1 proyecto nuevo o modificado; 1 proyecto en total.' });
      await lookAgain(page, id);
      await page.locator('#situacion', { hasText: 'Publicado' }).waitFor();
      expect(await page.locator('#resultado').textContent()).toBe('Publicado: 0 contrataciones nuevas o modificadas y 1 proyecto nuevo o modificado; 1 proyecto en total.');
      expect(await activeId(page)).toBe('resultado');
      // Read there, where the focus is: not said again through the live region.
      expect(await page.locator('body > #anuncio').textContent()).not.toContain('Publicado');
      await context.close();
    } finally {
      await bg.close();
    }
  });

  it('a decision taken meanwhile in another tab: «Sí, publicar» draws the page again with its situation, the server\'s reason kept where the focus is', async () => {
    const id = await upload('Parque Central');
    const page = await signedIn('coordinadorA', `#/revision/${id}`);
    await page.waitForSelector('body[data-ready] #decision');
    // Approved from elsewhere while this page is open.
    expect((await fetch(`${base}/api/submissions/${id}/approve`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA') } })).status).toBe(200);
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.locator('#situacion', { hasText: 'Publicado' }).waitFor();
    // Who took the decision, for a coordinator who did not (here the same account, in another tab).
    expect(await page.locator('#resultado').textContent()).toMatch(/^Este envío ya no está en espera de aprobación: está «Publicado» \(lo aprobó revision@inaip-yucatan\.org\.mx el \d\d\/\d\d\/\d{4}, [^)]+\)\.$/);
    expect(await page.locator('#decision').count()).toBe(0);
    expect(await activeId(page)).toBe('resultado');
  });

  it('a work page that cannot load (no answer) puts the focus on its heading, which says so in Spanish', async () => {
    const page = await signedIn('coordinadorA', '#/revision');
    await page.waitForSelector('body[data-ready] #bandeja');
    await page.route('**/api/submissions?**', (r) => r.abort('internetdisconnected'));
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Acerca' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acerca de los datos' }).waitFor();
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Revisión' }).click();
    await page.getByRole('heading', { level: 1, name: 'No se pudieron cargar los datos' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('No se pudo comunicar con el servidor. Revise su conexión e intente de nuevo.');
    expect(await activeText(page)).toBe('No se pudieron cargar los datos');
  });

  // Last: it leaves its send returned, and the next upload of the institution would continue it (200, not 201).
  it('a decision refused because the session ended asks to sign in again, saying why, and gives back the comment being written', async () => {
    const id = await upload('Parque Oriente');
    const page = await signedIn('coordinadorA', `#/revision/${id}`);
    await page.waitForSelector('body[data-ready] #decision');
    const comment = 'Revise el monto del presupuesto.\nY la fecha de inicio.';
    await page.getByLabel('Comentarios para quien capturó').fill(comment);
    // The key stops being valid (revoked, expired) while the page is open: the next request is refused with 401.
    await page.evaluate(() => (globalThis as any).sessionStorage.setItem('infra-abierta:credencial', `ia_${'x'.repeat(40)}`));
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    // The sign-in form, with the server's reason as an alert after its heading (it stayed drawn as if signed in).
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/^La clave de acceso no es válida o fue revocada/);
    expect(await axeViolations(page, { tags: WCAG_AA })).toEqual([]);
    await page.getByLabel('Clave de acceso').fill(h.bearer('coordinadorA').replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Entrar' }).click();
    // Back on the submission with what was typed; the reason is not said again.
    await page.waitForSelector('body[data-ready] #decision');
    expect(await page.getByLabel('Comentarios para quien capturó').inputValue()).toBe(comment);
    expect(await page.locator('#sesion-vencida').count()).toBe(0);
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await page.locator('#situacion', { hasText: 'Devuelto con comentarios' }).waitFor();
  });
});
