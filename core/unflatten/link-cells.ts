/**
 * Web links behind cell texts, read only where they matter. An official pastes a document's link in Google Sheets as
 * a hyperlink whose text is «Contrato» or «Ver documento»; Apps Script's getValues() and the Sheets API's values give
 * the text only, and «Contrato» was refused as not a web address although the address is in the cell.
 *
 * Reading every cell's link would cost as much as reading the values again (most of «Validar»'s time in Apps Script),
 * so the shells read values as before, ask `linkCandidates` which cells could hold one (in the columns whose field is
 * a web address, the rows holding a text that is not one: usually none), read the links of those cells only, and hand
 * them to `withLinks`. The engine then publishes the link's address with a note at the cell (read-rows.ts, as for the
 * links of an .xlsx file).
 */
import { templateSpec } from '../template/template-spec';
import type { TemplateSpec } from '../template/spec';
import { columnNumber, type SheetModel, type WorkbookModel } from '../workbook/model';
import { cellRanges, type CellRange } from './cell-ranges';
import { mentionsLink } from './link-formula';
import { pastCents } from './parse-value';

/** A cell text that is itself a web address: kept as typed, whatever link the cell also has. */
export function showsAddress(text: string): boolean {
  return /^\s*https?:\/\//i.test(text);
}

/** For each web-address column of each data sheet, the rows from its first text that is not an address to its last. */
export function linkCandidates(workbook: WorkbookModel, spec: TemplateSpec = templateSpec()): CellRange[] {
  return cellRanges(workbook, spec,
    (sheet) => [...sheet.columns, ...sheet.extras.flatMap((g) => g.columns)].filter((col) => col.value.type === 'url'),
    (v) => typeof v === 'string' && v.trim() !== '' && !showsAddress(v));
}

/**
 * For each money column of each data sheet, the rows from its first number with more decimals than cents to its
 * last (usually none: only a division leaves them): the cells whose formulas the add-on reads, for the engine to
 * publish a computed amount in cents (parse-value.ts moneyAmount).
 */
export function computedAmountCandidates(workbook: WorkbookModel, spec: TemplateSpec = templateSpec()): CellRange[] {
  return cellRanges(workbook, spec,
    (sheet) => [...sheet.columns, ...sheet.extras.flatMap((g) => g.columns)].filter((col) => col.value.money === true),
    pastCents);
}

/** The cell at an A1 reference of a sheet's rows; undefined when there is none. */
function cellAt(model: SheetModel, a1: string): unknown {
  const m = /^([A-Z]{1,3})([1-9]\d*)$/.exec(a1);
  if (!m) return undefined;
  return model.rows[Number(m[2]) - 1]?.[columnNumber(m[1]) - 1];
}

/**
 * The workbook with the links found, by sheet name and A1 (`{ Documentos: { F3: 'https://…' } }`), added to its sheets'
 * own (SheetModel.links). Kept only where they change something: web addresses (a link to a place in the spreadsheet,
 * `#gid=…`, is no document) on cells showing a text that is not one (the block read may hold typed addresses too).
 */
export function withLinks(workbook: WorkbookModel, found: ReadonlyMap<string, Readonly<Record<string, unknown>>>): WorkbookModel {
  return withFound(workbook, found, 'links', (model, a1, url) => {
    if (!showsAddress(url)) return undefined;
    const text = cellAt(model, a1);
    return typeof text === 'string' && text.trim() !== '' && !showsAddress(text) ? url.trim() : undefined;
  });
}

/**
 * The workbook with the formulas found (`{ Documentos: { F3: '=HIPERVINCULO("https://…";"Ver")' } }`), added to its
 * sheets' own (SheetModel.formulas): kept only where they can matter — formulas that name a link function on cells
 * showing a text that is not an address, whose address the engine reads (read-rows.ts, link-formula.ts), and any
 * formula of a number with more decimals than cents, which a money column publishes in cents.
 */
export function withFormulas(workbook: WorkbookModel, found: ReadonlyMap<string, Readonly<Record<string, unknown>>>): WorkbookModel {
  return withFound(workbook, found, 'formulas', (model, a1, formula) => {
    const text = cellAt(model, a1);
    if (typeof text === 'number') return pastCents(text) ? formula : undefined;
    return mentionsLink(formula) && typeof text === 'string' && text.trim() !== '' && !showsAddress(text) ? formula : undefined;
  });
}

/**
 * The workbook with what a read found of its cells, by sheet name and A1, added to each sheet's own `key` where `keep`
 * gives a value for a non-empty text found; the same workbook when none is kept.
 */
function withFound(
  workbook: WorkbookModel, found: ReadonlyMap<string, Readonly<Record<string, unknown>>>, key: 'links' | 'formulas',
  keep: (model: SheetModel, a1: string, text: string) => string | undefined,
): WorkbookModel {
  let changed = false;
  const sheets = workbook.sheets.map((model): SheetModel => {
    const entries = Object.entries(found.get(model.name) ?? {}).flatMap(([a1, text]) => {
      const kept = typeof text === 'string' && text !== '' ? keep(model, a1, text) : undefined;
      return kept === undefined ? [] : [[a1, kept] as const];
    });
    if (!entries.length) return model;
    changed = true;
    return { ...model, [key]: { ...(model[key] ?? {}), ...Object.fromEntries(entries) } };
  });
  return changed ? { ...workbook, sheets } : workbook;
}
