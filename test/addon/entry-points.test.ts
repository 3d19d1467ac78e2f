/** Entry points of the add-on against the typed fake spreadsheet and the real backend app (issue 5 test a, issue 14). */
import { useHost } from '../../addon/src/host';
import * as main from '../../addon/src/main';
import { MENU } from '../../addon/src/menu';
import { documentTokenProperty, PLACEHOLDER_BACKEND_URL } from '../../addon/src/config';
import { headerTitle, MINIMUM_TAB_COLOR } from '../../core/template/layout';
import { MINIMUM_HEADING } from '../../core/template/instructions';
import { MARK_COLOR, MARK_PREFIX } from '../../addon/src/validation/marks';
import { UNEXPECTED } from '../../addon/src/user-error';
import { CATALOG_SHEET, INSTRUCTIONS_SHEET, SETTINGS_SHEET } from '../../core/template/settings';
import { templateSpec } from '../../core/template/template-spec';
import type { ColumnSpec, TemplateSpec } from '../../core/template/spec';
import { createTemplate } from '../../addon/src/template/create-template';
import { dataSheets, readWorkbook } from '../../addon/src/validation/read-workbook';
import { checkWorkbook } from '../../core/pipeline/check-workbook';
import type { CellValue } from '../../core/workbook/model';
import { fakeHost, type FakeHost } from './fake-host';
import { startAppThread, type AppThread } from '../support/app-thread';
import { BackendClient } from '../../addon/src/backend/backend-client';
import { FakeSpreadsheet, type FakeSheet } from './fake-spreadsheet';
import { MAX_COMMENT_LENGTH } from '../../core/workflow/contract';
import { omittedHistoryText } from '../../core/workflow/omitted-history';
import type { Submission } from '../../functions/src/store/store';
import { sentText } from '../support/gzip-body';
import { REFUSAL_SEEN_BY_COORDINATION } from '../../core/workflow/refusal-seen';

const spec = templateSpec();
const projects = spec.sheets.find((s) => s.name === 'Proyectos');
if (!projects) throw new Error('template spec without Proyectos');

function col(field: string): { index: number; spec: ColumnSpec } {
  const index = projects!.columns.findIndex((c) => c.field === field);
  if (index < 0) throw new Error(`no column ${field}`);
  return { index: index + 1, spec: projects!.columns[index] };
}

function writeRow(ws: FakeSheet, row: number, values: Record<string, string | number>): void {
  const cells = projects!.columns.map((c) => values[c.field] ?? '');
  ws.paste({ row, column: 1, rows: 1, columns: cells.length }, [cells]);
}

let h: FakeHost;
beforeEach(() => {
  h = fakeHost();
  useHost(h);
});
afterAll(() => useHost(undefined));

