/**
 * The built add-on (issue 5, tests b and d): dist/Code.js in a Node vm with no require/process and code
 * generation disabled, as in Apps Script V8; the manifest against an in-repo schema; plus the benchmark of the
 * full sidebar validation path on 1,000 processes + 50 projects (printed, not asserted).
 */
import Ajv from 'ajv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { buildAddon, type AddonBuild } from '../../scripts/build-addon';
import { MENU } from '../../addon/src/menu';
import { MARK_COLOR } from '../../addon/src/validation/marks';
import { MINIMUM_TAB_COLOR } from '../../core/template/layout';
import type { ServerApi, ValidationReport } from '../../addon/src/rpc-types';
import { templateSpec } from '../../core/template/template-spec';
import type { SheetSpec } from '../../core/template/spec';
import { FakeSpreadsheet } from './fake-spreadsheet';
import { appsScriptGlobals, FakeBlob } from './fake-apps-script';
import { WORKBOOK_JSON_MIME } from '../../core/workflow/contract';
import * as zlib from 'zlib';
import { startAppThread, type AppThread } from '../support/app-thread';
import schema from './appsscript.schema.json';

let build: AddonBuild;
let code: string;
const config = { backendUrl: 'https://backend.example.test', serviceAccount: 'lector@demo.iam.gserviceaccount.com' };

beforeAll(async () => {
  build = await buildAddon(fs.mkdtempSync(path.join(os.tmpdir(), 'addon-dist-')), config);
  code = fs.readFileSync(path.join(build.outDir, 'Code.js'), 'utf8');
});
afterAll(() => { if (build) fs.rmSync(build.outDir, { recursive: true, force: true }); });

type Global = Record<string, (...args: unknown[]) => unknown>;

