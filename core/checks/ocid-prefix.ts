/**
 * OCDS "Open Contracting Identifier": an ocid is a registered prefix (`ocds-` + 6 characters) followed by a
 * local identifier, and a publisher must use its own prefix (OCDS 1.1 "Identifiers", ocid prefix registration).
 * `ocid.format` (error): not `ocds-xxxxxx-…`. `ocid.prefix` (error): not the publisher's configured prefix.
 */
import { stringAt } from './json';
import type { Check } from './types';

const OCID = /^ocds-[a-z0-9]{6}-\S+$/;

export const ocidPrefix: Check = ({ releases, settings, report }) => {
  const prefix = settings.ocidPrefix?.trim();
  for (const { data, pointer } of releases) {
    const ocid = stringAt(data, 'ocid');
    if (ocid === undefined) continue; // missing: schema.required
    if (!OCID.test(ocid)) report('ocid.format', 'error', `${pointer}/ocid`, { value: ocid });
    else if (prefix && !ocid.startsWith(`${prefix}-`)) report(settings.prefixesRegistered ? 'ocid.prefixRegistered' : 'ocid.prefix', 'error', `${pointer}/ocid`, { value: ocid, prefix });
  }
};