describe('menu and triggers', () => {
  it('builds the menu from onOpen and onInstall without touching the spreadsheet (AuthMode.NONE)', () => {
    h.spreadsheetForbidden = true;
    main.onOpen({ authMode: 'NONE' });
    main.onInstall({ authMode: 'NONE' });
    expect(h.fakeUi.menus).toHaveLength(2);
    expect(h.fakeUi.menus[0].map((m) => m.label)).toEqual(['Crear plantilla', 'Validar datos', 'Quitar marcas', 'Configurar servidor', 'Ayuda']);
  });

  it('Ayuda lists the steps in the order they are taken: the server is set before sending, which needs it', () => {
    main.menuHelp();
    const steps = [...h.fakeUi.dialogs[0].html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    const at = (start: string): number => steps.findIndex((s) => s.includes(start));
    expect(at('Configurar servidor')).toBe(0);
    expect(at('Configurar servidor')).toBeLessThan(at('Enviar a revisión'));
    expect(steps[at('Enviar a revisión')]).toContain('Su coordinación aprobará el envío');
  });

  it('points every menu item at an exported entry point', () => {
    for (const item of MENU) expect(typeof (main as Record<string, unknown>)[item.functionName]).toBe('function');
  });

  it('opens the sidebar and the help dialog', () => {
    main.menuValidate();
    main.menuHelp();
    expect(h.fakeUi.sidebars).toEqual(['Infraestructura Abierta']);
    // «Validar datos» validates as the sidebar opens.
    expect(h.fakeUi.sidebarOpenings).toEqual(['validate']);
    expect(h.fakeUi.dialogs[0].html).toContain('Validar datos');
  });
});

describe('Crear plantilla', () => {
  it('adds every template sheet with titles, paths, notes, drop-downs, formats, frozen and protected headers', () => {
    main.menuCreateTemplate();
    const names = h.ss.sheets().map((s) => s.name());
    expect(names).toEqual([INSTRUCTIONS_SHEET, SETTINGS_SHEET, CATALOG_SHEET, ...spec.sheets.map((s) => s.name)]);
    expect(h.ss.get(CATALOG_SHEET).isHidden()).toBe(true);

    const ws = h.ss.get('Proyectos');
    const [titles, paths] = ws.values();
    expect(titles).toEqual(projects!.columns.map(headerTitle));
    expect(paths).toEqual(projects!.columns.map((c) => c.path));
    expect(ws.frozenRows).toBe(2);
    expect(ws.protections.some((p) => p.block.row === 1 && p.block.rows === 2)).toBe(true);
    expect(ws.peek(1, 1)?.note).toContain(projects!.columns[0].help);

    const coded = projects!.columns.findIndex((c) => c.options && c.type !== 'list');
    const rule = ws.validationAt(3, coded + 1);
    expect(rule?.sourceSheet).toBe(CATALOG_SHEET);
    // The drop-down reaches the bottom of the column, not a fixed number of rows.
    expect(ws.validationAt(250_000, coded + 1)).toBe(rule);
    expect(ws.validationAt(2, coded + 1)).toBeUndefined();
    // The drop-down range holds exactly the Spanish titles of the column's codelist.
    const m = /^\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(rule?.sourceA1 ?? '');
    expect(m).not.toBeNull();
    const catalogue = h.ss.get(CATALOG_SHEET).values();
    const letter = m![1].charCodeAt(0) - 64;
    const listed = catalogue.slice(Number(m![2]) - 1, Number(m![3])).map((r) => r[letter - 1]);
    expect(listed).toEqual(projects!.columns[coded].options!.map((o) => o.title));

    const date = projects!.columns.findIndex((c) => c.type === 'date');
    expect(ws.formatAt(3, date + 1)).toBe('dd/mm/yyyy');
    expect(ws.formatAt(250_000, date + 1)).toBe('dd/mm/yyyy');
    expect(ws.formatAt(2, date + 1)).toBeUndefined();
    // Postal codes are plain text: Sheets keeps the 0 of «06720» instead of storing the number 6720.
    const places = spec.sheets.find((s) => s.name === 'Ubicaciones');
    const postalCode = places!.columns.findIndex((c) => c.field === 'locations/address/postalCode');
    expect(h.ss.get('Ubicaciones').formatAt(3, postalCode + 1)).toBe('@');
    expect(h.ss.get(SETTINGS_SHEET).values()[1][2]).toBe('publisherName');
    expect(h.ss.toasts[0]).toBe(`Se agregaron ${spec.sheets.length + 2} hojas de la plantilla. Empiece por la hoja «Instrucciones», abierta ahora: dice qué llenar primero.`);
    // Sheets opens each sheet it inserts: the official was left on the last of them, the far right of 68 tabs.
    expect(h.ss.active).toEqual({ sheet: INSTRUCTIONS_SHEET, row: 1, column: 1 });
  });

  it('offers the parts of the clave presupuestaria as a drop-down that still takes another name, as INAI\'s capture tool named them', () => {
    main.menuCreateTemplate();
    const catalogue = h.ss.get(CATALOG_SHEET).values();
    for (const name of ['Componentes de la clave', 'Componentes presupuestales']) {
      const sheet = spec.sheets.find((s) => s.name === name)!;
      const column = sheet.columns.findIndex((c) => c.field.endsWith('budgetLines/components/name'));
      const rule = h.ss.get(name).validationAt(3, column + 1);
      expect(rule?.sourceSheet).toBe(CATALOG_SHEET);
      // An open list: a part the list lacks is warned on Validar, not refused as it is typed.
      expect(rule?.strict).toBe(false);
      const m = /^\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(rule?.sourceA1 ?? '');
      // The catalogue has a column per list: past Z, its letters are two (AB).
      const index = [...m![1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const listed = catalogue.slice(Number(m![2]) - 1, Number(m![3])).map((r) => r[index]);
      expect(listed).toEqual(expect.arrayContaining(['Ejercicio fiscal (año)', 'Ramo', 'Programa presupuestario', 'Objeto del gasto (partida)']));
    }
  });

  it('shows the minimum to publish: coloured tabs, the list in Instrucciones, frozen key columns, MXN first', () => {
    main.menuCreateTemplate();
    const coloured = h.ss.sheets().filter((s) => (s as FakeSheet).tabColor === MINIMUM_TAB_COLOR).map((s) => s.name());
    expect(coloured).toEqual([SETTINGS_SHEET, 'Proyectos', 'Contrataciones']);

    const lines = h.ss.get(INSTRUCTIONS_SHEET).values().map((r) => String(r[0]));
    const at = lines.indexOf(MINIMUM_HEADING);
    expect(at).toBeGreaterThan(0);
    expect(h.ss.get(INSTRUCTIONS_SHEET).peek(at + 1, 1)?.font?.bold).toBe(true);
    const minimum = lines.slice(at + 1, lines.indexOf('', at));
    expect(minimum.filter((l) => l.startsWith('• ')).map((l) => l.slice(2, l.indexOf(':')))).toEqual([SETTINGS_SHEET, 'Proyectos', 'Contrataciones']);
    expect(minimum.find((l) => l.startsWith('• Proyectos:'))).toContain(projects!.columns.find((c) => c.field === 'title')!.title);

    expect(h.ss.get('Proyectos').frozenColumns).toBe(1);
    expect(h.ss.get('Ubicaciones').frozenColumns).toBe(1);
    expect(h.ss.get('Proveedores del proceso').frozenColumns).toBe(2);
    expect(h.ss.get('Artículos').frozenColumns).toBe(1);

    const ws = h.ss.get('Proyectos');
    const currency = projects!.columns.findIndex((c) => c.codelist === 'currency');
    const rule = ws.validationAt(3, currency + 1)!;
    const m = /^\$([A-Z]+)\$(\d+):/.exec(rule.sourceA1)!;
    const catalogue = h.ss.get(CATALOG_SHEET).values();
    expect(catalogue[Number(m[2]) - 1][m[1].charCodeAt(0) - 65]).toBe('MXN');
  });

  it('sets a spreadsheet in another locale than Mexico\'s (dates month first, numbers with a decimal comma) to Mexico\'s, and says so', () => {
    h.ss.localeCode = 'en_US';
    main.menuCreateTemplate();
    expect(h.ss.locale()).toBe('es_MX');
    expect(h.ss.toasts[0]).toContain('La configuración regional de la hoja de cálculo era «en_US», que lee las fechas como mes/día/año; se cambió a México para que 01/04/2024 sea el 1 de abril.');
    // Three sentences: shown the time to read them, not Google's default 5 s.
    expect(h.ss.toastSeconds[0]).toBeGreaterThanOrEqual(20);
    // Spain's reads day first, but draws the template's number formats with a decimal comma («62,5 %», «1.234,5»): Mexico's too.
    h.ss.localeCode = 'es_ES';
    main.menuCreateTemplate();
    expect(h.ss.locale()).toBe('es_MX');
    expect(h.ss.toasts[1]).toContain('La configuración regional de la hoja de cálculo era «es_ES»; se cambió a México para que los montos y porcentajes se vean como en México: 1,234,567.89 y 62.5 %.');
    // Mexico's is left alone, and nothing is said of it.
    main.menuCreateTemplate();
    expect(h.ss.locale()).toBe('es_MX');
    expect(h.ss.toasts[2]).not.toContain('configuración regional');
  });

  // Apps Script stops an execution at six minutes («Script runtime: 6 min / execution»), with «Crear plantilla»
  // anywhere in its 66 sheets and ~4,000 calls: the sheet it was writing had its headers and no drop-downs, and was
  // kept so by every later run («ya tienen datos»).
  it('a run stopped midway is completed by the next one: the sheet it was writing gets its drop-downs', () => {
    const sheet = spec.sheets.find((s) => s.name !== 'Proyectos' && s.columns.some((c) => c.options && c.codelist))!;
    const coded = sheet.columns.findIndex((c) => c.options && c.codelist) + 1;
    const insert = h.ss.insertSheet.bind(h.ss);
    let armed = true;
    h.ss.insertSheet = (name: string) => {
      const ws = insert(name);
      if (name === sheet.name) {
        const set = ws.setColumnListValidation.bind(ws);
        ws.setColumnListValidation = (...args: Parameters<typeof set>) => {
          if (armed) { armed = false; throw new Error('Exceeded maximum execution time'); }
          set(...args);
        };
      }
      return ws;
    };
    expect(() => main.menuCreateTemplate()).toThrow();
    expect(armed).toBe(false);
    expect(h.ss.get(sheet.name).validationAt(3, coded)).toBeUndefined();
    main.menuCreateTemplate();
    expect(h.ss.get(sheet.name).validationAt(3, coded)?.sourceSheet).toBe(CATALOG_SHEET);
    expect(h.ss.get(sheet.name).values()[1]).toEqual(sheet.columns.map((c) => c.path));
    expect(h.ss.sheets().map((s) => s.name())).toEqual([INSTRUCTIONS_SHEET, SETTINGS_SHEET, CATALOG_SHEET, ...spec.sheets.map((s) => s.name)]);
    for (const s of spec.sheets) expect(h.ss.get(s.name).values()[1]).toEqual(s.columns.map((c) => c.path));
  });

  it('a second run over the whole template (data typed, a column moved) says it was complete, naming no sheet', () => {
    main.menuCreateTemplate();
    writeRow(h.ss.get('Proyectos'), 3, { id: 'oc4ids-abc123-0001', title: 'Mercado' });
    // The official moved «Título» to the end: columns are found by their path (DESIGN §4).
    const ws = h.ss.get('Proyectos');
    const rows = ws.values();
    const t = col('title').index - 1;
    ws.clear();
    const moved = rows.map((r) => [...r.slice(0, t), ...r.slice(t + 1), r[t]]);
    ws.paste({ row: 1, column: 1, rows: moved.length, columns: moved[0].length }, moved);
    main.menuCreateTemplate();
    // It listed all 68 sheets as «No se modificaron porque ya tienen datos: Instrucciones, Configuración, Proyectos, …».
    expect(h.ss.toasts[1]).toBe('La plantilla ya estaba completa: no se modificó ninguna hoja.');
  });

  it('a template sheet the official renamed is that sheet still: a second run adds no empty one of the old name beside it', () => {
    main.menuCreateTemplate();
    writeRow(h.ss.get('Proyectos'), 3, { id: 'oc4ids-abc123-0001', title: 'Puente vehicular' });
    h.ss.get('Proyectos').rename('Proyectos 2024');
    // An empty one renamed too (the office's own name for it).
    h.ss.get('Ubicaciones').rename('Lugares');
    main.menuCreateTemplate();
    expect(h.ss.toasts[1]).toBe('La plantilla ya estaba completa: no se modificó ninguna hoja.');
    expect(h.ss.sheet('Proyectos')).toBeNull();
    expect(h.ss.sheet('Ubicaciones')).toBeNull();
  });

  it('names the sheets it left alone, the first five and then how many more', () => {
    const others = spec.sheets.slice(0, 7).map((s) => s.name);
    for (const name of others) h.ss.insertSheet(name).paste({ row: 1, column: 1, rows: 1, columns: 1 }, [['mis datos']]);
    main.menuCreateTemplate();
    expect(h.ss.toasts[0]).toBe(`Se agregaron ${spec.sheets.length - 7 + 2} hojas de la plantilla. Empiece por la hoja «Instrucciones», abierta ahora: dice qué llenar primero. No se modificaron porque ya tienen datos: ${others.slice(0, 5).join(', ')} y 2 hojas más.`);
    // Shown long enough to read its 38 words (Google's default is 5 s): two words a second and a moment to notice it.
    expect(h.ss.toastSeconds[0]).toBe(24);
  });

  it('never overwrites a sheet that holds data', () => {
    const ws = h.ss.insertSheet('Proyectos');
    ws.paste({ row: 1, column: 1, rows: 1, columns: 2 }, [['mis datos', 42]]);
    main.menuCreateTemplate();
    expect(ws.values()).toEqual([['mis datos', 42]]);
    expect(h.ss.toasts[0]).toContain('No se modificaron porque ya tienen datos: Proyectos');
    main.menuCreateTemplate();
    expect(h.ss.sheets().filter((s) => s.name() === 'Proyectos')).toHaveLength(1);
  });

  it('on sheets as Sheets adds them (1,000 rows, 26 columns, and no range past them) the 43 columns of «Contrataciones» and the 52 lists of the catalogue fit', () => {
    main.menuCreateTemplate();
    const processes = spec.sheets.find((s) => s.name === 'Contrataciones')!;
    expect(processes.columns.length).toBeGreaterThan(26);
    const ws = h.ss.get('Contrataciones');
    expect(ws.maxColumns()).toBe(processes.columns.length);
    expect(ws.values()[1]).toEqual(processes.columns.map((c) => c.path));
    expect(ws.peek(1, processes.columns.length)?.note).toBeTruthy();
    const catalogue = h.ss.get(CATALOG_SHEET);
    expect(catalogue.maxColumns()).toBeGreaterThan(26);
    expect(catalogue.values()[0].every((key) => /^(oc4ids|ocds):/.test(String(key)))).toBe(true);
    // No sheet keeps columns it does not use: Google Sheets holds 10 million cells a spreadsheet, empty ones included,
    // and the template's sheets of 3 to 14 columns kept the 26 Sheets adds (1.84 million cells before any row was
    // typed; a workbook of 5,000 processes passed the limit at about 40 % of its cells used).
    const places = spec.sheets.find((s) => s.name === 'Ubicaciones')!;
    expect(h.ss.get('Ubicaciones').maxColumns()).toBe(places.columns.length);
    expect(h.ss.get(INSTRUCTIONS_SHEET).maxColumns()).toBe(1);
    expect(h.ss.sheets().reduce((cells, sheet) => cells + sheet.maxRows() * sheet.maxColumns(), 0)).toBeLessThan(800_000);
    // A sheet of that name with the office's own data in a few columns is read no wider than its grid, and kept.
    const mine = new FakeSpreadsheet();
    useHost({ ...h, spreadsheet: () => mine });
    mine.insertSheet('Contrataciones').paste({ row: 1, column: 1, rows: 2, columns: 2 }, [['Folio', 'Obra'], ['1', 'Calle']]);
    main.menuCreateTemplate();
    expect(mine.toasts[0]).toMatch(/No se modificaron porque ya tienen datos: Contrataciones\.$/);
    useHost(h);
  });

  it('a catalogue written by an earlier version (its lists in another order): rewritten, and the drop-downs of the sheets already there point at their own list again', () => {
    main.menuCreateTemplate();
    const catalogue = h.ss.get(CATALOG_SHEET);
    expect(catalogue.protections).toHaveLength(1);
    // Run again unchanged: the catalogue is left as it is (it got one more protection each time).
    main.menuCreateTemplate();
    expect(catalogue.protections).toHaveLength(1);

    // As an earlier version left it: its first two lists the other way round, and «Proyectos» pointing where it had
    // the project's state (column B then).
    const grid = catalogue.values();
    const swapped = grid.map((row) => [row[1], row[0], ...row.slice(2)]);
    catalogue.clear();
    catalogue.paste({ row: 1, column: 1, rows: swapped.length, columns: swapped[0].length }, swapped);
    const status = col('status').index;
    const ws = h.ss.get('Proyectos');
    const own = ws.validationAt(3, status)!;
    const letter = /^\$([A-Z]+)\$/.exec(own.sourceA1)![1];
    const other = letter === 'A' ? 'B' : 'A';
    ws.setColumnListValidation(status, 3, { ...own, sourceA1: own.sourceA1.replace(new RegExp(`\\$${letter}\\$`, 'g'), `$${other}$`) });
    const offered = (): unknown[] => {
      const m = /^\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(ws.validationAt(3, status)!.sourceA1)!;
      return h.ss.get(CATALOG_SHEET).values().slice(Number(m[2]) - 1, Number(m[3])).map((r) => r[m[1].charCodeAt(0) - 65]);
    };
    // Consistent as that version left it: the state's drop-down offers the states.
    expect(offered()).toEqual(col('status').spec.options!.map((o) => o.title));
    main.menuCreateTemplate();
    expect(h.ss.get(CATALOG_SHEET).values()).toEqual(grid);
    expect(offered()).toEqual(col('status').spec.options!.map((o) => o.title));
    expect(h.ss.toasts.at(-1)).toBe('La plantilla ya estaba completa: no se modificó ninguna hoja.');
  });

  it('a sheet of the template\'s name in other capitals (the office\'s own «PROYECTOS», an empty «configuración») is the one Sheets has: kept or filled, never a second one Sheets refuses', () => {
    const mine = h.ss.insertSheet('PROYECTOS');
    mine.paste({ row: 1, column: 1, rows: 2, columns: 2 }, [['Clave', 'Nombre'], ['P-1', 'Mi obra']]);
    const empty = h.ss.insertSheet('configuración');
    main.menuCreateTemplate();
    expect(mine.values()).toEqual([['Clave', 'Nombre'], ['P-1', 'Mi obra']]);
    expect(h.ss.toasts[0]).toBe(`Se agregaron ${spec.sheets.length + 1} hojas de la plantilla. Empiece por la hoja «Instrucciones», abierta ahora: dice qué llenar primero. No se modificaron porque ya tienen datos: PROYECTOS.`);
    expect(empty.values()[1]).toEqual(['Nombre del publicador', '', 'publisherName']);
    expect(h.ss.sheets()).toHaveLength(spec.sheets.length + 3);
    // An empty «instrucciones» taken for the template's is not counted among the sheets «Validar» reads.
    const second = fakeHost();
    useHost(second);
    second.ss.insertSheet('instrucciones');
    main.menuCreateTemplate();
    expect(second.ss.get('instrucciones').lastRow()).toBeGreaterThan(2);
    expect(main.validationPlan().map((p) => p.name)).not.toContain('instrucciones');
    useHost(h);
  });

  it('a sheet «Catálogos» of the office\'s own (its lists of dependencias) is not cleared: nothing is written, and it says how to free the name', () => {
    const own = h.ss.insertSheet(CATALOG_SHEET);
    own.paste({ row: 1, column: 1, rows: 2, columns: 2 }, [['Clave', 'Dependencia'], ['001', 'Obras Públicas']]);
    expect(() => main.menuCreateTemplate()).toThrow(`No se creó la plantilla: esta hoja de cálculo ya tiene una hoja «${CATALOG_SHEET}» con sus propios datos`);
    expect(own.values()).toEqual([['Clave', 'Dependencia'], ['001', 'Obras Públicas']]);
    expect(own.isHidden()).toBe(false);
    expect(h.ss.sheets().map((s) => s.name())).toEqual([CATALOG_SHEET]);
    // Renamed as told, the template is created, with its own catalogue.
    own.rename('Catálogos propios');
    main.menuCreateTemplate();
    expect(own.values()).toEqual([['Clave', 'Dependencia'], ['001', 'Obras Públicas']]);
    expect(String(h.ss.get(CATALOG_SHEET).values()[0][0])).toMatch(/^oc4ids:/);
    // The template's own catalogue is rewritten by a second run, as before.
    main.menuCreateTemplate();
    expect(h.ss.toasts.at(-1)).toBe('La plantilla ya estaba completa: no se modificó ninguna hoja.');
  });
});

describe('Crear plantilla over a template an earlier version made (months of rows typed in it)', () => {
  // That version's template: the current spec less what the profile added since — a sheet, and «Proyectos» columns in
  // the middle (a drop-down, an amount) and a date near its end, so the ones added come back out of the template's order.
  const dropped = ['description', 'type', 'budget/amount/amount', 'identificationPeriod/startDate'];
  const older: TemplateSpec = {
    sheets: spec.sheets.filter((s) => s.name !== 'Artículos adjudicados')
      .map((s) => (s === projects ? { ...s, columns: s.columns.filter((c) => !dropped.includes(c.path)) } : s)),
  };
  const typeTitle = col('type').spec.options![0].title;
  const row: Record<string, CellValue> = {
    id: 'oc4ids-abc123-0001', title: 'Puente vehicular', status: col('status').spec.options![0].title,
    'budget/amount/currency': 'MXN', description: 'Puente de dos carriles sobre el río', type: typeTitle,
    'budget/amount/amount': 1234567.89, 'identificationPeriod/startDate': new Date(Date.UTC(2024, 2, 31)),
  };
  /** Row 3 of «Proyectos» as its row 2 lays it out: each value under its path, wherever that column is. */
  const typeRow = (ss: FakeSpreadsheet, only: (path: string) => boolean): void => {
    const ws = ss.get('Proyectos');
    const paths = ws.values()[1].map(String);
    paths.forEach((p, i) => { if (only(p) && row[p] !== undefined) ws.paste({ row: 3, column: i + 1, rows: 1, columns: 1 }, [[row[p]]]); });
  };
  const read = (ss: FakeSpreadsheet) => {
    const result = checkWorkbook(readWorkbook(dataSheets(ss), 'America/Mexico_City'), { now: '2024-06-01T00:00:00Z' });
    // Findings by their field and row, not their column letter: the same cell is elsewhere in the two sheets.
    const said = result.findings.map((f) => `${f.severity} ${f.code} ${f.pointer ?? ''} ${f.cell?.sheet ?? ''} ${f.cell?.row ?? ''} ${f.cell?.header ?? ''}`).sort();
    return { releases: result.releases, projects: result.projects, said };
  };

  it('appends the columns and sheets added since, moving no typed cell, says what it added, and reads as a fresh template', () => {
    createTemplate(h.ss, older);
    typeRow(h.ss, (p) => !dropped.includes(p));
    const ws = h.ss.get('Proyectos');
    const before = ws.values();
    // Validar tells the official the template is behind, and how to catch up.
    const notices = main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items.map((i) => `${g.sheet}: ${i.message}`)));
    expect(notices).toContainEqual(expect.stringMatching(/^Libro completo: Este libro se hizo con una versión anterior de la plantilla: le falta la hoja «Artículos adjudicados», y a 1 hoja le faltan columnas .*elija «Crear plantilla»/));
    expect(notices).toContainEqual(`Proyectos: Esta hoja es de una versión anterior de la plantilla: le faltan las columnas ${dropped.map((p) => `«${col(p).spec.title}»`).join(', ').replace(/, (?=[^,]*$)/, ' y ')}, que la plantilla actual tiene. Lo que ya escribió se lee igual.`);

    main.menuCreateTemplate();
    expect(h.ss.toasts.at(-1)).toBe(`Se agregó 1 hoja de la plantilla. Se agregaron 4 columnas nuevas de la plantilla al final de la hoja «Proyectos» (4); lo que ya estaba escrito no se movió ni cambió.`);
    const after = ws.values();
    // Every typed cell where it was, as it was.
    expect(after.map((r) => r.slice(0, before[0].length))).toEqual(before);
    const width = before[0].length;
    expect(after[1].slice(width)).toEqual(dropped);
    expect(after[0].slice(width)).toEqual(dropped.map((p) => headerTitle(col(p).spec)));
    expect(ws.peek(1, width + 1)?.note).toContain(col('description').spec.help);
    expect(ws.validationAt(3, width + 2)).toMatchObject({ sourceSheet: CATALOG_SHEET });
    expect(ws.formatAt(3, width + 4)).toBe('dd/mm/yyyy');
    expect(ws.protections.some((p) => p.block.column === width + 1 && p.block.rows === 2)).toBe(true);
    expect(h.ss.get('Artículos adjudicados').values()[1]).toEqual(spec.sheets.find((s) => s.name === 'Artículos adjudicados')!.columns.map((c) => c.path));
    // Nothing left to say, and a second run adds nothing.
    expect(main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items.map((i) => i.message))).filter((m) => /versión anterior/.test(m))).toEqual([]);
    main.menuCreateTemplate();
    expect(h.ss.toasts.at(-1)).toBe('La plantilla ya estaba completa: no se modificó ninguna hoja.');

    // The new columns filled in, out of the template's order: the same data as a fresh template's with that row.
    typeRow(h.ss, (p) => dropped.includes(p));
    const fresh = new FakeSpreadsheet();
    createTemplate(fresh, spec);
    typeRow(fresh, () => true);
    const upgraded = read(h.ss);
    expect(upgraded.said.some((f) => /type|description|budget\/amount\/amount|identificationPeriod/.test(f))).toBe(false);
    expect(upgraded.projects[0]).toMatchObject({ description: row.description, budget: { amount: { amount: 1234567.89 } } });
    expect(upgraded).toEqual(read(fresh));
  });
});

