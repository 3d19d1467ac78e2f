/**
 * Offline maps of Mexico's states (@svg-maps/mexico, CC BY 4.0, credited in the page footer): a project's
 * locations zoomed to them (*Proyecto*), and the outline shared with the Inicio map (project-map.ts). The
 * outlines (≈ 70 KB) are not in app.js: the build writes them to their own file (scripts/build-dashboard.ts,
 * name carrying its content hash), fetched once when a map is first drawn, so the first render of a page does not
 * wait for them to download and parse. The drawing is decorative for screen readers: the locations are also
 * listed as text.
 */
import { h, svg } from '../dom';
import { MAP_HEIGHT, MAP_WIDTH, inMexico, project } from './projection';
import { fitBox, type Box } from './cluster';
import { watchedRead } from '../watched-read';

/** The file the build writes from @svg-maps/mexico. */
export interface OutlineData { viewBox: string; locations: { id: string; name: string; path: string }[] }
/** Its address, set by the build (esbuild `define`); tests of pure modules never reach it. */
declare const MAP_OUTLINES_URL: string;

let outlines: Promise<OutlineData> | undefined;
export function loadOutlines(): Promise<OutlineData> {
  if (!outlines) {
    // A project's page waits for them (mexicoMap): watched, so that a lost answer does not leave it «Cargando…».
    outlines = watchedRead(MAP_OUTLINES_URL).then((r) => { if (!r.ok) throw new Error(`${r.status} ${MAP_OUTLINES_URL}`); return r.json() as Promise<OutlineData>; });
    // A failed load is not kept: the next map tries again (the markers are drawn either way).
    outlines.catch(() => { outlines = undefined; });
  }
  return outlines;
}

export const FULL: Box = { x: 0, y: 0, w: MAP_WIDTH, h: MAP_HEIGHT };
export const viewBoxOf = (b: Box): string => `${b.x.toFixed(1)} ${b.y.toFixed(1)} ${b.w.toFixed(1)} ${b.h.toFixed(1)}`;

/** The state outlines, the highlighted one (by name) filled darker: at once from `data`, else drawn into the returned group when loaded. */
export function statePaths(highlightState?: string, data?: OutlineData): SVGElement {
  const g = svg('g', { class: 'states' });
  const fill = (map: OutlineData): void => {
    g.replaceChildren(...map.locations.map((s) => svg('path', { d: s.path, id: `estado-${s.id}`, class: s.name === highlightState ? 'state state-on' : 'state' })));
  };
  if (data) fill(data);
  else loadOutlines().then(fill, () => undefined);
  return g;
}

export interface MapPoint { lng: number; lat: number; label: string }

/** `zoom`: frame the points (with their state around them) instead of the whole country. Answers once the outlines are in. */
export async function mexicoMap(points: MapPoint[], highlightState?: string, zoom = false): Promise<HTMLElement> {
  const data = await loadOutlines().catch(() => undefined);
  const drawn = points.filter((p) => inMexico(p.lng, p.lat)).map((p) => project(p.lng, p.lat));
  const box = zoom && drawn.length ? fitBox(drawn, MAP_WIDTH / MAP_HEIGHT, 70, FULL) : FULL;
  const k = box.w / MAP_WIDTH;
  return h('figure', { class: 'map' },
    svg('svg', { viewBox: viewBoxOf(box), 'aria-hidden': 'true', focusable: 'false', class: 'map-svg', 'data-zoom': zoom && drawn.length ? 'true' : undefined },
      statePaths(highlightState, data),
      drawn.map(({ x, y }) => svg('g', { class: 'pin' }, svg('circle', { cx: x.toFixed(2), cy: y.toFixed(2), r: (7 * k).toFixed(2), 'stroke-width': (2 * k).toFixed(2) }), svg('circle', { cx: x.toFixed(2), cy: y.toFixed(2), r: (2.5 * k).toFixed(2), class: 'pin-dot' })))),
    h('figcaption', null, drawn.length ? `Ubicación aproximada en el mapa de estados (${drawn.length} ${drawn.length === 1 ? 'punto' : 'puntos'}).` : 'Sin coordenadas publicadas para mostrar en el mapa.'));
}
