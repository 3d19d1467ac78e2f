/**
 * What the official typed of each project of a publication where publication derived the rest (core/summary/typed-rows.ts
 * typedPart: of its derived summaries, and the parties they added), kept with the publication — in its stored index,
 * never served (publication-indexes.ts drops it) — for the next publication and the coordinator's preview to tell
 * what a send changed in a project against what was typed then, not against what the releases give now
 * (core/workflow/change-preview.ts projectEdits). A project of which nothing was derived is not listed; one carried
 * from a publication that kept none (an earlier version's) is listed as `null`, not known: what it mixes of typed and
 * derived cannot be told apart afterwards, and read as all typed, the parties publication added to it would read as
 * the official's, deleted, on its next send.
 */
import { isObject, type JsonObject } from '../../../core/json/json-values';
import type { TypedPart } from '../../../core/summary';

/** Raised when what is kept is judged otherwise: an index of another version is read as keeping nothing. */
const VERSION = 1;

/** By project id; null: not known (see above). */
export type TypedParts = Map<string, TypedPart | null>;

/** The index's `typedParts`, as written: by project id. */
export function storedTypedParts(byProject: TypedParts): JsonObject {
  return { version: VERSION, byProject: Object.fromEntries(byProject) } as unknown as JsonObject;
}

/** What a stored index kept, by project id; undefined when it kept nothing (written before, or by another version). */
export function readTypedParts(index: unknown): TypedParts | undefined {
  const kept = isObject(index) ? index.typedParts : undefined;
  if (!isObject(kept) || kept.version !== VERSION || !isObject(kept.byProject)) return undefined;
  const out: TypedParts = new Map();
  for (const [id, part] of Object.entries(kept.byProject)) {
    if (part === null) out.set(id, null);
    else if (isObject(part) && isObject(part.summaries) && isObject(part.parties)) out.set(id, part as unknown as TypedPart);
  }
  return out;
}

/** Whether `part` says anything: a project of which nothing was derived is kept by its absence. */
export function derivedSomething(part: TypedPart): boolean {
  return Object.keys(part.summaries).length > 0 || Object.keys(part.parties).length > 0;
}
