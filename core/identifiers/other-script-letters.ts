/**
 * Characters in an identifier that look like Latin letters without being them: the Cyrillic «О» (U+041E) and «І»
 * (U+0406) or the Greek «Ο» look exactly like the Latin O and I, and an «É» written as E plus a separate accent
 * (U+0301, as some programs and PDFs copy it) looks like the «É» typed on a keyboard. So `ocds-abc123-DОP-001` is
 * another process than `ocds-abc123-DOP-001` while every reader sees the same ocid: two processes of the dashboard,
 * and two records of the API, a journalist cannot tell apart — one of them a copy that says what the published one
 * does not. Identifiers of Mexican public works are written in the Latin alphabet (with Ñ and accents, each one
 * character); anything else in one was pasted, by accident or not.
 */
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const MARK = /\p{M}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;

const codePoint = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

function described(c: string): string {
  if (MARK.test(c)) return `«\u25cc${c}» (${codePoint(c)}, acento o signo escrito como carácter aparte)`;
  const script = CYRILLIC.test(c) ? 'letra cirílica' : GREEK.test(c) ? 'letra griega' : 'letra de otro alfabeto';
  return `«${c}» (${codePoint(c)}, ${script})`;
}

/** Each character of `text` that only looks Latin, once, described in Spanish. Empty when there are none. */
export function otherScriptLetters(text: string): string[] {
  const found = new Set<string>();
  for (const c of text) if ((LETTER.test(c) && !LATIN.test(c)) || MARK.test(c)) found.add(c);
  return [...found].map(described);
}
