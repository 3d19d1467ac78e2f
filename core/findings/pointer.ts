/** JSON Pointers of the converted document set: `/releases/3/awards/0/suppliers/1/id`. */
import type { Standard } from '../profile/types';

export function pointerSegments(pointer: string): string[] {
  const segments = pointer.split('/').slice(1);
  // Nothing to unescape without `~` (RFC 6901), as in nearly every pointer: this runs for every finding's cell.
  return pointer.includes('~') ? segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

export function standardOf(pointer: string): Standard {
  return pointer.startsWith('/projects') ? 'oc4ids' : 'ocds';
}

/** `/releases/3/awards/0/suppliers/1/id` → `awards/suppliers/id` (array indexes dropped). */
export function unindexedField(pointer: string): string {
  return pointerSegments(pointer).slice(2).filter((s) => !/^\d+$/.test(s)).join('/');
}

/** Like unindexedField but keeps a trailing index: `…/geometry/coordinates/1` (template columns address it). */
export function columnField(pointer: string): string {
  const segments = pointerSegments(pointer).slice(2);
  const last = segments.length - 1;
  return segments.filter((s, i) => i === last || !/^\d+$/.test(s)).join('/');
}

export function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}
