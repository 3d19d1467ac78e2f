/**
 * The workbook's references to another implementer's processes and projects (by prefix:
 * core/summary/foreign-processes.ts), which only the platform can look up in its registry when the workbook is sent
 * or published (functions/src/publication/published-elsewhere.ts). Where the check runs without the platform — the
 * add-on's «Validar» with no server to ask, the CLI's `validate` — each is said at its cell as checked then
 * (`link.checkedAtSending`, a notice), so a clean report is not read as all the platform will say. `offline`: the
 * add-on, which says how to learn it before sending (a server to configure or to reach).
 */
import { finding, type CellRef, type Finding } from '../findings/finding';
import { inReadingOrder } from '../findings/reading-order';
import type { SourceMap } from '../findings/source-map';
import { foreignProcesses, foreignProjects, type ForeignProcess, type ForeignProject } from '../summary/foreign-processes';
import { SETTINGS_SHEET } from '../template/settings';
import type { WorkbookModel } from '../workbook/model';

export interface LinkReferences { processes: ForeignProcess[]; named: ForeignProject[] }

/** The references, by the prefixes the check used (the registered ones when known, else the Configuración's). */
export function linkReferences(checked: { releases: readonly unknown[]; projects: readonly unknown[]; settings: { ocidPrefix?: string; projectIdPrefix?: string } }): LinkReferences {
  return { processes: foreignProcesses(checked.projects, checked.settings.ocidPrefix), named: foreignProjects(checked.releases, checked.settings.projectIdPrefix) };
}

/** Where a pointer was typed: the pointer, and its cell when the source map has it. */
export function placed(sourceMap: SourceMap, pointer: string | undefined): { pointer?: string; cell?: CellRef } {
  const cell = pointer === undefined ? undefined : sourceMap.get(pointer);
  return { ...(pointer !== undefined ? { pointer } : {}), ...(cell ? { cell } : {}) };
}

export function linksCheckedAtSending(references: LinkReferences, sourceMap: SourceMap, offline = false): Finding[] {
  const more: Finding['params'] = offline ? { offline: true } : {};
  return [
    ...references.processes.map((p) => finding('link.checkedAtSending', 'info', { value: p.ocid, process: true, ...more }, placed(sourceMap, p.pointer))),
    ...references.named.map((p) => finding('link.checkedAtSending', 'info', { value: p.projectId, ocid: p.ocid, ...more }, placed(sourceMap, p.pointer))),
  ];
}

/**
 * For the CLI's `validate`, which has no registry: a workbook whose Configuración states no prefixes is checked against
 * none, where the platform checks the registered ones at sending and refuses an identifier without them. Said once, at
 * the Configuración sheet, only when the workbook has identifiers to check.
 */
export function prefixesCheckedAtSending(workbook: WorkbookModel, checked: { releases: readonly unknown[]; projects: readonly unknown[]; settings: { ocidPrefix?: string; projectIdPrefix?: string } }): Finding[] {
  const missing = (!checked.settings.ocidPrefix && checked.releases.length > 0) || (!checked.settings.projectIdPrefix && checked.projects.length > 0);
  // A workbook without the sheet (flatten-tool's) is told about the whole workbook, not about a sheet it lacks.
  const where = workbook.sheets.some((s) => s.name === SETTINGS_SHEET) ? { cell: { sheet: SETTINGS_SHEET } } : {};
  return missing ? [finding('settings.prefixes-checked-at-sending', 'info', {}, where)] : [];
}

/**
 * What the CLI's `validate` reports: the check's own findings and what only the registry tells at sending, in the
 * workbook's reading order — `told` when the registry was asked (--publicador), else said as checked then.
 */
export function withCheckedAtSending(workbook: WorkbookModel, checked: Parameters<typeof linkReferences>[0] & { findings: readonly Finding[]; sourceMap: SourceMap }, told?: readonly Finding[]): Finding[] {
  const later = told ?? [...prefixesCheckedAtSending(workbook, checked), ...linksCheckedAtSending(linkReferences(checked), checked.sourceMap)];
  return later.length ? inReadingOrder([...checked.findings, ...later], workbook.sheets.map((s) => s.name)) : [...checked.findings];
}
