/**
 * `infra-abierta verificar`: what a journalist or an auditor runs to show that a file downloaded on some day is what
 * the platform published, and that the platform's history of publications and its audit log were not rewritten
 * since (docs/operations.md, «Comprobar una descarga»).
 *
 *   verificar ARCHIVO… --huellas huellas.json       each file against the manifest saved with it (bulk-manifest.ts)
 *   verificar --bitacora [--url https://…]          the audit log's hash chain: the public one of a platform, or
 *                                                   (without --url) this server's database, or Firestore (--nube)
 *   both at once                                    also: the manifest's publication entry is in the chain, sealed
 *                                                   with the hashes of the content its .jsonl files hold
 *
 * Answers in plain Spanish, a line per finding; exit code 0 when everything checked holds, 1 when anything does not.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringOption, UsageError, type ParsedArgs } from './args';
import type { CliIo } from './convert-command';
import { chainReportLines, entryDigest, linkHash, verifyChain, type ChainEntry } from '../audit/audit-chain';
import { formatCount, formatTimestamp } from '../../../core/format/es-mx';
import { fingerprintOf, type BulkManifest } from '../publication/bulk-manifest';
import type { PublicChainEntry } from '../api/audit-chain-routes';
import type { Store } from '../store/store';

export interface VerifyDeps {
  /** The database's log, for --bitacora without --url (opened only then). */
  openStore?: () => Promise<{ store: Store; close: () => Promise<void> }>;
  /** Tests: fetch (the real one by default). */
  fetch?: typeof fetch;
}

function readManifest(file: string): BulkManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(missing ? `No se encontró el archivo de huellas «${path.resolve(file)}».` : `«${file}» no es un archivo de huellas: no es JSON. Descárguelo de /api/bulk/huellas.json junto con los archivos.`);
  }
  const m = parsed as Partial<BulkManifest>;
  if (!m || !Array.isArray(m.files) || !Array.isArray(m.publications)) throw new UsageError(`«${file}» no es un archivo de huellas (huellas.json de /api/bulk): no tiene la lista de archivos («files»).`);
  return m as BulkManifest;
}

const publishedOn = (m: BulkManifest): string => {
  const dates = m.publications.map((p) => p.publishedAt).sort();
  return dates.length ? formatTimestamp(dates[dates.length - 1]) : formatTimestamp(m.writtenAt);
};

/** The name a file had in the manifest: downloads of one implementer are saved as `merida-releases.json`. */
function manifestName(file: string, m: BulkManifest): string | undefined {
  const base = path.basename(file);
  return m.files.find((f) => f.name === base || base.endsWith(`-${f.name}`))?.name;
}

/** Each file against the manifest; whether all matched. */
async function verifyFiles(files: string[], m: BulkManifest, io: CliIo): Promise<boolean> {
  let ok = true;
  for (const file of files) {
    if (!fs.existsSync(file)) {
      io.out(`✗ ${file}: no existe ese archivo.`);
      ok = false;
      continue;
    }
    const print = await fingerprintOf(file);
    const same = m.files.find((f) => f.sha256 === print.sha256 && f.bytes === print.bytes);
    if (same) {
      io.out(`✓ ${file}: es exactamente el archivo «${same.name}» que la plataforma publicó (publicación del ${publishedOn(m)}; huella SHA-256 ${print.sha256}).`);
      continue;
    }
    ok = false;
    const name = manifestName(file, m);
    const listed = name === undefined ? undefined : m.files.find((f) => f.name === name);
    io.out(listed
      ? `✗ ${file}: NO es el archivo «${listed.name}» publicado: su huella SHA-256 es ${print.sha256} (${formatCount(print.bytes, 'byte', 'bytes')}) y la publicada es ${listed.sha256} (${formatCount(listed.bytes, 'byte', 'bytes')}). Fue modificado, o es de otra publicación.`
      : `✗ ${file}: no es ninguno de los archivos de estas huellas (su huella SHA-256 es ${print.sha256}). ¿Es de otra publicación, o de otro implementador?`);
  }
  return ok;
}

/** Every chained entry of the public chain of a platform (`base`: its address), page by page. */
async function publicChain(base: string, get: typeof fetch): Promise<{ entries: PublicChainEntry[]; head: number }> {
  const entries: PublicChainEntry[] = [];
  let url: string | undefined = `${base.replace(/\/+$/, '')}/api/audit/chain`;
  let head = 0;
  for (let pages = 0; url && pages < 100_000; pages++) {
    let res: Response;
    try {
      res = await get(url);
    } catch {
      throw new UsageError(`No se pudo consultar ${url}: revise la dirección y su conexión.`);
    }
    if (!res.ok) throw new UsageError(`${url} respondió ${res.status}: ¿es la dirección de una plataforma Infraestructura Abierta (la de su tablero)?`);
    const body = (await res.json()) as { head?: { seq?: number }; entries?: PublicChainEntry[]; links?: { next?: string } };
    if (pages === 0) head = body.head?.seq ?? 0;
    entries.push(...(body.entries ?? []));
    url = body.links?.next;
  }
  return { entries, head };
}

