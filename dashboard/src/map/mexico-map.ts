/**
 * Offline map of Mexico's states (@svg-maps/mexico, CC BY 4.0, credited in the page footer) with points for the
 * given locations. The drawing is decorative for screen readers: the locations are also listed as text.
 */
import mexico from '@svg-maps/mexico';
import { h, svg } from '../dom';
import { MAP_HEIGHT, MAP_WIDTH, inMexico, project } from './projection';

interface MapData { viewBox: string; locations: { id: string; name: string; path: string }[] }
const MAP = mexico as unknown as MapData;

export interface MapPoint { lng: number; lat: number; label: string }

export function mexicoMap(points: MapPoint[], highlightState?: string): HTMLElement {
  const drawn = points.filter((p) => inMexico(p.lng, p.lat));
  return h('figure', { class: 'map' },
    svg('svg', { viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, 'aria-hidden': 'true', focusable: 'false', class: 'map-svg' },
      MAP.locations.map((s) => svg('path', { d: s.path, id: `estado-${s.id}`, class: s.name === highlightState ? 'state state-on' : 'state' })),
      drawn.map((p) => { const { x, y } = project(p.lng, p.lat); return svg('g', { class: 'pin' }, svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 7 }), svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5, class: 'pin-dot' })); })),
    h('figcaption', null, drawn.length ? `Ubicación aproximada en el mapa de estados (${drawn.length} ${drawn.length === 1 ? 'punto' : 'puntos'}).` : 'Sin coordenadas publicadas para mostrar en el mapa.'));
}
