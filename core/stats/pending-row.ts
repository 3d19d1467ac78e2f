/**
 * One row of an implementer's *Pendientes por completar* (pending.ts draws them): its own file, which the dashboard
 * reads without the template spec and the judgement behind it.
 */
/** What a row is about, in the list's and the downloads' words. */
export const PENDING_KIND_TITLES: Readonly<Record<PendingRow['kind'], string>> = { project: 'Proyecto', process: 'Proceso de contratación' };

/** One thing to complete: a row of the list and of its downloads. */
export interface PendingRow {
  kind: 'project' | 'process';
  /** The project's id or the process's ocid: the key of its row in the workbook. */
  id: string;
  title: string;
  /** Where the project or process stands, in Spanish (its status; the process's stage). */
  stage: string;
  /** For a point judged per process of a project: the process's id («Identificador del proceso» of «Procesos del proyecto»). */
  process?: string;
  /** What is missing. */
  point: string;
  /** Why it is asked: the CoST IDS and the stage it belongs to, or the program's key documents. */
  basis: string;
  /** The sheet(s) and column(s) to fill, from the template spec. */
  sheet: string;
  columns: string;
  /** What to write where, in a sentence. */
  how: string;
}
