/**
 * The Inicio map: one marker per located project of the selection, clustered when dense (a number in a larger
 * circle), drawn over the state outlines with no tile server. Markers are buttons (Tab, Enter): a cluster zooms in
 * on its projects, a project opens a popup with its title, implementer, stage, budget and a link. Zoom buttons
 * change the frame; clusters are recomputed for it. Everything on the map is also in the table that follows it.
 */
import { h, route, svg } from '../dom';
import type { ProjectRow } from '../data/rows';
import { statusTitle } from '../labels';
import { inMexico, project } from './projection';
import { clusterPoints, type Box, type Cluster, type Located } from './cluster';
import { FULL, statePaths, viewBoxOf } from './mexico-map';
import { MAP_HEIGHT, MAP_WIDTH } from './projection';
import { formatMoney, formatNumber } from '../../../core/format/es-mx';

const CELLS_ACROSS = 28;
const MIN_W = MAP_WIDTH / 64;

export function projectMap(rows: ProjectRow[], highlightState?: string): HTMLElement {
  const located: Located<ProjectRow>[] = [];
  for (const r of rows) {
    if (!r.location || !inMexico(r.location[0], r.location[1])) continue;
    const { x, y } = project(r.location[0], r.location[1]);
    located.push({ x, y, item: r });
  }
  const where = new Map(located.map((l) => [l.item, l]));
  let box: Box = { ...FULL };
  const markers = svg('g', { class: 'markers' });
  const drawing = svg('svg', { viewBox: viewBoxOf(box), class: 'map-svg', role: 'group', 'aria-label': 'Mapa de proyectos; cada marcador es un botón' }, statePaths(highlightState), markers);
  const popup = h('div', { class: 'map-popup', id: 'mapa-popup', role: 'dialog', 'aria-label': 'Proyecto en el mapa', hidden: true });
  const status = h('p', { class: 'map-status', role: 'status' });
  const figure = h('figure', { class: 'map project-map', id: 'mapa' });

  const close = (): void => { popup.hidden = true; popup.replaceChildren(); };
  const openPopup = (c: Cluster<ProjectRow>, opener: Element): void => {
    const items = c.items.slice(0, 8);
    popup.replaceChildren(
      h('button', { type: 'button', class: 'popup-close', 'aria-label': 'Cerrar', onclick: () => { close(); (opener as HTMLElement).focus?.(); } }, '×'),
      ...items.map((r) => h('div', { class: 'popup-item' },
        h('p', { class: 'popup-title' }, h('a', { href: route('proyecto', r.id) }, r.title)),
        h('dl', null,
          h('dt', null, 'Implementador'), h('dd', null, r.publisherName),
          h('dt', null, 'Etapa'), h('dd', null, statusTitle(r.status)),
          h('dt', null, 'Presupuesto'), h('dd', { class: 'fig' }, r.budget === undefined ? 'Sin dato' : formatMoney(r.budget))),
        h('p', null, h('a', { href: route('proyecto', r.id), class: 'popup-link' }, 'Ver proyecto')))),
      c.items.length > items.length ? h('p', null, `Y ${c.items.length - items.length} más en este punto.`) : '');
    popup.hidden = false;
    // Placed by the marker, kept inside the figure (CSSOM: the CSP forbids style attributes).
    const rect = drawing.getBoundingClientRect();
    const fx = rect.width * ((c.x - box.x) / box.w);
    const fy = rect.height * ((c.y - box.y) / box.h);
    const w = Math.min(288, rect.width);
    popup.style.left = `${Math.max(0, Math.min(rect.width - w, fx - w / 2))}px`;
    popup.style.top = `${Math.max(0, fy + 12)}px`;
    popup.querySelector<HTMLElement>('a')?.focus();
  };
  const zoomTo = (cx: number, cy: number, w: number): void => {
    const nw = Math.max(MIN_W, Math.min(MAP_WIDTH, w));
    const nh = nw * (MAP_HEIGHT / MAP_WIDTH);
    box = { x: Math.max(FULL.x - nw / 4, Math.min(MAP_WIDTH - nw * 0.75, cx - nw / 2)), y: Math.max(-nh / 4, Math.min(MAP_HEIGHT - nh * 0.75, cy - nh / 2)), w: nw, h: nh };
    if (nw >= MAP_WIDTH) box = { ...FULL };
    draw();
  };
  const draw = (): void => {
    close();
    drawing.setAttribute('viewBox', viewBoxOf(box));
    const k = box.w / MAP_WIDTH;
    const inView = located.filter((p) => p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h);
    const clusters = clusterPoints(inView, box.w / CELLS_ACROSS);
    markers.replaceChildren(...clusters.map((c) => {
      const n = c.items.length;
      const label = n === 1 ? `${c.items[0].title}: ver detalle` : `Grupo de ${n} proyectos: ${box.w > MIN_W * 1.01 ? 'acercar' : 'ver la lista'}`;
      const r = (n === 1 ? 6 : Math.min(16, 8 + Math.log2(n) * 1.6)) * k;
      const g = svg('g', { class: n === 1 ? 'marker' : 'marker cluster', tabindex: '0', role: 'button', 'aria-label': label, 'data-count': n },
        svg('circle', { cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: r.toFixed(2), 'stroke-width': (1.5 * k).toFixed(2) }),
        n > 1 ? svg('text', { x: c.x.toFixed(2), y: (c.y + 3.6 * k).toFixed(2), 'text-anchor': 'middle', 'font-size': (10 * k).toFixed(2) }, n > 999 ? `${Math.round(n / 100) / 10}k` : String(n)) : null);
      const act = (): void => {
        const spread = c.items.reduce((m, x) => { const p = where.get(x); return p ? Math.max(m, Math.hypot(p.x - c.x, p.y - c.y)) : m; }, 0);
        if (n > 1 && box.w > MIN_W * 1.01 && spread > 0.01) zoomTo(c.x, c.y, box.w / 3);
        else openPopup(c, g);
      };
      g.addEventListener('click', act);
      g.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') { e.preventDefault(); act(); } });
      return g;
    }));
    status.textContent = `${located.length === rows.length ? `${count(located.length)} ${located.length === 1 ? 'proyecto ubicado' : 'proyectos ubicados'}` : `${count(located.length)} de ${count(rows.length)} proyectos tienen coordenadas`}; ${count(inView.length)} a la vista en ${clusters.length} ${clusters.length === 1 ? 'marcador' : 'marcadores'}.`;
  };
  const centre = (): [number, number] => [box.x + box.w / 2, box.y + box.h / 2];
  const tools = h('div', { class: 'map-tools' },
    h('button', { type: 'button', id: 'mapa-acercar', onclick: () => zoomTo(...centre(), box.w / 2) }, 'Acercar'),
    h('button', { type: 'button', id: 'mapa-alejar', onclick: () => zoomTo(...centre(), box.w * 2) }, 'Alejar'),
    h('button', { type: 'button', id: 'mapa-todo', onclick: () => { box = { ...FULL }; draw(); } }, 'Todo el país'));
  popup.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Escape') close(); });
  draw();
  figure.append(tools, h('div', { class: 'map-frame' }, drawing, popup), h('figcaption', null, status));
  return figure;
}

const count = (n: number): string => formatNumber(n, 0);
