/**
 * Field names written with other capitals than the standard's, renamed where the template has a column for them:
 * Ciudad de México's 2016 releases say `tender.submissionmethoddetails` for `submissionMethodDetails`, and its text
 * was dropped as a field without a column. A key is renamed only when the path up to it is the template's and the
 * key matches one of its fields there but for case; when a value is already under the standard's name, the other is
 * left as it is (and reported as a field without a column). Reported as the
 * other renames are (`import.renamed`, per release and name, with the count).
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';
import { columnOfField } from '../template/column-of-field';
import type { TemplateSpec } from '../template/spec';

type Obj = Record<string, unknown>;

/** Every path the template's OCDS columns go through (`tender`, `tender/tenderPeriod`, …), by its lower case. */
let known: Map<string, string> | undefined;
function knownPaths(spec: TemplateSpec): Map<string, string> {
  if (known) return known;
  known = new Map();
  for (const sheet of spec.sheets) {
    if (sheet.standard !== 'ocds') continue;
    for (const column of sheet.columns) {
      const segments = column.field.split('/');
      for (let n = 1; n <= segments.length; n++) {
        const path = segments.slice(0, n).join('/');
        known.set(path.toLowerCase(), path);
      }
    }
  }
  return known;
}

export function fixKeyCase(release: Obj, pointer: string, spec: TemplateSpec, findings: Finding[]): void {
  const paths = knownPaths(spec);
  const counts = new Map<string, { from: string; to: string; field: string; count: number }>();
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) { node.forEach((item) => walk(item, path)); return; }
    if (!isObject(node)) return;
    for (const key of Object.keys(node)) {
      const full = path ? `${path}/${key}` : key;
      const canonical = paths.get(full.toLowerCase());
      const to = canonical?.slice(canonical.length - key.length);
      // Only the last segment differs (the path to it is already the template's), and nothing is under that name.
      if (canonical !== undefined && to !== undefined && canonical !== full && canonical.slice(0, canonical.length - key.length) === full.slice(0, full.length - key.length) && node[to] === undefined) {
        node[to] = node[key];
        delete node[key];
        const seen = counts.get(`${key}→${to}`) ?? { from: key, to, field: canonical, count: 0 };
        seen.count++;
        counts.set(`${key}→${to}`, seen);
        walk(node[to], canonical);
      } else walk(node[key], full);
    }
  };
  walk(release, '');
  // Named by the column it now fills (an official does not know EDCA-MX's field names), or by its path if none.
  for (const { from, to, field, count } of counts.values()) findings.push(finding('import.renamed', 'info', { from, to, count, field, ...columnOfField(spec, 'ocds', field) }, { pointer }));
}
