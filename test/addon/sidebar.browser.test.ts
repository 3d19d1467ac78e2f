/**
 * The built sidebar in headless Chromium (issue 5, test c) with a fake google.script.run: opened as «Validar datos»
 * opens it, it validates at once; see the grouped findings, click one to select its cell, re-validate clean with
 * «Validar», submit; a coordinator approves.
 * Any request other than the page itself is refused, proving the page is self-contained.
 * Keeps a screenshot in test-artifacts/addon-sidebar.png when asked (keptScreenshot: INFRA_SCREENSHOTS=1).
 */
import type { Page } from 'playwright-core';
import { keptScreenshot, axeViolations, describeIfChromium, WCAG_AA } from '../browser';
import { builtSidebarInChromium } from './built-sidebar';
import type { ReviewContext, ValidationReport } from '../../addon/src/rpc-types';
import { omittedHistoryText } from '../../core/workflow/omitted-history';
import { saveSettings, settingsHtml } from '../../addon/src/settings/settings';
import { googleFailureText } from '../../addon/src/google-failures';

/* eslint-disable @typescript-eslint/no-explicit-any */
// A browser global inside page.evaluate callbacks (this file compiles without the DOM lib).
declare const getComputedStyle: (el: unknown) => { borderTopColor: string };


const withErrors: ValidationReport = {
  errors: 2, warnings: 1, completeness: 61.5, marked: 2,
  sheets: [{ name: 'Proyectos', rows: 12 }, { name: 'Contrataciones', rows: 30 }],
  groups: [
    { sheet: 'Proyectos', errors: 2, warnings: 0, fields: [
      { field: 'Monto del presupuesto', errors: 1, warnings: 0, more: 0, items: [{ severity: 'error', message: '«mucho» no es un número. Escriba solo cifras, por ejemplo 1,234,567.89.', a1: 'Proyectos!O3', row: 3, column: 15, header: 'Monto del presupuesto' }] },
      { field: 'Estado del proyecto', errors: 1, warnings: 0, more: 0, items: [{ severity: 'error', message: 'Falta este dato, que el programa pide publicar en todos los casos.', a1: 'Proyectos!D5', row: 5, column: 4 }] },
    ] },
    { sheet: 'Contrataciones', errors: 0, warnings: 1, fields: [
      { field: 'Fecha de publicación', errors: 0, warnings: 1, more: 0, items: [{ severity: 'warning', message: 'La fecha está en el futuro.', a1: 'Contrataciones!H9', row: 9, column: 8 }] },
    ] },
  ],
};
const clean: ValidationReport = { ...withErrors, errors: 0, warnings: 0, completeness: 88, marked: 0, groups: [] };

const returned: ReviewContext = {
  backendConfigured: true, viewer: null, role: 'capturista', serviceAccount: 'ingesta@infra-abierta.iam.gserviceaccount.com', message: null,
  submission: {
    id: 's1', state: 'returned', stateLabel: 'Devuelto con comentarios', updatedAt: '2024-03-01T10:00:00Z', sentAt: '2024-02-28T17:00:00Z', failureReason: null,
    comments: [{ by: 'og@itei.org.mx', text: 'Agregue el presupuesto del puente.\nY las fechas de la obra.', at: '2024-03-01T16:00:00Z' }],
    omittedHistory: omittedHistoryText(3),
  },
};
const submitted: ReviewContext = { ...returned, submission: { ...returned.submission!, state: 'submitted', stateLabel: 'En revisión', comments: [] } };

/** Installed before the page's own script: google.script.run answering from window.__responses, recording calls. */
function fakeGoogle(responses: Record<string, unknown[]>): void {
  const w = globalThis as unknown as { __calls: unknown[][]; __log: string[]; __focus: number; google: unknown };
  w.__calls = [];
  w.__log = [];
  w.__focus = 0;
  // `__delays: [{ name: ms }]`: how long a function takes to answer (20 ms unless said).
  const delays = (responses.__delays?.[0] ?? {}) as Record<string, number>;
  const queues = responses;
  const runner = (success?: (v: unknown) => void, failure?: (e: unknown) => void): unknown => new Proxy({}, {
    get(_t, name: string) {
      if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, failure);
      if (name === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(success, fn);
      return (...args: unknown[]) => {
        w.__calls.push([name, ...args]);
        w.__log.push(`llamada ${name}`);
        const queue = queues[name] ?? [null];
        const value = queue.length > 1 ? queue.shift() : queue[0];
        setTimeout(() => {
          w.__log.push(`respuesta ${name}`);
          if (value && typeof value === 'object' && 'fail' in (value as object)) failure?.({ message: (value as { fail: string }).fail });
          else success?.(value);
        }, delays[name] ?? 20);
      };
    },
  });
  w.google = { script: { run: runner(), host: { editor: { focus: () => { w.__focus++; } } } } };
}

