/**
 * Whether two releases of a process say the same thing: the same canonical JSON (core/json/same-canonical-json) apart
 * from `id`, `date` and `tag`. A release id the converter derives hashes the release without its id and date
 * (core/unflatten/derive-fields), so two workbook releases with equal ids pass this too; a release published elsewhere
 * (`history`) keeps the id, date and tag its publisher gave it, and only its content can tell that a workbook sends it
 * again unchanged. Its tag is the publisher's word on that release (or the converter's list of stages), not content.
 * Values are compared as a workbook cell gives them back: texts whatever their line endings (`\r\n` comes back `\n`),
 * an integer as its text where the template's column is text (1 comes back «1»; same-canonical-json), and a process
 * imported unchanged is not a new release for that.
 */
import { sameCanonicalJson } from '../json/same-canonical-json';

type Obj = Record<string, unknown>;

const content = ({ id, date, tag, ...rest }: Obj): Obj => (void id, void date, void tag, rest);

export function sameReleaseContent(a: Obj, b: Obj): boolean {
  return sameCanonicalJson(content(a), content(b), 'cell');
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
