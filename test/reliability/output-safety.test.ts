/**
 * Output safety (Reliability issue §3): what officials type is data, never markup or formulas.
 * - The built sidebar in headless Chromium renders findings whose values, sheet names and headers are HTML
 *   (`<img src=x onerror=…>`, `<script>`) as plain text: no element is created, no handler runs.
 * - Exports neutralise formula injection: CSV fields starting with = + - @ get a leading apostrophe (csvField /
 *   neutraliseFormula); the bulk `datos.xlsx` writes text as typed string cells — never a formula, no apostrophe —
 *   so it converts back to the published values.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import request from 'supertest';
import { binaryBody, xlsxBook } from '../support/xlsx-download';
import { build } from 'esbuild';
import { describeIfChromium, launchChromium } from '../browser';
import { builtSidebarInChromium } from '../addon/built-sidebar';
import type { ReviewContext, ValidationReport } from '../../addon/src/rpc-types';
import { pagedFindings } from '../../addon/src/validation/group-findings';
import { finding } from '../../core/findings/finding';
import { csvField, neutraliseFormula } from '../../core/format/formula-safety';
import { checkWorkbook } from '../../core/pipeline/check-workbook';
import { createApp } from '../../functions/src/app';
import { XlsxFileSource } from '../../functions/src/ingest/xlsx-source';
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
  const sidebar = builtSidebarInChromium();

  test('findings, sheet names, headers and review comments with markup', async () => {
    const findings = [
      finding('cell.not-a-number', 'error', { value: IMG }, { pointer: '/projects/0/budget/amount/amount', cell: { sheet: `Proyectos${SCRIPT}`, row: 3, column: 15, header: `Monto ${IMG}` } }),
      finding('row.parent-not-found', 'warning', { value: SCRIPT, column: IMG }, { cell: { sheet: IMG, row: 4, column: 2 } }),
    ];
    const report: ValidationReport = { errors: 1, warnings: 1, completeness: 50, marked: 2, sheets: [{ name: IMG, rows: 5 }], groups: pagedFindings(findings).groups };
    const context: ReviewContext = {
      backendConfigured: true, viewer: null, role: 'capturista', serviceAccount: `cuenta${IMG}@x.iam.gserviceaccount.com`, message: null,
      submission: { id: 's1', state: 'returned', stateLabel: `Devuelto ${SCRIPT}`, updatedAt: '2024-03-01T10:00:00Z', sentAt: '2024-02-28T17:00:00Z', failureReason: null, comments: [{ by: IMG, text: `Corrija ${IMG}`, at: '2024-03-01' }] },
    };
    const page = await sidebar.browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.addInitScript(fakeGoogle, { reviewContext: context, validationPlan: report.sheets, runValidation: report });
    await page.goto(sidebar.url);
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

/**
 * An override a value opens ends with it (core/format/bidi-closed.ts), on the dashboard's pages (every text goes through
 * dashboard/src/dom.ts) and in findings' messages: measured in Chromium, where the next name on the line is laid out.
 */
