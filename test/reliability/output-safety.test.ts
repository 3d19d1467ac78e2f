/**
 * Output safety (Reliability issue §3): what officials type is data, never markup or formulas.
 * - The built sidebar in headless Chromium renders findings whose values, sheet names and headers are HTML
 *   (`<img src=x onerror=…>`, `<script>`) as plain text: no element is created, no handler runs.
 * - Exports neutralise formula injection: csvField / neutraliseFormula, and the bulk `datos.xlsx`, whose text
 *   cells starting with = + - @ come back as text with a leading apostrophe (numbers untouched).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { describeIfChromium, launchChromium } from '../browser';
import { buildSidebar } from '../../scripts/build-addon';
import type { ReviewContext, ValidationReport } from '../../addon/src/rpc-types';
import { groupFindings } from '../../addon/src/validation/group-findings';
import { finding } from '../../core/findings/finding';
import { csvField, neutraliseFormula } from '../../core/format/formula-safety';
import { createApp } from '../../functions/src/app';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { publish } from '../../functions/src/publication/publish';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';

/** google.script.run answering each call with a fixed value (the same shape the add-on's server functions return). */
function fakeGoogle(responses: Record<string, unknown>): void {
  const run = (success?: (v: unknown) => void): unknown => new Proxy({}, {
    get(_t, name: string) {
      if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => run(fn);
      if (name === 'withFailureHandler') return () => run(success);
      return () => { setTimeout(() => success?.(responses[name] ?? null), 10); };
    },
  });
  (globalThis as unknown as { google: unknown }).google = { script: { run: run(), host: { editor: { focus: () => undefined } } } };
}

describeIfChromium('sidebar renders hostile values as text', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidebar-safety-'));
    file = path.join(dir, 'sidebar.html');
    fs.writeFileSync(file, await buildSidebar());
    browser = await launchChromium();
  });
  afterAll(async () => { await browser?.close(); });

  test('findings, sheet names, headers and review comments with markup', async () => {
    const findings = [
      finding('cell.not-a-number', 'error', { value: IMG }, { pointer: '/projects/0/budget/amount/amount', cell: { sheet: `Proyectos${SCRIPT}`, row: 3, column: 15, header: `Monto ${IMG}` } }),
      finding('row.parent-not-found', 'warning', { value: SCRIPT, column: IMG }, { cell: { sheet: IMG, row: 4, column: 2 } }),
    ];
    const report: ValidationReport = { errors: 1, warnings: 1, completeness: 50, marked: 2, sheets: [{ name: IMG, rows: 5 }], groups: groupFindings(findings) };
    const context: ReviewContext = {
      backendConfigured: true, viewer: null, role: 'capturista', serviceAccount: `cuenta${IMG}@x.iam.gserviceaccount.com`, message: null,
      submission: { id: 's1', state: 'returned', stateLabel: `Devuelta ${SCRIPT}`, updatedAt: '2024-03-01T10:00:00Z', comments: [{ by: IMG, text: `Corrija ${IMG}`, at: '2024-03-01' }] },
    };
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.addInitScript(fakeGoogle, { reviewContext: context, validationPlan: report.sheets, runValidation: report });
    await page.goto(`file://${file}`);
    await page.getByText(`Corrija ${IMG}`).waitFor();
    await page.getByRole('button', { name: 'Validar' }).click();
    await page.getByText(/Validación terminada/).waitFor();
    // Open every group so all the text is in the rendered DOM.
    await page.evaluate(() => { for (const d of (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ open: boolean }> } }).document.querySelectorAll('details')) d.open = true; });
    const dom = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number }; body: { textContent: string } } }).document;
      return { images: doc.querySelectorAll('img').length, scripts: doc.querySelectorAll('body script').length, text: doc.body.textContent, pwned: (globalThis as unknown as { __pwned?: number }).__pwned ?? 0 };
    });
    expect(dom.images).toBe(0);
    expect(dom.pwned).toBe(0);
    expect(dom.text).toContain(IMG);
    expect(dom.text).toContain(SCRIPT);
    await page.close();
  });
});

describe('exports neutralise formula injection', () => {
  test('csvField and neutraliseFormula', () => {
    for (const hostile of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(hostile)).toBe(`'${hostile}`);
      expect(csvField(hostile).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    }
    expect(neutraliseFormula(-5)).toBe(-5);
    expect(neutraliseFormula('Obra = 3')).toBe('Obra = 3');
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
  });

  test('bulk datos.xlsx: typed formulas come back as text, never as formulas', async () => {
    const store = openSqliteStore(':memory:');
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    const hostile = ['=HYPERLINK("http://malo.example","clic")', '+52 999 123', '@SUMA(A1)', '-1+1'];
    hostile.forEach((value, i) => setCell(workbook, 'Contrataciones', i, 'tender/title', value));
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: 'http://api.test' });
    expect(result.status).toBe('published');
    const app = createApp({ store, config: { publicBaseUrl: 'http://api.test', maxBodyBytes: 1024 * 1024 }, log: () => {} });
    const res = await request(app).get('/api/bulk/datos.xlsx').buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((res.body as Buffer).buffer.slice((res.body as Buffer).byteOffset, (res.body as Buffer).byteOffset + (res.body as Buffer).length) as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { cells.push(c); })));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const texts = cells.map((c) => c.value).filter((v): v is string => typeof v === 'string');
    for (const value of hostile) expect(texts).toContain(`'${value}`);
    expect(texts.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
    await store.close();
  });
});
