/**
 * The audit log (Bitácora) as a hash chain: each entry carries its place (`seq`, 1, 2, 3…), the hash of the entry
 * before it (`prev`) and its own (`hash`), which covers its place, that link and everything it says. Removing an entry
 * leaves a gap in the places; editing one changes its hash, which the next entry no longer names. So a log rewritten
 * after the fact shows it — unless every later entry is rewritten too, which the hashes a reader kept (a bulk
 * download's huellas.json names its publication's entry) then contradict.
 *
 * The hash is in two steps, `digest` (what the entry says) then `linkHash` (place, previous hash, digest), so that the
 * public can check the links of entries whose content it may not read (who decided what on a send): the public chain
 * (api/audit-chain-routes.ts) gives every entry's digest, and the whole content of publication entries only.
 *
 * Entries written before the chain have no `seq`: they are reported as «sin huella», never as altered.
 */
import { createHash } from 'crypto';
import { canonicalJson } from '../../../core/unflatten/content-hash';
import { formatCount, formatTimestamp } from '../../../core/format/es-mx';
import type { AuditEntry, JsonObject } from '../store/store';

/** Names the hashing rules: a later rule would hash under another name, and old entries keep theirs. */
const CHAIN_RULE = 'infra-abierta/bitacora/1';

/** What an entry says, apart from its place in the chain: hashed by `entryDigest`. */
export type AuditContent = Pick<AuditEntry, 'at' | 'actor' | 'action' | 'target' | 'details' | 'publisherId'>;

/**
 * SHA-256 of the entry's content as canonical JSON (keys sorted). Hashed as stored: an undefined `publisherId` or a
 * non-finite number in the details is what JSON keeps of it.
 */
