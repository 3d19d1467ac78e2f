/** Entry points of the add-on against the typed fake spreadsheet and a scripted backend (issue 5, test a). */
import { useHost } from '../../addon/src/host';
import * as main from '../../addon/src/main';
import { MENU } from '../../addon/src/menu';
import { PLACEHOLDER_BACKEND_URL } from '../../addon/src/config';
import { headerTitle } from '../../core/template/layout';
import { MARK_COLOR, MARK_PREFIX } from '../../addon/src/validation/marks';
import { UNEXPECTED } from '../../addon/src/user-error';
import { CATALOG_SHEET, INSTRUCTIONS_SHEET, SETTINGS_SHEET } from '../../core/template/settings';
import { templateSpec } from '../../core/template/template-spec';
import type { ColumnSpec } from '../../core/template/spec';
import { fakeHost, type FakeHost } from './fake-host';
import type { FakeSheet } from './fake-spreadsheet';

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
  ws.setValues({ row, column: 1, rows: 1, columns: cells.length }, [cells]);
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
    expect(h.fakeUi.menus[0].map((m) => m.label)).toEqual(['Crear plantilla', 'Validar datos', 'Quitar marcas', 'Ayuda']);
  });

  it('points every menu item at an exported entry point', () => {
    for (const item of MENU) expect(typeof (main as Record<string, unknown>)[item.functionName]).toBe('function');
  });

  it('opens the sidebar and the help dialog', () => {
    main.menuValidate();
    main.menuHelp();
    expect(h.fakeUi.sidebars).toEqual(['Infraestructura Abierta']);
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
    const rule = ws.peek(3, coded + 1)?.validation;
    expect(rule?.sourceSheet).toBe(CATALOG_SHEET);
    // The drop-down range holds exactly the Spanish titles of the column's codelist.
    const m = /^\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(rule?.sourceA1 ?? '');
    expect(m).not.toBeNull();
    const catalogue = h.ss.get(CATALOG_SHEET).values();
    const letter = m![1].charCodeAt(0) - 64;
    const listed = catalogue.slice(Number(m![2]) - 1, Number(m![3])).map((r) => r[letter - 1]);
    expect(listed).toEqual(projects!.columns[coded].options!.map((o) => o.title));

    const date = projects!.columns.findIndex((c) => c.type === 'date');
    expect(ws.peek(3, date + 1)?.format).toBe('dd/mm/yyyy');
    expect(h.ss.get(SETTINGS_SHEET).values()[1][2]).toBe('publisherName');
    expect(h.ss.toasts[0]).toContain('Se agregaron');
  });

  it('never overwrites a sheet that holds data', () => {
    const ws = h.ss.insertSheet('Proyectos');
    ws.setValues({ row: 1, column: 1, rows: 1, columns: 2 }, [['mis datos', 42]]);
    main.menuCreateTemplate();
    expect(ws.values()).toEqual([['mis datos', 42]]);
    expect(h.ss.toasts[0]).toContain('No se modificaron porque ya tienen datos: Proyectos');
    main.menuCreateTemplate();
    expect(h.ss.sheets().filter((s) => s.name() === 'Proyectos')).toHaveLength(1);
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

  it('points a required field left empty in every row at its own column, and marks that cell', () => {
    const description = col('description');
    const report = main.runValidation();
    const field = report.groups.find((g) => g.sheet === 'Proyectos')?.fields.find((f) => f.field === description.spec.title);
    expect(field?.items[0]).toMatchObject({ severity: 'error', row: 3, column: description.index });
    expect(h.ss.get('Proyectos').peek(3, description.index)?.note?.startsWith(MARK_PREFIX)).toBe(true);
  });

  it('re-validating clears old marks, keeps user notes and fills, and Quitar marcas removes only ours', () => {
    const ws = h.ss.get('Proyectos');
    ws.cell(3, amount.index).note = 'Nota de la capturista';
    main.runValidation();
    expect(ws.peek(3, amount.index)?.note).toMatch(/^Nota de la capturista\n\n⚠/);

    ws.setValues({ row: 3, column: amount.index, rows: 1, columns: 1 }, [[1500000]]);
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

  it('keeps a fill the user chose and only adds the note', () => {
    const ws = h.ss.get('Proyectos');
    ws.cell(3, amount.index).background = '#00ff00';
    main.runValidation();
    expect(ws.peek(3, amount.index)?.background).toBe('#00ff00');
    main.menuRemoveMarks();
    expect(ws.peek(3, amount.index)?.background).toBe('#00ff00');
    expect(h.ss.toasts.at(-1)).toContain('Se quitaron');
  });

  it('selects the cell of a finding', () => {
    main.selectCell('Proyectos', 3, amount.index);
    expect(h.ss.active).toEqual({ sheet: 'Proyectos', row: 3, column: amount.index });
    expect(() => main.selectCell('No existe', 1, 1)).toThrow('La hoja «No existe» ya no existe');
  });

  it('still works when the sheet is renamed and columns are moved', () => {
    const ws = h.ss.get('Proyectos');
    ws.rename('Mis proyectos');
    const values = ws.values();
    const swapped = values.map((row) => [row[amount.index - 1], ...row.filter((_, i) => i !== amount.index - 1)]);
    ws.clear();
    ws.setValues({ row: 1, column: 1, rows: swapped.length, columns: swapped[0].length }, swapped);
    const report = main.runValidation();
    const items = report.groups.flatMap((g) => g.fields.flatMap((f) => f.items));
    expect(items.some((i) => i.a1 === 'Mis proyectos!A3' && i.message.includes('mucho'))).toBe(true);
  });
});

describe('submit and review', () => {
  const list = (body: unknown) => ({ status: 200, text: JSON.stringify(body) });

  it('shows the submission state, role, comments and the service account', () => {
    h.fakeHttp.route = () => list({
      role: 'capturista',
      serviceAccount: 'ingesta@proyecto.iam.gserviceaccount.com',
      submissions: [{ id: 's1', state: 'returned', updatedAt: '2024-03-01T10:00:00Z', comments: [{ author: 'og@estado.gob.mx', text: 'Falta el presupuesto', at: '2024-03-01' }] }],
    });
    const ctx = main.reviewContext();
    expect(ctx).toMatchObject({ backendConfigured: true, role: 'capturista', serviceAccount: 'ingesta@proyecto.iam.gserviceaccount.com' });
    expect(ctx.submission).toMatchObject({ id: 's1', stateLabel: 'Devuelta con comentarios', comments: [{ text: 'Falta el presupuesto' }] });
    const req = h.fakeHttp.requests[0];
    expect(req.url).toBe('https://backend.example.test/api/submissions?spreadsheetId=hoja-de-prueba');
    expect(req.headers.Authorization).toBe('Bearer id-token-de-prueba');
  });

  it('refuses to submit while there are errors, and submits once there are none', () => {
    main.menuCreateTemplate();
    writeRow(h.ss.get('Proyectos'), 3, { id: 'oc4ids-abc123-0001', 'budget/amount/amount': 'mucho' });
    h.fakeHttp.route = (r) => (r.method === 'post' ? { status: 201, text: JSON.stringify({ id: 's2', state: 'submitted' }) } : list({ submissions: [{ id: 's2', state: 'submitted' }] }));
    expect(() => main.submitForReview()).toThrow(/No se puede enviar a revisión: la validación encontró \d+ errores/);
    expect(h.fakeHttp.requests).toHaveLength(0);

    h.ss.get('Proyectos').clear();
    h.ss.get('Proyectos').setValues({ row: 1, column: 1, rows: 1, columns: 1 }, [['x']]);
    const fresh = fakeHost();
    fresh.fakeHttp.route = h.fakeHttp.route;
    useHost(fresh);
    main.menuCreateTemplate();
    const ctx = main.submitForReview();
    expect(fresh.fakeHttp.requests[0]).toMatchObject({ method: 'post', url: 'https://backend.example.test/api/submissions', body: { spreadsheetId: 'hoja-de-prueba' } });
    expect(ctx.submission?.stateLabel).toBe('En revisión');
  });

  it('approves and returns with a comment as a coordinator', () => {
    h.fakeHttp.route = (r) => (r.method === 'post' ? { status: 200, text: JSON.stringify({ submission: { id: 's3', state: r.url.endsWith('/approve') ? 'approved' : 'returned' } }) } : list({ role: 'coordinador', submissions: [] }));
    main.approveSubmission('s3');
    main.returnSubmission('s3', '  Revise las fechas  ');
    const posts = h.fakeHttp.requests.filter((r) => r.method === 'post');
    expect(posts.map((r) => r.url)).toEqual(['https://backend.example.test/api/submissions/s3/approve', 'https://backend.example.test/api/submissions/s3/return']);
    expect(posts[1].body).toEqual({ comment: 'Revise las fechas' });
    expect(() => main.returnSubmission('s3', '   ')).toThrow('Escriba un comentario');
  });

  it('shows the backend Spanish error, a plain message for other failures, and never a raw exception', () => {
    h.fakeHttp.route = () => ({ status: 403, text: JSON.stringify({ error: { code: 'forbidden', message: 'Solo el coordinador de su estado puede aprobar.' } }) });
    expect(() => main.approveSubmission('s1')).toThrow('Solo el coordinador de su estado puede aprobar.');
    h.fakeHttp.route = () => ({ status: 502, text: '<html>Bad gateway</html>' });
    expect(() => main.reviewContext()).toThrow('El servidor no pudo atender la solicitud');
    h.fakeHttp.route = () => { throw new Error('DNS error: backend.example.test'); };
    expect(() => main.reviewContext()).toThrow('No fue posible comunicarse con el servidor');
    h.spreadsheetForbidden = true;
    expect(() => main.runValidation()).toThrow(UNEXPECTED);
    expect(h.logged).toHaveLength(1);
  });

  it('explains that the backend is not configured yet', () => {
    useHost(fakeHost({ backendUrl: PLACEHOLDER_BACKEND_URL, serviceAccount: null }));
    expect(main.reviewContext()).toEqual({ backendConfigured: false, role: null, submission: null, serviceAccount: null });
    expect(() => main.approveSubmission('s1')).toThrow('aún no tiene configurada la dirección del servidor');
  });
});

describe('large and odd workbooks', () => {
  it('keeps the report small on a 20,000-row sheet and skips header-only sheets when re-marking', () => {
    main.menuCreateTemplate();
    const ws = h.ss.get('Proyectos');
    const amount = projects!.columns.findIndex((c) => c.field === 'budget/amount/amount');
    const rows = Array.from({ length: 20000 }, (_, r) => projects!.columns.map((c, i) => (i === 0 ? `oc4ids-abc123-${r}` : i === amount ? 'mucho' : '')));
    ws.setValues({ row: 3, column: 1, rows: rows.length, columns: rows[0].length }, rows);
    const report = main.runValidation();
    expect(report.errors).toBeGreaterThan(20000);
    expect(JSON.stringify(report).length).toBeLessThan(500_000);
    expect(report.groups.find((g) => g.sheet === 'Proyectos')?.fields.every((f) => f.items.length <= 25)).toBe(true);
    expect(h.ss.get('Ubicaciones').calls.get('notes')).toBeUndefined();
    expect(ws.calls.get('notes')).toBe(1);
  });
});