/** Every entry of a store's log, as the chain check reads it, and the head the store noted. */
async function storeChain(store: Store): Promise<{ entries: ChainEntry[]; head: number }> {
  const entries: ChainEntry[] = [];
  let after: string | undefined;
  do {
    const page = await store.listAudit({ after, limit: 1000 });
    for (const e of page.items) entries.push({ at: e.at, seq: e.seq, prev: e.prev, hash: e.hash, content: e });
    after = page.next;
  } while (after !== undefined);
  return { entries, head: (await store.auditChainHead()).seq };
}

const JSONL: Record<string, string> = { releases: 'releases.jsonl', records: 'records.jsonl', projects: 'projects.jsonl' };

/**
 * The manifest's publication in the chain: its entry at the place the manifest names, with the same hash, and sealed
 * (at publication) with the hashes of the .jsonl files the manifest lists. Whether it holds.
 */
function verifyManifestInChain(m: BulkManifest, entries: ChainEntry[], io: CliIo): boolean {
  let ok = true;
  for (const p of m.publications) {
    if (!p.audit) {
      // A set of several publishers names no entry (bulk-manifest.ts); one published before the chain has none.
      if (m.publications.length === 1) io.out(`  La publicación ${p.publicationId} no tiene entrada encadenada en la bitácora: sin huella (publicada antes de que la bitácora se encadenara, el ${formatTimestamp(p.publishedAt)} o antes).`);
      continue;
    }
    const entry = entries.find((e) => e.seq === p.audit?.seq);
    if (!entry || entry.hash !== p.audit.hash) {
      io.out(`✗ La publicación ${p.publicationId} ya no está en la bitácora como estaba: sus huellas la sitúan en la entrada n.º ${p.audit.seq} con huella ${p.audit.hash}, y ${entry ? `esa entrada hoy tiene otra huella (${entry.hash ?? 'ninguna'})` : 'esa entrada ya no existe'}. La bitácora se reescribió.`);
      ok = false;
      continue;
    }
    const digest = entry.content ? entryDigest(entry.content) : entry.digest;
    if (digest === undefined || linkHash(entry.seq as number, entry.prev ?? null, digest) !== entry.hash) {
      io.out(`✗ La publicación ${p.publicationId}: su entrada de la bitácora (n.º ${p.audit.seq}) ya no dice lo que decía el día que se publicó: se editó.`);
      ok = false;
      continue;
    }
    const sealed = (entry.content?.details as { servedSha256?: Record<string, string> } | undefined)?.servedSha256;
    const differing = sealed ? Object.entries(JSONL).filter(([kind, name]) => {
      const listed = m.files.find((f) => f.name === name);
      return listed !== undefined && sealed[kind] !== listed.sha256;
    }).map(([, name]) => name) : [];
    if (differing.length) {
      io.out(`✗ La publicación ${p.publicationId}: ${differing.join(', ')} no ${differing.length === 1 ? 'tiene' : 'tienen'} el contenido sellado en la bitácora el día que se publicó (entrada n.º ${p.audit.seq}).`);
      ok = false;
    } else {
      io.out(`✓ La publicación ${p.publicationId} está en la bitácora (entrada n.º ${p.audit.seq}, ${formatTimestamp(entry.at)})${sealed ? ', sellada con las mismas huellas de su contenido que estos archivos' : ''}.`);
    }
  }
  return ok;
}

export async function verifyCommand(args: ParsedArgs, io: CliIo, deps: VerifyDeps = {}): Promise<number> {
  const manifestFile = stringOption(args, 'huellas');
  const url = stringOption(args, 'url');
  const chain = args.options.bitacora !== undefined || url !== undefined;
  const files = args.positional;
  if (!manifestFile && files.length) throw new UsageError('Para comprobar un archivo descargado indique sus huellas: --huellas huellas.json (descárguelo de /api/bulk/huellas.json el mismo día que los archivos, y guárdelo con ellos).');
  if (!manifestFile && !chain) throw new UsageError('Indique qué comprobar: ARCHIVO… --huellas huellas.json (archivos descargados), --bitacora (la bitácora de esta base de datos) o --bitacora --url https://… (la de una plataforma publicada).');
  const manifest = manifestFile ? readManifest(manifestFile) : undefined;
  let ok = true;
  if (manifest && files.length) ok = (await verifyFiles(files, manifest, io)) && ok;
  if (chain) {
    let read: { entries: ChainEntry[]; head: number };
    if (url) {
      const { entries, head } = await publicChain(url, deps.fetch ?? fetch);
      read = { entries: entries.map((e) => ({ at: e.at, seq: e.seq, prev: e.prev, hash: e.hash, digest: e.digest, ...(e.content ? { content: e.content } : {}) })), head };
    } else {
      if (!deps.openStore) throw new UsageError('Sin --url, --bitacora lee la base de datos de este servidor.');
      const { store, close } = await deps.openStore();
      try { read = await storeChain(store); } finally { await close(); }
    }
    const report = verifyChain(read.entries, read.head);
    for (const line of chainReportLines(report)) io.out(line);
    ok = report.problems.length === 0 && ok;
    if (manifest) ok = verifyManifestInChain(manifest, read.entries, io) && ok;
  } else if (manifest?.publications.some((p) => p.audit)) {
    io.out('  Para comprobar además que la plataforma no reescribió después su historia de publicaciones: añada --bitacora --url con la dirección de la plataforma.');
  }
  return ok ? 0 : 1;
}
