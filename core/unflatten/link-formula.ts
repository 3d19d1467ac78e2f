/**
 * A document's address written as a link formula: `=HIPERVINCULO("https://…/contrato.pdf";"Ver contrato")`, as
 * officials write it in Excel or Google Sheets in Spanish, or `=HYPERLINK("…","…")` in English. The cell shows (and
 * its value is) the second argument, «Ver contrato», which was refused as not a web address although the address is
 * in the cell. The address is read from the formula only when it is written in it between quotes: one built from
 * other cells (`=HIPERVINCULO(B3;"Ver")`, `"https://…/"&B3`) would need the spreadsheet's calculation, which the
 * engine does not do, so the official is asked to write it (read-rows.ts).
 *
 * Files store formulas with English names and commas (`HYPERLINK("…","…")`, without «=»); Sheets gives them as the
 * official wrote them, with «=»: names in either language and «,» or «;» are all read.
 */

/** What a cell's formula says of its link: the address written in it, or that it has a link whose address is not. */
export type LinkFormula = { address: string } | { address?: undefined; unreadable: true };

const CALL = /^\s*=?\s*(?:_xlfn\.)?(?:HYPERLINK|HIPERVINCULO)\s*\(\s*/i;
const ANYWHERE = /(?:HYPERLINK|HIPERVINCULO)\s*\(/i;

/** The formula's link; undefined when it has no link function at all (`=B3`, `=CONCATENAR(…)`). */
export function linkFormula(formula: string): LinkFormula | undefined {
  const call = CALL.exec(formula);
  if (call) {
    const literal = stringAt(formula, call[0].length);
    // The address ends where its argument does: `"https://…/"&B3` is no address written whole.
    if (literal && /^\s*[,;)]/.test(formula.slice(literal.end))) return { address: literal.text.trim() };
    return { unreadable: true };
  }
  // The function inside another one (`=SI(A3="";"";HIPERVINCULO(…))`): which address is published depends on the
  // calculation, so it is not guessed.
  return ANYWHERE.test(formula) ? { unreadable: true } : undefined;
}

/** A string literal starting at `start` (`"…"`, a quote doubled inside it): its text and the index after it. */
function stringAt(s: string, start: number): { text: string; end: number } | undefined {
  if (s[start] !== '"') return undefined;
  let text = '';
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] !== '"') { text += s[i]; continue; }
    if (s[i + 1] === '"') { text += '"'; i++; continue; }
    return { text, end: i + 1 };
  }
  return undefined;
}

/** A formula that names a link function, worth keeping by a reader that does not know the cell's column. */
export function mentionsLink(formula: string): boolean {
  return ANYWHERE.test(formula);
}
