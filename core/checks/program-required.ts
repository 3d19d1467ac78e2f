/**
 * The program's required fields (schemas/program, the columns marked `!`, DESIGN §3): what the initiative asks
 * every implementer to publish. Checked on every row that exists — each root document and each array item of a
 * child sheet. Key columns are the unflatten engine's and the schema's business. `program.required` (error).
 *
 * A required column the converter computes (grey, `derived`: a party's id from its RFC) is missing only when what
 * it is computed from is missing too: that is asked for, at the first of those columns, saying what it makes
 * (`program.requiredDerived`, error) — «Escríbalo en la columna indicada» on the grey «Identificador del actor»
 * sent the official to a column the template says to leave blank. Reported before the row's other columns, so it
 * is the one kept for that cell (validate.ts sameCellFamily) instead of the source's own plain program.required.
 *
 * The tender's columns of a process's own row are due once the process is past planning (past-planning.ts): a
 * work in the annual programme, published before its tender exists, got eight «Falta este dato» errors and could
 * not be published.
 *
 * A row of «Proveedores del proceso», «Avance del proceso», «Pagos del proceso» or «Modificaciones» with the id of a
 * supplier, milestone, payment or amendment the process's release (in the same workbook) gives is published merged
 * with the release's row: a required column that row fills is not missing (release-given-rows.ts). So those sheets'
 * parts read the releases seen before the projects, as a cross-document check does.
 */
import type { ColumnSpec, SheetSpec, TemplateSpec } from '../template/spec';
import { templateSpec } from '../template/template-spec';
import { formatList } from '../format/es-mx';
import { isArray, isFilled, isObject, pointerJoin, valueAtSegments } from './json';
import { releaseGivenRows, type ReleaseGivenRows } from './release-given-rows';
import { ROW_LISTS, rowId, type RowList } from '../summary/typed-rows';
import { codeTitle } from './code-label';
import { pastPlanning } from './past-planning';
import type { Check, JsonObject, PartedCheck, Report } from './types';

interface RequiredField {
  path: string;
  segments: string[];
  /** A derived column's sources, relative to the row, when they are the row's own (the RFC beside the party id). */
  from?: { path: string; segments: string[] }[];
  /** Its finding's words: «Identificador del actor», «RFC del actor». */
  params?: { title: string; from: string; field: string };
  /** A tender column of the process's own row: due only once the process is past planning (past-planning.ts). */
  tender?: boolean;
}

/**
 * The row's derived columns made from the same sources: one finding asks for those sources, naming every column
 * of the group the row lacks. A party without RFC lacks both its id and its identifier's scheme (MX-RFC), and two
 * findings — the second a bare «Falta este dato» on the grey «Esquema del identificador» — asked for one RFC.
 */
interface DerivedGroup {
  from: { path: string; segments: string[] }[];
  fields: RequiredField[];
}

/** A field's column title in the template (its own sheet's, not a child sheet's copy of a parent key). */
function titleOf(spec: TemplateSpec, standard: SheetSpec['standard'], field: string): string {
  const columns = spec.sheets.filter((s) => s.standard === standard).flatMap((s) => s.columns).filter((c) => c.field === field);
  return (columns.find((c) => !c.key) ?? columns[0])?.title ?? field;
}

/** «RFC del actor», «A» y «B». */
const quotedList = (titles: string[]): string => formatList(titles.map((t) => `«${t}»`));

function requiredField(spec: TemplateSpec, sheet: SheetSpec, column: ColumnSpec, prefix: string): RequiredField {
  const path = column.field.slice(prefix.length);
  const field: RequiredField = { path, segments: path.split('/') };
  if (column.onceTendered) field.tender = true;
  const sources = (column.derivedFrom ?? []).filter((f) => f.startsWith(prefix));
  if (column.derived && sources.length > 0) {
    field.from = sources.map((f) => { const p = f.slice(prefix.length); return { path: p, segments: p.split('/') }; });
    field.params = { title: column.title, from: quotedList(sources.map((f) => titleOf(spec, sheet.standard, f))), field: column.field };
  }
  return field;
}

/** «Falta «RFC del actor». De ese dato se calculan «Identificador del actor» y «Esquema del identificador»…». */
function derivedParams(missing: RequiredField[]): Record<string, string | number> {
  const words = missing.map((f) => f.params as NonNullable<RequiredField['params']>);
  return {
    from: words[0].from,
    derived: quotedList(words.map((w) => w.title)),
    derivedFields: formatList(words.map((w) => `«${w.title}» (${w.field})`)),
    count: words.length,
  };
}

/** The words of `program.requiredTender`: the planned statuses, as the status column's list titles them. */
const TENDER_PARAMS = { planning: codeTitle('tenderStatus', 'planning'), planned: codeTitle('tenderStatus', 'planned') };

const TYPED_ROW_SHEET = new RegExp(`^contractingProcesses/summary/(${ROW_LISTS.join('|')})$`);

