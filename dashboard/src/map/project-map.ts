/**
 * The Inicio map: one marker per located project of the selection, clustered when dense (a number in a larger
 * circle), drawn over the state outlines with no tile server, and the areas where each municipality's projects
 * are (municipality-areas.ts). Markers are buttons (Tab, Enter): a cluster zooms in on its projects, a project
 * opens a popup with its title, implementer, stage, budget and a link. The frame moves like a web map: drag to
 * pan, wheel to zoom at the pointer, buttons, and from the keyboard on the focused map (arrows pan, + and −
 * zoom, 0 shows the whole country); clusters are recomputed for each new frame. Everything on the map is also in
 * the table that follows it.
 */
import { h, route, svg } from '../dom';
import type { ProjectRow } from '../data/rows';
import { statusTitle } from '../labels';
import { inMexico, project } from './projection';
import { clusterPoints, fitBox, groupCount, separate, type Box, type Cluster, type Located } from './cluster';
import { municipalityAreas } from './municipality-areas';
import { FULL, statePaths, viewBoxOf } from './mexico-map';
import { MAP_HEIGHT, MAP_WIDTH } from './projection';
import { formatMoney, formatNumber } from '../../../core/format/es-mx';

/**
 * Markers are sized in screen pixels, whatever the map's width: a project's dot, a group's circle growing with its
 * projects, and around each a 24 × 24 px target (WCAG 2.5.8; 44 × 44 on a touch screen, hitPx). Scaled with the
 * drawing instead, a group's number was 4 px tall on a phone. Groups are made on a grid of CELL_PX, then merged while their markers' boxes (target and
 * GAP_PX) would overlap: grid cells alone put neighbouring groups' circles on top of each other.
 */
const DOT_PX = 6;
/**
 * Half a marker's target: 24 × 24 px for a mouse (WCAG 2.5.8), a fingertip's 44 × 44 on a touch screen (2.5.5),
 * where a group's 28 px circle was hard to hit beside its neighbours. Markers are kept apart by their targets
 * (reachPx), so on a phone nearer projects are grouped a step sooner.
 */
const hitPx = (): number => (typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches ? 22 : 12);
const GAP_PX = 2;
/** The focus ring's centre line, outside the marker's edge, and its width (WCAG 1.4.11: styles.css draws it). */
const RING_OFFSET_PX = 2.25;
const RING_WIDTH_PX = 3;
/** Half the side of the square a marker of n projects takes: its focus ring or its target, whichever is larger. */
const reachPx = (n: number, hit: number): number => Math.max(radiusPx(n) + RING_OFFSET_PX + RING_WIDTH_PX / 2, hit) + GAP_PX / 2;
const CELL_PX = 30;
const radiusPx = (n: number): number => (n === 1 ? DOT_PX : Math.min(16, 8 + Math.log2(n) * 1.6));
const MIN_W = MAP_WIDTH / 64;
/** Below this width (drawing units) the municipality names are written on their areas. */
const LABELS_BELOW = MAP_WIDTH / 5;
/**
 * A municipality's name in screen pixels, as the markers are, and how far above its area's centre: scaled with the
 * drawing it was 11 px only on a map 793 px wide — about 5 px on a phone, at any zoom.
 */
const LABEL_PX = 13;
const LABEL_OFFSET_PX = 16;
/** Pointer travel (px) under which a press is a click, not a drag. */
const DRAG_SLOP = 4;

/**
 * Where a group's projects are, for its name, as the map's table names places: « en Tuxtla Gutiérrez, Chiapas» (one
 * municipality), « en Nuevo León», « en Campeche y Yucatán» (up to three states; more, nothing). Two groups of as many
 * projects were both «Grupo de 5 proyectos: acercar» to a screen reader, which cannot see where each one is drawn.
 */
function placeOf(items: readonly ProjectRow[]): string {
  const states = [...new Set(items.map((i) => i.state))].sort((a, b) => a.localeCompare(b, 'es-MX'));
  if (states.length > 3) return '';
  if (states.length > 1) return ` en ${states.slice(0, -1).join(', ')} y ${states[states.length - 1]}`;
  const towns = new Set(items.map((i) => i.municipality ?? ''));
  const town = items[0].municipality;
  return towns.size === 1 && town ? ` en ${town}, ${states[0]}` : ` en ${states[0]}`;
}