describe('Validar on a spreadsheet with nothing to send yet', () => {
  const general = (report: ReturnType<typeof main.runValidation>) => report.groups.find((g) => g.sheet === 'Libro completo')?.fields.flatMap((f) => f.items.map((i) => `${i.severity}: ${i.message}`));

  it('without the template: says to create it, instead of «no se encontraron errores»', () => {
    // A new Google spreadsheet has one empty sheet.
    h.ss.insertSheet('Hoja 1');
    const report = main.runValidation();
    expect(report.errors).toBe(1);
    expect(general(report)).toEqual(['error: Esta hoja de cálculo aún no tiene la plantilla de Infraestructura Abierta. Elija Extensiones → Infraestructura Abierta → Crear plantilla y capture sus datos a partir de la fila 3.']);
  });

  it('the template with no row typed yet: nothing to send, said as sending would say it', () => {
    main.menuCreateTemplate();
    const report = main.runValidation();
    expect(report.errors).toBe(1);
    expect(general(report)).toEqual([expect.stringMatching(/^error: El libro no tiene contrataciones ni proyectos: no hay nada que enviar ni publicar\./)]);
    // «Enviar a revisión» pressed anyway: one error is «Corríjalo», not «Corríjalos».
    expect(() => main.submitForReview()).toThrow('No se puede enviar a revisión: la validación encontró 1 error. Corríjalo y valide de nuevo.');
  });
});