export function entryDigest(e: AuditContent): string {
  const content = JSON.parse(JSON.stringify({ at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details, publisherId: e.publisherId })) as JsonObject;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The entry's hash: its place, the previous entry's hash (null: the first) and its digest. */
export function linkHash(seq: number, prev: string | null, digest: string): string {
  return createHash('sha256').update(`${CHAIN_RULE}\n${seq}\n${prev ?? ''}\n${digest}`).digest('hex');
}

/** One entry as the chain check reads it: `digest` given where the content is not (the public chain). */
export interface ChainEntry {
  at: string;
  seq?: number;
  prev?: string | null;
  hash?: string;
  digest?: string;
  content?: AuditContent;
}

export type ChainProblem =
  /** Its hash is not that of what it says (edited), or of its place and link. */
  | { kind: 'altered'; seq: number; at: string }
  /** Its `prev` is not the hash of the entry before it. */
  | { kind: 'broken-link'; seq: number; at: string }
  /** Places with no entry: removed entries. */
  | { kind: 'missing'; from: number; to: number }
  /** Two entries in one place (impossible when written by this program: a place is taken once). */
  | { kind: 'duplicate'; seq: number };

export interface ChainReport {
  /** Entries read. */
  entries: number;
  chained: number;
  /** Entries without a place in the chain: written before it existed (or by an older version of the program). */
  unchained: number;
  /** Of those, how many were made after the chain's first entry. */
  unchainedAfterStart: number;
  /** When the chain's first entry was made. */
  startedAt?: string;
  /** The last entry of the chain: a reader keeps its place and hash to check, later, that nothing before was rewritten. */
  last?: { seq: number; hash: string; at: string };
  problems: ChainProblem[];
}

/**
 * Checks a whole log (any order). `knownLast`: the last place the store says was taken (its chain head), when known:
 * places after the last entry read were removed too.
 */
export function verifyChain(entries: readonly ChainEntry[], knownLast?: number): ChainReport {
  const chained = entries.filter((e) => typeof e.seq === 'number').sort((a, b) => (a.seq as number) - (b.seq as number));
  const unchained = entries.filter((e) => typeof e.seq !== 'number');
  const problems: ChainProblem[] = [];
  const startedAt = chained.length ? chained.reduce((min, e) => (e.at < min ? e.at : min), chained[0].at) : undefined;
  let expected = 1;
  let previous: ChainEntry | undefined;
  for (const e of chained) {
    const seq = e.seq as number;
    if (previous && seq === previous.seq) {
      problems.push({ kind: 'duplicate', seq });
      continue;
    }
    if (seq > expected) problems.push({ kind: 'missing', from: expected, to: seq - 1 });
    const digest = e.content ? entryDigest(e.content) : e.digest;
    if (digest === undefined || e.hash !== linkHash(seq, e.prev ?? null, digest)) problems.push({ kind: 'altered', seq, at: e.at });
    else if (seq === 1 ? e.prev !== null && e.prev !== undefined : previous?.seq === seq - 1 && previous.hash !== e.prev) problems.push({ kind: 'broken-link', seq, at: e.at });
    expected = seq + 1;
    previous = e;
  }
  if (knownLast !== undefined && knownLast >= expected) problems.push({ kind: 'missing', from: expected, to: knownLast });
  const last = previous && typeof previous.hash === 'string' ? { seq: previous.seq as number, hash: previous.hash, at: previous.at } : undefined;
  return {
    entries: entries.length,
    chained: chained.length,
    unchained: unchained.length,
    unchainedAfterStart: startedAt === undefined ? 0 : unchained.filter((e) => e.at > startedAt).length,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(last ? { last } : {}),
    problems,
  };
}

const missing = (from: number, to: number): string => (from === to ? `Falta la entrada n.º ${from}: se borró.` : `Faltan las entradas n.º ${from} a ${to}: se borraron.`);

/** The report in plain Spanish, one sentence a line; the first says whether the log is whole. */
export function chainReportLines(report: ChainReport): string[] {
  const lines: string[] = [];
  if (report.problems.length) {
    lines.push(`✗ La bitácora fue modificada después de escrita: ${formatCount(report.problems.length, 'problema', 'problemas')}.`);
    for (const p of report.problems.slice(0, 20)) {
      if (p.kind === 'missing') lines.push(`  ${missing(p.from, p.to)}`);
      else if (p.kind === 'altered') lines.push(`  La entrada n.º ${p.seq} (${formatTimestamp(p.at)}) no dice lo que decía al escribirse: se editó.`);
      else if (p.kind === 'broken-link') lines.push(`  La entrada n.º ${p.seq} (${formatTimestamp(p.at)}) no sigue a la anterior: la anterior se editó o se reemplazó.`);
      else lines.push(`  Hay dos entradas n.º ${p.seq}: una se añadió a mano.`);
    }
    if (report.problems.length > 20) lines.push(`  … y ${formatCount(report.problems.length - 20, 'problema más', 'problemas más')}.`);
  } else if (report.chained) {
    lines.push(`✓ La bitácora está completa y sin cambios: ${formatCount(report.chained, 'entrada encadenada', 'entradas encadenadas')}, de la n.º 1 a la n.º ${report.last?.seq ?? report.chained}.`);
  } else {
    lines.push('La bitácora no tiene entradas encadenadas todavía: no hay nada que comprobar.');
  }
  if (report.unchained) {
    const before = report.unchained - report.unchainedAfterStart;
    if (before) lines.push(`  ${formatCount(before, 'entrada', 'entradas')} sin huella (escritas antes del ${report.startedAt ? formatTimestamp(report.startedAt) : 'encadenamiento'}, cuando la bitácora aún no se encadenaba): no se pueden comprobar, pero no indican un cambio.`);
    if (report.unchainedAfterStart) lines.push(`  ${formatCount(report.unchainedAfterStart, 'entrada', 'entradas')} sin huella escritas después de empezar la cadena (por una versión anterior del programa, o añadidas a mano): no se pueden comprobar.`);
  }
  if (report.last) lines.push(`  Última entrada: n.º ${report.last.seq}, ${formatTimestamp(report.last.at)}, huella ${report.last.hash}.`);
  return lines;
}
