/**
 * `history archivo.json [otro.json …] --publicador ID` (local administration): an implementer moving here from its
 * own server brings the releases it already published — ids, dates, tags and content as published — as its first
 * publication (publish.ts, publishHistory), each process's record compiled from them. Its workbook (from `import`)
 * is published after, and each process changed there gets one new release on top of that history.
 * What is checked, and why so little: core/import/published-releases.ts. Records that link their releases by address
 * (Nuevo León, the INAI, Jalisco) bring them from there (linked-documents.ts), or from the files given that are
 * those documents; when any cannot be had, nothing is published unless --aceptar-faltantes says to go without it.
 * With `--nube` it publishes to the deployment's Firestore under the deployment's own public address
 * (cloud-deployment.ts), then writes the bulk files as the publication task does after an approval.
 */
import * as path from 'path';
import type { Publication, Store } from '../store/store';
import { publishHistory } from '../publication/publish';
import { historyWarningsShown, publishedHistory, type FileFinding } from '../../../core/import/published-releases';
import { releaseLinks } from '../../../core/import/linked-releases';
import { statedTerms } from '../../../core/import/settings-from-packages';
import { declaredExtensions } from '../../../core/packages/imported-extensions';
import { formatCount, formatTimestamp } from '../../../core/format/es-mx';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { readJsonFile } from './read-json';
import { bringLinkedReleases, fileFindingLine as line, isLinkFinding as isLink, linkOptions, missingLinksHint, reportLinkFindings } from './linked-releases-step';
import { otherLinksBaseUrl } from './cloud-deployment';
import { bulkLeftToDo, writeBulkAfterPublication, type BulkAfterPublicationDeps } from '../publication/bulk-after-publication';
import { cliAuditDetails } from './cli-audit';

/**
 * Said after a deliberate change of PUBLIC_BASE_URL (a domain of its own), once the functions were deployed with it:
 * the current publications still link under the old address until the functions publish again, and the command
 * cannot tell that change from an environment file edited but never deployed, so the operator says which it is.
 */
export const ACCEPT_NEW_ADDRESS = 'aceptar-direccion-nueva';

/** Warnings listed per file unless --todos: the real files gave up to a few hundred (2–33 per release). */
const SHOWN = 10;

const isLinkFinding = (f: FileFinding): boolean => isLink(f.finding);

/** The cloud deployment (`--nube`): where its configuration was read, and what writes its bulk files. */
export interface HistoryCloud {
  source: string;
  bulk: Omit<BulkAfterPublicationDeps, 'store' | 'log'>;
}

/**
 * The options of `--nube` alone, said and not ignored without it: the history would go into this computer's base,
 * whatever file or address was meant. Checked before the local base is opened (main.ts).
 */
export function refuseCloudOnlyOptions(args: ParsedArgs): void {
  if (args.options.entorno !== undefined) throw new UsageError('--entorno (el archivo de configuración de las funciones) solo se usa con --nube: sin --nube, «history» publica en la base local. No se publicó nada.');
  if (args.options[ACCEPT_NEW_ADDRESS] !== undefined) throw new UsageError(`--${ACCEPT_NEW_ADDRESS} solo se usa con --nube: sin --nube, «history» publica en la base local con la dirección de este servidor. No se publicó nada.`);
}

/**
 * What to do when no release came whole (`left`: linked ones left out with --aceptar-faltantes; `offline`:
 * --sin-descargar). «No se publicó nada» alone was a dead end: the linked releases can still be brought (with the
 * network, or their files), and if they cannot, there is no history to keep — the workbook `import` writes from the
 * same files publishes each process's state (README, «Traer lo ya publicado», steps 1, 2 and 4).
 */
function nothingCompleteHint(left: number, offline: boolean): string {
  const bring = left === 0 ? ''
    : ` ${left === 1 ? 'La entrega enlazada no se trajo' : `Las ${formatCount(left, 'entrega enlazada', 'entregas enlazadas')} no se trajeron`}: `
      + (offline ? 'con --sin-descargar solo se buscan entre los archivos indicados. Repita la orden sin --sin-descargar, con conexión, para descargarlas de sus direcciones, o agregue sus archivos (con el nombre del final de su dirección).'
        : 'agregue sus archivos si los tiene (con el nombre del final de su dirección), o repita la orden cuando su servidor responda.');
  return `${bring} Si ya no se pueden obtener, no hay historia que publicar: escriba el libro con «infra-abierta import» y estos mismos archivos, revíselo con «infra-abierta validate» y publíquelo como cualquier libro; cada proceso empezará aquí con una entrega nueva, y sus entregas anteriores seguirán donde se publicaron.`;
}

