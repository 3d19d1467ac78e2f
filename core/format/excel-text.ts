/**
 * Text as an Excel cell can hold it, for the workbooks we write: the public downloads (datos.xlsx, pendientes.xlsx) and
 * the workbook `import` writes from published data (import/template-upgrade.ts).
 * - An .xlsx is XML 1.0, which has no U+FFFE or U+FFFF. ExcelJS drops the control characters XML lacks
 *   (utils.xmlEncode) but writes those two as they are: one of them made the sheet's XML unreadable, and Excel
 *   called the whole download damaged and offered to «repair» it by removing the sheet's cells. They are dropped here
 *   too (they are not characters anyone typed: a text decoded in the wrong byte order).
 * - A cell holds at most 32,767 characters (Excel's specifications and limits); a longer text also made Excel call
 *   the file damaged. It is cut there, ending in «…».
 * Published data can carry both: `history` publishes another system's releases as they were, and the add-on sends
 * the values of Google Sheets, whose cells hold 50,000 characters. The JSON downloads keep every text whole.
 */
export const EXCEL_CELL_MAX = 32_767;

const NONCHARACTERS = /[\uFFFE\uFFFF]/g;

/** `text` as a cell holds it, and whether it had to be cut to fit. */
export function excelText(text: string): { text: string; cut: boolean } {
  const clean = text.includes('\uFFFE') || text.includes('\uFFFF') ? text.replace(NONCHARACTERS, '') : text;
  if (clean.length <= EXCEL_CELL_MAX) return { text: clean, cut: false };
  let end = EXCEL_CELL_MAX - 1;
  // Not between the two halves of a character outside the BMP (an emoji): half of one is not a character either.
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: `${clean.slice(0, end)}…`, cut: true };
}
