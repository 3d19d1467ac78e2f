/**
 * A coordinator's (Organismo Garante) journey in headless Chromium against the real app (SQLite, self-hosted API
 * tokens, the built dashboard, approvals published in the background by the real publication task): Seguimiento
 * opens on the coordinator's own state with the way to every state (the public sees the country); the history names
 * the coordinator who approved as who started the publication; and every character the pages draw has a glyph in
 * Debian's fonts (no emoji font: «⏳» was drawn as a box).
 */
import type { Page } from 'playwright-core';
import { keptScreenshot, describeIfChromium } from '../browser';
import { askedAgainUntil, closedAskingNothingOutside, proxiedTabs, startReviewServer, type ReviewServer, type SharedTabs } from './review-server';
import { registerPublisher } from '../../functions/src/api/publisher-admin-routes';
import { runPublicationTask } from '../../functions/src/publication/publication-task';
import type { PublicationTask } from '../../functions/src/publication/publication-queue';
import { BASE_URL, projectWorkbook, PUBLISHERS, USERS, xlsxOf, type UserName } from '../workflow/workflow-harness';
import { WORKBOOK_JSON_MIME, XLSX_MIME } from '../../core/workflow/contract';
import { workbookValues } from '../../core/workflow/workbook-values';
import { formatTimestamp } from '../../core/format/es-mx';

declare const document: any;
declare const getComputedStyle: any;

const [MER] = PUBLISHERS;

/**
 * The characters of the page's main text that the browser can only draw as the missing-glyph box: each one drawn on
 * a canvas in the font it is shown in, compared with a code point no font has.
 */
function boxedCharacters(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    const font = getComputedStyle(main).font;
    const draw = (text: string): string => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const ctx = canvas.getContext('2d');
      ctx.font = font;
      ctx.fillText(text, 8, 32);
      return canvas.toDataURL();
    };
    const box = draw('\u{10FFFD}');
    const chars: string[] = [...new Set<string>([...String(main.textContent ?? '')].filter((c) => c.trim() !== '' && (c.codePointAt(0) ?? 0) > 0x7f))];
    return chars.filter((c) => draw(c) === box);
  });
}

