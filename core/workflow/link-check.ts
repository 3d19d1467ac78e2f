/**
 * POST /api/link-check: what a send would be told about the workbook's links to other implementers, asked before
 * sending. A send looks them up in the registry and the other implementers' current publications
 * (functions/src/publication/published-elsewhere.ts): a process of another implementer's prefix that it has not
 * published, a process naming another implementer's project that does not list it or does not exist. Validar cannot
 * know these offline, and the official learnt them only after pressing «Enviar».
 *
 * Only the references go (a few ocids and project ids, with the pointers they came from), never the workbook: the
 * add-on finds them with the same core functions the server uses (core/summary/foreign-processes.ts), and attaches
 * the answer's findings to its own cells by pointer.
 */
import type { Finding, Severity } from '../findings/finding';
import type { ForeignProcess, ForeignProject } from '../summary/foreign-processes';
import { isObject } from '../json/json-values';
import { ContractError } from './contract';

export const LINK_CHECK_PATH = '/api/link-check';

/** More references than any workbook of the template names to other implementers; a larger request is refused (400). */
export const MAX_LINK_CHECK_REFERENCES = 10_000;

export interface LinkCheckRequest {
  /** The implementer whose workbook it is (absent: the signed-in official's own). */
  publisherId?: string;
  processes: ForeignProcess[];
  named: ForeignProject[];
}

/** The findings a send would add, by the request's pointers (no cells: the asker has them). */
export interface LinkCheckAnswer { findings: Finding[] }

/** The codes a link check answers: what the send adds to the workbook's own findings (submission-work.ts intake). */
export const LINK_CHECK_CODES = ['link.otherPublisherUnpublished', 'link.otherProjectNotListed', 'link.otherProjectUnpublished'] as const;

const text = (v: unknown, path: string): string => {
  if (typeof v !== 'string' || v.length > 500) throw new ContractError(path, 'un texto');
  return v;
};
const list = (v: unknown, path: string): unknown[] => {
  if (!Array.isArray(v)) throw new ContractError(path, 'una lista');
  return v;
};

export function checkLinkCheckRequest(v: unknown): LinkCheckRequest {
  const o = isObject(v) ? v : {};
  const processes = list(o.processes ?? [], 'processes').map((p, i) => {
    const x = isObject(p) ? p : {};
    return { ocid: text(x.ocid, `processes[${i}].ocid`), pointer: text(x.pointer, `processes[${i}].pointer`) };
  });
  const named = list(o.named ?? [], 'named').map((p, i) => {
    const x = isObject(p) ? p : {};
    return { ocid: text(x.ocid, `named[${i}].ocid`), projectId: text(x.projectId, `named[${i}].projectId`), pointer: text(x.pointer, `named[${i}].pointer`) };
  });
  if (processes.length + named.length > MAX_LINK_CHECK_REFERENCES) throw new ContractError('processes', `a lo más ${MAX_LINK_CHECK_REFERENCES} referencias`);
  return { ...(o.publisherId !== undefined ? { publisherId: text(o.publisherId, 'publisherId') } : {}), processes, named };
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export function checkLinkCheckAnswer(v: unknown): LinkCheckAnswer {
  const o = isObject(v) ? v : {};
  const findings = list(o.findings, 'findings').map((f, i): Finding => {
    const x = isObject(f) ? f : {};
    const path = `findings[${i}]`;
    if (!(LINK_CHECK_CODES as readonly string[]).includes(String(x.code))) throw new ContractError(`${path}.code`, `uno de ${LINK_CHECK_CODES.join(', ')}`);
    if (!SEVERITIES.includes(x.severity as Severity)) throw new ContractError(`${path}.severity`, `uno de ${SEVERITIES.join(', ')}`);
    const params: Finding['params'] = {};
    for (const [k, value] of Object.entries(isObject(x.params) ? x.params : {})) if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[k] = value;
    return { code: String(x.code), severity: x.severity as Severity, params, ...(typeof x.pointer === 'string' ? { pointer: x.pointer } : {}) };
  });
  return { findings };
}
