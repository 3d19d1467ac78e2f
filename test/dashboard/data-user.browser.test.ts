/**
 * What a data user (a journalist on a phone, an academic at a desk) met in the public pages, in headless Chromium
 * against the real app seeded with the example workbooks:
 * - the header's «Municipio» listed every municipality whatever the chosen state or implementer: with Chiapas chosen
 *   it offered Monterrey and Mérida, and choosing one emptied every page;
 * - at 390 px the Proyectos and Contrataciones tables showed the name and the stage, and nothing said that the
 *   amounts were a swipe away: a wide table now says so under its caption, and only while it is wider than its box;
 * - Descargas said nothing of what datos.xlsx lacks: it names the workbook's «Léame» sheet, which does;
 * - the header's search, typed on a project's or a process's page, only added «?q=…» to the address: nothing on
 *   screen changed. It now shows its results in that page's list, the box keeping the focus and the text;
 * - a project's «Avance financiero» read «70.6 % (pagado entre contratado, calculado)», and the Glosario said it is
 *   what the implementer publishes: it now says when and how the page calculates it. It divided the payments (with
 *   VAT) by «Contratado», which counts a CompraNet contract by its `value` without VAT: one paid in full read 116 %.
 *   It now divides by the contracts' amounts with VAT, and says so with both sums and the CSV columns that give them;
 *   Inicio's «Monto pagado» over its «Monto contratado» made the same mistake: where a contract's `value` is not its
 *   amount with VAT, Inicio and Indicadores say what that amount sums and what share of it was paid;
 * - the CSV of Proyectos wrote its dates as published (2024-09-02T00:00:00-06:00), text to a spreadsheet: they are
 *   now the dates the page shows, written aaaa-mm-dd, which spreadsheet programs read as dates;
 * - searching a contractor's RFC in Contrataciones listed its process and the other contractors' processes of the
 *   same works (test/dashboard/filters.test.ts has the rule);
 * - Acerca's citation named one implementer but gave the file of all of them (published by the platform, not by
 *   that implementer) and the year of the visit: an academic copying it cited the wrong file;
 * - Descargas offered each implementer's files as JSON and datos.xlsx only, not the JSON Lines and gzip copies the
 *   API has for it as for all implementers together;
 * - «Descargar JSON» on Proyectos and Contrataciones gave the dashboard's own rows (English keys, internal fields),
 *   which a reader could take for OC4IDS/OCDS: it is now «Descargar JSON de la tabla», the CSV's columns and values,
 *   and the page says so and links to the standard data (the implementer's file, or Descargas y API);
 * - «Municipio» offered «Juárez» once for the Juárez of every state: choosing it mixed them. A name that repeats now
 *   carries its state, «Juárez (Nuevo León)»; a link with the name alone still selects them all, and says so.
 * - an institution's CSV put a project's budget and a process's contracted amount in one column, «monto_mxn», and
 *   gave each project what its processes were paid: summed, its «pagado_mxn» was twice the page's «Monto pagado». Each
 *   amount has its column now, each summing to the page's figure, and projects carry the date the page shows.
 * - a journalist with a contract's number from a news story («DOP-LP-OP-003-2024-C1») searched it and found nothing:
 *   the index now carries each process's procedure and contract numbers (core/stats/publication-index.ts);
 * - a process's CSV put contract values and payments in one «monto» column, told apart by «tipo»: summed in Excel, it
 *   added the payments to what was contracted. Each has its column now;
 * - on Calidad, Seguimiento and Descargas the search was ignored without a word: there it now chooses implementers by
 *   name or state, the box says so, and the page says what it did;
 * - Contratistas' CSV gave each contractor's document key («MX-RFC-…», a hash in real data), not the RFC its table shows;
 * - the map's municipality names were drawn 11 drawing units tall: about 5 px on a phone. They are 13 px on any screen.
 * - a process's page showed its latest state only: a reader following it month by month could not see that an amount
 *   was corrected, nor when. «Historial de publicaciones» lists each of its releases, what it was and its JSON.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { hasStandards, STANDARDS_DIR } from '../standards';
import * as zlib from 'zlib';
import type { Browser, Page } from 'playwright-core';
import { describeIfChromium, downloadedText, launchChromium } from '../browser';
import { fileTab, startDashboardServer, type DashboardServer } from './dashboard-server';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';
import { publish, publishHistory } from '../../functions/src/publication/publish';
import { planRedaction, redact } from '../../functions/src/publication/redact';
import { textMatchers } from '../../core/privacy/redact-texts';
import { releaseTagTitle } from '../../dashboard/src/labels';
import { README_SHEET } from '../../core/template/settings';
import { formatDate, formatMoney, formatShare } from '../../core/format/es-mx';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const location: any;
declare const getComputedStyle: any;

/** A project's description in three paragraphs, one with a line break of its own, and markup that must stay text. */
const PARAGRAPHS = 'Sustitución de la carpeta asfáltica por concreto hidráulico.\n\nIncluye banquetas <b>accesibles</b>,\nrampas y señalización.\r\n  \r\nSe trabaja por tramos <img src=x onerror="window.__xss=1"> para no cerrar la calle.';

