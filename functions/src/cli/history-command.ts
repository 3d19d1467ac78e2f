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
import { publishedHistory, type FileFinding } from '../../../core/import/published-releases';
import { releaseLinks, type LinkedDocument } from '../../../core/import/linked-releases';
import { renderMessage } from '../../../core/messages/render';
import { formatCount, formatTimestamp } from '../../../core/format/es-mx';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { readJsonFile } from './read-json';
import { DEFAULT_FETCH_LIMITS, linkedDocuments } from './linked-documents';
import { progressReporter } from './progress';
import { otherLinksBaseUrl } from './cloud-deployment';
import { writeBulkAfterPublication, type BulkAfterPublicationDeps } from '../publication/bulk-after-publication';

/** Warnings listed per file unless --todos: the real files gave up to a few hundred (2–33 per release). */
const SHOWN = 10;

/** --espera: seconds for each linked release's address (30 when not said). */
function waitOption(args: ParsedArgs): number {
  const raw = args.options.espera;
  if (raw === undefined) return DEFAULT_FETCH_LIMITS.timeoutMs;
  const seconds = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`--espera es cuántos segundos esperar cada entrega enlazada: un número mayor que 0 y hasta 600 (se recibió «${raw === true ? '' : raw}»).`);
  return seconds * 1000;
}

const isLinkFinding = (f: FileFinding): boolean => f.finding.code.startsWith('history.link-');

function line(f: FileFinding): string {
  return `${f.file}${f.finding.pointer ? ` ${f.finding.pointer}` : ''}: ${renderMessage(f.finding)}`;
}

/** The cloud deployment (`--nube`): where its configuration was read, and what writes its bulk files. */
export interface HistoryCloud {
  source: string;
  bulk: Omit<BulkAfterPublicationDeps, 'store' | 'log'>;
}

