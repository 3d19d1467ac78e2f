/** Where a workbook comes from: an uploaded .xlsx, a folder of .csv files, or (Workflow issue) a Google Sheet. */
import type { WorkbookModel } from '../../../core/workbook/model';

export interface SheetSource {
  /** Human name for messages (file name or spreadsheet title). */
  readonly label: string;
  read(onProgress?: (sheet: string, rows: number) => void): Promise<WorkbookModel>;
}

/** A source that cannot be read: the message is Spanish and safe to show (no stack traces, no paths of ours). */
export class SourceError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}
