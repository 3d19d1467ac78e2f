/**
 * `compile paquete.json [otro.json …] -o registros.json`: release packages (or JSON arrays of releases, or releases
 * each in its own file) from any OCDS publisher → a record package with the compiled release of each ocid (OCDS 1.1 merging, core/merge), and its
 * versioned release when `--versionadas` asks for it: the versioned release is optional in a record, the larger
 * part, and most of the work (issue 17), so it is not built for people who did not ask for it.
 *
 * Each release is parsed from its own bytes when its record is written, after a first pass that finds them
 * (locate-list.ts; an indented file is read through a window and again piece by piece). What is built for a record
 * dies young: parsing the whole input first kept it all in memory, and on the 2-core target machine growing the
 * heap by it (and collecting it) cost more than parsing twice (issue 17, N = 1,000: 1,080 → 750 CPU ms, 139 → 65
 * MiB; N = 10,000: 555 → 95 MiB).
 *
 * The quick way reads each ocid from the release's bytes in the first pass (compile-ocid.ts) and writes a partial
 * file that replaces the output only once every release was parsed for its record, with the ocid it was grouped
 * by; anything else (a release that is not JSON, an ocid the bytes misled about) discards it and the careful way
 * runs: every release parsed in the first pass, before anything is written, as before.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildRecord, type Release } from '../../../core/merge';
import { recordPackage } from '../../../core/packages';
import { formatCount } from '../../../core/format/es-mx';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { writePackage } from './write-package';
import { checkOutput, writingOutput } from './output-path';
import { NO_URL_NOTICE, packageUri, publishedUrl } from './package-uri';
import { readJsonFile, utf8Text } from './read-json';
import { checkInputFile } from './input-path';
import { locateItems, streamPrettyItems } from './locate-list';
import { ocidInBytes } from './compile-ocid';
import { removeAbandoned } from '../lib/abandoned-by-dead-process';

async function readReleases(file: string, note: (message: string) => void): Promise<{ releases: unknown[]; pkg: PackageLike }> {
  checkInputFile(file);
  // A folder said in Spanish, the bytes decoded at once (Windows-1252 when not UTF-8, said through `note`).
  const parsed = readJsonFile(file, note);
  if (isBareRelease(parsed)) return { releases: [parsed], pkg: bareReleasePackage(parsed) };
  const pkg = (parsed ?? {}) as PackageLike;
  const releases = Array.isArray(parsed) ? parsed : Array.isArray(pkg.releases) ? pkg.releases : undefined;
  if (!releases) throw new UsageError(`«${path.basename(file)}» no es un paquete de entregas OCDS, ni una lista de entregas, ni una entrega.`);
  return { releases, pkg };
}

/**
 * One release published as its own file, outside any package: how Ciudad de México (OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json)
 * and the SHCP (ocds-07smqs-1386-1386.json) publish, and what `import` already reads. Refused, those files could
 * not be compiled at all. A release has its `ocid`; a package its `releases` (or `records`).
 */
function isBareRelease(doc: unknown): doc is Record<string, unknown> {
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) && typeof (doc as { ocid?: unknown }).ocid === 'string'
    && !('releases' in doc) && !('records' in doc);
}

/**
 * The package a bare release came from, as far as it says: datos.gob.mx's API writes it in `packageInfo` (not OCDS;
 * the same place `import` reads it from), else nothing, and the record package says so («Sin nombre de publicador»).
 */
function bareReleasePackage(release: Record<string, unknown>): PackageLike {
  const info = release.packageInfo;
  return info !== null && typeof info === 'object' && !Array.isArray(info) ? info as PackageLike : {};
}

interface PackageLike { releases?: unknown; publisher?: { name?: unknown }; license?: unknown; publicationPolicy?: unknown; extensions?: unknown }

/**
 * The releases of the input files, each as its bytes: release `i` is bytes `starts[i]` to `ends[i]` of source
 * `file[i]`, a file read again when the release is needed (an indented package, read through a window: it never
 * is in memory whole) or the file's bytes (read whole, to be located byte by byte). `ocids[i]` is its `ocid`.
 */
