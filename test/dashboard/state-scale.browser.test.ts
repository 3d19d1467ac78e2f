/**
 * Inicio with a state's figures, in headless Chromium against the real app: the example publishers and one more
 * whose 200 projects, each with its contracting process, are spread over about 2.5° around Saltillo, with amounts of
 * a state's budget (hundreds of thousands of millions of pesos). A reader's walk found the money cards' amounts
 * («$161,091,560,293.00») wider than their card at 1366 px, and the map's groups drawn over each other. Checked at
 * 1366, 1024 and 375 px: every card's content stays inside the card, its amount in words («$171.1 mil millones»)
 * with the exact amount under it; no two map markers' boxes overlap, at the default view and one zoom in, and every
 * located project is in one of them. Screenshots: test-artifacts/dashboard-cifras-estatales-{width}.png and
 * dashboard-mapa-estatal-{width}.png, when asked (keptScreenshot: INFRA_SCREENSHOTS=1).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keptScreenshot, describeIfChromium, launchChromium } from '../browser';
import { startDashboardServer, type DashboardServer } from './dashboard-server';
import { formatCompact, formatMoney } from '../../core/format/es-mx';
import { publish } from '../../functions/src/publication/publish';
import { BENCH_PUBLISHER, syntheticDocumentsFor, workbookOf } from '../../scripts/bench/synthetic-publisher';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const requestAnimationFrame: any;

const PUBLISHER = { ...BENCH_PUBLISHER, id: 'coahuila', name: 'Secretaría de Infraestructura de Coahuila', state: 'Coahuila', ocidPrefix: 'ocds-coa001', projectIdPrefix: 'oc4ids-coa001' };
const PROJECTS = 200;
/** Every amount of the demo documents × 6: the projects' budgets add up to about $171 mil millones. */
const SCALE = 6;

type Obj = Record<string, unknown>;

/** A JSON text parsed with each `amount` × `factor` (to the cent). */
const parsedTimes = (json: string, factor: number): Obj => JSON.parse(json, (k, v: unknown) => (k === 'amount' && typeof v === 'number' ? Math.round(v * factor * 100) / 100 : v)) as Obj;

/**
 * The demo documents cloned, their amounts scaled, each project on its own point of a 15 × 14 lattice (0.18° apart).
 * The bench's clones are 400 processes, one project for every other one; the processes of a project are kept, at
 * twice the amounts: the other 200 repeated the same demo releases (the demo's five, 40 times each either way), so
 * every sum of money on the page is that of the 400, for half the publication's work. The documents are the
 * bench's (syntheticDocumentsFor's for 400 processes, the odd ones left out), each cloned from the bench's first ten
 * under its own ids: cloning the 400 and re-keying them as one text cost about 0.6 s of CPU, twice what this does.
 */
function stateDocuments(): { releases: Obj[]; projects: Obj[] } {
  // The first ten clones hold the five demo releases twice (process i is demo release i % 5) and the project.
  const first = syntheticDocumentsFor(PUBLISHER, 10);
  const ocid = (i: number): string => `${PUBLISHER.ocidPrefix}-B${String(i).padStart(6, '0')}`;
  const projectId = (i: number): string => `${PUBLISHER.projectIdPrefix}-P${String(i).padStart(6, '0')}`;
  const releaseTexts = first.releases.map((r) => JSON.stringify(r));
  const projectText = JSON.stringify(first.projects[0]);
  const releases: Obj[] = [];
  const projects: Obj[] = [];
  for (let k = 0; k < PROJECTS; k++) {
    const i = 2 * k;
    releases.push(parsedTimes(releaseTexts[i % 10].split(ocid(i % 10)).join(ocid(i)), 2 * SCALE));
    projects.push(parsedTimes(projectText.split(ocid(0)).join(ocid(i)).split(projectId(0)).join(projectId(k)), SCALE));
  }
  projects.forEach((p, i) => {
    const location = (p.locations as Obj[])[0];
    location.geometry = { type: 'Point', coordinates: [-102.2 + (i % 15) * 0.18, 24.9 + Math.floor(i / 15) * 0.18] };
    location.address = { ...(location.address as Obj), locality: 'Saltillo', region: 'Coahuila' };
  });
  return { releases, projects };
}