describe('Validar, marks and Quitar marcas', () => {
  const amount = col('budget/amount/amount');
  const title = col('title');

  beforeEach(() => {
    main.menuCreateTemplate();
    writeRow(h.ss.get('Proyectos'), 3, { id: 'oc4ids-abc123-0001', title: 'Puente vehicular', 'budget/amount/amount': 'mucho' });
  });

  it('lists the data sheets it will read, not the generated ones', () => {
    const plan = main.validationPlan().map((p) => p.name);
    expect(plan).toContain('Proyectos');
    expect(plan).not.toContain(CATALOG_SHEET);
    expect(plan).not.toContain(INSTRUCTIONS_SHEET);
  });

  it('reads each sheet once, reports errors grouped by sheet and field, and marks the cells', () => {
    const report = main.runValidation();
    for (const ws of h.ss.sheets()) if (ws.name() !== CATALOG_SHEET && ws.name() !== INSTRUCTIONS_SHEET) expect(ws.calls.get('values')).toBe(1);
    expect(report.errors).toBeGreaterThan(0);
    const sheet = report.groups.find((g) => g.sheet === 'Proyectos');
    const field = sheet?.fields.find((f) => f.field === amount.spec.title);
    expect(field?.items[0]).toMatchObject({ severity: 'error', row: 3, column: amount.index });
    expect(field?.items.some((i) => i.message.includes('mucho'))).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);

    const cell = h.ss.get('Proyectos').peek(3, amount.index);
    expect(cell?.background).toBe(MARK_COLOR);
    expect(cell?.note?.startsWith(MARK_PREFIX)).toBe(true);
    expect(h.ss.get('Proyectos').peek(3, title.index)?.note ?? '').toBe('');
    expect(report.marked).toBeGreaterThan(0);
  });

  it('lists the sheets with findings in the order of their tabs', () => {
    // A row of awards under a process no sheet has: its error is on row 3, column A, ahead of Proyectos' by cell.
    h.ss.get('Adjudicaciones').paste({ row: 3, column: 1, rows: 1, columns: 2 }, [['ocds-abc123-404', 'ADJ-1']]);
    const shown = main.runValidation().groups.map((g) => g.sheet);
    expect(shown).toEqual(expect.arrayContaining(['Proyectos', 'Adjudicaciones']));
    const tabs = h.ss.sheets().map((s) => s.name());
    expect(shown.filter((n) => n !== 'Libro completo')).toEqual([...shown.filter((n) => n !== 'Libro completo')].sort((a, b) => tabs.indexOf(a) - tabs.indexOf(b)));
    expect(tabs.indexOf('Proyectos')).toBeLessThan(tabs.indexOf('Adjudicaciones'));
  });

  it('lists the findings as the official reads the workbook, its tabs as they are now: sheet by sheet, each sheet\'s columns as their first finding is met, each column down the sheet', () => {
    h.ss.get('Adjudicaciones').paste({ row: 3, column: 1, rows: 1, columns: 2 }, [['ocds-abc123-404', 'ADJ-1']]);
    // The official dragged «Adjudicaciones» in front of every other tab.
    h.ss.moveSheet('Adjudicaciones', 1);
    // A start date read with a warning on row 3 (a two-digit year) and one that is no date on row 4.
    const start = col('period/startDate');
    h.ss.get('Proyectos').paste({ row: 3, column: start.index, rows: 1, columns: 1 }, [['31/03/24']]);
    writeRow(h.ss.get('Proyectos'), 4, { id: 'oc4ids-abc123-0002', title: 'Mercado municipal', 'period/startDate': 'ayer' });
    const groups = main.runValidation().groups;
    expect(groups.map((g) => g.sheet).filter((n) => n !== 'Libro completo')).toEqual(['Adjudicaciones', 'Proyectos']);
    const at = (i: { row: number | null; column: number | null }): number => (i.row ?? 0) * 1000 + (i.column ?? 0);
    for (const g of groups) {
      // Each column's first line in reading order (the first row with a finding, left to right), and each column's lines down the sheet.
      expect({ sheet: g.sheet, firsts: g.fields.map((f) => at(f.items[0])) }).toEqual({ sheet: g.sheet, firsts: [...g.fields.map((f) => at(f.items[0]))].sort((a, b) => a - b) });
      for (const f of g.fields) expect({ field: f.field, rows: f.items.map(at) }).toEqual({ field: f.field, rows: [...f.items.map(at)].sort((a, b) => a - b) });
    }
    // The warning of row 3 before the error of row 4 (errors came first, whatever their row).
    const dates = groups.find((g) => g.sheet === 'Proyectos')!.fields.find((f) => f.field === start.spec.title)!;
    expect(dates.items.map((i) => [i.severity, i.row])).toEqual([['warning', 3], ['error', 4]]);
  });

  it('lists a column of notices alone (the CoST IDS advice on «Estado del proyecto», column D) after the columns with errors', () => {
    // Projects in execution, each told other CoST IDS points (its own long notice): the error of row 5 came after them all.
    const ws = h.ss.get('Proyectos');
    const project = { title: 'Puente vehicular', description: 'Construcción del puente', status: 'Ejecución', type: 'Construcción', sector: 'Transporte', 'period/startDate': '01/03/2024', 'period/endDate': '01/12/2024', 'budget/amount/amount': 1000, 'budget/amount/currency': 'MXN' };
    writeRow(ws, 3, { ...project, id: 'oc4ids-abc123-0001' });
    writeRow(ws, 4, { ...project, id: 'oc4ids-abc123-0002', purpose: 'Unir dos colonias' });
    writeRow(ws, 5, { ...project, id: 'oc4ids-abc123-0003', 'budget/amount/amount': 'mucho' });
    const fields = main.runValidation().groups.find((g) => g.sheet === 'Proyectos')!.fields;
    expect(fields.map((f) => [f.field, f.errors, f.items.map((i) => `${i.severity} ${i.row}`)])).toEqual([
      [amount.spec.title, 1, ['error 5']],
      [col('status').spec.title, 0, ['info 3', 'info 4', 'info 5']],
    ]);
    // Each project's notice a short heading with its count, its points a list under it (the sidebar shows the first
    // ones and folds the rest): one paragraph of ~2,500 characters per project before.
    const notice = fields[1].items[0];
    expect(notice.message).toMatch(/^Le faltan \d+ datos del CoST IDS .*que el estado del proyecto \(«Ejecución»\) ya pide\. No impide publicar/);
    expect(notice.message).not.toContain('·');
    expect(notice.points!.length).toBeGreaterThan(3);
    // Row 4 typed its purpose: one point fewer, its own list (not folded into row 3's line as «y 1 celda más»).
    expect(fields[1].items.every((i) => i.alsoIn === undefined)).toBe(true);
  });

  it('a column with more different lines than the list takes keeps its errors in it, listed in reading order, and says what it leaves out', () => {
    // 30 start dates with a two-digit year (a warning each, each its own date) on rows 3–32, then 5 that are no date
    // (errors) on rows 33–37: taken in reading order alone, the 25 lines were warnings and the errors were left out.
    const start = col('period/startDate');
    const rows = Array.from({ length: 35 }, (_, r) => projects!.columns.map((c) => ({ id: `oc4ids-abc123-${r}`, title: 'Obra', 'period/startDate': r < 30 ? `${(r % 28) + 1}/${1 + Math.floor(r / 28)}/24` : `ayer ${r}` } as Record<string, string>)[c.field] ?? ''));
    h.ss.get('Proyectos').paste({ row: 3, column: 1, rows: rows.length, columns: rows[0].length }, rows);
    const field = main.runValidation().groups.find((g) => g.sheet === 'Proyectos')!.fields.find((f) => f.field === start.spec.title)!;
    expect([field.errors, field.warnings]).toEqual([5, 30]);
    expect(field.items.map((i) => [i.severity, i.row])).toEqual([
      ...Array.from({ length: 20 }, (_, r) => ['warning', r + 3]),
      ...Array.from({ length: 5 }, (_, r) => ['error', r + 33]),
    ]);
    expect([field.more, field.moreErrors, field.moreWarnings]).toEqual([10, 0, 10]);
  });

  it('keeps what a column leaves out for «Ver N más»: the next lines, chosen and listed as the first ones, until the cache lets them go', () => {
    const start = col('period/startDate');
    const rows = Array.from({ length: 35 }, (_, r) => projects!.columns.map((c) => ({ id: `oc4ids-abc123-${r}`, title: 'Obra', 'period/startDate': r < 30 ? `${(r % 28) + 1}/${1 + Math.floor(r / 28)}/24` : `ayer ${r}` } as Record<string, string>)[c.field] ?? ''));
    h.ss.get('Proyectos').paste({ row: 3, column: 1, rows: rows.length, columns: rows[0].length }, rows);
    const report = main.runValidation();
    const sheet = report.groups.findIndex((g) => g.sheet === 'Proyectos');
    const field = report.groups[sheet].fields.findIndex((f) => f.field === start.spec.title);
    expect(report.groups[sheet].fields[field].laterPages).toEqual([10]);
    // The 10 warnings of rows 23–32 the first 25 lines left out, down the sheet, each with its cell.
    const next = main.moreFindings(report.run!, sheet, field, 1);
    expect(next?.map((i) => [i.severity, i.a1])).toEqual(Array.from({ length: 10 }, (_, r) => ['warning', `Proyectos!${String.fromCharCode(64 + start.index)}${r + 23}`]));
    expect(main.moreFindings(report.run!, sheet, field, 2)).toBeNull();
    expect(main.moreFindings('../otra', sheet, field, 1)).toBeNull();
    // Columns that leave nothing out keep nothing.
    expect(report.groups.flatMap((g) => g.fields).filter((f) => f.laterPages).length).toBe(1);
    // Six hours later the cache has let them go: null, and the sidebar says to validate again.
    h.cached.now += 21600 * 1000;
    expect(main.moreFindings(report.run!, sheet, field, 1)).toBeNull();
  });

  it('takes the words of INAI\'s capture tool as the options they are: no finding on the sector, the status or a clave\'s part', () => {
    const sector = col('sector');
    const status = col('status');
    writeRow(h.ss.get('Proyectos'), 3, { id: 'oc4ids-abc123-0001', title: 'Unidad deportiva', sector: 'Deportes; Recreación; Seguridad', status: 'Terminado' });
    const parts = spec.sheets.find((s) => s.name === 'Componentes de la clave')!;
    const name = parts.columns.findIndex((c) => c.field.endsWith('components/name'));
    const row = parts.columns.map((c, i) => (i === name ? 'Objeto del gasto' : ({ id: 'oc4ids-abc123-0001', code: '61401' } as Record<string, string>)[c.field.split('/').pop()!] ?? ''));
    h.ss.get('Componentes de la clave').paste({ row: 3, column: 1, rows: 1, columns: row.length }, [row]);
    const report = main.runValidation();
    // Errors and warnings: the status cell also carries the aviso of the CoST IDS points its stage asks for.
    const at = (sheet: string, column: number) => report.groups.filter((g) => g.sheet === sheet).flatMap((g) => g.fields.flatMap((f) => f.items)).filter((i) => i.row === 3 && i.column === column && i.severity !== 'info');
    expect(at('Proyectos', sector.index)).toEqual([]);
    expect(at('Proyectos', status.index)).toEqual([]);
    expect(at('Componentes de la clave', name + 1)).toEqual([]);
  });

  it('points a required field left empty in every row at its own column, and marks that cell', () => {
    const description = col('description');
    const report = main.runValidation();
    const field = report.groups.find((g) => g.sheet === 'Proyectos')?.fields.find((f) => f.field === description.spec.title);
    expect(field?.items[0]).toMatchObject({ severity: 'error', row: 3, column: description.index });
    expect(h.ss.get('Proyectos').peek(3, description.index)?.note?.startsWith(MARK_PREFIX)).toBe(true);
  });

  it('warns, first, when the spreadsheet reads typed dates month first (01/04/2024 stored as 4 January)', () => {
    expect(main.runValidation().groups.map((g) => g.sheet)).not.toContain('Libro completo');
    h.ss.localeCode = 'es_US';
    const report = main.runValidation();
    expect(report.groups[0]).toMatchObject({ sheet: 'Libro completo', errors: 0, warnings: 1, fields: [{ field: 'General' }] });
    expect(report.groups[0].fields[0].items[0]).toMatchObject({ severity: 'warning', a1: null, row: null });
    expect(report.groups[0].fields[0].items[0].message).toBe('Esta hoja de cálculo tiene la configuración regional «es_US», que lee las fechas como mes/día/año: si escribe 01/04/2024, Google Sheets guarda el 4 de enero, no el 1 de abril. Cámbiela en Archivo → Configuración → Configuración regional → México y revise las fechas que ya capturó.');
  });

  // A spreadsheet made before «Crear plantilla» set Mexico's locale, or set back since to a decimal-comma one: its
  // amounts read 1.234.567,89 and an amount typed as in Mexico is not the number meant.
  it('warns, first, when the spreadsheet writes numbers with a decimal comma (Spain, Argentina, Brazil…), saying where to set Mexico\'s', () => {
    for (const locale of ['es_ES', 'es_AR', 'es_CO', 'pt_BR']) {
      h.ss.localeCode = locale;
      const report = main.runValidation();
      expect(report.groups[0]).toMatchObject({ sheet: 'Libro completo', errors: 0, warnings: 1, fields: [{ field: 'General' }] });
      expect(report.groups[0].fields[0].items[0]).toMatchObject({ severity: 'warning', a1: null, row: null });
      expect(report.groups[0].fields[0].items[0].message).toBe(`Esta hoja de cálculo tiene la configuración regional «${locale}», que usa la coma para los decimales: muestra los montos como 1.234.567,89 y no como en México (1,234,567.89), y un número escrito como en México, 1,234,567.89 o 62.5, puede quedar como texto o como otro número. Cámbiela en Archivo → Configuración → Configuración regional → México y revise los montos y porcentajes que ya capturó.`);
    }
    // Mexico's, and other decimal-point ones, say nothing.
    for (const locale of ['es_MX', 'es_GT', 'en_GB']) {
      h.ss.localeCode = locale;
      expect(main.runValidation().groups.map((g) => g.sheet)).not.toContain('Libro completo');
    }
  });

  it('a project typed twice with another name says where the first one is, in plain Spanish', () => {
    writeRow(h.ss.get('Proyectos'), 4, { id: 'oc4ids-abc123-0001', title: 'Puente peatonal' });
    const report = main.runValidation();
    const groups = report.groups.find((g) => g.sheet === 'Proyectos')?.fields;
    const field = groups?.find((f) => f.field === title.spec.title);
    expect(field?.items.map((i) => i.message)).toContain('Este valor («Puente peatonal») no coincide con el ya capturado en la hoja «Proyectos», celda B3 («Puente vehicular»). Se conserva el primero; corrija el que no sea correcto.');
    // …and, as an error that keeps it from being published, on the second row's key: the link goes to that cell,
    // which is marked, and the text names both rows and the column that differs.
    const id = col('id');
    const key = groups?.find((f) => f.field === id.spec.title)?.items.find((i) => i.row === 4);
    expect(key).toMatchObject({ severity: 'error', a1: 'Proyectos!A4', row: 4, column: id.index });
    expect(key?.message).toMatch(new RegExp(`^Las filas 3 y 4 de la hoja «Proyectos» tienen el mismo «${id.spec.title}» \\(«oc4ids-abc123-0001»\\), pero datos distintos en la columna «${title.spec.title}» \\(B\\)\\.`));
    expect(h.ss.get('Proyectos').peek(4, id.index)?.note?.startsWith(MARK_PREFIX)).toBe(true);
  });

  it('a document row copied with its id unchanged for another document: an error at the copy\'s id cell, marked, naming both rows and what differs', () => {
    const documents = spec.sheets.find((s) => s.name === 'Documentos del proyecto')!;
    const at = (field: string): number => documents.columns.findIndex((c) => c.field === field) + 1;
    const row = (values: Record<string, string>) => documents.columns.map((c) => values[c.field] ?? '');
    const ws = h.ss.get('Documentos del proyecto');
    ws.paste({ row: 3, column: 1, rows: 3, columns: documents.columns.length }, [
      row({ id: 'oc4ids-abc123-0001', 'documents/id': 'DOC-1', 'documents/title': 'Proyecto ejecutivo' }),
      row({ id: 'oc4ids-abc123-0001', 'documents/id': 'DOC-2', 'documents/title': 'Estudio de mecánica de suelos' }),
      row({ id: 'oc4ids-abc123-0001', 'documents/id': 'DOC-1', 'documents/title': 'Manifestación de impacto ambiental' }),
    ]);
    const fields = main.runValidation().groups.find((g) => g.sheet === 'Documentos del proyecto')?.fields;
    const idColumn = at('documents/id');
    const idTitle = documents.columns[idColumn - 1].title;
    const key = fields?.find((f) => f.field === idTitle)?.items.find((i) => i.row === 5);
    const letter = String.fromCharCode(64 + idColumn);
    expect(key).toMatchObject({ severity: 'error', a1: `Documentos del proyecto!${letter}5`, row: 5, column: idColumn });
    const titleColumn = documents.columns[at('documents/title') - 1];
    expect(key?.message).toMatch(new RegExp(`^Las filas 3 y 5 de la hoja «Documentos del proyecto» son del mismo «${documents.columns[0].title}» \\(«oc4ids-abc123-0001»\\) y tienen el mismo «${idTitle}» \\(«DOC-1»\\), pero datos distintos en la columna «${titleColumn.title}» \\(${String.fromCharCode(64 + at('documents/title'))}\\)\\.`));
    expect(ws.peek(5, idColumn)?.note?.startsWith(MARK_PREFIX)).toBe(true);
    // The row with its own id is left alone.
    expect(ws.peek(4, idColumn)?.note ?? '').toBe('');
  });

  it('cells merged over rows are said at the merge, as the CLI says them in a file (the rows below read blank)', () => {
    const ws = h.ss.get('Proyectos');
    writeRow(ws, 4, { id: 'oc4ids-abc123-0002', title: 'Puente peatonal' });
    writeRow(ws, 5, { id: 'oc4ids-abc123-0003', title: 'Puente peatonal' });
    // Format → Merge cells over two titles: Sheets keeps «Puente peatonal» in the first only, and row 5 reads blank.
    const letter = String.fromCharCode(64 + title.index);
    ws.merge(`${letter}4:${letter}5`);
    const items = main.runValidation().groups.find((g) => g.sheet === 'Proyectos')!.fields.flatMap((f) => f.items);
    expect(items).toContainEqual({ severity: 'warning', a1: `Proyectos!${letter}4`, row: 4, column: title.index, message: `Hay celdas combinadas (${letter}4:${letter}5): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren, así que la fila 5 se publicaría sin él. Sepárelas y escriba en cada celda su propio valor.` });
    // Asked only of sheets with rows under their headers (one more Apps Script call each).
    expect(ws.calls.get('mergedRanges')).toBe(1);
    expect(h.ss.get('Ubicaciones').calls.get('mergedRanges')).toBeUndefined();
  });

  it('a required column the official deleted: the row is named, and how to put the column back', () => {
    const description = col('description');
    const ws = h.ss.get('Proyectos');
    const kept = ws.values().map((row) => row.filter((_, i) => i !== description.index - 1));
    ws.clear();
    ws.paste({ row: 1, column: 1, rows: kept.length, columns: kept[0].length }, kept);
    const field = main.runValidation().groups.find((g) => g.sheet === 'Proyectos')?.fields.find((f) => f.field === description.spec.title);
    expect(field?.items[0]).toMatchObject({ severity: 'error', a1: null, row: 3, column: null });
    expect(field?.items[0].message).toContain('La columna «Descripción del proyecto» no está en la hoja «Proyectos»: agréguela de nuevo, con su título en la fila 1 y «description» en la fila 2');
  });

  it('re-validating clears old marks, keeps user notes and fills, and Quitar marcas removes only ours', () => {
    const ws = h.ss.get('Proyectos');
    ws.cell(3, amount.index).note = 'Nota de la capturista';
    main.runValidation();
    expect(ws.peek(3, amount.index)?.note).toMatch(/^Nota de la capturista\n\n⚠/);

    ws.paste({ row: 3, column: amount.index, rows: 1, columns: 1 }, [[1500000]]);
    main.runValidation();
    expect(ws.peek(3, amount.index)?.note).toBe('Nota de la capturista');
    expect(ws.peek(3, amount.index)?.background).toBeUndefined();

    const other = [...ws.cells.entries()].find(([, c]) => c.note?.startsWith(MARK_PREFIX));
    expect(other).toBeDefined();
    main.clearMarks();
    expect([...ws.cells.values()].some((c) => c.note?.includes(MARK_PREFIX) || c.background === MARK_COLOR)).toBe(false);
    expect(ws.peek(3, amount.index)?.note).toBe('Nota de la capturista');
    expect(ws.peek(1, 1)?.background).toBeDefined(); // header fills untouched
  });

  it('«Validar» reads the notes and fills of a sheet it left without marks only once it gets one, and writes a sheet\'s notes and fills only in the rows whose marks change: both were read and written whole on every «Validar»', () => {
    const places = spec.sheets.find((s) => s.name === 'Ubicaciones')!;
    const ws = h.ss.get('Proyectos');
    const where = h.ss.get('Ubicaciones');
    const place = (row: number, id: string): void => where.paste({ row, column: 1, rows: 1, columns: places.columns.length }, [places.columns.map((c) => ({ id, 'locations/0/id': 'U1', 'locations/0/description': 'Centro' } as Record<string, string>)[c.path] ?? '')]);
    const reads = (sheet: FakeSheet): [number, number] => [sheet.calls.get('notes') ?? 0, sheet.calls.get('backgrounds') ?? 0];
    place(3, 'oc4ids-abc123-0001');
    main.runValidation();
    expect(ws.peek(3, amount.index)?.background).toBe(MARK_COLOR);
    expect([reads(ws), reads(where)]).toEqual([[1, 1], [1, 1]]);
    // The errors still there: «Proyectos» is read again, and not written (its marks are the same); «Ubicaciones», left
    // clean, is not read.
    const writes = ws.calls.get('setNotes');
    main.runValidation();
    expect([reads(ws), reads(where)]).toEqual([[2, 2], [1, 1]]);
    expect([ws.calls.get('setNotes'), ws.calls.get('setBackgrounds')]).toEqual([writes, writes]);
    // A new error in the clean sheet is marked, its row alone written; once corrected, the sheet is read once more, to
    // take the mark out, and then left alone again.
    place(4, 'oc4ids-abc123-0999');
    const written = jest.spyOn(where, 'setNotes');
    main.runValidation();
    expect(written.mock.calls.map(([block]) => block)).toEqual([{ row: 4, column: 1, rows: 1, columns: places.columns.length }]);
    expect(where.peek(4, 1)?.note).toMatch(/^⚠ Validación Infraestructura Abierta:\n• .*no existe en la hoja «Proyectos»/);
    expect(where.peek(4, 1)?.background).toBe(MARK_COLOR);
    place(4, 'oc4ids-abc123-0001');
    main.runValidation();
    expect(where.peek(4, 1)?.note).toBe('');
    expect(where.peek(4, 1)?.background).toBeUndefined();
    main.runValidation();
    expect([reads(ws), reads(where)]).toEqual([[5, 5], [3, 3]]);
  });

  it('a marked row whose values the official clears (a location of a project that does not exist) loses its mark on «Validar», and on «Quitar marcas»', () => {
    const places = spec.sheets.find((s) => s.name === 'Ubicaciones')!;
    const ws = h.ss.get('Ubicaciones');
    const place = (row: number, id: string): void => ws.paste({ row, column: 1, rows: 1, columns: places.columns.length }, [places.columns.map((c) => ({ id, 'locations/0/id': id ? 'U1' : '', 'locations/0/description': id ? 'Centro' : '' } as Record<string, string>)[c.path] ?? '')]);
    const marked = (): number => [...ws.cells.values()].filter((c) => c.note?.includes(MARK_PREFIX) || c.background === MARK_COLOR).length;
    place(3, 'oc4ids-abc123-0999');
    main.runValidation();
    expect(ws.peek(3, 1)?.note).toMatch(/^⚠ Validación Infraestructura Abierta:\n• .*no existe en la hoja «Proyectos»/);
    // Selected and deleted (the Delete key: the values go, the note and the fill stay, and the sheet's content ends at row 2).
    place(3, '');
    expect(ws.lastRow()).toBe(2);
    main.runValidation();
    expect(marked()).toBe(0);

    place(5, 'oc4ids-abc123-0998');
    main.runValidation();
    expect(marked()).toBeGreaterThan(0);
    place(5, '');
    main.clearMarks();
    expect(marked()).toBe(0);

    // Marked, then the tab renamed and the row cleared: the sheet is the same (its id), and so is how far its marks went.
    place(6, 'oc4ids-abc123-0996');
    main.runValidation();
    expect(marked()).toBeGreaterThan(0);
    ws.rename('Ubicaciones de obra');
    place(6, '');
    main.runValidation();
    expect(marked()).toBe(0);
    ws.rename('Ubicaciones');

    // Marked, then the rows deleted (the grid ends above the mark, which went with them): nothing past the grid is read.
    place(40, 'oc4ids-abc123-0997');
    main.runValidation();
    place(40, '');
    delete ws.cells.get('40,1')?.note;
    delete ws.cells.get('40,1')?.background;
    ws.gridRows = 30;
    expect(() => main.runValidation()).not.toThrow();
    expect(() => main.clearMarks()).not.toThrow();
  });

  it('keeps a fill the user chose and only adds the note', () => {
    const ws = h.ss.get('Proyectos');
    ws.cell(3, amount.index).background = '#00ff00';
    main.runValidation();
    expect(ws.peek(3, amount.index)?.background).toBe('#00ff00');
    main.menuRemoveMarks();
    expect(ws.peek(3, amount.index)?.background).toBe('#00ff00');
    expect(h.ss.toasts.at(-1)).toContain('Se quitaron');
  });

  it('a postal code the official formatted 00000 is read as the sheet shows it (06720), asking for shown values of the cells that need it only', () => {
    const ws = h.ss.get('Ubicaciones');
    const columns = spec.sheets.find((s) => s.name === 'Ubicaciones')!.columns;
    const at = (field: string) => columns.findIndex((c) => c.field === field) + 1;
    const postal = at('locations/address/postalCode');
    const row = (id: string | number, code: number | string) => columns.map((c) => ({ id: 'oc4ids-abc123-0001', 'locations/id': id, 'locations/description': 'Tramo', 'locations/address/postalCode': code } as Record<string, string | number>)[c.field] ?? '');
    // Sheets keeps 06720 typed in a column formatted «00000» as the number 6720, and getValues() gives 6720.
    // Its location ids typed as numbers too (1, 2, 3): another text column holding numbers, read in the same call.
    ws.paste({ row: 3, column: 1, rows: 3, columns: columns.length }, [row('U1', 6720), row(2, '97000'), row('U3', 1234)]);
    ws.setNumberFormat({ row: 3, column: postal, rows: 1, columns: 1 }, '00000');
    const messages = main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items.filter((i) => i.column === postal).map((i) => `${i.row}: ${i.message}`)));
    // The 1234 with no format is still refused, as the four digits the sheet shows.
    expect(messages).toEqual([expect.stringMatching(/^5: .*«1234»/)]);
    // One read of what the sheet shows, of the block around its text cells holding numbers; none of the other sheets.
    expect(ws.calls.get('displayValues')).toBe(1);
    expect(h.ss.get('Proyectos').calls.get('displayValues')).toBeUndefined();
    // Far apart (a number 3,000 rows below, in another column): each range read alone, not the block around both.
    ws.paste({ row: 3003, column: 1, rows: 1, columns: columns.length }, [row(3, '')]);
    ws.calls.clear();
    main.runValidation();
    expect(ws.calls.get('displayValues')).toBe(2);
  });

  it('a document link pasted as a hyperlink whose text is «Contrato» publishes its address, said at the cell; the links are read once, of the cells that need them', () => {
    const ws = h.ss.get('Documentos del proyecto');
    const columns = spec.sheets.find((s) => s.name === 'Documentos del proyecto')!.columns;
    const url = columns.findIndex((c) => c.field === 'documents/url') + 1;
    const row = (id: string, text: string) => columns.map((c) => ({ id: 'oc4ids-abc123-0001', 'documents/id': id, 'documents/documentType': 'Contrato', 'documents/title': 'Contrato de obra', 'documents/url': text } as Record<string, string>)[c.field] ?? '');
    ws.paste({ row: 3, column: 1, rows: 3, columns: columns.length }, [row('D1', 'Contrato'), row('D2', 'https://obra.gob.mx/plano.pdf'), row('D3', 'Ver documento')]);
    // Insertar → Vínculo on «Contrato»; «Ver documento» has none, and the typed address keeps what it says.
    ws.cell(3, url).link = 'https://obra.gob.mx/contrato.pdf';
    ws.cell(4, url).link = 'https://otra.gob.mx/';
    const letter = String.fromCharCode(64 + url);
    const items = main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items)).filter((i) => i.a1?.startsWith(`Documentos del proyecto!${letter}`));
    // In reading order, down the column.
    expect(items.map((i) => [i.severity, i.a1])).toEqual([['info', `Documentos del proyecto!${letter}3`], ['error', `Documentos del proyecto!${letter}5`]]);
    expect(items[0].message).toBe('La celda muestra «Contrato» y tiene un vínculo: se publica la dirección del vínculo, https://obra.gob.mx/contrato.pdf.');
    // One read of links, of that sheet only (the others have no text in a link column).
    expect(ws.calls.get('links')).toBe(1);
    expect(h.ss.sheets().filter((s) => s !== ws).map((s) => s.calls.get('links'))).toEqual(h.ss.sheets().filter((s) => s !== ws).map(() => undefined));
  });

  it('selects the cell of a finding', () => {
    main.selectCell('Proyectos', 3, amount.index);
    expect(h.ss.active).toEqual({ sheet: 'Proyectos', row: 3, column: amount.index });
    expect(() => main.selectCell('No existe', 1, 1)).toThrow('La hoja «No existe» ya no existe');
    // Rows deleted after validating (Sheets' grid ends before the finding's row): said, not «problema inesperado».
    h.ss.get('Proyectos').gridRows = 40;
    expect(() => main.selectCell('Proyectos', 41, amount.index)).toThrow(`La celda ${String.fromCharCode(64 + amount.index)}41 ya no existe en la hoja «Proyectos»: se quitaron filas o columnas después de validar. Pulse «Validar» para actualizar la lista.`);
  });

  it('a finding clicked after columns were inserted or rows deleted: the column is found by its title, and the official is told to validate again', () => {
    const ws = h.ss.get('Proyectos');
    const report = main.runValidation();
    const line = report.groups.flatMap((g) => g.fields.flatMap((f) => f.items)).find((i) => i.a1 === `Proyectos!${String.fromCharCode(64 + amount.index)}3`)!;
    expect(line.header).toBe('Monto del presupuesto');
    const rows = report.sheets.find((s) => s.name === 'Proyectos')!.rows;
    // Unchanged: it goes to the cell and says nothing.
    expect(main.selectCell('Proyectos', 3, amount.index, { header: line.header, rows })).toBeNull();
    expect(h.ss.active).toEqual({ sheet: 'Proyectos', row: 3, column: amount.index });
    // The official inserts a column of their own at B (Insertar → Columna a la izquierda).
    const values = ws.values();
    ws.clear();
    const widened = values.map((r, i) => [r[0], i === 0 ? 'Notas internas' : '', ...r.slice(1)]);
    ws.paste({ row: 1, column: 1, rows: widened.length, columns: widened[0].length }, widened);
    const letter = (n: number): string => String.fromCharCode(64 + n);
    expect(main.selectCell('Proyectos', 3, amount.index, { header: line.header, rows })).toBe(`La columna «Monto del presupuesto» ya no está en la ${letter(amount.index)} sino en la ${letter(amount.index + 1)}: se seleccionó ${letter(amount.index + 1)}3. Pulse «Validar» para actualizar la lista.`);
    expect(h.ss.active).toEqual({ sheet: 'Proyectos', row: 3, column: amount.index + 1 });
    // A row deleted (or added) since: the row may have moved, and it says so.
    expect(main.selectCell('Proyectos', 3, amount.index + 1, { header: line.header, rows: rows + 1 })).toBe(`La última fila con datos de «Proyectos» era la ${rows + 1} al validar y ahora es la ${rows}: si agregó o quitó filas arriba de la 3, el dato pudo cambiar de fila. Pulse «Validar» para actualizar la lista.`);
    // From an older sidebar, without what the validation read: as before.
    expect(main.selectCell('Proyectos', 3, amount.index)).toBeNull();
  });

  it('still works when the sheet is renamed and columns are moved', () => {
    const ws = h.ss.get('Proyectos');
    ws.rename('Mis proyectos');
    const values = ws.values();
    const swapped = values.map((row) => [row[amount.index - 1], ...row.filter((_, i) => i !== amount.index - 1)]);
    ws.clear();
    ws.paste({ row: 1, column: 1, rows: swapped.length, columns: swapped[0].length }, swapped);
    const report = main.runValidation();
    const items = report.groups.flatMap((g) => g.fields.flatMap((f) => f.items));
    expect(items.some((i) => i.a1 === 'Mis proyectos!A3' && i.message.includes('mucho'))).toBe(true);
  });

  it('a finding clicked after rows were deleted above it: validated again on the click, it lands on the finding where it is now, and the sidebar gets the new list', () => {
    const ws = h.ss.get('Proyectos');
    writeRow(ws, 4, { id: 'oc4ids-abc123-0002', title: 'Mercado', 'budget/amount/amount': 'poco' });
    const report = main.runValidation();
    const read = report.sheets.find((s) => s.name === 'Proyectos')!;
    const field = report.groups.find((g) => g.sheet === 'Proyectos')!.fields.find((f) => f.field === 'Monto del presupuesto')!;
    const line = field.items.find((i) => i.message.includes('poco'))!;
    expect(line.row).toBe(4);
    const seen = { header: line.header, rows: read.rows, sheetId: read.id, field: field.field, severity: line.severity, message: line.message };
    // Unchanged: it goes to the cell, says nothing, and validates nothing.
    expect(main.goToFinding('Proyectos', 4, amount.index, seen)).toEqual({ notice: null, selected: true });
    // The official deletes row 3 (the first project): the second one, and its finding, move up to row 3.
    const values = ws.values();
    ws.clear();
    const left = [...values.slice(0, 2), ...values.slice(3)];
    ws.paste({ row: 1, column: 1, rows: left.length, columns: left[0].length }, left);
    const jump = main.goToFinding('Proyectos', 4, amount.index, seen);
    expect(h.ss.active).toEqual({ sheet: 'Proyectos', row: 3, column: amount.index });
    expect(jump).toMatchObject({ selected: true, notice: `La hoja «Proyectos» cambió de filas desde la validación (tenía datos hasta la fila 4 y ahora hasta la 3): se validó de nuevo y la lista ya muestra las celdas de ahora. Se seleccionó ${String.fromCharCode(64 + amount.index)}3, donde está ahora este hallazgo.` });
    const items = jump.report!.groups.flatMap((g) => g.fields.flatMap((f) => f.items));
    expect(items.filter((i) => i.message.includes('poco')).map((i) => i.a1)).toEqual([`Proyectos!${String.fromCharCode(64 + amount.index)}3`]);
    expect(items.some((i) => i.message.includes('mucho'))).toBe(false);
    // Its own row deleted too: said, nothing selected, and the list is new.
    ws.clear();
    ws.paste({ row: 1, column: 1, rows: 2, columns: left[0].length }, left.slice(0, 2));
    const gone = main.goToFinding('Proyectos', 3, amount.index, { ...seen, rows: 3 });
    expect(gone).toMatchObject({ selected: false, notice: expect.stringMatching(/Este hallazgo ya no aparece en la lista: quizá lo corrigió o quitó su fila\.$/) });
    expect(gone.report).toBeDefined();
  });

  it('a finding clicked after its tab was renamed goes to its cell: the sheet is found by its id', () => {
    const report = main.runValidation();
    const read = report.sheets.find((s) => s.name === 'Proyectos')!;
    h.ss.get('Proyectos').rename('Proyectos 2024');
    expect(main.selectCell('Proyectos', 3, amount.index, { rows: read.rows, sheetId: read.id })).toBeNull();
    expect(h.ss.active).toEqual({ sheet: 'Proyectos 2024', row: 3, column: amount.index });
    // Without the id (an older sidebar) it is said gone, as before.
    expect(() => main.selectCell('Proyectos', 3, amount.index)).toThrow('La hoja «Proyectos» ya no existe');
  });
});

