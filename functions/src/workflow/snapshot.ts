/**
 * The snapshot taken at submission (DESIGN §6): the exact values submitted, kept by the SHA-256 of their JSON
 * text in the store (chunked below the document limit). Approval publishes this, never the live sheet, so what
 * the coordinator reviewed is what gets published; the live sheet is compared with it only to warn the
 * coordinator that the implementer kept editing.
 */
import { createHash } from 'crypto';
import type { CellRef, Finding } from '../../../core/findings/finding';
import { foreignProcesses, foreignProjects, type ForeignProcess, type ForeignProject } from '../../../core/summary/foreign-processes';
import { checkWorkbook, verdictFindings } from '../../../core/pipeline/check-workbook';
import { completeness } from '../../../core/validate/index';
import type { CellValue, SheetModel, WorkbookModel } from '../../../core/workbook/model';
import { snapshotText, type StoredCell } from '../../../core/workflow/snapshot-text';
import { SourceError, type SheetSource } from '../ingest/sheet-source';
import type { Publisher, Store, SubmissionSnapshot } from '../store/store';

export interface EncodedSnapshot { text: string; contentHash: string; sheets: number; rows: number }

/** The snapshot's text (core/workflow/snapshot-text.ts, which the add-on hashes too) and its SHA-256. */
export function encodeSnapshot(workbook: WorkbookModel): EncodedSnapshot {
  const { text, sheets, rows } = snapshotText(workbook);
  return { text, contentHash: createHash('sha256').update(text).digest('hex'), sheets, rows };
}

export function decodeSnapshot(text: string): WorkbookModel {
  const parsed = JSON.parse(text) as { sheets: (Omit<SheetModel, 'rows'> & { rows: StoredCell[][] })[]; date1904?: boolean };
  return {
    ...(parsed.date1904 === true ? { date1904: true } : {}),
    sheets: parsed.sheets.map((s) => ({
      name: s.name,
      rows: s.rows.map((row) => row.map((v): CellValue => (v !== null && typeof v === 'object' ? new Date(v.$d) : v))),
      ...(s.merges ? { merges: s.merges } : {}),
      ...(s.mergeCount !== undefined ? { mergeCount: s.mergeCount } : {}),
      ...(s.links ? { links: s.links } : {}),
      ...(s.formulas ? { formulas: s.formulas } : {}),
      ...(s.formulasWithoutResult ? { formulasWithoutResult: s.formulasWithoutResult } : {}),
      ...(s.hiddenRows ? { hiddenRows: s.hiddenRows } : {}),
      ...(s.hiddenColumns ? { hiddenColumns: s.hiddenColumns } : {}),
    })),
  };
}

/** What approval reads: the stored snapshot of that hash. */
export function snapshotSource(store: Store, contentHash: string): SheetSource {
  return {
    label: 'versión enviada',
    async read() {
      const text = await store.getSnapshot(contentHash);
      if (text === undefined) throw new SourceError('No se encontró la versión enviada de este envío. Pida a quien capturó que la envíe de nuevo.', 'snapshot-missing');
      return decodeSnapshot(text);
    },
  };
}

/** What the official sent, as they filled it: contracting processes (distinct ocids) and projects. */
export interface SubmittedCounts { processes: number; projects: number }

/**
 * `foreign`: the processes the projects list that another implementer publishes (by ocid prefix), with their cells,
 * for the caller to look up (publication/published-elsewhere.ts): the check itself reads no store.
 */
export interface SubmittedCheck { findings: Finding[]; completeness: number | null; counts: SubmittedCounts; foreign: (ForeignProcess & { cell?: CellRef })[]; named: (ForeignProject & { cell?: CellRef })[] }

/** The same verdict the sidebar, the CLI and publication give (one core pipeline), with the publisher's prefixes. */
export function checkSubmitted(workbook: WorkbookModel, publisher: Publisher, now: string): SubmittedCheck {
  const checked = checkWorkbook(workbook, { now, ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
  const pooled = completeness({ releases: checked.releases, projects: checked.projects }).publisher;
  return {
    foreign: foreignProcesses(checked.projects, publisher.ocidPrefix).map((f) => {
      const cell = checked.sourceMap.get(f.pointer);
      return cell ? { ...f, cell } : f;
    }),
    named: foreignProjects(checked.releases, publisher.projectIdPrefix).map((f) => {
      const cell = checked.sourceMap.get(f.pointer);
      return cell ? { ...f, cell } : f;
    }),
    findings: verdictFindings(workbook, checked),
    completeness: pooled.total === 0 ? null : Math.round(pooled.share * 1000) / 10,
    counts: { processes: new Set(checked.releases.map((r) => String((r as { ocid?: unknown }).ocid))).size, projects: checked.projects.length },
  };
}

/**
 * Keeps the values and describes them for the submission document. `counts` is what people are shown of its size
 * («3 contrataciones, 2 proyectos»): `sheets` and `rows` count every sheet and row of the file, headers,
 * Instrucciones and Catálogos included (a filled template read «69 hojas, 553 filas»), and stay only as the file's size.
 */
export async function keepSnapshot(store: Store, workbook: WorkbookModel, takenAt: string, completenessShare: number | null, counts?: SubmittedCounts): Promise<SubmissionSnapshot> {
  const encoded = encodeSnapshot(workbook);
  await store.putSnapshot(encoded.contentHash, encoded.text, takenAt);
  return { contentHash: encoded.contentHash, takenAt, sheets: encoded.sheets, rows: encoded.rows, completeness: completenessShare, ...(counts ? { processes: counts.processes, projects: counts.projects } : {}) };
}