interface LocatedReleases { sources: { fd?: number; bytes?: Buffer }[]; file: number[]; starts: number[]; ends: number[]; ocids: unknown[]; pkg: PackageLike }

/** The window an indented package is read through: small, as first-touched memory is what costs (issue 17). */
const WINDOW_BYTES = 1 << 18;

const ocidIn = (release: unknown): unknown => (release as { ocid?: unknown } | null)?.ocid;

/**
 * The input files located (locate-list.ts), each release parsed once to read its ocid (so every byte is known to
 * be JSON before anything is written), and the envelopes parsed; or `undefined` when a file is not the plain
 * case (missing, unreadable, not JSON, no release list…): the caller then reads them as whole documents, as before.
 */
function locateReleases(files: string[], ocidsFromBytes: boolean): LocatedReleases | undefined {
  const located: LocatedReleases = { sources: [], file: [], starts: [], ends: [], ocids: [], pkg: {} };
  try {
    for (const file of files) {
      const fd = fs.openSync(file, 'r');
      const index = located.sources.push({ fd }) - 1;
      const ocids: unknown[] = [];
      // Parsed only when its ocid cannot be read from its bytes (or that was not asked for).
      const ocidAt = (bytes: Buffer, from: number, to: number): unknown => (ocidsFromBytes ? ocidInBytes(bytes, from, to) : undefined) ?? ocidIn(JSON.parse(utf8Text(bytes, from, to)));
      const streamed = streamPrettyItems(fd, fs.fstatSync(fd).size, 'releases', (window, from, to) => ocids.push(ocidAt(window, from, to)), WINDOW_BYTES);
      let head: string;
      let tail: string;
      let starts: number[];
      let ends: number[];
      if (streamed) ({ head, tail, starts, ends } = streamed);
      else {
        const bytes = fs.readFileSync(fd);
        located.sources[index] = { bytes };
        fs.closeSync(fd);
        const list = locateItems(bytes, 'releases');
        if (!list) throw new Error('no es el caso simple');
        ({ starts, ends } = list);
        ocids.length = 0;
        for (let i = 0; i < starts.length; i++) ocids.push(ocidAt(bytes, starts[i], ends[i]));
        head = utf8Text(bytes, 0, list.open);
        tail = utf8Text(bytes, list.close + 1, bytes.length);
      }
      // The document with its list left empty: parsed, it gives the package's own fields (and checks those bytes).
      const outer = JSON.parse(`${head}[]${tail}`) as unknown;
      const pkg = (outer ?? {}) as PackageLike;
      if (!Array.isArray(outer) && !(Array.isArray(pkg.releases) && pkg.releases.length === 0)) throw new Error('no es el caso simple');
      if (!located.pkg.publisher) located.pkg = pkg;
      for (let i = 0; i < starts.length; i++) {
        located.file.push(index);
        located.starts.push(starts[i]);
        located.ends.push(ends[i]);
        located.ocids.push(ocids[i]);
      }
    }
  } catch {
    closeSources(located);
    return undefined;
  }
  return located;
}

function closeSources(located: LocatedReleases): void {
  for (const source of located.sources) if (source.fd !== undefined) fs.closeSync(source.fd);
  located.sources = [];
}

/** A release's parse gave another ocid than its bytes seemed to (compile-ocid.ts): the careful way is taken. */
class OcidMismatch extends Error {}

/** Releases `indices` parsed from their bytes; runs of releases next to each other in a file are read at once. */
function parseReleases(r: LocatedReleases, indices: number[], scratch: { buf: Buffer }, checkOcids: boolean): Release[] {
  const out: Release[] = [];
  for (let k = 0; k < indices.length;) {
    let j = k;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1 && r.file[indices[j + 1]] === r.file[indices[k]]) j++;
    const source = r.sources[r.file[indices[k]]];
    let bytes = source.bytes;
    let base = 0;
    if (!bytes) {
      base = r.starts[indices[k]];
      const length = r.ends[indices[j]] - base;
      if (scratch.buf.length < length) scratch.buf = Buffer.allocUnsafe(Math.max(length, scratch.buf.length * 2));
      for (let done = 0; done < length;) {
        const got = fs.readSync(source.fd as number, scratch.buf, done, length - done, base + done);
        if (got === 0) throw new Error('el archivo cambió mientras se compilaba');
        done += got;
      }
      bytes = scratch.buf;
    }
    for (let m = k; m <= j; m++) {
      const release = JSON.parse(utf8Text(bytes, r.starts[indices[m]] - base, r.ends[indices[m]] - base)) as Release;
      if (checkOcids && ocidIn(release) !== r.ocids[indices[m]]) throw new OcidMismatch();
      out.push(release);
    }
    k = j + 1;
  }
  return out;
}

