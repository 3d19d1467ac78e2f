/**
 * The official's whole journey through what `npm run build:addon` builds, with nothing of ours imitated: the built
 * sidebar in headless Chromium, whose google.script.run calls the built Code.js (in a vm, over the fake
 * spreadsheet), whose UrlFetchApp reaches the real app (test/support/app-thread.ts). The coordinators act through
 * the real API, as their pages do. Set the server up, create the template, type with the usual mistakes, open
 * «Validar datos» (which validates as the sidebar opens), go to a cell, fix, validate again, send, see the return and
 * its comments, fix, send again, see it published.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import type { Browser, Page } from 'playwright-core';
import { keptScreenshot, axeViolations, describeIfChromium, launchChromium, WCAG_AA } from '../browser';
import type { AddonBuild } from '../../scripts/build-addon';
import { sharedAddonBuild } from './shared-addon-build';
import { templateSpec } from '../../core/template/template-spec';
import type { SheetSpec } from '../../core/template/spec';
import type { CellValue } from '../../core/workbook/model';
import { FakeSpreadsheet } from './fake-spreadsheet';
import { appsScriptGlobals, type AppsScriptRecord } from './fake-apps-script';
import { startAppThread, type AppThread } from '../support/app-thread';
import { SEND_CHECKING_RETRY_SECONDS } from '../../core/workflow/contract';

type Global = Record<string, (...args: unknown[]) => unknown>;

const sheetSpec = (name: string): SheetSpec => templateSpec().sheets.find((s) => s.name === name) as SheetSpec;
const projects = sheetSpec('Proyectos');
const column = (field: string): number => projects.columns.findIndex((c) => c.field === field) + 1;

/** Types one row, by field, in the first data row (row 3) of the template's sheet `name`; its other columns empty. */
function typeRow(ss: FakeSpreadsheet, name: string, values: Record<string, CellValue>): void {
  const { columns } = sheetSpec(name);
  ss.get(name).paste({ row: 3, column: 1, rows: 1, columns: columns.length }, [columns.map((c) => values[c.field] ?? '')]);
}

/**
 * google.script.run in the page, answered by `window.__gas` (the built Code.js on the Node side): the Code.js of the
 * page's test, `key` (the tab serves one test after another).
 */
function bridge(key: number): void {
  const w = globalThis as unknown as { __gas(key: number, name: string, args: unknown[]): Promise<{ value?: unknown; fail?: string }>; google: unknown };
  const runner = (success?: (v: unknown) => void, failure?: (e: unknown) => void): unknown => new Proxy({}, {
    get(_t, name: string) {
      if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, failure);
      if (name === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(success, fn);
      return (...args: unknown[]) => {
        void w.__gas(key, name, args).then((r) => (r.fail !== undefined ? failure?.({ message: r.fail }) : success?.(r.value)));
      };
    },
  });
  w.google = { script: { run: runner(), host: { editor: { focus: () => undefined } } } };
}

