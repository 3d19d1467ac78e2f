/**
 * Whether two releases of a process say the same thing: the same canonical JSON (core/json/same-canonical-json) apart
 * from `id`, `date` and `tag`. A release id the converter derives hashes the release without its id and date
 * (core/unflatten/derive-fields), so two workbook releases with equal ids pass this too; a release published elsewhere
 * (`history`) keeps the id, date and tag its publisher gave it, and only its content can tell that a workbook sends it
 * again unchanged. Its tag is the publisher's word on that release (or the converter's list of stages), not content.
 * Values are compared as a workbook cell gives them back: texts whatever their line endings (`\r\n` comes back `\n`,
 * sameCanonicalJson), and an integer as its text where the schema takes either (textAsCells): a process imported
 * unchanged is not a new release for that.
 */
import { sameCanonicalJson } from '../json/same-canonical-json';
import { PROFILES } from '../profile/profiles';
import { hasTypedTag } from './update-tags';

type Obj = Record<string, unknown>;

const content = ({ id, date, tag, ...rest }: Obj): Obj => (void id, void date, void tag, rest);

/**
 * A release's content as sameReleaseContent compares it, built once: a converted release is compared with both the
 * latest release and the compiled one of a history published elsewhere.
 */
export class ComparableContent {
  readonly value: unknown;
  constructor(release: Obj) {
    this.value = textAsCells(content(release));
  }
}

export function sameReleaseContent(a: Obj | ComparableContent, b: Obj): boolean {
  return sameCanonicalJson((a instanceof ComparableContent ? a : new ComparableContent(a)).value, new ComparableContent(b).value, 'any');
}

/**
 * The release with each integer written as text where the schema takes text or integer (a budget line component's
 * level and code, ids). The template's column for those is text, so that what an official types reads the same
 * whether the sheet keeps it as a number or as text; a level the INAI published as a number («"level":1») comes back
 * from its imported workbook as «"1"», and publishing that workbook unchanged made a new release of every process with
 * a budget line. Where the schema takes a number only (amounts), a text published elsewhere is no number, and the
 * workbook's number is a change (a correction), as before.
 */
function textAsCells(node: unknown, path = ''): unknown {
  if (Array.isArray(node)) return node.map((item) => textAsCells(item, path));
  if (node !== null && typeof node === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(node as Obj)) out[k] = textAsCells(v, path ? `${path}/${k}` : k);
    return out;
  }
  if (typeof node === 'number' && Number.isSafeInteger(node) && PROFILES.ocds.fields[path]?.types.includes('string')) return String(node);
  return node;
}

/**
 * Whether `id` is one the converter derives for the process `ocid`: `{ocid}-{8 hex}` (core/unflatten/derive-fields),
 * re-stamped `-{14 digits}` when the content returned to an earlier state (publish.ts). Between two such ids the ids
 * decide, tag included (a typed tag changed is a new release); the content is compared only against a release
 * published elsewhere — which also spares comparing every changed process of a large publication twice.
 */
export function isDerivedReleaseId(ocid: string, id: string): boolean {
  return id.startsWith(`${ocid}-`) && /^[0-9a-f]{8}(-\d{14})?$/.test(id.slice(ocid.length + 1));
}

/**
 * Whether the latest release's id (`latestId`) is the converted release's (`id`): the same content hash, or that id
 * re-stamped `-{14 digits}` by publish.ts when the content returned to an earlier state (A → B → A).
 */
export function sameReleaseId(latestId: string, id: string): boolean {
  return latestId === id || (latestId.startsWith(`${id}-`) && /^\d{14}$/.test(latestId.slice(id.length + 1)));
}

/**
 * Where in `releases` (a process's, oldest first) the latest one with the content a derived `id` names is (sameReleaseId:
 * itself, or re-stamped when content came back), or -1: the earlier state a send or a publication takes the process
 * back to (publish.ts, core/workflow/change-preview.ts).
 */
export function lastSameRelease(releases: readonly { id: string }[], id: string): number {
  for (let i = releases.length - 1; i >= 0; i--) if (sameReleaseId(releases[i].id, id)) return i;
  return -1;
}

/**
 * Whether a converted release (`release`, its id derived) says what the process's latest derived release (`latest`)
 * says, and only the tag the converter derives tells them apart: the same process sent again unchanged. Their ids
 * differ only because the id hashes the tag (core/unflatten/derive-fields), and the rule that derives it changed
 * between the version that published the latest release and this one (since 3bdbe28, a tender still «planned» is
 * the `planning` stage, not `tender`). Without this, the first approval after an upgrade published a release of
 * that process with the same content, tagged `planningUpdate` (update-tags.ts: no stage changed), and the
 * coordinator's preview listed it as modified with no field changed. A tag the official typed still tells a new
 * release (hasTypedTag), and so does any change of content.
 */
export function sameButDerivedTag(release: Obj, latest: Obj): boolean {
  if (hasTypedTag(release)) return false;
  // Both converted from workbooks: compared as they are (no textAsCells), each section in place, stopping at the
  // first that differs — it runs for every changed process of a publication.
  for (const key of new Set([...Object.keys(release), ...Object.keys(latest)])) {
    if (key !== 'id' && key !== 'date' && key !== 'tag' && !sameCanonicalJson(release[key], latest[key])) return false;
  }
  return true;
}
