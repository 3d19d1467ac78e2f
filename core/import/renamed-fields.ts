/**
 * Fields the capture tool published under other names than the ones EDCA-MX declares, renamed where the template has
 * a column for them (INAI's 2018 publications, examples/real-mx/record-package_269.json):
 * - an identifier's `juridicalPersonhood` → `legalPersonality` (nameBreakdown extension: «Tipo de persona»), which
 *   the program's RFC rules read (core/checks/party-identity);
 * - a quote's `quotePeriod` → `period` (requestForQuotes extension: the quote's validity).
 * A value already under the declared name wins. One info finding per release and field, with the count; without this
 * both were dropped as fields without a column, and validation then asked for the quote's period.
 */
import { finding, type Finding } from '../findings/finding';
import { isObject } from '../json/json-values';

type Obj = Record<string, unknown>;

/** [old name, new name, whether an object holding it is where the rename applies]. */
const RENAMES: readonly [string, string, (path: readonly string[]) => boolean][] = [
  ['juridicalPersonhood', 'legalPersonality', (path) => path[path.length - 1] === 'identifier' || path.includes('additionalIdentifiers')],
  ['quotePeriod', 'period', (path) => path.includes('quotes')],
];

export function renameFields(release: Obj, pointer: string, findings: Finding[]): void {
  const counts = new Map<string, number>();
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) { node.forEach((item) => walk(item, path)); return; }
    if (!isObject(node)) return;
    for (const [from, to, applies] of RENAMES) {
      if (!(from in node) || !applies(path)) continue;
      if (node[to] === undefined) node[to] = node[from];
      delete node[from];
      counts.set(from, (counts.get(from) ?? 0) + 1);
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(release, []);
  for (const [from, to] of RENAMES) {
    const count = counts.get(from);
    if (count) findings.push(finding('import.renamed', 'info', { from, to, count }, { pointer }));
  }
}