export async function historyCommand(args: ParsedArgs, store: Store, io: CliIo, baseUrl: string, cloud?: HistoryCloud): Promise<number> {
  // Said, not ignored: without --nube the history goes into this computer's base, whatever file was named.
  if (!cloud && args.options.entorno !== undefined) throw new UsageError('--entorno (el archivo de configuración de las funciones) solo se usa con --nube: sin --nube, «history» publica en la base local. No se publicó nada.');
  const publisherId = stringOption(args, 'publicador');
  if (!publisherId) throw new UsageError('Indique el publicador con --publicador <id>: el de la institución que publicó estas entregas.');
  if (!args.positional.length) throw new UsageError('Indique los archivos ya publicados (paquetes de entregas o de registros, o entregas sueltas): infra-abierta history archivo.json [otro.json …] --publicador ID');
  const publisher = await store.getPublisher(publisherId);
  // Registered first: its ocid prefix is what tells its processes from another publisher's.
  if (!publisher) throw new UsageError(`El publicador «${publisherId}» no está registrado${cloud ? ' en el despliegue' : ''}. Regístrelo antes con «infra-abierta publishers add ${publisherId}${cloud ? ' --nube' : ''} --nombre … --entidad … --prefijo-ocid PREFIJO_OCID --prefijo-proyectos PREFIJO_OC4IDS --proyectos N», con el prefijo de sus ocid.`);
  const timeoutMs = waitOption(args);
  const offline = args.options['sin-descargar'] === true;
  const acceptMissing = args.options['aceptar-faltantes'] === true;
  const files = args.positional.map((file) => ({ file: path.basename(file), value: readJsonFile(file, (message) => io.err(`${path.basename(file)}: ${message}`)) }));
  // Records that only link their releases: their documents, from the files given or from their addresses.
  const links = releaseLinks(files);
  let documents: ReadonlyMap<string, LinkedDocument> = new Map();
  if (links.length) {
    const records = new Set(links.map((l) => `${l.file}\u0000${l.recordOcid}`)).size;
    const limits = { ...DEFAULT_FETCH_LIMITS, timeoutMs };
    if (!offline) io.err(`${formatCount(records, 'registro enlaza', 'registros enlazan')} ${formatCount(links.length, 'entrega', 'entregas')} por su dirección, sin su contenido: se ${links.length === 1 ? 'trae' : 'traen'} de los archivos indicados o, si no están, de esas direcciones (${limits.concurrency} a la vez, hasta ${timeoutMs / 1000} ${timeoutMs === 1000 ? 'segundo' : 'segundos'} y ${Math.round(limits.maxBytes / (1024 * 1024))} MB cada una)…`);
    const bar = progressReporter();
    const got = await linkedDocuments(links, files, { offline, limits, progress: (done, total) => bar.update(`Descargando entregas enlazadas: ${done} de ${total}…`) });
    bar.done();
    documents = got.documents;
    if (got.fetched) io.err(`Descargadas ${got.fetched - got.failed} de ${formatCount(got.fetched, 'dirección', 'direcciones')}${got.failed ? `; ${got.failed === 1 ? 'una no se pudo traer' : `${got.failed} no se pudieron traer`} (abajo)` : ''}.`);
  }
  const { releases, findings } = publishedHistory(files, publisher.ocidPrefix, { documents, acceptMissing });
  const errors = findings.filter((f) => f.finding.severity === 'error');
  const skipped = findings.filter((f) => f.finding.severity === 'warning' && isLinkFinding(f));
  const warnings = findings.filter((f) => f.finding.severity === 'warning' && !isLinkFinding(f));
  const all = args.options.todos === true;
  // What was changed (an ocid's prefix in capitals): said before the warnings, whose heading says nothing is.
  for (const f of findings.filter((x) => x.finding.severity === 'info')) io.err(line(f));
  for (const file of new Set(warnings.map((f) => f.file))) {
    const mine = warnings.filter((f) => f.file === file);
    io.err(`${file}: ${formatCount(mine.length, 'advertencia', 'advertencias')}. Las entregas ya publicadas se publican tal como se publicaron (no se corrigen): corrija los datos en el libro, y la entrega nueva de cada proceso los llevará corregidos.`);
    for (const f of all ? mine : mine.slice(0, SHOWN)) io.err(`  ${line(f)}`);
    if (!all && mine.length > SHOWN) io.err(`  … y ${formatCount(mine.length - SHOWN, 'advertencia más', 'advertencias más')} (véalas todas con --todos).`);
  }
  // A record's links fail together (the INAI's 86, its server gone): SHOWN of them, unless --todos.
  const capped = (list: FileFinding[], indent: string): void => {
    for (const f of all ? list : list.slice(0, SHOWN)) io.err(`${indent}${line(f)}`);
    if (!all && list.length > SHOWN) io.err(`${indent}… y ${formatCount(list.length - SHOWN, 'entrega enlazada más', 'entregas enlazadas más')} (véalas todas con --todos).`);
  };
  if (skipped.length) {
    io.err(`Con --aceptar-faltantes, la historia se publica sin ${formatCount(skipped.length, 'entrega enlazada', 'entregas enlazadas')} que no se ${skipped.length === 1 ? 'pudo' : 'pudieron'} traer; el registro de su proceso tendrá solo las demás:`);
    capped(skipped, '  ');
  }
  for (const f of errors.filter((x) => !isLinkFinding(x))) io.err(line(f));
  capped(errors.filter(isLinkFinding), '');
  if (errors.length) {
    io.err(`No se publicó nada: ${formatCount(errors.length, 'entrega no se puede', 'entregas no se pueden')} guardar así. Corrija ${errors.length === 1 ? 'el archivo' : 'los archivos'} o quite ${errors.length === 1 ? 'esa entrega' : 'esas entregas'}, y repita.`);
    // The way on when an old server is gone for good: said only when what failed is a linked release.
    if (errors.some(isLinkFinding)) io.err('Si alguna entrega enlazada ya no se puede obtener (el servidor anterior ya no existe), agregue sus archivos si los tiene, o repita con --aceptar-faltantes para publicar la historia sin ella: el registro de su proceso tendrá solo las entregas que sí se trajeron, y no se podrá agregar después (la historia solo se publica una vez).');
    return 1;
  }
  if (!releases.length) {
    io.err('No se publicó nada: los archivos no traen ninguna entrega completa (solo enlaces o proyectos).');
    return 1;
  }
  if (cloud) {
    const other = await otherLinksBaseUrl(store, baseUrl);
    if (other !== undefined) {
      io.err(`No se publicó nada: las publicaciones vigentes del despliegue enlazan sus entregas bajo ${other}, y PUBLIC_BASE_URL dice ${baseUrl} (${cloud.source}). `
        + 'Las funciones publican con el archivo con el que se desplegaron: si ese archivo cambió después, despliegue las funciones con él (firebase deploy --only functions) y espere a que una publicación de las funciones use la dirección nueva; si no, corrija PUBLIC_BASE_URL en el archivo. Luego repita la orden.');
      return 1;
    }
  }
  // In the cloud, the public downloads: as after an approval (a repeated run writes what an interrupted one left out).
  const bulkFiles = async (publication: Publication): Promise<boolean> => {
    if (!cloud) return true;
    const written = await writeBulkAfterPublication({ ...cloud.bulk, store, log: (m) => io.err(`${m.charAt(0).toUpperCase()}${m.slice(1)}.`) }, publisher, publication);
    if (!written) io.err(`Lo publicado está completo y a la vista en la API; las descargas masivas que faltan se construyen cuando alguien las pide, o repita esta misma orden para escribirlas ahora (no vuelve a publicar nada).`);
    return written;
  };
  const result = await publishHistory(store, { publisher, releases, actor: 'cli', now: new Date().toISOString(), baseUrl, revision: files.map((f) => f.file).join(', ') });
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
