/** Public entry: documents → template workbook model. */
export { flatten, flattenSheet, isoToSheetDate } from './flatten';
export type { Documents } from './flatten';
