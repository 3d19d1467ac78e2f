/**
 * `compile paquete.json [otro.json …] -o registros.json`: release packages (or JSON arrays of releases) from any OCDS
 * publisher → a record package with the compiled release of each ocid (OCDS 1.1 merging, core/merge), and its
 * versioned release when `--versionadas` asks for it: the versioned release is optional in a record, the larger
 * part, and most of the work (issue 17), so it is not built for people who did not ask for it.
 *
 * Each release is parsed from its own bytes when its record is written (after a first pass that only reads each
 * one's ocid), so what is built for a record dies young: parsing the whole input first kept it all in memory, and
 * on the 2-core target machine growing the heap by it (and collecting it) cost more than parsing it twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildRecord, type Release } from '../../../core/merge';
import { recordPackage } from '../../../core/packages';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { writePackageFile } from './write-package';
import { locateItems } from './locate-list';

async function readReleases(file: string): Promise<{ releases: unknown[]; pkg: PackageLike }> {
  if (!fs.existsSync(file)) throw new UsageError(`No se encontró el archivo «${file}».`);
  let parsed: unknown;
  try {
    // Read as bytes and decoded at once: `readFile(file, 'utf8')` decodes chunk by chunk, several times slower.
    parsed = JSON.parse((await fs.promises.readFile(file)).toString('utf8'));
  } catch {
    throw new UsageError(`El archivo «${path.basename(file)}» no es JSON válido.`);
  }
  const pkg = (parsed ?? {}) as PackageLike;
  const releases = Array.isArray(parsed) ? parsed : Array.isArray(pkg.releases) ? pkg.releases : undefined;
  if (!releases) throw new UsageError(`«${path.basename(file)}» no es un paquete de entregas OCDS ni una lista de entregas.`);
  return { releases, pkg };
}

interface PackageLike { releases?: unknown; publisher?: { name?: unknown }; license?: unknown; publicationPolicy?: unknown; extensions?: unknown }

/** The releases of the input files, each as its bytes: release `i` is `texts[file[i]]` from `starts[i]` to `ends[i]`. */
interface LocatedReleases { texts: Buffer[]; file: number[]; starts: number[]; ends: number[]; pkg: PackageLike }

/**
 * The input files located (locate-list.ts) and their envelopes parsed, or `undefined` when one is not the plain case
 * (missing, unreadable, not JSON, no release list…): the caller then reads them as whole documents, as before.
 */
function locateReleases(files: string[]): LocatedReleases | undefined {
  const located: LocatedReleases = { texts: [], file: [], starts: [], ends: [], pkg: {} };
  try {
    for (const file of files) {
      const text = fs.readFileSync(file);
      const list = locateItems(text, 'releases');
      if (!list) return undefined;
      // The document with its list left empty: parsed, it gives the package's own fields (and checks those bytes).
      const outer = JSON.parse(`${text.toString('utf8', 0, list.open)}[]${text.toString('utf8', list.close + 1)}`) as unknown;
      const pkg = (outer ?? {}) as PackageLike;
      if (!Array.isArray(outer) && !(Array.isArray(pkg.releases) && pkg.releases.length === 0)) return undefined;
      if (!located.pkg.publisher) located.pkg = pkg;
      const index = located.texts.push(text) - 1;
      for (let i = 0; i < list.starts.length; i++) {
        located.file.push(index);
        located.starts.push(list.starts[i]);
        located.ends.push(list.ends[i]);
      }
    }
  } catch {
    return undefined;
  }
  return located;
}

const releaseAt = (r: LocatedReleases, i: number): unknown => JSON.parse(r.texts[r.file[i]].toString('utf8', r.starts[i], r.ends[i]));

/** One or more release packages (e.g. one per stage) → one record per ocid. */
export async function compileCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const output = stringOption(args, 'salida');
  if (!args.positional.length) throw new UsageError('Indique el paquete de entregas a compilar, por ejemplo: compile paquete.json -o registros.json');
  if (!output) throw new UsageError('Indique el archivo de salida con -o, por ejemplo: -o registros.json');
  // Each ocid's releases: positions in `located` (every release was parsed once to read its ocid, so every byte
  // is known to be JSON before anything is written), or the releases themselves when the files were read whole.
  const byOcid = new Map<string, (Release | number)[]>();
  let skipped = 0;
  let total = 0;
  let pkg: PackageLike = {};
  const add = (ocid: unknown, release: Release | number): void => {
    if (typeof ocid !== 'string' || !ocid) { skipped++; return; }
    total++;
    const list = byOcid.get(ocid);
    if (list) list.push(release);
    else byOcid.set(ocid, [release]);
  };
  let located = locateReleases(args.positional);
  if (located) {
    try {
      for (let i = 0; i < located.starts.length; i++) add((releaseAt(located, i) as { ocid?: unknown } | null)?.ocid, i);
      pkg = located.pkg;
    } catch {
      byOcid.clear();
      skipped = total = 0;
      located = undefined;
    }
  }
  if (!located) {
    for (const file of args.positional) {
      const read = await readReleases(file);
      if (!pkg.publisher) pkg = read.pkg;
      for (const r of read.releases) add((r as { ocid?: unknown } | null)?.ocid, r as Release);
    }
  }
  if (skipped) io.err(`Se omitieron ${skipped} entregas sin «ocid».`);
  const versioned = args.options.versionadas === true;
  const ocids = [...byOcid.keys()].sort((a, b) => (a < b ? -1 : 1));
  const meta = {
    uri: `file://${path.resolve(output)}`,
    publishedDate: new Date().toISOString(),
    publisher: { name: typeof pkg.publisher?.name === 'string' ? pkg.publisher.name : 'Sin nombre de publicador' },
    ...(typeof pkg.license === 'string' ? { license: pkg.license } : {}),
    ...(typeof pkg.publicationPolicy === 'string' ? { publicationPolicy: pkg.publicationPolicy } : {}),
    ...(Array.isArray(pkg.extensions) ? { extensions: pkg.extensions as string[] } : {}),
  };
  // Each record is built as it is written: the releases it embeds are written at once and not copied (copyReleases).
  const from = located;
  const release = (r: Release | number): Release => (typeof r === 'number' ? releaseAt(from as LocatedReleases, r) as Release : r);
  function* records(): Generator<unknown> {
    for (const ocid of ocids) yield buildRecord(ocid, (byOcid.get(ocid) as (Release | number)[]).map(release), { versioned, copyReleases: false });
  }
  writePackageFile(output, recordPackage([], meta), 'records', records());
  io.err(`Escrito ${output}: ${ocids.length} registros compilados de ${total} entregas${versioned ? ', con entregas versionadas' : ' (agregue --versionadas para incluir las entregas versionadas)'}.`);
  return 0;
}
