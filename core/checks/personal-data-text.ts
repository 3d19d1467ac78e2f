/**
 * Personal data typed into a free text (LGPDPPSO; the privacy filter, core/privacy, R-26): the filter withholds a
 * natural person's address and contact points where the standard keeps them, but a title, a description, a rationale
 * or a document's address is published as written — a supplier's CURP in a contract's description, a neighbour's
 * mobile in a milestone's, a private e-mail in an amendment's rationale reached the public with nobody told.
 * `privacy.personalDataInText` (warning) names the cell and what was found there; the official decides (an office's
 * telephone or e-mail may stay), and the coordinator reads it among the submission's findings before approving.
 *
 * Conservative on purpose, so that it is read: a CURP (18 characters: four letters, the birth date, sex, the state's
 * code, three consonants, a character and a digit — a shape nothing else in these texts has), an e-mail address other
 * than a government one (`…gob.mx`), and a telephone only after a word that says so («Tel.», «teléfono», «celular»,
 * «móvil», «WhatsApp») or `+52`, with 10 to 12 digits: a bare run of digits is as often an amount or a budget key.
 * Document addresses (`url`) and party identifiers are looked at for a CURP alone (a scanned identification named by its
 * owner's CURP; a CURP given as a person's identifier, which the filter publishes as every identifier).
 */
import { formatList } from '../format/es-mx';
import type { ValueCheck } from './types';

const STATES = 'AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE';
// Not inside a longer run of letters or digits; `_` and `-` do separate (file names: «INE_GOMJ800101HMCMRN09.pdf»).
const CURP = new RegExp(`(?<![A-Z0-9])[A-Z][AEIOUX][A-Z]{2}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])[HMX](?:${STATES})[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\\d(?![A-Z0-9])`, 'i');
// Bounded (RFC 5321's lengths): unbounded runs made a megabyte description take minutes (a scan from every letter).
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,8}\p{L}{2,24}/u;
const PHONE = /(?<!\p{L})(?:tel(?:[ée]fono)?s?|cel(?:ular)?|m[óo]vil|whats ?app)\.?\s{0,3}:?\s{0,3}((?:\+?52)?[\s.()-]{0,3}\d[\d\s.()-]{8,18}\d)|(\+52[\s.()-]{0,3}\d[\d\s.()-]{8,16}\d)/iu;

/** The free texts: published as written, where nobody expects an identifier or a contact. */
const TEXT_FIELD = /(?:^|\/)(?:title|description|rationale|notes|purpose|[a-z]+Details)$/;
/** Looked at for a CURP alone: a document's address, and a party's identifiers (a CURP given as the identifier). */
const CURP_FIELD = /(?:^|\/)(?:url|identifier\/id|additionalIdentifiers\/id)$/;

/** Each kind of personal data `text` seems to hold, the first of each, in this order. */
function foundIn(text: string, urlOnly: boolean): { value: string; kind: string }[] {
  const found: { value: string; kind: string }[] = [];
  const curp = CURP.exec(text);
  if (curp) found.push({ value: curp[0], kind: 'una CURP' });
  if (urlOnly) return found;
  const email = text.includes('@') ? EMAIL.exec(text) : null;
  if (email && !/(?:^|\.)gob\.mx$/i.test(email[0].split('@')[1])) found.push({ value: email[0], kind: 'un correo electrónico' });
  const phone = PHONE.exec(text);
  const number = phone?.[1] ?? phone?.[2];
  const digits = number?.replace(/\D/g, '').length ?? 0;
  if (number && digits >= 10 && digits <= 12) found.push({ value: number.trim(), kind: 'un número de teléfono' });
  return found;
}

/**
 * What in `text` looks like personal data, and its kinds in the message's words; undefined when nothing does. Every
 * kind is named («una CURP y un número de teléfono»): told only of the first, an official removed the CURP, sent
 * again and published the telephone (or a personal-data officer asked to remove one learnt of the other too late).
 * `value` is the first found, `others` the rest as the message quotes them («, «…» y «…»»).
 */
export function personalDataIn(text: string, urlOnly = false): { value: string; kind: string; others?: string } | undefined {
  const found = foundIn(text, urlOnly);
  if (!found.length) return undefined;
  const kind = formatList(found.map((f) => f.kind));
  if (found.length === 1) return { value: found[0].value, kind };
  const quoted = found.map((f) => `«${f.value}»`);
  return { value: found[0].value, kind, others: formatList(quoted).slice(quoted[0].length) };
}

export const personalDataText: ValueCheck = {
  on: 'string',
  fields: (field) => TEXT_FIELD.test(field) || CURP_FIELD.test(field),
  visitor: ({ report }) => (value, p, field) => {
    if (typeof value !== 'string') return;
    const found = personalDataIn(value, CURP_FIELD.test(field));
    if (found) report('privacy.personalDataInText', 'warning', p(), found);
  },
};