function load(ss: FakeSpreadsheet, fetch?: Parameters<typeof appsScriptGlobals>[1]) {
  // HtmlService serves the project's files: the built sidebar.html.
  const { globals, record } = appsScriptGlobals(ss, fetch, (name) => fs.readFileSync(path.join(build.outDir, `${name}.html`), 'utf8'));
  const context = vm.createContext({ ...globals }, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return { context: context as unknown as Global, record, vmContext: context };
}

function fill(ss: FakeSpreadsheet, sheet: SheetSpec, rows: number, key: (r: number) => string): void {
  const values = Array.from({ length: rows }, (_, r) => sheet.columns.map((c, i) => {
    if (i === 0) return key(r);
    if (c.options) return c.options[0].title;
    if (c.type === 'number' || c.type === 'integer') return 1000 + r;
    if (c.type === 'date') return '2024-03-31';
    if (c.type === 'url') return 'https://example.org/documento.pdf';
    if (c.type === 'boolean') return 'sí';
    return `Texto ${r + 1}`;
  }));
  ss.get(sheet.name).paste({ row: 3, column: 1, rows, columns: sheet.columns.length }, values);
}

describe('dist/', () => {
  it('holds exactly the three files clasp pushes', () => {
    expect(fs.readdirSync(build.outDir).sort()).toEqual(['Code.js', 'appsscript.json', 'sidebar.html']);
  });

  it('declares a top-level function for every entry point, the menu and the sidebar API included', () => {
    const api: (keyof ServerApi)[] = ['sidebarContext', 'validationPlan', 'runValidation', 'selectCell', 'goToFinding', 'moreFindings', 'clearMarks', 'reviewContext', 'submitForReview', 'sendOutcome', 'approveSubmission', 'returnSubmission', 'withdrawSubmission', 'addonSettings', 'saveAddonSettings'];
    for (const name of ['onOpen', 'onInstall', ...MENU.map((m) => m.functionName), ...api]) {
      expect(build.exports).toContain(name);
      expect(code).toMatch(new RegExp(`^function ${name}\\(\\)`, 'm'));
    }
  });

  it('has a valid editor add-on manifest whose urlFetchWhitelist is the backend', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(build.outDir, 'appsscript.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.urlFetchWhitelist).toEqual(['https://backend.example.test/']);
    expect(manifest.oauthScopes).toEqual(expect.arrayContaining(['https://www.googleapis.com/auth/spreadsheets.currentonly', 'openid']));
    expect(manifest).not.toHaveProperty('addOns');
  });

  it('ships a self-contained sidebar (no external scripts, styles or fonts)', () => {
    const html = fs.readFileSync(path.join(build.outDir, 'sidebar.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(http/);
    expect(html).not.toContain('INLINE_');
    expect(html).toContain('lang="es-MX"');
  });
});

describe('Code.js in a vm with code generation disabled', () => {
  let app: AppThread;
  beforeAll(async () => { app = await startAppThread({ mode: 'local' }); });
  afterAll(async () => { await app?.close(); });

  it('runs the menu, Crear plantilla, Validar with marks, Quitar marcas, the settings and the submission list (real app)', async () => {
    const ss = new FakeSpreadsheet();
    const { context, record, vmContext } = load(ss, (url, params) => app.urlFetch(url, params));
    expect(() => vm.runInContext('new Function("return 1")', vmContext)).toThrow();
    expect(vm.runInContext('typeof require + typeof process', vmContext)).toBe('undefinedundefined');

    context.onOpen({ authMode: 'NONE' });
    expect(record.menus[0].map((m) => m.functionName)).toEqual(MENU.map((m) => m.functionName));
    record.spreadsheetCalls.clear();
    context.menuCreateTemplate();
    // The real service takes tens of milliseconds a call, and an execution has six minutes: the sheets are listed once
    // (each of the 68 looked up among all asked every sheet its name, 2,351 getName calls), neighbouring columns of one
    // width are set in one call (684 columns, 132 runs), and «Catálogos» is found once for its 106 drop-downs.
    // 6,061 calls before, 2,914 now.
    const calls = record.spreadsheetCalls;
    expect(calls.get('getSheets')).toBe(1);
    expect(calls.get('getName') ?? 0).toBeLessThan(10);
    expect(calls.get('getSheetByName') ?? 0).toBeLessThan(10);
    expect(calls.get('setColumnWidths')).toBeLessThan(200);
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBeLessThan(3200);
    expect(ss.get('Proyectos').frozenRows).toBe(2);
    expect(ss.get('Proyectos').frozenColumns).toBe(1);
    expect(ss.get('Proyectos').tabColor).toBe(MINIMUM_TAB_COLOR);

    const projects = templateSpec().sheets.find((s) => s.name === 'Proyectos') as SheetSpec;
    // Drop-downs and formats reach the bottom of the column (`C3:C`), through the real Apps Script calls.
    const status = projects.columns.findIndex((c) => c.field === 'status') + 1;
    expect(ss.get('Proyectos').validationAt(100_000, status)?.sourceSheet).toBe('Catálogos');
    const start = projects.columns.findIndex((c) => c.type === 'date') + 1;
    expect(ss.get('Proyectos').formatAt(100_000, start)).toBe('dd/mm/yyyy');
    const amount = projects.columns.findIndex((c) => c.field === 'budget/amount/amount') + 1;
    // The works typed as starting before the project's own start: the core check the CLI runs says so here too (M15).
    // And a duration and an amount as officials type them: read by the bundle's core as on the server (amount-forms.ts).
    const typed: Record<string, string> = { id: 'oc4ids-abc123-0001', 'budget/amount/amount': 'mucho', 'period/startDate': '01/03/2024', 'implementationPeriod/startDate': '01/03/2023', 'period/durationInDays': '30 días', 'completion/finalValue/amount': 'USD 1,234.50' };
    const row = projects.columns.map((c) => typed[c.field] ?? '');
    ss.get('Proyectos').paste({ row: 3, column: 1, rows: 1, columns: row.length }, [row]);
    const report = JSON.parse(JSON.stringify(context.runValidation())) as ValidationReport;
    expect(report.errors).toBeGreaterThan(0);
    expect(JSON.stringify(report)).toContain('«Inicio de la etapa de ejecución» (01/03/2023) es anterior a «Fecha de inicio prevista» (01/03/2024): la etapa empezaría antes que el proyecto.');
    expect(JSON.stringify(report)).toContain('«30 días» se leyó como 30: esta columna cuenta días naturales.');
    expect(JSON.stringify(report)).toContain('«USD 1,234.50» dice USD, pero la columna «Moneda del costo final» de esta fila está vacía, y un monto sin moneda se publica en pesos (MXN).');
    expect(ss.get('Proyectos').peek(3, amount)?.background).toBe(MARK_COLOR);
    context.clearMarks();
    expect(ss.get('Proyectos').peek(3, amount)?.background).toBeUndefined();

    context.selectCell('Proyectos', 3, amount);
    expect(ss.active).toEqual({ sheet: 'Proyectos', row: 3, column: amount });
    const token = app.bearers.capturistaA.replace(/^Bearer /, '');
    context.saveAddonSettings({ backendUrl: app.url, apiToken: token });
    expect(record.userProperties.get('INFRA_API_TOKEN')).toBe(token);
    // …and for this spreadsheet: a consultant's key for another implementer's spreadsheet does not replace it here.
    expect(record.userProperties.get('INFRA_API_TOKEN:hoja-de-prueba')).toBe(token);
    const review = context.reviewContext() as { role: string; submission: unknown; viewer: { email: string } };
    expect(review).toMatchObject({ role: 'capturista', submission: null, viewer: { email: 'captura@merida.gob.mx' } });
    // «Validar» above asked the built-in address for the registered prefixes (unreachable here: it validated offline).
    const asked = record.fetches.at(-1)!;
    expect(asked.url).toBe(`${app.url}/api/submissions?spreadsheetId=hoja-de-prueba&order=newest`);
    expect((asked.params.headers as Record<string, string>).Authorization).toBe(`Bearer ${token}`);
    context.menuValidate();
    expect(record.sidebars).toEqual(['Infraestructura Abierta']);
    // «Validar datos» opens the built sidebar set to validate as it opens (sidebar-opening.ts), nothing else changed.
    const built = fs.readFileSync(path.join(build.outDir, 'sidebar.html'), 'utf8');
    expect(built).toContain('data-on-open=""');
    expect(record.sidebarPages).toEqual([built.replace('data-on-open=""', 'data-on-open="validate"')]);

    // Sent clean, then edited: «Validar» says the sheet holds changes that were not sent (the values go to the
    // server to be compared, as when submitting).
    const fill = (title: string): void => {
      const values: Record<string, string | number | Date> = {
        id: 'oc4ids-abc123-0001', title, description: 'Rehabilitación del parque', status: 'Ejecución', type: 'Rehabilitación', sector: 'Educación',
        'budget/amount/amount': 5000000, 'period/startDate': new Date('2024-01-15T06:00:00Z'), 'period/endDate': new Date('2024-12-31T06:00:00Z'),
      };
      ss.get('Proyectos').paste({ row: 3, column: 1, rows: 1, columns: projects.columns.length }, [projects.columns.map((c) => values[c.field] ?? '')]);
    };
    fill('Parque del Centro');
    // A filter leaves the project's row out: the send carries it (as the cloud reads it through the Sheets API), so
    // the server warns of it where its coordination reads the send, not «Validar» alone.
    ss.get('Proyectos').filter = { fromColumn: 1, columns: projects.columns.length, criteriaColumns: [status], hiddenRows: [3] };
    expect((context.submitForReview() as { submission: { state: string } }).submission.state).toBe('submitted');
    // The values went compressed: Utilities.gzip's Blob as UrlFetchApp's payload, labelled as the workbook's JSON.
    const sent = record.fetches.find((f) => f.params.method === 'post' && f.url === `${app.url}/api/submissions`)!;
    expect(sent.params).toMatchObject({ contentType: WORKBOOK_JSON_MIME, headers: { 'Content-Encoding': 'gzip' } });
    expect(sent.params.payload).toBeInstanceOf(FakeBlob);
    expect((sent.params.payload as FakeBlob).getContentType()).toBe(WORKBOOK_JSON_MIME);
    expect(JSON.parse(zlib.gunzipSync((sent.params.payload as FakeBlob).bytes).toString('utf8'))).toMatchObject({ spreadsheetId: 'hoja-de-prueba', workbook: { sheets: expect.arrayContaining([expect.objectContaining({ name: 'Proyectos', hiddenRows: { count: 1, rows: [3] } })]) } });
    const listed = await fetch(`${app.url}/api/submissions?spreadsheetId=hoja-de-prueba`, { headers: { Authorization: app.bearers.capturistaA } }).then((r) => r.json()) as { submissions: { id: string }[] };
    const findings = await fetch(`${app.url}/api/submissions/${listed.submissions[0].id}/findings`, { headers: { Authorization: app.bearers.capturistaA } }).then((r) => r.json()) as { findings: { code: string; cell?: unknown }[] };
    expect(findings.findings.filter((f) => f.code === 'sheet.hidden-rows').map((f) => f.cell)).toEqual([{ sheet: 'Proyectos', row: 3 }]);
    expect((context.runValidation() as ValidationReport).sheetChanged).toBe(false);
    fill('Parque del Centro (corregido)');
    expect((context.runValidation() as ValidationReport).sheetChanged).toBe(true);

    // A template an earlier add-on made, its rows typed: «Proyectos» without the two columns the profile added since.
    // Validar says so, and Crear plantilla appends them after the last column, every typed cell where it was.
    const sheet = ss.get('Proyectos');
    const kept = projects.columns.length - 2;
    const older = sheet.values().map((r) => r.slice(0, kept));
    sheet.clear();
    sheet.paste({ row: 1, column: 1, rows: older.length, columns: kept }, older);
    expect(JSON.stringify(context.runValidation())).toContain('Esta hoja es de una versión anterior de la plantilla: le faltan las columnas');
    context.menuCreateTemplate();
    expect(ss.toasts.at(-1)).toBe('Se agregaron 2 columnas nuevas de la plantilla al final de la hoja «Proyectos» (2); lo que ya estaba escrito no se movió ni cambió.');
    expect(sheet.values().map((r) => r.slice(0, kept))).toEqual(older);
    expect(sheet.values()[1].slice(kept)).toEqual(projects.columns.slice(kept).map((c) => c.path));
  });

  it('a link column\'s «Contrato» hyperlinked in Sheets, or linked by =HIPERVINCULO: its address is read through getRichTextValues() and getFormulas(), once each, of that sheet only; a retitled header names the column it probably is; a hidden column with data is said', () => {
    const ss = new FakeSpreadsheet();
    const { context } = load(ss);
    context.menuCreateTemplate();
    const documents = templateSpec().sheets.find((s) => s.name === 'Documentos del proyecto') as SheetSpec;
    const url = documents.columns.findIndex((c) => c.field === 'documents/url') + 1;
    const cells: Record<string, string> = { id: 'oc4ids-abc123-0001', 'documents/id': 'D1', 'documents/title': 'Contrato de obra', 'documents/url': 'Contrato' };
    const projects = templateSpec().sheets.find((s) => s.name === 'Proyectos') as SheetSpec;
    ss.get('Proyectos').paste({ row: 3, column: 1, rows: 1, columns: projects.columns.length }, [projects.columns.map((c) => (c.field === 'id' ? 'oc4ids-abc123-0001' : c.field === 'title' ? 'Parque' : ''))]);
    const ws = ss.get('Documentos del proyecto');
    ws.paste({ row: 3, column: 1, rows: 1, columns: documents.columns.length }, [documents.columns.map((c) => cells[c.field] ?? '')]);
    ws.cell(3, url).link = 'https://merida.gob.mx/contrato.pdf';
    // Two more linked with =HIPERVINCULO: getValues() gives the label, getFormulas() the formula, and
    // getRichTextValues() no link (its documentation speaks of the links of a text only).
    ws.paste({ row: 4, column: 1, rows: 2, columns: documents.columns.length }, [
      documents.columns.map((c) => ({ ...cells, 'documents/id': 'D2', 'documents/url': 'Ver acta' } as Record<string, string>)[c.field] ?? ''),
      documents.columns.map((c) => ({ ...cells, 'documents/id': 'D3', 'documents/url': 'Ver fotos' } as Record<string, string>)[c.field] ?? ''),
    ]);
    ws.cell(4, url).formula = '=HIPERVINCULO("https://merida.gob.mx/acta.pdf";"Ver acta")';
    ws.cell(5, url).formula = '=HIPERVINCULO(B5;"Ver fotos")';
    // A header retitled with a typo, its technical name deleted: the sidebar names the template column it probably is.
    const description = documents.columns.findIndex((c) => c.field === 'documents/description') + 1;
    ws.paste({ row: 1, column: description, rows: 2, columns: 1 }, [['Descripcion del documeto'], ['']]);
    // The documents' titles hidden (right-click › Ocultar columna) while they hold data: published unseen, so said.
    const titleColumn = documents.columns.findIndex((c) => c.field === 'documents/title') + 1;
    ws.hiddenColumns.add(titleColumn);
    // A filter on one column (Datos › Crear un filtro) leaves row 4 out: read and published all the same, so said.
    ws.filter = { fromColumn: 1, columns: documents.columns.length, criteriaColumns: [url], hiddenRows: [4] };
    for (const sheet of ss.sheets()) sheet.calls.clear();
    const report = JSON.parse(JSON.stringify(context.runValidation())) as ValidationReport;
    const atUrl = report.groups.flatMap((g) => g.fields.flatMap((f) => f.items)).filter((i) => i.column === url && i.a1?.startsWith('Documentos del proyecto!'));
    expect(atUrl.map((i) => [i.row, i.severity, i.message])).toEqual([
      [3, 'info', 'La celda muestra «Contrato» y tiene un vínculo: se publica la dirección del vínculo, https://merida.gob.mx/contrato.pdf.'],
      [4, 'info', 'La celda muestra «Ver acta» con una fórmula de vínculo (HIPERVINCULO): se publica la dirección escrita en ella, https://merida.gob.mx/acta.pdf.'],
      [5, 'error', 'La celda muestra «Ver fotos» con una fórmula de vínculo cuya dirección no está escrita en ella (=HIPERVINCULO(B5;"Ver fotos")), así que no se sabe qué dirección publicar. Escriba la dirección completa entre comillas dentro de la fórmula, como =HIPERVINCULO("https://…"; "Ver fotos"), o escriba la dirección sola en la celda.'],
    ]);
    const renamed = report.groups.flatMap((g) => g.fields.flatMap((f) => f.items)).filter((i) => i.column === description && i.a1?.startsWith('Documentos del proyecto!'));
    expect(renamed.map((i) => [i.row, i.message])).toEqual([[2, 'La columna «Descripcion del documeto» no corresponde a ningún campo de la plantilla; sus datos no se publicarán. ¿Es la columna «Descripción del documento» de la plantilla? Si es así, escriba su título como en la plantilla en blanco para que sus datos se lean.']]);
    const hiddenItems = report.groups.flatMap((g) => g.fields.flatMap((f) => f.items)).filter((i) => i.message.includes('oculta'));
    expect(hiddenItems.map((i) => [i.a1, i.severity, i.message])).toEqual([[expect.stringMatching(/^'?Documentos del proyecto'?!/), 'warning', `1 columna oculta tiene datos («Título del documento» (${String.fromCharCode(64 + titleColumn)})) y se leyó: sus datos se publicarán como los de las demás. Ocultar una columna no la quita del libro. Si esos datos no deben publicarse, bórrelos (deje la columna, vacía); si sí, no necesita hacer nada.`], [
      null, 'warning', '1 fila oculta tiene datos (fila 4) y se leyó: se publicará como las demás. Ocultar una fila o dejarla fuera con un filtro no la quita del libro. Si no debe publicarse, elimínela (clic derecho en el número de la fila › Eliminar fila); si sí, no necesita hacer nada.']]);
    // One getFilter() per sheet with rows of data; a row asked only in the sheet whose filter has a criterion (rows 3 to 5).
    expect(ws.calls.get('isRowHiddenByFilter')).toBe(3);
    // Asked of the columns holding data below the headings only, one call each: 4 in «Documentos del proyecto».
    expect(ws.calls.get('isColumnHiddenByUser')).toBe(4);
    expect(ss.sheets().map((s) => [s.name(), s.calls.get('getRichTextValues'), s.calls.get('getFormulas')]).filter(([, n]) => n !== undefined)).toEqual([['Documentos del proyecto', 1, 1]]);
  });

  it('benchmark: the sidebar validation path on 1,000 processes + 50 projects', () => {
    const ss = new FakeSpreadsheet();
    const { context, record } = load(ss);
    context.menuCreateTemplate();
    const spec = templateSpec();
    fill(ss, spec.sheets.find((s) => s.name === 'Proyectos') as SheetSpec, 50, (r) => `oc4ids-abc123-${String(r + 1).padStart(4, '0')}`);
    fill(ss, spec.sheets.find((s) => s.name === 'Contrataciones') as SheetSpec, 1000, (r) => `ocds-abc123-${String(r + 1).padStart(5, '0')}`);
    const started = process.hrtime.bigint();
    const plan = context.validationPlan() as unknown[];
    record.spreadsheetCalls.clear();
    const report = context.runValidation() as ValidationReport;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // One data range a sheet, whose values give its size: the marks asked each sheet its last row and column again, the
    // merged ranges asked for the data range again, and each step asked the sheet's name and id (711 calls here before,
    // 297 now; of 1,036 on a workbook of 40 sheets with rows, each tens of milliseconds in Apps Script).
    const calls = record.spreadsheetCalls;
    expect([calls.get('getLastRow'), calls.get('getLastColumn')]).toEqual([undefined, undefined]);
    expect([calls.get('getDataRange'), calls.get('getName'), calls.get('getSheetId')]).toEqual([plan.length, plan.length + 2, plan.length]);
    console.log(`addon benchmark: 1,000 processes + 50 projects validated in the vm in ${ms.toFixed(0)} ms (target < 3000 ms); ${report.errors} errors, ${report.warnings} warnings, ${report.marked} cells marked`);
    expect(report.sheets.find((s) => s.name === 'Contrataciones')?.rows).toBe(1002);
    expect(JSON.stringify(report).length).toBeLessThan(1_000_000);
  });
});
