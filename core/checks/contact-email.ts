/**
 * A contact point's e-mail must be an address the public can write to. OCDS 1.1.5 ContactPoint.email and OC4IDS
 * 0.9.5 ContactPoint.email have no `format`, so «juan@», «juan.perez» or «juan@ejemplo» validated and were published
 * as the way to reach a buyer or a contractor. A program rule, not a schema error: `email.format` (warning), on every
 * `email` field the schema leaves unchecked (the fields with `format: email`, OC4IDS people and beneficial owners,
 * already get schema.formatEmail).
 *
 * Conservative on purpose — a valid address never warns: `name@domain.tld` where the name is an RFC 5322 dot-atom
 * (letters, digits and !#$%&'*+-/=?^_`{|}~, dots between them) and the domain is two or more labels of letters,
 * digits and hyphens ending in a top-level domain of letters (or punycode, xn--…). Letters include accented ones in
 * both parts (josé@municipio.gob.mx, obras@méxico.mx): internationalized addresses are valid (RFC 6531/IDNA) and
 * some mail servers take them, so they are not the official's mistake. Not taken: spaces, a second @, a name in
 * front («Juan <juan@x.mx>»), `mailto:`, two addresses in one cell, a domain without a dot («juan@ejemplo»), and
 * address literals (juan@[10.0.0.1]), which no public office publishes. Surrounding spaces are not this rule's.
 */
import { PROFILES } from '../profile/profiles';
import type { Standard } from '../profile/types';
import type { ValueCheck } from './types';
// Cut with «…»: cut bare, a list of addresses read as ending in a broken one («…, auxiliar@isdsolu»).
import { displayValue } from '../validate/raw-finding';

const ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+\\-/=?^_`{|}~]+";
const LABEL = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?';
const TLD = '(?:\\p{L}[\\p{L}\\p{M}]+|xn--[a-z0-9-]+)';
const ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TLD}$`, 'iu');

/** Whether `text` (already trimmed) is an e-mail address as this rule reads them. */
export function isEmailAddress(text: string): boolean {
  return ADDRESS.test(text);
}

/** An `email` field whose schema entry has no format of its own. */
function isUncheckedEmail(field: string, standard: Standard): boolean {
  if (field !== 'email' && !field.endsWith('/email')) return false;
  return PROFILES[standard].fields[field]?.format === undefined;
}

export const contactEmail: ValueCheck = {
  on: 'string',
  fields: isUncheckedEmail,
  visitor: ({ report }, standard) => (value, p, field) => {
    if (typeof value !== 'string' || !isUncheckedEmail(field, standard)) return;
    const text = value.trim();
    if (text !== '' && !isEmailAddress(text)) report('email.format', 'warning', p(), { value: displayValue(text) });
  },
};