/**
 * Submit and review against the real app (createApp + workflow routes on SQLite) running in a worker thread, reached
 * through a blocking HTTP port as UrlFetchApp is: no hand-written backend, so a client/server disagreement fails here.
 * Self-hosted wiring (API tokens set in the settings dialog, values sent by the add-on) and the cloud wiring
 * (Google ID tokens from a local certificate endpoint, the Sheets stub).
 */
describe('submit and review against the real app', () => {
  const spec = templateSpec();
  const sheetOf = (name: string) => spec.sheets.find((x) => x.name === name)!;
  let local: AppThread;
  let cloud: AppThread;
  // The cloud wiring is a real app of its own served by the same thread (AppThread.sibling): a second thread loaded the
  // app's modules again (~1 CPU-s).
  beforeAll(async () => {
    local = await startAppThread({ mode: 'local' });
    cloud = await local.sibling({ mode: 'cloud' });
  });
  afterAll(async () => { await cloud?.close(); await local?.close(); });

  /** A host signed in as `user`, configured through the settings entry points as the official would. */
  function signedIn(app: AppThread, user: 'capturistaA' | 'coordinadorA' | 'coordinadorB', opts: { selfHosted: boolean; spreadsheetId?: string }): FakeHost {
    const host = fakeHost({ backendUrl: PLACEHOLDER_BACKEND_URL, serviceAccount: null });
    if (opts.spreadsheetId) host.ss.setId(opts.spreadsheetId);
    host.fakeHttp.route = (r) => app.http.fetch(r);
    useHost(host);
    const bearer = app.bearers[user].replace(/^Bearer /, '');
    main.saveAddonSettings({ backendUrl: app.url, apiToken: opts.selfHosted ? bearer : '' });
    if (!opts.selfHosted) host.identityToken = () => bearer;
    return host;
  }

  function fillValid(host: FakeHost, title: string): void {
    main.menuCreateTemplate();
    const cols = sheetOf('Proyectos').columns;
    const values: Record<string, string | number | Date> = {
      id: 'oc4ids-abc123-0001', title, description: 'Rehabilitación del parque', status: 'Ejecución', type: 'Rehabilitación', sector: 'Educación',
      // As Apps Script gives a date cell: midnight of the spreadsheet's zone (Mexico City, UTC−6).
      'budget/amount/amount': 5000000, 'period/startDate': new Date('2024-01-15T06:00:00Z'), 'period/endDate': new Date('2024-12-31T06:00:00Z'),
    };
    host.ss.get('Proyectos').paste({ row: 3, column: 1, rows: 1, columns: cols.length }, [cols.map((c) => values[c.field] ?? '')]);
  }

  it('explains a missing setting in Spanish and refuses a bad address', () => {
    const host = fakeHost({ backendUrl: PLACEHOLDER_BACKEND_URL, serviceAccount: null });
    useHost(host);
    expect(main.reviewContext()).toMatchObject({ backendConfigured: false, role: null, submission: null, message: expect.stringContaining('Configurar servidor') });
    expect(() => main.approveSubmission('s1')).toThrow('Falta configurar el servidor');
    expect(() => main.saveAddonSettings({ backendUrl: 'http://datos.ejemplo.mx', apiToken: '' })).toThrow('debe empezar con https://');
    expect(() => main.saveAddonSettings({ backendUrl: 'https://datos.ejemplo.mx', apiToken: 'secreto' })).toThrow('La clave de acceso no tiene la forma esperada');
    expect(main.saveAddonSettings({ backendUrl: 'https://datos.ejemplo.mx/', apiToken: '' })).toEqual({
      backendUrl: 'https://datos.ejemplo.mx', hasApiToken: false,
      // Saved, and tried at once: this test has no network.
      // Nothing answers at the address: the dialog says so on its field.
      check: { ok: false, text: expect.stringMatching(/^Al probar la conexión, el servidor no respondió bien: No fue posible comunicarse con el servidor/), field: 'url' },
    });
    expect(host.props.document.get('INFRA_BACKEND_URL')).toBe('https://datos.ejemplo.mx');
    // As an official has it at hand: the address bar without https://, a page of the dashboard, an API address.
    for (const typed of ['datos.ejemplo.mx', ' datos.ejemplo.mx/ ', 'https://datos.ejemplo.mx/#/mis-envios', 'datos.ejemplo.mx/index.html', 'https://datos.ejemplo.mx/api/publishers?x=1', 'https://datos.ejemplo.mx/api']) {
      expect({ typed, saved: main.saveAddonSettings({ backendUrl: typed, apiToken: '' }).backendUrl }).toEqual({ typed, saved: 'https://datos.ejemplo.mx' });
    }
    // A server behind a path keeps it; a host named «api…» is not a path.
    expect(main.saveAddonSettings({ backendUrl: 'https://gob.mx/obra/api/', apiToken: '' }).backendUrl).toBe('https://gob.mx/obra');
    expect(main.saveAddonSettings({ backendUrl: 'api.ejemplo.mx', apiToken: '' }).backendUrl).toBe('https://api.ejemplo.mx');
    main.saveAddonSettings({ backendUrl: 'https://datos.ejemplo.mx', apiToken: '' });
    main.menuSettings();
    expect(host.fakeUi.dialogs[0].title).toBe('Configurar servidor — Infraestructura Abierta');
    expect(host.fakeUi.dialogs[0].html).toContain('value="https://datos.ejemplo.mx"');
  });

  it('self-hosted: submits the values, a coordinator of another state is refused, returns; the capturista sees the comment and sends an update', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-1' });
    fillValid(capturista, 'Parque del Centro');
    const before = main.reviewContext();
    expect(before).toMatchObject({ backendConfigured: true, role: 'capturista', submission: null, viewer: { email: 'captura@merida.gob.mx', scope: { kind: 'publisher', publisherId: 'mer' } } });

    const sent = main.submitForReview();
    expect(sent.submission).toMatchObject({ state: 'submitted', stateLabel: 'En revisión', comments: [] });
    const post = capturista.fakeHttp.requests.find((r) => r.method === 'post')!;
    expect(post.headers.Authorization).toBe(local.bearers.capturistaA);
    expect((JSON.parse(sentText(post)) as { workbook: { sheets: { name: string }[] } }).workbook.sheets.map((x) => x.name)).toContain('Proyectos');
    expect(sent.notice).toBe('Se envió a revisión: ya aparece en la bandeja de su coordinación.');
    const id = sent.submission!.id;
    // Sending the same values again changes nothing, and says so (the coordinators are not told again).
    const again = main.submitForReview();
    expect(again.notice).toBe('Esta versión ya estaba en revisión, sin cambios: no se creó otro envío ni se avisó de nuevo a su coordinación.');
    expect(again.submission).toMatchObject({ id, state: 'submitted', updatedAt: sent.submission!.updatedAt });

    signedIn(local, 'coordinadorB', { selfHosted: true, spreadsheetId: 'hoja-merida-1' });
    expect(() => main.approveSubmission(id)).toThrow(/no tiene permiso para aprobar envíos de «Municipio de Mérida»/);

    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-1' });
    expect(main.reviewContext()).toMatchObject({ role: 'coordinador', submission: { id, state: 'submitted' } });
    expect(() => main.returnSubmission(id, '   ')).toThrow('Escriba un comentario');
    expect(main.returnSubmission(id, '  Agregue el presupuesto del puente.  ').submission).toMatchObject({ state: 'returned', comments: [{ by: 'revision@inaip-yucatan.org.mx', text: 'Agregue el presupuesto del puente.' }] });

    useHost(capturista);
    expect(main.reviewContext().submission).toMatchObject({ id, stateLabel: 'Devuelto con comentarios', comments: [{ text: 'Agregue el presupuesto del puente.' }] });
    fillValid(capturista, 'Parque de la Paz');
    const resent = main.submitForReview();
    expect(resent.submission).toMatchObject({ id, state: 'submitted' });
    expect(resent.notice).toMatch(/^Se envió como nueva versión de su envío anterior: .* con el historial y los comentarios de ese envío\.$/);

    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-1' });
    expect(main.approveSubmission(id).submission).toMatchObject({ id, state: 'published', stateLabel: 'Publicado' });
    // Date cells travel as the day the sheet shows and publish as that day's local midnight, as the same day typed
    // as text or read from a file does (they were sent as the UTC instant and published as `…T06:00:00.000Z`).
    const published = JSON.parse(local.http.fetch({ url: `${local.url}/api/oc4ids/projects/oc4ids-abc123-0001`, method: 'get', headers: {} }).text) as { projects: { period: unknown }[] };
    expect(published.projects[0].period).toEqual({ startDate: '2024-01-15T00:00:00-06:00', endDate: '2024-12-31T00:00:00-06:00' });

    // After publishing, an update is a new submission.
    useHost(capturista);
    fillValid(capturista, 'Parque de la Paz (segunda etapa)');
    const update = main.submitForReview().submission!;
    expect(update.id).not.toBe(id);
    expect(update.state).toBe('submitted');
  });

  it('self-hosted: Validar tells whether the sheet still holds what was sent, and what to do when it does not', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-4' });
    fillValid(capturista, 'Parque del Centro');
    // Nothing sent yet: nothing to compare with.
    expect(main.runValidation().sheetChanged).toBeUndefined();
    const id = main.submitForReview().submission!.id;
    expect(main.runValidation().sheetChanged).toBe(false);
    // The official keeps editing after sending: the coordinators still review (and would publish) the copy sent.
    fillValid(capturista, 'Parque del Centro (corregido)');
    expect(main.runValidation().sheetChanged).toBe(true);
    // Told by hashing what «Validar» read as the server hashed what was sent (the revision the list gives): the
    // whole workbook's values went up to the server on every «Validar» for it to hash them.
    expect(capturista.fakeHttp.requests.filter((r) => r.url.endsWith(`/api/submissions/${id}/compare`))).toEqual([]);
    // A coordinator of the same state looking at the sheet is told the same, and one of another state may not ask.
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-4' });
    expect(main.runValidation().sheetChanged).toBe(true);
    const other = signedIn(local, 'coordinadorB', { selfHosted: true, spreadsheetId: 'hoja-merida-4' });
    expect(() => new BackendClient(other.http(), local.url, () => local.bearers.coordinadorB.replace(/^Bearer /, '')).compare(id)).toThrow(/no tiene permiso/);
    // Sending again makes them the same.
    useHost(capturista);
    expect(main.submitForReview().submission).toMatchObject({ id, state: 'submitted' });
    expect(main.runValidation().sheetChanged).toBe(false);
    // The server cannot be reached: the validation still answers, without the comparison.
    capturista.fakeHttp.route = () => { throw new Error('DNS error'); };
    const offline = main.runValidation();
    expect(offline.errors).toBe(0);
    expect(offline.sheetChanged).toBeUndefined();
  });

  it('cloud: the comparison reads the sheet on the server, as submitting does', async () => {
    const sheet = '1AddonCloudCompareSheetAbCdEfGh';
    await cloud.stubPut(sheet, await cloud.projectWorkbook(0, { title: 'Parque del Centro' }));
    const capturista = signedIn(cloud, 'capturistaA', { selfHosted: false, spreadsheetId: sheet });
    fillValid(capturista, 'Parque del Centro');
    main.submitForReview();
    expect(main.runValidation().sheetChanged).toBe(false);
    await cloud.stubPut(sheet, await cloud.projectWorkbook(0, { title: 'Parque del Centro (corregido)' }));
    expect(main.runValidation().sheetChanged).toBe(true);
    // Only the submission's id travels: the server reads the sheet itself.
    expect(capturista.fakeHttp.requests.filter((r) => r.url.endsWith('/compare')).every((r) => r.body === '{}')).toBe(true);
  });

  it('self-hosted: a coordinator on a sheet whose send is older than one approved since is told when that one was sent', async () => {
    const older = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-vieja' });
    fillValid(older, 'Parque de la hoja vieja');
    const olderId = main.submitForReview().submission!.id;
    await new Promise((r) => setTimeout(r, 5));
    const newer = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-nueva' });
    fillValid(newer, 'Parque de la hoja nueva');
    const sent = main.submitForReview().submission!;
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-nueva' });
    expect(main.approveSubmission(sent.id).submission).toMatchObject({ state: 'published' });
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-vieja' });
    expect(main.reviewContext().submission).toMatchObject({ id: olderId, state: 'submitted', newerApprovedAt: sent.sentAt });
  });

  it('self-hosted: a coordinator\'s decision on the revision the panel showed is refused once a new version was sent', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-version' });
    fillValid(capturista, 'Parque versión uno');
    main.submitForReview();
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-version' });
    const shown = main.reviewContext().submission!;
    expect(shown.revision).toMatch(/^[0-9a-f]{64}$/);
    useHost(capturista);
    fillValid(capturista, 'Parque versión dos');
    const newer = main.submitForReview().submission!;
    expect(newer.revision).not.toBe(shown.revision);
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-version' });
    expect(() => main.approveSubmission(shown.id, shown.revision!)).toThrow(/^Quien capturó envió una versión nueva de este envío .* no se aprobó nada\./);
    expect(() => main.returnSubmission(shown.id, 'Falta el monto.', shown.revision!)).toThrow(/no se devolvió\./);
    expect(main.approveSubmission(shown.id, newer.revision!).submission).toMatchObject({ state: 'published' });
  });

  it('self-hosted: a returned send withdrawn is said closed, not taken out of an inbox it had already left', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-devuelta' });
    fillValid(capturista, 'Parque devuelto');
    const id = main.submitForReview().submission!.id;
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-devuelta' });
    main.returnSubmission(id, 'Falta el monto.');
    useHost(capturista);
    const withdrawn = main.withdrawSubmission(id);
    expect(withdrawn.submission).toMatchObject({ id, state: 'withdrawn' });
    expect(withdrawn.notice).toBe('Se retiró el envío devuelto: queda cerrado, con sus comentarios. Lo siguiente que envíe de esta hoja será un envío nuevo.');
  });

  it('self-hosted: the official withdraws a send made by mistake; the coordinator can no longer approve it, and sending again is a new send', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-retiro' });
    fillValid(capturista, 'Parque enviado por error');
    const id = main.submitForReview().submission!.id;
    const withdrawn = main.withdrawSubmission(id);
    expect(withdrawn.submission).toMatchObject({ id, state: 'withdrawn', stateLabel: 'Retirado' });
    expect(withdrawn.notice).toBe('Se retiró el envío: ya no está en la bandeja de su coordinación. Puede enviarlo de nuevo cuando quiera.');
    // The server's own words when it is no longer withdrawable.
    expect(() => main.withdrawSubmission(id)).toThrow('Este envío ya está «Retirado»: no aparece en la bandeja de su coordinación.');
    // Nothing withdrawn is reviewed or published: «Validar» compares the sheet with nothing.
    expect(main.runValidation().sheetChanged).toBeUndefined();

    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-retiro' });
    expect(() => main.approveSubmission(id)).toThrow(/^Este envío ya no está en espera de aprobación: está «Retirado» \(lo retiró captura@merida\.gob\.mx el /);
    expect(() => main.withdrawSubmission(id)).toThrow('Su cuenta no tiene permiso para retirar envíos de «Municipio de Mérida».');

    useHost(capturista);
    const again = main.submitForReview();
    expect(again.notice).toBe('Se envió a revisión: ya aparece en la bandeja de su coordinación.');
    expect(again.submission).toMatchObject({ state: 'submitted' });
    expect(again.submission!.id).not.toBe(id);
  });

  it('a send returned round after round: the panel says that its first and newest entries are shown, in the review pages\' words', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-4' });
    fillValid(capturista, 'Parque del Centro');
    const id = main.submitForReview().submission!.id;
    const coordinator = signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-4' });
    // The longest comments the server takes, which JSON escapes to ~30 KB each: the send's history is full after ~9.
    for (let n = 1; n <= 10; n++) {
      useHost(coordinator);
      main.returnSubmission(id, `Devolución ${n}: `.padEnd(MAX_COMMENT_LENGTH, '\u0001'));
      useHost(capturista);
      expect(main.submitForReview().submission).toMatchObject({ id, state: 'submitted' });
    }
    const shown = main.reviewContext().submission!;
    const listed = JSON.parse(local.http.fetch({ url: `${local.url}/api/submissions/${id}`, method: 'get', headers: { Authorization: local.bearers.capturistaA } }).text) as { submission: { earlierEntries?: number } };
    expect(listed.submission.earlierEntries).toBeGreaterThan(0);
    expect(shown.omittedHistory).toBe(omittedHistoryText(listed.submission.earlierEntries!));
    expect(shown.omittedHistory).toMatch(/^Se muestran el primer envío y las entradas más recientes: \d+ entradas intermedias ya no se guardan en este envío, ni sus comentarios\.$/);
  });

  it("Validar checks ids against the institution's registered prefixes, as the server will, when it can ask the server", () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-3' });
    fillValid(capturista, 'Parque del Centro');
    const cols = sheetOf('Proyectos').columns;
    capturista.ss.get('Proyectos').paste({ row: 3, column: cols.findIndex((c) => c.field === 'id') + 1, rows: 1, columns: 1 }, [['oc4ids-zzz999-0001']]);
    const messages = (): string[] => main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items.map((i) => i.message)));
    expect(messages().some((m) => m.includes('no usa el prefijo registrado de su institución en la plataforma: debe empezar con «oc4ids-abc123-»'))).toBe(true);
    // Offline (no server set), the sheet's own Configuración is all there is: no prefix there, nothing to compare.
    main.saveAddonSettings({ backendUrl: PLACEHOLDER_BACKEND_URL, apiToken: '' });
    expect(messages().some((m) => m.includes('prefijo'))).toBe(false);
  });

  it("an approval refused for errors sends the coordinator to the send's page for the rest, not to Validar, which reads the sheet as it is now", async () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-aprobacion-rechazada' });
    fillValid(capturista, 'Parque del Centro');
    const ws = capturista.ss.get('Proyectos');
    const row = ws.values()[2];
    const idAt = sheetOf('Proyectos').columns.findIndex((c) => c.field === 'id');
    ws.paste({ row: 4, column: 1, rows: 6, columns: row.length }, [2, 3, 4, 5, 6, 7].map((n) => row.map((v, i) => (i === idAt ? `oc4ids-abc123-000${n}` : v))));
    const sent = main.submitForReview().submission!;
    // Registered anew with another project prefix after the send: approving finds its 7 project ids wrong.
    const register = async (projectIdPrefix: string): Promise<void> => {
      const r = await fetch(`${local.url}/api/publishers/mer`, { method: 'PUT', headers: { Authorization: local.bearers.admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Municipio de Mérida', state: 'Yucatán', ocidPrefix: 'ocds-abc123', projectIdPrefix, commitment: { projects: 5, periodicityDays: 90 }, allowPrefixChange: true }) });
      expect(r.status).toBe(200);
    };
    await register('oc4ids-otro99');
    try {
      signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-aprobacion-rechazada' });
      let refusal = '';
      try { main.approveSubmission(sent.id); } catch (e) { refusal = (e as Error).message; }
      expect(refusal).toMatch(/^No se publicó: el libro tiene 7 errores/);
      expect(refusal.endsWith(` más: véalos todos, con su hoja y su celda, en la página del envío: ${local.url}/#/revision/${encodeURIComponent(sent.id)}.`)).toBe(true);
      expect(refusal).not.toContain('Validar');
    } finally {
      await register('oc4ids-abc123');
    }
  });

  it('Validar says what sending will say of processes and projects of another implementer, at their cells, asking the server once', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-vinculos' });
    fillValid(capturista, 'Parque del Centro');
    // The project lists a process of Monterrey's prefix, which Monterrey has not published: sending warns of it.
    const cols = sheetOf('Procesos del proyecto').columns;
    const row = cols.map((c) => ({ id: 'oc4ids-abc123-0001', 'contractingProcesses/id': 'ocds-def456-0007', 'contractingProcesses/summary/title': 'Pavimentación', 'contractingProcesses/summary/nature': 'Construcción (ejecución de obra)' } as Record<string, string>)[c.field] ?? '');
    capturista.ss.get('Procesos del proyecto').paste({ row: 3, column: 1, rows: 1, columns: cols.length }, [row]);
    const idColumn = cols.findIndex((c) => c.field === 'contractingProcesses/id') + 1;
    const items = () => main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items.map((i) => ({ sheet: g.sheet, ...i }))));
    capturista.fakeHttp.requests.length = 0;
    const told = items().filter((i) => i.message.includes('ocds-def456-0007'));
    expect(told).toEqual([expect.objectContaining({ sheet: 'Procesos del proyecto', row: 3, column: idColumn, message: expect.stringContaining('lleva el prefijo de Municipio de Monterrey, que aún no lo publica') })]);
    expect(capturista.fakeHttp.requests.filter((r) => r.url.endsWith('/api/link-check'))).toHaveLength(1);
    // …the same the send says, which takes the workbook with its warning.
    const sent = main.submitForReview();
    expect(sent.submission?.state).toBe('submitted');
    const kept = JSON.parse(local.http.fetch({ url: `${local.url}/api/submissions/${sent.submission!.id}/findings`, method: 'get', headers: { Authorization: local.bearers.capturistaA } }).text) as { findings: { code: string }[] };
    expect(kept.findings.map((f) => f.code)).toContain('link.otherPublisherUnpublished');
    // The server unreachable (the Configuración's prefix known): said at the cell as checked at sending.
    capturista.ss.get(SETTINGS_SHEET).paste({ row: 4, column: 2, rows: 1, columns: 1 }, [['ocds-abc123']]);
    capturista.fakeHttp.route = () => { throw new Error('sin red'); };
    expect(items().filter((i) => i.message.includes('ocds-def456-0007'))).toEqual([expect.objectContaining({ row: 3, column: idColumn, message: expect.stringContaining('Al enviar, la plataforma revisará en su registro que esa institución tenga publicado el proceso') })]);
  });

  it('self-hosted: a workbook the server refuses comes back as its Spanish cell findings; a bad token is a clear message', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-2' });
    // The server validates again on its own: values with errors sent past the sidebar are refused, nothing is created.
    const client = new BackendClient(capturista.http(), local.url, () => local.bearers.capturistaA.replace(/^Bearer /, ''));
    const broken = { sheets: [{ name: 'projects', rows: [['id', 'title', 'budget/amount/amount'], ['oc4ids-abc123-0009', 'Puente', 'mucho']] }] };
    expect(() => client.submit('hoja-merida-2', broken)).toThrow(/^No se envió: el libro tiene \d+ errores[\s\S]*• Error — Hoja «projects», fila 2/);
    // …and told, after its findings, that its coordination sees the attempt for a week, as «Mis envíos» says it.
    const told = (() => { try { client.submit('hoja-merida-2', broken); return ''; } catch (e) { return (e as Error).message; } })();
    expect(told.endsWith(`\n${REFUSAL_SEEN_BY_COORDINATION}`)).toBe(true);
    expect(main.reviewContext().submission).toBeNull();
    capturista.props.setUser(documentTokenProperty('hoja-merida-2'), 'ia_this-is-not-a-real-token-at-all');
    expect(() => main.reviewContext()).toThrow(/La clave de acceso no es válida/);
    capturista.props.setUser(documentTokenProperty('hoja-merida-2'), null);
    // A new official whose key is not typed yet: the add-on sends the Google identity, which a self-hosted server does
    // not take. What to do is said, not «no es válida o fue revocada» for a key never given; the dialog marks the key.
    capturista.props.setUser('INFRA_API_TOKEN', null);
    expect(() => main.reviewContext()).toThrow(/^Falta su clave de acceso: .*Configurar servidor .*«Clave de acceso»/);
    expect(main.runValidation().reviewFailure).toMatch(/^Falta su clave de acceso/);
    expect(main.saveAddonSettings({ backendUrl: local.url, apiToken: '' }).check).toEqual({ ok: false, field: 'token', text: expect.stringMatching(/^La dirección es la de un servidor propio, que pide su clave de acceso: escríbala en «Clave de acceso»/) });
  });

  it('self-hosted: a consultant with a key for each of two implementers sends each spreadsheet for its own; a key of the other one is refused, saying so', () => {
    // One person (one set of user properties), two spreadsheets: Mérida's with Mérida's key, Monterrey's with Monterrey's.
    const merida = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-consultor-merida' });
    fillValid(merida, 'Parque del Centro');
    expect(main.submitForReview().submission).toMatchObject({ state: 'submitted' });
    const monterrey = fakeHost({ backendUrl: PLACEHOLDER_BACKEND_URL, serviceAccount: null });
    monterrey.ss.setId('hoja-consultor-monterrey');
    (monterrey.props as unknown as { user: Map<string, string> }).user = merida.props.user;
    monterrey.fakeHttp.route = (r) => local.http.fetch(r);
    useHost(monterrey);
    main.saveAddonSettings({ backendUrl: local.url, apiToken: local.bearers.capturistaB.replace(/^Bearer /, '') });
    expect(main.reviewContext().role).toBe('capturista');
    // Back in Mérida's spreadsheet: its own key, not the one typed last (that one sent Mérida's sheet as Monterrey's).
    useHost(merida);
    const again = main.submitForReview();
    expect(again.submission).toMatchObject({ state: 'submitted' });
    const sends = merida.fakeHttp.requests.filter((r) => r.method === 'post' && r.url.endsWith('/api/submissions'));
    expect(sends.map((r) => r.headers?.Authorization)).toEqual([local.bearers.capturistaA, local.bearers.capturistaA]);
    // A spreadsheet with no key of its own takes the last one typed: Mérida's sheet with Monterrey's key is not sent
    // (Validar finds Mérida's prefix), and the server, asked past the panel, says whose sheet it is and what to do.
    merida.props.setUser(documentTokenProperty('hoja-consultor-merida'), null);
    expect(() => main.submitForReview()).toThrow(/^No se puede enviar a revisión/);
    // Validar's error on the identifier does not send the official to rewrite Mérida's identifiers as Monterrey's.
    const said = main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items.map((i) => i.message)));
    expect(said.filter((m) => m.includes('oc4ids-abc123-0001'))).toEqual([expect.stringContaining('no cambie los identificadores: envíela con la cuenta de esa institución')]);
    const client = new BackendClient(merida.http(), local.url, () => local.bearers.capturistaB.replace(/^Bearer /, ''));
    const values = JSON.parse(sentText(sends[0])) as { workbook: Parameters<BackendClient['submit']>[1] };
    expect(() => client.submit('hoja-consultor-merida', values.workbook)).toThrow(/se ha enviado para «Municipio de Mérida», y su cuenta \(captura@monterrey\.gob\.mx\) envía para «Municipio de Monterrey».*Configurar servidor/);
  });

  it('cloud: Google identity, the backend pulls the sheet; the service account comes from the backend', async () => {
    const sheet = '1AddonCloudSheetAbCdEfGhIjKlMn';
    await cloud.stubPut(sheet, await cloud.projectWorkbook(0, { title: 'Parque del Centro' }));
    const capturista = signedIn(cloud, 'capturistaA', { selfHosted: false, spreadsheetId: sheet });
    fillValid(capturista, 'Parque del Centro');
    const sent = main.submitForReview();
    expect(sent).toMatchObject({ role: 'capturista', serviceAccount: cloud.serviceAccount, submission: { state: 'submitted' } });
    // With the spreadsheet's name (SpreadsheetApp's), which the coordinators' inbox shows; the backend reads the values.
    expect(JSON.parse(sentText(capturista.fakeHttp.requests.find((r) => r.method === 'post')!))).toEqual({ spreadsheetId: sheet, spreadsheetName: 'Obra pública 2024' });
    signedIn(cloud, 'coordinadorA', { selfHosted: false, spreadsheetId: sheet });
    expect(main.approveSubmission(sent.submission!.id).submission?.state).toBe('published');
  });

  it('self-hosted: sending reads each sheet once, and sends the values it validated', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-una-lectura' });
    fillValid(capturista, 'Parque del Centro');
    for (const ws of capturista.ss.sheets()) ws.calls.delete('values');
    expect(main.submitForReview().submission).toMatchObject({ state: 'submitted' });
    const reads = capturista.ss.sheets().filter((ws) => ws.name() !== CATALOG_SHEET && ws.name() !== INSTRUCTIONS_SHEET).map((ws) => ws.calls.get('values'));
    expect(new Set(reads)).toEqual(new Set([1]));
    const sent = capturista.fakeHttp.requests.find((r) => r.method === 'post' && r.url.endsWith('/api/submissions'))!;
    const projects = (JSON.parse(sentText(sent)) as { workbook: { sheets: { name: string; rows: unknown[][] }[] } }).workbook.sheets.find((s) => s.name === 'Proyectos')!;
    expect(projects.rows[2]).toContain('Parque del Centro');
  });

  it('self-hosted: date-times typed at 06:00 and 18:00 in Mexico City are validated, sent and published with their day and time; an older add-on\'s values read as before', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-seis' });
    main.menuCreateTemplate();
    const cols = sheetOf('Proyectos').columns;
    // As Apps Script's getValues() gives them in Mexico City (UTC−6): «31/03/2024 06:00» is 12:00 UTC, «30/12/2024
    // 18:00» is UTC midnight, «15/01/2024 00:00» (the same number Sheets keeps for 15/01/2024) is 06:00 UTC.
    const values: Record<string, string | number | Date> = {
      id: 'oc4ids-abc123-0600', title: 'Mercado municipal', description: 'Rehabilitación del mercado', status: 'Ejecución', type: 'Rehabilitación', sector: 'Educación',
      'budget/amount/amount': 5000000, 'budget/amount/currency': 'MXN', 'budget/approvalDate': new Date('2024-01-15T06:00:00Z'),
      'period/startDate': new Date('2024-03-31T12:00:00Z'), 'period/endDate': new Date('2024-12-31T00:00:00Z'),
    };
    capturista.ss.get('Proyectos').paste({ row: 3, column: 1, rows: 1, columns: cols.length }, [cols.map((c) => values[c.field] ?? '')]);
    expect(main.runValidation().errors).toBe(0);
    const sent = main.submitForReview().submission!;
    const post = capturista.fakeHttp.requests.find((r) => r.method === 'post' && r.url.endsWith('/api/submissions'))!;
    const payload = JSON.parse(sentText(post)) as { spreadsheetId: string; workbook: { sheets: { name: string; rows: unknown[][] }[] } };
    const row = payload.workbook.sheets.find((x) => x.name === 'Proyectos')!.rows[2];
    const at = (field: string): number => cols.findIndex((c) => c.field === field);
    // Sent as they read: 06:00 was sent as the day alone (read as Apps Script's midnight), 18:00 as the next day.
    expect([row[at('period/startDate')], row[at('period/endDate')], row[at('budget/approvalDate')]]).toEqual(['2024-03-31T06:00:00-06:00', '2024-12-30T18:00:00-06:00', '2024-01-15']);
    // The add-on's hash of the dates it read is the server's of what it kept: nothing changed since.
    expect(main.runValidation().sheetChanged).toBe(false);
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-seis' });
    expect(main.approveSubmission(sent.id).submission?.state).toBe('published');
    const published = (): unknown => (JSON.parse(local.http.fetch({ url: `${local.url}/api/oc4ids/projects/oc4ids-abc123-0600`, method: 'get', headers: {} }).text) as { projects: { period: unknown; budget: unknown }[] }).projects[0];
    expect(published()).toMatchObject({ period: { startDate: '2024-03-31T06:00:00-06:00', endDate: '2024-12-30T18:00:00-06:00' }, budget: { approvalDate: '2024-01-15T00:00:00-06:00' } });

    // The values as the add-on's previous version sent the same cells (the day alone for both), from another
    // spreadsheet: the server reads them as it did, the days at midnight.
    row[at('period/startDate')] = '2024-03-31';
    row[at('period/endDate')] = '2024-12-31';
    row[at('title')] = 'Mercado municipal (complemento anterior)';
    const older = local.http.fetch({ url: `${local.url}/api/submissions`, method: 'post', headers: { Authorization: local.bearers.capturistaA, 'Content-Type': 'application/json' }, body: JSON.stringify({ ...payload, spreadsheetId: 'hoja-merida-anterior' }) });
    expect(older.status).toBe(201);
    const olderId = (JSON.parse(older.text) as { submission: { id: string } }).submission.id;
    expect(local.http.fetch({ url: `${local.url}/api/submissions/${olderId}/approve`, method: 'post', headers: { Authorization: local.bearers.coordinadorA, 'Content-Type': 'application/json' }, body: '{}' }).status).toBe(200);
    expect(published()).toMatchObject({ title: 'Mercado municipal (complemento anterior)', period: { startDate: '2024-03-31T00:00:00-06:00', endDate: '2024-12-31T00:00:00-06:00' }, budget: { approvalDate: '2024-01-15T00:00:00-06:00' } });
  });

  it('self-hosted: merged cells travel with the values, and the server finds what Validar found', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-combinada' });
    fillValid(capturista, 'Parque del Centro');
    const purpose = sheetOf('Proyectos').columns.findIndex((c) => c.field === 'purpose') + 1;
    const letter = String.fromCharCode(64 + purpose);
    // A second project below, and the first one's purpose merged over both rows: the second one's is lost (a merge
    // over an empty row loses nothing and is not said).
    const ws = capturista.ss.get('Proyectos');
    const first = ws.values()[2];
    ws.paste({ row: 4, column: 1, rows: 1, columns: first.length }, [first.map((v, i) => (i === 0 ? 'oc4ids-abc123-0002' : v))]);
    ws.paste({ row: 3, column: purpose, rows: 1, columns: 1 }, [['Movilidad peatonal']]);
    ws.merge(`${letter}3:${letter}4`);
    const merged = (f: { message: string }) => f.message.startsWith(`Hay celdas combinadas (${letter}3:${letter}4)`);
    expect(main.runValidation().groups.flatMap((g) => g.fields.flatMap((f) => f.items)).filter(merged)).toHaveLength(1);
    const sent = main.submitForReview().submission!;
    const post = capturista.fakeHttp.requests.find((r) => r.method === 'post' && r.url.endsWith('/api/submissions'))!;
    expect((JSON.parse(sentText(post)) as { workbook: { sheets: { name: string; merges?: string[] }[] } }).workbook.sheets.find((x) => x.name === 'Proyectos')!.merges).toEqual([`${letter}3:${letter}4`]);
    // What the coordinator reviews: the same warning, at the same cell (it was lost on the way: the values went without it).
    const kept = JSON.parse(local.http.fetch({ url: `${local.url}/api/submissions/${sent.id}`, method: 'get', headers: { Authorization: local.bearers.capturistaA } }).text) as { submission: { findings: { warnings: number; sample: { code: string }[] } } };
    // (Beside it, each project's aviso of the CoST IDS points it lacks.)
    expect(kept.submission.findings.sample.filter((f) => f.code !== 'project.costIdsMissing')).toEqual([expect.objectContaining({ code: 'sheet.merged-cells', severity: 'warning', params: { range: `${letter}3:${letter}4`, rows: '4', rowCount: 1 }, cell: { sheet: 'Proyectos', row: 3, column: purpose } })]);
    expect(main.runValidation().sheetChanged).toBe(false);
  });

  it('self-hosted: a document link behind «Contrato» travels with the values, and the server publishes its address as Validar read it', () => {
    const capturista = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-vinculo' });
    fillValid(capturista, 'Parque del Centro');
    const columns = sheetOf('Documentos del proyecto').columns;
    const url = columns.findIndex((c) => c.field === 'documents/url') + 1;
    const cells: Record<string, string> = { id: 'oc4ids-abc123-0001', 'documents/id': 'D1', 'documents/documentType': 'Contrato', 'documents/title': 'Contrato de obra', 'documents/description': 'Contrato firmado', 'documents/format': 'application/pdf', 'documents/url': 'Contrato' };
    const ws = capturista.ss.get('Documentos del proyecto');
    ws.paste({ row: 3, column: 1, rows: 1, columns: columns.length }, [columns.map((c) => cells[c.field] ?? '')]);
    ws.cell(3, url).link = 'https://merida.gob.mx/contrato.pdf';
    const sent = main.submitForReview().submission!;
    expect(sent).toMatchObject({ state: 'submitted' });
    const post = capturista.fakeHttp.requests.find((r) => r.method === 'post' && r.url.endsWith('/api/submissions'))!;
    const letter = String.fromCharCode(64 + url);
    expect((JSON.parse(sentText(post)) as { workbook: { sheets: { name: string; links?: Record<string, string> }[] } }).workbook.sheets.find((x) => x.name === 'Documentos del proyecto')!.links).toEqual({ [`${letter}3`]: 'https://merida.gob.mx/contrato.pdf' });
    expect(main.runValidation().sheetChanged).toBe(false);
    // Another address behind the same text is a change (the link is part of what was sent).
    ws.cell(3, url).link = 'https://merida.gob.mx/otro.pdf';
    expect(main.runValidation().sheetChanged).toBe(true);
    ws.cell(3, url).link = 'https://merida.gob.mx/contrato.pdf';
    signedIn(local, 'coordinadorA', { selfHosted: true, spreadsheetId: 'hoja-merida-vinculo' });
    expect(main.approveSubmission(sent.id).submission?.state).toBe('published');
    const project = JSON.parse(local.http.fetch({ url: `${local.url}/api/oc4ids/projects/oc4ids-abc123-0001`, method: 'get', headers: {} }).text) as { projects: { documents?: { url?: string }[] }[] };
    expect(project.projects[0].documents?.map((d) => d.url)).toEqual(['https://merida.gob.mx/contrato.pdf']);
  });

  it('Validar asks a server it cannot reach once, not once for each thing the server would tell it', () => {
    // UrlFetchApp waits for an unresponsive server before failing: each extra request was that wait again.
    const host = signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-sin-red' });
    fillValid(host, 'Parque del Centro');
    host.fakeHttp.route = () => { throw new Error('Exception: Timeout: https://datos.ejemplo.mx/api/submissions'); };
    const before = host.fakeHttp.requests.length;
    const report = main.runValidation();
    expect(report.errors).toBe(0);
    expect(report.review).toBeUndefined();
    expect(host.fakeHttp.requests.length - before).toBe(1);
  });

  it('network failures and non-JSON answers are plain Spanish, never a raw exception', () => {
    const host = signedIn(local, 'capturistaA', { selfHosted: true });
    host.fakeHttp.route = () => { throw new Error('DNS error: backend.example.test'); };
    expect(() => main.reviewContext()).toThrow('No fue posible comunicarse con el servidor');
    host.spreadsheetForbidden = true;
    expect(() => main.runValidation()).toThrow(UNEXPECTED);
    expect(host.logged).toHaveLength(1);
  });

  // Last here: the institution's 2,102 sends stay in this app.
  it('self-hosted: the panel finds the sheet\'s latest send among more than 2,000 of its institution (read the newest first)', async () => {
    // The server reads at most 20 pages of 100 of the institution's sends to find the sheet's: read from the oldest,
    // the sheet's first send was found, its latest not, and the panel showed «Devuelto» for a send awaiting review.
    const at = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
    const send = (id: string, spreadsheetId: string, n: number, status: 'returned' | 'submitted'): Submission => ({
      id, publisherId: 'mer', source: { kind: 'sheets', spreadsheetId }, status, history: [{ at: at(n), by: 'u-cap-mer', action: 'submit' }], createdAt: at(n), updatedAt: at(n),
    });
    await local.createSubmissions([
      send('hoja-muchos-primero', 'hoja-merida-muchos', 0, 'returned'),
      ...Array.from({ length: 2100 }, (_, i) => send(`otra-hoja-${i}`, `hoja-merida-otra-${i}`, i + 1, 'returned')),
      send('hoja-muchos-ultimo', 'hoja-merida-muchos', 2101, 'submitted'),
    ]);
    signedIn(local, 'capturistaA', { selfHosted: true, spreadsheetId: 'hoja-merida-muchos' });
    expect(main.reviewContext().submission).toMatchObject({ id: 'hoja-muchos-ultimo', state: 'submitted' });
  });
});

