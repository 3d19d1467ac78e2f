/**
 * Whether two releases of a process say the same thing: the same canonical JSON (core/json/same-canonical-json) apart
 * from `id`, `date` and `tag`. A release id the converter derives hashes the release without its id and date
 * (core/unflatten/derive-fields), so two workbook releases with equal ids pass this too; a release published elsewhere
 * (`history`) keeps the id, date and tag its publisher gave it, and only its content can tell that a workbook sends it
 * again unchanged. Its tag is the publisher's word on that release (or the converter's list of stages), not content.
 */
import { sameCanonicalJson } from '../json/same-canonical-json';

type Obj = Record<string, unknown>;

const content = ({ id, date, tag, ...rest }: Obj): Obj => (void id, void date, void tag, rest);

export function sameReleaseContent(a: Obj, b: Obj): boolean {
  return sameCanonicalJson(content(a), content(b));
}
