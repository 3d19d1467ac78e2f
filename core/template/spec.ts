/**
 * Template spec: what every sheet of the EDCA-MX/EDCAPI workbook holds, generated from the profile, the
 * program's sheet definitions and our Spanish labels. The .xlsx writer, the add-on and the converter all read this.
 */
import type { FieldInfo, Profile, Standard } from '../profile/types';

export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'list' | 'url';

export interface CodeOption { code: string; title: string }

export interface ColumnSpec {
  /** flatten-tool style path written in row 2, indexed with 0 for every array level (e.g. `awards/0/suppliers/0/name`). */
  path: string;
  /** Unindexed path from the document root: the key of the profile and of the labels. */
  field: string;
  title: string;
  help: string;
  type: ColumnType;
  required: boolean;
  width: number;
  /** True for the columns that link a row to its parent rows (and the root key). */
  key: boolean;
  codelist?: string;
  openCodelist?: boolean;
  /** Drop-down options: Spanish title per code, or the codes themselves where codes are the usual words (currency). */
  options?: CodeOption[];
  /**
   * Computed by the converter when the cell is left blank (core/unflatten/derive-fields, read-rows); a typed value
   * is kept. Shown grey in the header, with a note saying so.
   */
  derived?: boolean;
  /**
   * For a derived column: the fields (unindexed, from the document root) it is computed from — the RFC for a party's
   * id. A value missing from a derived column is missing from these, and is asked for there
   * (core/checks/program-required): «Escríbalo en la columna indicada» on a grey column pointed at a cell the
   * official is told to leave blank. Empty only for the release `tag`, computed from the stages the process has.
   */
  derivedFrom?: string[];
  /**
   * A required column of the process's tender on its own row (`Contrataciones`): due once the process is past
   * planning (core/checks/past-planning.ts). A work of the annual programme is published before its tender exists.
   */
  onceTendered?: boolean;
}

export interface SheetSpec {
  name: string;
  standard: Standard;
  /** Unindexed path of the array this sheet lists ("" for a root sheet). */
  array: string;
  /** The array levels of `array`, each relative to the previous item: `contracts/implementation/transactions` → [`contracts`, `implementation/transactions`]. */
  levels: string[];
  columns: ColumnSpec[];
}

export interface TemplateSpec { sheets: SheetSpec[] }

/** `from`: with `derived`, the paths (relative to the sheet's array, like `path`) the column is computed from. */
export interface DefinitionColumn { path: string; required?: boolean; list?: boolean; width?: number; codelist?: string; derived?: boolean; from?: string[] }
/** In the definition files a column is `"path"`, `"path!"` (required by the program) or a full object. */
export type DefinitionEntry = string | DefinitionColumn;
export interface DefinitionSheet { name: string; array: string; columns: DefinitionEntry[] }
export interface Definition { standard: Standard; sheets: DefinitionSheet[] }

export interface FieldLabel {
  title: string;
  /** The help note of the column, written for the sheet that lists this field's items. */
  help: string;
  /**
   * The note where an item's `id` is copied into a child sheet as the key of its parent row (keyColumns), when
   * `help` would not read right there: «Repita el indicador en la hoja "Mediciones de avance"» read on «Mediciones
   * de avance» itself. Absent: `help` is used in both.
   */
  keyHelp?: string;
}
export type FieldLabels = Record<string, FieldLabel>;
export type CodeLabels = Record<string, Record<string, string>>;

export interface StandardInputs { profile: Profile; definition: Definition; fieldLabels: FieldLabels; codeLabels: CodeLabels }

/** Codelists offered as codes: ISO 4217 codes are what officials already type (MXN, USD). */
export const CODES_ONLY_LISTS = new Set(['currency', 'country']);

/** Codes offered first in their drop-down: Mexican publishers pick these almost always (the rest stay in list order). */
export const FIRST_CODES: Readonly<Record<string, readonly string[]>> = { currency: ['MXN'], country: ['MX'] };

/** A codelist's codes in drop-down order: the usual Mexican choice first, then the list's own order. */
export function offeredCodes(codelist: string, codes: readonly string[]): string[] {
  const first = (FIRST_CODES[codelist] ?? []).filter((c) => codes.includes(c));
  return [...first, ...codes.filter((c) => !first.includes(c))];
}

export function parseDefinitionEntry(entry: DefinitionEntry): DefinitionColumn {
  if (typeof entry !== 'string') return entry;
  return entry.endsWith('!') ? { path: entry.slice(0, -1), required: true } : { path: entry };
}