describe('large and odd workbooks', () => {
  // The cap (ITEMS_PER_FIELD) is sized for a 20,000-row sheet full of errors, and what it keeps does not grow with
  // the rows: 5,000 rows show what 20,000 did, in a quarter of the time (20,000 took 10-12 s of this file on 2 cores).
  // Each amount is wrong in its own words, so each row's message differs: a repeated message is listed once (alsoIn)
  // and the same «mucho» in every row left the cap untested (the report stayed small without it).
  it('keeps the report small on a 5,000-row sheet full of errors and skips header-only sheets when re-marking', () => {
    main.menuCreateTemplate();
    const ws = h.ss.get('Proyectos');
    const amount = projects!.columns.findIndex((c) => c.field === 'budget/amount/amount');
    const rows = Array.from({ length: 5000 }, (_, r) => projects!.columns.map((c, i) => (i === 0 ? `oc4ids-abc123-${r}` : i === amount ? `mucho ${r}` : '')));
    ws.paste({ row: 3, column: 1, rows: rows.length, columns: rows[0].length }, rows);
    const report = main.runValidation();
    expect(report.errors).toBeGreaterThan(5 * rows.length);
    expect(JSON.stringify(report).length).toBeLessThan(500_000);
    expect(report.groups.find((g) => g.sheet === 'Proyectos')?.fields.every((f) => f.items.length <= 25)).toBe(true);
    expect(h.ss.get('Ubicaciones').calls.get('notes')).toBeUndefined();
    expect(ws.calls.get('notes')).toBe(1);
  });
});