/**
 * `details`: resolves when the rows get their titles (they are drawn before, named by id; see data/compact-rows.ts),
 * rejects when their load failed; `retry` asks for them again.
 */
export function projectMap(rows: ProjectRow[], highlightState?: string, details?: Promise<unknown>, retry?: () => Promise<unknown>): HTMLElement {
  const located: Located<ProjectRow>[] = [];
  for (const r of rows) {
    if (!r.location || !inMexico(r.location[0], r.location[1])) continue;
    const { x, y } = project(r.location[0], r.location[1]);
    located.push({ x, y, item: r });
  }
  const where = new Map(located.map((l) => [l.item, l]));
  const areas = municipalityAreas(located);
  // Opens on the projects shown (a state's deployment, or a filter to one state), not the whole country where
  // they were a few dots in one corner; «Todo el país» and the 0 key show it all.
  let box: Box = { ...fitBox(located, MAP_WIDTH / MAP_HEIGHT, 70, FULL) };
  /** The width the markers and names were last sized for (0: not on the page yet). */
  let drawnWidth = 0;
  const markers = svg('g', { class: 'markers' });
  const areaLayer = svg('g', { class: 'areas', 'aria-hidden': 'true' });
  const labelLayer = svg('g', { class: 'area-labels', 'aria-hidden': 'true' });
  const drawing = svg('svg', {
    viewBox: viewBoxOf(box), class: 'map-svg', role: 'group', tabindex: '0', id: 'mapa-dibujo',
    'aria-label': 'Mapa de proyectos; cada marcador es un botón. Flechas: mover el mapa; + y −: acercar y alejar; 0: todo el país',
  }, statePaths(highlightState), areaLayer, markers, labelLayer);
  const popup = h('div', { class: 'map-popup', id: 'mapa-popup', role: 'dialog', 'aria-label': 'Proyecto en el mapa', hidden: true });
  const status = h('p', { class: 'map-status', role: 'status' });
  const figure = h('figure', { class: 'map project-map', id: 'mapa' });

  let shown: { c: Cluster<ProjectRow>; opener: Element } | undefined;
  /** Single markers drawn, with their project (named again once the titles are in). */
  let singles: [SVGElement, ProjectRow][] = [];
  const close = (): void => { popup.hidden = true; popup.replaceChildren(); shown = undefined; };
  const openPopup = (c: Cluster<ProjectRow>, opener: Element, focus = true): void => {
    shown = { c, opener };
    const items = c.items.slice(0, 8);
    popup.replaceChildren(
      h('button', { type: 'button', class: 'popup-close', 'aria-label': 'Cerrar', onclick: () => { close(); (opener as HTMLElement).focus?.(); } }, '×'),
      ...items.map((r) => h('div', { class: 'popup-item' },
        h('p', { class: 'popup-title' }, h('a', { href: route('proyecto', r.id) }, r.title)),
        h('dl', null,
          h('dt', null, 'Implementador'), h('dd', null, r.publisherName),
          h('dt', null, 'Etapa'), h('dd', null, statusTitle(r.status)),
          h('dt', null, 'Presupuesto'), h('dd', { class: 'fig' }, r.budget === undefined ? 'Sin dato' : formatMoney(r.budget))),
        // A popup may list several: each link names its project (WCAG 2.4.4), starting with the visible words (2.5.3).
        h('p', null, h('a', { href: route('proyecto', r.id), class: 'popup-link', 'aria-label': `Ver proyecto: ${r.title}` }, 'Ver proyecto')))),
      c.items.length > items.length ? h('p', null, `Y ${c.items.length - items.length} más en este punto.`) : '');
    popup.hidden = false;
    // Placed by the marker, kept inside the figure (CSSOM: the CSP forbids style attributes).
    const rect = drawing.getBoundingClientRect();
    const fx = rect.width * ((c.x - box.x) / box.w);
    const fy = rect.height * ((c.y - box.y) / box.h);
    const w = Math.min(288, rect.width);
    popup.style.left = `${Math.max(0, Math.min(rect.width - w, fx - w / 2))}px`;
    popup.style.top = `${Math.max(0, fy + 12)}px`;
    if (focus) popup.querySelector<HTMLElement>('a')?.focus();
  };

  /** The frame `w` wide around (cx, cy), kept within the country with a quarter of a frame to spare. */
  const frame = (cx: number, cy: number, w: number): Box => {
    const nw = Math.max(MIN_W, Math.min(MAP_WIDTH, w));
    const nh = nw * (MAP_HEIGHT / MAP_WIDTH);
    if (nw >= MAP_WIDTH) return { ...FULL };
    return { x: Math.max(FULL.x - nw / 4, Math.min(MAP_WIDTH - nw * 0.75, cx - nw / 2)), y: Math.max(-nh / 4, Math.min(MAP_HEIGHT - nh * 0.75, cy - nh / 2)), w: nw, h: nh };
  };
  const zoomTo = (cx: number, cy: number, w: number): void => { box = frame(cx, cy, w); draw(); };
  /** Zoom by `factor` (< 1 closer) keeping the drawing point (px, py) under the same spot of the frame. */
  const zoomAt = (px: number, py: number, factor: number): void => {
    const fx = (px - box.x) / box.w;
    const fy = (py - box.y) / box.h;
    const nw = Math.max(MIN_W, Math.min(MAP_WIDTH, box.w * factor));
    const nh = nw * (MAP_HEIGHT / MAP_WIDTH);
    zoomTo(px - fx * nw + nw / 2, py - fy * nh + nh / 2, nw);
  };
  const panBy = (dx: number, dy: number): void => { box = frame(box.x + box.w / 2 + dx, box.y + box.h / 2 + dy, box.w); draw(); };

  const draw = (): void => {
    close();
    drawing.setAttribute('viewBox', viewBoxOf(box));
    const k = box.w / MAP_WIDTH;
    // Drawing units per screen pixel; before the map is on the page (its width unknown), its natural size.
    const width = drawing.getBoundingClientRect().width;
    drawnWidth = width;
    const px = width > 0 ? box.w / width : k;
    const inView = located.filter((p) => p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h);
    const hitSize = hitPx();
    const clusters = separate(clusterPoints(inView, CELL_PX * px), (n) => reachPx(n, hitSize) * px);
    areaLayer.replaceChildren(...areas.map((a) => svg('polygon', {
      class: 'area', points: a.hull.map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)}`).join(' '), 'stroke-width': (10 * k).toFixed(2), 'data-municipio': a.municipality,
    })));
    // Not before the map is on the page: sized in drawing units for an unknown width, a name came out 5 px tall on a
    // phone until the map was drawn again (a test that read them at once saw it under load).
    labelLayer.replaceChildren(...(width > 0 && box.w <= LABELS_BELOW ? areas.filter((a) => a.x >= box.x && a.x <= box.x + box.w && a.y >= box.y && a.y <= box.y + box.h)
      .map((a) => svg('text', { class: 'area-label', x: a.x.toFixed(2), y: (a.y - LABEL_OFFSET_PX * px).toFixed(2), 'text-anchor': 'middle', 'font-size': (LABEL_PX * px).toFixed(2), 'stroke-width': (3 * px).toFixed(2) }, a.municipality)) : []));
    singles = [];
    // The target ring, when the map is on the page (its width known).
    const hit = width > 0 ? hitSize * px : 0;
    markers.replaceChildren(...clusters.map((c) => {
      const n = c.items.length;
      const label = n === 1 ? `${c.items[0].title}: ver detalle` : `Grupo de ${n} proyectos${placeOf(c.items)}: ${box.w > MIN_W * 1.01 ? 'acercar' : 'ver la lista'}`;
      const r = radiusPx(n) * px;
      const g = svg('g', { class: n === 1 ? 'marker' : 'marker cluster', tabindex: '0', role: 'button', 'aria-label': label, 'data-count': n },
        // A target of at least 24 × 24 px around the dot (WCAG 2.5.8; 44 × 44 by touch): on a phone the dot alone was 5 px wide.
        hit > r ? svg('circle', { class: 'hit', cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: hit.toFixed(2) }) : null,
        // The focus ring (styles.css, shown on :focus-visible): dark, just outside the marker's white edge.
        svg('circle', { class: 'ring', cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: (r + RING_OFFSET_PX * px).toFixed(2), 'stroke-width': (RING_WIDTH_PX * px).toFixed(2) }),
        svg('circle', { cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: r.toFixed(2), 'stroke-width': (1.5 * px).toFixed(2) }),
        n > 1 ? svg('text', { x: c.x.toFixed(2), y: (c.y + 3.6 * px).toFixed(2), 'text-anchor': 'middle', 'font-size': (10 * px).toFixed(2) }, groupCount(n)) : null);
      const act = (): void => {
        const spread = c.items.reduce((m, x) => { const p = where.get(x); return p ? Math.max(m, Math.hypot(p.x - c.x, p.y - c.y)) : m; }, 0);
        if (n > 1 && box.w > MIN_W * 1.01 && spread > 0.01) {
          const focused = document.activeElement === g;
          zoomTo(c.x, c.y, box.w / 3);
          // The group is gone from the new frame: the keyboard stays on the map (arrows, + and −), not the page's top.
          if (focused) drawing.focus();
        } else openPopup(c, g);
      };
      if (n === 1) singles.push([g, c.items[0]]);
      g.addEventListener('click', (e) => { if (dragged) { e.stopPropagation(); return; } act(); });
      g.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') { e.preventDefault(); act(); } });
      return g;
    }));
    status.textContent = `${located.length === rows.length ? `${count(located.length)} ${located.length === 1 ? 'proyecto ubicado' : 'proyectos ubicados'}` : `${count(located.length)} de ${count(rows.length)} proyectos ${located.length === 1 ? 'tiene' : 'tienen'} coordenadas`}; ${count(inView.length)} a la vista en ${clusters.length} ${clusters.length === 1 ? 'marcador' : 'marcadores'}.`;
  };

  // Screen pixels → drawing units (the drawing keeps its aspect ratio).
  const toDrawing = (clientX: number, clientY: number): [number, number] => {
    const rect = drawing.getBoundingClientRect();
    return [box.x + ((clientX - rect.left) / Math.max(1, rect.width)) * box.w, box.y + ((clientY - rect.top) / Math.max(1, rect.height)) * box.h];
  };

  // Drag to pan: the frame follows the pointer; clusters are recomputed when the pointer is released.
  let drag: { x: number; y: number; box: Box; id: number } | undefined;
  let dragged = false;
  drawing.addEventListener('pointerdown', (e) => {
    const p = e as PointerEvent;
    if (p.button !== 0) return;
    drag = { x: p.clientX, y: p.clientY, box: { ...box }, id: p.pointerId };
    dragged = false;
  });
  drawing.addEventListener('pointermove', (e) => {
    const p = e as PointerEvent;
    if (!drag || p.pointerId !== drag.id) return;
    const dx = p.clientX - drag.x;
    const dy = p.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) < DRAG_SLOP) return;
    if (!dragged) { dragged = true; close(); drawing.setPointerCapture?.(p.pointerId); drawing.classList.add('dragging'); }
    const s = drag.box.w / Math.max(1, drawing.getBoundingClientRect().width);
    box = frame(drag.box.x + drag.box.w / 2 - dx * s, drag.box.y + drag.box.h / 2 - dy * s, drag.box.w);
    drawing.setAttribute('viewBox', viewBoxOf(box));
  });
  const endDrag = (): void => {
    if (!drag) return;
    drag = undefined;
    drawing.classList.remove('dragging');
    if (dragged) { draw(); setTimeout(() => { dragged = false; }, 0); }
  };
  drawing.addEventListener('pointerup', endDrag);
  drawing.addEventListener('pointercancel', endDrag);
  // Wheel: zoom at the pointer (the page scrolls on when the map cannot zoom further that way).
  drawing.addEventListener('wheel', (e) => {
    const w = e as WheelEvent;
    const factor = w.deltaY < 0 ? 1 / 1.5 : 1.5;
    if ((factor < 1 && box.w <= MIN_W * 1.01) || (factor > 1 && box.w >= MAP_WIDTH)) return;
    w.preventDefault();
    zoomAt(...toDrawing(w.clientX, w.clientY), factor);
  }, { passive: false });
  // Keyboard, on the map or on a marker in it: arrows move a fifth of the frame, + / − zoom, 0 the whole country.
  drawing.addEventListener('keydown', (e) => {
    const k = e as KeyboardEvent;
    const step = box.w / 5;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[k.key]) panBy(...moves[k.key]);
    else if (k.key === '+' || k.key === '=') zoomTo(box.x + box.w / 2, box.y + box.h / 2, box.w / 2);
    else if (k.key === '-' || k.key === '_') zoomTo(box.x + box.w / 2, box.y + box.h / 2, box.w * 2);
    else if (k.key === '0') { box = { ...FULL }; draw(); }
    else return;
    k.preventDefault();
    // The marker that had focus may be gone from the new frame: focus stays on the map.
    if (document.activeElement !== drawing) drawing.focus();
  });

  const centre = (): [number, number] => [box.x + box.w / 2, box.y + box.h / 2];
  const tools = h('div', { class: 'map-tools' },
    h('button', { type: 'button', id: 'mapa-acercar', onclick: () => zoomTo(...centre(), box.w / 2) }, 'Acercar'),
    h('button', { type: 'button', id: 'mapa-alejar', onclick: () => zoomTo(...centre(), box.w * 2) }, 'Alejar'),
    h('button', { type: 'button', id: 'mapa-todo', onclick: () => { box = { ...FULL }; draw(); } }, 'Todo el país'));
  // Escape closes the popup and gives the focus back to the marker that opened it.
  popup.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key !== 'Escape') return;
    const opener = shown?.opener;
    close();
    (opener as HTMLElement | SVGElement | undefined)?.focus?.();
  });
  // Tab (or Shift+Tab) out of the popup closes it: it stayed open over the map, hiding markers, for a keyboard user
  // who had moved on. Only a move of the focus to another element: a click on nothing, the window losing the focus,
  // or the popup redrawn with the titles (relatedTarget null) leaves it as it is.
  popup.addEventListener('focusout', (e) => {
    const next = (e as FocusEvent).relatedTarget;
    if (next instanceof Node && !popup.contains(next)) close();
  });
  draw();
  // Drawn before the page shows it, the markers could not know their size on screen: drawn again once it is there,
  // with their touch targets and the municipalities' names, and again when its width changes (a phone turned, a
  // window resized: they kept the old size until the reader moved the map) — not while a popup is open over it.
  if (typeof ResizeObserver === 'function') {
    const observer = new ResizeObserver(() => {
      if (!drawing.isConnected) { if (drawnWidth > 0) observer.disconnect(); return; }
      const width = drawing.getBoundingClientRect().width;
      if (width > 0 && Math.abs(width - drawnWidth) >= 1 && popup.hidden) draw();
    });
    observer.observe(drawing);
  } else requestAnimationFrame(() => { if (drawing.isConnected && popup.hidden && drawing.getBoundingClientRect().width > 0) draw(); });
  // The titles' load failed (a phone that lost its signal for a moment): the markers kept their ids with nothing said
  // until another page was opened. Said under the map, with a button that asks again and names them when they come.
  const namesNote = h('p', { class: 'note', id: 'mapa-nombres', hidden: true });
  const named = (): void => {
    // The note had the focus (its button was pressed): to the map, whose markers now say their names.
    if (document.activeElement === namesNote) drawing.focus();
    namesNote.hidden = true;
    namesNote.replaceChildren();
    for (const [g, r] of singles) g.setAttribute('aria-label', `${r.title}: ver detalle`);
    // An open popup shows the titles too, without taking the focus from where the reader is.
    if (shown && !popup.hidden) { const keep = popup.contains(document.activeElement); openPopup(shown.c, shown.opener, keep); }
  };
  const unnamed = (): void => {
    const again = retry && h('button', { type: 'button', id: 'mapa-nombres-reintentar' }, 'Cargar los nombres');
    namesNote.replaceChildren('No se pudieron cargar los nombres de los proyectos: los marcadores muestran su clave. ', again ?? '');
    namesNote.hidden = false;
    again?.addEventListener('click', () => {
      const hadFocus = document.activeElement === again;
      namesNote.replaceChildren('Cargando los nombres de los proyectos…');
      // The focus was on the button just removed: on the note, which says what happens (not lost to <body>).
      if (hadFocus) { namesNote.setAttribute('tabindex', '-1'); namesNote.focus(); }
      void retry?.().then(named, unnamed);
    });
  };
  void details?.then(named, unnamed);
  figure.append(tools, h('div', { class: 'map-frame' }, drawing, popup), h('figcaption', null, status, namesNote,
    h('p', { class: 'map-help' }, 'Arrastre el mapa para moverlo y use la rueda o los botones para acercar o alejar; con el teclado, sobre el mapa: flechas, + y −. ',
      areas.length ? `${areas.length === 1 ? 'El área sombreada reúne' : 'Las áreas sombreadas reúnen'} los proyectos de ${areas.length === 1 ? 'un municipio' : `${count(areas.length)} municipios`} según sus coordenadas publicadas; no son límites oficiales.` : '')));
  return figure;
}

const count = (n: number): string => formatNumber(n, 0);
