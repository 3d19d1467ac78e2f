/**
 * The coordinators' and officials' pages in headless Chromium against the real app (createApp + workflow routes on
 * SQLite, self-hosted API tokens, the built dashboard): a coordinator of another state sees nothing and is refused;
 * the right one signs in, opens the inbox, sees the preview, returns with a comment; the official sees the comment
 * on *Mis envíos*; the fixed workbook continues the returned send (its comments stay with it) and the coordinator approves, and an update shows a field-level diff;
 * the coordinator records program stages (*Etapas del programa*) and *Seguimiento* shows them; a list of findings
 * cut to the first ones a submission keeps says so; the inbox opens on what awaits a decision, failed publications too.
 * One browser and one server for the file, and its tabs, which each test empties and loads afresh (sharedTabs);
 * requests outside the test server are refused.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { keptScreenshot, axeViolations, describeIfChromium, downloadedText, WCAG_AA } from '../browser';
import { askedAgainUntil, closedAskingNothingOutside, sharedTabs, signedIn as signedInReview, startReviewServer, type ReviewServer, type SharedTabs } from './review-server';
import { registerPublisher } from '../../functions/src/api/publisher-admin-routes';
import { formatDate, formatMoney } from '../../core/format/es-mx';
import { updateDueAt } from '../../core/workflow/update-due';
import { monthOf } from '../../core/workflow/report-month';
import { BASE_URL, projectWorkbook, PUBLISHERS, USERS, xlsxOf, type LocalHarness, type UserName } from '../workflow/workflow-harness';
import { publish } from '../../functions/src/publication/publish';
import { PREVIEW_PREPARING_RETRY_SECONDS, SEND_CHECKING_RETRY_SECONDS, WORKBOOK_JSON_MIME, XLSX_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';
import { BENCH_PUBLISHER, syntheticWorkbook } from '../../scripts/bench/synthetic-publisher';

const [MER] = PUBLISHERS;

// Browser globals inside page.evaluate callbacks (this file compiles without the DOM lib).
declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

describeIfChromium('review pages in headless Chromium', () => {
  let srv: ReviewServer;
  let h: LocalHarness;
  let base: string;
  let browser: Browser;
  let dir: string;
  async function newContext(locale: string): Promise<BrowserContext> {
    // bypassCSP lets the test inject axe-core; the page itself runs under its own CSP. What is not for the server goes
    // to a proxy that refuses it and notes it (srv.outside), without routing each request through Playwright.
    return browser.newContext({ locale, viewport: { width: 1200, height: 900 }, bypassCSP: true, proxy: srv.outside.proxy });
  }
  let tabs: SharedTabs;
  /** The page's WCAG A and AA violations (axe-core). */
  const violations = (page: Page): Promise<string[]> => axeViolations(page, { tags: WCAG_AA });

  beforeAll(async () => {
    // The API's answers never kept by the browser (no-store), so the tabs keep their HTTP cache from test to test.
    srv = await startReviewServer('review-dashboard-', { apiUncached: true });
    ({ h, base, browser, dir } = srv);
    tabs = sharedTabs(base, () => newContext('es-MX'), { keepHttpCache: true });
  });
  afterAll(() => closedAskingNothingOutside(srv));

  async function upload(title: string): Promise<{ status: number; body: { submission: { id: string } } }> {
    const res = await fetch(`${base}/api/submissions?publisher=mer`, { method: 'POST', headers: { authorization: h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title })) });
    return { status: res.status, body: (await res.json()) as { submission: { id: string } } };
  }

  /**
   * A visitor's page in the file's tab `tab` (signed out: its sessionStorage emptied); `locale` other than es-MX: a
   * context of its own, the locale being the context's (the test closes it).
   */
  async function visitor(hash: string, { tab = 0, locale }: { tab?: number; locale?: string } = {}): Promise<Page> {
    if (!locale) return tabs.open(hash, { tab });
    const page = await (await newContext(locale)).newPage();
    await page.goto(`${base}/${hash}`);
    return page;
  }

  /**
   * A page signed in as `user`: the tab `tab` emptied and loaded afresh at `hash` with the user's key kept in it as
   * «Entrar» keeps it, for a test about what the work page shows and does. Through the form each time, the form drawn,
   * the key sent and the page drawn again cost about 0.3 CPU-s a page, 26 times. `form`, and a context of another
   * `locale`: from the sign-in form the work page shows a visitor (the first test's journey, and the English browser's).
   */
  async function signedIn(user: UserName, hash: string, opts: { tab?: number; locale?: string; form?: 'form' } = {}): Promise<Page> {
    if (!opts.form && !opts.locale) return tabs.open(hash, { tab: opts.tab, sessionStorage: { 'infra-abierta:credencial': h.bearer(user).replace(/^Bearer /, '') } });
    const page = await visitor(hash, opts);
    // Signed out, the page is the sign-in form, with its own level-one heading.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Iniciar sesión');
    await page.getByLabel('Clave de acceso').fill(h.bearer(user).replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Entrar' }).click();
    return page;
  }

  let og: Page | undefined;
  let official: Page;
  const RETURN_COMMENT = 'Cambie el título: debe decir «Parque de la Paz».\n2. Revise la fecha de inicio.';
  /** The send the first test returns with RETURN_COMMENT from its page. */
  let returnedId: string | undefined;

  /**
   * What a test needs from the ones before it in this file, made through the API when it runs alone (`-t`): the
   * returned send (the first test returns it from the page), and the coordinator's tab on its page.
   */
  async function returnedSend(): Promise<string> {
    if (returnedId) return returnedId;
    const id = (await upload('Parque del Centro')).body.submission.id;
    const returned = await fetch(`${base}/api/submissions/${id}/return`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA'), 'content-type': 'application/json' }, body: JSON.stringify({ comment: RETURN_COMMENT }) });
    expect(returned.status).toBe(200);
    return (returnedId = id);
  }
  async function coordinatorTab(hash: string): Promise<Page> {
    return (og ??= await signedIn('coordinadorA', hash, { tab: 1 }));
  }
  /** Mérida has published (the second test approves from the page): «Parque de la Paz» as its one project. */
  async function meridaPublished(): Promise<void> {
    // Before its first publication the API says there is nothing published (404).
    const published = (await (await fetch(`${base}/api/oc4ids/projects?publisher=mer`)).json()) as { projects?: unknown[] };
    if (published.projects?.length) return;
    const id = (await upload('Parque de la Paz')).body.submission.id;
    expect((await fetch(`${base}/api/submissions/${id}/approve`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA') } })).status).toBe(200);
  }

  test('visitors see the public sections and «Iniciar sesión»; signed in, the menu offers the work pages of the role, and signing out takes them away', async () => {
    const menu = (page: Page): Promise<string[]> => page.locator('#menu a').allTextContents();
    const page = await visitor('#/acerca');
    // What the page asks the API (who signed in is asked of /api/session, not learnt from a listing of submissions).
    const asked: string[] = [];
    const ask = (r: { url(): string }): void => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) asked.push(u.pathname + u.search); };
    page.on('request', ask);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Acerca's «Implementadores que publican» lists those with data published; the ones registered that have published
    // nothing yet (here, before any approval, every one) are named apart, not as rows of «0» and «Sin dato».
    const registered = ((await (await fetch(`${base}/api/publishers`)).json()) as { publishers: { name: string; state: string; currentPublication?: unknown }[] }).publishers;
    const waiting = registered.filter((p) => !p.currentPublication);
    expect(waiting.length).toBeGreaterThan(0);
    expect(await page.locator('#tabla-publicadores tbody th').allTextContents()).toEqual(registered.filter((p) => p.currentPublication).map((p) => p.name));
    for (const p of waiting) expect(await page.locator('#sin-publicar').textContent()).toContain(`${p.name} (${p.state})`);
    // Inicio counts those that publish, and says how many are registered: a bare «0 Implementadores» read as none joined.
    await page.goto(`${base}/#/`);
    const implementers = page.locator('#kpis .kpi', { has: page.locator('dt', { hasText: 'Implementadores que publican' }) });
    expect([await implementers.locator('.fig').textContent(), await implementers.locator('.hint').textContent()])
      .toEqual([String(registered.length - waiting.length), `de ${registered.length} registrados`]);
    expect(await menu(page)).not.toContain('Revisión');
    expect(await menu(page)).not.toContain('Mis envíos');
    expect((await menu(page)).at(-1)).toBe('Iniciar sesión');
    // A work page opened by its address still asks a visitor to sign in.
    await page.goto(`${base}/#/mis-envios`);
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    // The menu's way in: who it is for, a wrong key refused with the reason, then the coordinator's own work page.
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Iniciar sesión' }).click();
    await page.locator('#entrar-para-quien', { hasText: 'Para consultar y descargar los datos no necesita iniciar sesión.' }).waitFor();
    expect(await page.locator('#menu a[aria-current="page"]').textContent()).toBe('Iniciar sesión');
    await page.getByLabel('Clave de acceso').fill(`ia_${'x'.repeat(40)}`);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.locator('#sesion-vencida').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('Clave de acceso').fill(h.bearer('coordinadorA').replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisión de envíos' }).waitFor();
    expect(page.url()).toBe(`${base}/#/revision`);
    // Who is signed in, without parentheses inside parentheses («(Coordinador (Organismo Garante) — Yucatán)»).
    expect(await page.locator('.session').textContent()).toBe('Sesión: revision@inaip-yucatan.org.mx — Coordinación (Organismo Garante), Yucatán Cerrar sesión');
    await page.locator('#menu a', { hasText: /^Revisión$/ }).waitFor();
    expect(asked).toContain('/api/session');
    expect(asked.filter((u) => /[?&]limit=1(&|$)/.test(u))).toEqual([]);
    expect(await menu(page)).not.toContain('Iniciar sesión');
    expect(await menu(page)).not.toContain('Mis envíos');
    // Kept from page to page of the tab.
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Acerca' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acerca de los datos' }).waitFor();
    expect(await menu(page)).toContain('Revisión');
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Revisión' }).click();
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(await menu(page)).not.toContain('Revisión');
    expect((await menu(page)).at(-1)).toBe('Iniciar sesión');
    page.off('request', ask);

    // An official: «Mis envíos», not the coordinators' inbox.
    const mine = await signedIn('capturistaA', '#/entrar', { form: 'form' });
    await mine.getByRole('heading', { level: 1, name: 'Mis envíos' }).waitFor();
    await mine.locator('#menu a', { hasText: /^Mis envíos$/ }).waitFor();
    expect(await menu(mine)).not.toContain('Revisión');
  });

  test('another state is refused; the right coordinator opens the inbox, sees the preview and returns with a comment', async () => {
    const first = await upload('Parque del Centro');
    expect(first.status).toBe(201);
    const id = first.body.submission.id;
    og = undefined;

    // A coordinator of another state: an empty inbox, and the submission itself is refused.
    const other = await signedIn('coordinadorB', '#/revision');
    await other.getByText('Sesión: ').waitFor();
    expect(await other.locator('#bandeja tbody').textContent()).toContain('No hay envíos por decidir para esta selección.');
    await other.goto(`${base}/#/revision/${id}`);
    await other.getByText(/no tiene permiso para ver este envío de «Municipio de Mérida»/).waitFor();
    // Said as a refusal, with the way back to the inbox: not «No se pudieron cargar los datos. Intente de nuevo en unos minutos».
    expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe('Envío no disponible');
    expect(await other.locator('main').textContent()).not.toContain('Intente de nuevo');
    await other.getByRole('link', { name: '← Volver a la bandeja' }).click();
    await other.getByRole('heading', { level: 1, name: 'Revisión de envíos' }).waitFor();
    // One that does not exist, likewise.
    await other.goto(`${base}/#/revision/no-existe`);
    await other.getByRole('heading', { level: 1, name: 'Envío no disponible' }).waitFor();
    // The officials' «Mis envíos», typed by its address: a coordinator is told where the coordinator's page is, not to
    // send from the add-on (which is for officials).
    await other.goto(`${base}/#/mis-envios`);
    const elsewhere = other.getByRole('note').filter({ hasText: 'Esta página es para quienes envían' });
    expect(await elsewhere.textContent()).toBe('Esta página es para quienes envían los datos de una institución. Los envíos de los implementadores a su cargo, para revisarlos y decidir, están en Revisión de envíos.');
    expect(await other.locator('main').textContent()).toContain('Aún no hay envíos de los implementadores a su cargo.');
    // Its subtitle speaks to a coordinator too: it said «de su institución y los comentarios de su coordinador».
    expect(await other.locator('.intro').textContent()).toBe('El estado de cada envío de los implementadores a su cargo y los comentarios que recibieron, en orden.');
    expect(await other.locator('main').textContent()).not.toContain('complemento');
    await elsewhere.getByRole('link', { name: 'Revisión de envíos' }).click();
    await other.getByRole('heading', { level: 1, name: 'Revisión de envíos' }).waitFor();

    // Its own tab: the next two tests come back to it, beside the official's.
    og = await coordinatorTab('#/revision');
    await og.getByRole('link', { name: 'Revisar el envío de Municipio de Mérida' }).click();
    await og.getByRole('heading', { name: 'Envío de Municipio de Mérida' }).waitFor();
    expect(await og.locator('#vista-previa').textContent()).toContain('Nuevos: 1');
    // Each count agrees with what it counts: contrataciones are feminine (they read «Nuevos: 0 · Modificados: 0»).
    expect(await og.locator('#titulo-procesos + p').textContent()).toBe('Nuevas: 0 · Modificadas: 0 · Sin cambios: 0 · Ausentes del libro: 0');
    expect(await og.locator('#titulo-proyectos + p').textContent()).toBe('Nuevos: 1 · Modificados: 0 · Sin cambios: 0 · Ausentes del libro: 0');
    expect(await og.locator('#completitud').textContent()).toMatch(/ %$/);
    await og.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await og.getByText('Escriba qué debe corregirse antes de devolver el envío.').waitFor();
    await og.getByLabel('Comentarios para quien capturó').fill(RETURN_COMMENT);
    // What «Situación» says the moment the outcome is written: it said «En revisión» until the page was drawn again,
    // 1.2 s later.
    await og.evaluate(() => {
      const seen = new (globalThis as any).MutationObserver(() => {
        if (!document.querySelector('#resultado')?.textContent?.startsWith('Se devolvió con comentarios')) return;
        (globalThis as any).situationWithOutcome = document.querySelector('#situacion')?.textContent;
        seen.disconnect();
      });
      seen.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await og.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await og.getByText('Se devolvió con comentarios').waitFor();
    returnedId = id;
    // Sent as an Excel file: its official reads the comments on «Mis envíos», with no add-on panel.
    expect(await og.locator('#resultado').textContent()).toBe('Se devolvió con comentarios: quien capturó los verá en «Mis envíos».');
    expect(await og.evaluate(() => (globalThis as any).situationWithOutcome)).toBe('Devuelto con comentarios');
    // Then drawn again (no decision left to take).
    await og.locator('#decision').waitFor({ state: 'detached' });
    // No longer approved from here: what approving would have changed.
    expect(await og.locator('#titulo-cambios').textContent()).toBe('Qué habría cambiado al aprobar');
    // In the same tense: nothing will be published from here.
    expect(await og.locator('#titulo-cambios + p').textContent()).toBe('Este implementador aún no ha publicado: todo habría sido nuevo.');
    await og.locator('#vista-previa summary', { hasText: 'Nuevo: ' }).click();
    expect(await og.locator('#vista-previa details[open] .note').textContent()).toBe('Se habría publicado por primera vez.');
  });

  test('the official sees the comment and sends the fixed workbook from the page (a workbook with errors is refused there, cell by cell); it is approved from the page', async () => {
    const og = await coordinatorTab(`#/revision/${await returnedSend()}`);
    official = await signedIn('capturistaA', '#/mis-envios');
    await official.getByText('Cambie el título: debe decir «Parque de la Paz».').waitFor();
    // The session names the official's institution, not its id.
    expect(await official.locator('.session').textContent()).toContain('— Capturista, Municipio de Mérida ');
    expect(await official.locator('.comentarios li').first().textContent()).toContain('revision@inaip-yucatan.org.mx');
    // Where the template comes from, beside the form that asks for it (only a command on the server wrote one); an
    // institution with nothing published yet is offered the blank one alone (the API's answer: public-routes.test).
    expect(await official.locator('#descargar-plantilla').textContent()).toBe('Descargue la plantilla en blanco (plantilla-infraestructura-abierta.xlsx).');
    expect(await official.locator('#descargar-plantilla a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('download')]))).toEqual([['/api/plantilla.xlsx', 'plantilla-infraestructura-abierta.xlsx']]);
    // A numbered list of corrections keeps its lines on screen, as in the email.
    expect(await official.locator('.comentarios li').first().innerText()).toMatch(/«Parque de la Paz»\.\n2\. Revise la fecha de inicio\.$/);

    // An official who captures in Excel sends the file from *Mis envíos*: first one with an error (no description),
    // refused with the cell to fix and nothing created; then the fixed file: the returned send's new version, which keeps
    // its comments for the coordinator and the official (as a Google Sheet sent again does).
    const broken = path.join(dir, 'libro con error.xlsx');
    const fixedFile = path.join(dir, 'libro corregido.xlsx');
    // One warning (a sector outside the suggested list) in both: alone, it does not stop a workbook.
    const withWarning = (book: ReturnType<typeof projectWorkbook>): ReturnType<typeof projectWorkbook> => {
      const [header, row] = book.sheets[0].rows;
      row[header.indexOf('sector')] = 'parques urbanos';
      return book;
    };
    // 201 projects without their description: 201 errors, one more than a refusal listed (it stopped at 200, with
    // nothing saying so); each with its warning and avisos, which are then counted, not listed.
    const brokenBook = withWarning(projectWorkbook(MER, { title: 'Parque de la Paz', complete: false }));
    const [brokenRow] = brokenBook.sheets[0].rows.slice(1);
    brokenBook.sheets[0].rows.push(...Array.from({ length: 200 }, (_, i) => [`${MER.projectIdPrefix}-${String(i + 2).padStart(4, '0')}`, ...brokenRow.slice(1)]));
    fs.writeFileSync(broken, await xlsxOf(brokenBook));
    // Fixed, with the warning left, which the page lists without refusing it.
    const fixedBook = withWarning(projectWorkbook(MER, { title: 'Parque de la Paz' }));
    fs.writeFileSync(fixedFile, await xlsxOf(fixedBook));
    const before = (await h.store.listSubmissions({ publisherId: 'mer', limit: 100 })).items.length;
    // Larger than the server takes (MAX_BODY_BYTES, 5 MB here): refused on the page in the server's words, before a
    // byte is sent — over a slow link a large state's file took minutes to be refused.
    const huge = path.join(dir, 'libro enorme.xlsx');
    fs.writeFileSync(huge, Buffer.alloc(5 * 1024 * 1024 + 1));
    const posted: string[] = [];
    const onRequest = (r: Request): void => { if (r.method() === 'POST') posted.push(r.url()); };
    official.on('request', onRequest);
    await official.getByLabel('Libro de Excel (.xlsx)').setInputFiles(huge);
    await official.getByRole('button', { name: 'Enviar a revisión' }).click();
    await official.locator('#resultado-envio', { hasText: 'El archivo pesa más de 5 MB, el tamaño máximo que recibe este servidor. Puede enviarlo en partes' }).waitFor();
    official.off('request', onRequest);
    expect(posted).toEqual([]);
    // «Revisar sin enviar» first: the same findings the send will give, listed as the refusal lists them, and nothing
    // sent — no send created, and no attempt for the coordination (its list, below, has the real refusal only).
    await official.getByLabel('Libro de Excel (.xlsx)').setInputFiles(broken);
    await official.getByRole('button', { name: 'Revisar sin enviar' }).click();
    await official.locator('#resultado-revision', { hasText: 'Revisado sin enviar: el libro tiene 201 errores (archivo «libro con error.xlsx»)' }).waitFor();
    expect(await official.locator('#resultado-revision').textContent()).toMatch(/No se envió ni se guardó nada, y su coordinación no ve esta revisión\.$/);
    expect(await official.locator('#hallazgos-envio li').count()).toBe(201);
    expect(await official.locator('#titulo-hallazgos-envio').textContent()).toBe('Errores: por estos no se recibiría el libro');
    expect(await official.locator('#aviso-coordinacion').count()).toBe(0);
    expect(await official.locator('#revisar-libro').evaluate((b) => document.activeElement === b || document.activeElement?.id === 'resultado-envio')).toBe(true);
    expect((await h.store.listSubmissions({ publisherId: 'mer', limit: 100 })).items.length).toBe(before);
    await official.getByRole('button', { name: 'Enviar a revisión' }).click();
    await official.locator('#resultado-envio', { hasText: 'No se envió: el libro tiene 201 errores' }).waitFor();
    // Every error, each with its row, and a CSV of them to work through.
    const errorRows = await official.locator('#hallazgos-envio li').allTextContents();
    expect(errorRows).toHaveLength(201);
    // Told that its coordination sees the attempt (below, what it sees).
    expect(await official.locator('#aviso-coordinacion').textContent()).toMatch(/^Su coordinación ve este intento, quién lo envió y sus hallazgos durante una semana/);
    expect(errorRows[0]).toMatch(/^Error — Hoja «projects», fila 2, columna «[^»]+» \(no está en la hoja\): Falta este dato/);
    expect(errorRows[200]).toMatch(/^Error — Hoja «projects», fila 202,/);
    const csv = official.waitForEvent('download');
    await official.getByRole('button', { name: 'Descargar CSV de los 201 errores' }).click();
    const csvLines = (await downloadedText(await csv)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(202);
    expect(csvLines[201]).toMatch(/^projects,202,,Descripción del proyecto,Error,/);
    // Why it was refused, apart from what does not block it: each list under a heading that says which it is.
    expect(await official.locator('#hallazgos-envio').getAttribute('aria-labelledby').then((id) => official.locator(`#${id}`).textContent())).toBe('Errores: por estos no se envió el libro');
    // Its warnings and avisos (the CoST IDS points the projects lack) are counted under their heading, not listed.
    expect(await official.locator('#titulo-advertencias-rechazo').textContent()).toBe('Advertencias: no impiden el envío');
    expect(await official.locator('#advertencias-parciales').textContent()).toMatch(/^El libro tiene además [\d,]+ advertencias y avisos; las verá al enviarlo sin errores\.$/);
    expect(await official.locator('#advertencias-rechazo li').count()).toBe(0);
    expect((await h.store.listSubmissions({ publisherId: 'mer', limit: 100 })).items.length).toBe(before);
    // Nothing reached the inbox, but its coordination sees the attempt: who, when, how many errors and warnings, and on
    // request what the official was told (it read as an implementer that had sent nothing).
    await og.goto(`${base}/#/revision`);
    const attempt = og.locator('#tabla-rechazados tbody tr');
    await attempt.first().waitFor();
    expect(await attempt.count()).toBe(1);
    expect(await attempt.first().locator('th, td').allTextContents()).toEqual(['Municipio de Mérida', '1', expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/), '201', expect.stringMatching(/^[1-9][\d,]*$/), 'captura@merida.gob.mx', 'Ver los hallazgos']);
    await og.getByRole('button', { name: 'Ver los hallazgos del último intento de Municipio de Mérida' }).click();
    await og.locator('#hallazgos-rechazo #hallazgos-envio li').nth(200).waitFor();
    expect(await og.locator('#hallazgos-rechazo p').first().textContent()).toMatch(/^Lo que se le dijo a captura@merida\.gob\.mx: No se envió: el libro tiene 201 errores \(archivo «libro con error\.xlsx»\)/);
    expect(await violations(og)).toEqual([]);
    // On Seguimiento too, beside what awaits review, leading to those attempts in the inbox.
    await og.goto(`${base}/#/seguimiento`);
    const tried = og.locator('#tabla-seguimiento tr', { hasText: 'Municipio de Mérida' }).locator('a.intentos-rechazados');
    expect(await tried.textContent()).toBe('1 intento rechazado en 7 días');
    expect(await tried.getAttribute('href')).toBe('#/revision?implementador=mer');
    // …and in its CSV, in a column of its own (last: a sheet reading it by position keeps its columns).
    const tracking = og.waitForEvent('download');
    await og.getByRole('button', { name: 'Descargar CSV de la tabla de seguimiento' }).click();
    const trackingLines = (await downloadedText(await tracking)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(trackingLines[0].endsWith(',proxima_actualizacion,intentos_rechazados_7_dias')).toBe(true);
    expect(trackingLines.find((l) => l.startsWith('mer,'))?.split(',').pop()).toBe('1');
    // And the month's report counts it for its plenary: the attempt is this week's, so this month's report has it.
    await og.goto(`${base}/#/informe-mensual?mes=${monthOf(Date.now())}`);
    await og.locator('body[data-ready] #tabla-informe').waitFor();
    expect((await og.locator('#tabla-informe tbody tr', { has: og.locator('th', { hasText: 'Municipio de Mérida' }) }).locator('td').allTextContents()).pop()).toBe('1');
    expect(await og.locator('#cifras-informe', { hasText: 'Implementadores con intentos rechazados' }).textContent()).toMatch(/Implementadores con intentos rechazados\s*1 de \d+\s*1 intento/);
    expect(await og.locator('#nota-rechazados').textContent()).toMatch(/^«Intentos rechazados»: envíos que la plataforma no recibió por errores en el libro, que no llegan a la bandeja: se cuentan (todos )?los del \d{2}\/\d{2}\/\d{4}( al \d{2}\/\d{2}\/\d{4})?(; la plataforma empezó a contarlos el \d{2}\/\d{2}\/\d{4}, y los de antes en el mes no se contaron)?\.$/);
    await og.goto(`${base}/#/revision/${await returnedSend()}`);
    // Said before it is sent: what the next workbook will be.
    expect(await official.locator('#continua-envio').textContent()).toMatch(/^El libro que envíe aquí será la versión corregida de su envío devuelto del \d{2}\/\d{2}\/\d{4}.*: su coordinación lo revisará con el historial y los comentarios de ese envío\. Si es otro libro, que no corrige aquel, retire primero ese envío \(abajo, «Retirar envío»\)\.$/);
    await keptScreenshot(official, 'dashboard-mis-envios.png', { fullPage: true });
    expect(await violations(official)).toEqual([]);
    await official.getByLabel('Libro de Excel (.xlsx)').setInputFiles(fixedFile);
    // Checked first, it may be sent: said so, its warning listed as not blocking it.
    await official.getByRole('button', { name: 'Revisar sin enviar' }).click();
    await official.locator('#resultado-revision', { hasText: 'Revisado sin enviar: el libro no tiene errores (archivo «libro corregido.xlsx»)' }).waitFor();
    expect(await official.locator('#titulo-advertencias-rechazo').textContent()).toBe('Advertencias: no impiden el envío');
    expect(await official.locator('#advertencias-rechazo li').count()).toBeGreaterThan(0);
    expect(await violations(official)).toEqual([]);
    await official.getByRole('button', { name: 'Enviar a revisión' }).click();
    await official.locator('#resultado-envio', { hasText: '«libro corregido.xlsx»: Se envió como nueva versión de su envío anterior: reemplaza a esa versión en la bandeja de su coordinación, que la revisa con el historial y los comentarios de ese envío.' }).waitFor();
    // What was sent, as the official filled it (not the file's sheets and header rows).
    expect(await official.locator('#resultado-envio').textContent()).toContain('Contiene 0 contrataciones y 1 proyecto. Tiene 1 advertencia, que no impide publicarlo.');
    await official.getByText('Ver las advertencias').click();
    expect((await official.locator('#advertencias-envio li').allTextContents()).filter((t) => t.startsWith('Advertencia'))).toEqual([expect.stringMatching(/^Advertencia — Hoja «projects», fila 2, columna I \(sector\): .*parques urbanos/)]);
    const resent = official.locator('.envio').first();
    await resent.getByText('En revisión').waitFor();
    // One card: the corrected file under the returned send, whose comment is still there.
    expect(await resent.textContent()).toContain('· «libro corregido.xlsx»');
    expect(await resent.locator('.comentarios li').first().textContent()).toContain('Cambie el título: debe decir «Parque de la Paz».');
    expect(await official.locator('#continua-envio').count()).toBe(0);
    const mine = (await h.store.listSubmissions({ publisherId: 'mer', limit: 100 })).items;
    expect(mine.length).toBe(before);
    const fixed = mine.find((m) => m.status === 'submitted');
    expect(fixed?.source.kind).toBe('xlsx');
    expect(fixed?.history.map((e) => e.action)).toEqual(['submitted', 'returned', 'resubmitted']);
    // The same file sent again: nothing new, and the page says so instead of promising another notice.
    await official.getByLabel('Libro de Excel (.xlsx)').setInputFiles(fixedFile);
    await official.getByRole('button', { name: 'Enviar a revisión' }).click();
    await official.locator('#resultado-envio', { hasText: 'Esta versión ya estaba en revisión, sin cambios' }).waitFor();
    expect((await h.store.listSubmissions({ publisherId: 'mer', limit: 100 })).items.length).toBe(before);

    // The coordinator approves it from the inbox, with the earlier round in its history: the comment, then the new version.
    // The same send the coordinator returned (this tab still shows it as it was then): drawn again.
    expect(og.url()).toBe(`${base}/#/revision/${fixed?.id ?? ''}`);
    await og.reload();
    const history = og.locator('section[aria-labelledby="titulo-historial"] tbody tr');
    await history.first().waitFor();
    // Who, what and the comment of each step (the row's header cell is its date and time).
    const steps = await Promise.all((await history.all()).map((row) => row.locator('td').allTextContents()));
    expect(steps).toEqual([
      ['captura@merida.gob.mx', 'Envió a revisión', ''],
      ['revision@inaip-yucatan.org.mx', 'Devolvió con comentarios', 'Cambie el título: debe decir «Parque de la Paz».\n2. Revise la fecha de inicio.'],
      ['captura@merida.gob.mx', 'Envió una nueva versión', ''],
    ]);
    // «Aprobar» asks first, saying what will be published (Mérida's first publication: said as that, with no
    // «nuevas o modificadas» nor «se conserva publicado» of a publication it has not made); «Cancelar» publishes nothing.
    await og.getByRole('button', { name: 'Aprobar' }).click();
    await og.locator('#confirmar-aprobacion', { hasText: 'Será la primera publicación de Municipio de Mérida: 1 proyecto, que el público verá en el tablero y en la API en cuanto termine de publicarse. ¿Publicar ahora?' }).waitFor();
    expect(await violations(og)).toEqual([]);
    await og.getByRole('button', { name: 'Cancelar' }).click();
    expect(await og.locator('#confirmar-aprobacion').isVisible()).toBe(false);
    expect((await h.store.getSubmission(fixed?.id ?? ''))?.status).toBe('submitted');
    await og.getByRole('button', { name: 'Aprobar' }).click();
    await og.getByRole('button', { name: 'Sí, publicar' }).click();
    await og.locator('#resultado', { hasText: /^Publicado: / }).waitFor();
    // What was published: Mérida's first publication, said as that (not «0 contrataciones nuevas o modificadas y 1
    // proyecto nuevo o modificado»); in the words of its history, as an approval published in the background says
    // it, «publicad…» once.
    expect(await og.locator('#resultado').textContent()).toBe('Publicado: es la primera publicación de Municipio de Mérida, con 1 proyecto.');
    expect(((await (await fetch(`${base}/api/oc4ids/projects?publisher=mer`)).json()) as { projects: { title: string }[] }).projects[0].title).toBe('Parque de la Paz');
    // The official's card says when it was published and what was sent.
    await official.reload();
    const card = official.locator('.envio', { hasText: 'Publicado' }).first();
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Publicado el \d{2}\/\d{2}\/\d{4}.*0 contrataciones y 1 proyecto; 1 advertencia\./);
    expect(await card.textContent()).not.toMatch(/hojas?|filas?/);
    // Sent from the page, it carries its file's name.
    expect(await card.textContent()).toContain('· «libro corregido.xlsx»');
  });

  test('an update after publishing shows the field that changes, before and after', async () => {
    // An update after publishing: the preview shows the field that changes, before and after.
    await meridaPublished();
    const og = await coordinatorTab('#/revision');
    const update = await upload('Parque de la Paz (segunda etapa)');
    await og.goto(`${base}/#/revision?situacion=submitted`);
    await og.getByRole('link', { name: 'Revisar el envío de Municipio de Mérida' }).click();
    await og.getByText('Modificados: 1', { exact: false }).first().waitFor();
    expect(await og.locator('.resumen').textContent()).toMatch(/Versión enviada\d{2}\/\d{2}\/\d{4}[^·]+ · 0 contrataciones y 1 proyecto(Huella del contenido: \S+)Completitud/);
    await og.locator('#vista-previa summary', { hasText: 'oc4ids-abc123-0001' }).click();
    const diff = await og.locator('#vista-previa table').textContent();
    expect(diff).toContain('Parque de la Paz (segunda etapa)');
    // The field by the template's words, not its path; the log by action and person, not codes and ids.
    expect(diff).toContain('Proyectos › Nombre del proyecto');
    expect(diff).not.toContain('contractingProcesses');
    const log = await og.locator('#titulo-bitacora + * , section[aria-labelledby="titulo-bitacora"] table').first().textContent();
    // Who did what, as the history says it: the official sent it («Recibió el envío» beside the official's e-mail).
    expect(log).toContain('Envió a revisión');
    expect(log).not.toContain('Recibió');
    expect(log).not.toMatch(/submission\.created|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(og.url()).toContain(update.body.submission.id);
    await keptScreenshot(og, 'dashboard-revision.png', { fullPage: true });
    expect(await violations(og)).toEqual([]);
    // A newer send approved meanwhile: this one says so and offers no «Aprobar», only the return.
    const newer = await upload('Parque de la Paz (tercera etapa)');
    const approved = await fetch(`${base}/api/submissions/${newer.body.submission.id}/approve`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA') } });
    expect(approved.status).toBe(200);
    await og.reload();
    await og.locator('#envio-anterior', { hasText: 'ya se aprobó uno más reciente de esta institución' }).waitFor();
    expect(await og.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
    expect(await og.getByRole('button', { name: 'Devolver con comentarios' }).count()).toBe(1);
    expect(await violations(og)).toEqual([]);
    // Seguimiento with the program stages recorded by the coordinator.
    await og.evaluate(async (token) => {
      await fetch('/api/publishers/mer/stages', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ stages: { 'E.1': '2024-01-15', 'E.2': '2024-02-01' } }) });
    }, h.bearer('coordinadorA').replace(/^Bearer /, ''));
    await og.goto(`${base}/#/seguimiento`);
    await og.locator('#tabla-seguimiento summary', { hasText: '2 de 7' }).first().click();
    await og.getByText('E.2 Programa de trabajo: 01/02/2024').waitFor();
    expect(await violations(og)).toEqual([]);
  });

  test('a coordinator records program stages from Revisión and Seguimiento shows them; others cannot', async () => {
    // Mérida's first two stages, as the test before records them (run alone, it has not).
    expect((await fetch(`${base}/api/publishers/mer/stages`, { method: 'PUT', headers: { authorization: h.bearer('coordinadorA'), 'content-type': 'application/json' }, body: JSON.stringify({ stages: { 'E.1': '2024-01-15', 'E.2': '2024-02-01' } }) })).status).toBe(200);
    const page = await signedIn('coordinadorA', '#/revision');
    // Seguimiento seen first in this tab: after saving it must show the new dates, not the copy it already read.
    await page.getByRole('navigation').getByRole('link', { name: 'Seguimiento' }).click();
    await page.locator('#tabla-seguimiento tr', { hasText: 'Municipio de Mérida' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Revisión' }).click();
    await page.getByRole('link', { name: 'Registrar las etapas del programa de cada implementador' }).click();
    await page.getByRole('heading', { name: 'Etapas del programa', level: 1 }).waitFor();
    // Only the implementers of the coordinator's state are offered.
    expect(await page.locator('#implementador option').allTextContents()).toEqual(['Elija un implementador', 'Municipio de Mérida']);
    await page.getByLabel('Implementador a su cargo').selectOption({ label: 'Municipio de Mérida' });
    await page.getByLabel('E.3 Compromiso de publicación').fill('10/03/2024');
    await page.getByLabel('E.4 Mapeo').fill('20/04/2024');
    await page.getByLabel('E.2 Programa de trabajo').fill('');
    await page.getByLabel('E.5 Captura').fill('01/01/2999');
    await page.getByRole('button', { name: 'Guardar etapas' }).click();
    await page.locator('#resultado-etapas', { hasText: 'La fecha de la etapa E.5 Captura (01/01/2999) es posterior a hoy' }).waitFor();
    await page.getByLabel('E.5 Captura').fill('');
    await page.getByRole('button', { name: 'Guardar etapas' }).click();
    await page.locator('#resultado-etapas', { hasText: 'Se guardaron las etapas de Municipio de Mérida. E.2 Programa de trabajo: fecha borrada; E.3 Compromiso de publicación: 10/03/2024; E.4 Mapeo: 20/04/2024.' }).waitFor();
    expect(await page.locator('#etapa-E3-actual').textContent()).toBe('Registrada: 10/03/2024');
    await keptScreenshot(page, 'dashboard-etapas.png', { fullPage: true });
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Ver el avance en Seguimiento' }).click();
    const merida = page.locator('#tabla-seguimiento tr', { hasText: 'Municipio de Mérida' });
    await merida.locator('summary', { hasText: '3 de 7' }).click();
    await merida.getByText('E.3 Compromiso de publicación: 10/03/2024').waitFor();
    await merida.getByText('E.4 Mapeo: 20/04/2024').waitFor();
    await merida.getByText('E.2 Programa de trabajo: pendiente').waitFor();
    // From the board to the implementer's form, to record the stage it lacks.
    await merida.getByRole('link', { name: 'Registrar las etapas de Municipio de Mérida' }).click();
    await page.getByRole('heading', { name: 'Etapas de Municipio de Mérida', level: 2 }).waitFor();
    expect(await page.getByLabel('E.3 Compromiso de publicación').inputValue()).toBe('10/03/2024');

    // A coordinator of another state is not offered Mérida, even through a link; an official gets the server's refusal.
    const other = await signedIn('coordinadorB', '#/etapas?implementador=mer');
    await other.getByText('Ese implementador no está a su cargo: elija uno de la lista.').waitFor();
    expect(await other.locator('#implementador option').allTextContents()).toEqual(['Elija un implementador', 'Municipio de Monterrey']);
    const official2 = await signedIn('capturistaA', '#/etapas');
    await official2.getByRole('alert').filter({ hasText: 'Su cuenta no tiene permiso para registrar las etapas del programa' }).waitFor();
  });

  test('stage dates read and are typed as dd/mm/aaaa in an English browser too; a bad one is named in Spanish', async () => {
    await fetch(`${base}/api/publishers/mty/stages`, { method: 'PUT', headers: { authorization: h.bearer('coordinadorB'), 'content-type': 'application/json' }, body: JSON.stringify({ stages: { 'E.1': '2024-01-15' } }) });
    // A browser in English: its own date fields would show and take mm/dd/yyyy.
    const page = await signedIn('coordinadorB', '#/etapas?implementador=mty', { locale: 'en-US' });
    const reda = page.getByLabel('E.1 REDA');
    await reda.waitFor();
    expect(await reda.inputValue()).toBe('15/01/2024');
    // The format is said with each field (its description), and shown once above them.
    const described = await reda.evaluate((el: any) => el.getAttribute('aria-describedby').split(' ').map((id: string) => document.getElementById(id)?.textContent).join(' | '));
    expect(described).toBe('Fecha en formato dd/mm/aaaa (día, mes y año), por ejemplo 15/01/2024. | Registrada: 15/01/2024');
    const capture = page.getByLabel('E.5 Captura');
    // A day the calendar has not, then one typed the other way round: named, marked and given the focus.
    await capture.fill('31/02/2024');
    await page.getByRole('button', { name: 'Guardar etapas' }).click();
    await page.locator('#resultado-etapas', { hasText: 'La fecha de la etapa E.5 Captura («31/02/2024») no existe en el calendario. Escriba día, mes y año como dd/mm/aaaa, por ejemplo 15/01/2024, o bórrela.' }).waitFor();
    expect(await capture.getAttribute('aria-invalid')).toBe('true');
    expect(await capture.evaluate((el: any) => document.activeElement === el)).toBe(true);
    expect(await capture.getAttribute('aria-describedby')).toBe('etapa-E5-error formato-fechas etapa-E5-actual');
    // Saved with Enter in the field, the focus already there: said through the live region (focusing it read nothing).
    await capture.fill('2024-03-10');
    await capture.press('Enter');
    const notUnderstood = 'La fecha de la etapa E.5 Captura («2024-03-10») no se entiende. Escríbala como dd/mm/aaaa (día, mes y año), por ejemplo 15/01/2024, o bórrela.';
    await page.locator('#resultado-etapas', { hasText: notUnderstood }).waitFor();
    await page.locator('#anuncio', { hasText: notUnderstood }).waitFor({ timeout: 2000 });
    // Two dates wrong at once: both said, each field marked and described by its own reason, the first focused.
    await page.getByLabel('E.3 Compromiso de publicación').fill('30/02/2024');
    await page.getByRole('button', { name: 'Guardar etapas' }).click();
    const onCommitment = 'La fecha de la etapa E.3 Compromiso de publicación («30/02/2024») no existe en el calendario. Escriba día, mes y año como dd/mm/aaaa, por ejemplo 15/01/2024, o bórrela.';
    await page.locator('#resultado-etapas', { hasText: `${onCommitment} ${notUnderstood}` }).waitFor({ timeout: 2000 });
    const reason = (label: string) => page.getByLabel(label).evaluate((el: any) => [el.getAttribute('aria-invalid'), document.getElementById(el.getAttribute('aria-describedby').split(' ')[0])?.textContent]);
    expect([await reason('E.3 Compromiso de publicación'), await reason('E.5 Captura')]).toEqual([['true', onCommitment], ['true', notUnderstood]]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('etapa-E3');
    await page.getByLabel('E.3 Compromiso de publicación').fill('');
    // Typed as dd/mm/aaaa, without leading zeros: saved as that day, and written back in full.
    await capture.fill('5/3/2024');
    await page.getByLabel('E.2 Programa de trabajo').fill('01/02/2024');
    await page.getByRole('button', { name: 'Guardar etapas' }).click();
    await page.locator('#resultado-etapas', { hasText: 'Se guardaron las etapas de Municipio de Monterrey. E.2 Programa de trabajo: 01/02/2024; E.5 Captura: 05/03/2024.' }).waitFor();
    expect(await capture.inputValue()).toBe('05/03/2024');
    expect(await capture.getAttribute('aria-invalid')).toBeNull();
    // The API got the days as it takes them.
    const listed = (await (await fetch(`${base}/api/stages`, { headers: { authorization: h.bearer('coordinadorB') } })).json()) as { publishers: { publisherId: string; stages: Record<string, string> }[] };
    expect(listed.publishers.find((p) => p.publisherId === 'mty')?.stages).toEqual({ 'E.1': '2024-01-15', 'E.2': '2024-02-01', 'E.5': '2024-03-05' });
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  test('one stage recorded for several implementers at once: the marked ones get the date, the page says who, and who had it', async () => {
    // The administration sees both states' implementers (a coordinator, only its own: the list is the same /api/stages).
    const page = await signedIn('admin', '#/etapas');
    const form = page.locator('#formulario-etapa-varios');
    await form.waitFor();
    await page.getByLabel('Etapa', { exact: true }).selectOption('E.7');
    // Each implementer with its date for the stage chosen, before marking.
    expect(await form.locator('li').allInnerTexts()).toEqual(['Municipio de Mérida (Yucatán) pendiente', 'Municipio de Monterrey (Nuevo León) pendiente']);
    const save = page.getByRole('button', { name: 'Registrar la etapa en los marcados' });
    const date = page.getByLabel('Fecha en que se alcanzó');
    await date.fill('01/01/2999');
    await page.getByRole('button', { name: 'Marcar los que no la tienen' }).click();
    await save.click();
    await page.locator('#resultado-etapa-varios', { hasText: 'La fecha de la etapa E.7 Presentación pública (01/01/2999) es posterior a hoy: registre la fecha en que se alcanzó.' }).waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await date.fill('20/6/2024');
    // Refused as every next one would be (too many requests): it stops there, and says who was not tried.
    const tooMany = 'Demasiadas solicitudes en poco tiempo. Espere 30 segundos e intente de nuevo.';
    await page.route('**/api/stages/batch', (r) => r.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code: 'rate-limited', message: tooMany } }) }));
    await save.click();
    await page.locator('#resultado-etapa-varios', { hasText: `No se registró la etapa E.7 Presentación pública para ninguno de los 2 implementadores: ${tooMany}` }).waitFor();
    await page.unroute('**/api/stages/batch');
    // One request for the batch (the rate limit counts it once), none per implementer.
    const sent: string[] = [];
    const noteSent = (r: { method(): string; url(): string }) => { if (r.method() !== 'GET') sent.push(`${r.method()} ${new URL(r.url()).pathname}`); };
    page.on('request', noteSent);
    await save.click();
    await page.locator('#resultado-etapa-varios', { hasText: 'Se registró la etapa E.7 Presentación pública el 20/06/2024 para 2 implementadores: Municipio de Mérida y Municipio de Monterrey.' }).waitFor();
    expect(await form.locator('li').allInnerTexts()).toEqual(['Municipio de Mérida (Yucatán) registrada: 20/06/2024', 'Municipio de Monterrey (Nuevo León) registrada: 20/06/2024']);
    const listed = (await (await fetch(`${base}/api/stages`, { headers: { authorization: h.bearer('admin') } })).json()) as { publishers: { publisherId: string; stages: Record<string, string> }[] };
    expect(listed.publishers.map((p) => [p.publisherId, p.stages['E.7']])).toEqual([['mer', '2024-06-20'], ['mty', '2024-06-20']]);
    // Again with the same date: nothing is written, and the page says they had it.
    await save.click();
    await page.locator('#resultado-etapa-varios', { hasText: 'Municipio de Mérida y Municipio de Monterrey ya la tenían registrada con esa fecha.' }).waitFor();
    page.off('request', noteSent);
    expect(sent).toEqual(['POST /api/stages/batch']);
    // The date was a mistake: cleared for both at once (the date typed is not read), as the single form clears one.
    await date.fill('');
    // Asked first; declined, nothing is cleared (the list still shows both dates).
    const asked: string[] = [];
    page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
    await page.getByRole('button', { name: 'Borrar la fecha de la etapa en los marcados' }).click();
    expect(asked).toEqual(['¿Borrar la fecha de la etapa E.7 Presentación pública de 2 implementadores? Para volver a tenerla habrá que registrarla de nuevo.']);
    expect(await form.locator('li').allInnerTexts()).toEqual(['Municipio de Mérida (Yucatán) registrada: 20/06/2024', 'Municipio de Monterrey (Nuevo León) registrada: 20/06/2024']);
    page.once('dialog', (d) => { void d.accept(); });
    await page.getByRole('button', { name: 'Borrar la fecha de la etapa en los marcados' }).click();
    await page.locator('#resultado-etapa-varios', { hasText: 'Se borró la fecha de la etapa E.7 Presentación pública para 2 implementadores: Municipio de Mérida y Municipio de Monterrey.' }).waitFor();
    expect(await form.locator('li').allInnerTexts()).toEqual(['Municipio de Mérida (Yucatán) pendiente', 'Municipio de Monterrey (Nuevo León) pendiente']);
    const cleared = (await (await fetch(`${base}/api/stages`, { headers: { authorization: h.bearer('admin') } })).json()) as { publishers: { publisherId: string; stages: Record<string, string> }[] };
    expect(cleared.publishers.map((p) => [p.publisherId, p.stages['E.7']])).toEqual([['mer', undefined], ['mty', undefined]]);
    // A milestone of one state: the administration chooses it, and both forms list only its implementers.
    await h.store.putPublisher({ ...PUBLISHERS[1], id: 'gpe', name: 'Municipio de Guadalupe', ocidPrefix: 'ocds-gpe', projectIdPrefix: 'oc4ids-gpe' });
    try {
      await page.reload();
      await form.waitFor();
      expect(await page.getByLabel('Entidad').locator('option').allInnerTexts()).toEqual(['Todas las entidades', 'Nuevo León (2 implementadores)', 'Yucatán (1 implementador)']);
      await page.getByLabel('Entidad').selectOption('Nuevo León');
      expect(await page.getByLabel('Implementador a su cargo').locator('option').allInnerTexts()).toEqual(['Elija un implementador', 'Municipio de Guadalupe', 'Municipio de Monterrey']);
      await page.getByLabel('Etapa', { exact: true }).selectOption('E.7');
      expect(await form.locator('li').allInnerTexts()).toEqual(['Municipio de Guadalupe pendiente', 'Municipio de Monterrey pendiente']);
      await page.getByRole('button', { name: 'Marcar todos', exact: true }).click();
      await date.fill('21/06/2024');
      await save.click();
      await page.locator('#resultado-etapa-varios', { hasText: 'Se registró la etapa E.7 Presentación pública el 21/06/2024 para 2 implementadores: Municipio de Guadalupe y Municipio de Monterrey.' }).waitFor();
      const byState = (await (await fetch(`${base}/api/stages`, { headers: { authorization: h.bearer('admin') } })).json()) as { publishers: { publisherId: string; stages: Record<string, string> }[] };
      expect(byState.publishers.map((p) => [p.publisherId, p.stages['E.7']]).sort()).toEqual([['gpe', '2024-06-21'], ['mer', undefined], ['mty', '2024-06-21']]);
      // Kept in the address: a reload shows the same state.
      expect(decodeURIComponent(new URL(page.url()).hash)).toContain('entidad=Nuevo+León');
      await page.reload();
      await form.waitFor();
      expect(await page.getByLabel('Entidad').inputValue()).toBe('Nuevo León');
      expect(await violations(page)).toEqual([]);
    } finally {
      await h.store.deletePublisher('gpe');
    }
  });

  test('a state\'s coordinator records a stage for its 31 implementers: sent by requests of 25, the page says how far it got', async () => {
    const added = Array.from({ length: 30 }, (_, i) => ({ ...MER, id: `yuc${i}`, name: `Municipio ${String(i + 1).padStart(2, '0')} de Yucatán`, ocidPrefix: `ocds-yuc${i}`, projectIdPrefix: `oc4ids-yuc${i}` }));
    for (const p of added) await h.store.putPublisher(p);
    try {
      const page = await signedIn('coordinadorA', '#/etapas');
      const status = page.locator('#resultado-etapa-varios');
      await page.getByLabel('Etapa', { exact: true }).selectOption('E.6');
      await page.getByLabel('Fecha en que se alcanzó').fill('10/06/2024');
      await page.getByRole('button', { name: 'Marcar los que no la tienen' }).click();
      // No answer to the first request: its 25 are said unknown, the other 6 not sent.
      await page.route('**/api/stages/batch', (r) => r.abort());
      await page.getByRole('button', { name: 'Registrar la etapa en los marcados' }).click();
      await status.filter({ hasText: /^No se registró para Municipio 01 de Yucatán, .* y Municipio 25 de Yucatán: No se pudo comunicar con el servidor, así que no se sabe si se registró\. .* No se intentó para Municipio 26 de Yucatán, .* y Municipio de Mérida: vuelva a registrarla para esos implementadores\.$/ }).waitFor();
      await page.unroute('**/api/stages/batch');
      // The second request waits until the page has said how far the first got.
      const posts: number[] = [];
      await page.route('**/api/stages/batch', async (r) => {
        posts.push((JSON.parse(r.request().postData() ?? '{}') as { changes: unknown[] }).changes.length);
        if (posts.length === 2) {
          await status.filter({ hasText: 'Guardando la etapa: 25 de 31 implementadores listos…' }).waitFor();
          // Another stage chosen meanwhile: the rest still get the one being saved.
          await page.getByLabel('Etapa', { exact: true }).selectOption('E.7');
        }
        await r.continue();
      });
      await page.getByRole('button', { name: 'Registrar la etapa en los marcados' }).click();
      // Counted, not 31 names in a paragraph: each one's date is beside its mark.
      await status.filter({ hasText: /^Se registró la etapa E\.6 Validación el 10\/06\/2024 para 31 implementadores; la lista muestra la fecha de cada uno\.$/ }).waitFor();
      expect(posts).toEqual([25, 6]);
      await page.getByLabel('Etapa', { exact: true }).selectOption('E.6');
      expect(await page.locator('#formulario-etapa-varios li', { hasText: 'registrada: 10/06/2024' }).count()).toBe(31);
      const listed = (await (await fetch(`${base}/api/stages`, { headers: { authorization: h.bearer('coordinadorA') } })).json()) as { publishers: { stages: Record<string, string> }[] };
      expect(listed.publishers.filter((p) => p.stages['E.6'] === '2024-06-10')).toHaveLength(31);
      expect(listed.publishers.filter((p) => p.stages['E.7'] === '2024-06-10')).toHaveLength(0);
      // The day was wrong for all of them: none is «pendiente» any more, «Marcar todos» marks them to correct it.
      await page.getByRole('button', { name: 'Desmarcar todos' }).click();
      await page.getByRole('button', { name: 'Marcar los que no la tienen' }).click();
      expect(await page.locator('#formulario-etapa-varios input[type=checkbox]:checked').count()).toBe(0);
      await page.getByRole('button', { name: 'Marcar todos', exact: true }).click();
      await page.getByLabel('Fecha en que se alcanzó').fill('11/06/2024');
      await page.getByRole('button', { name: 'Registrar la etapa en los marcados' }).click();
      await status.filter({ hasText: 'Se registró la etapa E.6 Validación el 11/06/2024 para 31 implementadores' }).waitFor();
    } finally {
      for (const p of added) await h.store.deletePublisher(p.id);
    }
  });

  test('a send approved while its card was open cannot be withdrawn: the page says why and shows it published', async () => {
    const sent = await fetch(`${base}/api/submissions?publisher=mer&archivo=${encodeURIComponent('aprobado mientras tanto.xlsx')}`, { method: 'POST', headers: { authorization: h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title: 'Parque aprobado mientras tanto' })) });
    expect(sent.status).toBe(201);
    const id = ((await sent.json()) as { submission: { id: string } }).submission.id;
    const page = await signedIn('capturistaA', '#/mis-envios');
    // By its heading: an older send's card names this one too once it is approved (newer-approved.ts).
    const card = page.locator('.envio', { has: page.locator('h2', { hasText: 'aprobado mientras tanto.xlsx' }) });
    await card.getByText('En revisión').waitFor();
    const approved = await fetch(`${base}/api/submissions/${id}/approve`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA') } });
    expect(approved.status).toBe(200);
    await card.getByRole('button', { name: 'Retirar envío' }).click();
    await card.getByRole('button', { name: 'Sí, retirar' }).click();
    await page.locator('#resultado-retiro', { hasText: /^Este envío ya no se puede retirar: está «Publicado»/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('resultado-retiro');
    await card.getByText('Publicado').waitFor();
    expect(await card.getByRole('button', { name: 'Retirar envío' }).count()).toBe(0);
  });

  test('an official withdraws a send made by mistake from Mis envíos, after confirming; it leaves the coordinator\'s inbox', async () => {
    await meridaPublished();
    const sent = await fetch(`${base}/api/submissions?publisher=mer&archivo=${encodeURIComponent('enviado por error.xlsx')}`, { method: 'POST', headers: { authorization: h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title: 'Parque enviado por error' })) });
    expect(sent.status).toBe(201);
    const id = ((await sent.json()) as { submission: { id: string } }).submission.id;
    const coordinator = await signedIn('coordinadorA', '#/revision', { tab: 1 });
    await coordinator.locator('#bandeja tbody tr', { hasText: 'enviado por error.xlsx' }).waitFor();

    const page = await signedIn('capturistaA', '#/mis-envios');
    const card = page.locator('.envio', { hasText: 'enviado por error.xlsx' });
    await card.getByText('En revisión').waitFor();
    // Only sends awaiting review (or returned) offer it: not the published ones.
    const published = page.locator('.envio', { hasText: 'Publicado' }).first();
    await published.waitFor();
    expect(await published.getByRole('button', { name: 'Retirar envío' }).count()).toBe(0);
    // It asks first, saying what it does; «Cancelar» withdraws nothing.
    await card.getByRole('button', { name: 'Retirar envío' }).click();
    await card.getByRole('group', { name: /^¿Retirar este envío\? Saldrá de la bandeja de su coordinación/ }).waitFor();
    expect(await violations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Cancelar' }).click();
    expect((await h.store.getSubmission(id))?.status).toBe('submitted');
    // From the keyboard: «Retirar envío» puts the focus on «Sí, retirar»; once withdrawn, the focus is on the page's
    // outcome, which it reads (it fell to <body>, and nothing was said).
    await card.getByRole('button', { name: 'Retirar envío' }).press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sí, retirar');
    await page.keyboard.press('Enter');
    await page.locator('#resultado-retiro', { hasText: /^Se retiró el envío del \d{2}\/\d{2}\/\d{4}.* · «enviado por error\.xlsx»: ya no está en la bandeja de su coordinación\.$/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('resultado-retiro');
    await card.getByText('Retirado').waitFor();
    expect(await card.getByRole('button', { name: 'Retirar envío' }).count()).toBe(0);
    expect((await h.store.getSubmission(id))?.status).toBe('withdrawn');

    // The coordinator's inbox no longer shows it as pending; under «Retirado» it is there, with who withdrew it.
    await coordinator.reload();
    await coordinator.locator('#bandeja caption').waitFor();
    expect(await coordinator.locator('#bandeja tbody').textContent()).not.toContain('enviado por error.xlsx');
    // The filters offer every implementer in the coordinator's charge, even under a situation no send is in.
    await coordinator.getByLabel('Situación').selectOption({ label: 'La publicación falló' });
    await coordinator.locator('#bandeja tbody', { hasText: 'No hay envíos en la situación «La publicación falló»' }).waitFor();
    expect(await coordinator.locator('#filtro-implementador option').allTextContents()).toEqual(['Todos', 'Municipio de Mérida']);
    expect(await coordinator.locator('#filtro-estado option').allTextContents()).toEqual(['Todos', 'Yucatán']);
    // Reached with the public header's filters (`state`, `publisher`, as a link from Seguimiento carries them), the
    // inbox shows what they chose (it showed every send); a choice made in the inbox after is what a reload keeps.
    const chosenIn = (id: string): Promise<string> => coordinator.locator(id).evaluate((el) => (el as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0].text);
    const inboxAt = async (hash: string): Promise<void> => {
      await coordinator.evaluate((to: string) => { document.body.removeAttribute('data-ready'); document.location.hash = to; }, hash);
      await coordinator.waitForSelector('body[data-ready] #bandeja caption');
    };
    await inboxAt(`#/revision?state=${encodeURIComponent('Yucatán')}&publisher=mer&situacion=`);
    expect([await chosenIn('#filtro-estado'), await chosenIn('#filtro-implementador')]).toEqual(['Yucatán', 'Municipio de Mérida']);
    await coordinator.locator('#filtro-estado').selectOption({ label: 'Todos' });
    expect(coordinator.url()).not.toMatch(/[?&]state=[^&]/);
    await coordinator.reload();
    await coordinator.waitForSelector('body[data-ready] #bandeja caption');
    expect([await chosenIn('#filtro-estado'), await chosenIn('#filtro-implementador')]).toEqual(['Todos', 'Municipio de Mérida']);
    // The inbox's own parameter, in the links it made before, still chooses.
    await inboxAt(`#/revision?estado=${encodeURIComponent('Yucatán')}&situacion=`);
    expect([await chosenIn('#filtro-estado'), await chosenIn('#filtro-implementador')]).toEqual(['Yucatán', 'Todos']);
    await coordinator.getByLabel('Situación').selectOption({ label: 'Retirado' });
    await coordinator.locator('#bandeja tbody tr', { hasText: 'enviado por error.xlsx' }).getByRole('link').click();
    await coordinator.locator('#situacion', { hasText: 'Retirado' }).waitFor();
    expect(await coordinator.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
    expect(await coordinator.locator('#vista-previa').count()).toBe(0);
    expect(await coordinator.locator('section[aria-labelledby="titulo-historial"] tbody').textContent()).toContain('Retiró el envío');
  });

  test('an implementer registered today is «Nuevo» on Seguimiento, with the day its first publication is due, not «Atrasado»', async () => {
    const registered = new Date();
    await registerPublisher(h.store, { id: 'tap', name: 'Municipio de Tapachula', state: 'Chiapas', ocidPrefix: 'ocds-tap001', projectIdPrefix: 'oc4ids-tap001', commitment: { projects: 5, periodicityDays: 30 } }, 'admin', registered);
    // The control board a coordinator opens from Revisión (it is public: no sign-in needed to read it).
    const page = await signedIn('coordinadorA', '#/revision');
    await page.getByRole('navigation').getByRole('link', { name: 'Seguimiento' }).click();
    // It opens on the coordinator's state (Yucatán); Tapachula is in Chiapas.
    await page.getByRole('button', { name: 'Ver todos los estados' }).click();
    const row = page.locator('#tabla-seguimiento tr', { hasText: 'Municipio de Tapachula' });
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe(`◷ Nuevo: primera publicación a más tardar el ${formatDate(new Date(registered.getTime() + 30 * 86_400_000).toISOString())}`);
    // Its «Última publicación»: none yet, said so («Sin dato» read as a date missing from its data).
    expect(await row.locator('td').nth(6).textContent()).toBe('Aún no publica');
    // Nor are its «Pendientes» and «Días sin actualizar» a figure missing from published data.
    expect([await row.locator('td').nth(3).textContent(), await row.locator('td').nth(7).textContent()]).toEqual(['Aún no publica', 'Aún no publica']);
    // Registered before the date was kept and never published: late, as before.
    expect(await page.locator('#tabla-seguimiento tr', { hasText: 'Municipio de Monterrey' }).locator('td').first().textContent()).toMatch(/^✗ Atrasado/);
  });

  test('an approval of unchanged data counts as an update on Seguimiento: not «Atrasado», 0 days, the confirmation said under the publication', async () => {
    // Published 60 days ago with a commitment of every 30 days: late, until its coordinator approves the same data.
    const registered = new Date(Date.now() - 90 * 86_400_000);
    const cam = { id: 'cam', name: 'Municipio de Campeche', state: 'Campeche', ocidPrefix: 'ocds-cam001', projectIdPrefix: 'oc4ids-cam001', commitment: { projects: 1, periodicityDays: 30 } };
    await registerPublisher(h.store, cam, 'admin', registered);
    const book = projectWorkbook(cam, { title: 'Malecón' });
    const publishedAt = new Date(Date.now() - 60 * 86_400_000).toISOString();
    expect((await publish(h.store, { publisher: (await h.store.getPublisher('cam'))!, workbook: book, actor: 'system', now: publishedAt, baseUrl: BASE_URL })).status).toBe('published');
    const page = await signedIn('coordinadorA', '#/revision');
    await page.getByRole('navigation').getByRole('link', { name: 'Seguimiento' }).click();
    await page.getByRole('button', { name: 'Ver todos los estados' }).click();
    const row = page.locator('#tabla-seguimiento tr', { hasText: 'Municipio de Campeche' });
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toMatch(/^✗ Atrasado/);

    const sent = await fetch(`${base}/api/submissions?publisher=cam`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': XLSX_MIME }, body: await xlsxOf(book) });
    expect(sent.status).toBe(201);
    // Approved from its page: the question says nothing new will be published, and that it counts as an update.
    const admin = await signedIn('admin', `#/revision/${((await sent.json()) as { submission: { id: string } }).submission.id}`, { tab: 1 });
    await admin.getByRole('button', { name: 'Aprobar' }).click();
    expect(await admin.locator('#texto-confirmar').textContent()).toBe('No hay cambios frente a lo publicado: al aprobar no se publica nada nuevo, y la aprobación cuenta como actualización de los datos de Municipio de Campeche en «Seguimiento». ¿Aprobar ahora?');
    await admin.getByRole('button', { name: 'Sí, aprobar' }).click();
    await admin.locator('#resultado', { hasText: 'Contenido idéntico a la publicación vigente: no hubo cambios que publicar; la aprobación cuenta como actualización de sus datos.' }).waitFor();

    await page.reload();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('✓ Al día y completo');
    // «Última publicación» is still the publication's date, with the confirmation under it; «Días sin actualizar»: 0.
    // And the next update is due a period after the confirmation, not after the publication.
    const confirmedAt = (await h.store.getPublisher('cam'))!.confirmedAt!;
    const nextDue = updateDueAt({ lastPublishedAt: publishedAt, confirmedAt, registeredAt: registered.toISOString(), periodicityDays: 30 })!;
    expect(Date.parse(nextDue)).toBeGreaterThan(Date.now());
    expect(cells[6]).toBe(`${formatDate(publishedAt)}confirmada sin cambios el ${formatDate(new Date().toISOString())}próxima a más tardar el ${formatDate(nextDue)}`);
    expect(cells[7]).toBe('0');
    expect(await violations(page)).toEqual([]);
  });
  test('«Qué cambiará al aprobar» shows a release tag the official typed by its Spanish name, as the sheet\'s list does, never the code', async () => {
    // An implementer whose example workbook is published; an update of it with the tag typed in «Etiquetas de la entrega».
    const book = await exampleWorkbook('tuxtla-gutierrez');
    const publisher = publisherOf('tux', book);
    await h.store.putPublisher(publisher);
    expect((await publish(h.store, { publisher, workbook: book, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE_URL })).status).toBe('published');
    const processes = book.sheets.find((x) => x.name === 'Contrataciones')!.rows;
    const ocid = String(processes[2][processes[1].indexOf('ocid')]);
    setCell(book, 'Contrataciones', 0, 'tag', 'tenderUpdate');
    // Sent as the add-on sends a sheet to a self-hosted server: its values.
    const sent = await fetch(`${base}/api/submissions`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ publisherId: 'tux', workbook: workbookValues(book) }) });
    expect(sent.status).toBe(201);
    const page = await signedIn('admin', `#/revision/${((await sent.json()) as { submission: { id: string } }).submission.id}`);
    await page.locator('#vista-previa summary', { hasText: ocid }).click();
    const row = page.locator('#vista-previa tr', { hasText: 'Etiquetas de la entrega' }).first();
    await row.waitFor();
    expect(await row.locator('td').last().textContent()).toBe('Actualización de la licitación');
    expect(await page.locator('#vista-previa').textContent()).not.toMatch(/tenderUpdate/);
  });

  test('«Qué cambiará al aprobar» warns when a send takes processes back to what was published before (an older copy of the workbook)', async () => {
    // January's workbook published, February's correction of a contract amount published, then January's copy sent again.
    const book = await exampleWorkbook('merida');
    const publisher = publisherOf('mdo', book);
    await h.store.putPublisher(publisher);
    expect((await publish(h.store, { publisher, workbook: book, actor: 'system', now: '2027-01-15T10:00:00-06:00', baseUrl: BASE_URL })).status).toBe('published');
    const corrected = await exampleWorkbook('merida');
    const contracts = corrected.sheets.find((x) => x.name === 'Contratos')!.rows;
    const ocid = String(contracts[2][contracts[1].indexOf('ocid')]);
    setCell(corrected, 'Contratos', 0, 'contracts/0/value/amount', Number(contracts[2][contracts[1].indexOf('contracts/0/value/amount')]) + 9);
    expect((await publish(h.store, { publisher, workbook: corrected, actor: 'system', now: '2027-02-16T10:00:00-06:00', baseUrl: BASE_URL })).status).toBe('published');
    // The January file itself, uploaded as «Mis envíos» sends it.
    const sent = await fetch(`${base}/api/submissions?publisher=mdo`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': XLSX_MIME }, body: fs.readFileSync(path.join(__dirname, '../../templates/examples/merida.xlsx')) });
    expect(sent.status).toBe(201);
    const page = await signedIn('admin', `#/revision/${((await sent.json()) as { submission: { id: string } }).submission.id}`);
    // Said above the list, whose items are closed: it read as any other «Modificada», the amount going back.
    expect(await page.locator('#vista-previa .vuelven').textContent()).toMatch(/^⚠ 1 contratación vuelve a como estaba publicada antes: aprobar deshace lo que se publicó después\. ¿Es una copia anterior del libro\?/);
    const summary = page.locator('#vista-previa summary', { hasText: ocid });
    expect(await summary.textContent()).toMatch(/\(vuelve a como se publicó el 15\/01\/2027\)$/);
    await summary.click();
    expect(await page.locator('#vista-previa .nota-vuelve').textContent()).toBe('Vuelve a como se publicó el 15/01/2027: aprobar deshace lo que se publicó de esta contratación desde el 16/02/2027.');
  });

  test('«Qué cambiará al aprobar» shows a date with its time: a time added to a date is a change that reads as one', async () => {
    const book = await exampleWorkbook('merida');
    const publisher = publisherOf('mdx', book);
    await h.store.putPublisher(publisher);
    expect((await publish(h.store, { publisher, workbook: book, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE_URL })).status).toBe('published');
    const contracts = book.sheets.find((x) => x.name === 'Contratos')!.rows;
    const ocid = String(contracts[2][contracts[1].indexOf('ocid')]);
    const signed = contracts[2][contracts[1].indexOf('contracts/0/dateSigned')];
    // The day it was published with, now with the hour of the signing, as an official types it (Instrucciones, 5).
    const day = formatDate(new Date(signed as string).toISOString().slice(0, 10));
    setCell(book, 'Contratos', 0, 'contracts/0/dateSigned', `${day} 10:30`);
    const sent = await fetch(`${base}/api/submissions`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ publisherId: 'mdx', workbook: workbookValues(book) }) });
    expect(sent.status).toBe(201);
    const page = await signedIn('admin', `#/revision/${((await sent.json()) as { submission: { id: string } }).submission.id}`);
    await page.locator('#vista-previa summary', { hasText: ocid }).click();
    const row = page.locator('#vista-previa tr', { hasText: 'Fecha de firma' }).first();
    await row.waitFor();
    // It read «day → day», the same on both sides, for a change the approval publishes.
    expect((await row.locator('td').allTextContents()).slice(-2)).toEqual([day, `${day} 10:30`]);
  });

  test('«Qué cambiará al aprobar» writes a changed amount as money, with its currency when it is not pesos', async () => {
    const book = await exampleWorkbook('merida');
    const publisher = publisherOf('mdm', book);
    await h.store.putPublisher(publisher);
    expect((await publish(h.store, { publisher, workbook: book, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE_URL })).status).toBe('published');
    const contracts = book.sheets.find((x) => x.name === 'Contratos')!.rows;
    const ocid = String(contracts[2][contracts[1].indexOf('ocid')]);
    const before = Number(contracts[2][contracts[1].indexOf('contracts/0/value/amount')]);
    // Above its amount without taxes (110,695,016.70), which an amount must not be under.
    setCell(book, 'Contratos', 0, 'contracts/0/value/amount', 120000597.44);
    setCell(book, 'Contratos', 0, 'contracts/0/value/currency', 'USD');
    // Its amount without taxes too (value/netAmount, «Monto del contrato sin impuestos»): it read «103448792.62».
    const netBefore = Number(contracts[2][contracts[1].indexOf('contracts/0/value/netAmount')]);
    setCell(book, 'Contratos', 0, 'contracts/0/value/netAmount', 103448792.62);
    // …and one of its payments deleted, which its record keeps: «(vacío)» read as approving would remove it.
    const payments = book.sheets.find((x) => x.name === 'Transacciones')!.rows;
    const paid = payments.findIndex((r, i) => i > 1 && r[payments[1].indexOf('ocid')] === ocid);
    const amount = Number(payments[paid][payments[1].indexOf('contracts/0/implementation/transactions/0/value/amount')]);
    payments.splice(paid, 1);
    const sent = await fetch(`${base}/api/submissions`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ publisherId: 'mdm', workbook: workbookValues(book) }) });
    expect(sent.status).toBe(201);
    const page = await signedIn('admin', `#/revision/${((await sent.json()) as { submission: { id: string } }).submission.id}`);
    await page.locator('#vista-previa summary', { hasText: ocid }).click();
    const row = page.locator('#vista-previa tr', { has: page.locator('span[title="contracts/0/value/amount"]') });
    await row.waitFor();
    // It read «120,000,597.44»: a figure, where the dashboard writes money «$120,000,597.44»; the published side in pesos.
    expect((await row.locator('td').allTextContents()).slice(-2)).toEqual([formatMoney(before), '$120,000,597.44 USD']);
    const net = page.locator('#vista-previa tr', { has: page.locator('span[title="contracts/0/value/netAmount"]') });
    expect((await net.locator('td').allTextContents()).slice(-2)).toEqual([formatMoney(netBefore), '$103,448,792.62 USD']);
    const kept = page.locator('#vista-previa tr', { has: page.locator('span[title$="/value/amount"][title^="contracts/0/implementation/transactions/"]') });
    expect((await kept.locator('td').allTextContents()).slice(-2)).toEqual([formatMoney(amount), '(ya no está en el libro; sigue publicado)']);
    expect(await page.locator('#vista-previa .nota-sigue-publicado').textContent()).toMatch(/^«Sigue publicado»: filas borradas o celdas vaciadas que ya se habían publicado\. Lo publicado no se borra/);
  });

  test('«Qué cambiará al aprobar» says which processes of the projects another implementer publishes, and that their summary is taken from its publication, not as typed', async () => {
    // A state's project lists two municipalities' processes (convenio de coordinación): one published by its
    // municipality, one whose municipality has not published it yet.
    const municipality = { ...BENCH_PUBLISHER, id: 'kan', name: 'Municipio de Kanasín' };
    const pending = { ...BENCH_PUBLISHER, id: 'uma', name: 'Municipio de Umán', ocidPrefix: 'ocds-e9e9e9', projectIdPrefix: 'oc4ids-e9e9e9' };
    await h.store.putPublisher(municipality);
    await h.store.putPublisher(pending);
    const done = await publish(h.store, { publisher: municipality, workbook: syntheticWorkbook(2), actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: BASE_URL });
    if (done.status !== 'published') throw new Error(done.status);
    const theirs = (await h.store.listReleases({ publicationId: done.publication.id, limit: 1 })).items[0].ocid;
    const book = await exampleWorkbook('nuevo-leon');
    const sheet = book.sheets.find((x) => x.name === 'Procesos del proyecto')!;
    const project = String(book.sheets.find((x) => x.name === 'Proyectos')!.rows[2][0]);
    for (const ocid of [theirs, 'ocds-e9e9e9-OP-2025-001']) {
      const row: unknown[] = sheet.rows[1].map(() => null);
      row[sheet.rows[1].indexOf('id')] = project;
      row[sheet.rows[1].indexOf('contractingProcesses/0/id')] = ocid;
      row[sheet.rows[1].indexOf('contractingProcesses/0/summary/nature')] = 'Construcción (ejecución de obra)';
      sheet.rows.push(row as (typeof sheet.rows)[number]);
    }
    await h.store.putPublisher(publisherOf('nlx', book));
    const sent = await fetch(`${base}/api/submissions`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ publisherId: 'nlx', workbook: workbookValues(book) }) });
    expect(sent.status).toBe(201);
    const page = await signedIn('admin', `#/revision/${((await sent.json()) as { submission: { id: string } }).submission.id}`);
    const section = page.locator('#procesos-de-otros');
    await section.waitFor();
    expect(await section.locator('h3').textContent()).toBe('Procesos que publica otro implementador');
    expect(await section.locator('p').first().textContent()).toBe('2 procesos de estos proyectos los publican otros implementadores: su resumen (monto, estado, contratistas…) se tomará de lo que publica cada uno, no de lo que este libro captura en «Procesos del proyecto»; OC4IDS lo deriva de los datos de contratación.');
    expect(await section.locator('li').allTextContents()).toEqual([
      `${theirs} (proyecto ${project}): lo publica Municipio de Kanasín; su resumen se tomará de su publicación vigente, del ${formatDate(done.publication.createdAt)}.`,
      `ocds-e9e9e9-OP-2025-001 (proyecto ${project}): lleva el prefijo de Municipio de Umán, que aún no lo publica; se publicará el resumen tal como se capturó, hasta que Municipio de Umán lo publique y este implementador publique de nuevo.`,
    ]);
    expect(await violations(page)).toEqual([]);
  });

  test('completeness reads as «Calidad de datos» writes a share: «55 %», not «55.0 %»', async () => {
    // Tuxtla's example, one project's purpose and three projects' identification and preparation dates left blank
    // (the demo has them since helper M15), fills 55 % of the program's fields (1,720 of 3,125, the fields of stages
    // its processes and projects have not reached not counted): a whole share, which the page wrote «55.0 %».
    const book = await exampleWorkbook('tuxtla-gutierrez');
    setCell(book, 'Proyectos', 0, 'purpose', '');
    for (const project of [0, 1, 3]) {
      for (const field of ['identificationPeriod/startDate', 'identificationPeriod/endDate', 'preparationPeriod/startDate', 'preparationPeriod/endDate']) setCell(book, 'Proyectos', project, field, '');
    }
    await h.store.putPublisher(publisherOf('mdc', book));
    const sent = await fetch(`${base}/api/submissions`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ publisherId: 'mdc', workbook: workbookValues(book) }) });
    expect(sent.status).toBe(201);
    const { submission } = (await sent.json()) as { submission: { id: string; snapshot: { completeness: number } } };
    const page = await signedIn('admin', `#/revision/${submission.id}`);
    await page.locator('#completitud').waitFor();
    expect(submission.snapshot.completeness).toBe(55);
    expect(await page.locator('#completitud').textContent()).toBe('55 %');
  });

  test('a submission with more findings than it keeps lists every one, by pages, by severity and sheet, with a CSV of them all', async () => {
    // 60 projects whose titles carry an invisible character: a warning each, more than a submission keeps (50).
    const [header, row] = projectWorkbook(PUBLISHERS[1]).sheets[0].rows;
    const rows = [header, ...Array.from({ length: 60 }, (_, i) => row.map((c, j) => (j === 0 ? `${String(c)}-${i}` : j === 1 ? `Parque\u200b ${i}` : c)))];
    const sent = await fetch(`${base}/api/submissions?publisher=mty`, { method: 'POST', headers: { authorization: h.bearer('capturistaB'), 'content-type': XLSX_MIME }, body: await xlsxOf({ sheets: [{ name: 'projects', rows }] }) });
    expect(sent.status).toBe(201);
    const id = ((await sent.json()) as { submission: { id: string } }).submission.id;
    const page = await signedIn('coordinadorB', `#/revision/${id}`);
    const section = page.locator('section[aria-labelledby="titulo-hallazgos"]');
    const state = section.locator('#hallazgos-estado');
    await state.filter({ hasText: 'Página' }).waitFor();
    // The avisos counted too: the summary adds up to the 120 listed (core/workflow/findings-count.ts).
    expect(await page.locator('#hallazgos-cuenta').textContent()).toBe('0 errores, 60 advertencias y 60 avisos');
    // 120: each project also has its aviso of the CoST IDS points it lacks. All of them, 100 a page.
    expect(await state.textContent()).toBe('Página 1 de 2: hallazgos 1 a 100 de 120, los errores primero.');
    expect(await section.locator('li').count()).toBe(100);
    expect(await section.locator('li').first().textContent()).toMatch(/^Advertencia — Hoja «projects», fila 2, columna B \(title\): /);
    await section.getByRole('button', { name: 'Siguiente →' }).click();
    await state.filter({ hasText: 'Página 2' }).waitFor();
    expect(await section.locator('li').count()).toBe(20);
    expect(await section.locator('li').last().textContent()).toMatch(/^Aviso — Hoja «projects», fila 61, /);
    await section.getByLabel('Gravedad').selectOption('warning');
    await state.filter({ hasText: '60 hallazgos con esta selección' }).waitFor();
    expect(await section.locator('li').count()).toBe(60);
    expect(await section.getByLabel('Hoja').locator('option').allTextContents()).toEqual(['Todas', 'projects (60)']);
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Descargar CSV de los hallazgos' }).click()]);
    expect(download.suggestedFilename()).toBe(`hallazgos-${id}.csv`);
    const lines = (await downloadedText(download)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('hoja,fila,columna,encabezado,gravedad,mensaje,codigo');
    expect(lines).toHaveLength(61);
    expect(lines[1]).toMatch(/^projects,2,B,title,Advertencia,/);
    expect(await section.locator('#hallazgos-parciales').count()).toBe(0);
  });

  test('a preview with more new projects than it lists says that its list shows only the first ones', async () => {
    // 501 projects, new: the preview lists the first 500 of each group (core/workflow/change-preview.ts).
    const [header, row] = projectWorkbook(PUBLISHERS[1]).sheets[0].rows;
    const rows = [header, ...Array.from({ length: 501 }, (_, i) => row.map((c, j) => (j === 0 ? `${String(c)}-p${i}` : j === 1 ? `Parque ${i}` : c)))];
    const sent = await fetch(`${base}/api/submissions?publisher=mty`, { method: 'POST', headers: { authorization: h.bearer('capturistaB'), 'content-type': XLSX_MIME }, body: await xlsxOf({ sheets: [{ name: 'projects', rows }] }) });
    expect(sent.status).toBe(201);
    const page = await signedIn('coordinadorB', `#/revision/${((await sent.json()) as { submission: { id: string } }).submission.id}`);
    const section = page.locator('section[aria-labelledby="titulo-proyectos"]');
    await section.waitFor();
    expect(await section.locator('p').first().textContent()).toBe('Nuevos: 501 · Modificados: 0 · Sin cambios: 0 · Ausentes del libro: 0');
    expect(await section.locator('details').count()).toBe(500);
    expect(await section.locator('p.lista-parcial').textContent()).toBe('Se listan los primeros 500 de 501 proyectos nuevos, modificados o ausentes del libro; las cifras de arriba los cuentan todos.');
    // Every process fits the list: nothing said there.
    expect(await page.locator('section[aria-labelledby="titulo-procesos"] p.lista-parcial').count()).toBe(0);
  });

  test('a send kept before findings were stored in reading order lists them by the template\'s sheets, row and column', async () => {
    // Kept as the checks ran: «Actores» before «Contrataciones», rows back and forth; its tab order was not kept.
    const sent = await fetch(`${base}/api/submissions?publisher=mty`, { method: 'POST', headers: { authorization: h.bearer('capturistaB'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(PUBLISHERS[1], { title: 'Parque Tucán' })) });
    expect(sent.status).toBe(201);
    const kept = (await h.store.getSubmission(((await sent.json()) as { submission: { id: string } }).submission.id))!;
    const at = (sheet: string, row: number, column: number, severity: 'error' | 'warning' = 'error') => ({ code: 'schema.required', severity, pointer: '/releases/0/tender/title', params: {}, cell: { sheet, row, column, header: 'Título' } });
    const sample = [
      at('Actores', 9, 2), at('Contrataciones', 12, 3), at('Actores', 4, 5), at('Contrataciones', 3, 7), at('Contrataciones', 3, 2),
      at('Proyectos', 20, 1, 'warning'), at('Hoja de trabajo', 2, 1, 'warning'), at('Proyectos', 6, 4, 'warning'),
      { code: 'schema.required', severity: 'error' as const, pointer: '/releases/0/tender/title', params: {} },
    ];
    await h.store.createSubmission({ ...kept, id: 'envio-orden-antiguo', findings: { errors: 6, warnings: 3, infos: 0, sample } });
    const page = await signedIn('coordinadorB', '#/revision/envio-orden-antiguo');
    const items = page.locator('#hallazgos-revision li');
    await items.first().waitFor();
    const places = (await items.allTextContents()).map((t) => /Libro completo|Hoja «[^»]+», fila \d+, columna [A-Z]+/.exec(t)?.[0]);
    expect(places).toEqual([
      'Libro completo',
      'Hoja «Contrataciones», fila 3, columna B', 'Hoja «Contrataciones», fila 3, columna G', 'Hoja «Contrataciones», fila 12, columna C',
      'Hoja «Actores», fila 4, columna E', 'Hoja «Actores», fila 9, columna B',
      // EDCAPI's sheets come first in the template; a sheet it does not have, last.
      'Hoja «Proyectos», fila 6, columna D', 'Hoja «Proyectos», fila 20, columna A', 'Hoja «Hoja de trabajo», fila 2, columna A',
    ]);
  });

  test('the inbox opens on what awaits a decision: a send in review and one whose publication failed', async () => {
    const send = async (title: string): Promise<string> => {
      const sent = await fetch(`${base}/api/submissions?publisher=mty`, { method: 'POST', headers: { authorization: h.bearer('capturistaB'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(PUBLISHERS[1], { title })) });
      expect(sent.status).toBe(201);
      return ((await sent.json()) as { submission: { id: string } }).submission.id;
    };
    await send('Parque Fundidora');
    const id = await send('Parque Fundidora (segunda etapa)');
    // Approved, and its publication failed: it awaits the coordinator again (approved once more from its page).
    await h.store.transitionSubmission(id, ['submitted'], 'approved', { at: new Date().toISOString(), by: USERS.coordinadorB.id, action: 'approved' });
    await h.store.transitionSubmission(id, ['approved'], 'failed', { at: new Date().toISOString(), by: 'system', action: 'failed', comment: 'No se pudo escribir la publicación.' });
    const page = await signedIn('coordinadorB', '#/revision');
    const rows = page.locator('#bandeja tbody tr');
    await rows.filter({ hasText: 'La publicación falló' }).waitFor();
    expect(await rows.filter({ hasText: 'En revisión' }).count()).toBeGreaterThan(0);
    expect(await page.locator('#filtro-situacion option:checked').textContent()).toBe('En revisión o publicación fallida');
    // «En revisión» alone leaves the failed one out.
    await page.getByLabel('Situación').selectOption('submitted');
    await rows.filter({ hasText: 'La publicación falló' }).waitFor({ state: 'detached' });
    expect(await rows.filter({ hasText: 'En revisión' }).count()).toBeGreaterThan(0);
  });

  test('an approval refused for errors shows them at once, said as its history says it; a send older than one approved does not offer «Qué cambiará al aprobar»', async () => {
    const val = { id: 'val', name: 'Municipio de Valladolid', state: 'Yucatán', ocidPrefix: 'ocds-val001', projectIdPrefix: 'oc4ids-val001', commitment: { projects: 5, periodicityDays: 90 } };
    await registerPublisher(h.store, val, 'admin', new Date());
    const send = async (title: string, projects = 1): Promise<string> => {
      const book = projectWorkbook(val, { title });
      const [, row] = book.sheets[0].rows;
      book.sheets[0].rows.push(...Array.from({ length: projects - 1 }, (_, i) => [`${val.projectIdPrefix}-${String(i + 2).padStart(4, '0')}`, ...row.slice(1)]));
      const sent = await fetch(`${base}/api/submissions?publisher=val`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': XLSX_MIME }, body: await xlsxOf(book) });
      expect(sent.status).toBe(201);
      return ((await sent.json()) as { submission: { id: string } }).submission.id;
    };
    // Two sends waiting; the newer one is approved: the older one says what approving would have changed.
    const older = await send('Calzada de los Frailes');
    const newer = await send('Calzada de los Frailes, segunda etapa');
    expect((await fetch(`${base}/api/submissions/${newer}/approve`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA') } })).status).toBe(200);
    const page = await signedIn('coordinadorA', `#/revision/${older}`);
    await page.locator('#envio-anterior').waitFor();
    expect(await page.locator('#titulo-cambios').textContent()).toBe('Qué habría cambiado al aprobar');
    // 51 projects: their 51 errors once approving finds them, one more than the send keeps as its sample.
    const refusedId = await send('Calzada de los Frailes, tercera etapa', 51);
    await page.evaluate(() => document.body.removeAttribute('data-ready'));
    await page.goto(`${base}/#/revision/${refusedId}`);
    await page.waitForSelector('body[data-ready] #decision');
    expect(await page.locator('.resumen').textContent()).toContain('0 errores');
    // Registered anew with another project prefix after the send: the workbook's project no longer carries it.
    await registerPublisher(h.store, { ...val, projectIdPrefix: 'oc4ids-val999' }, 'admin', new Date(), { allowPrefixChange: true });
    try {
      await page.getByRole('button', { name: 'Aprobar' }).click();
      await page.getByRole('button', { name: 'Sí, publicar' }).click();
      const refusal = 'No se publicó: el libro tiene 51 errores. Quien capturó debe corregirlos; después puede aprobar de nuevo.';
      await page.locator('#resultado', { hasText: refusal }).waitFor();
      // Drawn again with what the approval found: the errors listed under «Hallazgos», the refusal kept.
      await page.locator('.resumen', { hasText: '51 errores,' }).waitFor();
      expect(await page.locator('section[aria-labelledby="titulo-hallazgos"] li').first().textContent()).toMatch(/^Error — Hoja «projects», fila 2.*oc4ids-val999-/);
      expect(await page.locator('#resultado').textContent()).toBe(refusal);
      expect(await page.locator('#situacion').textContent()).toBe('En revisión');
      const last = page.locator('section[aria-labelledby="titulo-historial"] tbody tr').last();
      expect(await last.locator('td').allTextContents()).toEqual([USERS.coordinadorA.email, 'Intentó aprobar, pero el libro tiene errores', refusal]);
      // Every one of them under «Hallazgos» (kept by the approval), not the 50 of the sample.
      await page.locator('#hallazgos-estado', { hasText: 'los errores primero.' }).waitFor();
      await page.locator('#hallazgos-gravedad').selectOption('error');
      await page.locator('#hallazgos-estado', { hasText: '51 hallazgos con esta selección, los errores primero.' }).waitFor();
      expect(await page.locator('#hallazgos-revision li').count()).toBe(51);
      expect(await page.locator('#hallazgos-parciales').count()).toBe(0);
      // The comment written to return it says where the other 46 are: on the send, in «Mis envíos».
      expect(await page.locator('#comentario').inputValue()).toMatch(/\n- y 46 errores más: todos, con su hoja y su celda, están en «Mis envíos» del tablero, en este envío \(«Ver la lista completa», que se descarga en CSV\)\.$/);
      // Its card on «Mis envíos» shows the sample's 50 errors, and leads to the list of them all — it sent the reader to
      // validate the workbook again, which an Excel uploader without the command could not do.
      await page.goto(`${base}/#/mis-envios`);
      const card = page.locator('.aprobacion-rechazada', { has: page.locator(`a[href="#/revision/${refusedId}"]`) });
      await card.waitFor();
      expect(await card.locator('li').count()).toBe(50);
      expect(await card.locator('.lista-completa').textContent()).toBe('Se muestran los primeros 50 de 51 hallazgos, los errores primero. Ver la lista completa, con cada hoja y celda (y descargarla en CSV).');
    } finally {
      await registerPublisher(h.store, val, 'admin', new Date(), { allowPrefixChange: true });
    }
  });

  test('after a decision the page offers the inbox\'s next send awaiting one, within the inbox\'s filters, and says when none is left', async () => {
    const tek = { id: 'tek', name: 'Municipio de Tekax', state: 'Yucatán', ocidPrefix: 'ocds-tek001', projectIdPrefix: 'oc4ids-tek001', commitment: { projects: 5, periodicityDays: 90 } };
    await registerPublisher(h.store, tek, 'admin', new Date());
    const send = async (title: string, name: string): Promise<string> => {
      const sent = await fetch(`${base}/api/submissions?publisher=tek&archivo=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: h.bearer('admin'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(tek, { title })) });
      expect(sent.status).toBe(201);
      return ((await sent.json()) as { submission: { id: string } }).submission.id;
    };
    const first = await send('Unidad deportiva', 'tekax-1.xlsx');
    const second = await send('Mercado de Tekax', 'tekax-2.xlsx');
    const third = await send('Casa de la cultura', 'tekax-3.xlsx');
    // The inbox with Tekax chosen, ordered by a press on «Enviado»: the newest first, said in its caption and kept in
    // the address (a link to it shares the order).
    const page = await signedIn('coordinadorA', '#/revision?implementador=tek');
    const rows = page.locator('#bandeja tbody tr');
    await rows.nth(2).waitFor();
    expect(await page.locator('#orden-enviado').evaluate((b) => b.parentElement?.getAttribute('aria-sort'))).toBe('ascending');
    await page.locator('#orden-enviado').click();
    await page.locator('#bandeja caption', { hasText: 'Envíos (3) ordenados por «Enviado (Ciudad de México)», del más reciente al más antiguo.' }).waitFor();
    expect(page.url()).toContain('#/revision?implementador=tek&situacion=por-decidir&orden=enviado&dir=desc');
    expect(await rows.locator('th a').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')?.replace(/^.*«(tekax-\d)\.xlsx»$/, '$1')))).toEqual(['tekax-3', 'tekax-2', 'tekax-1']);
    // Opened from there (the address carries the inbox's filters and order): the next send offered follows that order.
    await rows.first().locator('th a').click();
    await page.getByLabel('Comentarios para quien capturó').fill('Falta la ubicación.');
    expect(page.url()).toContain(`#/revision/${third}?implementador=tek&orden=enviado&dir=desc`);
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    const onward = page.locator('#siguiente-envio');
    await onward.waitFor();
    expect(await onward.textContent()).toMatch(/^Siguiente envío por decidir: Municipio de Tekax, enviado el \d{2}\/\d{2}\/\d{4}, .* · «tekax-2\.xlsx» · Volver a la bandeja$/);
    await onward.getByRole('link', { name: /^Municipio de Tekax/ }).click();
    await page.getByRole('button', { name: 'Devolver con comentarios' }).waitFor();
    expect(page.url()).toContain(`#/revision/${second}?implementador=tek&orden=enviado&dir=desc`);
    await page.getByLabel('Comentarios para quien capturó').fill('Falta la ubicación.');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await onward.locator('a', { hasText: 'tekax-1.xlsx' }).click();
    await page.getByRole('button', { name: 'Devolver con comentarios' }).waitFor();
    expect(page.url()).toContain(`#/revision/${first}?implementador=tek&orden=enviado&dir=desc`);
    await page.getByLabel('Comentarios para quien capturó').fill('Falta la ubicación.');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await onward.waitFor();
    expect(await onward.textContent()).toBe('No quedan envíos por decidir en la bandeja con los filtros elegidos. Volver a la bandeja');
    // The focus stayed on the outcome (the note is after it, not in its place).
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('resultado');
    await onward.getByRole('link', { name: 'Volver a la bandeja' }).click();
    await page.getByText('No hay envíos por decidir para esta selección.').waitFor();
    // Back with its filters and its order.
    expect(await page.locator('#orden-enviado').evaluate((b) => b.parentElement?.getAttribute('aria-sort'))).toBe('descending');
    expect(await page.locator('#filtro-implementador').inputValue()).toBe('tek');
  });

  test('an official who opens the inbox is told what the official can do about a send older than one approved: not «Devuélvalo con un comentario»', async () => {
    const older = (await upload('Parque del Oriente')).body.submission.id;
    const newer = (await upload('Parque del Oriente, segunda etapa')).body.submission.id;
    expect((await fetch(`${base}/api/submissions/${newer}/approve`, { method: 'POST', headers: { authorization: h.bearer('coordinadorA') } })).status).toBe(200);
    const official = 'Su coordinación solo puede devolverlo; si algo de este envío falta en aquel, envíelo en un libro nuevo.';
    const page = await signedIn('capturistaA', '#/revision');
    const flag = page.locator(`#bandeja tbody tr:has(a[href^="#/revision/${older}"]) .envio-anterior`);
    await flag.waitFor();
    expect(await flag.textContent()).toContain(official);
    expect(await flag.textContent()).not.toContain('Devuélvalo');
    // The coordinator, who does return it, is still told to.
    const og = await signedIn('coordinadorA', '#/revision', { tab: 1 });
    await og.locator(`#bandeja tbody tr:has(a[href^="#/revision/${older}"]) .envio-anterior`, { hasText: 'Devuélvalo con un comentario' }).waitFor();
  });

  test('a workbook still being checked when the server answers: «Revisando el libro…», then the outcome by itself (accepted, or refused with its findings)', async () => {
    // No time to wait for any check: each send answers «se está revisando» (send-check.ts), as a large one does.
    const slow = await startReviewServer('envio-revisando-', { sharing: srv, sendBudgetMs: 0 });
    try {
      const page = await signedInReview(slow, 'capturistaA', '#/mis-envios', { clock: true });
      await page.locator('body[data-ready]').waitFor();
      const good = path.join(slow.dir, 'mercado.xlsx');
      const broken = path.join(slow.dir, 'mercado con error.xlsx');
      fs.writeFileSync(good, await xlsxOf(projectWorkbook(MER, { title: 'Mercado Municipal' })));
      fs.writeFileSync(broken, await xlsxOf(projectWorkbook(MER, { title: 'Mercado Municipal', complete: false })));
      const posted: string[] = [];
      page.on('request', (r) => { if (r.method() === 'POST') posted.push(r.url()); });

      await page.getByLabel('Libro de Excel (.xlsx)').setInputFiles(broken);
      await page.getByRole('button', { name: 'Enviar a revisión' }).click();
      const checking = page.locator('#revisando-envio');
      await checking.waitFor();
      expect(await checking.getAttribute('role')).toBe('status');
      expect(await checking.textContent()).toBe('Revisando el libro «mercado con error.xlsx»… Con libros grandes tarda unos minutos; el resultado aparecerá aquí solo, sin volver a enviarlo.');
      await askedAgainUntil(page, page.locator('#resultado-envio', { hasText: 'No se envió: el libro tiene 1 error' }), SEND_CHECKING_RETRY_SECONDS * 1000);
      expect(await page.locator('#hallazgos-envio li').allTextContents()).toEqual([expect.stringMatching(/^Error — Hoja «projects», fila 2, columna «[^»]+» \(no está en la hoja\): Falta este dato/)]);
      expect(await page.getByRole('button', { name: 'Enviar a revisión' }).isDisabled()).toBe(false);

      await page.getByLabel('Libro de Excel (.xlsx)').setInputFiles(good);
      await page.getByRole('button', { name: 'Enviar a revisión' }).click();
      await page.locator('#revisando-envio').waitFor();
      await askedAgainUntil(page, page.locator('#resultado-envio', { hasText: '«mercado.xlsx»: ' }), SEND_CHECKING_RETRY_SECONDS * 1000);
      expect(await page.locator('#resultado-envio').textContent()).toContain('Contiene 0 contrataciones y 1 proyecto.');
      await page.locator('.envio').first().getByText('En revisión').waitFor();
      // Each workbook was sent once: the page asked for the outcome, it never sent the file again.
      expect(posted.filter((u) => u.includes('/api/submissions'))).toHaveLength(2);
      expect((await slow.h.store.listSubmissions({ publisherId: 'mer', limit: 100 })).items).toHaveLength(1);
      await page.context().close();
    } finally {
      await slow.close();
    }
  });

  test('a send whose preview takes longer than a request may wait: «Preparando la vista previa…», then the page by itself; a failure meanwhile says why', async () => {
    // No time to wait for any preview: each is computed after the answer (prepared-preview.ts), as a large one is.
    const prep = await startReviewServer('vista-previa-preparando-', { sharing: srv, previewBudgetMs: 0 });
    try {
      const send = async (title: string): Promise<{ id: string; snapshot: { contentHash: string } }> => (await (await fetch(`${prep.base}/api/submissions?publisher=mer`, { method: 'POST', headers: { authorization: prep.h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title })) })).json() as { submission: { id: string; snapshot: { contentHash: string } } }).submission;
      const sent = await send('Mercado Municipal');
      const page = await signedInReview(prep, 'coordinadorA', `#/revision/${sent.id}`, { clock: true });
      const note = page.locator('#vista-previa-preparando');
      await note.waitFor();
      expect(await note.getAttribute('role')).toBe('status');
      expect(await note.textContent()).toBe('Preparando la vista previa: la plataforma está calculando qué cambiaría al aprobar este envío (0 contrataciones y 1 proyecto). Con libros así de grandes tarda hasta unos minutos; vuelva a consultarla en unos segundos. Esta página la vuelve a pedir sola cada 5 segundos.');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Envío');
      // Nothing to decide on yet: no preview, no «Aprobar».
      expect(await page.locator('#vista-previa, #decision').count()).toBe(0);
      // Then the whole page, without anyone asking again.
      await askedAgainUntil(page, page.locator('body[data-ready] #vista-previa'), PREVIEW_PREPARING_RETRY_SECONDS * 1000);
      expect(await page.locator('#vista-previa-preparando').count()).toBe(0);
      expect(await page.locator('#titulo-cambios').textContent()).toBe('Qué cambiará al aprobar');
      expect(await page.getByRole('button', { name: 'Aprobar' }).count()).toBe(1);

      // A revision whose computation failed after «se está preparando» went out (its snapshot gone; asked once before
      // the page, which the page's first ask then is): the reason, in Spanish, and no «Preparando» any more.
      const lost = await send('Mercado Municipal, revisión perdida');
      await prep.h.store.deleteSnapshot(lost.snapshot.contentHash, '9999-01-01T00:00:00.000Z');
      expect((await fetch(`${prep.base}/api/submissions/${lost.id}/preview`, { headers: { authorization: prep.h.bearer('coordinadorA') } })).status).toBe(503);
      await page.goto(`${prep.base}/#/revision/${lost.id}`);
      await page.getByText('No se encontró la versión enviada de este envío. Pida a quien capturó que la envíe de nuevo.').waitFor();
      expect(await page.locator('#vista-previa-preparando').count()).toBe(0);
      await page.context().close();
    } finally {
      await prep.close();
    }
  });
});
