/** The official codelists are CSV files; the reader lives in core so CSV sheets and codelists share it. */
export { parseCsv } from '../../core/workbook/csv';
