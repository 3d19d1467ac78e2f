/**
 * Friendly-column conversions that need a whole object (DESIGN §4), applied once after all rows are read:
 * - latitude (`…/coordinates/1`) + longitude (`…/coordinates/0`) → GeoJSON `[lng, lat]` (RFC 7946 order), `type`
 *   defaults to `Point`; a lone latitude or longitude is an error and is dropped; another type than `Point` is an error
 *   (one position is not a line or a polygon);
 * - a Value with an `amount` and no `currency` gets `MXN` (the program's default currency).
 */
import { escapePointerSegment, finding, type Finding, type SourceMap } from '../findings/finding';
import { pointerOf } from './document-builder';
import { isObject } from '../json/json-values';
import { codeTitle } from '../checks/code-label';

export const DEFAULT_CURRENCY = 'MXN';


function fixGeometry(obj: Record<string, unknown>, pointer: string, sourceMap: SourceMap, findings: Finding[]): void {
  const coords = obj.coordinates as unknown[];
  if (!coords.every((c) => c === undefined || typeof c === 'number')) return;
  const lngPtr = pointerOf(pointer, ['coordinates', '0']);
  const latPtr = pointerOf(pointer, ['coordinates', '1']);
  if (coords.length !== 2 || coords[0] === undefined || coords[1] === undefined) {
    const cell = sourceMap.get(latPtr) ?? sourceMap.get(lngPtr);
    if (cell) findings.push(finding('cell.coordinates-incomplete', 'error', { missing: coords[1] === undefined ? 'latitud' : 'longitud' }, { cell, pointer: pointerOf(pointer, ['coordinates']) }));
    delete obj.coordinates;
    sourceMap.delete(lngPtr);
    sourceMap.delete(latPtr);
    return;
  }
  const [lng, lat] = coords as number[];
  if (lat < -90 || lat > 90) {
    const cell = sourceMap.get(latPtr);
    if (cell) findings.push(finding('cell.coordinate-out-of-range', 'error', { value: lat, axis: 'latitud', limit: 90 }, { cell, pointer: latPtr }));
  }
  if (lng < -180 || lng > 180) {
    const cell = sourceMap.get(lngPtr);
    if (cell) findings.push(finding('cell.coordinate-out-of-range', 'error', { value: lng, axis: 'longitud', limit: 180 }, { cell, pointer: lngPtr }));
  }
  if (obj.type === undefined) obj.type = 'Point';
  else if (obj.type !== 'Point') {
    // One position, from the two cells, under a type that is a list of them (a line, a polygon…): not GeoJSON, though
    // the official schema's loose `coordinates` accepts it, and maps drew nothing or failed. Said on the type's cell.
    const typePtr = pointerOf(pointer, ['type']);
    const cell = sourceMap.get(typePtr) ?? sourceMap.get(latPtr);
    if (cell) findings.push(finding('cell.geometry-not-point', 'error', { value: typeof obj.type === 'string' ? codeTitle('geometryType', obj.type, 'oc4ids') : String(obj.type) }, { cell, pointer: typePtr }));
  }
}

/** Walks a document; `path` holds the pointer, then raw keys and positions, escaped and joined only where a geometry needs its pointer. */
export function applyFixups(value: unknown, pointer: string, sourceMap: SourceMap, findings: Finding[]): void {
  walk(value, [pointer], sourceMap, findings);
}

function pointerAt(path: (string | number)[]): string {
  let p = path[0] as string;
  for (let i = 1; i < path.length; i++) p += `/${typeof path[i] === 'number' ? path[i] : escapePointerSegment(path[i] as string)}`;
  return p;
}

/**
 * Walks a value; answers, for an object, whether it is left without keys (its own empty objects removed), for its
 * parent to remove it. Said by the walk itself: a second loop over each child's keys to learn it was a fifth of the
 * fixups' time.
 */
function walk(value: unknown, path: (string | number)[], sourceMap: SourceMap, findings: Finding[]): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === null || typeof value[i] !== 'object') continue;
      path.push(i);
      walk(value[i], path, sourceMap, findings);
      path.pop();
    }
    return false;
  }
  if (!isObject(value)) return false;
  if (Array.isArray(value.coordinates)) fixGeometry(value, pointerAt(path), sourceMap, findings);
  if (typeof value.amount === 'number' && value.currency === undefined) value.currency = DEFAULT_CURRENCY;
  let empty = true;
  for (const key in value) {
    const child = value[key];
    if (child === null || typeof child !== 'object') { empty = false; continue; }
    path.push(key);
    const emptied = walk(child, path, sourceMap, findings);
    path.pop();
    if (emptied) delete value[key];
    else empty = false;
  }
  return empty;
}
