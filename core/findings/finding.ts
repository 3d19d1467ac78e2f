/**
 * Findings are typed data (DESIGN §5): the Spanish text is rendered late, from one catalogue keyed by `code`.
 * A finding without a cell is a bug unless it concerns a whole sheet or the workbook.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Where a value came from: sheet name, 1-based row and column numbers as the user sees them, and the header. */
export interface CellRef {
  sheet: string;
  row?: number;
  column?: number;
  header?: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** JSON Pointer into the converted document set, e.g. `/releases/0/tender/value/amount`. */
  pointer?: string;
  cell?: CellRef;
  params: Record<string, string | number | boolean>;
}

export { SourceMap } from './source-map';

export function finding(code: string, severity: Severity, params: Finding['params'] = {}, where: { pointer?: string; cell?: CellRef } = {}): Finding {
  const f: Finding = { code, severity, params };
  if (where.pointer !== undefined) f.pointer = where.pointer;
  if (where.cell) f.cell = where.cell;
  return f;
}

/** RFC 6901 escaping of one pointer segment. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