describeIfChromium('Inicio with a state\'s figures: money cards fit their card, map markers never overlap', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let context: BrowserContext;
  let budget: number;
  const refused: string[] = [];

  beforeAll(async () => {
    srv = await startDashboardServer();
    await srv.store.putPublisher(PUBLISHER);
    const result = await publish(srv.store, { publisher: PUBLISHER, workbook: workbookOf(stateDocuments()), actor: 'test', now: '2025-07-01T00:00:00Z', baseUrl: srv.base });
    expect(result.status).toBe('published');
    const stats = (await (await fetch(`${srv.base}/api/stats`)).json()) as { publishers: { publisherId: string; data: { budgetMxn: number } }[] };
    budget = stats.publishers.find((p) => p.publisherId === PUBLISHER.id)!.data.budgetMxn;
    // The size the walk found: twelve digits, wider than a card when written whole.
    expect(budget).toBeGreaterThan(1e11);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(srv.base)) return route.continue();
      refused.push(route.request().url());
      return route.abort();
    });
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  /**
   * The page at `width`, loaded once for both tests of that width: the cards' test changes nothing on it, and the
   * map's test reads the map as loaded (then zooms; the next width loads the page afresh).
   */
  const pages = new Map<number, Promise<Page>>();
  function open(width: number): Promise<Page> {
    if (!pages.has(width)) pages.set(width, load(width));
    return pages.get(width)!;
  }
  let tab: Page | undefined;
  /** The file's one tab, loaded afresh at `width` (through a blank page): a tab for each width cost a renderer's start. */
  async function load(width: number): Promise<Page> {
    if (!tab || tab.isClosed()) tab = await context.newPage();
    const page = tab;
    await page.goto('about:blank');
    await page.setViewportSize({ width, height: width > 500 ? 768 : 812 });
    await page.goto(`${srv.base}/#/?publisher=${PUBLISHER.id}`);
    await page.waitForSelector('body[data-ready] #kpis');
    // The map draws its markers again once it knows its size on screen (the next frame).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return page;
  }

  /** Pairs of markers whose boxes on screen overlap, and the projects the markers hold. */
  const markers = (page: Page): Promise<{ overlaps: string[]; projects: number; shown: number }> => page.evaluate(() => {
    const ms = [...document.querySelectorAll('#mapa .marker')].map((g: any) => ({ n: Number(g.dataset.count), b: g.getBoundingClientRect() }));
    const overlaps: string[] = [];
    for (let i = 0; i < ms.length; i++) {
      for (let j = i + 1; j < ms.length; j++) {
        const a = ms[i].b;
        const b = ms[j].b;
        // A shared edge is not an overlap; a tenth of a pixel of rounding either.
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.1) overlaps.push(`${ms[i].n} & ${ms[j].n} at ${Math.round(a.left)},${Math.round(a.top)} / ${Math.round(b.left)},${Math.round(b.top)}`);
      }
    }
    return { overlaps, projects: ms.reduce((n: number, m: { n: number }) => n + m.n, 0), shown: ms.length };
  });

  for (const width of [1366, 1024, 375]) {
    it(`at ${width} px: every card's content stays in its card; amounts in words, with the exact amount under them`, async () => {
      const page = await open(width);
      const problems: string[] = await page.evaluate(() => {
        const out: string[] = [];
        for (const card of document.querySelectorAll('#kpis .kpi')) {
          const label = card.querySelector('dt').textContent;
          const dd = card.querySelector('dd');
          if (dd.scrollWidth > dd.clientWidth) out.push(`${label}: figure ${dd.scrollWidth} px wide in ${dd.clientWidth} px`);
          const right = card.getBoundingClientRect().right;
          for (const el of card.querySelectorAll('*')) if (el.getBoundingClientRect().right > right + 0.5) out.push(`${label}: «${el.textContent}» past the card`);
          for (const el of card.querySelectorAll('.fig')) if (el.getClientRects().length > 1) out.push(`${label}: «${el.textContent}» broken across lines`);
        }
        return out;
      });
      expect(problems).toEqual([]);
      // The amount in words, large, and the exact amount under it (read aloud as such).
      const card = page.locator('#kpis .kpi', { has: page.locator('dt:text-is("Presupuesto total")') });
      expect((await card.locator('dd').innerText()).split('\n')[0]).toBe(formatCompact(budget, '$'));
      expect(await card.locator('.exact .fig').textContent()).toBe(formatMoney(budget));
      expect(await card.locator('.exact').textContent()).toBe(`Cifra exacta: ${formatMoney(budget)}`);
      await keptScreenshot(page, `dashboard-cifras-estatales-${width}.png`);
    });

    it(`at ${width} px: no two map markers overlap, at the default view and one group opened; every project is in one`, async () => {
      const page = await open(width);
      const before = await markers(page);
      expect(before.overlaps).toEqual([]);
      expect(before.projects).toBe(PROJECTS);
      // The map opens on the state's projects, not on the whole country.
      const viewWidth = (): Promise<number> => page.locator('#mapa-dibujo').evaluate((svg: any) => Number(svg.getAttribute('viewBox').split(' ')[2]));
      const framed = await viewWidth();
      const largest = await page.locator('#mapa .marker.cluster').evaluateAll((gs: any[]) => gs.reduce((best: number, g: any, i: number) => (Number(g.dataset.count) > Number(gs[best].dataset.count) ? i : best), 0));
      const opened = Number(await page.locator('#mapa .marker.cluster').nth(largest).getAttribute('data-count'));
      await page.locator('#mapa .marker.cluster').nth(largest).click();
      const zoomed = await markers(page);
      expect(zoomed.overlaps).toEqual([]);
      // The group opened splits into smaller ones.
      const biggest = await page.locator('#mapa .marker').evaluateAll((gs: any[]) => Math.max(...gs.map((g) => Number(g.dataset.count))));
      expect(biggest).toBeLessThan(opened);
      await page.getByRole('button', { name: 'Todo el país' }).click();
      expect(await viewWidth()).toBeGreaterThan(framed * 4);
      await page.locator('#mapa').scrollIntoViewIfNeeded();
      await keptScreenshot(page, `dashboard-mapa-estatal-${width}.png`);
    });
  }

  it('asks nothing of any other server', () => {
    expect(refused).toEqual([]);
  });
});
