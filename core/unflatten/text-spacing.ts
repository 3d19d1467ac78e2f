/**
 * Spacing of free text as it comes pasted from Word or a PDF: line breaks inside a sentence, tabs, doubled spaces.
 * A title or a name (the profile's `singleLine` fields) is one line wherever it is shown — the dashboard's lists, the
 * API's titles, a search result — and was published with its breaks, cut in two on the public pages. It is read as
 * one line, said at the cell. A description may hold paragraphs: it keeps its lines and their indentation, and only
 * loses what no reader sees (spaces before a line break, spaces doubled between words).
 */

/** How a free-text column's spacing is read: `single` for titles and names, `paragraphs` for any other text. */
export type TextLines = 'single' | 'paragraphs';

/** Anything a single line does not keep: a line break, a tab or other control space, two spaces in a row. */
const NOT_ONE_LINE = /[\t\n\v\f\r]| {2}/;
/** Spaces or tabs before a line break, or two spaces between two words. */
const LOOSE_PARAGRAPHS = /[ \t]\r?\n| {2}/;

/**
 * Whether the text needs `spacedText`: a single regular-expression scan, since this runs on every text cell of a
 * published workbook (plainValue's fast path).
 */
export function needsSpacing(text: string, lines: TextLines): boolean {
  return (lines === 'single' ? NOT_ONE_LINE : LOOSE_PARAGRAPHS).test(text);
}

/** The text with its spacing read as `lines` says (a text needing nothing is given back as it is). */
export function spacedText(text: string, lines: TextLines): string {
  if (lines === 'single') return text.replace(/\s+/g, ' ').trim();
  return text
    .replace(/[ \t]+(?=\r?\n)/g, '')
    // Only between two words: spaces at a line's start are an indentation (a list pasted from Word), kept.
    .replace(/(?<=\S) {2,}(?=\S)/g, ' ');
}
