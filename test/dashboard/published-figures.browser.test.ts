/**
 * Figures as implementers really publish them, read in the built dashboard (headless Chromium, the real app seeded
 * with the example workbooks, edited): a progress measure computed in a spreadsheet (82.3456 %) is written in es-MX
 * with one decimal on the project list and page, not as the raw number; a project's process with no contractor
 * published says «Sin dato» rather than leaving its cell blank; the momentos contables officials capture for each
 * clave presupuestaria (approved, modified, committed… amounts) are on the process page; a detail page's empty
 * table says what is missing («Sin pagos publicados.»), not «para esta selección» (no selection applies there);
 * payments read in the order they were made, whatever the order they were published in; the change from budget to
 * contract reads in es-MX («+131,270.2 %», not «+131270.2 %»), and one that rounds to nothing «0 %», as every share on
 * the pages is written (it read «0.0 %»), not «-0 %».
 */
import type { Browser, Page } from 'playwright-core';
import { describeIfChromium, downloadedText, launchChromium } from '../browser';
import { moveByHash, startDashboardServer, type DashboardServer } from './dashboard-server';
import { setCell } from '../example-workbooks';
import { computeQuality } from '../../core/stats/quality-stats';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const location: any;

const PROJECT = 'oc4ids-nl0001-NL-2023-001';

