/**
 * The template titles a renamed header probably is. Officials retitle a column (a typo, «Enlace del docuemnto»; a
 * shortened title, «Monto estimado»; a word changed) and, with the technical name in row 2 gone or edited too, the
 * column is not read: «no corresponde a ningún campo» left them to find which of the sheet's 40 titles it was. The
 * titles close to it are named: the same letters but for a few (case, accents, spaces and punctuation aside), or the
 * header's words the first words of a title's, in order. Only titles the sheet does not already have: the column it
 * probably is, is one the sheet lacks.
 */
import { normalizeLabel } from './normalize-label';

/** At most this many titles are named: more is no suggestion. */
const MAX_NAMED = 3;
/** Headers longer than this are no retitled column (a note, a pasted paragraph): not compared. */
const MAX_HEADER = 120;

/** A label as compared here: normalizeLabel's, punctuation («¿?», «()», «.») as spaces. */
function simple(label: string): string {
  return normalizeLabel(label).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Edits allowed between a header and a title: about one in five letters, at least one. */
function allowedEdits(length: number): number {
  return Math.max(1, Math.floor(length / 5));
}

/**
 * Letters to change, add, remove or swap with their neighbour (optimal string alignment) to make `a` into `b`, or
 * `limit + 1` as soon as it is more than `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The header's words begin the title's words, in order («monto estimado» in «monto estimado de la licitacion»): the
 * title's words skipped before and between them (0 there; 2 in «moneda del monto estimado»), or -1 when they do not.
 */
function shortened(header: string[], title: string[]): number {
  if (header.length >= title.length || !header.some((w) => w.length >= 4)) return -1;
  let t = 0;
  let skipped = 0;
  for (const word of header) {
    while (t < title.length && !title[t].startsWith(word)) { t++; skipped++; }
    if (t === title.length) return -1;
    t++;
  }
  return skipped;
}

/**
 * The titles of `titles` the header probably is, closest first (none, or up to three): those a few letters away,
 * the nearest only; else those it shortens, with the fewest words between. `present`: the sheet's own headers,
 * whose titles are not suggested.
 */
export function closestTitles(header: string, titles: readonly string[], present: readonly string[]): string[] {
  const h = simple(header);
  if (h === '' || h.length > MAX_HEADER) return [];
  const had = new Set(present.map(simple));
  const words = h.split(' ');
  let best = Infinity;
  let near: string[] = [];
  let fewestSkipped = Infinity;
  let shorter: string[] = [];
  for (const title of titles) {
    const t = simple(title);
    if (t === h) continue;
    const limit = allowedEdits(Math.max(h.length, t.length));
    const d = editDistance(h, t, limit);
    if (d <= limit) {
      if (d < best) { best = d; near = []; }
      if (d === best) near.push(title);
      continue;
    }
    const skipped = shortened(words, t.split(' '));
    if (skipped < 0 || skipped > fewestSkipped) continue;
    if (skipped < fewestSkipped) { fewestSkipped = skipped; shorter = []; }
    shorter.push(title);
  }
  // The sheet's own titles are left out once the closest are known: when the closest is one the sheet has, the header
  // is something else (a column of the official's own), not a farther title.
  const found = (near.length ? near : shorter).filter((title) => !had.has(simple(title)));
  return found.length <= MAX_NAMED ? found : [];
}
