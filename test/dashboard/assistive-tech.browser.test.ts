/**
 * The public dashboard as people with assistive technology meet it (accessibility audit, headless Chromium against
 * the real app seeded with the example workbooks): a page whose data is slow to come says «Cargando…», on screen and
 * to screen readers, until it is drawn (also when asked again after it failed); the bar charts stay drawn in the
 * system's high-contrast colours (Windows contrast themes: forced colours); sorting a list by one of its columns says
 * the new order, which the header's arrow shows only to the eye; the text follows the size chosen in the browser's
 * settings, without a phone's page scrolling sideways.
 * One server, one browser and one tab for the file.
 */
import type { Browser, Page } from 'playwright-core';
import { contrast, describeIfChromium, launchChromium } from '../browser';
import { startDashboardServer, type DashboardServer } from './dashboard-server';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Browser globals inside page.evaluate callbacks (this file compiles without the DOM lib).
declare const document: any;
declare const location: any;
declare const getComputedStyle: any;
declare const requestAnimationFrame: any;

describeIfChromium('the public dashboard with assistive technology, in headless Chromium', () => {
  let srv: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [srv, browser] = await Promise.all([startDashboardServer(), launchChromium()]);
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => (route.request().url().startsWith(srv.base) ? route.continue() : route.abort()));
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => { await browser?.close(); await srv?.close(); });

  /** The tab on `hash`, loaded afresh and drawn. */
  async function open(hash: string): Promise<void> {
    await page.goto(`${srv.base}/${hash}`);
    await page.waitForSelector('body[data-ready] main h1');
  }
  const said = (): Promise<string> => page.evaluate(() => document.getElementById('anuncio')?.textContent ?? '');

  it('a page whose data is slow to come says «Cargando…» on screen and through the live region until it is drawn, also when asked again after it failed; then its heading takes the focus', async () => {
    await open('#/proyectos');
    // A project's whole record over a weak signal: held back until the page has been looked at, then lost once.
    let release: (ok: boolean) => void = () => undefined;
    const hold = (): Promise<boolean> => new Promise<boolean>((resolve) => { release = resolve; });
    let held = hold();
    await page.route('**/api/oc4ids/projects/**', async (route) => { if (await held) await route.continue(); else await route.abort(); });
    const note = page.locator('#cargando');
    /** «Cargando…» shown and said, once, while the last page is still there. */
    const loading = async (shownHeading: string): Promise<void> => {
      await page.waitForFunction(() => document.getElementById('anuncio')?.textContent === 'Cargando…');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toBe('Cargando…');
      // Read once, through the live region: the note on screen is hidden from screen readers.
      expect(await note.getAttribute('aria-hidden')).toBe('true');
      expect(await page.locator('main h1').textContent()).toBe(shownHeading);
    };
    /** Drawn: the note gone, not left in the live region, the focus on the new heading. */
    const drawn = async (heading: string): Promise<void> => {
      await page.locator('main h1', { hasText: heading }).waitFor();
      await page.waitForSelector('body[data-ready]');
      expect(await note.isVisible()).toBe(false);
      expect(await said()).not.toBe('Cargando…');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    };
    try {
      const link = page.locator('#tabla-proyectos tbody th a').nth(1);
      const title = (await link.textContent()) ?? '';
      await link.click();
      await loading('Proyectos');
      release(false);
      await drawn('No se pudieron cargar los datos');
      held = hold();
      await page.getByRole('button', { name: 'Intentar de nuevo' }).click();
      await loading('No se pudieron cargar los datos');
      release(true);
      await drawn(title);
      expect(await page.title()).toBe(`${title} — Infraestructura Abierta`);
    } finally {
      release(true);
      await page.unroute('**/api/oc4ids/projects/**');
    }
    // A page drawn at once says nothing of the kind, and a count it says as it is drawn is kept.
    await page.evaluate(() => { location.hash = '#/proyectos'; });
    await page.waitForFunction(() => /^\d+ proyectos?\.$/.test(document.getElementById('anuncio')?.textContent ?? ''));
    await page.waitForTimeout(700);
    expect(await said()).toMatch(/^\d+ proyectos?\.$/);
    expect(await note.isVisible()).toBe(false);
  });

  /**
   * Every bar drawn on the page with its fill and outline, and the background it stands on (the page's, <body>'s,
   * which a contrast theme replaces with its own).
   */
  const bars = (): Promise<{ label: string; fill: string; border: string; borderWidth: number; ground: string }[]> => page.evaluate(() => {
    const ground = getComputedStyle(document.body).backgroundColor;
    return [...document.querySelectorAll('main .bars .bar')].filter((b: any) => b.getBoundingClientRect().width > 0).map((b: any) => {
      const s = getComputedStyle(b);
      return { label: `${b.closest('figure').id} ${b.className}`, fill: s.backgroundColor, border: s.borderTopColor, borderWidth: parseFloat(s.borderTopWidth), ground };
    });
  });
  /** A bar stands out (3:1, WCAG 1.4.11) from the page by its fill or by an outline at least 1 px wide. */
  const standsOut = (b: { fill: string; border: string; borderWidth: number; ground: string }): boolean =>
    (!/rgba\(.*, 0\)$/.test(b.fill) && contrast(b.fill, b.ground) >= 3) || (b.borderWidth >= 1 && contrast(b.border, b.ground) >= 3);

  it('the bar charts stay drawn in a Windows contrast theme (forced colours), light or dark, and «construidos» against the rest of a year is told by fill and outline, as the note says; «Cargando…» keeps a frame', async () => {
    await open('#/indicadores');
    // In the page's own colours, the rest of a year too (its pale fill was 2.1:1 on white).
    let drawn = await bars();
    expect(drawn.some((b) => b.label.includes('bar-rest'))).toBe(true);
    for (const b of drawn) expect([b.label, standsOut(b)]).toEqual([b.label, true]);
    expect(await page.locator('#ind-construidos .note').textContent()).toMatch(/^Parte rellena de la barra: proyectos construidos .*; parte con solo el contorno: el resto\./);
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ forcedColors: 'active', colorScheme });
        drawn = await bars();
        expect(drawn.length).toBeGreaterThan(20);
        for (const b of drawn) expect([colorScheme, b.label, standsOut(b)]).toEqual([colorScheme, b.label, true]);
        // Built and the rest of a year: one filled, the other an outline on the page's background.
        const rest = drawn.find((b) => b.label.includes('bar-rest'));
        const built = drawn.find((b) => b.label === 'ind-construidos bar bar-0');
        expect(rest && built && rest.fill !== built.fill && rest.fill === rest.ground).toBe(true);
        // «Cargando…», painted in the page's own background over the page, keeps a frame in the text's colour.
        const note = await page.locator('#cargando').evaluate((n: any) => {
          n.hidden = false;
          const style = getComputedStyle(n);
          const frame = { width: parseFloat(style.borderTopWidth), color: style.borderTopColor, ground: getComputedStyle(document.body).backgroundColor };
          n.hidden = true;
          return frame;
        });
        expect([colorScheme, note.width >= 1 && contrast(note.color, note.ground) >= 3]).toEqual([colorScheme, true]);
      }
      // The phone's «Menú» button keeps its three lines.
      await page.setViewportSize({ width: 375, height: 800 });
      const icon = await page.locator('#boton-menu .menu-icon').evaluate((i: any) => ({ lines: getComputedStyle(i).backgroundColor, button: getComputedStyle(i.parentElement).backgroundColor }));
      expect(contrast(icon.lines, icon.button)).toBeGreaterThanOrEqual(3);
    } finally {
      await page.emulateMedia({ forcedColors: 'none', colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('a press on a list\'s column header says the new order through the live region, its focus kept on the header (Proyectos, Contrataciones, Contratistas)', async () => {
    /** Presses `key`'s header from the keyboard; what the live region then says, and where the focus and aria-sort are. */
    const press = async (key: string, expected: string): Promise<void> => {
      await page.locator(`#orden-${key}`).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((t: string) => document.getElementById('anuncio')?.textContent === t, expected);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`orden-${key}`);
    };
    const sortedAs = (key: string): Promise<string | null> => page.locator(`th:has(#orden-${key})`).getAttribute('aria-sort');

    await open('#/proyectos');
    await press('presupuesto', 'Proyectos ordenados por «Presupuesto (MXN)», de menor a mayor.');
    expect(await sortedAs('presupuesto')).toBe('ascending');
    await press('presupuesto', 'Proyectos ordenados por «Presupuesto (MXN)», de mayor a menor.');
    expect(await sortedAs('presupuesto')).toBe('descending');
    await press('actualizado', 'Proyectos ordenados por «Actualizado», del más antiguo al más reciente.');

    await open('#/contrataciones');
    await press('fecha', 'Procesos ordenados por «Fecha», del más antiguo al más reciente.');
    await press('fecha', 'Procesos ordenados por «Fecha», del más reciente al más antiguo.');
    expect(await sortedAs('fecha')).toBe('descending');

    await open('#/contratistas');
    await press('contratista', 'Contratistas ordenados por «Contratista», de la A a la Z.');
    expect(await sortedAs('contratista')).toBe('ascending');
  });

  /**
   * On a 360 px phone (touch, no hover), what a finger and a screen reader can reach on one page: every target a
   * fingertip's 44 × 44 px, or — a link within a sentence (WCAG 2.5.8's inline exception) — far enough from the next
   * that a 24 px circle on its centre touches no other (2.5.8's spacing); no two targets overlapping; no meaning left
   * in a `title` alone (a tooltip opens on hover only): its words shown, or given as the element's description by
   * visible text, or a number shown on the element that the visible text explains; headings and landmarks as a
   * screen reader lists them; nothing wider than the screen.
   */
  const reachable = (): Promise<{ small: string[]; overlapping: string[]; titleOnly: string[]; outline: string[]; sideways: number }> => page.evaluate(() => {
    // Not in a closed disclosure either (the header's «Filtros»: its fields keep boxes there, under the page's links).
    const seen = (e: any): boolean => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0 && e.checkVisibility({ visibilityProperty: true }); };
    const shownText = (e: any): string => (e && seen(e) ? e.innerText ?? '' : '');
    const name = (e: any): string => `${e.tagName.toLowerCase()} «${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}»`;
    const targets: any[] = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])')].filter(seen);
    const boxes = targets.map((t) => t.getBoundingClientRect());
    /** Within a sentence: the block it stands in has words besides its targets'. */
    const inline = (t: any): boolean => {
      const style = getComputedStyle(t);
      if (style.display !== 'inline' || style.position !== 'static') return false;
      let block = t.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      let words = block?.innerText ?? '';
      for (const other of block ? [...block.querySelectorAll('a[href], button')] : []) words = words.replace((other as any).innerText, ' ');
      return /[\p{L}\d]{2,}/u.test(words);
    };
    const touches = (x: number, y: number, r: number, b: any): boolean => Math.hypot(x - Math.max(b.left, Math.min(x, b.right)), y - Math.max(b.top, Math.min(y, b.bottom))) < r;
    const small: string[] = [];
    const overlapping: string[] = [];
    targets.forEach((t, i) => {
      const b = boxes[i];
      const others = boxes.filter((_, j) => j !== i && !targets[j].contains(t) && !t.contains(targets[j]));
      if (b.width < 43.5 || b.height < 43.5) {
        const spaced = !others.some((o) => touches((b.left + b.right) / 2, (b.top + b.bottom) / 2, 12, o));
        if (!inline(t) || !spaced) small.push(`${Math.round(b.width)}×${Math.round(b.height)} ${name(t)}`);
      }
      if (others.some((o) => o.left < b.right - 1 && b.left < o.right - 1 && o.top < b.bottom - 1 && b.top < o.bottom - 1)) overlapping.push(name(t));
    });
    const titleOnly = [...document.querySelectorAll('body [title]')].filter((e: any) => {
      const words = e.getAttribute('title');
      if (shownText(e).includes(words)) return false;
      const described = (e.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id: string) => document.getElementById(id));
      if (described.some((d: any) => shownText(d).includes(words))) return false;
      // A tile shows a number, which the note under its drawing gives before the name.
      const key = e.querySelector('.tile-key');
      return !(shownText(key) && shownText(e.closest('figure')?.querySelector('.treemap-note')).includes(`[${key.innerText}] ${words.split(': ')[0]}`));
    }).map((e: any) => `${name(e)} title=«${e.getAttribute('title')}»`);
    // The outline a screen reader lists: one h1, no level skipped; the site's banner, main and footer landmarks once each.
    const levels = [...document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)')].map((x: any) => Number(x.tagName[1]));
    const outline = levels.filter((l, i) => (i === 0 ? l !== 1 : l === 1 || l > levels[i - 1] + 1)).map((l) => `h${l}`)
      .concat(['body > header', 'main', 'body > footer'].filter((sel) => document.querySelectorAll(sel).length !== 1));
    return { small, overlapping, titleOnly, outline, sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });

  /**
   * A list drawn on a phone (Proyectos, Contrataciones): one block per row, nothing scrolling sideways inside its box
   * (they were 1,100–1,500 px wide in a 360 px box, a swipe per column for each row), each value under its column's
   * title, and the titles that order the list still on screen to be pressed (elementFromPoint: not clipped away).
   */
  const listOnPhone = (): Promise<{ sideways: number; rows: number; unlabelled: number; hiddenSortButtons: string[] }> => page.evaluate(async () => {
    // Stacked by a ResizeObserver once laid out: two frames later it has run.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const wrap: any = document.querySelector('#tabla-proyectos, #tabla-contrataciones');
    const cells: any[] = [...wrap.querySelectorAll('tbody tr > *')];
    const hiddenSortButtons = ([...wrap.querySelectorAll('button.sort')] as any[]).filter((b) => {
      b.scrollIntoView({ block: 'center' });
      const r = b.getBoundingClientRect();
      return !b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    }).map((b) => b.id);
    document.scrollingElement.scrollTop = 0;
    return { sideways: wrap.scrollWidth - wrap.clientWidth, rows: wrap.querySelectorAll('tbody tr').length,
      unlabelled: cells.filter((c) => !c.dataset.label || !getComputedStyle(c, '::before').content.includes(c.dataset.label)).length, hiddenSortButtons };
  });

  it('on a 360 px touch phone every target is 44 × 44 px (or a link in a sentence, spaced), none overlap, nothing is told only in a tooltip, nothing scrolls sideways, and Proyectos and Contrataciones read one labelled block per row (Inicio, Proyectos, Contrataciones, a project, a process, Descargas, Calidad, Instituciones, Glosario)', async () => {
    const phone = await browser.newContext({ locale: 'es-MX', viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true });
    await phone.route('**/*', (route) => (route.request().url().startsWith(srv.base) ? route.continue() : route.abort()));
    const desk = page;
    page = await phone.newPage();
    const found: [string, Awaited<ReturnType<typeof reachable>>][] = [];
    const lists: [string, Awaited<ReturnType<typeof listOnPhone>>][] = [];
    try {
      for (const hash of ['#/', '#/proyectos', '#/contrataciones', '#/proyecto/oc4ids-mid001-MID-2023-002', '#/contratacion/ocds-mid001-DOP-LP-OP-001-2025', '#/descargas', '#/calidad', '#/instituciones', '#/glosario']) {
        // Drawn anew (data-ready is set once a page is drawn): the last page's heading is not taken for the next's.
        if (hash === '#/') await open(hash);
        else {
          await page.evaluate((next: string) => { document.body.removeAttribute('data-ready'); location.hash = next; }, hash);
          await page.waitForSelector('body[data-ready] main h1');
        }
        // The treemap names its tiles once laid out (a ResizeObserver: the largest then shows its name).
        if (hash === '#/instituciones') await page.waitForSelector('#treemap-instituciones .tile:not(.unlabelled)');
        // Inicio's map: its groups are targets too (a 44 px circle each by touch; they were 28 px, 24 apart).
        if (hash === '#/') await page.waitForSelector('#mapa .marker');
        if (hash === '#/proyectos' || hash === '#/contrataciones') lists.push([hash, await listOnPhone()]);
        found.push([hash, await reachable()]);
      }
      expect(found.filter(([, r]) => r.small.length || r.overlapping.length || r.titleOnly.length || r.outline.length || r.sideways)).toEqual([]);
      expect(lists.map(([hash, l]) => [hash, l.rows > 0, l.sideways, l.unlabelled, l.hiddenSortButtons])).toEqual([['#/proyectos', true, 0, 0, []], ['#/contrataciones', true, 0, 0, []]]);
    } finally {
      await phone.close();
      page = desk;
    }
  });

  it('the text takes the size chosen in the browser\'s settings (24 px for low vision, 32 px its largest step), and on a 375 px phone no page then scrolls sideways', async () => {
    // Chromium's own setting (Configuración → Apariencia → Tamaño de fuente), as its DevTools protocol sets it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.enable');
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      const project = 'oc4ids-mid001-MID-2023-002';
      // At 32 px the download buttons side by side (Proyectos, a project) and a bar chart's track beside its amounts
      // (Contrataciones, Indicadores, a Nuevo León project's budget by year) pushed the page 30–69 px sideways.
      for (const size of [24, 32]) {
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: size } });
        for (const hash of ['#/', '#/proyectos', `#/proyecto/${project}`, '#/proyecto/oc4ids-nl0001-NL-2023-001', '#/contrataciones', '#/indicadores', '#/descargas']) {
          await open(hash);
          // Once laid out and painted (the tables' boxes settle on their first frames).
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const shown = await page.evaluate(() => ({
            text: getComputedStyle(document.querySelector('main p')).fontSize,
            sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          }));
          expect([size, hash, shown]).toEqual([size, hash, { text: `${size}px`, sideways: 0 }]);
        }
        // The header's «Filtros» opened (it stays open on the next pages): two columns of fields were 103 px too wide.
        if (!(await page.locator('header .filter-panel').first().evaluate((d: any) => d.open))) await page.locator('header .filter-panel summary').first().click();
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const panel = await page.evaluate(() => ({
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          fields: [...document.querySelectorAll('header .filter-panel .field')].filter((f: any) => f.getBoundingClientRect().right > document.documentElement.clientWidth).length,
        }));
        expect([size, panel]).toEqual([size, { sideways: 0, fields: 0 }]);
      }
    } finally {
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
      await cdp.detach();
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
