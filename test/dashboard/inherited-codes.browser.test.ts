/**
 * Codes named like the members every JavaScript object inherits (`__proto__`, `constructor`, `toString`), published
 * through the real pipeline: a project's sector is an open codelist, so «__proto__; constructor; toString» is only
 * a warning («no está en la lista sugerida») and publishes. Counted by sector, `constructor` was added to Object's
 * own member (/api/stats said «function Object() { [native code] }1») and `__proto__` reached Object.prototype; the
 * dashboard's title of the code «__proto__» was the prototype itself, which the home page could not draw: «No se
 * pudieron cargar los datos» for every visitor. An address such as `#/constructor` said the same. The figures now
 * count such codes as any other, and the pages name them as they are.
 */
import type { Browser, Page } from 'playwright-core';
import { setCell } from '../example-workbooks';
import { describeIfChromium, launchChromium } from '../browser';
import { moveByHash, openMainText, startDashboardServer, type DashboardServer } from './dashboard-server';

declare const document: any;

const SECTORS = ['__proto__', 'constructor', 'toString'];

describeIfChromium('codes named like inherited members', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    srv = await startDashboardServer({ edit: (key, workbook) => { if (key === 'merida') setCell(workbook, 'Proyectos', 1, 'sector', SECTORS.join('; ')); } });
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  const open = (hash: string): Promise<string> => openMainText(page, srv, hash);
  /** `hash` reached within the loaded app, as its links and a typed address do (a fresh load costs several times more). */
  const visit = async (hash: string): Promise<string> => {
    await moveByHash(page, hash);
    return (await page.locator('main').textContent()) ?? '';
  };

  it('the API counts them as sectors, one project each, and pollutes no object of the server', async () => {
    const stats = await (await fetch(`${srv.base}/api/stats?publisher=merida`)).json() as { publishers: { data: { bySector: Record<string, unknown> } }[] };
    const bySector = stats.publishers[0].data.bySector;
    expect(SECTORS.map((s) => [s, Object.prototype.hasOwnProperty.call(bySector, s) ? bySector[s] : 'ausente'])).toEqual(SECTORS.map((s) => [s, 1]));
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });

  it('the home page and the indicators draw, naming the codes as they are, and the page\'s objects stay clean', async () => {
    expect(await open('#/')).not.toContain('No se pudieron cargar los datos');
    expect(await page.evaluate(() => [({} as any).count, ({} as any).amountMxn])).toEqual([undefined, undefined]);
    const indicators = await visit('#/indicadores');
    expect(indicators).not.toContain('No se pudieron cargar los datos');
    // The sector table: each code as its own row, counted once (not «function Object() { [native code] }»).
    const sectorRows = await page.evaluate(() => {
      const table = [...document.querySelectorAll('table')].find((t: any) => /sector/i.test(t.querySelector('caption')?.textContent ?? ''));
      return table ? [...table.querySelectorAll('tbody tr')].map((r: any) => r.textContent as string) : [];
    });
    for (const s of SECTORS) expect(sectorRows).toContain(`${s}1`);
    expect(indicators).not.toMatch(/native code/);
  });

  it('an address named like an inherited member is a page not found', async () => {
    // The first as the page loads, the others moving within it.
    for (const name of ['constructor', '__proto__', 'toString']) expect(await (name === 'constructor' ? open : visit)(`#/${name}`)).toMatch(/^Página no encontrada/);
  });
});
