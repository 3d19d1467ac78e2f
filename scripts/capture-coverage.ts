/**
 * `node -r ./scripts/register-ts.js scripts/capture-coverage.ts [standards]`: how much of the program's capture list
 * (the fields the INAI capture tool let officials publish, ../shared/standards/edca-mx/captured-fields-*.csv) the
 * template can hold. A field counts as covered when a template column holds it, or when the converter writes it
 * by rule (release id, date, tag…). Package metadata (publisher, licence…) and what the tool stored but never
 * published are not fields of a document and are left out. Prints the share per standard and what is missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { templateSpec } from '../core/template/template-spec';
import { DERIVED_FIELDS, heldFields } from '../core/import/template-coverage';
import type { Standard } from '../core/profile/types';
import { parseCsv } from '../core/workbook/csv';

/** A capture-list path as a field of our profile (0.9.x OC4IDS paths upgraded as the import upgrades them). */
export function profileField(csvPath: string, standard: Standard): string {
  let field = csvPath.replace(/^\//, '').replace(/\[[^\]]*\]/g, '');
  if (standard === 'oc4ids') {
    field = field.replace(/^budget\/budgetBreakdown\//, 'budget/budgetBreakdowns/budgetBreakdown/')
      .replace(/^contractingProcesses\/nature$/, 'contractingProcesses/summary/nature');
  }
  return field;
}

/**
 * The list abbreviates: `…/components/level|code|description` (siblings), `classification/id|description, unit/name`
 * (several paths of one item). Each becomes its own field.
 */
export function expandPath(csvPath: string): string[] {
  const [first, ...rest] = csvPath.split(/,\s*/);
  const base = first.includes('/') ? first.slice(0, first.lastIndexOf('/') + 1) : '';
  const parent = (() => {
    // The other parts of a comma list are relative to the item the first part starts from (`…/items/`).
    const m = /^(.*\/(?:items|quotes|invitedSuppliers|components|measures)\/)/.exec(first);
    return m ? m[1] : base;
  })();
  const out: string[] = [];
  const alternates = (p: string, prefix: string): void => {
    const slash = p.lastIndexOf('/');
    const head = slash >= 0 ? p.slice(0, slash + 1) : '';
    for (const leaf of p.slice(slash + 1).split('|')) out.push(`${prefix}${head}${leaf}`);
  };
  alternates(first, '');
  for (const r of rest) alternates(r, parent);
  return out;
}

/** Written by the publication, not typed: the links of a project's processes to their releases. */
const PUBLICATION_FIELDS = new Set(['contractingProcesses/releases/id', 'contractingProcesses/releases/tag', 'contractingProcesses/releases/date', 'contractingProcesses/releases/url']);

function isCovered(field: string, held: Set<string>, standard: Standard): boolean {
  if (held.has(field) || DERIVED_FIELDS[standard].has(field) || PUBLICATION_FIELDS.has(field)) return true;
  // GeoJSON coordinates: two columns (latitude, longitude) hold them.
  if (field.endsWith('/coordinates')) return held.has(`${field}/0`) && held.has(`${field}/1`);
  // An object or array listed whole (`awards/items`): covered when the template holds fields inside it.
  return [...held].some((h) => h.startsWith(`${field}/`));
}

export interface Coverage { standard: Standard; total: number; covered: number; missing: string[] }

export function captureCoverage(standardsDir: string): Coverage[] {
  const held = heldFields(templateSpec());
  return (['ocds', 'oc4ids'] as const).map((standard) => {
    const rows = parseCsv(fs.readFileSync(path.join(standardsDir, 'edca-mx', `captured-fields-${standard}.csv`), 'utf8'));
    const paths = rows.map((r) => r.path).filter((p) => p?.startsWith('/')).flatMap(expandPath);
    const fields = [...new Set(paths.map((p) => profileField(p, standard)))];
    const missing = fields.filter((f) => !isCovered(f, held[standard], standard));
    return { standard, total: fields.length, covered: fields.length - missing.length, missing };
  });
}

if (require.main === module) {
  const standards = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'shared', 'standards'));
  const results = captureCoverage(standards);
  let total = 0;
  let covered = 0;
  for (const r of results) {
    total += r.total;
    covered += r.covered;
    console.log(`${r.standard === 'ocds' ? 'Contrataciones (EDCA-MX)' : 'Proyectos (EDCAPI)'}: ${r.covered} de ${r.total} campos (${(100 * r.covered / r.total).toFixed(1)} %)`);
    for (const m of r.missing) console.log(`  falta: ${m}`);
  }
  console.log(`Total: ${covered} de ${total} campos de la lista de captura (${(100 * covered / total).toFixed(1)} %)`);
}
