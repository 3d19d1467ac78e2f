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
import { templateSpec } from '../template/template-spec';
import { columnOfField } from '../template/column-of-field';

type Obj = Record<string, unknown>;

/** [old name, new name, whether an object holding it is where the rename applies]. */
const RENAMES: readonly [string, string, (path: readonly string[]) => boolean][] = [
  ['juridicalPersonhood', 'legalPersonality', (path) => path[path.length - 1] === 'identifier' || path.includes('additionalIdentifiers')],
  ['quotePeriod', 'period', (path) => path.includes('quotes')],
];

export function renameFields(release: Obj, pointer: string, findings: Finding[]): void {
  // By old name and the field it became (`parties/identifier/legalPersonality`): the note names that field's column.
  const counts = new Map<string, { from: string; to: string; field: string; count: number }>();
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) { node.forEach((item) => walk(item, path)); return; }
    if (!isObject(node)) return;
    for (const [from, to, applies] of RENAMES) {
      if (!(from in node) || !applies(path)) continue;
      if (node[to] === undefined) node[to] = node[from];
      delete node[from];
      const field = [...path, to].join('/');
      const seen = counts.get(`${from}\u0000${field}`) ?? { from, to, field, count: 0 };
      seen.count++;
      counts.set(`${from}\u0000${field}`, seen);
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(release, []);
  for (const { from, to, field, count } of counts.values()) findings.push(finding('import.renamed', 'info', { from, to, count, field, ...columnOfField(templateSpec(), 'ocds', field) }, { pointer }));
}