const ROOT_KEY: Record<Standard, string> = { ocds: 'ocid', oc4ids: 'id' };

/**
 * flatten-tool's indexed path of a column: `/0` after every segment that is an array in the profile
 * (`tender/documents` + `id` → `tender/documents/0/id`, `awards/suppliers` + `name` → `awards/0/suppliers/0/name`).
 */
export function indexedPath(profile: Profile, array: string, column: string): string {
  if (!array) return column;
  const out: string[] = [];
  let walked = '';
  for (const seg of array.split('/')) {
    walked = walked ? `${walked}/${seg}` : seg;
    out.push(profile.fields[walked]?.types.includes('array') ? `${seg}/0` : seg);
  }
  return `${out.join('/')}/${column}`;
}

/** Finds the profile entry of a column path; `geometry/coordinates/1` resolves to its array `geometry/coordinates`. */
function fieldInfo(profile: Profile, field: string): FieldInfo | undefined {
  const direct = profile.fields[field];
  if (direct) return direct;
  const m = /^(.*)\/(\d+)$/.exec(field);
  if (m) {
    const parent = profile.fields[m[1]];
    if (parent?.types.includes('array')) return { types: [parent.items ?? 'string'] };
  }
  return undefined;
}

function columnType(info: FieldInfo, def: DefinitionColumn): ColumnType {
  if (def.list || info.types.includes('array')) return 'list';
  if (info.format === 'date-time' || info.format === 'date') return 'date';
  if (info.format === 'uri') return 'url';
  if (info.types.includes('number')) return 'number';
  if (info.types.includes('integer') && !info.types.includes('string')) return 'integer';
  if (info.types.includes('boolean') && !info.types.includes('string')) return 'boolean';
  return 'string';
}

export class SpecError extends Error {}

function labelOf(labels: FieldLabels, field: string, standard: Standard): FieldLabel {
  const label = labels[field];
  if (!label || !label.title) throw new SpecError(`Falta la etiqueta en español de ${standard}:${field}`);
  return label;
}

/**
 * The note of a parent item's key in a child sheet, said from the child's side: the field's own help was written
 * for the sheet that lists those items («Repítala en las hojas de proveedores…» read on those very sheets, and an
 * actor's «Si la deja vacía se forma…» where a key cannot be left empty).
 */
function parentKeyHelp(title: string, parentSheet: string): string {
  return `Indica a qué fila de la hoja «${parentSheet}» pertenece esta: escriba el mismo valor que en su columna «${title}».`;
}

/**
 * `parentSheet`: the column is the key of a parent item in a child sheet, whose items are listed in that sheet (its
 * note: the label's `keyHelp` if written, else parentKeyHelp).
 */
function buildColumn(inputs: StandardInputs, array: string, def: DefinitionColumn, key: boolean, parentSheet?: string): ColumnSpec {
  const { profile, fieldLabels } = inputs;
  const field = array ? `${array}/${def.path}` : def.path;
  const info = fieldInfo(profile, field);
  if (!info) throw new SpecError(`La ruta ${profile.standard}:${field} no existe en el perfil`);
  const label = labelOf(fieldLabels, field, profile.standard);
  const column: ColumnSpec = {
    path: indexedPath(profile, array, def.path),
    field,
    title: label.title,
    help: parentSheet === undefined ? label.help : label.keyHelp ?? parentKeyHelp(label.title, parentSheet),
    type: columnType(info, def),
    // A field the schema requires but the converter always computes (the release `tag`) asks nothing of the official.
    required: key || def.required === true || (info.required === true && !def.derived),
    width: def.width ?? (key ? 26 : 22),
    key,
  };
  if (column.required && !key && !array && profile.standard === 'ocds' && field.startsWith('tender/')) column.onceTendered = true;
  if (def.derived) {
    // Every derived column says what it is computed from: a required one missing is asked for there.
    if (!Array.isArray(def.from)) throw new SpecError(`La columna derivada ${profile.standard}:${field} no dice de qué columnas se calcula («from»)`);
    if (column.required && def.from.length === 0) throw new SpecError(`La columna derivada obligatoria ${profile.standard}:${field} debe decir de qué columnas se calcula («from»)`);
    column.derived = true;
    column.derivedFrom = def.from.map((p) => (array ? `${array}/${p}` : p));
  } else if (def.from !== undefined) throw new SpecError(`La columna ${profile.standard}:${field} dice de qué se calcula («from») sin ser derivada`);
  const codelist = def.codelist ?? info.codelist;
  if (codelist) {
    const list = profile.codelists[codelist];
    if (!list) throw new SpecError(`La lista ${codelist} no está en el perfil ${profile.standard}`);
    column.codelist = codelist;
    column.openCodelist = list.open;
    column.options = codeOptions(inputs, codelist, list.codes);
  }
  return column;
}

