/**
 * Spacing of a title or name as it comes pasted from Word or a PDF: line breaks inside it, tabs, doubled spaces. A
 * title or a name (the profile's `singleLine` fields) is one line wherever it is shown — the dashboard's lists, the
 * API's titles, a search result — and was published with its breaks, cut in two on the public pages. It is read as
 * one line, said at the cell (`cell.text-one-line`, info).
 *
 * Other free text (descriptions, addresses, telephones) is published as typed: it may hold paragraphs, and its doubled
 * spaces are in published data («RECTANGULOS  124», «… 1700,  01-800 …» in Mexican publications) that an imported
 * workbook must publish again unchanged (test/cli/import.test.ts, «nothing lost silently»).
 */

/** Anything a single line does not keep: a line break, a tab or other control space, two spaces in a row. */
const NOT_ONE_LINE = /[\t\n\v\f\r]| {2}/;

/**
 * Whether a title or name needs `oneLine`: a single regular-expression scan, since this runs on every title and name
 * cell of a published workbook (plainValue's fast path; 40,000 cells: about 2.5 ms).
 */
export function needsOneLine(text: string): boolean {
  return NOT_ONE_LINE.test(text);
}

/** The text on one line: each run of spaces, tabs and line breaks one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
