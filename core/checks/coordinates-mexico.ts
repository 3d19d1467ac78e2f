/**
 * Public works of Mexican publishers lie in Mexico. GeoJSON positions are [longitude, latitude]
 * (RFC 7946 §3.1.1, used by the OCDS location extension and OC4IDS locations); the capture tool emitted
 * [lat, lng] (rules.md R-52), so a swapped pair gets its own message. Bounding box of Mexico incl. islands.
 * `location.swapped`, `location.outsideMexico` (warnings) on the geometry's coordinates.
 */
import { isObject } from './json';
import type { ValueCheck } from './types';

const LNG = [-118.7, -86.4];
const LAT = [14.3, 32.8];
const inMexico = (lng: number, lat: number): boolean => lng >= LNG[0] && lng <= LNG[1] && lat >= LAT[0] && lat <= LAT[1];

/** Every [x, y] position inside a GeoJSON coordinates value (Point, LineString, Polygon, Multi…). */
function positions(coords: unknown, out: number[][] = []): number[][] {
  if (Array.isArray(coords) && coords.length >= 2 && typeof coords[0] === 'number' && typeof coords[1] === 'number') out.push(coords as number[]);
  else if (Array.isArray(coords)) for (const c of coords) positions(c, out);
  return out;
}

export const coordinatesMexico: ValueCheck = {
  on: 'object',
  fields: (field) => field.endsWith('geometry'),
  visitor: ({ report }) => (value, p, field) => {
    if (!isObject(value) || !field.endsWith('geometry') || !Array.isArray(value.coordinates)) return;
    const bad = positions(value.coordinates).find(([lng, lat]) => !inMexico(lng, lat));
    if (!bad) return;
    const [lng, lat] = bad;
    const code = inMexico(lat, lng) ? 'location.swapped' : 'location.outsideMexico';
    report(code, 'warning', `${p()}/coordinates`, { longitude: lng, latitude: lat });
  },
};