/**
 * `local`: without `--nube`, where the server keeps its bulk files (BULK_DIR), written as after an approval — left
 * to the first download, its reader waited while the server built them.
 */
export async function historyCommand(args: ParsedArgs, store: Store, io: CliIo, baseUrl: string, cloud?: HistoryCloud, local?: HistoryCloud['bulk']): Promise<number> {
  if (!cloud) refuseCloudOnlyOptions(args);
  if (args.options[ACCEPT_NEW_ADDRESS] !== undefined && args.options[ACCEPT_NEW_ADDRESS] !== true) throw new UsageError(`--${ACCEPT_NEW_ADDRESS} no lleva valor: la dirección nueva es la PUBLIC_BASE_URL del archivo de configuración de las funciones. No se publicó nada.`);
  const publisherId = stringOption(args, 'publicador');
  if (!publisherId) throw new UsageError('Indique el publicador con --publicador <id>: el de la institución que publicó estas entregas.');
  if (!args.positional.length) throw new UsageError('Indique los archivos ya publicados (paquetes de entregas o de registros, o entregas sueltas): infra-abierta history archivo.json [otro.json …] --publicador ID');
  const publisher = await store.getPublisher(publisherId);
  // Registered first: its ocid prefix is what tells its processes from another publisher's.
  if (!publisher) throw new UsageError(`El publicador «${publisherId}» no está registrado${cloud ? ' en el despliegue' : ''}. Regístrelo antes con «infra-abierta publishers add ${publisherId}${cloud ? ' --nube' : ''} --nombre … --entidad … --prefijo-ocid PREFIJO_OCID --prefijo-proyectos PREFIJO_OC4IDS --proyectos N», con el prefijo de sus ocid.`);
  const options = linkOptions(args);
  const files = args.positional.map((file) => ({ file: path.basename(file), value: readJsonFile(file, (message) => io.err(`${path.basename(file)}: ${message}`)) }));
  // Records that only link their releases: their documents, from the files given or from their addresses.
  const documents = await bringLinkedReleases(releaseLinks(files), files, options, io);
  const { releases, findings } = publishedHistory(files, publisher.ocidPrefix, { documents, acceptMissing: options.acceptMissing });
  const errors = findings.filter((f) => f.finding.severity === 'error');
  const warnings = findings.filter((f) => f.finding.severity === 'warning' && !isLinkFinding(f));
  const all = args.options.todos === true;
  // What was changed (an ocid's prefix in capitals): said before the warnings, whose heading says nothing is.
  for (const f of findings.filter((x) => x.finding.severity === 'info')) io.err(line(f));
  for (const file of new Set(warnings.map((f) => f.file))) {
    const mine = warnings.filter((f) => f.file === file);
    io.err(`${file}: ${formatCount(mine.length, 'advertencia', 'advertencias')}. Las entregas ya publicadas se publican tal como se publicaron (no se corrigen): corrija los datos en el libro, y la entrega nueva de cada proceso los llevará corregidos.`);
    // An id with look-alike letters, a link that is not a web link, a compiled release: listed first, never cut.
    const { shown, left } = all ? { shown: mine, left: 0 } : historyWarningsShown(mine, SHOWN);
    for (const f of shown) io.err(`  ${line(f)}`);
    if (left > 0) io.err(`  … y ${formatCount(left, 'advertencia más', 'advertencias más')} (véalas todas con --todos).`);
  }
  // The linked releases left out (--aceptar-faltantes), the other errors, then the linked ones that stop it.
  reportLinkFindings(findings.filter((f) => f.finding.severity === 'warning'), io, 'history', all);
  for (const f of errors.filter((x) => !isLinkFinding(x))) io.err(line(f));
  reportLinkFindings(errors, io, 'history', all);
  if (errors.length) {
    io.err(`No se publicó nada: ${formatCount(errors.length, 'entrega no se puede', 'entregas no se pueden')} guardar así. Corrija ${errors.length === 1 ? 'el archivo' : 'los archivos'} o quite ${errors.length === 1 ? 'esa entrega' : 'esas entregas'}, y repita.`);
    // The way on when an old server is gone for good: said only when what failed is a linked release.
    if (errors.some(isLinkFinding)) io.err(missingLinksHint('history'));
    return 1;
  }
  if (!releases.length) {
    io.err(`No se publicó nada: los archivos no traen ninguna entrega completa (solo enlaces o proyectos).${nothingCompleteHint(findings.filter((f) => f.finding.severity === 'warning' && isLinkFinding(f)).length, options.offline)}`);
    return 1;
  }
  if (cloud) {
    const other = await otherLinksBaseUrl(store, baseUrl);
    if (other !== undefined && args.options[ACCEPT_NEW_ADDRESS] !== true) {
      io.err(`No se publicó nada: las publicaciones vigentes del despliegue enlazan sus entregas bajo ${other}, y PUBLIC_BASE_URL dice ${baseUrl} (${cloud.source}). `
        + `Si cambió la dirección a propósito (un dominio propio) y ya desplegó las funciones con ese archivo (firebase deploy --only functions), repita la orden con --${ACCEPT_NEW_ADDRESS}: la historia se publica bajo ${baseUrl}. `
        + 'Si no, corrija PUBLIC_BASE_URL en el archivo, o indique con --entorno el archivo con el que se desplegaron las funciones, y repita la orden.');
      return 1;
    }
    // The operator says the deployed functions already publish under the new address: the other publishers' records
    // still link under the old one until their next publication, which rebuilds them (publish.ts, `derivation`).
    if (other !== undefined) io.err(`Con --${ACCEPT_NEW_ADDRESS}, la historia se publica bajo ${baseUrl} (${cloud.source}). Las publicaciones vigentes de los demás implementadores siguen enlazando sus entregas bajo ${other} hasta su siguiente publicación, que rehace sus registros con la dirección nueva, o hasta que «infra-abierta publications republish --nube --confirmar» las publique de nuevo, sin cambiar sus datos, bajo ${baseUrl}.`);
  }
  // The public downloads: as after an approval (a repeated run writes what an interrupted one left out).
  const bulkFiles = async (publication: Publication): Promise<boolean> => {
    const bulk = cloud?.bulk ?? local;
    if (!bulk) return true;
    const written = await writeBulkAfterPublication({ ...bulk, store, log: (m) => io.err(`${m.charAt(0).toUpperCase()}${m.slice(1)}.`) }, publisher, publication);
    if (!written) io.err(bulkLeftToDo(cloud !== undefined));
    return written;
  };
  // The licence and policy the packages stated: served with the releases while the registry names none (a publisher
  // registered without --licencia published Nuevo León's history, CC BY in its own packages, with no licence at all).
  const declared = statedTerms(files.map((f) => f.value));
  // The extensions their packages declared (and those of the linked documents brought): served with them, since
  // their fields are described there (core/packages/imported-extensions.ts).
  const linked = [...documents.values()].flatMap((d) => ('value' in d ? [d.value] : []));
  const extensions = declaredExtensions([...files.map((f) => f.value), ...linked]);
  const result = await publishHistory(store, { publisher, releases, actor: 'cli', now: new Date().toISOString(), baseUrl, revision: files.map((f) => f.file).join(', '), auditDetails: cliAuditDetails(), declared, extensions });
  if (result.status === 'refused') {
    io.err(`No se publicó nada: «${publisherId}» ya tiene datos publicados (la publicación vigente es ${result.current.id}, del ${formatTimestamp(result.current.createdAt)}). La historia solo se puede publicar primero, antes de cualquier libro: lo ya publicado no se reemplaza a medias, y estas entregas quedarían después de las que las siguen. Sus entregas anteriores siguen en las direcciones donde se publicaron.`);
    return 1;
  }
  if (result.status === 'unchanged') {
    io.err(`Sin cambios: esta historia ya está publicada (${result.publication.id}).`);
    return (await bulkFiles(result.publication)) ? 0 : 1;
  }
  const next = cloud
    ? 'Ahora envíe su libro a revisión: al aprobarlo, cada proceso'
    : `Ahora publique su libro («infra-abierta publish libro.xlsx --publicador ${publisherId}»): cada proceso`;
  io.err(`Publicada la historia de «${publisherId}» (${result.publication.id}): ${formatCount(result.publication.counts.releases, 'entrega', 'entregas')} de ${formatCount(result.processes, 'proceso', 'procesos')}, con sus identificadores y fechas. ${next} que traiga con cambios tendrá una entrega nueva después de estas; uno igual a su última entrega no tendrá ninguna.`);
  return (await bulkFiles(result.publication)) ? 0 : 1;
}