describeIfChromium('a right-to-left override in the data reverses nothing after it', () => {
  test('dashboard text and a finding\'s message', async () => {
    const entry = "import { h } from './dashboard/src/dom'; import { renderMessage } from './core/messages/render'; import './core/unflatten/unflatten-messages'; Object.assign(globalThis, { h, renderMessage });";
    const bundle = await build({ stdin: { contents: entry, resolveDir: path.resolve(__dirname, '../..'), loader: 'ts' }, bundle: true, write: false, format: 'iife', logLevel: 'silent' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(`<script>${bundle.outputFiles[0].text}</script>`);
      // Plain JavaScript run in the page (this file is typed without the DOM's types).
      const lefts = await page.evaluate(`(() => {
        // Two suppliers of a process, the first named with an override it leaves open; a finding quoting such a value.
        const suppliers = h('p', null, h('a', null, '\\u202eConstructora'), '; ', h('a', null, 'Obras 123'));
        const message = h('p', null, renderMessage({ code: 'cell.not-a-number', severity: 'error', params: { value: '\\u202e78' }, pointer: '', cell: { sheet: 'Avance', row: 3, column: 5 } }));
        document.body.append(suppliers, message);
        // The left edge of each character of \`text\` in the paragraph's last text node.
        const edges = (node, text) => {
          const at = node.textContent.indexOf(text);
          return [...text].map((_c, i) => { const r = new Range(); r.setStart(node, at + i); r.setEnd(node, at + i + 1); return r.getBoundingClientRect().left; });
        };
        return { supplier: edges(suppliers.lastChild.firstChild, 'Obras 123'), message: edges(message.firstChild, 'no es un número') };
      })()`) as { supplier: number[]; message: number[] };
      const leftToRight = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);
      expect(leftToRight(lefts.supplier)).toBe(true);
      expect(leftToRight(lefts.message)).toBe(true);
    } finally {
      await browser.close();
    }
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

  test('bulk datos.xlsx: text in typed string cells, never a formula, no apostrophe, and it converts back to the same values', async () => {
    const store = openSqliteStore(':memory:');
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    const hostile = ['=HYPERLINK("http://malo.example","clic")', '+52 999 123', '@SUMA(A1)', '-1+1'];
    const phone = '+52 81 1234 5678';
    hostile.forEach((value, i) => setCell(workbook, 'Contrataciones', i, 'tender/title', value));
    setCell(workbook, 'Actores', 0, 'parties/0/contactPoint/telephone', phone);
    await store.putPublisher(publisher);
    const result = await publish(store, { publisher, workbook, actor: 'system', now: '2025-07-01T10:00:00-06:00', baseUrl: 'http://api.test' });
    expect(result.status).toBe('published');
    const app = createApp({ store, config: { publicBaseUrl: 'http://api.test', maxBodyBytes: 1024 * 1024 }, log: () => {} });
    const res = await request(app).get('/api/bulk/datos.xlsx').buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    const bytes = res.body as Buffer;

    // In the file itself: no formula element anywhere, and the hostile text sits in an inline string cell.
    const xml = Object.entries(unzipSync(new Uint8Array(bytes))).filter(([name]) => name.startsWith('xl/worksheets/')).map(([, data]) => strFromU8(data)).join('\n');
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toMatch(/<c [^>]*t="inlineStr"[^>]*><is><r><t[^>]*>=HYPERLINK\(&quot;http:\/\/malo\.example&quot;,&quot;clic&quot;\)<\/t><\/r><\/is><\/c>/);

    const book = await xlsxBook(bytes);
    const cells: ExcelJS.Cell[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { cells.push(c); })));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    // Each value once, as text (inline rich text: no run formatting, so it reads as plain text).
    for (const value of [...hostile, phone]) {
      expect(cells.filter((c) => c.text === value).map((c) => c.type)).toEqual([ExcelJS.ValueType.RichText]);
    }
    expect(cells.filter((c) => c.text.startsWith("'"))).toEqual([]);

    // Converted back with the same pipeline, the export gives the published values, apostrophe-free.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datos-xlsx-')), 'datos.xlsx');
    fs.writeFileSync(file, bytes);
    const back = checkWorkbook(await new XlsxFileSource(file).read(), { now: '2025-07-02T10:00:00-06:00' });
    const original = checkWorkbook(workbook, { now: '2025-07-01T10:00:00-06:00' });
    const titles = (releases: unknown[]) => (releases as { tender?: { title?: string } }[]).map((r) => r.tender?.title).sort();
    const phones = (releases: unknown[]) => (releases as { parties?: { contactPoint?: { telephone?: string } }[] }[]).flatMap((r) => (r.parties ?? []).map((p) => p.contactPoint?.telephone)).filter(Boolean).sort();
    expect(titles(back.releases)).toEqual(titles(original.releases));
    for (const value of hostile) expect(titles(back.releases)).toContain(value);
    expect(phones(back.releases)).toEqual(phones(original.releases));
    expect(phones(back.releases)).toContain(phone);
    // Whole parts that officials type and publication does not derive: the same, value for value.
    const byOcid = (releases: unknown[], part: 'parties' | 'tender' | 'planning') => Object.fromEntries((releases as Record<string, unknown>[]).map((r) => [r.ocid, r[part]]));
    for (const part of ['parties', 'tender', 'planning'] as const) expect(byOcid(back.releases, part)).toEqual(byOcid(original.releases, part));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    await store.close();
  });
});
