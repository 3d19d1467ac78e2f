/**
 * Offline maps of Mexico's states (@svg-maps/mexico, CC BY 4.0, credited in the page footer): a project's
 * locations zoomed to them (*Proyecto*), and the outline shared with the Inicio map (project-map.ts). The drawing
 * is decorative for screen readers: the locations are also listed as text.
 */
import mexico from '@svg-maps/mexico';
import { h, svg } from '../dom';
import { MAP_HEIGHT, MAP_WIDTH, inMexico, project } from './projection';
import { fitBox, type Box } from './cluster';

interface MapData { viewBox: string; locations: { id: string; name: string; path: string }[] }
const MAP = mexico as unknown as MapData;

export const FULL: Box = { x: 0, y: 0, w: MAP_WIDTH, h: MAP_HEIGHT };
export const viewBoxOf = (b: Box): string => `${b.x.toFixed(1)} ${b.y.toFixed(1)} ${b.w.toFixed(1)} ${b.h.toFixed(1)}`;

/** The state outlines, the highlighted one (by name) filled darker. */
export function statePaths(highlightState?: string): SVGElement {
  return svg('g', { class: 'states' }, MAP.locations.map((s) => svg('path', { d: s.path, id: `estado-${s.id}`, class: s.name === highlightState ? 'state state-on' : 'state' })));
}

export interface MapPoint { lng: number; lat: number; label: string }

/** `zoom`: frame the points (with their state around them) instead of the whole country. */
export function mexicoMap(points: MapPoint[], highlightState?: string, zoom = false): HTMLElement {
  const drawn = points.filter((p) => inMexico(p.lng, p.lat)).map((p) => project(p.lng, p.lat));
  const box = zoom && drawn.length ? fitBox(drawn, MAP_WIDTH / MAP_HEIGHT, 70, FULL) : FULL;
  const k = box.w / MAP_WIDTH;
  return h('figure', { class: 'map' },
    svg('svg', { viewBox: viewBoxOf(box), 'aria-hidden': 'true', focusable: 'false', class: 'map-svg', 'data-zoom': zoom && drawn.length ? 'true' : undefined },
      statePaths(highlightState),
      drawn.map(({ x, y }) => svg('g', { class: 'pin' }, svg('circle', { cx: x.toFixed(2), cy: y.toFixed(2), r: (7 * k).toFixed(2), 'stroke-width': (2 * k).toFixed(2) }), svg('circle', { cx: x.toFixed(2), cy: y.toFixed(2), r: (2.5 * k).toFixed(2), class: 'pin-dot' })))),
    h('figcaption', null, drawn.length ? `Ubicación aproximada en el mapa de estados (${drawn.length} ${drawn.length === 1 ? 'punto' : 'puntos'}).` : 'Sin coordenadas publicadas para mostrar en el mapa.'));
}
