/**
 * Letters of another alphabet in an identifier: the Cyrillic «О» (U+041E) and «І» (U+0406) or the Greek «Ο» look
 * exactly like the Latin O and I, so `ocds-abc123-DОP-001` is another process than `ocds-abc123-DOP-001` while every
 * reader sees the same ocid: two processes of the dashboard, and two records of the API, a journalist cannot tell
 * apart — one of them a copy that says what the published one does not. Identifiers of Mexican public works are
 * written in the Latin alphabet (with Ñ and accents); anything else in one was pasted, by accident or not.
 */
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** The letters of `text` that are not Latin, each once, as «О» (U+041E). Empty when there are none. */
export function otherScriptLetters(text: string): string[] {
  const found = new Set<string>();
  for (const c of text) if (LETTER.test(c) && !LATIN.test(c)) found.add(c);
  return [...found].map((c) => `«${c}» (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`);
}
