/**
 * The import's report, one line per kind of note: the per-field notes of a file (`{count, field, file}`: what was
 * trimmed, encoded, left out… in each field) are kept as typed findings, one per field, but read as a list they ran
 * to dozens of lines for one capture-tool file, most of them «Se omitió 1 valor de «…» de «archivo.json»: la
 * plantilla no tiene columna…» again and again. Notes of one kind about several fields of one file become one
 * finding, `{code}.fields`, listing each field with its count; a kind with one field keeps its own message.
 * Fields are named as the official reads the workbook, by sheet and column, where the import found them a column;
 * where it found none (what is left out), by the sheet of their items and the rest of their path.
 */
import { finding, type Finding } from '../findings/finding';
import { formatNumber } from '../format/es-mx';

/** The per-field notes (core/import/template-upgrade.ts UpgradeTally, upgrade.ts `import.dropped`) that group. */
export const FIELD_NOTES: readonly string[] = [
  'import.dropped', 'import.url-encoded', 'import.trimmed', 'import.one-line', 'import.line-breaks', 'import.empty-removed', 'import.date-offset',
  'import.code-normalized', 'import.repeat-removed', 'import.code-not-in-list', 'import.number-as-text', 'import.id-added', 'import.placeholder-date',
  'import.date-as-text', 'import.scheme-rfc', 'import.noncharacters', 'import.text-cut',
  'import.postal-code-zero',
];

const isFieldNote = (f: Finding): boolean => FIELD_NOTES.includes(f.code) && typeof f.params.field === 'string' && typeof f.params.count === 'number';

/**
 * A field in a list of fields (listFields): its sheet, and its column there (`name`) or, when `path`, its path below the
 * sheet's items (its whole path without a sheet).
 */
export interface ListedField { sheet?: string; name: string; count: number; path?: boolean }

const counted = (name: string, count: number): string => (count === 1 ? name : `${name} (${formatNumber(count, 0)})`);

/**
 * Paths of one sheet that share their start, once: «contractDetails» (contractType, multiyear, maxValue/amount), not
 * «contractDetails/contractType», «contractDetails/multiyear», «contractDetails/maxValue/amount». The shared start is
 * as long as all of them share it, each keeping something after it («planning/relatedProjects» (id, uri, title)).
 */
function sheetItems(fields: readonly ListedField[]): string[] {
  const out: string[] = [];
  const done = new Set<number>();
  for (let i = 0; i < fields.length; i++) {
    if (done.has(i)) continue;
    const f = fields[i];
    const head = f.name.split('/')[0];
    const members = f.path && f.name.includes('/') ? fields.flatMap((g, j) => (j >= i && !done.has(j) && g.path && g.name.startsWith(`${head}/`) ? [j] : [])) : [];
    if (members.length < 2) { out.push(counted(`«${f.name}»`, f.count)); continue; }
    let prefix = head;
    for (;;) {
      const rests = members.map((j) => fields[j].name.slice(prefix.length + 1));
      const next = rests[0].split('/')[0];
      if (!rests.every((r) => r.startsWith(`${next}/`))) break;
      prefix = `${prefix}/${next}`;
    }
    out.push(`«${prefix}» (${members.map((j) => counted(fields[j].name.slice(prefix.length + 1), fields[j].count)).join(', ')})`);
    for (const j of members) done.add(j);
  }
  return out;
}

/**
 * «hoja «Actores»: «Correo del contacto» (3), «Teléfono del contacto» (2); hoja «Artículos»: «Unidad»»: the fields by
 * sheet (in first-seen order), as the official will look for them: by column where the template has one, by the rest
 * of its path below the sheet's items where it has none (core/template/sheet-of-field), «hoja «Artículos
 * adjudicados»: «itemAmount» (amount, currency)»; a field with no sheet by its whole path. A count only above 1: the
 * message says the total, and the 34 fields of a capture-tool file each followed by «(1)» were longer to read for
 * nothing.
 */
export function listFields(fields: readonly ListedField[]): string {
  const segments: { sheet?: string; fields: ListedField[] }[] = [];
  for (const f of fields) {
    const segment = f.sheet === undefined ? undefined : segments.find((x) => x.sheet === f.sheet);
    if (segment) segment.fields.push(f);
    else segments.push({ sheet: f.sheet, fields: [f] });
  }
  const items = segments.map((x) => sheetItems(x.fields).join(', '));
  if (segments.every((x) => x.sheet === undefined)) return items.join(', ');
  return segments.map((x, i) => (x.sheet === undefined ? items[i] : `hoja «${x.sheet}»: ${items[i]}`)).join('; ');
}

/** A per-field note as listFields lists it: by its column, or by its path below its sheet (`part`), or by its path. */
function listed(g: Finding): ListedField {
  const { sheet, column, part, field } = g.params;
  const count = Number(g.params.count);
  if (typeof sheet === 'string' && typeof column === 'string') return { sheet, name: column, count };
  if (typeof sheet === 'string' && typeof part === 'string') return { sheet, name: part, count, path: true };
  return { name: String(field), count, path: true };
}

/** The findings in their order, each kind of per-field note of a file in one finding where the first one stood. */
export function groupFieldNotes(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const key = (f: Finding): string => `${f.code}\u0000${f.severity}\u0000${String(f.params.file ?? '')}`;
  for (const f of findings) if (isFieldNote(f)) groups.set(key(f), [...(groups.get(key(f)) ?? []), f]);
  const out: Finding[] = [];
  for (const f of findings) {
    if (!isFieldNote(f)) { out.push(f); continue; }
    const group = groups.get(key(f));
    if (!group) continue; // already written with its group
    groups.delete(key(f));
    if (group.length === 1) { out.push(f); continue; }
    const count = group.reduce((sum, g) => sum + Number(g.params.count), 0);
    const fields = listFields(group.map(listed));
    // What a kind's note shows besides its fields (a date left as text, and the zone it is not in) is its first one's.
    const shown = Object.fromEntries(['file', 'example', 'timeZone'].filter((k) => f.params[k] !== undefined).map((k) => [k, f.params[k]]));
    out.push(finding(`${f.code}.fields`, f.severity, { count, fieldCount: group.length, fields, ...shown }));
  }
  return out;
}
