/**
 * Issue 14's "done when", all real parts, no hand-written backend: the built add-on (dist/Code.js in a vm with the
 * Apps Script stand-ins) and its built sidebar (Chromium, google.script.run bridged to that vm) against the app in
 * a worker thread (self-hosted wiring: SQLite, API tokens, SMTP outbox to a local smtp-server), and the built
 * dashboard's review pages in Chromium against the same server.
 * A capturista submits from the sidebar; a coordinator of another state is refused; the right one opens the inbox,
 * sees the preview and returns with a comment; the comment shows in the sidebar; the capturista fixes and
 * resubmits; approval publishes the submitted snapshot (not later edits); an update is approved and served by the
 * API; the SMTP server received each notice.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeIfChromium, launchChromium } from './browser';
import { buildAddon } from '../scripts/build-addon';
import { sharedDashboardBuild } from './dashboard/shared-build';
import { templateSpec } from '../core/template/template-spec';
import { FakeSpreadsheet } from './addon/fake-spreadsheet';
import { appsScriptGlobals } from './addon/fake-apps-script';
import { startAppThread, type AppThread } from './support/app-thread';
import type { UserName } from './workflow/workflow-harness';

type Global = Record<string, (...args: unknown[]) => unknown>;
const cols = templateSpec().sheets.find((s) => s.name === 'Proyectos')!.columns;

describeIfChromium('the review journey end to end', () => {
  let app: AppThread;
  let browser: Browser;
  let dir: string;
  let gas: Global;
  let ss: FakeSpreadsheet;
  let sidebarFile: string;
  let sidebar: Page;
  let og: Page;
  const refused: string[] = [];

  function fill(title: string): void {
    const values: Record<string, unknown> = {
      id: 'oc4ids-abc123-0001', title, description: 'Rehabilitación del parque', status: 'Ejecución', type: 'Rehabilitación', sector: 'Educación',
      'budget/amount/amount': 5000000, 'period/startDate': new Date('2024-01-15T00:00:00Z'), 'period/endDate': new Date('2024-12-31T00:00:00Z'),
    };
    ss.get('Proyectos').paste({ row: 3, column: 1, rows: 1, columns: cols.length }, [cols.map((c) => (values[c.field] ?? '') as string)]);
  }

  /**
   * A tab of the dashboard, signed in as `user`. The tabs share one browser context: the credential lives in the
   * tab's sessionStorage (dashboard/src/review/session.ts) and no cookie is set, so each tab is its own session, as
   * two people's browsers are; a context per person cost a context's start and a load with an empty cache.
   */
  let dashboardContext: BrowserContext | undefined;
  async function dashboard(user: UserName, hash: string): Promise<Page> {
    if (!dashboardContext) {
      dashboardContext = await browser.newContext({ locale: 'es-MX', viewport: { width: 1200, height: 900 } });
      await dashboardContext.route('**/*', (r) => (r.request().url().startsWith(app.url) ? r.continue() : (refused.push(r.request().url()), r.abort())));
    }
    const page = await dashboardContext.newPage();
    await page.goto(`${app.url}/${hash}`);
    await page.getByLabel('Clave de acceso').fill(app.bearers[user].replace(/^Bearer /, ''));
    await page.getByRole('button', { name: 'Entrar' }).click();
    return page;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-'));
    const [dashboard, build] = await Promise.all([
      sharedDashboardBuild(),
      buildAddon(path.join(dir, 'addon'), { backendUrl: 'https://SU-PROYECTO.web.app', serviceAccount: null }),
    ]);
    // The sidebar as the add-on's build wrote it beside Code.js (buildSidebar's, whatever the settings): not bundled twice.
    sidebarFile = path.join(build.outDir, 'sidebar.html');
    [app, browser] = await Promise.all([startAppThread({ mode: 'local', captureMail: true, dashboardDir: dashboard.outDir }), launchChromium()]);
    ss = new FakeSpreadsheet('1JourneySheetAbCdEfGhIjKlMnOp', 'Obra pública Mérida');
    const { globals } = appsScriptGlobals(ss, (url, params) => app.urlFetch(url, params));
    const context = vm.createContext({ ...globals }, { codeGeneration: { strings: false, wasm: false } });
    vm.runInContext(fs.readFileSync(path.join(build.outDir, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
    gas = context as unknown as Global;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(refused).toEqual([]);
  });

  /** The sidebar page with google.script.run answered by the vm's Code.js (the Apps Script runtime stand-in). */
  async function openSidebar(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 300, height: 900 } });
    await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : (refused.push(r.request().url()), r.abort())));
    await context.exposeBinding('__gas', (_source, name: string, args: unknown[]) => {
      try {
        return { ok: JSON.parse(JSON.stringify(gas[name](...args) ?? null)) };
      } catch (e) {
        return { error: (e as Error).message };
      }
    });
    await context.addInitScript(() => {
      const w = globalThis as unknown as { google: unknown; __gas(name: string, args: unknown[]): Promise<{ ok?: unknown; error?: string }> };
      const runner = (success?: (v: unknown) => void, failure?: (e: unknown) => void): unknown => new Proxy({}, {
        get(_t, name: string) {
          if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, failure);
          if (name === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(success, fn);
          return (...args: unknown[]) => { void w.__gas(name, args).then((r) => (r.error !== undefined ? failure?.({ message: r.error }) : success?.(r.ok))); };
        },
      });
      w.google = { script: { run: runner(), host: { editor: { focus: () => undefined } } } };
    });
    const page = await context.newPage();
    await page.goto(`file://${sidebarFile}`);
    return page;
  }

  test('settings from the add-on; the capturista validates and submits from the sidebar', async () => {
    gas.menuCreateTemplate();
    sidebar = await openSidebar();
    await sidebar.getByText(/Falta configurar el servidor/).waitFor();
    gas.saveAddonSettings({ backendUrl: app.url, apiToken: app.bearers.capturistaA.replace(/^Bearer /, '') });
    fill('Parque del Centro');
    await sidebar.reload();
    await sidebar.locator('#state', { hasText: 'Estado: Borrador' }).waitFor();
    await sidebar.getByRole('button', { name: 'Validar' }).click();
    await sidebar.getByText(/Validación terminada: (no se encontraron errores|0 errores)/).waitFor();
    await sidebar.getByRole('button', { name: 'Enviar a revisión' }).click();
    await sidebar.getByText('Se envió a revisión: ya aparece en la bandeja de su coordinación.').waitFor();
    expect(await sidebar.locator('#state').textContent()).toBe('Estado: En revisión');
  });

  test('another state is refused; the right coordinator previews and returns; the comment shows in the sidebar', async () => {
    const id = (gas.reviewContext() as { submission: { id: string } }).submission.id;
    const other = await dashboard('coordinadorB', `#/revision/${id}`);
    await other.getByText(/no tiene permiso para ver este envío de «Municipio de Mérida»/).waitFor();
    await other.close();

    og = await dashboard('coordinadorA', '#/revision');
    // Which spreadsheet the send came from: the name the add-on read from SpreadsheetApp, in the inbox and the page.
    const row = og.locator('tr', { has: og.getByRole('link', { name: 'Revisar el envío de Municipio de Mérida' }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('Hoja de cálculo: «Obra pública Mérida»');
    await og.getByRole('link', { name: 'Revisar el envío de Municipio de Mérida' }).click();
    await og.locator('#hoja-de-calculo').waitFor();
    expect(await og.locator('dt:has(+ #hoja-de-calculo)').textContent()).toBe('Hoja de cálculo');
    expect(await og.locator('#hoja-de-calculo').textContent()).toBe('Obra pública Mérida');
    await og.getByText('Nuevos: 1', { exact: false }).last().waitFor();
    await og.getByLabel('Comentarios para quien capturó').fill('Cambie el título a «Parque de la Paz».');
    await og.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await og.getByText('Se devolvió con comentarios').waitFor();
    // Sent from the add-on: its official reads the comments there too.
    expect(await og.locator('#resultado').textContent()).toBe('Se devolvió con comentarios: quien capturó los verá en «Mis envíos» y en el panel del complemento.');

    await sidebar.reload();
    await sidebar.getByText('Cambie el título a «Parque de la Paz».').waitFor();
    expect(await sidebar.locator('#state').textContent()).toBe('Estado: Devuelto con comentarios');
  });

  test('fix and resubmit; approval publishes the submitted snapshot, not later edits; an update is served', async () => {
    fill('Parque de la Paz');
    await sidebar.getByRole('button', { name: 'Validar' }).click();
    await sidebar.getByText(/Validación terminada/).waitFor();
    await sidebar.getByRole('button', { name: 'Enviar a revisión' }).click();
    await sidebar.locator('#state', { hasText: 'Estado: En revisión' }).waitFor();
    fill('Editado después del envío'); // not submitted: must not be published

    await og.goto(`${app.url}/#/revision`);
    await og.getByRole('link', { name: 'Revisar el envío de Municipio de Mérida' }).click();
    await og.getByRole('button', { name: 'Aprobar' }).click();
    await og.getByRole('button', { name: 'Sí, publicar' }).click();
    await og.locator('#resultado', { hasText: /^Publicado: / }).waitFor();
    const titles = async () => ((await (await fetch(`${app.url}/api/oc4ids/projects?publisher=mer`)).json()) as { projects: { title: string }[] }).projects.map((p) => p.title);
    expect(await titles()).toEqual(['Parque de la Paz']);

    // The update: the sidebar offers it after publishing; once approved, the API serves it.
    fill('Parque de la Paz (segunda etapa)');
    await sidebar.reload();
    await sidebar.getByRole('button', { name: 'Validar' }).click();
    await sidebar.getByText(/Validación terminada/).waitFor();
    await sidebar.getByRole('button', { name: 'Enviar actualización' }).click();
    await sidebar.locator('#state', { hasText: 'Estado: En revisión' }).waitFor();
    await og.goto(`${app.url}/#/revision`);
    await og.getByRole('link', { name: 'Revisar el envío de Municipio de Mérida' }).click();
    await og.getByText('Modificados: 1', { exact: false }).first().waitFor();
    await og.getByRole('button', { name: 'Aprobar' }).click();
    await og.getByRole('button', { name: 'Sí, publicar' }).click();
    await og.locator('#resultado', { hasText: /^Publicado: / }).waitFor();
    expect(await titles()).toEqual(['Parque de la Paz (segunda etapa)']);

    const mails = await app.mails();
    expect(mails.map((m) => [m.subject, m.to.join(',')])).toEqual([
      ['Nuevo envío de Municipio de Mérida para revisión', 'revision@inaip-yucatan.org.mx'],
      ['Su envío de Municipio de Mérida fue devuelto con comentarios', 'captura@merida.gob.mx'],
      // The corrected workbook is the returned send's new version, not a second send.
      ['Nueva versión del envío de Municipio de Mérida para revisión', 'revision@inaip-yucatan.org.mx'],
      ['Su envío de Municipio de Mérida fue aprobado y publicado', 'captura@merida.gob.mx'],
      ['Nuevo envío de Municipio de Mérida para revisión', 'revision@inaip-yucatan.org.mx'],
      ['Su envío de Municipio de Mérida fue aprobado y publicado', 'captura@merida.gob.mx'],
    ]);
    await og.context().close();
    await sidebar.context().close();
  });
});