describeIfChromium('a coordinator\'s journey in headless Chromium', () => {
  let srv: ReviewServer;
  const tasks: PublicationTask[] = [];
  // The task service is down (Cloud Tasks unavailable): an approval fails at once, by the platform, saying why.
  let queueDown = false;

  let tabs: SharedTabs;

  beforeAll(async () => {
    // The API's answers never kept by the browser (no-store), so the tab keeps its HTTP cache from test to test.
    srv = await startReviewServer('coordinator-journey-', { apiUncached: true, publicationQueue: { enqueue: async (t) => { if (queueDown) throw new Error('servicio de tareas no disponible'); tasks.push(t); } } });
    // Registered today in another state, nothing published yet: «Nuevo» on Seguimiento.
    await registerPublisher(srv.h.store, { id: 'tap', name: 'Municipio de Tapachula', state: 'Chiapas', ocidPrefix: 'ocds-tap001', projectIdPrefix: 'oc4ids-tap001', commitment: { projects: 5, periodicityDays: 30 } }, 'admin', new Date());
    // One tab for the file (es-MX, nothing outside the server), which each test empties and loads afresh (sharedTabs):
    // a context and a tab for each page cost a renderer's start and a full load. Its timers on Playwright's clock
    // (time flows as usual, set back to the real time at each load; askedAgainUntil runs it ahead).
    tabs = proxiedTabs(srv, { clock: true });
  });
  afterAll(() => closedAskingNothingOutside(srv));

  /** The file's tab on `hash`, loaded afresh: nobody signed in. */
  const visitor = (hash: string): Promise<Page> => tabs.open(hash);
  /**
   * The file's tab on `hash`, loaded afresh, signed in as `user` by its key kept in the tab as «Entrar» keeps it: the
   * form drawn, then the page drawn again, cost about 0.1 s of CPU a page. `form`: from the sign-in form the page
   * shows, «Entrar».
   */
  async function signedIn(user: UserName, hash: string, { form = false } = {}): Promise<Page> {
    if (!form) return tabs.open(hash, { sessionStorage: { 'infra-abierta:credencial': srv.h.bearer(user).replace(/^Bearer /, '') } });
    const page = await visitor(hash);
    await page.getByLabel('Clave de acceso').fill(srv.h.bearer(user).replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Entrar' }).click();
    return page;
  }
  const implementers = (page: Page): Promise<string[]> => page.locator('#tabla-seguimiento tbody tr td:first-child, #tabla-seguimiento tbody tr th:first-child').evaluateAll((cells) => cells.map((c) => c.querySelector('span')?.firstChild?.textContent ?? ''));
  const ready = (page: Page): Promise<unknown> => page.waitForSelector('body[data-ready] #tabla-seguimiento');

  test('Seguimiento: the public sees every state; a coordinator lands on their own, and can see every state and come back', async () => {
    const pub = await visitor('#/seguimiento');
    await ready(pub);
    expect((await implementers(pub)).sort((a, b) => a.localeCompare(b, 'es-MX'))).toEqual(['Municipio de Mérida', 'Municipio de Monterrey', 'Municipio de Tapachula']);
    expect(await pub.locator('#estado-propio').count()).toBe(0);

    const page = await signedIn('coordinadorA', '#/revision', { form: true });
    await page.getByRole('heading', { level: 1, name: 'Revisión de envíos' }).waitFor();
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Seguimiento' }).click();
    await page.getByRole('heading', { level: 1, name: 'Seguimiento de compromisos' }).waitFor();
    await ready(page);
    expect(await implementers(page)).toEqual(['Municipio de Mérida']);
    // Said, and set in the header's filter like any other, so it can be changed there too.
    expect(await page.locator('#estado-propio').textContent()).toBe('Se muestran los implementadores de Yucatán, a su cargo. Ver todos los estados');
    expect(await page.locator('#filtro-state').inputValue()).toBe('Yucatán');
    await page.getByRole('button', { name: 'Ver todos los estados' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#tabla-seguimiento tbody tr').length === 3);
    expect(await page.locator('#filtro-state').inputValue()).toBe('');
    // Kept for the tab: reloaded, or reached again from another page, it still shows every state.
    await page.reload();
    await ready(page);
    expect(await implementers(page)).toHaveLength(3);
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Revisión' }).click();
    await page.getByRole('heading', { level: 1, name: 'Revisión de envíos' }).waitFor();
    await page.getByRole('navigation', { name: 'Secciones' }).getByRole('link', { name: 'Seguimiento' }).click();
    await page.getByRole('heading', { level: 1, name: 'Seguimiento de compromisos' }).waitFor();
    await ready(page);
    expect(await implementers(page)).toHaveLength(3);
    await page.getByRole('link', { name: 'Ver solo los implementadores de Yucatán, a su cargo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#tabla-seguimiento tbody tr').length === 1);
    // The header's «Todos» shows the country too (it is not put back to the coordinator's state).
    // (The filters' panel is open while a filter is on.)
    await page.locator('#filtro-state').selectOption('');
    await page.waitForFunction(() => document.querySelectorAll('#tabla-seguimiento tbody tr').length === 3);
    // Every status mark is drawn with the fonts the machine has (Tapachula's «Nuevo» had an emoji, drawn as a box).
    expect(await page.locator('#tabla-seguimiento tr', { hasText: 'Municipio de Tapachula' }).locator('td').first().textContent()).toMatch(/^◷ Nuevo: primera publicación a más tardar el \d{2}\/\d{2}\/\d{4}$/);
    expect(await boxedCharacters(page)).toEqual([]);
  });

  test('on a phone (390 px) the inbox\'s filters show their whole choice', async () => {
    const page = await signedIn('coordinadorA', '#/revision');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForSelector('body[data-ready] #bandeja');
    // The text of each select's chosen option, against the room the select gives it (its arrow and padding apart).
    const cut = await page.locator('main select').evaluateAll((selects: any[]) => selects.map((s) => {
      const style = getComputedStyle(s);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = style.font;
      const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      return { id: s.id, text: s.selectedOptions[0]?.textContent ?? '', fits: ctx.measureText(s.selectedOptions[0]?.textContent ?? '').width <= room };
    }).filter((x) => !x.fits));
    expect(cut).toEqual([]);
    expect(await page.locator('#filtro-situacion option:checked').textContent()).toBe('En revisión o publicación fallida');
  });

  test('the history names the coordinator who approved as who started the publication', async () => {
    const sent = await fetch(`${srv.base}/api/submissions?publisher=mer`, { method: 'POST', headers: { authorization: srv.h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title: 'Parque de la Alemán' })) });
    expect(sent.status).toBe(201);
    const id = ((await sent.json()) as { submission: { id: string } }).submission.id;
    const page = await signedIn('coordinadorA', `#/revision/${id}`);
    await page.waitForSelector('body[data-ready] #decision');
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.locator('#situacion', { hasText: 'Aprobado' }).waitFor();
    // The publication task runs (as the server's background queue runs it).
    expect(tasks.map((t) => t.submissionId)).toEqual([id]);
    expect(await runPublicationTask({ store: srv.h.store, baseUrl: BASE_URL, now: () => new Date(), log: () => undefined, openSource: () => { throw new Error('the snapshot is read'); } }, tasks[0])).toBe('done');
    // The page looks again every 3 s while it is being published (review-pages.ts), run ahead here.
    await askedAgainUntil(page, page.locator('#situacion', { hasText: 'Publicado' }), 3000);
    // How it ended, in its history's words (as an approval published within the request says it): «publicad…» once.
    expect(await page.locator('#resultado').textContent()).toBe('Publicado: es la primera publicación de Municipio de Mérida, con 1 proyecto.');
    const rows = page.locator('section[aria-labelledby="titulo-historial"] tbody tr');
    const steps = await Promise.all((await rows.all()).map((row) => row.locator('td').allTextContents().then((c) => c.slice(0, 2))));
    expect(steps).toEqual([
      [USERS.capturistaA.email, 'Envió a revisión'],
      [USERS.coordinadorA.email, 'Aprobó'],
      [USERS.coordinadorA.email, 'Comenzó a publicar'],
      [USERS.coordinadorA.email, 'Publicó'],
    ]);
    expect(await boxedCharacters(page)).toEqual([]);
  });

  test('two sends of the same workbook from the add-on within one minute are told apart in the inbox, on a phone too', async () => {
    // Sent as the add-on sends a sheet to a self-hosted server, its values; no file name to tell them apart. Both
    // within one minute (the time used to show hh:mm only): the first one no later than hh:mm:56.
    const send = async (): Promise<string> => {
      const sent = await fetch(`${srv.base}/api/submissions`, { method: 'POST', headers: { authorization: srv.h.bearer('capturistaA'), 'content-type': WORKBOOK_JSON_MIME }, body: JSON.stringify({ publisherId: 'mer', workbook: workbookValues(projectWorkbook(MER, { title: 'Parque de las Américas' })) }) });
      expect(sent.status).toBe(201);
      return ((await sent.json()) as { submission: { id: string } }).submission.id;
    };
    while (new Date().getSeconds() > 56) await new Promise((r) => setTimeout(r, 200));
    const first = await send();
    await new Promise((r) => setTimeout(r, 1_100));
    const second = await send();
    const page = await signedIn('coordinadorA', '#/revision?implementador=mer');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForSelector('body[data-ready] #bandeja');
    const rows = page.locator('#bandeja tbody tr', { hasText: 'Municipio de Mérida' });
    await rows.nth(1).waitFor();
    const texts = await rows.evaluateAll((trs: any[]) => trs.map((tr) => tr.textContent));
    expect(new Set(texts).size).toBe(texts.length);
    // The time the coordinator reads, with its seconds, and each link says which send it opens.
    const sentCells = await rows.evaluateAll((trs: any[]) => trs.map((tr) => tr.cells[2].textContent));
    for (const cell of sentCells) expect(cell).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}\s[ap]\.\s?m\.$/);
    const links = await rows.locator('a').evaluateAll((as: any[]) => as.map((a) => [a.getAttribute('href'), a.getAttribute('aria-label')]));
    // Each opens its send with the inbox's filter, for «Volver a la bandeja».
    expect(links.map(([href]) => href)).toEqual([`#/revision/${first}?implementador=mer`, `#/revision/${second}?implementador=mer`]);
    expect(new Set(links.map(([, label]) => label)).size).toBe(2);
    // On the phone the page itself does not scroll sideways (the table does, in its own region), and a time is
    // never broken over two lines (the date may go above it).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const wrapped = await rows.evaluateAll((trs: any[]) => trs.map((tr) => tr.cells[2]).filter((td) => {
      const text = td.firstChild;
      const range = document.createRange();
      range.setStart(text, text.textContent.search(/\d{2}:\d{2}/));
      range.setEnd(text, text.textContent.length);
      return new Set([...range.getClientRects()].map((r: any) => Math.round(r.top))).size > 1;
    }).map((td) => td.textContent));
    await keptScreenshot(page, 'dashboard-bandeja-telefono.png', { fullPage: true });
    expect(wrapped).toEqual([]);
  });

  test('every step of the history says who did what, the reason kept: a failed publication, an approval refused for errors, a send replaced by a newer one', async () => {
    const send = async (title: string, name = ''): Promise<{ id: string; snapshot: { takenAt: string } }> => {
      const sent = await fetch(`${srv.base}/api/submissions?publisher=mer${name && `&archivo=${encodeURIComponent(name)}`}`, { method: 'POST', headers: { authorization: srv.h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf(projectWorkbook(MER, { title })) });
      expect(sent.status).toBe(201);
      return ((await sent.json()) as { submission: { id: string; snapshot: { takenAt: string } } }).submission;
    };
    const { id } = await send('Mercado de Santiago');
    const page = await signedIn('coordinadorA', `#/revision/${id}`);
    await page.waitForSelector('body[data-ready] #decision');
    queueDown = true;
    // Every text the outcome takes, as a screen reader hears it.
    await page.evaluate(() => {
      const said: string[] = [];
      (globalThis as any).said = said;
      new (globalThis as any).MutationObserver(() => {
        const text = document.querySelector('#resultado')?.textContent;
        if (text && said[said.length - 1] !== text) said.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.locator('#situacion', { hasText: 'La publicación falló' }).waitFor();
    queueDown = false;
    // Said as a failure at once, not «Se está publicando» first.
    const failure = 'La publicación falló: No se pudo programar la publicación (servicio de tareas no disponible); no se publicó nada. Apruebe de nuevo en unos minutos.';
    expect(await page.evaluate(() => (globalThis as any).said)).toEqual([failure]);
    expect(await page.locator('#resultado').getAttribute('class')).toBe('status-bad');
    // Approved again; meanwhile the implementer's project prefix was registered anew, and the workbook's project no
    // longer carries it: the publication refuses it.
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.locator('#situacion', { hasText: 'Aprobado' }).waitFor();
    const registered = (await srv.h.store.getPublisher('mer'))!;
    await registerPublisher(srv.h.store, { ...registered, projectIdPrefix: 'oc4ids-otro99' }, 'admin', new Date(), { allowPrefixChange: true });
    try {
      expect(await runPublicationTask({ store: srv.h.store, baseUrl: BASE_URL, now: () => new Date(), log: () => undefined, openSource: () => { throw new Error('the snapshot is read'); } }, tasks[tasks.length - 1])).toBe('done');
    } finally {
      await registerPublisher(srv.h.store, registered, 'admin', new Date(), { allowPrefixChange: true });
    }
    expect((await srv.h.store.getSubmission(id))?.status).toBe('submitted');
    // The page, drawn again once the publication ended, says why where «Se está publicando» was, once, and offers no
    // «Aprobar» (it would be refused again): returning it, with the comment written.
    await page.locator('#aprobacion-rechazada #resultado', { hasText: 'No se publicó: el libro tiene 1 error.' }).waitFor({ timeout: 15_000 });
    expect((await page.locator('#decision').textContent())!.split('No se publicó').length - 1).toBe(1);
    expect(await page.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
    expect(await page.getByLabel('Comentarios para quien capturó').inputValue()).toMatch(/^No se pudo publicar: el libro tiene 1 error\. Corríjalo y envíe de nuevo:\n- Error — /);
    // The official uploads a newer workbook: it takes the refused one's place in the inbox.
    const newer = await send('Mercado de Santiago, corregido', 'mercado corregido.xlsx');
    expect((await srv.h.store.getSubmission(id))?.status).toBe('returned');
    await page.reload();
    // Its situation says what happened to it: nobody returned it with comments.
    await page.locator('#situacion', { hasText: 'Reemplazado por un envío más reciente' }).waitFor();
    // Muted, as a withdrawn send: neither good nor bad news (it read in the red of «Devuelto con comentarios»).
    expect(await page.locator('#situacion span').getAttribute('class')).toBe('note');
    const rows = page.locator('section[aria-labelledby="titulo-historial"] tbody tr');
    const steps = await Promise.all((await rows.all()).map((row) => row.locator('td').allTextContents()));
    expect(steps).toEqual([
      [USERS.capturistaA.email, 'Envió a revisión', ''],
      [USERS.coordinadorA.email, 'Aprobó', ''],
      ['la plataforma (automático)', 'Intentó publicar, pero falló', 'No se pudo programar la publicación (servicio de tareas no disponible); no se publicó nada. Apruebe de nuevo en unos minutos.'],
      [USERS.coordinadorA.email, 'Aprobó', ''],
      [USERS.coordinadorA.email, 'Comenzó a publicar', ''],
      [USERS.coordinadorA.email, 'Intentó aprobar, pero el libro tiene errores', 'No se publicó: el libro tiene 1 error. Quien capturó debe corregirlo; después puede aprobar de nuevo.'],
      // Which send replaced it, as the inbox names it.
      [USERS.capturistaA.email, 'Lo reemplazó con un envío más reciente', `Reemplazado por un envío más reciente de la misma institución: el del ${formatTimestamp(newer.snapshot.takenAt)} («mercado corregido.xlsx»).`],
    ]);
    // The Bitácora names the same steps in the same words, of whoever it names.
    const cells = await page.locator('section[aria-labelledby="titulo-bitacora"] tbody tr').evaluateAll((trs: any[]) => trs.map((tr) => [...tr.cells].slice(1).map((c: any) => c.textContent)));
    const log = cells.map((row) => row.slice(0, 2));
    // Its details in words: the reason of the failure, and that approving again was a retry (then where it was
    // approved from, sign-in-audit.ts decisionOrigin).
    expect(cells).toEqual(expect.arrayContaining([
      ['Intentó publicar, pero falló', 'la plataforma (automático)', expect.stringMatching(/^Motivo: No se pudo programar la publicación/)],
      ['Aprobó', USERS.coordinadorA.email, expect.stringMatching(/^Reintento: la publicación anterior de este envío había fallado; Dirección IP: /)],
    ]));
    expect(log).toEqual(expect.arrayContaining([
      ['Envió a revisión', USERS.capturistaA.email],
      ['Intentó publicar, pero falló', 'la plataforma (automático)'],
      ['Intentó aprobar, pero el libro tiene errores', USERS.coordinadorA.email],
      ['Lo reemplazó con un envío más reciente', USERS.capturistaA.email],
    ]));
    expect(log.flat().join(' ')).not.toMatch(/Recibió|rechazada|Reemplazad[oa]/);
  });

  test('on a touch phone (360 px) the sign-in, the inbox and a send\'s decision are sized for a fingertip, the key field without zoom', async () => {
    // 40 projects whose titles carry an invisible character: a warning each, a long page on a phone.
    const [header, row] = projectWorkbook(MER).sheets[0].rows;
    const rows = [header, ...Array.from({ length: 40 }, (_, i) => row.map((c, j) => (j === 0 ? `${String(c)}-${i}` : j === 1 ? `Parque del Itzimná\u200b ${i}` : c)))];
    const sent = await fetch(`${srv.base}/api/submissions?publisher=mer`, { method: 'POST', headers: { authorization: srv.h.bearer('capturistaA'), 'content-type': XLSX_MIME }, body: await xlsxOf({ sheets: [{ name: 'projects', rows }] }) });
    expect(sent.status).toBe(201);
    const id = ((await sent.json()) as { submission: { id: string } }).submission.id;
    const context = await srv.browser.newContext({ locale: 'es-MX', viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, proxy: srv.outside.proxy });
    const page = await context.newPage();
    // What a fingertip has to hit, under 44 × 44 px (WCAG 2.5.5), named by its text.
    const tooSmall = (selector: string): Promise<string[]> => page.locator(selector).evaluateAll((els: any[]) => els.filter((e) => e.offsetParent !== null).map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44).map(({ e, r }) => `${(e.textContent || e.id).trim().slice(0, 30)} ${Math.round(r.width)}×${Math.round(r.height)}`));
    // From the inbox's approved sends (where «← Volver a la bandeja» leads back), as this one will be.
    await page.goto(`${srv.base}/#/revision/${id}?situacion=approved`);
    const key = page.getByLabel('Clave de acceso');
    await key.waitFor();
    // Under 16 px, Safari on an iPhone zooms the page in when the field is tapped (it was 13.3 px).
    expect(await key.evaluate((e: any) => getComputedStyle(e).fontSize)).toBe('16px');
    expect(await tooSmall('#clave, .signin button')).toEqual([]);
    await key.fill(srv.h.bearer('coordinadorA').replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Entrar' }).tap();
    await page.waitForSelector('body[data-ready] #decision');
    expect(await tooSmall('a.back, #decision button')).toEqual([]);
    // From the summary to the decision in one tap, past the 40 findings and the preview (thousands of pixels).
    const decision = page.getByRole('heading', { name: 'Decisión' });
    expect(await decision.evaluate((e: any) => e.getBoundingClientRect().top)).toBeGreaterThan(3000);
    expect(await page.locator('#ir-a-decision').count()).toBe(1);
    await page.locator('#ir-a-decision').tap();
    const top = await decision.evaluate((e: any) => e.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
    expect(await decision.evaluate((e: any) => e === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Aprobar' }).tap();
    const [yes, no] = await Promise.all(['Sí, publicar', 'Cancelar'].map((name) => page.getByRole('button', { name }).boundingBox()));
    expect(await tooSmall('#confirmar-aprobacion button')).toEqual([]);
    // Apart, so that a thumb meant for «Cancelar» does not publish (they touched).
    expect(no!.x - (yes!.x + yes!.width)).toBeGreaterThanOrEqual(8);
    await page.getByRole('button', { name: 'Cancelar' }).tap();
    expect(await page.locator('#confirmar-aprobacion').isHidden()).toBe(true);
    // On a slow connection the approval takes seconds to answer: the page says it is on its way, and a second tap on
    // «Sí, publicar» sends nothing more.
    const approvals: string[] = [];
    let answer!: () => void;
    const held = new Promise<void>((r) => { answer = r; });
    await page.route(`**/api/submissions/${id}/approve`, async (r) => { approvals.push(r.request().url()); await held; await r.continue(); });
    await page.getByRole('button', { name: 'Aprobar' }).tap();
    await page.getByRole('button', { name: 'Sí, publicar' }).tap();
    await page.locator('#decision-en-curso').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await page.locator('#decision-en-curso').textContent()).toBe('Enviando su decisión… Espere la respuesta; no hace falta tocar de nuevo.');
    await page.getByRole('button', { name: 'Sí, publicar' }).tap({ force: true });
    answer();
    await page.locator('#situacion', { hasText: 'Aprobado' }).waitFor();
    expect(await page.locator('#decision-en-curso').isHidden()).toBe(true);
    expect(approvals).toHaveLength(1);
    await page.unrouteAll();
    // The site's name and «Menú» share the header's first row (the name pushed «Menú» to a row of its own), and the
    // sections it opens are as tall as a fingertip.
    const [brand, menu] = await Promise.all([page.locator('header.site .brand').boundingBox(), page.locator('#boton-menu').boundingBox()]);
    expect(menu!.y).toBeLessThan(brand!.y + brand!.height);
    await page.locator('#boton-menu').tap();
    expect(await tooSmall('#menu a')).toEqual([]);
    await page.locator('#boton-menu').tap();
    await page.getByRole('link', { name: '← Volver a la bandeja' }).tap();
    await page.waitForSelector('body[data-ready] #bandeja tbody a');
    expect(await tooSmall('main select, #bandeja tbody a')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Seguimiento, on the coordinator's state: «Filtros (1)» in the header's row, and every button keeps its whole
    // label («Buscar» was cut to «Busca»).
    await page.locator('#boton-menu').tap();
    await page.locator('#menu').getByRole('link', { name: 'Seguimiento' }).tap();
    await page.waitForSelector('body[data-ready] #tabla-seguimiento');
    expect(await page.locator('header.site summary').textContent()).toBe('Filtros (1 activo)');
    expect(await page.locator('header.site button:visible, main button:visible').evaluateAll((bs: any[]) => bs.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => b.textContent))).toEqual([]);
    expect(await tooSmall('header.site button, header.site summary, main button')).toEqual([]);
    await context.close();
  });
});
