/**
 * The import's report, one line per kind of note: the per-field notes of a file (`{count, field, file}`: what was
 * trimmed, encoded, left out… in each field) are kept as typed findings, one per field, but read as a list they ran
 * to dozens of lines for one capture-tool file, most of them «Se omitió 1 valor de «…» de «archivo.json»: la
 * plantilla no tiene columna…» again and again. Notes of one kind about several fields of one file become one
 * finding, `{code}.fields`, listing each field with its count; a kind with one field keeps its own message.
 * Fields are named as the official reads the workbook, by sheet and column, where the import found them a column.
 */
import { finding, type Finding } from '../findings/finding';
import { formatNumber } from '../format/es-mx';

/** The per-field notes (core/import/template-upgrade.ts UpgradeTally, upgrade.ts `import.dropped`) that group. */
export const FIELD_NOTES: readonly string[] = [
  'import.dropped', 'import.url-encoded', 'import.trimmed', 'import.line-breaks', 'import.empty-removed', 'import.date-offset',
  'import.code-normalized', 'import.repeat-removed', 'import.code-not-in-list', 'import.number-as-text', 'import.id-added', 'import.placeholder-date',
  'import.date-as-text',
];

const isFieldNote = (f: Finding): boolean => FIELD_NOTES.includes(f.code) && typeof f.params.field === 'string' && typeof f.params.count === 'number';

/**
 * «hoja «Actores»: «Correo del contacto» (3), «Teléfono del contacto» (2); hoja «Artículos»: «Unidad» (1)»: the
 * fields a template column holds, by sheet (in first-seen order), as the official will look for them; a field no
 * column holds by its path, «awards/items/itemAmount/amount» (1).
 */
function listFields(group: readonly Finding[]): string {
  const counted = (name: string, g: Finding): string => `«${name}» (${formatNumber(Number(g.params.count), 0)})`;
  const segments: { sheet?: string; items: string[] }[] = [];
  for (const g of group) {
    const { sheet, column } = g.params;
    if (typeof sheet !== 'string' || typeof column !== 'string') { segments.push({ items: [counted(String(g.params.field), g)] }); continue; }
    const segment = segments.find((x) => x.sheet === sheet);
    if (segment) segment.items.push(counted(column, g));
    else segments.push({ sheet, items: [counted(column, g)] });
  }
  if (segments.every((x) => x.sheet === undefined)) return segments.map((x) => x.items[0]).join(', ');
  return segments.map((x) => (x.sheet === undefined ? x.items[0] : `hoja «${x.sheet}»: ${x.items.join(', ')}`)).join('; ');
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
    const fields = listFields(group);
    // What a kind's note shows besides its fields (a date left as text, and the zone it is not in) is its first one's.
    const shown = Object.fromEntries(['file', 'example', 'timeZone'].filter((k) => f.params[k] !== undefined).map((k) => [k, f.params[k]]));
    out.push(finding(`${f.code}.fields`, f.severity, { count, fieldCount: group.length, fields, ...shown }));
  }
  return out;
}
