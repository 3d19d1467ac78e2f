/**
 * OCDS "Open Contracting Identifier": an ocid is a registered prefix (`ocds-` + 6 characters) followed by a
 * local identifier, and a publisher must use its own prefix (OCDS 1.1 "Identifiers", ocid prefix registration).
 * `ocid.format` (error): not `ocds-xxxxxx-…`; `ocid.prefixCase` (error) when only its prefix is not in lower case.
 * `ocid.prefix` (error): not the publisher's configured prefix. `identifier.otherScript` (error): a letter of another
 * alphabet that looks Latin (core/identifiers/other-script-letters.ts), a process a reader cannot tell from another.
 */
import { stringAt } from './json';
import { lowerOcidPrefix } from '../identifiers/lower-ocid-prefix';
import { withPrefix } from '../identifiers/with-prefix';
import { otherScriptLetters } from '../identifiers/other-script-letters';
import type { Check } from './types';

const OCID = /^ocds-[a-z0-9]{6}-\S+$/;

export const ocidPrefix: Check = ({ releases, settings, report }) => {
  const prefix = settings.ocidPrefix?.trim();
  for (const { data, pointer } of releases) {
    const ocid = stringAt(data, 'ocid');
    if (ocid === undefined) continue; // missing: schema.required
    if (!OCID.test(ocid)) {
      // «debe empezar con «ocds-»» did not tell the official what was wrong with an ocid that seemed to.
      const lowered = lowerOcidPrefix(ocid);
      if (lowered) report('ocid.prefixCase', 'error', `${pointer}/ocid`, { value: ocid, suggested: lowered });
      else {
        const suggested = withPrefix(ocid, prefix, 'ocds');
        report('ocid.format', 'error', `${pointer}/ocid`, { value: ocid, ...(suggested ? { suggested } : {}) });
      }
    }
    else if (prefix && !ocid.startsWith(`${prefix}-`)) report(settings.prefixesRegistered ? 'ocid.prefixRegistered' : 'ocid.prefix', 'error', `${pointer}/ocid`, { value: ocid, prefix });
    else {
      const letters = otherScriptLetters(ocid);
      if (letters.length) report('identifier.otherScript', 'error', `${pointer}/ocid`, { value: ocid, letters: letters.join(', ') });
    }
  }
};
