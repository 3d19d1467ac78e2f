/**
 * What the official typed of each derived process summary of a publication's projects (core/summary/typed-rows.ts
 * keptTypedSummaries), kept with the publication — in its stored index, never served (publication-indexes.ts drops
 * it) — for the next publication and the coordinator's preview to tell what a send changed in a project against what
 * was typed then, not against the summary the releases give now (core/workflow/change-preview.ts projectEdits).
 */
import { isObject, type JsonObject } from '../../../core/json/json-values';

/** Raised when what is kept is judged otherwise: an index of another version is read as keeping nothing. */
const VERSION = 1;

export type KeptSummaries = Map<string, Record<string, JsonObject>>;

/** The index's `typedSummaries`, as written: by project id, the projects with a derived summary. */
export function storedTypedSummaries(byProject: KeptSummaries): JsonObject {
  return { version: VERSION, byProject: Object.fromEntries(byProject) } as unknown as JsonObject;
}

/** What a stored index kept, by project id; empty when it kept nothing (written before, or by another version). */
export function readTypedSummaries(index: unknown): KeptSummaries {
  const kept = isObject(index) ? index.typedSummaries : undefined;
  const out: KeptSummaries = new Map();
  if (!isObject(kept) || kept.version !== VERSION || !isObject(kept.byProject)) return out;
  for (const [id, summaries] of Object.entries(kept.byProject)) {
    if (isObject(summaries) && Object.values(summaries).every(isObject)) out.set(id, summaries as Record<string, JsonObject>);
  }
  return out;
}
