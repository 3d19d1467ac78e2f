/**
 * `compile paquete.json [otro.json …] -o registros.json`: release packages (or JSON arrays of releases) from any OCDS
 * publisher → a record package with the compiled release of each ocid (OCDS 1.1 merging, core/merge), and its
 * versioned release when `--versionadas` asks for it: the versioned release is optional in a record, the larger
 * part, and most of the work (issue 17), so it is not built for people who did not ask for it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildRecord, type Release } from '../../../core/merge';
import { recordPackage } from '../../../core/packages';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { writePackageFile } from './write-package';

async function readReleases(file: string): Promise<{ releases: unknown[]; pkg: PackageLike }> {
  if (!fs.existsSync(file)) throw new UsageError(`No se encontró el archivo «${file}».`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch {
    throw new UsageError(`El archivo «${path.basename(file)}» no es JSON válido.`);
  }
  const pkg = (parsed ?? {}) as PackageLike;
  const releases = Array.isArray(parsed) ? parsed : Array.isArray(pkg.releases) ? pkg.releases : undefined;
  if (!releases) throw new UsageError(`«${path.basename(file)}» no es un paquete de entregas OCDS ni una lista de entregas.`);
  return { releases, pkg };
}

interface PackageLike { releases?: unknown; publisher?: { name?: unknown }; license?: unknown; publicationPolicy?: unknown; extensions?: unknown }

/** One or more release packages (e.g. one per stage) → one record per ocid. */
export async function compileCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const output = stringOption(args, 'salida');
  if (!args.positional.length) throw new UsageError('Indique el paquete de entregas a compilar, por ejemplo: compile paquete.json -o registros.json');
  if (!output) throw new UsageError('Indique el archivo de salida con -o, por ejemplo: -o registros.json');
  const byOcid = new Map<string, Release[]>();
  let skipped = 0;
  let total = 0;
  let pkg: PackageLike = {};
  for (const file of args.positional) {
    const read = await readReleases(file);
    if (!pkg.publisher) pkg = read.pkg;
    for (const r of read.releases) {
      const ocid = (r as { ocid?: unknown } | null)?.ocid;
      if (typeof ocid !== 'string' || !ocid) { skipped++; continue; }
      total++;
      const list = byOcid.get(ocid);
      if (list) list.push(r as Release);
      else byOcid.set(ocid, [r as Release]);
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
  function* records(): Generator<unknown> {
    for (const ocid of ocids) yield buildRecord(ocid, byOcid.get(ocid) as Release[], { versioned, copyReleases: false });
  }
  writePackageFile(output, recordPackage([], meta), 'records', records());
  io.err(`Escrito ${output}: ${ocids.length} registros compilados de ${total} entregas${versioned ? ', con entregas versionadas' : ' (agregue --versionadas para incluir las entregas versionadas)'}.`);
  return 0;
}