/** Options per codelist, per standard's inputs: 31 columns offer the 302 currencies (issue 17: every start built them all). */
const OPTIONS = new WeakMap<StandardInputs, Map<string, CodeOption[]>>();

/** A codelist's drop-down options (shared by the columns that offer it: read, never changed). */
function codeOptions(inputs: StandardInputs, codelist: string, codes: readonly string[]): CodeOption[] {
  let lists = OPTIONS.get(inputs);
  if (!lists) OPTIONS.set(inputs, (lists = new Map()));
  let options = lists.get(codelist);
  if (options) return options;
  options = offeredCodes(codelist, codes).map((code) => {
    if (CODES_ONLY_LISTS.has(codelist)) return { code, title: code };
    const title = inputs.codeLabels[codelist]?.[code];
    if (!title) throw new SpecError(`Falta el título en español del código ${codelist}:${code}`);
    return { code, title };
  });
  lists.set(codelist, options);
  return options;
}

/** Splits an array path at each array of the profile (objects in between belong to the next level). */
function arrayLevels(profile: Profile, array: string): string[] {
  if (!array) return [];
  const levels: string[] = [];
  let walked = '';
  let pending: string[] = [];
  for (const segment of array.split('/')) {
    walked = walked ? `${walked}/${segment}` : segment;
    pending.push(segment);
    if (profile.fields[walked]?.types.includes('array')) { levels.push(pending.join('/')); pending = []; }
  }
  if (pending.length) throw new SpecError(`La ruta ${profile.standard}:${array} no termina en una lista`);
  return levels;
}

/** Parent keys of a sheet: the root key, then the `id` of every enclosing array item. */
function keyColumns(inputs: StandardInputs, levels: string[]): ColumnSpec[] {
  const keys = [buildColumn(inputs, '', { path: ROOT_KEY[inputs.profile.standard] }, true)];
  let walked = '';
  for (const level of levels.slice(0, -1)) {
    walked = walked ? `${walked}/${level}` : level;
    // The sheet that lists the parent items; a level without its own sheet keeps the field's help.
    const parent = inputs.definition.sheets.find((s) => s.array === walked)?.name;
    const column = buildColumn(inputs, walked, { path: 'id' }, true, parent);
    if (parent === undefined) column.help = labelOf(inputs.fieldLabels, column.field, inputs.profile.standard).help;
    keys.push(column);
  }
  return keys;
}

export function buildSheetSpecs(inputs: StandardInputs): SheetSpec[] {
  const sheets = inputs.definition.sheets.map((sheet) => {
    const levels = arrayLevels(inputs.profile, sheet.array);
    const columns = keyColumns(inputs, levels);
    for (const entry of sheet.columns) {
      const col = buildColumn(inputs, sheet.array, parseDefinitionEntry(entry), false);
      if (col.path === columns[0]?.path) continue;
      columns.push(col);
    }
    const seen = new Map<string, string>();
    for (const c of columns) {
      const prior = seen.get(c.title.toLowerCase());
      if (prior) throw new SpecError(`La hoja ${sheet.name} repite el título «${c.title}» (${prior} y ${c.path})`);
      seen.set(c.title.toLowerCase(), c.path);
    }
    return { name: sheet.name, standard: inputs.profile.standard, array: sheet.array, levels, columns };
  });
  // The columns a derived one is computed from are the template's own (some sheet of the same standard has them).
  const fields = new Set(sheets.flatMap((s) => s.columns.map((c) => c.field)));
  for (const column of sheets.flatMap((s) => s.columns)) {
    for (const from of column.derivedFrom ?? []) {
      if (!fields.has(from)) throw new SpecError(`La columna derivada ${inputs.profile.standard}:${column.field} se calcula de ${from}, que ninguna hoja tiene`);
    }
  }
  return sheets;
}

export function buildTemplateSpec(all: StandardInputs[]): TemplateSpec {
  return { sheets: all.flatMap(buildSheetSpecs) };
}