/** What a compile wrote, for its closing message. */
interface Written { records: number; total: number; skipped: number }

/**
 * Each ocid's releases as positions in `located`, or the releases themselves when the files were read whole; the
 * records are written to `fd`, in ocid order. `checkOcids`: the ocids were read from the releases' bytes
 * (compile-ocid.ts), each release's parse must give the same one (else OcidMismatch).
 */
function writeRecords(fd: number, uri: string, input: LocatedReleases | ReadReleases, versioned: boolean, checkOcids: boolean): Written {
  const byOcid = new Map<string, (Release | number)[]>();
  let skipped = 0;
  let total = 0;
  const add = (ocid: unknown, release: Release | number): void => {
    if (typeof ocid !== 'string' || !ocid) { skipped++; return; }
    total++;
    const list = byOcid.get(ocid);
    if (list) list.push(release);
    else byOcid.set(ocid, [release]);
  };
  const located = 'ocids' in input ? input : undefined;
  if (located) for (let i = 0; i < located.ocids.length; i++) add(located.ocids[i], i);
  else for (const r of (input as ReadReleases).releases) add(ocidIn(r), r as Release);
  const pkg = input.pkg;
  const ocids = [...byOcid.keys()].sort((a, b) => (a < b ? -1 : 1));
  const meta = {
    uri,
    publishedDate: new Date().toISOString(),
    publisher: { name: typeof pkg.publisher?.name === 'string' ? pkg.publisher.name : 'Sin nombre de publicador' },
    ...(typeof pkg.license === 'string' ? { license: pkg.license } : {}),
    ...(typeof pkg.publicationPolicy === 'string' ? { publicationPolicy: pkg.publicationPolicy } : {}),
    ...(Array.isArray(pkg.extensions) ? { extensions: pkg.extensions as string[] } : {}),
  };
  // Each record is built as it is written: the releases it embeds are written at once and not copied (copyReleases).
  const scratch = { buf: Buffer.allocUnsafe(1 << 16) };
  const releasesOf = (list: (Release | number)[]): Release[] => (located ? parseReleases(located, list as number[], scratch, checkOcids) : list as Release[]);
  function* records(): Generator<unknown> {
    for (const ocid of ocids) yield buildRecord(ocid, releasesOf(byOcid.get(ocid) as (Release | number)[]), { versioned, copyReleases: false });
  }
  writePackage(fd, recordPackage([], meta), 'records', records());
  return { records: ocids.length, total, skipped };
}

/** The input as whole documents, read when a file is not the plain case (and for the usual error messages). */
interface ReadReleases { releases: unknown[]; pkg: PackageLike }

async function readWhole(files: string[], note: (message: string) => void): Promise<ReadReleases> {
  const all: ReadReleases = { releases: [], pkg: {} };
  for (const file of files) {
    const read = await readReleases(file, note);
    if (!all.pkg.publisher) all.pkg = read.pkg;
    for (const r of read.releases) all.releases.push(r);
  }
  return all;
}

/**
 * Where a compile that reads ocids from bytes writes first: the output's name with `.parcial-<pid>`, renamed over
 * the output once every release has been parsed, so a release that is not JSON still leaves no output (nor
 * harms an earlier one). Only for an output that does not exist yet or that a rename replaces unnoticed: a plain
 * file with one name, owned by whoever runs the command. Anything else — a symbolic or hard link (the rename would
 * cut it), a file of another owner (the new one would be ours), a device or a pipe — is written in place, after
 * the releases were checked first, as before.
 */
