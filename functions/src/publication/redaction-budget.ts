/**
 * How much of its redactions a publication keeps listed. Every later publication carries them all (publish.ts), and
 * they are stored in the publication's own document, which Firestore caps at 1 MiB and every API request reads (the
 * current pointers): a text typed in every process of a large implementer, in several fields of each, made one note
 * several MiB, and a few large redactions over the years would have made every later publication of that implementer
 * fail to start. So the places listed (a release or project with its JSON pointers) share one budget of bytes, the
 * newest redaction first: the public is told of the latest ones place by place, and of an older one beyond the budget
 * only its counts (releaseCount…, which stay whole), as the Bitácora says it in full.
 */
import type { RedactionNote } from '../store/store';

/** Bytes of JSON the listed places of all a publication's redactions take at most: a quarter of Firestore's 1 MiB. */
export const REDACTION_LIST_BYTES = 256 * 1024;

/** `notes` (oldest first) with their lists cut, newest note first, to REDACTION_LIST_BYTES in all. */
export function withinRedactionBudget(notes: readonly RedactionNote[], budget = REDACTION_LIST_BYTES): RedactionNote[] {
  let left = budget;
  const take = <T>(places: readonly T[]): T[] => {
    const kept: T[] = [];
    for (const place of places) {
      // Its JSON and a comma: what it adds to the stored document.
      const size = JSON.stringify(place).length + 1;
      if (size > left) { left = 0; break; }
      left -= size;
      kept.push(place);
    }
    return kept;
  };
  return notes.slice().reverse().map((note) => ({ ...note, releases: take(note.releases), projects: take(note.projects) })).reverse();
}
