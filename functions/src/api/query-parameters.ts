/**
 * The query parameters a public address reads; any other is a 400 in Spanish that names it and those accepted.
 * Ignored, a filter the API does not have looked applied: `/api/ocds/records?ocid=…` answered the first page of every
 * record, and `/api/ocds/releases?since=2024-01-01` every release, and a script took either for what it asked.
 */
import type { Request } from 'express';
import { formatList } from '../../../core/format/es-mx';
import { badRequest, invalidEncoding } from './http-error';

/** Names a reader tries for a date filter, which the listings do not have (they page by identifier). */
const DATE_LIKE = /date|since|until|from|^to$|updated|desde|hasta|fecha|periodo|year|año/i;

/**
 * Parameters nobody means as a filter, added to an address on its way: a cache-buster (`_`, jQuery's and others'
 * `cache: false`), and what a link shared on social networks or from a campaign gets (`utm_…`, `fbclid`, `gclid`).
 * Refused, a link a journalist shared on Facebook answered 400 to everyone who followed it.
 */
const NEVER_A_FILTER = /^(?:_|utm_[a-z]+|fbclid|gclid)$/;

/**
 * What the dashboard's aggregates read (/api/stats, /api/index…): one publisher, or the publishers of one state.
 * Ignored, `/api/stats?estado=Yucatán` answered the whole country to a script that took it for one state.
 */
export const BY_SCOPE = ['publisher', 'state'] as const;

/**
 * Refuses a parameter of the query not in `accepted`. `hints`: what to do instead, for a parameter someone would
 * reasonably try here (an `ocid` on the record listing: the address of one record).
 */
export function acceptOnly(req: Request, accepted: readonly string[], hints: Readonly<Record<string, string>> = {}): void {
  refuseBadEncoding(req);
  const unknown = Object.keys(req.query as Record<string, unknown>).find((name) => !accepted.includes(name) && !NEVER_A_FILTER.test(name));
  if (unknown === undefined) return;
  const shown = unknown.length > 40 ? `${unknown.slice(0, 40)}…` : unknown;
  const names = formatList(accepted.map((a) => `«${a}»`));
  const what = accepted.length > 1 ? `sus parámetros son ${names}` : accepted.length ? `su parámetro es ${names}` : 'no lleva parámetros';
  const hint = Object.prototype.hasOwnProperty.call(hints, unknown) ? ` ${hints[unknown]}` : DATE_LIKE.test(unknown) ? ' La API no filtra por fecha: los archivos de /api/bulk traen todo, para filtrar por la fecha de cada documento.' : '';
  const address = (req.path === '/' ? req.baseUrl : `${req.baseUrl}${req.path}`).slice(0, 200);
  throw badRequest('unknown-parameter', `La dirección ${address} no acepta el parámetro «${shown}»: ${what}.${hint}`);
}

/**
 * A parameter whose percent-encoding forms no UTF-8 text is refused as the path's is (http-error.ts, invalid-encoding):
 * the query parser kept a bare «%» as it came and made a cut sequence «�», so `?ocid=…%C3` looked for another ocid
 * and answered «No existe», and `?publisher=100%` a publisher nobody registered. Those added on the way
 * (NEVER_A_FILTER: a shared link's `utm_campaign=50%off`) are left alone, as they are accepted.
 */
function refuseBadEncoding(req: Request): void {
  const at = req.originalUrl.indexOf('?');
  if (at < 0) return;
  const decode = (text: string): string => decodeURIComponent(text.replace(/\+/g, ' '));
  for (const pair of req.originalUrl.slice(at + 1).split('&')) {
    const eq = pair.indexOf('=');
    const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    let decoded: string;
    try { decoded = decode(name); } catch { throw invalidEncoding(); }
    if (NEVER_A_FILTER.test(decoded)) continue;
    try { decode(value); } catch { throw invalidEncoding(); }
  }
}