/** The check of one sheet's required columns, prepared once: it runs for every document (issue 17). */
function sheetCheck(spec: TemplateSpec, sheet: SheetSpec, given: ReleaseGivenRows): Check {
  const columns = sheet.columns.filter((c) => c.required && !c.key);
  // Derived columns first: their finding, at a source's cell, is the one kept there.
  const required = [...columns.filter((c) => c.derived), ...columns.filter((c) => !c.derived)];
  if (required.length === 0) return () => undefined;
  const prefix = sheet.array ? `${sheet.array}/` : '';
  const relative = required.map((c) => requiredField(spec, sheet, c, prefix));
  const groups: DerivedGroup[] = [];
  const plain: RequiredField[] = [];
  for (const field of relative) {
    const from = field.from;
    if (!from) { plain.push(field); continue; }
    const key = from.map((f) => f.path).join('\n');
    const group = groups.find((g) => g.from.map((f) => f.path).join('\n') === key);
    if (group) group.fields.push(field);
    else groups.push({ from, fields: [field] });
  }
  const missing: RequiredField[] = [];
  const gated = relative.some((f) => f.tender);
  const arrayPath = sheet.array ? sheet.array.split('/') : [];
  // A row of a process's summary list that its release gives too (same id) is published merged with the release's
  // row (release-given-rows.ts): a required field that row carries is not the official's to type.
  const typedList = sheet.standard === 'oc4ids' ? TYPED_ROW_SHEET.exec(sheet.array ?? '')?.[1] as RowList | undefined : undefined;
  // Looked up only for a row missing a field (deriving a release's summary is what it costs): the process entered,
  // then the row's id, then the release's row, each once.
  let process: JsonObject | undefined;
  let row: JsonObject | undefined;
  /** The release's row of the row being checked (same id), if any: a field it fills is filled as published. */
  let other: JsonObject | null | undefined;
  const releaseRow = (): JsonObject | null => {
    if (other === undefined) {
      const id = process && row ? rowId(row) : undefined;
      other = (id === undefined ? undefined : given.of(process as JsonObject, typedList as RowList)?.get(id)) ?? null;
    }
    return other;
  };
  const filled = (value: unknown, segments: readonly string[]): boolean => {
    if (isFilled(value)) return true;
    const fromRelease = process ? releaseRow() : null;
    return fromRelease !== null && isFilled(valueAtSegments(fromRelease, segments));
  };
  // The row's place (the index taken at each array of the path, -1 through an object): its pointer is only
  // built for a row a field is missing from — a closure per row and level was most of this check's time.
  const indexes: number[] = arrayPath.map(() => -1);
  let docPointer = '';
  let report: Report = () => undefined;
  const rowPointer = (): string => {
    let p = docPointer;
    for (let k = 0; k < arrayPath.length; k++) {
      p = pointerJoin(p, arrayPath[k]);
      if (indexes[k] >= 0) p += `/${indexes[k]}`;
    }
    return p;
  };
  // A tender column says why it is due now: one tender value typed in a planned process's row brought its seven
  // siblings' errors, and «que el programa pide publicar en todos los casos» did not say how to go back.
  const reportMissing = (path: string, tender: boolean | undefined): void => {
    if (tender) report('program.requiredTender', 'error', pointerJoin(rowPointer(), path), TENDER_PARAMS);
    else report('program.required', 'error', pointerJoin(rowPointer(), path), {});
  };
  // Each object item along the path (as `itemsAlong`): every segment that holds an array fans out over its items.
  const rows = (item: JsonObject, at: number): void => {
    if (at === arrayPath.length) {
      // A process only planned (no tender, award or contract yet) owes none of the tender's fields.
      const planning = gated && !pastPlanning(item);
      row = item;
      other = undefined;
      for (const { from, fields } of groups) {
        missing.length = 0;
        for (const field of fields) if (!(planning && field.tender) && !filled(valueAtSegments(item, field.segments), field.segments)) missing.push(field);
        if (missing.length === 0) continue;
        // Computed from values the row lacks: ask for those, once. One of them typed (a package, where nothing is
        // derived; a value the rule does not know): each derived field itself is what is missing.
        if (!from.some((f) => filled(valueAtSegments(item, f.segments), f.segments))) report('program.requiredDerived', 'error', pointerJoin(rowPointer(), from[0].path), derivedParams(missing));
        else for (const { path, tender } of missing) reportMissing(path, tender);
      }
      for (const { path, segments, tender } of plain) if (!(planning && tender) && !filled(valueAtSegments(item, segments), segments)) reportMissing(path, tender);
      return;
    }
    const v = item[arrayPath[at]];
    if (isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child = v[i];
        if (!isObject(child)) continue;
        // Entering a contracting process: its release's rows are looked up if one of its rows lacks a field.
        if (typedList && at === 0) process = child;
        indexes[at] = i; rows(child, at + 1);
      }
    } else if (isObject(v)) { indexes[at] = -1; rows(v, at + 1); }
  };
  return (ctx) => {
    report = ctx.report;
    for (const { data, pointer } of sheet.standard === 'ocds' ? ctx.releases : ctx.projects) { docPointer = pointer; process = undefined; rows(data, 0); }
  };
}

/**
 * Sheet by sheet (each sheet is a part): a sheet's findings for every document, then the next sheet's. The first part
 * also remembers the releases (they come before the projects) for the typed-row sheets of the projects' processes.
 */
export const programRequired: PartedCheck = {
  parts: () => {
    const spec = templateSpec();
    let now = 0;
    const given = releaseGivenRows(() => now);
    const remember: Check = (ctx) => { now = ctx.now; for (const { data } of ctx.releases) given.see(data); };
    return spec.sheets.map((sheet, k) => {
      const check = sheetCheck(spec, sheet, given);
      return k === 0 ? (ctx) => { remember(ctx); check(ctx); } : check;
    });
  },
};