describeIfChromium('a data user in the public pages', () => {
  let srv: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    // Juárez is in Nuevo León's data; here one of Mérida's projects is in a Juárez too (the «Municipio» tests).
    srv = await startDashboardServer({ edit: (key, workbook) => {
      if (key !== 'merida') return;
      setCell(workbook, 'Ubicaciones', 0, 'locations/0/address/locality', 'Juárez');
      setCell(workbook, 'Proyectos', 0, 'description', PARAGRAPHS);
    } });
    browser = await launchChromium();
    await srv.store.putPublisher({ id: 'campeche', name: 'Municipio de Campeche', state: 'Campeche', ocidPrefix: 'ocds-cam001', projectIdPrefix: 'oc4ids-cam001', commitment: { projects: 10, periodicityDays: 90 } });
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  /**
   * The file's tab at `width`, showing `hash` (fileTab); 'goOn' for a test that only reads its pages: from wherever the
   * test before left the tab.
   */
  const open = fileTab(() => srv, async (width) => (await browser.newContext({ viewport: { width, height: 900 } })).newPage());

  const options = (page: Page, id: string): Promise<string[]> => page.evaluate((sel: string) => [...document.querySelectorAll(`${sel} option`)].map((o: any) => o.textContent), `#${id}`);

  it('«Municipio» offers the municipalities of the chosen state or implementer, and keeps the one chosen', async () => {
    const page = await open(1280, '#/proyectos');
    expect(await options(page, 'filtro-municipality')).toEqual(['Todos', 'Ciénega de Flores', 'García', 'Guadalupe', 'Juárez (Nuevo León)', 'Juárez (Yucatán)', 'Mérida', 'Monterrey', 'Tuxtla Gutiérrez']);
    await page.click('summary:text("Filtros")');
    await page.selectOption('#filtro-state', 'Chiapas');
    await page.waitForURL(/state=Chiapas/);
    await page.waitForFunction(() => document.querySelector('#filtro-publisher').options.length === 2);
    expect(await options(page, 'filtro-municipality')).toEqual(['Todos', 'Tuxtla Gutiérrez']);
    const byImplementer = await open(1280, '#/proyectos?publisher=merida');
    expect(await options(byImplementer, 'filtro-municipality')).toEqual(['Todos', 'Juárez (Yucatán)', 'Mérida']);
    // A municipality already chosen stays offered (and chosen) when the state changes, so the reader sees why the
    // pages are empty and can undo it.
    const kept = await open(1280, '#/proyectos?municipality=Monterrey&state=Chiapas');
    expect(await options(kept, 'filtro-municipality')).toEqual(['Todos', 'Monterrey', 'Tuxtla Gutiérrez']);
    expect(await kept.inputValue('#filtro-municipality')).toBe('Monterrey');
  });

  it('«Municipio» names a municipality with its state when another state has one of the same name; a link with the name alone still works', async () => {
    const page = await open(1280, '#/proyectos');
    expect((await options(page, 'filtro-municipality')).filter((o) => o.startsWith('Juárez'))).toEqual(['Juárez (Nuevo León)', 'Juárez (Yucatán)']);
    await page.click('summary:text("Filtros")');
    await page.selectOption('#filtro-municipality', 'Juárez (Yucatán)');
    await page.waitForFunction(() => /^1 proyecto de 14/.test(document.querySelector('#conteo')?.textContent ?? ''));
    expect(new URLSearchParams((await page.evaluate(() => location.hash as string)).split('?')[1]).get('municipality')).toBe('Juárez (Yucatán)');
    expect(await page.locator('#tabla-proyectos tbody td').allTextContents()).toContain('Yucatán');
    // Chosen, it keeps its state when the state filter changes (and says why the pages are empty).
    await page.selectOption('#filtro-state', 'Nuevo León');
    await page.waitForURL(/state=Nuevo/);
    expect(await page.inputValue('#filtro-municipality')).toBe('Juárez (Yucatán)');
    await page.goto(`${srv.base}/#/proyectos?municipality=${encodeURIComponent('Juárez')}`);
    await page.waitForFunction(() => /^2 proyectos de 14/.test(document.querySelector('#conteo')?.textContent ?? ''));
    expect(await page.locator('#filtro-municipality option:checked').innerText()).toBe('Juárez (todos los estados)');
  });

  /** Each table's box: whether it is wider than the screen lets it be, and whether its caption says so. */
  const wideTables = (page: Page): Promise<{ caption: string; scrolls: boolean; hint: boolean }[]> => page.evaluate(() => [...document.querySelectorAll('main .table-wrap')]
    .filter((w: any) => w.getClientRects().length)
    .map((w: any) => {
      const hint = w.querySelector('caption .scroll-hint');
      return {
        caption: (w.querySelector('caption')?.firstChild?.textContent ?? '').slice(0, 40),
        scrolls: w.scrollWidth > w.clientWidth + 1,
        hint: !!hint && /más columnas: deslícela hacia un lado/.test(hint.textContent) && hint.getAttribute('aria-hidden') === 'true' && hint.getClientRects().length > 0,
      };
    }));

  // On a phone the list is drawn one block per row (components/table.ts stackWhenWide, 'phone'): nothing to the side,
  // so no hint; on a desktop it is a table again, and says so when it does not fit.
  it.each(['#/proyectos', '#/contrataciones'])('at 390 px %s is drawn by rows, with nothing to the side; at 1280 px it is a table, and only a table that does not fit says it has more columns', async (hash) => {
    const page = await open(390, hash);
    await page.waitForSelector('main .table-wrap.stacked');
    const phone = await wideTables(page);
    for (const t of phone) expect({ caption: t.caption, hint: t.hint }).toEqual({ caption: t.caption, hint: t.scrolls });
    expect(phone.find((t) => /^(Proyectos publicados|Procesos de contratación)/.test(t.caption))).toMatchObject({ scrolls: false, hint: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction(() => !document.querySelector('main .table-wrap.stacked'));
    await page.waitForFunction(() => [...document.querySelectorAll('main .table-wrap')].every((w: any) => !!w.querySelector('caption .scroll-hint') === (w.scrollWidth > w.clientWidth + 1)));
    for (const t of await wideTables(page)) expect({ caption: t.caption, hint: t.hint }).toEqual({ caption: t.caption, hint: t.scrolls });
  });

  it('Descargas says that datos.xlsx opens with «Léame», which names what it does not hold', async () => {
    const page = await open(390, '#/descargas', 'goOn');
    const line = await page.locator('main p', { has: page.locator('a[href="/api/bulk/datos.xlsx"]') }).innerText();
    expect(line).toContain(`«${README_SHEET}»`);
    expect(line).toContain('projects.json');
  });

  it('Descargas offers each implementer\'s files in JSON Lines and gzip as well, as it does those of all implementers', async () => {
    const page = await open(1280, '#/descargas', 'goOn');
    const hrefs: string[] = await page.locator('#tabla-descargas tbody a[href*="publisher=merida"]').evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')));
    const q = '?publisher=merida';
    expect(hrefs.sort()).toEqual(['projects', 'records', 'releases'].flatMap((k) => [`${k}.json`, `${k}.jsonl`, `${k}.json.gz`, `${k}.jsonl.gz`]).concat('datos.xlsx', 'huellas.json').map((f) => `/api/bulk/${f}${q}`).sort());
    expect(await page.getByRole('link', { name: 'JSON Lines de los registros de Municipio de Mérida', exact: true }).getAttribute('href')).toBe(`/api/bulk/records.jsonl${q}`);
    // Each is a file the API has: the JSON Lines one project a line, the same projects as the package.
    const pkg = (await (await fetch(`${srv.base}/api/bulk/projects.json${q}`)).json()) as { projects: { id: string }[] };
    const lines = (await (await fetch(`${srv.base}/api/bulk/projects.jsonl${q}`)).text()).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(lines).toEqual(pkg.projects.map((p) => p.id));
    const packed = Buffer.from(await (await fetch(`${srv.base}/api/bulk/projects.jsonl.gz${q}`)).arrayBuffer());
    expect(zlib.gunzipSync(packed).toString('utf8').split('\n').filter(Boolean)).toHaveLength(lines.length);
    expect((await fetch(`${srv.base}/api/bulk/releases.json.gz${q}`)).status).toBe(200);
    // «Huella SHA-256»: the manifest the page links holds the SHA-256 of the very bytes downloaded, and the page says
    // how a reader checks a file with it.
    const manifest = (await (await fetch(`${srv.base}${hrefs.find((h) => h.includes('huellas.json'))}`)).json()) as { files: { name: string; sha256: string }[] };
    const jsonl = Buffer.from(await (await fetch(`${srv.base}/api/bulk/projects.jsonl${q}`)).arrayBuffer());
    expect(manifest.files.find((f) => f.name === 'projects.jsonl')?.sha256).toBe(createHash('sha256').update(jsonl).digest('hex'));
    expect(await page.locator('#tabla-descargas th', { hasText: 'Huella SHA-256' }).count()).toBe(1);
    expect(await page.locator('#comprobar-descarga + p').innerText()).toContain('infra-abierta verificar ARCHIVO --huellas huellas.json');
  });

  it('Acerca\'s example citation gives the cited implementer\'s own file, published by it, and the year it was published', async () => {
    const page = await open(1280, '#/acerca', 'goOn');
    const cite = (await page.locator('blockquote.cite').innerText()).trim();
    const m = /^(.+) \((\d{4})\)\. .* en (\S+)$/.exec(cite);
    expect(m).not.toBeNull();
    const [, name, year, url] = m as RegExpExecArray;
    expect(url.startsWith(srv.base)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { publisher: { name: string }; projects: unknown[]; publishedDate: string };
    expect(body.publisher.name).toBe(name);
    expect(body.projects.length).toBeGreaterThan(0);
    expect(year).toBe(new Intl.DateTimeFormat('es-MX', { year: 'numeric', timeZone: 'America/Mexico_City' }).format(new Date(body.publishedDate)));
  });

  it('a search or a filter chosen on a document\'s page shows its results in that page\'s list; clearing the filters there stays', async () => {
    const page = await open(390, `#/proyecto/${encodeURIComponent('oc4ids-mid001-MID-2024-001')}`);
    await page.focus('#buscar');
    // Typed as a person does, slower than the search waits (300 ms) between two keys.
    await page.keyboard.type('Mayab', { delay: 400 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/proyectos?q=Mayab' && /^1 proyecto de 14/.test(document.querySelector('#conteo')?.textContent ?? ''));
    expect(await page.evaluate(() => [document.activeElement.id, document.activeElement.value])).toEqual(['buscar', 'Mayab']);

    const process = await open(1280, `#/contratacion/${encodeURIComponent('ocds-mid001-DOP-LP-OP-003-2024')}`);
    await process.click('summary:text("Filtros")');
    await process.selectOption('#filtro-state', 'Chiapas');
    await process.waitForFunction(() => location.hash === '#/contrataciones?state=Chiapas' && /^6 procesos de contratación de 19/.test(document.querySelector('#resultados > p')?.textContent ?? ''));

    const filtered = await open(1280, `#/proyecto/${encodeURIComponent('oc4ids-mid001-MID-2024-001')}?state=Yucat%C3%A1n`);
    await filtered.click('#quitar-filtros');
    await filtered.waitForFunction(() => location.hash === `#/proyecto/${encodeURIComponent('oc4ids-mid001-MID-2024-001')}` && !document.querySelector('#quitar-filtros'));
    expect(await filtered.locator('main h1').innerText()).not.toBe('Proyectos');
  });

  it('«Avance financiero» calculated on a project\'s page says what it divides, with the amounts, and the Glosario says so', async () => {
    const page = await open(1280, `#/proyecto/${encodeURIComponent('oc4ids-mid001-MID-2024-001')}`, 'goOn');
    const shown = await page.locator('#avance-financiero').innerText();
    expect(shown).toMatch(/^\d+(\.\d)? % \(pagado entre contratado con IVA, calculado\)$/);
    // The note gives the two sums (a reader checks the percentage with them) and the process CSV's columns that give them.
    const note = await page.locator('#nota-avance-financiero').innerText();
    const [paid, withTax] = [...note.matchAll(/\(\$([\d,.]+)\)/g)].map((m) => Number(m[1].replace(/,/g, '')));
    expect(shown.startsWith(formatShare(paid / withTax))).toBe(true);
    expect(note).toContain('sume «monto_pagado» y divídalo entre la suma de «monto_con_iva» de los contratos no cancelados');
    const glossary = await open(1280, '#/glosario');
    expect(await glossary.locator('#glosario dt:text-is("Avance financiero") + dd').innerText()).toContain('(«pagado entre contratado con IVA, calculado»)');
  });

  it('the CSVs of Proyectos and Contrataciones carry the dates the pages show, as aaaa-mm-dd', async () => {
    const page = await open(1280, '#/proyectos?orden=actualizado', 'goOn');
    await page.waitForSelector('body[data-ready] #tabla-proyectos');
    const shown = await page.evaluate(() => [...document.querySelectorAll('#tabla-proyectos tbody tr')].map((tr: any) => [tr.querySelector('th a').getAttribute('href').split('/').pop(), tr.lastElementChild.textContent]));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Descargar CSV")')]);
    const lines = (await downloadedText(download)).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const header = lines[0].split(',');
    const at = (name: string): number => header.indexOf(name);
    // The id is the first column and has no comma; the dates are the last ones before the list of ocids.
    const rows = lines.slice(1).map((l) => { const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? []; return cells; });
    for (const name of ['inicio', 'fin', 'actualizado']) {
      for (const r of rows) expect({ name, value: r[at(name)] }).toEqual({ name, value: expect.stringMatching(/^(\d{4}-\d{2}-\d{2})?$/) });
    }
    const csvUpdated = new Map(rows.map((r) => [encodeURIComponent(r[0]), r[at('actualizado')]]));
    for (const [id, ddmmyyyy] of shown) expect({ id, date: csvUpdated.get(id)?.split('-').reverse().join('/') }).toEqual({ id, date: ddmmyyyy });
    // Contrataciones' CSV too: its «fecha» column.
    await page.goto(`${srv.base}/#/contrataciones`);
    await page.waitForSelector('body[data-ready] main h1:text-is("Contrataciones")');
    const [processes] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Descargar CSV")')]);
    const dates = (await downloadedText(processes)).split('\r\n').filter(Boolean).slice(1).map((l) => l.slice(l.lastIndexOf(',') + 1));
    expect(dates.length).toBe(19);
    for (const d of dates) expect(d).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
  });

  it('an institution\'s CSV has each amount of the page in its own column, each summing to the page\'s figure', async () => {
    const page = await open(1280, '#/institucion/MX-RFC-MME840101P28', 'goOn');
    await page.waitForSelector('body[data-ready] #kpis-institucion');
    // The exact figure a KPI shows (its last amount: «$181.5 millones … $181,471,395.36»).
    const figure = async (label: string): Promise<string | undefined> => (await page.locator('#kpis-institucion .kpi', { has: page.locator(`dt:text-is("${label}")`) }).locator('dd').innerText()).match(/\$[\d,]+\.\d{2}/g)?.at(-1);
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Descargar CSV")')]);
    const [header, ...rows] = (await downloadedText(file)).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)
      .map((l) => (l.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"(.*)"$/s, '$1').replace(/""/g, '"')));
    const sum = (column: string): string => formatMoney(rows.reduce((total, r) => total + Number(r[header.indexOf(column)] || 0), 0));
    expect({ budget: sum('presupuesto_mxn'), contracted: sum('contratado_mxn'), paid: sum('pagado_mxn') })
      .toEqual({ budget: await figure('Presupuesto de sus proyectos'), contracted: await figure('Monto contratado'), paid: await figure('Monto pagado') });
    // As many rows as the page's two tables, each project with the date its row shows, as aaaa-mm-dd.
    const shown = await page.evaluate(() => [...document.querySelectorAll('#tabla-institucion-proyectos tbody tr')].map((tr: any) => tr.lastElementChild.textContent));
    expect(rows.filter((r) => r[0] === 'proyecto').map((r) => r[header.indexOf('actualizado')].split('-').reverse().join('/'))).toEqual(shown);
    expect(rows.filter((r) => r[0] === 'contratación')).toHaveLength(await page.locator('#tabla-institucion-procesos tbody tr').count());
  });

  /** The CSV's lines split into cells (RFC 4180 quoting), and the JSON's rows, of one list page. */
  async function bothFiles(page: Page): Promise<{ csv: string[][]; json: Record<string, unknown>[]; jsonName: string }> {
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Descargar CSV")')]);
    const csv = (await downloadedText(csvFile)).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)
      .map((l) => (l.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"(.*)"$/s, '$1').replace(/""/g, '"')));
    const [jsonFile] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Descargar JSON de la tabla")')]);
    return { csv, json: JSON.parse(await downloadedText(jsonFile)) as Record<string, unknown>[], jsonName: jsonFile.suggestedFilename() };
  }

  it('the JSON of Proyectos and Contrataciones is their table, with the CSV\'s Spanish columns and values, and the page points to the standard data', async () => {
    for (const [hash, name] of [['#/proyectos', 'proyectos-tabla.json'], ['#/contrataciones', 'contrataciones-tabla.json']]) {
      const page = await open(1280, hash, 'goOn');
      await page.waitForSelector('body[data-ready] .downloads');
      const { csv, json, jsonName } = await bothFiles(page);
      expect(jsonName).toBe(name);
      const [header, ...rows] = csv;
      expect(json.length).toBe(rows.length);
      // The same columns, named as in the CSV, and the same values (a missing one is the CSV's empty cell).
      for (const [i, r] of json.entries()) {
        expect(Object.keys(r)).toEqual(header);
        expect(Object.values(r).map((v) => (v === null ? '' : String(v)).replace(/^(?=[=+\-@])/, "'"))).toEqual(rows[i]);
      }
      expect(header).toContain(hash === '#/proyectos' ? 'presupuesto_mxn' : 'contratado_mxn');
      if (hash === '#/proyectos') {
        // Each stage's dates, beside the project's own, as a spreadsheet reads dates (helper M15: the file had none).
        const row = rows.find((r) => r[0] === 'oc4ids-mid001-MID-2024-001') ?? [];
        const cell = (column: string): string => row[header.indexOf(column)];
        expect(['inicio', 'fin', 'inicio_preparacion', 'fin_preparacion', 'inicio_ejecucion', 'fin_ejecucion', 'inicio_conclusion'].map(cell))
          .toEqual(['2024-06-03', '2025-09-30', '2024-02-12', '2024-05-20', '2024-06-03', '2025-09-30', '']);
      }
      for (const r of json) expect(String(r[hash === '#/proyectos' ? 'actualizado' : 'fecha'] ?? '')).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      // Said to be the page's table, and the standard data one click away.
      expect(await page.locator('.download-note').innerText()).toMatch(/^Los dos archivos son la tabla de esta página.*no son datos de los estándares\..*Descargas y API\.$/s);
      expect(await page.locator('.download-note a').getAttribute('href')).toBe('#/descargas');
    }
    // The demo's project page tells its stages on its timeline, the works' end still planned (helper M15: the demo
    // had no stage dates, so a newcomer never saw it).
    const project = await open(1280, '#/proyecto/oc4ids-mid001-MID-2024-001');
    await project.waitForSelector('body[data-ready] #hitos-proyecto');
    expect(await project.locator('#hitos-proyecto h3').innerText()).toBe('Etapas e hitos del proyecto');
    expect(await project.locator('#hitos-proyecto li').allInnerTexts()).toEqual(expect.arrayContaining([
      '12/02/2024 Inicio de la etapa de preparación', '03/06/2024 Inicio de la etapa de ejecución', '30/09/2025 Fin de la etapa de ejecución (Previsto)']));
    // With an implementer chosen, its file of the standard, which the API serves.
    const page = await open(1280, '#/proyectos?publisher=merida');
    await page.waitForSelector('body[data-ready] .download-note');
    const link = page.locator('.download-note a', { hasText: 'projects.json' });
    expect(await link.getAttribute('href')).toBe('/api/bulk/projects.json?publisher=merida');
    const pkg = (await (await fetch(`${srv.base}/api/bulk/projects.json?publisher=merida`)).json()) as { version: string; projects: unknown[] };
    expect(pkg.projects.length).toBeGreaterThan(0);
    // An implementer registered that has published nothing (beforeAll): its file would be a 404, so no link leads there.
    const none = await open(1280, '#/proyectos?publisher=campeche');
    await none.waitForSelector('body[data-ready] .download-note');
    expect(await none.locator('.standard-data').innerText()).toBe('Municipio de Campeche no ha publicado proyectos en EDCAPI (OC4IDS); lo que publica cada implementador está en Descargas y API.');
    expect(await none.locator('.download-note a').evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')))).toEqual(['#/descargas']);
  });

  // Printed, or saved as PDF, the header's controls are not drawn: a filtered list read «1 proyecto de 14 con los
  // filtros elegidos» and nothing said which. The page on paper names them, as its selects show them; a page they do
  // not shape (a project's) prints without them, and on screen the line is not shown (the controls are).
  it('a page printed names the search and filters that chose its rows, and only where they chose them', async () => {
    const page = await open(1280, '#/proyectos?state=Nuevo+Le%C3%B3n&sector=health&q=centro&orden=presupuesto&dir=desc');
    const printed = page.locator('#filtros .filters-printed');
    expect(await printed.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await printed.innerText()).toBe('Selección de esta vista — Búsqueda: «centro»; Estado: Nuevo León; Sector: Salud.');
      expect(await page.locator('#filtros .filter-panel').isVisible()).toBe(false);
      // The download buttons are not on paper, nor the note about them.
      expect(await page.locator('.download-note').isVisible()).toBe(false);
      await page.click('main tbody a');
      await page.waitForSelector('body[data-ready] main h1:not(:text("Proyectos"))');
      await page.waitForFunction(() => location.hash.startsWith('#/proyecto/'));
      expect(await printed.isVisible()).toBe(false);
      // Seguimiento's rows are the implementers: only Estado and Implementador choose them, not the sector.
      const board = await open(1280, '#/seguimiento?state=Nuevo+Le%C3%B3n&sector=health');
      expect(await board.locator('#filtros .filters-printed').innerText()).toBe('Selección de esta vista — Estado: Nuevo León.');
      // Unfiltered, nothing to name.
      const plain = await open(1280, '#/proyectos');
      expect(await plain.locator('#filtros .filters-printed').isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  // Guadalupe's auditorium, in identificación, has a budget and one process in planning, with no contract and no
  // payment: Inicio said «Sin dato» for what was contracted and paid, Indicadores «$0.00», a published zero.
  it('Indicadores says «Sin dato», as Inicio does, for an amount nothing selected has published, and its CSV leaves it empty', async () => {
    const home = await open(1280, '#/?status=identification', 'goOn');
    const kpi = (label: string): Promise<string> => home.locator('.kpis > *', { hasText: label }).first().innerText();
    expect(await kpi('Monto contratado')).toContain('Sin dato');
    expect(await kpi('Monto pagado')).toContain('Sin dato');
    const page = await open(1280, '#/indicadores?status=identification');
    const table = (id: string): Promise<string[][]> => page.evaluate((sel: string) => [...document.querySelectorAll(`${sel} tbody tr`)].map((tr: any) => [...tr.children].map((c: any) => c.textContent)), `#${id}`);
    expect(await table('ind-montos')).toEqual([['Presupuesto de los proyectos', '$24,750,000.00'], ['Contratado', 'Sin dato'], ['Pagado', 'Sin dato']]);
    expect(await table('ind-metodo-monto')).toEqual([['Selectivo (invitación a cuando menos tres personas)', 'Sin dato']]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ind-montos .download-csv')]);
    const csv = await downloadedText(download);
    expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['categoria,valor', 'Presupuesto de los proyectos,24750000', 'Contratado,', 'Pagado,']);
  });

  // Inicio with filters that leave nothing said «Pruebe con otras palabras» though no word was typed, and the same for
  // an implementer registered that has not published yet (Campeche, beforeAll), as if the reader had chosen wrong.
  it('Inicio says why nothing is shown: an implementer or a state not published yet, filters alone, or a search', async () => {
    const said = async (hash: string): Promise<string> => (await open(1280, hash, 'goOn')).locator('#sin-resultados').innerText();
    expect(await said('#/?publisher=campeche')).toBe('Municipio de Campeche aún no ha publicado proyectos ni contrataciones: su compromiso está en Seguimiento. Elija otro implementador o quite los filtros.');
    expect(await said('#/?state=Campeche')).toBe('Ningún implementador de Campeche ha publicado aún proyectos ni contrataciones: sus compromisos están en Seguimiento. Elija otro estado o quite los filtros.');
    expect(await said('#/?state=Yucat%C3%A1n&sector=energy')).toBe('Nada de lo publicado coincide con los filtros del encabezado. Elija otros o quite los filtros.');
    expect(await said('#/?q=zzzz')).toBe('Nada de lo publicado coincide con la búsqueda y los filtros del encabezado. Pruebe con otras palabras o quite los filtros.');
    // Contrataciones said «0 procesos» over an empty table: it gives the same reasons, and what its search looks in.
    expect(await said('#/contrataciones?publisher=campeche')).toBe('Municipio de Campeche aún no ha publicado proyectos ni contrataciones: su compromiso está en Seguimiento. Elija otro implementador o quite los filtros.');
    expect(await said('#/contrataciones?q=zzzz')).toMatch(/^Ningún proceso de contratación coincide con la búsqueda y los filtros del encabezado\. Pruebe con otras palabras o quite los filtros\. La búsqueda del encabezado encuentra un proceso por su nombre, ocid, número de licitación o de contrato/);
  });

  // An academic polling the API from a script: Descargas y API says how not to download again what did not change,
  // and doing what it says from Node (whose fetch adds «Cache-Control: no-cache» to such a request) gets the 304.
  it('Descargas y API says how to revalidate and compress, and a script that does so gets 304 and gzip', async () => {
    const page = await open(1280, '#/descargas', 'goOn');
    expect(await page.locator('#api-cache').innerText()).toMatch(/«ETag».*«If-None-Match».*304.*«Accept-Encoding: gzip»/s);
    const url = `${srv.base}/api/ocds/releases?limit=2`;
    const first = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    await first.arrayBuffer();
    expect((await fetch(url, { headers: { 'If-None-Match': first.headers.get('etag') as string } })).status).toBe(304);
    // …and what a refusal looks like, as the page says it.
    expect(await page.locator('#api-errores').innerText()).toMatch(/Empiece en \/api.*\{"error": \{"code": …, "message": …\}\}.*400, un parámetro no válido/s);
    const refused = await fetch(`${srv.base}/api/ocds/releases?limit=0`);
    expect([refused.status, Object.keys(((await refused.json()) as { error: object }).error)]).toEqual([400, ['code', 'message']]);
  });

  it('a contractor\'s RFC searched in Contrataciones lists its processes only', async () => {
    const page = await open(1280, '#/contrataciones?q=CVM130828EF5', 'goOn');
    expect(await page.locator('#resultados > p').first().innerText()).toBe('1 proceso de contratación de 19 con los filtros elegidos.');
  });

  it('a contract\'s or a procedure\'s number, searched, finds its process, and its project on Inicio', async () => {
    const list = await open(1280, '#/contrataciones?q=DOP-LP-OP-003-2024-C1', 'goOn');
    expect(await list.locator('#resultados > p').first().innerText()).toBe('1 proceso de contratación de 19 con los filtros elegidos.');
    expect(await list.locator('#resultados tbody tr').last().innerText()).toContain('ocds-mid001-DOP-LP-OP-003-2024');
    // The row says which of its numbers was searched (its title and ocid do not show the contract's), and the CSV has them.
    expect(await list.locator('#resultados tbody tr .searched-number').allInnerTexts()).toEqual(['Número buscado: DOP-LP-OP-003-2024-C1']);
    const [download] = await Promise.all([list.waitForEvent('download'), list.click('.downloads .download-csv')]);
    const lines = (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^ocid,numeros_licitacion_y_contratos,titulo,/);
    // Quoted: a field with «;» is one cell in a «;» region too (core csvField).
    expect(lines[1]).toMatch(/^ocds-mid001-DOP-LP-OP-003-2024,"DOP-LP-OP-003-2024; DOP-LP-OP-003-2024-C1",/);
    // Said to screen readers through the page's live region (the browser's own notice is not).
    await list.waitForFunction(() => document.getElementById('anuncio')?.textContent === 'Archivo descargado: contrataciones.csv.');
    // Its project, on Proyectos, says the same number (its title and id do not show it either).
    const projects = await open(1280, '#/proyectos?q=DOP-LP-OP-003-2024-C1');
    expect(await projects.locator('#tabla-proyectos tbody tr .searched-number').allInnerTexts()).toEqual(['Número buscado: DOP-LP-OP-003-2024-C1']);
    const home = await open(1280, '#/?q=dop-lp-op-003-2024-c1');
    expect(await home.locator('.kpis > *', { hasText: 'Contrataciones' }).first().innerText()).toMatch(/\b1\b/);
  });

  it('the CSV of Contratistas gives each contractor\'s RFC as the table shows it, not the document\'s own key', async () => {
    const page = await open(1280, '#/contratistas?q=Concretos', 'goOn');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('main .download-csv')]);
    const lines = (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^rfc_o_clave,contratista,/);
    expect(lines[1]).toMatch(/^CVM130828EF5,"Concretos y Vialidades del Mayab, S.A. de C.V.",/);
  });

  it('a process\'s CSV has the contracts\' values and the payments in separate columns, each summing to the page\'s figure', async () => {
    const page = await open(1280, '#/contratacion/ocds-mid001-DOP-LP-OP-003-2024', 'goOn');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#datos .download-csv')]);
    const [header, ...rows] = (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split('\r\n')
      // Cells of this example hold no quoted comma but the contractor's name, which is not summed.
      .map((line) => line.replace(/"[^"]*"/g, 'x').split(','));
    expect(header).toEqual(['tipo', 'contrato', 'titulo_contrato', 'contratistas', 'pagado_a', 'monto_contrato', 'monto_contrato_con_iva', 'monto_con_iva', 'monto_pagado', 'moneda', 'fecha', 'estado_contrato']);
    // Each contract with who it went to (its award's suppliers; the contractor's name is quoted, read here as «x»).
    expect(rows.filter((r) => r[0] === 'contrato').map((r) => r[header.indexOf('contratistas')])).toEqual(['x']);
    const sum = (column: string): number => Math.round(rows.reduce((n, r) => n + Number(r[header.indexOf(column)] || 0), 0) * 100) / 100;
    const kpi = async (label: string): Promise<string> => page.locator('.kpis > *', { hasText: label }).first().innerText();
    expect(await kpi('Monto contratado')).toContain(formatMoney(sum('monto_contrato')));
    expect(await kpi('Monto pagado')).toContain(formatMoney(sum('monto_pagado')));
    expect(rows.every((r) => (r[0] === 'contrato') === (r[header.indexOf('monto_pagado')] === ''))).toBe(true);
  });

  it('on Calidad, Seguimiento and Descargas the search chooses implementers by name, key or state, and the page and the box say so', async () => {
    for (const [hash, table] of [['#/calidad', 'tabla-completitud'], ['#/seguimiento', 'tabla-seguimiento'], ['#/descargas', 'tabla-descargas']]) {
      const page = await open(1280, `${hash}?q=M%C3%A9rida`, 'goOn');
      expect(await page.locator('#busqueda-implementadores').innerText()).toBe(`En esta página la búsqueda «Mérida» elige implementadores por su nombre, clave o estado: 1 implementador de ${hash === '#/calidad' ? 3 : 4}.`);
      expect(await page.locator(`#${table} tbody tr`).count()).toBe(1);
      expect(await page.locator(`#${table} tbody tr`).innerText()).toContain('Municipio de Mérida');
      expect(await page.getAttribute('#buscar', 'placeholder')).toBe('Implementador o estado…');
    }
    const none = await open(1280, '#/calidad?q=pavimentaci%C3%B3n');
    expect(await none.locator('#busqueda-implementadores').innerText()).toMatch(/^Ningún implementador tiene «pavimentación» en su nombre, clave o estado: .* Vea lo que coincide en Proyectos o en Contrataciones/);
    await none.click('#busqueda-implementadores a:text("Proyectos")');
    await none.waitForSelector('body[data-ready] main h1:text("Proyectos")');
    expect(none.url()).toContain('q=pavimentaci');
    expect(await none.getAttribute('#buscar', 'placeholder')).toBe('Proyecto, clave, institución, contratista…');
  });

  it('the map writes a municipality\'s name 13 px tall on a phone as on a desk, and still after the window is resized', async () => {
    const heights = (page: Page): Promise<number[]> => page.locator('.area-label').evaluateAll((labels: any[]) => labels.map((t) => Math.round(Number(getComputedStyle(t).fontSize.replace('px', '')) * t.getScreenCTM().a)));
    for (const width of [390, 1280]) {
      const page = await open(width, '#/?publisher=merida', 'goOn');
      for (let i = 0; i < 8 && !(await page.locator('.area-label').count()); i++) await page.click('#mapa-acercar');
      const shown = await heights(page);
      expect(shown.length).toBeGreaterThan(0);
      for (const hgt of shown) expect(hgt).toBe(13);
      // A phone turned or a window widened: the names were kept at the old width's size (about 40 px here).
      await page.setViewportSize({ width: width === 390 ? 1280 : 390, height: 900 });
      await page.waitForFunction(() => [...document.querySelectorAll('.area-label')].every((t: any) => Math.round(Number(getComputedStyle(t).fontSize.replace('px', '')) * t.getScreenCTM().a) === 13), undefined, { timeout: 3000 }).catch(() => undefined);
      expect(await heights(page)).toEqual(shown.map(() => 13));
    }
  });
  // Ciudad de México published «OCDS-87SD3T-…»; the platform publishes it with its prefix in lower case
  // (core/identifiers/lower-ocid-prefix). A journalist pasting the ocid of the news read «Contratación no encontrada».
  it('a process asked by its ocid with the prefix in capitals, as its first publisher wrote it, opens its page', async () => {
    const page = await open(1280, `#/contratacion/${encodeURIComponent('OCDS-MID001-DOP-LP-OP-003-2024')}`, 'goOn');
    expect(await page.locator('main h1').innerText()).toBe('Repavimentación con concreto hidráulico de la calle 60, Centro Histórico');
    expect(await page.locator('main').innerText()).toContain('Proceso de contratación ocds-mid001-DOP-LP-OP-003-2024');
    // A link shared at the end of a sentence or between brackets, its punctuation kept by the chat: the same pages.
    const project = await page.evaluate(async () => ((await (await fetch('/api/oc4ids/projects/oc4ids-mid001-MID-2024-001')).json()) as any).projects[0].title as string);
    for (const [hash, title] of [
      ['#/contratacion/ocds-mid001-DOP-LP-OP-003-2024.', 'Repavimentación con concreto hidráulico de la calle 60, Centro Histórico'],
      [`#/proyecto/${encodeURIComponent('oc4ids-mid001-MID-2024-001).')}`, project],
    ]) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.locator('main h1', { hasText: title }).waitFor({ timeout: 3000 });
    }
  });

  // Last: it publishes Mérida again, which the tests above read as first published.
  it('a process published twice lists both publications in «Historial de publicaciones»: date, what each was, its JSON, and the amount corrected', async () => {
    const ocid = 'ocds-mid001-DOP-LP-OP-003-2024';
    const workbook = await exampleWorkbook('merida');
    setCell(workbook, 'Ubicaciones', 0, 'locations/0/address/locality', 'Juárez');
    setCell(workbook, 'Contratos', 0, 'contracts/0/value/amount', 131250000);
    const result = await publish(srv.store, { publisher: publisherOf('merida', workbook), workbook, actor: 'test', now: '2025-08-05T10:00:00-06:00', baseUrl: srv.base });
    expect(result.status).toBe('published');
    // A context of its own: the tab above holds this record from before, as a reader's browser would for a minute (max-age=60).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${srv.base}/#/contratacion/${ocid}`);
    await page.waitForSelector('body[data-ready] main h1');
    const items = page.locator('#historial-publicaciones > li');
    const [first, second] = [formatDate('2025-07-01T10:00:00-06:00'), formatDate('2025-08-05T10:00:00-06:00')];
    expect([first, second]).toEqual(['01/07/2025', '05/08/2025']);
    // The first said everything the workbook held; the second, only that the contract changed, and from what to what.
    expect(await items.allInnerTexts()).toEqual([
      `${first} ${['planning', 'tender', 'award', 'contract', 'implementation'].map(releaseTagTitle).join(', ')}. JSON`,
      `${second} ${releaseTagTitle('contractUpdate')}. JSON\nMonto del contrato DOP-LP-OP-003-2024-C1: de ${formatMoney(128406219.37)} a ${formatMoney(131250000)}`,
    ]);
    expect(await items.locator('time').evaluateAll((ts: any[]) => ts.map((t) => t.getAttribute('datetime')))).toEqual(['2025-07-01', '2025-08-05']);
    // Each link is that release's own JSON, and a screen reader's list of links tells them apart.
    const links = await items.locator('a').evaluateAll((as: any[]) => as.map((a) => ({ href: a.href, name: a.getAttribute('aria-label') })));
    expect(links.map((l) => l.name)).toEqual([`JSON de la publicación 1 de 2, del ${first}`, `JSON de la publicación 2 de 2, del ${second}`]);
    const releases = await Promise.all(links.map(async (l) => {
      expect(l.href.startsWith(`${srv.base}/api/ocds/releases?ocid=${ocid}&releaseID=`)).toBe(true);
      return ((await (await fetch(l.href)).json()) as { releases: { id: string; date: string; contracts?: { value: { amount: number } }[] }[] }).releases;
    }));
    expect(releases.map((r) => r.length)).toEqual([1, 1]);
    expect(releases.map((r) => r[0].id)).toEqual(links.map((l) => new URL(l.href).searchParams.get('releaseID')));
    expect(releases.map((r) => r[0].contracts?.[0].value.amount)).toEqual([128406219.37, 131250000]);
    // Reached from the process's tabs, as its other sections are: the focus on its heading.
    await page.click('nav.tabs a[href="#historial"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('h-historial');
    await context.close();

    // A text of the first release removed by the personal-data officer (publications redact): the release keeps its id
    // and date, and the history says it was corrected after publication, and when — not what.
    const title = String((await (await fetch(links[0].href)).json() as { releases: { tender: { title: string } }[] }).releases[0].tender.title);
    const current = (await srv.store.getCurrent('merida'))!;
    const project = (await (await fetch(`${srv.base}/api/oc4ids/projects?publisher=merida&limit=1`)).json() as { projects: { id: string; title: string }[] }).projects[0];
    const plan = await planRedaction(srv.store, current, textMatchers([title, project.title]));
    expect(plan.projects.map((p) => p.projectId)).toContain(project.id);
    expect(plan.releases.map((r) => r.releaseId)).toContain(releases[0][0].id);
    const done = await redact(srv.store, { publisher: publisherOf('merida', workbook), plan, baseUrl: srv.base, actor: 'cli', at: '2025-09-01T12:00:00.000Z', reason: 'Solicitud ARCO 0001/2025' });
    expect(done.status).toBe('redacted');
    const later = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const again = await later.newPage();
    await again.goto(`${srv.base}/#/contratacion/${ocid}`);
    await again.waitForSelector('body[data-ready] #historial-publicaciones');
    const notes = await again.locator('#historial-publicaciones > li').evaluateAll((lis: any[]) => lis.map((li) => li.querySelector('.history-redacted')?.textContent ?? null));
    const redactedIds = new Set(plan.releases.map((r) => r.releaseId));
    expect(notes).toEqual(releases.map((r) => (redactedIds.has(r[0].id) ? 'Esta entrega se corrigió el 01/09/2025 para suprimir datos personales; lo demás que dice no cambió.' : null)));
    expect(await again.locator('main').innerText()).not.toContain('Solicitud ARCO');
    // A project redacted says so too, beside its JSON.
    await again.goto(`${srv.base}/#/proyecto/${project.id}`);
    await again.waitForSelector('body[data-ready] main h1');
    expect(await again.locator('#nota-supresion').innerText()).toBe('Este proyecto se corrigió el 01/09/2025 para suprimir datos personales; lo demás que dice no cambió.');
    await later.close();
  });

  // On a phone: a description in paragraphs read as one run-on paragraph (the page collapsed its line breaks).
  it('a description keeps its paragraphs and line breaks, as text, on a phone without scrolling sideways', async () => {
    const page = await open(375, `#/proyecto/${encodeURIComponent('oc4ids-mid001-MID-2024-001')}`, 'goOn');
    const dd = page.locator('main dl.facts > div', { has: page.locator('dt:text-is("Descripción")') }).locator('dd');
    expect(await dd.locator('p').allTextContents()).toEqual(['Sustitución de la carpeta asfáltica por concreto hidráulico.', 'Incluye banquetas <b>accesibles</b>,\nrampas y señalización.', 'Se trabaja por tramos <img src=x onerror="window.__xss=1"> para no cerrar la calle.']);
    // The break inside the second paragraph is kept on screen, and the markup is text: no element, nothing run.
    expect((await dd.locator('p').nth(1).innerText()).split('\n')).toEqual(['Incluye banquetas <b>accesibles</b>,', 'rampas y señalización.']);
    expect(await dd.locator('b, img').count()).toBe(0);
    expect(await page.evaluate(() => [(globalThis as any).__xss, document.documentElement.scrollWidth])).toEqual([undefined, 375]);
  });

  // After the others: it publishes an implementer they count as not published.
  it('a payment as OCDS 1.0 wrote it (history of another system) shows whom it was paid to, as its amount', async () => {
    const publisher = { id: 'cdmx', name: 'Secretaría de Finanzas de la Ciudad de México', state: 'Ciudad de México', ocidPrefix: 'ocds-87sd3t', projectIdPrefix: 'oc4ids-87sd3t', commitment: { projects: 0, periodicityDays: 90 } };
    await srv.store.putPublisher(publisher);
    const ocid = 'ocds-87sd3t-SEFIN-DRM-A-002-2016';
    // As Ciudad de México published it in 2016: `amount`, `providerOrganization`, `receiverOrganization`.
    const release = { ocid, id: `${ocid}-01`, date: '2016-04-05T00:00:00-06:00', tag: ['implementation'], initiationType: 'tender', contracts: [{ id: '1', title: 'A-014/2016', implementation: { transactions: [{ id: 'CLC0010000019-2016', date: '2016-04-05T00:00:00-06:00', amount: { amount: 83383.12, currency: 'MXN' }, providerOrganization: { id: '0901', legalName: 'SECRETARÍA DE FINANZAS' }, receiverOrganization: { id: 'TCM951030A17', legalName: 'TIENDAS COMERCIAL MEXICANA S.A DE C' } }] } }] };
    expect((await publishHistory(srv.store, { publisher, releases: [{ ocid, id: release.id, date: release.date, release }], actor: 'cli', now: '2025-08-06T10:00:00-06:00', baseUrl: srv.base })).status).toBe('published');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${srv.base}/#/contratacion/${ocid}`);
    await page.waitForSelector('body[data-ready] #tabla-pagos');
    expect(await page.locator('#tabla-pagos tbody tr').allInnerTexts()).toEqual([`05/04/2016\t1\tTIENDAS COMERCIAL MEXICANA S.A DE C\t${formatMoney(83383.12)}`]);
    await context.close();
  });

  // After the others too. The SHCP's federal publication gives a contract's amount only as `valueWithTax` (with VAT):
  // its process read «Sin dato» on its page, in Contrataciones and in their CSVs, and Inicio's sum left it out.
  (hasStandards ? it : it.skip)('a contract the SHCP published with its amount only with VAT shows it, «con IVA», on its page, in the lists, the CSVs and the sums, which say how much of them it is', async () => {
    const publisher = { id: 'shcp', name: 'Secretaría de Hacienda y Crédito Público', state: 'Ciudad de México', ocidPrefix: 'ocds-07smqs', projectIdPrefix: 'oc4ids-07smqs', commitment: { projects: 0, periodicityDays: 90 } };
    await srv.store.putPublisher(publisher);
    const release = JSON.parse(fs.readFileSync(path.join(STANDARDS_DIR, 'examples', 'real-mx', 'ocds-07smqs-1386-1386.json'), 'utf8')) as { ocid: string; id: string; date: string };
    expect((await publishHistory(srv.store, { publisher, releases: [{ ocid: release.ocid, id: release.id, date: release.date, release }], actor: 'cli', now: '2025-08-06T10:00:00-06:00', baseUrl: srv.base })).status).toBe('published');
    const amount = formatMoney(885888.61);
    const csvOf = async (page: Page, button: string): Promise<Record<string, string>[]> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const [header, ...rows] = (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.replace(/"[^"]*"/g, 'x').split(','));
      return rows.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
    };
    // On a phone, as a journalist following a federal contract; a tab of its own, as a reader arriving after the
    // publication (the file's tab keeps the data it loaded).
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, acceptDownloads: true });
    const page = await context.newPage();
    const show = async (hash: string): Promise<Page> => {
      await page.goto('about:blank');
      await page.goto(`${srv.base}/${hash}`);
      await page.waitForSelector('body[data-ready] main h1');
      return page;
    };
    await show(`#/contratacion/${release.ocid}`);
    const card = page.locator('main dl.kpis .kpi', { has: page.locator('dt:text-is("Monto contratado")') });
    expect((await card.locator('dd').innerText()).split('\n')).toEqual([amount, 'con IVA']);
    expect(await page.locator('#tabla-contratos tbody tr').innerText()).toContain(`${amount} con IVA`);
    const contracts = (await csvOf(page, '#datos .download-csv')).filter((r) => r.tipo === 'contrato');
    expect(contracts.map((r) => [r.monto_contrato, r.monto_contrato_con_iva, r.monto_con_iva, r.moneda])).toEqual([['', '885888.61', '885888.61', 'MXN']]);
    const list = await show('#/contrataciones?publisher=shcp');
    expect(await list.locator('#tabla-contrataciones tbody tr').innerText()).toContain(`${amount} con IVA`);
    const note = `«Monto contratado» incluye ${amount} de 1 contratación que publica el monto de sus contratos solo con IVA («valueWithTax»); se suma como se publicó.`;
    expect(await list.locator('#nota-contratado').innerText()).toContain(note);
    expect((await csvOf(list, 'main .download-csv')).map((r) => [r.contratado_mxn, r.contratado_con_iva_mxn])).toEqual([['885888.61', '885888.61']]);
    // Inicio's sum over every implementer holds it, and says so; /api/stats gives that part apart.
    const home = await show('#/');
    expect(await home.locator('#nota-cifras').innerText()).toContain(note);
    const stats = (await (await fetch(`${srv.base}/api/stats?publisher=shcp`)).json()) as { publishers: { data: { contractedMxn: number; contractedWithTaxMxn: number; processesWithTax: number } }[] };
    expect(stats.publishers[0].data).toMatchObject({ contractedMxn: 885888.61, contractedWithTaxMxn: 885888.61, processesWithTax: 1 });
    // Its contractor's and its institution's pages mark it in their tables and say it under their sums.
    const contractor = await show('#/contratista/CIP981109IZ5');
    expect(await contractor.locator('#tabla-contratista tbody tr').innerText()).toContain(`${amount} con IVA`);
    expect(await contractor.locator('#regla-contratista').innerText()).toContain('«Monto de sus contratos» incluye montos de 1 contratación que publica el monto de sus contratos solo con IVA');
    const institution = await show('#/institucion/16B00');
    expect(await institution.locator('#tabla-institucion-procesos tbody tr').innerText()).toContain(`${amount} con IVA`);
    expect(await institution.locator('main').innerText()).toContain(note);
    await context.close();
    // A state's project that lists it (a federal contract for a state's work) adds it to its «Contratado» and lists
    // it among its processes: both said its amount without «con IVA».
    const workbook = await exampleWorkbook('nuevo-leon');
    const sheet = workbook.sheets.find((x) => x.name === 'Procesos del proyecto')!;
    const typed: Record<string, string> = { id: 'oc4ids-nl0001-NL-2023-001', 'contractingProcesses/0/id': release.ocid, 'contractingProcesses/0/summary/nature': 'Construcción (ejecución de obra)' };
    sheet.rows.push(sheet.rows[1].map((field) => typed[String(field)] ?? null));
    expect((await publish(srv.store, { publisher: publisherOf('nuevo-leon', workbook), workbook, actor: 'test', now: '2025-08-07T10:00:00-06:00', baseUrl: srv.base })).status).toBe('published');
    const reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const project = await reader.newPage();
    await project.goto(`${srv.base}/#/proyecto/oc4ids-nl0001-NL-2023-001`);
    await project.waitForSelector('body[data-ready] main h1');
    expect(await project.locator('#tabla-procesos tr', { hasText: release.ocid }).innerText()).toContain(`${amount} con IVA`);
    expect(await project.locator('#grafica-montos').innerText()).toContain(`(${amount} con IVA)`);
    expect(await project.locator('#nota-iva').innerText()).toBe(`«Contratado» incluye ${amount} de 1 contratación que publica el monto de sus contratos solo con IVA («valueWithTax»); se suma como se publicó.`);
    // A contract with both amounts, its `value` the one without VAT (valueWithTax = value + 16 %, as CompraNet
    // writes them): its `value` is what counts, and its page says which it is, with the amount with VAT beside it.
    const sfp = { ...publisher, id: 'sfp', name: 'Secretaría Anticorrupción y Buen Gobierno', ocidPrefix: 'ocds-sfp001', projectIdPrefix: 'oc4ids-sfp001' };
    await srv.store.putPublisher(sfp);
    const both = JSON.parse(JSON.stringify(release).split(release.ocid).join('ocds-sfp001-1386')) as typeof release & { contracts: Record<string, unknown>[] };
    both.contracts[0].value = { amount: 763697.08, currency: 'MXN' };
    // Paid in full, with VAT, as payments are published.
    both.contracts[0].implementation = { transactions: [{ id: 'p1', date: '2024-05-02T00:00:00-06:00', value: { amount: 885888.61, currency: 'MXN' } }] };
    expect((await publishHistory(srv.store, { publisher: sfp, releases: [{ ocid: both.ocid, id: both.id, date: both.date, release: both }], actor: 'cli', now: '2025-08-08T10:00:00-06:00', baseUrl: srv.base })).status).toBe('published');
    await reader.close();
    // A reader of its own: the tab above holds the index from before this publication (max-age=60).
    const later = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const contract = await later.newPage();
    await contract.goto(`${srv.base}/#/contratacion/${both.ocid}`);
    await contract.waitForSelector('body[data-ready] main h1');
    expect(await contract.locator('#tabla-contratos tbody tr').innerText()).toContain(`${formatMoney(763697.08)} sin IVA (${amount} con IVA)`);
    // Its card too: it counts the amount without VAT, and says under it what the contract comes to with VAT.
    const bothCard = contract.locator('main dl.kpis .kpi', { has: contract.locator('dt:text-is("Monto contratado")') });
    expect((await bothCard.locator('dd').innerText()).split('\n')).toEqual([formatMoney(763697.08), `${amount} con IVA`]);
    // Its CSV gives that amount with VAT too: «monto_contrato_con_iva» holds only amounts counted by it, and the
    // academic had the page's «$885,888.61 con IVA» in no column.
    const [download] = await Promise.all([contract.waitForEvent('download'), contract.click('#datos .download-csv')]);
    const [header, ...rows] = (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.replace(/"[^"]*"/g, 'x').split(','));
    const row = Object.fromEntries(header.map((k, i) => [k, rows.find((r) => r[0] === 'contrato')?.[i]]));
    expect([row.monto_contrato, row.monto_contrato_con_iva, row.monto_con_iva]).toEqual(['763697.08', '', '885888.61']);
    // Inicio's «Monto pagado» over its «Monto contratado» read 116 %: its note says what was paid of the amount with
    // VAT, and the Contrataciones CSV has the column to divide by.
    await contract.goto('about:blank');
    await contract.goto(`${srv.base}/#/?publisher=sfp`);
    await contract.waitForSelector('body[data-ready] #nota-cifras');
    expect(await contract.locator('#nota-cifras').innerText()).toContain(`«Monto contratado» cuenta 1 contratación por el «value» de sus contratos, que publican aparte otro monto con IVA («valueWithTax»). Con IVA, lo contratado suma ${amount}. Los pagos se publican con IVA: lo pagado es el 100 % de esa suma. En el CSV de Contrataciones: la suma de «pagado_mxn» entre la de «contratado_iva_incluido_mxn».`);
    await contract.goto(`${srv.base}/#/contrataciones?publisher=sfp`);
    await contract.waitForSelector('body[data-ready] main .download-csv');
    const [listed] = await Promise.all([contract.waitForEvent('download'), contract.click('main .download-csv')]);
    const [head, line] = (await downloadedText(listed)).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.replace(/"[^"]*"/g, 'x').split(','));
    expect([line[head.indexOf('contratado_mxn')], line[head.indexOf('contratado_iva_incluido_mxn')], line[head.indexOf('pagado_mxn')]]).toEqual(['763697.08', '885888.61', '885888.61']);
    await later.close();
  });
});