function partialFor(output: string): { file: string; mode?: number } | undefined {
  const file = `${output}.parcial-${process.pid}`;
  try {
    const st = fs.lstatSync(output);
    const ours = typeof process.getuid !== 'function' || st.uid === process.getuid();
    return st.isFile() && st.nlink === 1 && ours ? { file, mode: st.mode & 0o7777 } : undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { file } : undefined;
  }
}

/**
 * Partial files of this output left by a compile that was killed while writing (Ctrl-C, SIGKILL: a synchronous
 * write gives no handler the chance to remove its file): removed when their process is gone.
 */
function removeAbandonedPartials(output: string): void {
  removeAbandoned(path.dirname(path.resolve(output)), `${path.basename(output)}.parcial-`, /^(\d+)$/);
}

/** Compiles through a partial file; `undefined` when anything went wrong (nothing is left behind then). */
function compileThroughPartial(partial: { file: string; mode?: number }, output: string, uri: string, located: LocatedReleases, versioned: boolean): Written | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(partial.file, 'wx');
    // An output that existed keeps its permissions, as when it was written in place.
    if (partial.mode !== undefined) fs.fchmodSync(fd, partial.mode);
    const written = writeRecords(fd, uri, located, versioned, true);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(partial.file, output);
    return written;
  } catch {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(partial.file, { force: true });
    return undefined;
  }
}

/** «Se omitió 1 entrega sin «ocid».» / «Se omitieron 3 entregas…»: releases without an ocid cannot be compiled. */
function skippedText(n: number): string {
  return `${n === 1 ? 'Se omitió' : 'Se omitieron'} ${formatCount(n, 'entrega', 'entregas')} sin «ocid».`;
}

/** One or more release packages (e.g. one per stage) → one record per ocid. */
export async function compileCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const output = stringOption(args, 'salida');
  if (!args.positional.length) throw new UsageError('Indique el paquete de entregas a compilar, por ejemplo: compile paquete.json -o registros.json');
  if (!output) throw new UsageError('Indique el archivo de salida con -o, por ejemplo: -o registros.json');
  checkOutput(output, args.positional);
  const url = publishedUrl(args);
  const uri = packageUri(output, url);
  const files = args.positional;
  const versioned = args.options.versionadas === true;
  removeAbandonedPartials(output);
  const partial = partialFor(output);
  let written: Written | undefined;
  // The quick way: ocids read from the releases' bytes, each release parsed once, for its record.
  const quick = partial ? locateReleases(files, true) : undefined;
  if (partial && quick) {
    try {
      written = compileThroughPartial(partial, output, uri, quick, versioned);
    } finally {
      closeSources(quick);
    }
    if (written?.skipped) io.err(skippedText(written.skipped));
  }
  // The careful way (and the quick one's fallback): every release parsed before anything is written.
  if (!written) {
    const located = quick === undefined && partial ? undefined : locateReleases(files, false);
    const input = located ?? await readWhole(files, io.err);
    const skipped = (located ? located.ocids : (input as ReadReleases).releases.map(ocidIn)).filter((o) => typeof o !== 'string' || !o).length;
    if (skipped) io.err(skippedText(skipped));
    try {
      // A compile that fails while writing (data nested too deep for the merge) left an empty or cut output.
      const created = !fs.existsSync(output);
      // An output open in Excel or another program (locked on Windows), or one its user may not change: said as template,
      // import and convert say it (output-path.ts), not «Error inesperado: EPERM». The partial file's rename failed first.
      const fd = await writingOutput(output, () => fs.openSync(output, 'w'));
      try {
        written = writeRecords(fd, uri, input, versioned, false);
      } catch (e) {
        fs.closeSync(fd);
        if (created) fs.rmSync(output, { force: true });
        throw e;
      }
      fs.closeSync(fd);
    } finally {
      if (located) closeSources(located);
    }
  }
  if (!url) io.err(NO_URL_NOTICE);
  io.err(`Escrito ${output}: ${formatCount(written.records, 'registro compilado', 'registros compilados')} de ${formatCount(written.total, 'entrega', 'entregas')}${versioned ? ', con entregas versionadas' : ' (agregue --versionadas para incluir las entregas versionadas)'}.`);
  return 0;
}