describeIfChromium('figures as published, in the dashboard', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The latest physical progress of NL-2023-001, as a formula in the sheet leaves it (second measure of the sheet).
    // And Mérida's first payment of DOP-LP-OP-003-2024 listed first though made third, as the INAI lists its payments.
    srv = await startDashboardServer({
      edit: (key, workbook) => {
        if (key === 'nuevo-leon') setCell(workbook, 'Mediciones de avance', 1, 'metrics/0/observations/0/measure', 82.3456);
        // NL-2023-001's budget $53,007.36 over what it contracted; Mérida's calle 60 budgeted at $100,000.00 (a
        // figure typed in pesos where thousands were meant), a thousand times under what it contracted.
        if (key === 'nuevo-leon') setCell(workbook, 'Proyectos', 0, 'budget/amount/amount', 1135700000);
        if (key === 'merida') setCell(workbook, 'Proyectos', 0, 'budget/amount/amount', 100000);
        if (key === 'merida') setCell(workbook, 'Transacciones', 0, 'contracts/0/implementation/transactions/0/date', '2024-10-01T00:00:00.000Z');
        // Tuxtla's supervision contract signed in dollars (its payments stay in pesos), and its park's contract cancelled.
        if (key === 'tuxtla-gutierrez') setCell(workbook, 'Contratos', 1, 'contracts/0/value/currency', 'USD');
        if (key === 'tuxtla-gutierrez') setCell(workbook, 'Contratos', 2, 'contracts/0/status', 'cancelled');
        // Nuevo León's Constructora Cumbres del Norte also works for Tuxtla, which keys it by a hash and writes its name
        // otherwise (in place of Grijalva's: a contract, and a bid lost); Mérida's Sac-Nicté is renamed as Tuxtla's
        // Cañón del Sumidero, in capitals and without accent, under its own RFC.
        const swaps: Record<string, [string, string][]> = {
          'tuxtla-gutierrez': [['MX-RFC-IHG080225D85', 'a3f9c2e1'], ['Infraestructura Hidráulica Grijalva, S.A. de C.V.', 'CONSTRUCTORA CUMBRES DEL NORTE SA DE CV'], ['IHG080225D85', 'CCN050314H72']],
          merida: [['Obras Hidráulicas Sac-Nicté, S.A. de C.V.', 'CONSTRUCTORA CAÑON DEL SUMIDERO SA DE CV']],
        };
        for (const sheet of workbook.sheets) for (const row of sheet.rows) for (let i = 0; i < row.length; i++) for (const [from, to] of swaps[key] ?? []) if (row[i] === from) row[i] = to;
      },
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  async function visit(hash: string): Promise<void> {
    if (page.url().startsWith(srv.base)) {
      await moveByHash(page, hash);
      return;
    }
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector('body[data-ready] main h1');
  }

  it('a progress of 82.3456 % reads «82.3 %» on the list, the page and its measures', async () => {
    await visit(`#/proyectos?q=${PROJECT}`);
    const listed = await page.evaluate(() => [...document.querySelectorAll('main table tbody tr')].map((tr: any) => tr.innerText));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain('82.3 %');
    expect(listed[0]).not.toContain('82.3456');
    await visit(`#/proyecto/${PROJECT}`);
    expect((await page.locator('#avance-fisico').textContent())?.trim()).toBe('82.3 %');
    // The measures are in the «Avance» region, with its figures (a screen reader's list of regions left them out).
    const table = page.getByRole('region', { name: 'Avance' }).locator('#tabla-avance tbody');
    expect(await table.count()).toBe(1);
    const measures = await table.innerText();
    expect(measures).toContain('82.3 %');
    expect(measures).not.toContain('82.3456');
  });

  it("every cell of a project's processes says something: no contractor published is «Sin dato»", async () => {
    const blank: string[] = [];
    for (const id of ['oc4ids-nl0001-NL-2025-004', PROJECT, 'oc4ids-nl0001-NL-2024-002', 'oc4ids-nl0001-NL-2022-003']) {
      await visit(`#/proyecto/${id}`);
      blank.push(...(await page.evaluate(() => [...document.querySelectorAll('#tabla-procesos tbody td')].filter((td: any) => !td.textContent.trim()).map((td: any) => td.parentElement.innerText))).map((row: string) => `${id}: ${row}`));
    }
    expect(blank).toEqual([]);
  });

  it("a process's budget gives each clave presupuestaria's momentos contables, with amount and period", async () => {
    await visit('#/contratacion/ocds-nl0001-SI-LP-OP-004-2023');
    const claves = await page.locator('#tabla-partidas tbody').innerText();
    expect(claves).toContain('2023-21-07-K012-61501-11');
    // Under «Aprobado» (dashboard.browser.test.ts checks every column): the amount, and when it was measured.
    const approved = (await page.locator('#tabla-partidas thead th[scope="col"]').allTextContents()).indexOf('Aprobado');
    expect(approved).toBeGreaterThan(0);
    expect(await page.locator(`#tabla-partidas tbody tr:first-child > :nth-child(${approved + 1})`).textContent()).toBe('$1,190,000,000.00 (Primer trimestre de 2023)');
  });

  it("a detail page's empty table names what was not published, never «para esta selección»", async () => {
    const index = (await (await fetch(`${srv.base}/api/index`)).json()) as { publishers: { processes: { ocid: string }[]; projects: { id: string }[] }[] };
    const pages = [
      ...index.publishers.flatMap((p) => p.processes.map((r) => `#/contratacion/${encodeURIComponent(r.ocid)}`)),
      ...index.publishers.flatMap((p) => p.projects.map((r) => `#/proyecto/${encodeURIComponent(r.id)}`)),
    ];
    // Each page reached by the app's own navigation (as moveByHash does it), one after another within the page: a
    // round trip of Playwright's for each move, wait and read cost more of the CPU than drawing the page.
    await visit(pages[0]);
    const said: string[] = await page.evaluate(async (hashes: string[]) => {
      const out: string[] = [];
      for (const hash of hashes) {
        const [before, ready] = [location.hash, document.body.getAttribute('data-ready')];
        document.activeElement?.blur?.();
        document.body.removeAttribute('data-ready');
        location.hash = hash;
        // The address already shown (the first, visited above) is no move: nothing is drawn again.
        if (location.hash === before) document.body.setAttribute('data-ready', ready);
        const since = Date.now();
        while (!document.querySelector('body[data-ready] main h1')) {
          if (Date.now() - since > 10_000) throw new Error(`${hash} no se dibujó en 10 s`);
          await new Promise((r) => setTimeout(r, 10));
        }
        out.push(...[...document.querySelectorAll('main td[colspan]')].map((td: any) => `${hash}: ${td.textContent.trim()}`));
      }
      return out;
    }, pages);
    expect(said.length).toBeGreaterThan(0);
    expect(said.filter((s) => s.includes('para esta selección'))).toEqual([]);
    expect(said.some((s) => s.endsWith('Sin pagos publicados.'))).toBe(true);
  });

  it('a process lists its payments by date, not in the order they were published', async () => {
    await visit('#/contratacion/ocds-mid001-DOP-LP-OP-003-2024');
    const dates = await page.locator('#tabla-pagos tbody tr').evaluateAll((trs) => trs.map((tr: any) => tr.querySelector('td, th').textContent.trim()));
    const iso = dates.map((d: string) => d.split('/').reverse().join('-'));
    expect(iso.length).toBeGreaterThan(2);
    expect(iso).toEqual([...iso].sort());
    expect(dates.slice(0, 3)).toEqual(['17/09/2024', '01/10/2024', '17/10/2024']);
  });

  it('the change from budget to contract is written in es-MX, as shares are: thousands grouped, «0 %» (not «0.0 %» nor «-0 %»)', async () => {
    const contracted = async (id: string): Promise<string> => {
      await visit(`#/proyecto/${id}`);
      return page.locator('main tr', { hasText: 'Contratado' }).filter({ hasText: '%' }).first().innerText();
    };
    expect(await contracted(PROJECT)).toContain('$1,135,646,992.64 (0 %)');
    expect(await contracted('oc4ids-mid001-MID-2024-001')).toContain('$131,370,219.37 (+131,270.2 %)');
  });

  it('a contract in dollars reads in dollars, never «Sin dato» nor pesos, and what the totals leave out is said beside them', async () => {
    const usd = 'ocds-tgz001-OP-AD-SRO-004-2025';
    await visit(`#/contrataciones?q=${usd}`);
    const row = await page.locator('#tabla-contrataciones tbody tr').innerText();
    expect(row).toContain('En otra moneda');
    expect(await page.locator('#tabla-contrataciones caption').innerText()).toContain('1 monto en otra moneda no se suma.');
    await visit(`#/contratacion/${usd}`);
    expect(await page.locator('#kpis-proceso').innerText()).toContain('$1,296,480.00 USD');
    expect(await page.locator('#nota-montos').innerText()).toBe('Los montos en otra moneda no se suman a los de pesos.');
    await visit('#/proyecto/oc4ids-tgz001-TGZ-2024-001');
    expect(await page.locator('#tabla-procesos tbody tr', { hasText: usd }).innerText()).toContain('$1,296,480.00 USD');
    expect(await page.locator('#nota-otra-moneda').count()).toBe(1);
    // On the list too: the project's «Contratado» leaves the dollars out, and the caption says so.
    await visit('#/proyectos?publisher=tuxtla-gutierrez');
    expect(await page.locator('#tabla-proyectos caption').innerText()).toContain('«Contratado» no suma los montos en otra moneda de los procesos de 1 proyecto (están en su página).');
    expect((await page.locator('#tabla-proyectos tbody tr', { hasText: 'Plan de Ayala' }).innerText()).split('\t')[3]).toBe('$43,578,209.66');
    // Tuxtla's one direct award is that contract: its method's amount is in another currency, alike on both pages (not $0.00).
    await visit('#/contrataciones?publisher=tuxtla-gutierrez');
    expect(await page.locator('main table', { hasText: 'Monto contratado (número de procesos)' }).locator('tr', { hasText: 'Directo' }).innerText()).toContain('En otra moneda (1)');
    await visit('#/indicadores?publisher=tuxtla-gutierrez');
    expect(await page.locator('main p.intro').innerText()).toContain('1 monto en otra moneda no se suma.');
    expect(await page.locator('main table', { hasText: 'Monto (MXN)' }).first().locator('tr', { hasText: 'Directo' }).innerText()).toContain('En otra moneda');
    // An award without a contract: nothing contracted, and the awarded value the project's package calls contractValue.
    await visit('#/proyecto/oc4ids-tgz001-TGZ-2025-003');
    expect(await page.locator('#tabla-procesos tbody tr').innerText()).toContain('Sin monto de contrato (adjudicado: $19,742,318.55)');
    // A cancelled contract's value is not contracted money: the card leaves it out and names it.
    await visit('#/contratacion/ocds-tgz001-OP-IR-OP-012-2023');
    expect(await page.locator('#nota-montos').innerText()).toContain('no suma el contrato cancelado (OP-IR-OP-012-2023-C1: $6,893,120.44)');
  });

  it('a company is one contractor by its RFC across implementers, however each keys and names it; its page and CSV say where, what it was awarded and which contracts were amended', async () => {
    // Searched by its RFC as a news story writes it, with hyphens: one contractor, both contracts, both implementers.
    await visit('#/contratistas?q=CCN-050314-H72');
    const rows = await page.locator('#tabla-contratistas tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0].split('\t')).toEqual(['Constructora Cumbres del Norte, S.A. de C.V.', 'CCN050314H72', 'Monterrey', '2', '$1,142,312,722.30', '$1,142,312,722.30', '$771,979,048.11',
      'Municipio de Tuxtla Gutiérrez; Secretaría de Infraestructura del Gobierno de Nuevo León']);
    // Its name as another register writes it, «SA de CV» without dots, finds both (one spells it «S.A. de C.V.»).
    await visit(`#/contratistas?q=${encodeURIComponent('Constructora Cumbres del Norte SA de CV')}`);
    expect((await page.locator('#tabla-contratistas tbody tr').allInnerTexts()).map((r) => r.split('\t')[3])).toEqual(['2']);
    // A link with Tuxtla's own key for it (as its process page wrote it) opens the same contractor.
    await visit('#/contratista/a3f9c2e1');
    expect(await page.locator('main h1').innerText()).toBe('Constructora Cumbres del Norte, S.A. de C.V.');
    expect(await page.locator('#otros-nombres').innerText()).toBe('También publicado como: «CONSTRUCTORA CUMBRES DEL NORTE SA DE CV».');
    expect(await page.locator('#tabla-contratista-implementadores tbody tr').allInnerTexts()).toEqual([
      'Secretaría de Infraestructura del Gobierno de Nuevo León\tNuevo León\t1\t$1,098,734,512.64\t$1,098,734,512.64\t$747,139,468.60',
      'Municipio de Tuxtla Gutiérrez\tChiapas\t1\t$43,578,209.66\t$43,578,209.66\t$24,839,579.51']);
    // Where it bid and lost, with who won: Tuxtla's health centre went to Cañón del Sumidero.
    expect(await page.locator('#tabla-contratista-licitaciones tbody tr', { hasText: 'Los Laureles' }).innerText()).toContain('Constructora Cañón del Sumidero, S.A. de C.V.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('main .download-csv')]);
    const [header, ...lines] = (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.replace(/"[^"]*"/g, 'x').split(','));
    expect(header).toEqual(['ocid', 'proceso', 'institucion', 'implementador', 'estado', 'etapa', 'metodo', 'convenios_modificatorios', 'adjudicado_mxn', 'contratado_mxn', 'pagado_mxn', 'proyectos']);
    // Nuevo León's contract was amended (its term extended): the page and the file say so.
    expect(lines.map((l) => [l[0], l[4], l[7], l[9]])).toEqual([['ocds-nl0001-SI-LP-OP-004-2023', 'Nuevo León', '1', '1098734512.64'], ['ocds-tgz001-OP-LP-OP-014-2024', 'Chiapas', '0', '43578209.66']]);
    expect(await page.locator('#kpis-contratista .kpi', { hasText: 'Contratos con convenio modificatorio' }).innerText()).toMatch(/\b1$/);
    // The same name under another RFC is another contractor, named on the page for the reader to compare.
    await visit('#/contratista/MX-RFC-CCS060418MA1');
    expect(await page.locator('#mismo-nombre').innerText()).toBe('Con el mismo nombre y otro RFC o clave: CONSTRUCTORA CAÑON DEL SUMIDERO SA DE CV (OHS1005127C9).');
    // Tuxtla's contractors, from its page, the largest first with its share of what Tuxtla contracted (the dollar and
    // the cancelled contracts aside): $43,578,209.66 of $107,829,864.77.
    await visit('#/institucion/MX-RFC-MTG830101S45');
    const contractors = await page.locator('#tabla-institucion-contratistas tbody tr').allInnerTexts();
    expect(contractors[0].split('\t')).toEqual(['CONSTRUCTORA CUMBRES DEL NORTE SA DE CV', 'CCN050314H72', '1', '$43,578,209.66', '40.4 %']);
    expect(contractors.map((r) => r.split('\t')[0])).toContain('Grupo Constructor Mactumactzá, S.A. de C.V.');
    // On the process it lost, its name among the bidders leads to its page, keyed by its RFC (Tuxtla's key is a hash).
    await visit('#/contratacion/ocds-tgz001-OP-LP-OP-002-2025');
    expect(await page.locator('#tabla-licitantes a', { hasText: 'CONSTRUCTORA CUMBRES DEL NORTE SA DE CV' }).getAttribute('href')).toBe('#/contratista/MX-RFC-CCN050314H72');
    // Tuxtla's cancelled contract is Copoya's only one: its page says why its amount is «Sin dato».
    await visit('#/contratista/MX-RFC-ECO120920N69');
    expect(await page.locator('#contratos-sin-sumar').innerText()).toBe('1 de sus contratos no se suma a «Monto de sus contratos»: está cancelado, en otra moneda o sin monto publicado. La página de cada proceso dice cuál es el caso.');
    // Awarded and not yet contracted: what it was awarded is said, beside no amount contracted.
    await visit('#/contratista/MX-RFC-GCM140709Z53');
    expect(await page.locator('#kpis-contratista .kpi', { hasText: 'Monto adjudicado' }).innerText()).toContain('$19,742,318.55');
    expect(await page.locator('#kpis-contratista .kpi', { hasText: 'Monto de sus contratos' }).innerText()).toContain('Sin dato');
  });

  it('a year chosen says its totals are those of the projects active that year, not what was paid in it', async () => {
    await visit('#/?year=2024');
    expect(await page.locator('#nota-cifras').innerText()).toContain('Con el año 2024: los proyectos cuyo periodo incluye 2024');
    await visit('#/indicadores?year=2024');
    expect(await page.locator('#nota-anio').count()).toBe(1);
  });

  it('«Calidad de datos» counts an implementer\'s projects and processes with thousands grouped, as every count on the pages, and says «No aplica» for the share of what it does not publish; each table downloads as CSV, unrounded, with the counts behind its shares', async () => {
    // A large implementer's figures, as its publication wrote them (Mérida's statistics with more documents).
    const stats = (await srv.store.getStats('merida'))!;
    await srv.store.putStats({ ...stats, data: { ...stats.data, projects: 1500, processes: 12000 } });
    // Tuxtla's as its publication writes them when its workbook brings processes and no project: no share of projects
    // («No aplica»), not «0 %» as if it published them all empty.
    const tuxtla = (await srv.store.getStats('tuxtla-gutierrez'))!;
    const records = ((await (await fetch(`${srv.base}/api/ocds/records?publisher=tuxtla-gutierrez&limit=1000`)).json()) as { records: unknown[] }).records;
    await srv.store.putStats({ ...tuxtla, data: { ...tuxtla.data, projects: 0, processes: records.length, quality: JSON.parse(JSON.stringify(computeQuality(records, []))) } });
    await visit('#/calidad');
    const row = page.locator('#tabla-completitud tbody tr', { has: page.locator('th, td', { hasText: 'Mérida' }) });
    expect((await row.locator('td').allTextContents()).slice(0, 2)).toEqual(['1,500', '12,000']);
    const onlyProcesses = await page.locator('#tabla-completitud tbody tr', { has: page.locator('th, td', { hasText: 'Tuxtla' }) }).locator('td').allTextContents();
    expect(onlyProcesses.slice(0, 3)).toEqual(['0', String(records.length), 'No aplica']);
    expect(onlyProcesses[3]).toMatch(/^\d+(\.\d)? %$/);
    // The rule is on the page: a reviewer who quotes a share can recompute it from the published data.
    expect(await page.locator('#nota-completitud').innerText()).toContain('los campos llenos de todos ellos entre los campos que les corresponden');

    // The figures as data for a report (an auditor copied them from the page): each table's CSV, unrounded, with the
    // counts its shares are made of; empty where the page says «No aplica».
    const csv = async (name: string): Promise<string[][]> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return (await downloadedText(download)).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.replace(/"[^"]*"/g, 'x').split(','));
    };
    const [head, ...implementers] = await csv('Descargar CSV de la completitud por implementador');
    expect(head).toEqual(['clave', 'implementador', 'estado', 'proyectos', 'procesos', 'campos_llenos_proyectos', 'campos_llenos_procesos', 'ultima_actualizacion']);
    const tuxtlaRow = implementers.find((r) => r[0] === 'tuxtla-gutierrez')!;
    expect([tuxtlaRow[3], tuxtlaRow[4], tuxtlaRow[5], Number(tuxtlaRow[6])]).toEqual(['0', String(records.length), '', computeQuality(records, []).processesShare]);
    expect(implementers.find((r) => r[0] === 'merida')!.slice(3, 5)).toEqual(['1500', '12000']);
    const [, ...points] = await csv('Descargar CSV de la cobertura CoST IDS');
    const quality = (stats.data as unknown as { quality: ReturnType<typeof computeQuality> }).quality;
    const disclosure = quality.costIds;
    expect(points.filter((r) => r[0] === 'merida').map((r) => [Number(r[4]), Number(r[5])])).toEqual(disclosure.map((c) => [c.disclosed, c.total]));
    const [fieldsHead, ...fieldRows] = await csv('Descargar CSV de los campos llenos por implementador');
    expect(fieldsHead).toEqual(['clave', 'implementador', 'estandar', 'campo', 'ruta', 'documentos_que_lo_llenan', 'documentos']);
    expect(fieldRows.filter((r) => r[0] === 'merida').length).toBe(quality.fields.length);
  });
});
