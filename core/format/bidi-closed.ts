/**
 * Text from the data shown beside other text: an override or embedding (U+202A–202E) or an isolate (U+2066–2068)
 * that the text opens and does not close runs on past its end, to the end of the line. An official's project title
 * «\u202E…» on the dashboard showed the next supplier's name, the next project, the rest of a finding's message
 * (its row, the process it names) — and a figure after it — in reverse ("Trojan Source", CVE-2021-42574). The data
 * keeps its characters (text.invisibleCharacters warns the official); where it is shown, `closeBidi` adds the
 * characters that close what it left open, so its effect ends with it. Nothing is added to text without them.
 */
const OPENS_EMBEDDING = /[\u202a\u202b\u202d\u202e]/;
const OPENS_ISOLATE = /[\u2066-\u2068]/;
const PDF = '\u202c';
const PDI = '\u2069';
const ANY = /[\u202a-\u202e\u2066-\u2069]/;

export function closeBidi(text: string): string {
  if (!ANY.test(text)) return text;
  // What is open, innermost last (the Unicode Bidirectional Algorithm's stack, rules X1–X6a): a PDF closes the last
  // embedding or override inside the current isolate; a PDI closes its isolate and whatever it holds still open.
  const open: ('embedding' | 'isolate')[] = [];
  for (const c of text) {
    if (OPENS_EMBEDDING.test(c)) open.push('embedding');
    else if (OPENS_ISOLATE.test(c)) open.push('isolate');
    else if (c === PDF) { if (open[open.length - 1] === 'embedding') open.pop(); }
    else if (c === PDI) { const at = open.lastIndexOf('isolate'); if (at >= 0) open.length = at; }
  }
  return text + open.reverse().map((kind) => (kind === 'embedding' ? PDF : PDI)).join('');
}