describeIfChromium('sidebar in headless Chromium', () => {
  const sidebar = builtSidebarInChromium();

  /**
   * One tab for the file, which each `open` loads afresh with its own google.script.run (a new document: nothing of
   * the previous test's page is left in it); a new tab (a new browser context and renderer) cost about 0.25 CPU-s
   * more than a load in the same one. A test that puts the page's clock on Playwright's has a tab of its own: that
   * clock cannot be taken off a tab.
   */
  const tab: { page?: Page; script?: { dispose(): Promise<void> }; refused: string[] } = { refused: [] };

  /**
   * The sidebar as «Validar datos» opens it (the only way an official opens it): it validates at once, so its first
   * `runValidation` answer is that validation's (a clean sheet unless a test says otherwise); `asBuilt`: the page as
   * built, opened with no action. Any request other than the page itself is refused, and checked for by `done`.
   */
  async function open(responses: Record<string, unknown[]>, asBuilt = false, opts: { clock?: boolean } = {}): Promise<Page> {
    const fresh = opts.clock || !tab.page;
    const page = fresh ? await sidebar.browser.newPage({ viewport: { width: 300, height: 720 } }) : tab.page!;
    if (fresh) {
      // `clock`: the page's timers, google.script.run's answers' too, on Playwright's clock (time flows as usual).
      if (opts.clock) await page.clock.install();
      else tab.page = page;
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (tab.refused.push(route.request().url()), route.abort())));
    } else {
      await tab.script?.dispose();
      await page.setViewportSize({ width: 300, height: 720 });
    }
    tab.refused.length = 0;
    const script = await page.addInitScript(fakeGoogle, { validationPlan: [[{ name: 'Proyectos', rows: 12 }]], runValidation: [clean], goToFinding: [{ notice: null, selected: true }], ...responses });
    if (!opts.clock) tab.script = script;
    await page.goto(asBuilt ? sidebar.url : sidebar.menuUrl);
    return page;
  }

  /** The test is done with the page: it asked for nothing but itself. The file's tab is kept for the next `open`. */
  async function done(page: Page): Promise<void> {
    expect(tab.refused).toEqual([]);
    if (page !== tab.page) await page.close();
  }

  /** Waits until the validation the page started as it opened has ended. */
  const validatedOnOpen = (page: Page): Promise<unknown> => page.getByText(/^Validación terminada/).waitFor();

  const calls = (page: Page) => page.evaluate(() => (globalThis as unknown as { __calls: unknown[][] }).__calls);

  it('opened as built (no menu item asking anything), validates nothing and shows no «0 errores»', async () => {
    const page = await open({ reviewContext: [returned] }, true);
    await page.getByText('Devuelto con comentarios').waitFor();
    expect(await page.locator('#summary').isVisible()).toBe(false);
    expect(await page.locator('#since-sent').isHidden()).toBe(true);
    expect((await calls(page)).map((c) => c[0])).toEqual(['reviewContext']);
    await done(page);
  });

  it('says how many rows of how many sheets it validates, counted before reading, without the validation waiting for the count', async () => {
    const plan = [{ name: 'Proyectos', rows: 12 }, { name: 'Contrataciones', rows: 1252 }, { name: 'Actores', rows: 2 }, { name: 'Ubicaciones', rows: 0 }];
    // The count answers first: said while the validation runs (before: «Leyendo y validando 4 hojas (1,260 filas de datos)…»,
    // the template's empty sheets counted as sheets being validated).
    const page = await open({ validationPlan: [plan], __delays: [{ runValidation: 600 }] });
    await page.getByText('Validando 1,260 filas de 2 hojas…').waitFor();
    await validatedOnOpen(page);
    expect(await calls(page).then((c) => c.filter((x) => x[0] === 'validationPlan'))).toHaveLength(1);
    await done(page);

    // The count answers last: the validation was asked at once (before, only once the count had come back), and the
    // late count does not replace «Validación terminada».
    const slow = await open({ validationPlan: [plan], __delays: [{ validationPlan: 600 }] });
    await validatedOnOpen(slow);
    await slow.waitForFunction(() => (globalThis as unknown as { __log: string[] }).__log.includes('respuesta validationPlan'));
    const log = (await slow.evaluate(() => (globalThis as unknown as { __log: string[] }).__log)).filter((l) => /validationPlan|runValidation/.test(l));
    expect(log).toEqual(['llamada validationPlan', 'llamada runValidation', 'respuesta runValidation', 'respuesta validationPlan']);
    expect(await slow.getByRole('status').textContent()).toBe('Validación terminada: no se encontraron errores ni advertencias.');
    await done(slow);
  });

  it('validates as «Validar datos» opens it, shows grouped findings, selects a cell, and submits once clean after «Validar»', async () => {
    const page = await open({
      reviewContext: [returned],
      validationPlan: [[{ name: 'Proyectos', rows: 12 }, { name: 'Contrataciones', rows: 30 }]],
      runValidation: [withErrors, clean],
      submitForReview: [submitted],
    });
    // No click: the menu item «Validar datos» validates as the sidebar opens, saying so meanwhile.
    const status = page.getByRole('status');
    await page.getByText(/^(Validando|Validando 38 filas de 2 hojas)…$|^Validación terminada/).waitFor();
    await page.getByText('Validación terminada: 2 errores, 1 advertencia.').waitFor();
    expect((await calls(page)).filter((c) => c[0] === 'runValidation')).toHaveLength(1);
    await page.getByText('Devuelto con comentarios').waitFor();
    await expect(page.getByText('Agregue el presupuesto del puente.').isVisible()).resolves.toBe(true);
    // A comment written on two lines is shown on two lines.
    expect(await page.locator('#comments li').last().innerText()).toMatch(/puente\.\nY las fechas/);
    // The send no longer keeps its rounds in between: said above its comments, as the review pages say it.
    expect(await page.locator('#omitted-history').innerText()).toBe(omittedHistoryText(3));
    await expect(page.getByText(/compártala como lector con ingesta@/).isVisible()).resolves.toBe(true);

    expect(await status.textContent()).toBe('Validación terminada: 2 errores, 1 advertencia.');
    expect(await page.locator('#completeness').textContent()).toBe('61.5 %');
    expect(await page.getByRole('button', { name: 'Enviar a revisión' }).isDisabled()).toBe(true);
    expect(await page.locator('details summary').allTextContents()).toEqual(['Proyectos — 2 errores', 'Contrataciones — 1 advertencia']);

    await keptScreenshot(page, 'addon-sidebar.png', { fullPage: true });

    await page.getByRole('button', { name: /O3: «mucho» no es un número/ }).click();
    await page.waitForFunction(() => (globalThis as unknown as { __focus: number }).__focus === 1);
    // With what the validation read there: the column's title and the sheet's rows.
    // With what the validation read there (the column's title, the sheet's rows) and the line itself (its column's
    // heading, severity and words), by which the server finds it again if rows were inserted or deleted since.
    expect(await calls(page)).toContainEqual(['goToFinding', 'Proyectos', 3, 15, { header: 'Monto del presupuesto', rows: 12, field: 'Monto del presupuesto', severity: 'error', message: '«mucho» no es un número. Escriba solo cifras, por ejemplo 1,234,567.89.' }]);

    // No horizontal scrollbar in the 300 px sidebar (Marketplace review).
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);

    await page.getByRole('button', { name: 'Validar' }).click();
    await page.getByText('Validación terminada: no se encontraron errores ni advertencias.').waitFor();
    const submit = page.getByRole('button', { name: 'Enviar a revisión' });
    expect(await submit.isEnabled()).toBe(true);
    await submit.click();
    await page.getByText('Se envió a revisión.', { exact: false }).waitFor();
    expect(await page.locator('#state').textContent()).toBe('Estado: En revisión');
    // A revision under review may be replaced by a newer one.
    expect(await page.getByRole('button', { name: 'Enviar nueva versión' }).isEnabled()).toBe(true);
    await done(page);
  });

  it('a finding on a row whose column the sheet lacks names the row and goes to it', async () => {
    const message = 'Falta este dato, que el programa pide publicar en todos los casos. La columna «Descripción del proyecto» no está en la hoja «Proyectos»: agréguela de nuevo.';
    const page = await open({
      reviewContext: [returned],
      validationPlan: [[{ name: 'Proyectos', rows: 12 }]],
      runValidation: [{ ...withErrors, errors: 1, warnings: 0, groups: [{ sheet: 'Proyectos', errors: 1, warnings: 0, fields: [
        { field: 'Descripción del proyecto', errors: 1, warnings: 0, more: 0, items: [{ severity: 'error', message, a1: null, row: 7, column: null }] },
      ] }] }],
    });
    await page.getByText('Devuelto con comentarios').waitFor();
    await page.getByText('Validación terminada: 1 error, 0 advertencias.').waitFor();
    const finding = page.getByRole('button', { name: /^Error Fila 7: Falta este dato/ });
    expect(await finding.isEnabled()).toBe(true);
    await finding.click();
    await page.waitForFunction(() => (globalThis as unknown as { __focus: number }).__focus === 1);
    expect(await calls(page)).toContainEqual(['goToFinding', 'Proyectos', 7, 1, { rows: 12, field: 'Descripción del proyecto', severity: 'error', message }]);
    await done(page);
  });

  it('a project\'s CoST IDS notice says how many points it lacks and lists the first ones; the rest open on request', async () => {
    const points = ['Subsector: la hoja «Clasificaciones»', 'Ubicación: la hoja «Ubicaciones»', 'Propósito: la columna «Propósito socioeconómico»', 'Impacto ambiental: un documento', 'Fuentes de financiamiento: la hoja «Desglose presupuestal»'];
    const heading = 'Le faltan 5 datos del CoST IDS que el estado del proyecto («Ejecución») ya pide. No impide publicar.';
    const page = await open({
      runValidation: [{ ...withErrors, errors: 0, warnings: 0, groups: [{ sheet: 'Proyectos', errors: 0, warnings: 0, fields: [
        { field: 'Estado del proyecto', errors: 0, warnings: 0, more: 0, items: [
          { severity: 'info', message: heading, a1: 'Proyectos!D3', row: 3, column: 4, points },
          { severity: 'info', message: heading.replace('5 datos', '2 datos'), a1: 'Proyectos!D4', row: 4, column: 4, points: points.slice(0, 2) },
        ] },
      ] }] }],
    });
    await validatedOnOpen(page);
    const [first, second] = await page.locator('.findings li:has(> button.finding)').all();
    expect(await first.locator('> .points > ul > li').allInnerTexts()).toEqual(points.slice(0, 3));
    const more = first.locator('.points details');
    expect(await more.locator('summary').innerText()).toBe('Ver los otros 2 datos');
    expect(await more.locator('li').first().isVisible()).toBe(false);
    await more.locator('summary').click();
    expect(await more.locator('li').allInnerTexts()).toEqual(points.slice(3));
    expect(await more.locator('li').first().isVisible()).toBe(true);
    // Two points: both shown, nothing to open.
    expect(await second.locator('.points li').allInnerTexts()).toEqual(points.slice(0, 2));
    expect(await second.locator('details').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
    await done(page);
  });

  it('says what the jump answered when the sheet changed shape since validating (a column moved, rows deleted)', async () => {
    const notice = 'La columna «Monto del presupuesto» ya no está en la O sino en la P: se seleccionó P3. Pulse «Validar» para actualizar la lista.';
    const page = await open({ reviewContext: [returned], runValidation: [withErrors], goToFinding: [{ notice, selected: true }] });
    await validatedOnOpen(page);
    await page.getByRole('button', { name: /O3: «mucho» no es un número/ }).click();
    await page.getByText(notice).waitFor();
    expect(await page.getByRole('status').textContent()).toBe(notice);
    await done(page);
  });

  it('rows deleted since validating: the click\'s new list replaces the old one, its notice is said, and the sheet gets the focus only when a cell was selected', async () => {
    const moved: ValidationReport = { ...withErrors, errors: 1, warnings: 0, groups: [{ sheet: 'Proyectos', errors: 1, warnings: 0, fields: [withErrors.groups[0].fields[0]] }] };
    const now: ValidationReport = { ...moved, sheets: [{ name: 'Proyectos', rows: 11, id: 0 }], groups: [{ ...moved.groups[0], fields: [{ ...moved.groups[0].fields[0], items: [{ ...moved.groups[0].fields[0].items[0], a1: 'Proyectos!O2', row: 2 }] }] }] };
    const notice = 'La hoja «Proyectos» cambió de filas desde la validación (tenía datos hasta la fila 12 y ahora hasta la 11): se validó de nuevo y la lista ya muestra las celdas de ahora. Se seleccionó O2, donde está ahora este hallazgo.';
    const gone = 'La hoja «Proyectos» cambió de filas desde la validación (tenía datos hasta la fila 11 y ahora hasta la 10): se validó de nuevo y la lista ya muestra las celdas de ahora. Este hallazgo ya no aparece en la lista: quizá lo corrigió o quitó su fila.';
    const page = await open({ reviewContext: [returned], runValidation: [moved], goToFinding: [{ notice, selected: true, report: now }, { notice: gone, selected: false, report: { ...now, errors: 0, groups: [] } }], __delays: [{ goToFinding: 2300 }] }, false, { clock: true });
    await validatedOnOpen(page);
    await page.getByRole('button', { name: /O3: «mucho» no es un número/ }).click();
    // Validating again takes a while (2.3 s, run ahead on the page's clock): said meanwhile, 1.5 s after the click.
    await page.clock.fastForward(1500);
    await page.getByText(/^Buscando la celda… Si la hoja cambió de filas desde la validación, se está validando de nuevo/).waitFor();
    await page.clock.fastForward(800);
    await page.getByText(notice).waitFor();
    expect(await page.getByRole('button', { name: /«mucho» no es un número/ }).locator('.ref').textContent()).toBe('O2: ');
    expect(await page.evaluate(() => (globalThis as unknown as { __focus: number }).__focus)).toBe(1);
    // The next click sends what the new list read: the sheet's rows now.
    await page.getByRole('button', { name: /O2: «mucho» no es un número/ }).click();
    await page.clock.fastForward(2300);
    await page.getByText(gone).waitFor();
    expect((await calls(page)).filter((c) => c[0] === 'goToFinding').map((c) => (c[4] as { rows: number }).rows)).toEqual([12, 11]);
    expect(await page.locator('button.finding').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __focus: number }).__focus)).toBe(1);
    await done(page);
  });

  it('stopped by Google\'s six minutes: says in Spanish what happened and what to do, not Google\'s English; a validation that left marks out says so', async () => {
    const page = await open({ reviewContext: [returned], runValidation: [{ fail: 'Exceeded maximum execution time' }, { ...withErrors, marksStopped: true }] });
    const status = page.getByRole('status');
    await page.getByText(/^La validación no terminó/).waitFor();
    expect(await status.textContent()).toBe('La validación no terminó: Google detiene cada acción de un complemento a los 6 minutos, y revisar este libro lleva más. Sus datos no se modificaron. Para revisarlo completo, descárguelo como Excel (Archivo → Descargar → Microsoft Excel) y súbalo en el tablero, en «Mis envíos», donde se revisa sin ese límite: si tiene errores no se envía y se listan con su hoja, fila y columna. También puede dividir los datos en dos hojas de cálculo.');
    await page.getByRole('button', { name: 'Validar' }).click();
    await page.getByText(/^Validación terminada/).waitFor();
    expect(await status.textContent()).toBe('Validación terminada: 2 errores, 1 advertencia. Para terminar antes de los 6 minutos que Google da a cada acción, no se marcaron en la hoja las celdas con error de todas las hojas: esta lista está completa y dice dónde está cada una.');
    await done(page);
  });

  it('Google\'s own failure with two Google accounts signed in to the browser: said in Spanish with what to do, in the sidebar and in «Configurar servidor»', async () => {
    // What google.script.run's failure handler gets then (the call runs as the browser's first account), before any of our code.
    const google = 'We\'re sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.';
    const page = await open({ runValidation: [{ fail: google }], saveAddonSettings: [{ fail: google }] });
    const status = page.getByRole('status');
    await status.filter({ hasText: /^Google no dejó/ }).waitFor();
    expect(await status.textContent()).toMatch(/^Google no dejó que el complemento trabajara con esta hoja de cálculo\. .*dos o más cuentas de Google a la vez.*Cierre la sesión de las otras cuentas/);
    // The dialog's own page (HtmlService, an inline script): the same words.
    await page.setContent(settingsHtml({ backendUrl: '', hasApiToken: false }));
    await page.getByLabel('Dirección del servidor').fill('https://datos.mi-estado.gob.mx');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.locator('#status.error').waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/^Google no dejó que el complemento trabajara .*Cierre la sesión de las otras cuentas/);
    await done(page);
    // Google's other words the handler gets; ours (already Spanish) pass as they are.
    expect([
      'Authorization is required to perform that action. Please run again to authorize it.',
      'NetworkError: Connection failure due to HTTP 0',
      'We\'re sorry, a server error occurred. Please wait a bit and try again.',
      'No fue posible comunicarse con el servidor de Infraestructura Abierta.',
    ].map((m) => googleFailureText(m)?.split(' ').slice(0, 4).join(' ') ?? null)).toEqual(['Google pide autorizar otra', 'Se perdió la conexión', 'Google tuvo una falla', null]);
  });

  it('«Configurar servidor» refuses an address or a key on its field: marked invalid, described by why, the focus there (or, already there, said through the status line)', async () => {
    // What saveSettings (run by Apps Script) refuses, its own words, as google.script.run's failure handler gets them.
    const refusal = (backendUrl: string, apiToken: string): string => {
      const props = { getDocument: () => null, setDocument: () => undefined, getUser: () => null, setUser: () => undefined };
      try { saveSettings({ backendUrl: '', serviceAccount: null }, props, { backendUrl, apiToken }); } catch (e) { return (e as Error).message; }
      throw new Error('saveSettings accepted it');
    };
    const page = await open({ saveAddonSettings: [{ fail: refusal('ftp://datos.mi-estado.gob.mx', '') }, { fail: refusal('https://datos.mi-estado.gob.mx', 'secreto') }] });
    await page.setContent(settingsHtml({ backendUrl: '', hasApiToken: false }));
    const url = page.getByLabel('Dirección del servidor');
    const token = page.getByLabel('Clave de acceso (solo servidores propios)');
    const said = (field: typeof url) => field.evaluate((f: any) => [f.getAttribute('aria-invalid'), (f.getAttribute('aria-describedby') ?? '').split(' ').map((i: string) => f.ownerDocument.getElementById(i)?.textContent).join(' ')]);
    await url.fill('ftp://datos.mi-estado.gob.mx');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.waitForFunction(() => (globalThis as any).document.getElementById('status').textContent !== 'Guardando…');
    expect(await activeId(page)).toBe('url');
    expect(await said(url)).toEqual(['true', expect.stringMatching(/^«ftp:\/\/datos\.mi-estado\.gob\.mx» no es una dirección válida: debe empezar con https:\/\/.* Se la da su coordinación/)]);
    // Corrected: no longer marked. The key refused, with the focus already on it (Enter in the field): said by the status line.
    await url.fill('https://datos.mi-estado.gob.mx');
    expect(await said(url)).toEqual([null, 'Se la da su coordinación. Se guarda para este documento.']);
    await token.fill('secreto');
    await token.press('Enter');
    await page.locator('#status').filter({ hasText: /^La clave de acceso no tiene la forma esperada/ }).waitFor();
    expect(await said(token)).toEqual(['true', expect.stringMatching(/^La clave de acceso no tiene la forma esperada .* Si su institución usa un servidor propio/)]);
    expect(await activeId(page)).toBe('token');
    // Said, not shown a second time on screen: the message is under its field.
    expect(await page.locator('#status').evaluate((el: any) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    // WCAG's rules: the dialog's heading is the title Google's frame draws around it, not one of the page's own.
    expect(await axeViolations(page, { tags: WCAG_AA })).toEqual([]);
    await done(page);
  });

  it('names what a column\'s list leaves out: errors (with where they are marked) and warnings; from an older Code.js, «avisos»', async () => {
    const line = (row: number) => ({ severity: 'error' as const, message: `«mucho ${row}» no es un número.`, a1: `Proyectos!O${row}`, row, column: 15 });
    const page = await open({
      validationPlan: [[{ name: 'Proyectos', rows: 40 }]],
      runValidation: [{ ...withErrors, errors: 30, warnings: 2, groups: [{ sheet: 'Proyectos', errors: 30, warnings: 2, fields: [
        { field: 'Monto del presupuesto', errors: 27, warnings: 2, more: 4, moreErrors: 2, moreWarnings: 2, items: Array.from({ length: 25 }, (_, k) => line(3 + k)) },
        // As a Code.js older than this page answers: no split.
        { field: 'Estado del proyecto', errors: 3, warnings: 0, more: 3, items: [] },
      ] }] }],
    });
    await page.getByText('Validación terminada: 30 errores, 2 advertencias.').waitFor();
    expect(await page.locator('p.more').allTextContents()).toEqual([
      'y 2 errores y 2 advertencias más en esta columna: las celdas de los errores tienen en la hoja una nota que dice qué corregir.',
      'y 3 avisos más en esta columna.',
    ]);
    await done(page);
  });

  it('validated without errors while the server does not answer: the help under «Enviar» says to try again, not «Valide primero»', async () => {
    const failure = 'No fue posible comunicarse con el servidor de Infraestructura Abierta. Revise su conexión y la dirección en Configurar servidor, e intente de nuevo.';
    const page = await open({ reviewContext: [{ fail: failure }], runValidation: [{ ...clean, reviewFailure: failure }] });
    await validatedOnOpen(page);
    expect(await page.locator('#state').textContent()).toBe(failure);
    expect(await page.getByRole('button', { name: 'Enviar a revisión' }).isDisabled()).toBe(true);
    expect(await page.locator('#submit-help').textContent()).toBe('Podrá enviar cuando el servidor responda: pulse «Validar» para intentarlo de nuevo.');
    await done(page);
  });

  it('tells an official who kept editing that what is reviewed is what was sent, until they send again', async () => {
    const page = await open({
      reviewContext: [submitted],
      validationPlan: [[{ name: 'Proyectos', rows: 12 }]],
      runValidation: [{ ...clean, sheetChanged: true }, { ...clean, sheetChanged: false }],
      submitForReview: [{ ...submitted, notice: 'Se envió la nueva versión: reemplaza a la que estaba en revisión, en la bandeja de su coordinación.' }],
    });
    await page.getByText('Estado: En revisión').waitFor();
    const since = page.locator('#since-sent');
    // Validated as it opened (before that, nothing is said: the page as built shows no comparison, test above).
    await page.getByText('Validación terminada: no se encontraron errores ni advertencias.').waitFor();
    expect(await since.textContent()).toBe('⚠ La hoja tiene cambios que no ha enviado: su coordinación revisa lo que envió el 28/02/2024. Envíe la nueva versión para que revise también estos cambios.');
    await page.getByRole('button', { name: 'Enviar nueva versión' }).click();
    await page.getByText(/^Se envió la nueva versión/).waitFor();
    // Sent: the earlier comparison no longer applies.
    expect(await since.isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Validar' }).click();
    await page.getByText('La hoja coincide con lo enviado el 28/02/2024.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await done(page);
  });

  it('exposes the coordinators\' comments as a list only when there are some (an empty list was read out as «lista, 0 elementos»)', async () => {
    const comments = (page: Page) => page.getByRole('list', { name: 'Comentarios de la coordinación' });
    const none = await open({ reviewContext: [submitted] });
    await none.getByText('Estado: En revisión').waitFor();
    expect(await comments(none).count()).toBe(0);
    expect(await none.locator('#comments').isHidden()).toBe(true);
    await done(none);
    const some = await open({ reviewContext: [returned] });
    await some.getByText('Devuelto con comentarios').waitFor();
    expect(await comments(some).getByRole('listitem').count()).toBe(1);
    await done(some);
  });

  it('after a failed publication, tells an official with unsent changes that a new approval publishes what was sent', async () => {
    const failedSend: ReviewContext = { ...submitted, submission: { ...submitted.submission!, state: 'failed', stateLabel: 'La publicación falló', failureReason: 'No se pudo leer la hoja.' } };
    const page = await open({ reviewContext: [failedSend], validationPlan: [[{ name: 'Proyectos', rows: 12 }]], runValidation: [{ ...clean, sheetChanged: true }] });
    await page.getByText(/^Estado: La publicación falló/).waitFor();
    await page.getByText('Validación terminada: no se encontraron errores ni advertencias.').waitFor();
    expect(await page.locator('#since-sent').textContent()).toBe('⚠ La hoja tiene cambios que no ha enviado: la publicación de lo que envió el 28/02/2024 falló, y su coordinación puede aprobarlo de nuevo tal como lo envió. Envíe la nueva versión si quiere que se publiquen también estos cambios.');
    await done(page);
  });

  it('does not offer a coordinator «Aprobar» for a send older than one already approved: says when that one was sent, and offers returning it', async () => {
    const page = await open({ reviewContext: [{ ...submitted, role: 'coordinador', submission: { ...submitted.submission!, newerApprovedAt: '2024-03-05T18:00:00Z' } }] });
    await page.getByRole('heading', { name: 'Revisión', exact: true }).waitFor();
    expect(await page.locator('#coordinator-help').textContent()).toBe('No se puede aprobar este envío: ya se aprobó uno más reciente de esta institución (enviado el 05/03/2024, 12:00:00\u00a0p.m.), y este publicaría encima datos anteriores. Devuélvalo con un comentario; si algo de este envío falta en aquel, pida que lo envíen de nuevo.');
    expect(await page.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Devolver con comentarios' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await done(page);
  });

  it('a coordinator\'s decision names the revision the panel shows; refused because a new version came, the panel shows the new one', async () => {
    const shown: ReviewContext = { ...submitted, role: 'coordinador', submission: { ...submitted.submission!, revision: 'a'.repeat(64) } };
    const newer: ReviewContext = { ...shown, submission: { ...shown.submission!, revision: 'b'.repeat(64), sentAt: '2024-03-05T18:00:00Z' } };
    const refusal = 'Quien capturó envió una versión nueva de este envío (enviada el 05/03/2024, 12:00:00 p.m.) mientras usted revisaba la anterior: no se aprobó nada. Revise la versión nueva y decida de nuevo.';
    const page = await open({ reviewContext: [shown, newer], approveSubmission: [{ fail: refusal }] });
    await page.getByRole('heading', { name: 'Revisión', exact: true }).waitFor();
    expect(await page.locator('#coordinator-help').textContent()).toContain('la versión enviada el 28/02/2024');
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.getByText(refusal).waitFor();
    expect(await calls(page)).toContainEqual(['approveSubmission', 's1', 'a'.repeat(64)]);
    await page.locator('#coordinator-help', { hasText: 'la versión enviada el 05/03/2024' }).waitFor();
    await done(page);
  });

  it('lets a coordinator approve or return with comments, and shows server messages as they are', async () => {
    const page = await open({
      reviewContext: [{ ...submitted, role: 'coordinador' }],
      returnSubmission: [{ fail: 'Solo el coordinador de su estado puede devolver este envío.' }],
      approveSubmission: [{ ...submitted, role: 'coordinador', submission: { ...submitted.submission!, state: 'approved', stateLabel: 'Aprobado' } }],
    });
    await page.getByRole('heading', { name: 'Revisión', exact: true }).waitFor();
    // What «Aprobar» publishes is the copy sent, not the sheet being looked at.
    expect(await page.locator('#coordinator-help').textContent()).toBe('«Aprobar» publica la versión enviada el 28/02/2024, no la hoja tal como esté ahora; «Validar» revisa la hoja actual.');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Escriba un comentario que explique qué debe corregirse.');
    await page.getByLabel('Comentarios para quien capturó').fill('Corrija las fechas.');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await page.getByText('Solo el coordinador de su estado puede devolver este envío.').waitFor();
    expect(await calls(page)).toContainEqual(['returnSubmission', 's1', 'Corrija las fechas.']);
    // «Aprobar» asks first; «Cancelar» approves nothing.
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Cancelar' }).click();
    expect((await calls(page)).some((c) => c[0] === 'approveSubmission')).toBe(false);
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.getByRole('button', { name: 'Sí, publicar' }).click();
    await page.getByText('Envío aprobado.').waitFor();
    expect(await page.locator('#state').textContent()).toBe('Estado: Aprobado');
    expect(await page.locator('#coordinator').isHidden()).toBe(true);
    await done(page);
  });

  it('lets an official withdraw a send awaiting review, after confirming; not once it is approved, nor a coordinator', async () => {
    const withdrawn: ReviewContext = { ...submitted, submission: { ...submitted.submission!, state: 'withdrawn', stateLabel: 'Retirado' }, notice: 'Se retiró el envío: ya no está en la bandeja de su coordinación. Puede enviarlo de nuevo cuando quiera.' };
    const page = await open({ reviewContext: [submitted], withdrawSubmission: [withdrawn] });
    await page.getByText('Estado: En revisión').waitFor();
    // Asks first, saying what it does; «Cancelar» withdraws nothing.
    await page.getByRole('button', { name: 'Retirar envío' }).click();
    await page.getByRole('group', { name: /^¿Retirar este envío\? Saldrá de la bandeja de su coordinación/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Retirar envío' }).getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancelar' }).click();
    expect((await calls(page)).some((c) => c[0] === 'withdrawSubmission')).toBe(false);
    await page.getByRole('button', { name: 'Retirar envío' }).click();
    await page.getByRole('button', { name: 'Sí, retirar' }).click();
    await page.getByText('Se retiró el envío: ya no está en la bandeja de su coordinación.', { exact: false }).waitFor();
    expect(await calls(page)).toContainEqual(['withdrawSubmission', 's1']);
    expect(await page.locator('#state').textContent()).toBe('Estado: Retirado');
    expect(await page.getByRole('button', { name: 'Retirar envío' }).count()).toBe(0);
    await done(page);

    for (const ctx of [{ ...submitted, submission: { ...submitted.submission!, state: 'approved' as const, stateLabel: 'Aprobado, publicando' } }, { ...submitted, role: 'coordinador' as const }]) {
      const other = await open({ reviewContext: [ctx] });
      await other.getByText(`Estado: ${ctx.submission!.stateLabel}`).waitFor();
      expect(await other.getByRole('button', { name: 'Retirar envío' }).count()).toBe(0);
      await done(other);
    }
  });

  it('shows a coordinator why a publication failed and lets them approve again to retry', async () => {
    const failed = { ...submitted, role: 'coordinador' as const, submission: { ...submitted.submission!, state: 'failed' as const, stateLabel: 'La publicación falló', failureReason: 'No se pudo leer la hoja: el servidor de Google no respondió.' } };
    const page = await open({ reviewContext: [failed] });
    await page.getByRole('heading', { name: 'Revisión', exact: true }).waitFor();
    expect(await page.locator('#state').textContent()).toBe('Estado: La publicación falló. No se pudo leer la hoja: el servidor de Google no respondió.');
    expect(await page.getByRole('button', { name: 'Aprobar' }).isVisible()).toBe(true);
    expect(await page.locator('#coordinator-help').textContent()).toMatch(/Aprobar de nuevo reintenta la publicación\.$/);
    await done(page);
  });

  it('passes an axe accessibility check after validating', async () => {
    const page = await open({ reviewContext: [returned], validationPlan: [[]], runValidation: [withErrors] });
    await page.getByText(/Validación terminada/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await done(page);
  });

  const activeId = (page: Page): Promise<string> => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? '');

  it('gives the focus back to the button that started the work (every button is disabled meanwhile), or to the status when that button is gone', async () => {
    const page = await open({
      reviewContext: [{ ...submitted, role: 'coordinador' }],
      validationPlan: [[{ name: 'Proyectos', rows: 12 }]],
      runValidation: [clean, withErrors],
      approveSubmission: [{ ...submitted, role: 'coordinador', submission: { ...submitted.submission!, state: 'approved', stateLabel: 'Aprobado' } }],
    });
    await page.getByText('Estado: En revisión').waitFor();
    await validatedOnOpen(page);
    await page.locator('#validate').focus();
    await page.keyboard.press('Enter');
    await page.getByText('Validación terminada: 2 errores, 1 advertencia.').waitFor();
    expect(await activeId(page)).toBe('validate');
    await page.getByRole('button', { name: 'Aprobar' }).click();
    await page.keyboard.press('Enter');
    await page.getByText('Envío aprobado.').waitFor();
    // «Sí, publicar» is hidden with its question: the focus goes to the status that says what happened.
    expect(await activeId(page)).toBe('status');
    await done(page);
  });

  it('keeps disabled, once an action ends, a finding with no row to select (only what the busy state disabled comes back)', async () => {
    const wholeSheet: ValidationReport = {
      ...withErrors, errors: 1, warnings: 1,
      groups: [{ sheet: 'Proyectos', errors: 1, warnings: 1, fields: [
        { field: 'Monto del presupuesto', errors: 1, warnings: 0, more: 0, items: [{ severity: 'error', message: '«mucho» no es un número.', a1: 'Proyectos!O3', row: 3, column: 15 }] },
        { field: 'Documentos', errors: 0, warnings: 1, more: 0, items: [{ severity: 'warning', message: 'Falta el contrato firmado.', a1: null, row: null, column: null }] },
      ] }],
    };
    const page = await open({ reviewContext: [returned], runValidation: [wholeSheet] });
    await validatedOnOpen(page);
    const noRow = page.getByRole('button', { name: /Falta el contrato firmado/ });
    const withRow = page.getByRole('button', { name: /no es un número/ });
    await noRow.waitFor();
    expect(await noRow.isDisabled()).toBe(true);
    // «Ir a la celda» runs as every action does (every button disabled meanwhile); before, its end re-enabled them all.
    await withRow.click();
    await page.waitForFunction(() => (globalThis as unknown as { __log: string[] }).__log.includes('respuesta goToFinding'));
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#validate:disabled'));
    expect(await withRow.isDisabled()).toBe(false);
    expect(await noRow.isDisabled()).toBe(true);
    await done(page);
  });

  it('at 200 % zoom (150 px) nothing overflows; the summary agrees in number; aria-busy is never on what holds #status; the comment box has a 3:1 border', async () => {
    const page = await open({ reviewContext: [{ ...submitted, role: 'coordinador' }], validationPlan: [[{ name: 'Proyectos', rows: 12 }]], runValidation: [clean, withErrors] });
    await page.setViewportSize({ width: 150, height: 720 });
    await page.getByRole('heading', { name: 'Revisión', exact: true }).waitFor();
    // Observed from «Validar», once the validation that ran as the sidebar opened is over.
    await validatedOnOpen(page);
    // Every change of aria-busy, and on which element, while validating.
    await page.evaluate(() => {
      const w = globalThis as unknown as { __busy: { id: string; holdsStatus: boolean; value: string | null }[]; document: any; MutationObserver: any };
      w.__busy = [];
      new w.MutationObserver((records: any[]) => { for (const r of records) w.__busy.push({ id: r.target.id, holdsStatus: r.target.contains(w.document.getElementById('status')), value: r.target.getAttribute('aria-busy') }); })
        .observe(w.document.body, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    });
    await page.getByRole('button', { name: 'Validar' }).click();
    await page.getByText('Validación terminada: 2 errores, 1 advertencia.').waitFor();
    const busy = await page.evaluate(() => (globalThis as unknown as { __busy: { id: string; holdsStatus: boolean; value: string | null }[] }).__busy);
    expect(busy.filter((b) => b.holdsStatus && b.value === 'true')).toEqual([]);
    expect(busy.some((b) => b.id === 'findings' && b.value === 'true')).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { document: any }).document.querySelectorAll('[aria-busy="true"]').length)).toBe(0);
    // «2 errores», «1 advertencia».
    expect(await page.locator('#summary .count').allInnerTexts()).toEqual(['2\nerrores', '1\nadvertencia', '61.5 %\ncompletitud']);
    const widths = await page.evaluate(() => { const d = (globalThis as unknown as { document: any }).document; const s = d.getElementById('summary'); return { page: d.documentElement.scrollWidth, summary: s.scrollWidth, room: s.clientWidth }; });
    expect(widths.page).toBeLessThanOrEqual(150);
    expect(widths.summary).toBeLessThanOrEqual(widths.room);
    expect(await page.locator('#comment').evaluate((t) => getComputedStyle(t).borderTopColor)).toBe('rgb(107, 118, 128)');
    await page.setViewportSize({ width: 300, height: 720 });
    expect(await axeViolations(page)).toEqual([]);
    await done(page);
  });

  it('an empty comment is marked invalid, described by its error and focused', async () => {
    const page = await open({ reviewContext: [{ ...submitted, role: 'coordinador' }] });
    await page.getByRole('heading', { name: 'Revisión', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    const comment = page.getByLabel('Comentarios para quien capturó');
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    const described = await comment.getAttribute('aria-describedby');
    expect(await page.locator(`#${described}`).textContent()).toBe('Escriba un comentario que explique qué debe corregirse.');
    expect(await activeId(page)).toBe('comment');
    expect(await axeViolations(page)).toEqual([]);
    // Written: no longer invalid.
    await comment.fill('Corrija las fechas.');
    expect(await comment.getAttribute('aria-invalid')).toBeNull();
    await done(page);
  });

  /**
   * A right-to-left override a value leaves open ends with it (core/format/bidi-closed.ts, as on the dashboard):
   * measured where Chromium lays out the text after it — the sentence after a newer send's file name, «Estado»'s reason after the
   * state's name, a sheet's counts after its name — each character to the right of the one before.
   */
  it('an override a server\'s or a sheet\'s text leaves open reverses nothing after it', async () => {
    const hostile: ReviewContext = { ...returned, submission: { ...returned.submission!, state: 'failed', stateLabel: '\u202eLa publicación falló', failureReason: 'No se pudo leer la hoja.', newerApprovedAt: '2024-03-02T17:00:00Z', newerApprovedName: '\u202einforme.xlsx' } };
    const report: ValidationReport = { ...withErrors, groups: [{ ...withErrors.groups[0], sheet: '\u202eProyectos' }] };
    const page = await open({ reviewContext: [hostile], runValidation: [report] });
    await validatedOnOpen(page);
    await page.getByText('No se pudo leer la hoja.', { exact: false }).waitFor();
    // Plain JavaScript run in the page (this file is typed without the DOM's types): the left edge of each character.
    const lefts = await page.evaluate(`(() => {
      const edges = (selector, text) => {
        const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.indexOf(text);
          if (at >= 0) return [...text].map((_c, i) => { const r = new Range(); r.setStart(node, at + i); r.setEnd(node, at + i + 1); return r.getBoundingClientRect().left; });
        }
        return [];
      };
      return [edges('#newer-approved', 'y este publicar'), edges('#state', 'No se pudo'), edges('#findings summary', '2 errores')];
    })()`) as number[][];
    for (const xs of lefts) {
      expect(xs.length).toBeGreaterThan(0);
      expect(xs.every((x, i) => i === 0 || x > xs[i - 1])).toBe(true);
    }
    await done(page);
  });

  it('says a change of the send\'s state to a screen reader (a polite live region), not the same state again after each action', async () => {
    const page = await open({ reviewContext: [returned], submitForReview: [submitted] });
    await validatedOnOpen(page);
    await page.getByText('Estado: Devuelto con comentarios').waitFor();
    expect(await page.locator('#state').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#state').getAttribute('aria-atomic')).toBe('true');
    await page.evaluate('globalThis.__shown = document.querySelector("#state strong")');
    // Validated again: the panel is redrawn with the same state, which stays as it was (not replaced, not said again).
    await page.getByRole('button', { name: 'Validar' }).click();
    await page.waitForFunction(() => (globalThis as unknown as { __calls: unknown[][] }).__calls.filter((c) => c[0] === 'runValidation').length === 2);
    await page.getByRole('button', { name: 'Validar' }).and(page.locator(':enabled')).waitFor();
    expect(await page.evaluate('globalThis.__shown.isConnected')).toBe(true);
    await page.getByRole('button', { name: 'Enviar a revisión' }).click();
    await page.getByText('Se envió a revisión.').waitFor();
    expect(await page.locator('#state').textContent()).toBe('Estado: En revisión');
    await done(page);
  });

  it('Escape closes «Aprobar»\'s question and gives the focus back to «Aprobar»', async () => {
    const page = await open({ reviewContext: [{ ...submitted, role: 'coordinador' }] });
    await page.getByRole('heading', { name: 'Revisión', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Aprobar' }).click();
    expect(await page.locator('#confirm-approve').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#confirm-approve').isVisible()).toBe(false);
    expect(await activeId(page)).toBe('approve');
    expect(await page.locator('#approve').getAttribute('aria-expanded')).toBe('false');
    expect((await calls(page)).some((c) => c[0] === 'approveSubmission')).toBe(false);
    await done(page);
  });
});