describeIfChromium('the official with the built add-on, against the real app', () => {
  let build: AddonBuild;
  let app: AppThread;
  let browser: Browser;
  /** The pages the built Code.js shows, written for the tab to open (the build's folder is shared: nothing is written there). */
  let pagesDir: string | undefined;
  beforeAll(async () => {
    pagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'addon-journey-'));
    [build, app, browser] = await Promise.all([
      // Built once while its sources stay the same (shared-addon-build.ts): ~2 CPU-s of esbuild per build.
      sharedAddonBuild({ backendUrl: 'https://backend.example.test', serviceAccount: null }),
      startAppThread({ mode: 'local' }),
      launchChromium(),
    ]);
  });
  /**
   * The apps of a test of their own (the task service down, no time to check a send): real apps of those options served
   * by the file's app thread beside its own (AppThread.sibling), each with its store, not a thread each (~1 CPU-s to
   * start), closed with the file's.
   */
  const ownApps: AppThread[] = [];
  async function ownApp(options: Parameters<AppThread['sibling']>[0]): Promise<AppThread> {
    const started = await app.sibling(options);
    ownApps.push(started);
    return started;
  }
  afterAll(async () => {
    await browser?.close();
    await Promise.all(ownApps.map((a) => a.close()));
    await app?.close();
    if (pagesDir) fs.rmSync(pagesDir, { recursive: true, force: true });
  });

  /** The coordinator's decision through the real API, as the review page sends it. */
  function coordinator(action: 'return' | 'approve', id: string, body: unknown = {}): void {
    const r = app.http.fetch({ method: 'post', url: `${app.url}/api/submissions/${id}/${action}`, headers: { Authorization: app.bearers.coordinadorA }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
  }

  /** The built Code.js over a fresh fake spreadsheet, its UrlFetchApp reaching the real app, its HtmlService the built pages. */
  function loadCode(spreadsheetId: string, timeZone?: string, shared?: FakeSpreadsheet): { ss: FakeSpreadsheet; gas: Global; record: AppsScriptRecord } {
    const ss = shared ?? new FakeSpreadsheet(spreadsheetId, undefined, timeZone);
    return { ss, ...codeOn(ss, (url, params) => app.urlFetch(url, params)) };
  }

  /**
   * The built Code.js, compiled once for the file: a vm.Script is bound to no realm, and each codeOn runs it afresh in
   * a realm of its own (its globals, its state). Read and compiled per test, its 2.7 MB cost ~0.1 CPU-s each time.
   */
  let codeScript: vm.Script | undefined;
  /** The built Code.js in a realm of its own over `ss`, its UrlFetchApp answered by `fetch` (an app of the test's own). */
  function codeOn(ss: FakeSpreadsheet, fetch: Parameters<typeof appsScriptGlobals>[1]): { gas: Global; record: AppsScriptRecord } {
    const { globals, record } = appsScriptGlobals(ss, fetch, (name) => fs.readFileSync(path.join(build.outDir, `${name}.html`), 'utf8'));
    const context = vm.createContext({ ...globals }, { codeGeneration: { strings: false, wasm: false } });
    codeScript ??= new vm.Script(fs.readFileSync(path.join(build.outDir, 'Code.js'), 'utf8'), { filename: 'Code.js' });
    codeScript.runInContext(context);
    return { gas: context as unknown as Global, record };
  }

  /**
   * One tab for the file, which each test's pages load afresh (a new document each: nothing of the previous one is left
   * in it); a new tab (a new browser context and renderer) cost about 0.3 CPU-s more than a load in the same one. Its
   * google.script.run reaches the Code.js of the page it loaded (`bridge`'s key), never an earlier test's.
   */
  const tab: { page?: Page; bridge?: { dispose(): Promise<void> }; gas: Map<number, Global>; keys: number } = { gas: new Map(), keys: 0 };

  /** `__gas` in `page`: the call of the Code.js `key` names; one of an earlier test's page (still on its way) fails. */
  async function exposeGas(page: Page): Promise<void> {
    await page.exposeFunction('__gas', (key: number, name: string, args: unknown[]) => {
      const gas = tab.gas.get(key);
      if (!gas) return { fail: 'la página de una prueba anterior' };
      try {
        return { value: JSON.parse(JSON.stringify(gas[name](...args) ?? null)) };
      } catch (e) {
        return { fail: (e as Error).message };
      }
    });
  }

  /**
   * A page whose google.script.run calls `gas`, once it loads (the bridge is an init script): the file's tab, or
   * `ownTab` for a test that puts its clock on Playwright's (which cannot be taken off a tab).
   */
  async function bridgedPage(gas: Global, { width = 300, height = 900, ownTab = false }: { width?: number; height?: number; ownTab?: boolean } = {}): Promise<Page> {
    const key = ++tab.keys;
    tab.gas.clear();
    tab.gas.set(key, gas);
    if (ownTab) {
      const page = await browser.newPage({ viewport: { width, height } });
      await exposeGas(page);
      await page.addInitScript(bridge, key);
      return page;
    }
    if (!tab.page) {
      tab.page = await browser.newPage({ viewport: { width, height } });
      await exposeGas(tab.page);
    } else {
      await tab.page.setViewportSize({ width, height });
    }
    await tab.bridge?.dispose();
    tab.bridge = await tab.page.addInitScript(bridge, key);
    return tab.page;
  }

  /** The test is done with `page`: the file's tab is kept for the next test, a tab of its own closed. */
  async function done(page: Page): Promise<void> {
    if (page !== tab.page) await page.close();
  }

  /** Extensiones → Infraestructura Abierta → Validar datos: the sidebar the built Code.js shows, in `page`. */
  async function openValidarDatos(page: Page, gas: Global, record: AppsScriptRecord): Promise<void> {
    gas.menuValidate();
    // A file, not setContent: the bridge is an init script, which runs on navigation.
    const shown = path.join(pagesDir!, `validar-datos-${record.sidebarPages.length}.html`);
    fs.writeFileSync(shown, record.sidebarPages.at(-1) ?? '');
    await page.goto(`file://${shown}`);
  }

  /** «Configurar servidor» of a spreadsheet of its own (`sheet`), opened from its menu as the dialog it shows. */
  async function settingsDialog(sheet: string): Promise<Page> {
    const { gas, record } = loadCode(sheet);
    gas.menuSettings();
    const page = await bridgedPage(gas, { height: 420 });
    // A file, not setContent: the bridge is an init script, which runs on navigation.
    const dialog = path.join(pagesDir!, `configurar-servidor-${sheet}.html`);
    fs.writeFileSync(dialog, record.dialogPages[0]);
    await page.goto(`file://${dialog}`);
    return page;
  }

  it('the menu\'s dialogs (Configurar servidor, Ayuda) are read in Spanish, titled as their frame, each field with the help under it', async () => {
    const { gas, record } = loadCode('hoja-dialogos');
    gas.menuSettings();
    gas.menuHelp();
    const page = await bridgedPage(gas, { width: 460, height: 380 });
    // A new document for the dialogs (setContent writes into the one loaded; the tab may hold an earlier test's page).
    await page.goto('about:blank');
    for (const [k, title] of record.dialogs.entries()) {
      await page.setContent(record.dialogPages[k]);
      // WCAG 3.1.1 and 2.4.2: «Ayuda» was a bare <div> (no language: read in the voice of the reader's own settings).
      expect([title, await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang), await page.title()]).toEqual([title, 'es-MX', title]);
      expect([title, await axeViolations(page, { tags: WCAG_AA })]).toEqual([title, []]);
    }
    // Configurar servidor: each field's help is read with it (1.3.1), not only by reading on past it.
    await page.setContent(record.dialogPages[0]);
    const help = (label: string): Promise<string> => page.getByLabel(label).evaluate((input) => {
      const d = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } | null } }).document;
      return ((input as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-describedby') ?? '').split(' ').map((id) => d.getElementById(id)?.textContent ?? '').join(' ');
    });
    expect(await help('Dirección del servidor')).toBe('Se la da su coordinación. Se guarda para este documento.');
    expect(await help('Clave de acceso (solo servidores propios)')).toMatch(/^Si su institución usa un servidor propio/);
    await done(page);
  });

  it('Configurar servidor tries the address and the access key at once and says whether the server accepted them', async () => {
    const page = await settingsDialog('hoja-configuracion');
    await page.getByLabel('Dirección del servidor').fill(app.url);
    await page.getByLabel('Clave de acceso (solo servidores propios)').fill(`ia_${'x'.repeat(40)}`);
    await page.getByRole('button', { name: 'Guardar' }).click();
    const status = page.getByRole('status');
    const key = page.getByLabel('Clave de acceso (solo servidores propios)');
    // The key the server refused, on its field as a malformed one is: marked invalid, described by why, focused (S14).
    await page.locator('#token[aria-invalid="true"]').waitFor();
    expect(await key.getAttribute('aria-describedby')).toBe('token-error token-help');
    expect(await page.locator('#token-error').textContent()).toMatch(/^Configuración guardada\. Al probar la conexión, el servidor no respondió bien: La clave de acceso no es válida/);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.id)).toBe('token');
    expect(await status.textContent()).toBe('');

    await page.getByLabel('Clave de acceso (solo servidores propios)').fill(app.bearers.capturistaA.replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText(/Conexión comprobada/).waitFor();
    // With the prefixes its identifiers take (the Instrucciones sheet asks for them; a new official had no other way to learn them).
    expect(await status.textContent()).toBe('Configuración guardada. Conexión comprobada: entra como captura@merida.gob.mx (captura de su institución). Los identificadores de su institución empiezan con «oc4ids-abc123-» (proyectos) y «ocds-abc123-» (contrataciones). Ya puede cerrar esta ventana.');
    expect(await status.getAttribute('class')).toBe('');
    await done(page);
  });

  it('Configurar servidor takes the address as the browser bar shows it (no http(s)://, a page of the dashboard) and shows it as saved', async () => {
    const page = await settingsDialog('hoja-direccion');
    const address = page.getByLabel('Dirección del servidor');
    // «127.0.0.1:PORT/#/mis-envios»: the browser's own check stopped it («Please enter a URL.», in the browser's
    // language), so nothing was sent and nothing in Spanish said why.
    await address.fill(`${app.url.replace(/^http:\/\//, '')}/#/mis-envios`);
    await page.getByLabel('Clave de acceso (solo servidores propios)').fill(app.bearers.capturistaA.replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText(/Conexión comprobada/).waitFor({ timeout: 5000 });
    expect(await address.inputValue()).toBe(app.url);
    await done(page);
  });

  it('Configurar servidor with the address of a page under the site (…/tablero) says the address is wrong, not «No existe esa página»', async () => {
    const page = await settingsDialog('hoja-ruta-de-mas');
    await page.getByLabel('Dirección del servidor').fill(`${app.url}/tablero`);
    await page.getByLabel('Clave de acceso (solo servidores propios)').fill(app.bearers.capturistaA.replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Guardar' }).click();
    // On the address's field: it is the address that is wrong.
    await page.locator('#url[aria-invalid="true"]').waitFor();
    expect(await page.locator('#url-error').textContent()).toBe(`Configuración guardada. Al probar la conexión, el servidor no respondió bien: En ${app.url}/tablero no responde un servidor de Infraestructura Abierta (no tiene la ruta /api/submissions). Revise la dirección en Configurar servidor: es la que le dio su coordinación, solo hasta el nombre del sitio, como https://infra-abierta.web.app.`);
    await done(page);
  });

  it('«Validar datos» validates as it opens; goes to the cell, sends, sees the return and its comments on «Validar», sends again and sees it published', async () => {
    const { ss, gas, record } = loadCode('hoja-recorrido');
    gas.onOpen({ authMode: 'NONE' });
    gas.menuCreateTemplate();
    // The settings dialog's call: a self-hosted server and the official's access key.
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });

    // As typed by hand: a date as 31/03/2024, an amount with $ and commas, a state that is not on the list.
    const typed: Record<string, string> = {
      id: 'oc4ids-abc123-0001', title: 'Rehabilitación del Mercado Lucas de Gálvez', description: 'Rehabilitación integral del mercado',
      status: 'En proceso', type: 'Rehabilitación', sector: 'Educación', 'period/startDate': '31/03/2024', 'period/endDate': '15/12/2024',
      'budget/amount/amount': '$1,234,567.89', 'budget/amount/currency': 'MXN',
    };
    typeRow(ss, 'Proyectos', typed);
    // The project lists a process of Monterrey's prefix, which Monterrey has not published: what sending would warn.
    typeRow(ss, 'Procesos del proyecto', { id: typed.id, 'contractingProcesses/id': 'ocds-def456-0007', 'contractingProcesses/summary/nature': 'Construcción (ejecución de obra)' });

    const page = await bridgedPage(gas);
    await openValidarDatos(page, gas, record);
    const state = page.locator('#state');
    // Nothing pressed: the menu item validated as the sidebar opened.
    await page.getByText(/^Validación terminada/).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/^Validación terminada: 1 error,/);
    // Told before «Enviar», at its cell, as the send will say it (the server asked once: POST /api/link-check).
    const elsewhere = page.getByRole('button', { name: /«ocds-def456-0007» lleva el prefijo de Municipio de Monterrey, que aún no lo publica/ });
    expect(await elsewhere.innerText()).toMatch(/^Advertencia\s*B3: /);
    await page.getByText('Estado: Borrador').waitFor();

    const validate = async (): Promise<string> => {
      await page.getByRole('button', { name: 'Validar' }).click();
      await page.getByText(/^Validación terminada/).waitFor();
      return (await page.getByRole('status').textContent()) ?? '';
    };
    await page.getByRole('button', { name: /D3: «En proceso» no es una opción de la lista/ }).click();
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#validate:disabled'));
    expect(ss.active).toEqual({ sheet: 'Proyectos', row: 3, column: column('status') });

    typeRow(ss, 'Proyectos', { ...typed, status: 'Ejecución' });
    expect(await validate()).toMatch(/^Validación terminada: 0 errores,|no se encontraron errores/);
    await page.getByRole('button', { name: 'Enviar a revisión' }).click();
    await page.getByText('Se envió a revisión: ya aparece en la bandeja de su coordinación.').waitFor();
    expect(await state.textContent()).toBe('Estado: En revisión');
    const id = (gas.reviewContext() as { submission: { id: string } }).submission.id;

    // The coordinators return it while the sidebar stays open; «Validar» shows the return and its comment.
    coordinator('return', id, { comment: 'El nombre debe decir «Mercado municipal Lucas de Gálvez».' });
    await validate();
    expect(await state.textContent()).toBe('Estado: Devuelto con comentarios');
    expect(await page.locator('#comments li').innerText()).toContain('El nombre debe decir «Mercado municipal Lucas de Gálvez».');

    typeRow(ss, 'Proyectos', { ...typed, status: 'Ejecución', title: 'Mercado municipal Lucas de Gálvez' });
    await validate();
    expect(await page.locator('#since-sent').textContent()).toMatch(/^⚠ La hoja tiene cambios que no ha enviado desde el \d\d\/\d\d\/\d{4}\./);
    await page.getByRole('button', { name: 'Enviar a revisión' }).click();
    await page.getByText(/^Se envió como nueva versión de su envío anterior/).waitFor();
    expect(await state.textContent()).toBe('Estado: En revisión');

    coordinator('approve', id);
    await validate();
    expect(await state.textContent()).toBe('Estado: Publicado');
    expect(await page.getByRole('button', { name: 'Enviar actualización' }).isEnabled()).toBe(true);
    // Where to see it: the institution's projects on the public dashboard («Publicado» alone did not say).
    expect(await page.getByRole('link', { name: 'Ver lo publicado en el tablero (se abre en otra pestaña)' }).getAttribute('href')).toBe(`${app.url}/#/proyectos?publisher=mer`);
    const published = JSON.parse(app.http.fetch({ method: 'get', url: `${app.url}/api/oc4ids/projects/oc4ids-abc123-0001`, headers: {} }).text) as { projects: Record<string, unknown>[] };
    expect(published.projects[0]).toMatchObject({ title: 'Mercado municipal Lucas de Gálvez', status: 'implementation', budget: { amount: { amount: 1234567.89, currency: 'MXN' } }, period: { startDate: '2024-03-31T00:00:00-06:00' } });
    await done(page);
  });

  it('the coordinator who opens «Validar datos» on the official\'s sheet is offered «Aprobar», not «Enviar» (which only an institution\'s official can do)', async () => {
    const { ss, gas } = loadCode('hoja-de-la-coordinacion');
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    const values: Record<string, string> = {
      id: 'oc4ids-abc123-0041', title: 'Unidad deportiva', description: 'Construcción de canchas', status: 'Ejecución', type: 'Construcción',
      sector: 'Deporte', 'period/startDate': '01/02/2024', 'period/endDate': '31/01/2025', 'budget/amount/amount': '$3,000,000.00', 'budget/amount/currency': 'MXN',
    };
    typeRow(ss, 'Proyectos', values);
    const sent = (gas.submitForReview() as { submission: { id: string; state: string } }).submission;
    expect(sent.state).toBe('submitted');

    // The same spreadsheet, shared with the coordinators, opened with a coordinator's key.
    const og = loadCode('hoja-de-la-coordinacion', undefined, ss);
    og.gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.coordinadorA.replace(/^Bearer /, '') });
    const page = await bridgedPage(og.gas);
    await openValidarDatos(page, og.gas, og.record);
    await page.getByText(/^Validación terminada/).waitFor();
    await page.getByRole('button', { name: 'Aprobar' }).waitFor();
    // It offered «Enviar nueva versión», which the server refused with «Indique el publicador al que corresponde la información».
    expect(await page.getByRole('button', { name: /^Enviar/ }).count()).toBe(0);
    expect(await page.locator('#submit-help').textContent()).toBe('Esta hoja la envía a revisión quien captura en la institución. Con su cuenta puede validarla y, cuando haya un envío en espera, aprobarlo o devolverlo.');
    // What approving would change (the preview) is on the send's page of the dashboard: the panel offered «Aprobar» alone.
    expect(await page.getByRole('link', { name: 'Ver qué cambiará al aprobarla (se abre el tablero)' }).getAttribute('href')).toBe(`${app.url}/#/revision/${sent.id}`);

    // The official keeps editing; the coordinator validates (what «Aprobar» would publish is what was sent), then returns it.
    ss.get('Proyectos').paste({ row: 3, column: column('title'), rows: 1, columns: 1 }, [['Unidad deportiva norte']]);
    const validate = async (): Promise<void> => {
      await page.getByRole('button', { name: 'Validar' }).click();
      await page.getByText(/^Validación terminada/).waitFor();
      await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#validate:disabled'));
    };
    await validate();
    expect(await page.locator('#since-sent').textContent()).toMatch(/^⚠ La hoja cambió después del envío el \d\d\/\d\d\/\d{4}: «Aprobar» publica lo enviado, no estos cambios\.$/);
    await page.getByLabel('Comentarios para quien capturó').fill('Falta la ubicación.');
    await page.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await page.getByText('Se devolvió con comentarios.').waitFor();
    await validate();
    expect(await page.locator('#state').textContent()).toBe('Estado: Devuelto con comentarios');
    expect(await page.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
    // It still said «Aprobar» publica lo enviado, with no «Aprobar» on the panel.
    expect(await page.locator('#since-sent').textContent()).toMatch(/^⚠ La hoja cambió después del envío el \d\d\/\d\d\/\d{4}, que se devolvió con comentarios: estos cambios llegarán cuando quien captura envíe la nueva versión\.$/);

    // The official sends the new version; the coordinator's panel, still open, offers the decision again, with an empty
    // box: the comment of the return stayed in it, as if written about the new version.
    expect((gas.submitForReview() as { notice: string }).notice).toMatch(/^Se envió como nueva versión/);
    await validate();
    await page.getByRole('button', { name: 'Aprobar' }).waitFor();
    expect(await page.getByLabel('Comentarios para quien capturó').inputValue()).toBe('');
    await done(page);
  });

  it('a spreadsheet already in use (its own «Catálogos», a narrow «PROYECTOS» of its own): Crear plantilla says what to rename and leaves the office\'s data; after a column is inserted, a finding still goes to its cell and says to validate again', async () => {
    const ss = new FakeSpreadsheet('hoja-en-uso');
    // What an office already had: its own lists, and its own project list in a sheet Sheets made (26 columns).
    ss.insertSheet('Catálogos').paste({ row: 1, column: 1, rows: 2, columns: 2 }, [['Clave', 'Dependencia'], ['001', 'Obras Públicas']]);
    ss.insertSheet('PROYECTOS').paste({ row: 1, column: 1, rows: 2, columns: 3 }, [['Folio', 'Obra', 'Monto'], ['1', 'Calle 21', 500000]]);
    const { gas, record } = loadCode('hoja-en-uso', undefined, ss);
    expect(() => gas.menuCreateTemplate()).toThrow(/^No se creó la plantilla: esta hoja de cálculo ya tiene una hoja «Catálogos» con sus propios datos/);
    ss.get('Catálogos').rename('Catálogos propios');
    gas.menuCreateTemplate();
    expect(ss.toasts.at(-1)).toMatch(/No se modificaron porque ya tienen datos: PROYECTOS\.$/);
    expect(ss.get('Catálogos propios').values()).toEqual([['Clave', 'Dependencia'], ['001', 'Obras Públicas']]);
    expect(ss.get('PROYECTOS').values()[1]).toEqual(['1', 'Calle 21', 500000]);

    // The template's «Proyectos» is the office's sheet (the name is Sheets' regardless of case): «Contrataciones» is used.
    const processes = sheetSpec('Contrataciones');
    const at = (path: string): number => processes.columns.findIndex((c) => c.path === path) + 1;
    const row: Record<string, string> = { ocid: 'ocds-abc123-0001', 'tender/id': 'LP-1', 'tender/title': 'Bacheo', 'tender/description': 'Bacheo de calles', 'tender/status': 'Concluido', 'tender/procurementMethodDetails': 'Adjudicación directa', 'tender/additionalProcurementCategories': 'Obra pública', 'tender/value/amount': 'mil', 'tender/value/currency': 'MXN' };
    ss.get('Contrataciones').paste({ row: 3, column: 1, rows: 1, columns: processes.columns.length }, [processes.columns.map((c) => row[c.path] ?? '')]);
    const second: Record<string, string> = { ...row, ocid: 'ocds-abc123-0002', 'tender/id': 'LP-2', 'tender/value/amount': 'dos mil' };
    ss.get('Contrataciones').paste({ row: 4, column: 1, rows: 1, columns: processes.columns.length }, [processes.columns.map((c) => second[c.path] ?? '')]);
    const page = await bridgedPage(gas);
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada/).waitFor();
    const amount = at('tender/value/amount');
    const letter = (n: number): string => String.fromCharCode(64 + n);
    const line = page.getByRole('button', { name: new RegExp(`${letter(amount)}3: «mil» no es un número`) });

    // The official inserts a column of their own before the amount, then clicks the finding listed before it.
    const ws = ss.get('Contrataciones');
    const values = ws.values();
    ws.clear();
    const widened = values.map((r, i) => [...r.slice(0, amount - 1), i === 0 ? 'Notas' : '', ...r.slice(amount - 1)]);
    ws.paste({ row: 1, column: 1, rows: widened.length, columns: widened[0].length }, widened);
    await line.click();
    await page.getByText(/^La columna «Monto estimado de la licitación» ya no está en la/).waitFor();
    expect(await page.getByRole('status').textContent()).toBe(`La columna «Monto estimado de la licitación» ya no está en la ${letter(amount)} sino en la ${letter(amount + 1)}: se seleccionó ${letter(amount + 1)}3. Pulse «Validar» para actualizar la lista.`);
    expect(ss.active).toEqual({ sheet: 'Contrataciones', row: 3, column: amount + 1 });

    // Then deletes the first process's row: the second one's finding, listed at row 4, is now at row 3. The click
    // validates again, lands there, and the list shows the cells as they are now.
    const rows = ws.values();
    ws.clear();
    const left = [...rows.slice(0, 2), ...rows.slice(3)];
    ws.paste({ row: 1, column: 1, rows: left.length, columns: left[0].length }, left);
    await page.getByRole('button', { name: new RegExp(`${letter(amount)}4: «dos mil» no es un número`) }).click();
    await page.getByText(/^La hoja «Contrataciones» cambió de filas desde la validación/).waitFor();
    expect(await page.getByRole('status').textContent()).toBe(`La hoja «Contrataciones» cambió de filas desde la validación (tenía datos hasta la fila 4 y ahora hasta la 3): se validó de nuevo y la lista ya muestra las celdas de ahora. Se seleccionó ${letter(amount + 1)}3, donde está ahora este hallazgo.`);
    expect(ss.active).toEqual({ sheet: 'Contrataciones', row: 3, column: amount + 1 });
    expect(await page.getByRole('button', { name: /«dos mil» no es un número/ }).locator('.ref').textContent()).toBe(`${letter(amount + 1)}3: `);
    expect(await page.getByRole('button', { name: /«mil» no es un número/ }).count()).toBe(0);
    await done(page);
  });

  it('a sheet without errors and a server that cannot send yet: «pulse Validar» while it does not answer, not when it refused the key', async () => {
    const { ss, gas, record } = loadCode('hoja-sin-enviar');
    gas.menuCreateTemplate();
    const values: Record<string, string> = {
      id: 'oc4ids-abc123-0042', title: 'Alumbrado público', description: 'Sustitución de luminarias', status: 'Ejecución', type: 'Rehabilitación',
      sector: 'Energía', 'period/startDate': '01/02/2024', 'period/endDate': '31/01/2025', 'budget/amount/amount': '$800,000.00', 'budget/amount/currency': 'MXN',
    };
    typeRow(ss, 'Proyectos', values);
    const closed = await new Promise<number>((resolve) => { const srv = net.createServer().listen(0, '127.0.0.1', () => { const { port } = srv.address() as net.AddressInfo; srv.close(() => resolve(port)); }); });
    const panel = async (backendUrl: string, apiToken: string): Promise<Page> => {
      gas.saveAddonSettings({ backendUrl, apiToken });
      const page = await bridgedPage(gas);
      await openValidarDatos(page, gas, record);
      await page.getByText(/^Validación terminada: no se encontraron errores/).waitFor();
      expect(await page.getByRole('button', { name: 'Enviar a revisión' }).isDisabled()).toBe(true);
      return page;
    };
    const offline = await panel(`http://127.0.0.1:${closed}`, app.bearers.capturistaA.replace(/^Bearer /, ''));
    await offline.getByText(/^No fue posible comunicarse con el servidor/).waitFor();
    expect(await offline.locator('#submit-help').textContent()).toBe('Podrá enviar cuando el servidor responda: pulse «Validar» para intentarlo de nuevo.');
    await done(offline);

    // A key the server refuses (revoked, mistyped): it answered, and answers the same until the key changes.
    const refused = await panel(app.url, `ia_${'z'.repeat(40)}`);
    await refused.getByText(/^La clave de acceso no es válida o fue revocada/).waitFor();
    // It said «Podrá enviar cuando el servidor responda: pulse «Validar» para intentarlo de nuevo», which no «Validar» would change.
    expect(await refused.locator('#submit-help').textContent()).toBe('Podrá enviar cuando se resuelva lo que se indica arriba; después pulse «Validar».');
    await done(refused);
  });

  it('a send of one sheet left behind by a newer one of the institution, already approved: its panel says it can only be returned', async () => {
    const common = { description: 'Obra de la dirección de obras', status: 'Ejecución', type: 'Construcción', sector: 'Transporte', 'period/startDate': '01/02/2024', 'period/endDate': '31/01/2025', 'budget/amount/amount': '$1,500,000.00', 'budget/amount/currency': 'MXN' };
    const sheet = (id: string, project: Record<string, string>): { ss: FakeSpreadsheet; gas: Global; record: AppsScriptRecord } => {
      const code = loadCode(id);
      code.gas.menuCreateTemplate();
      code.gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
      typeRow(code.ss, 'Proyectos', { ...common, ...project });
      return code;
    };
    const older = sheet('hoja-puentes', { id: 'oc4ids-abc123-0051', title: 'Puente peatonal' });
    (older.gas.submitForReview as () => unknown)();
    const newer = sheet('hoja-calles', { id: 'oc4ids-abc123-0052', title: 'Repavimentación' });
    coordinator('approve', ((newer.gas.submitForReview as () => { submission: { id: string } })()).submission.id);

    const page = await bridgedPage(older.gas);
    await openValidarDatos(page, older.gas, older.record);
    await page.getByText(/^Validación terminada/).waitFor();
    await page.getByText('Estado: En revisión').waitFor();
    // «En revisión» alone, for a send that can no longer be approved.
    const note = page.locator('#newer-approved');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/^⚠ No se puede aprobar este envío: ya se aprobó uno más reciente de esta institución \(enviado el \d\d\/\d\d\/\d{4}, .+\), y este publicaría encima datos anteriores\. Su coordinación solo puede devolverlo; si algo de esta hoja falta en aquel, actualícela y envíe la nueva versión\.$/);
    await done(page);
  });

  it('a send whose approval found errors: its panel says nothing was published and what to do, not «En revisión» alone', async () => {
    const { gas, ss, record } = loadCode('hoja-prefijo-cambiado');
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    typeRow(ss, 'Proyectos', { id: 'oc4ids-abc123-0061', title: 'Mercado municipal', description: 'Obra de la dirección de obras', status: 'Ejecución', type: 'Construcción', sector: 'Transporte', 'period/startDate': '01/02/2024', 'period/endDate': '31/01/2025', 'budget/amount/amount': '$1,500,000.00', 'budget/amount/currency': 'MXN' });
    const { submission } = (gas.submitForReview as () => { submission: { id: string } })();
    // Registered anew with another project prefix after the send (the administration corrected it): approving it
    // finds the project's id wrong, and nothing is published.
    const register = async (projectIdPrefix: string): Promise<void> => {
      const r = await fetch(`${app.url}/api/publishers/mer`, { method: 'PUT', headers: { Authorization: app.bearers.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Municipio de Mérida', state: 'Yucatán', ocidPrefix: 'ocds-abc123', projectIdPrefix, commitment: { projects: 5, periodicityDays: 90 }, allowPrefixChange: true }) });
      expect(r.status).toBe(200);
    };
    await register('oc4ids-otro99');
    try {
      const refused = app.http.fetch({ method: 'post', url: `${app.url}/api/submissions/${submission.id}/approve`, headers: { Authorization: app.bearers.coordinadorA }, body: '{}' });
      expect(refused.status).toBe(422);
      const page = await bridgedPage(gas);
      await openValidarDatos(page, gas, record);
      await page.getByText(/^Validación terminada/).waitFor();
      await page.getByText('Estado: En revisión').waitFor();
      const note = page.locator('#newer-approved');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toMatch(/^⚠ No se publicó: al aprobar el envío, su coordinación encontró \d+ errore?s? en la versión enviada\. Corríj(alo|alos) en la hoja, pulse «Validar» y envíe la nueva versión; (está|están), con su hoja y su celda, en «Mis envíos» del tablero\.$/);
      await done(page);
    } finally {
      await register('oc4ids-abc123');
    }
  });

  it('a publication that fails: the coordinator\'s panel says so, not «Envío aprobado.»; sending it again unchanged says it awaits a new approval, not «ya estaba en revisión»', async () => {
    const down = await ownApp({ mode: 'local', publicationQueueDown: true });
    const ss = new FakeSpreadsheet('hoja-publicacion-fallida');
    const code = (): { gas: Global; record: AppsScriptRecord } => codeOn(ss, (url, params) => down.urlFetch(url, params));
    const { gas, record } = code();
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: down.url, apiToken: down.bearers.capturistaA.replace(/^Bearer /, '') });
    const values: Record<string, string> = {
      id: 'oc4ids-abc123-0061', title: 'Drenaje pluvial', description: 'Colectores de la zona norte', status: 'Ejecución', type: 'Construcción',
      sector: 'Agua y saneamiento', 'period/startDate': '01/02/2024', 'period/endDate': '31/01/2025', 'budget/amount/amount': '$4,200,000.00', 'budget/amount/currency': 'MXN',
    };
    typeRow(ss, 'Proyectos', values);
    gas.submitForReview();
    // The coordinator approves from the panel; the task service is down, and the publication fails at once.
    const og = code();
    og.gas.saveAddonSettings({ backendUrl: down.url, apiToken: down.bearers.coordinadorA.replace(/^Bearer /, '') });
    const ogPage = await bridgedPage(og.gas);
    await openValidarDatos(ogPage, og.gas, og.record);
    await ogPage.getByRole('button', { name: 'Aprobar' }).click();
    await ogPage.getByRole('button', { name: 'Sí, publicar' }).click();
    await ogPage.getByText(/^Estado: La publicación falló/).waitFor();
    // It said «Envío aprobado.» above «La publicación falló».
    expect(await ogPage.getByRole('status').textContent()).toMatch(/^Se aprobó, pero la publicación falló: .+ Aprobar de nuevo reintenta la publicación\.$/);
    expect(await ogPage.getByRole('status').getAttribute('class')).toContain('error');
    await done(ogPage);

    const page = await bridgedPage(gas);
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada/).waitFor();
    await page.getByText(/^Estado: La publicación falló/).waitFor();
    await page.getByRole('button', { name: 'Enviar a revisión' }).click();
    await page.getByText(/^Esta versión ya se había enviado/).waitFor();
    // It said «Esta versión ya estaba en revisión, sin cambios», to an official who sent it again to retry the publication.
    expect(await page.getByRole('status').textContent()).toBe('Esta versión ya se había enviado y su publicación falló: no se creó otro envío. Para reintentar la publicación, su coordinación debe aprobarla de nuevo; avísele si no lo sabe.');
    await done(page);
  });

  it('a workbook the server is still checking when it answers: the panel says «Revisando el libro…», then the outcome by itself, sent once', async () => {
    const slow = await ownApp({ mode: 'local', sendBudgetMs: 0 });
    const ss = new FakeSpreadsheet('hoja-revision-larga');
    const sent: string[] = [];
    const { gas, record } = codeOn(ss, (url, params) => { sent.push(`${String(params.method ?? 'get')} ${url.replace(slow.url, '')}`); return slow.urlFetch(url, params); });
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: slow.url, apiToken: slow.bearers.capturistaA.replace(/^Bearer /, '') });
    typeRow(ss, 'Proyectos', {
      id: 'oc4ids-abc123-0071', title: 'Mercado de San Benito', description: 'Rehabilitación del mercado', status: 'Ejecución', type: 'Rehabilitación',
      sector: 'Transporte', 'period/startDate': '01/02/2024', 'period/endDate': '31/01/2025', 'budget/amount/amount': '$1,500,000.00', 'budget/amount/currency': 'MXN',
    });
    const page = await bridgedPage(gas, { ownTab: true });
    // The panel's timers on Playwright's clock (time flows as usual), run ahead below between its asks.
    await page.clock.install();
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada: no se encontraron errores/).waitFor();
    await page.getByRole('button', { name: 'Enviar a revisión' }).click();
    await page.getByText('Revisando el libro… Con libros grandes tarda unos minutos; el resultado aparecerá aquí solo, sin volver a enviarlo.').waitFor();
    // Meanwhile nothing can be sent again.
    expect(await page.getByRole('button', { name: 'Enviar a revisión' }).isDisabled()).toBe(true);
    // The panel asks again by itself every 5 s (SEND_CHECKING_RETRY_SECONDS): its clock is run ahead instead of waited.
    const outcome = page.getByText('Se envió a revisión: ya aparece en la bandeja de su coordinación.');
    for (const deadline = Date.now() + 15_000; !(await outcome.count());) {
      if (Date.now() > deadline) throw new Error('el panel no dijo el resultado del envío en 15 s');
      await page.clock.fastForward(SEND_CHECKING_RETRY_SECONDS * 1000);
      await outcome.waitFor({ timeout: 200 }).catch(() => undefined);
    }
    await page.getByText(/^Estado: En revisión/).waitFor();
    // One POST of the workbook; the outcome was asked for where the server said.
    expect(sent.filter((r) => r.startsWith('post '))).toEqual(['post /api/submissions']);
    expect(sent.filter((r) => r.startsWith('get /api/submissions/checks/')).length).toBeGreaterThan(0);
    await done(page);
  });

  it('a spreadsheet in Quintana Roo\'s time zone (America/Cancun): the dates typed are the days validated, sent and published', async () => {
    const { ss, gas, record } = loadCode('hoja-cancun', 'America/Cancun');
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    // As Apps Script's getValues() gives a date cell: the instant of its midnight in the spreadsheet's zone (UTC−5), a
    // Date of the script's own realm.
    const day = (iso: string): Date => vm.runInContext(`new Date(${JSON.stringify(iso)})`, gas as unknown as vm.Context) as Date;
    const values: Record<string, CellValue> = {
      id: 'oc4ids-abc123-0031', title: 'Malecón de Chetumal', description: 'Rehabilitación del malecón', status: 'Ejecución', type: 'Rehabilitación',
      sector: 'Transporte', 'period/startDate': day('2024-03-31T05:00:00Z'), 'period/endDate': day('2024-12-01T05:00:00Z'),
      // A date-time cell, 10:30 in Quintana Roo: its time was sent as the day alone.
      'budget/approvalDate': day('2024-02-15T15:30:00Z'),
      'budget/amount/amount': 2500000, 'budget/amount/currency': 'MXN',
    };
    typeRow(ss, 'Proyectos', values);
    const page = await bridgedPage(gas);
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada: no se encontraron errores/).waitFor();
    await page.getByRole('button', { name: 'Enviar a revisión' }).click();
    await page.getByText('Se envió a revisión: ya aparece en la bandeja de su coordinación.').waitFor();
    coordinator('approve', (gas.reviewContext() as { submission: { id: string } }).submission.id);
    const published = JSON.parse(app.http.fetch({ method: 'get', url: `${app.url}/api/oc4ids/projects/oc4ids-abc123-0031`, headers: {} }).text) as { projects: Record<string, unknown>[] };
    // Read in the Configuración sheet's zone (Mexico City), they were 30 March and 30 November.
    expect(published.projects[0]).toMatchObject({ period: { startDate: '2024-03-31T00:00:00-06:00', endDate: '2024-12-01T00:00:00-06:00' }, budget: { approvalDate: '2024-02-15T10:30:00-06:00' } });
    await done(page);
  });

  it('«Validar datos» asks the server for the sheet\'s submissions once as it opens; a server it cannot reach is said once, in the panel', async () => {
    const { ss, gas, record } = loadCode('hoja-una-consulta');
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    typeRow(ss, 'Proyectos', { id: 'oc4ids-abc123-0009', title: 'Parque' });
    const listed = (from: number): number => record.fetches.slice(from).filter((f) => f.url.includes('/api/submissions?spreadsheetId=')).length;
    const page = await bridgedPage(gas);
    const before = record.fetches.length;
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada/).waitFor();
    await page.getByText('Estado: Borrador').waitFor();
    // Before: twice, the panel's state (reviewContext) and then the validation's (runValidation) — the same list.
    expect(listed(before)).toBe(1);
    await done(page);

    // A server that does not answer (a closed port): asked once, and the panel says so where the state goes.
    const closed = await new Promise<number>((resolve) => { const srv = net.createServer().listen(0, '127.0.0.1', () => { const { port } = srv.address() as net.AddressInfo; srv.close(() => resolve(port)); }); });
    gas.saveAddonSettings({ backendUrl: `http://127.0.0.1:${closed}`, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    const offline = await bridgedPage(gas);
    const since = record.fetches.length;
    await openValidarDatos(offline, gas, record);
    await offline.getByText(/^Validación terminada/).waitFor();
    await offline.getByText(/^No fue posible comunicarse con el servidor/).waitFor();
    expect(listed(since)).toBe(1);
    expect(await offline.locator('#state').textContent()).toMatch(/^No fue posible comunicarse con el servidor de Infraestructura Abierta\. Revise su conexión y la dirección en Configurar servidor/);
    await done(offline);
  });

  it('«Validar datos» on a party without RFC (nor scheme) and a contact e-mail that is not one: the RFC cell is asked for once, the e-mail warned', async () => {
    const { ss, gas, record } = loadCode('hoja-actores');
    gas.menuCreateTemplate();
    typeRow(ss, 'Contrataciones', { ocid: 'ocds-abc123-0001', 'tender/id': 'LP-1', 'tender/title': 'Bacheo' });
    // The scheme left blank too, as the template's grey column invites: still one finding asks for the RFC.
    typeRow(ss, 'Actores', { ocid: 'ocds-abc123-0001', 'parties/name': 'Dirección de Obras Públicas', 'parties/roles': 'Comprador (dependencia o entidad)', 'parties/contactPoint/email': 'juan@' });
    const page = await bridgedPage(gas);
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada/).waitFor();
    const actores = page.locator('details', { has: page.locator('summary', { hasText: /^Actores — / }) });
    // Headings of the sheet's columns with findings: the RFC and the e-mail, not the grey «Identificador del actor» nor
    // «Esquema del identificador» (which had its own «Falta este dato»).
    const headings = await actores.locator('h3').allTextContents();
    expect(headings).toEqual(expect.arrayContaining(['RFC del actor', 'Correo electrónico del contacto']));
    expect(headings).not.toContain('Identificador del actor');
    expect(headings).not.toContain('Esquema del identificador');
    expect(headings).toHaveLength(2);
    const column = (field: string): number => sheetSpec('Actores').columns.findIndex((c) => c.field === field) + 1;
    const rfc = actores.getByRole('button', { name: /Falta «RFC del actor»\. De ese dato se calculan «Identificador del actor» y «Esquema del identificador» \(las columnas grises\)/ });
    expect(await rfc.innerText()).toMatch(/^Error\s*F3: /);
    await actores.getByRole('button', { name: /«juan@» no es una dirección de correo electrónico completa/ }).waitFor();
    expect(await actores.getByRole('button', { name: /«juan@»/ }).innerText()).toMatch(/^Advertencia\s*[A-Z]+3: /);
    await rfc.click();
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#validate:disabled'));
    expect(ss.active).toEqual({ sheet: 'Actores', row: 3, column: column('parties/identifier/id') });
    await done(page);
  });

  it('hundreds of findings, listed as the official reads the workbook: the tabs as they are now, each sheet\'s columns left to right, each column down the sheet; what the list leaves out is named, «Ver N más» shows the rest in the same order, and each line goes to its cell', async () => {
    const { ss, gas, record } = loadCode('hoja-orden');
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    const processes = sheetSpec('Contrataciones');
    // 300 processes: a title missing every 7th row and pasted with an invisible space in the others (a warning each,
    // in its own words), an amount that is no number every 5th (each its own text), a status off the list every 11th,
    // a date that is none every 13th; parties with an e-mail that is not one every 3rd.
    const rows = Array.from({ length: 300 }, (_, i) => processes.columns.map((c) => ({
      ocid: `ocds-abc123-${String(i).padStart(4, '0')}`, 'tender/id': `T-${i}`, 'tender/title': i % 7 ? `Bacheo\u200b ${i}` : '', 'tender/value/amount': i % 5 ? 1000 : `mil ${i}`,
      'tender/value/currency': 'MXN', 'tender/status': i % 11 ? 'Concluido' : 'raro', 'tender/tenderPeriod/startDate': i % 13 ? '31/03/2024' : 'ayer',
    } as Record<string, string | number>)[c.path] ?? ''));
    ss.get('Contrataciones').paste({ row: 3, column: 1, rows: rows.length, columns: rows[0].length }, rows);
    const parties = sheetSpec('Actores');
    const partyRows = Array.from({ length: 40 }, (_, i) => parties.columns.map((c) => ({
      ocid: `ocds-abc123-${String(i * 7).padStart(4, '0')}`, 'parties/name': `Constructora ${i}`, 'parties/roles': 'Proveedor', 'parties/contactPoint/email': i % 3 ? 'obras@merida.gob.mx' : 'juan@',
    } as Record<string, string>)[c.field] ?? ''));
    ss.get('Actores').paste({ row: 3, column: 1, rows: partyRows.length, columns: partyRows[0].length }, partyRows);
    // The official keeps «Actores» as the first tab.
    ss.moveSheet('Actores', 1);
    const page = await bridgedPage(gas);
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada/).waitFor({ timeout: 60_000 });
    await page.getByText('Estado: Borrador').waitFor();
    expect(await page.locator('details summary').allTextContents()).toEqual([expect.stringMatching(/^Actores — /), expect.stringMatching(/^Contrataciones — /)]);

    const contrataciones = page.locator('details', { has: page.locator('summary', { hasText: /^Contrataciones — / }) });
    // Two sheets: both open.
    expect(await contrataciones.getAttribute('open')).toBe('');
    // Every column's first finding is on row 3: the columns come as the sheet has them, left to right.
    const headings = await contrataciones.locator('h3').allTextContents();
    const place = (title: string): number => processes.columns.findIndex((c) => c.title.replace(/ \*$/, '') === title);
    expect(headings.map(place).every((n) => n >= 0)).toBe(true);
    expect(headings.map(place)).toEqual([...headings.map(place)].sort((a, b) => a - b));
    // The amounts: 60 cells that are no number, each in its own words; the list takes 25, down the sheet, and names the rest.
    const amount = processes.columns.find((c) => c.path === 'tender/value/amount')!;
    const amountColumn = processes.columns.indexOf(amount) + 1;
    const letter = String.fromCharCode(64 + amountColumn);
    const lines = contrataciones.locator('ul', { has: page.locator(`text=/^${letter}3: /`) }).locator('button.finding');
    const refs = (await lines.locator('.ref').allTextContents()).map((r) => Number(/\d+/.exec(r)![0]));
    expect(refs).toEqual(Array.from({ length: 25 }, (_, k) => 3 + k * 5));
    const titleLetter = String.fromCharCode(65 + processes.columns.findIndex((c) => c.path === 'tender/title'));
    expect(await contrataciones.locator('p.more').allTextContents()).toEqual([
      // The title's 257 warnings: 24 listed after its missing titles (one line), 233 left out, and not marked in the sheet.
      'y 233 advertencias más en esta columna.',
      'y 35 errores más en esta columna: sus celdas tienen en la hoja una nota que dice qué corregir.',
    ]);
    // …and they have it: the first one left out, row 128.
    expect(ss.get('Contrataciones').peek(128, amountColumn)?.note).toMatch(/^⚠ Validación Infraestructura Abierta:\n• «mil 125» no es un número/);
    await keptScreenshot(page, 'addon-sidebar-hundreds.png', { fullPage: true });
    // The last line listed goes to its cell.
    const idle = (): Promise<unknown> => page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#validate:disabled'));
    await lines.last().click();
    await idle();
    expect(ss.active).toEqual({ sheet: 'Contrataciones', row: 123, column: amountColumn });

    // «Ver 25 más»: the next 25 amounts under them, down the sheet, the focus on the first one; then the last 10.
    const amountList = contrataciones.locator('ul', { has: page.locator(`text=/^${letter}3: /`) });
    const seeMore = amountList.locator('xpath=following-sibling::*[1]/following-sibling::*[1][self::button]');
    expect(await seeMore.textContent()).toBe('Ver 25 más');
    // Among several «Ver 25 más», each names its column to whoever reaches it by Tab.
    expect(await page.locator(`#${await seeMore.getAttribute('aria-describedby')}`).textContent()).toBe(amount.title.replace(/ \*$/, ''));
    await seeMore.click();
    await idle();
    const amountRefs = async (): Promise<number[]> => (await lines.locator('.ref').allTextContents()).map((r) => Number(/\d+/.exec(r)![0]));
    expect(await amountRefs()).toEqual(Array.from({ length: 50 }, (_, k) => 3 + k * 5));
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toMatch(/^Error\s*[A-Z]+128: «mil 125» no es un número/);
    expect(await amountList.locator('xpath=following-sibling::*[1]').textContent()).toBe('y 10 errores más en esta columna: sus celdas tienen en la hoja una nota que dice qué corregir.');
    expect(await seeMore.textContent()).toBe('Ver 10 más');
    expect(await axeViolations(page)).toEqual([]);
    await seeMore.click();
    await idle();
    expect(await amountRefs()).toEqual(Array.from({ length: 60 }, (_, k) => 3 + k * 5));
    // Nothing left out: neither the words nor the button.
    expect(await contrataciones.locator('p.more').allTextContents()).toEqual(['y 233 advertencias más en esta columna.']);
    await lines.last().click();
    await idle();
    expect(ss.active).toEqual({ sheet: 'Contrataciones', row: 298, column: amountColumn });

    // The title's warnings, which the sheet does not mark: each reached from the list, page after page, down the sheet.
    const titleList = contrataciones.locator('ul', { has: page.locator(`text=/^${titleLetter}3 y 42 celdas más: /`) });
    const seeMoreTitles = titleList.locator('xpath=following-sibling::*[1]/following-sibling::*[1][self::button]');
    for (let pageNo = 1; pageNo <= 10; pageNo++) {
      expect(await seeMoreTitles.textContent()).toBe(pageNo < 10 ? 'Ver 25 más' : 'Ver 8 más');
      await seeMoreTitles.click();
      await idle();
    }
    expect(await seeMoreTitles.count()).toBe(0);
    const titleRefs = (await titleList.locator('.ref').allTextContents()).map((r) => Number(/\d+/.exec(r)![0]));
    expect(titleRefs).toEqual(Array.from({ length: 300 }, (_, i) => i + 3).filter((row) => row === 3 || (row - 3) % 7 !== 0));
    expect(await titleList.locator('.badge.warning').count()).toBe(257);
    await titleList.locator('button.finding').last().click();
    await idle();
    expect(ss.active).toEqual({ sheet: 'Contrataciones', row: 302, column: titleLetter.charCodeAt(0) - 64 });
    expect(await contrataciones.locator('p.more').count()).toBe(0);
    await done(page);
  }, 120_000);

  it('a sheet of 1,200 processes: a message repeated down a column is one line with its count, not 25 and «y 1,175 más»', async () => {
    const { ss, gas, record } = loadCode('hoja-grande');
    gas.menuCreateTemplate();
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    const processes = templateSpec().sheets.find((s) => s.name === 'Contrataciones') as SheetSpec;
    // No description anywhere (1,200 times the same message), and «mil» typed as the amount in every other row.
    const rows = Array.from({ length: 1200 }, (_, r) => processes.columns.map((c) => ({
      ocid: `ocds-abc123-${String(r + 1).padStart(5, '0')}`, 'tender/id': `AD-${r + 1}`, 'tender/title': 'Bacheo', 'tender/status': 'Concluido',
      'tender/procurementMethodDetails': 'Adjudicación directa', 'tender/additionalProcurementCategories': 'Obra pública',
      'tender/value/amount': r % 2 ? '$1,000.00' : 'mil', 'tender/value/currency': 'MXN',
    } as Record<string, string>)[c.path] ?? ''));
    ss.get('Contrataciones').paste({ row: 3, column: 1, rows: rows.length, columns: rows[0].length }, rows);
    const page = await bridgedPage(gas);
    const started = Date.now();
    await openValidarDatos(page, gas, record);
    await page.getByText(/^Validación terminada/).waitFor({ timeout: 120_000 });
    await page.getByText('Estado: Borrador').waitFor();
    console.log(`official journey: 1,200 processes validated and shown in the sidebar in ${Date.now() - started} ms (Node vm; Apps Script is slower)`);
    expect(await page.getByRole('status').textContent()).toBe('Validación terminada: 1,800 errores, 1,200 advertencias.');
    const lines = await page.locator('button.finding').allInnerTexts();
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Error\s*F3 y 1,199 celdas más: Falta este dato/),
      expect.stringMatching(/^Error\s*M3 y 599 celdas más: «mil» no es un número/),
    ]));
    expect(lines.length).toBeLessThan(5);
    expect(await page.locator('p.more').count()).toBe(0);
    await page.getByRole('button', { name: /F3 y 1,199 celdas más/ }).click();
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#validate:disabled'));
    expect(ss.active).toEqual({ sheet: 'Contrataciones', row: 3, column: processes.columns.findIndex((c) => c.path === 'tender/description') + 1 });
    await done(page);
  }, 180_000);
});
