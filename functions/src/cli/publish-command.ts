/**
 * `publish libro.xlsx --publicador X` (local administration): publishes a workbook straight into the local store,
 * through the same pipeline as an approved submission. The publisher is created from the workbook's
 * Configuración sheet the first time. Its bulk files are then written, as the server writes them after an approval.
 */
import * as path from 'path';
import { isStoreError, type Publisher, type Store } from '../store/store';
import { publish } from '../publication/publish';
import { publisherFromWorkbook } from '../publication/publisher-from-workbook';
import { SETTINGS_SHEET } from '../../../core/template/settings';
import { formatCount, formatDate, formatList } from '../../../core/format/es-mx';
import { type ParsedArgs, stringOption, UsageError } from './args';
import { printFindings, type CliIo } from './convert-command';
import { renderReport } from '../../../core/messages/render';
import { openSource } from './open-source';
import { cliAuditDetails } from './cli-audit';
import { droppedProjectSheets } from '../../../core/workflow/change-preview';
import { bulkLeftToDo, writeBulkAfterPublication, type BulkAfterPublicationDeps } from '../publication/bulk-after-publication';
import type { Publication } from '../store/store';

/** Where the server keeps the bulk files (BULK_DIR), and how it writes them after an approval; none: an in-memory base. */
export type PublishBulk = Omit<BulkAfterPublicationDeps, 'store' | 'log'>;

export async function publishCommand(args: ParsedArgs, store: Store, io: CliIo, baseUrl: string, bulk?: PublishBulk): Promise<number> {
  const publisherId = stringOption(args, 'publicador') ?? stringOption(args, 'publisher');
  if (!publisherId || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(publisherId)) throw new UsageError('Indique el publicador con --publicador <id> (minúsculas, números y guiones).');
  const source = openSource(args.positional[0]);
  const workbook = await source.read();
  let publisher = await store.getPublisher(publisherId);
  let created: Publisher | undefined;
  if (!publisher) {
    publisher = created = publisherFromWorkbook(publisherId, workbook, { projects: 0, periodicityDays: 90 });
    if (!publisher.ocidPrefix || !publisher.projectIdPrefix) throw new UsageError(`El publicador «${publisherId}» no existe y la hoja «${SETTINGS_SHEET}» no trae sus prefijos para crearlo. Regístrelo antes con «infra-abierta publishers add ${publisherId} --nombre … --entidad … --prefijo-ocid PREFIJO_OCID --prefijo-proyectos PREFIJO_OC4IDS --proyectos N», o escriba los prefijos en «${SETTINGS_SHEET}».`);
  }
  // What was published before: a changed project is compared with it below (droppedProjects).
  const previous = await store.getCurrent(publisherId);
  // A new publisher is registered only once its workbook passed the checks (publish() asks beforeWrite just before
  // writing): a refused workbook registered it anyway, under a name, state and prefixes typed in a workbook with errors,
  // and the next `publish` with the corrected prefixes found it registered with the wrong ones.
  const register = created && (async (): Promise<void> => { await store.putPublisher(created as Publisher); });
  let result;
  try {
    result = await publish(store as Store, { publisher, workbook, actor: 'cli', now: new Date().toISOString(), baseUrl, reportKept: true, revision: path.basename(args.positional[0] ?? ''), auditDetails: cliAuditDetails(), ...(register ? { beforeWrite: register } : {}) });
  } catch (e) {
    // Another publication of this publisher became current while this one was written (publish.ts: the switch is a
    // compare-and-set): an approval on the server, or another `publish` (a scheduled job). The API's words («Vuelva a
    // cargar la página») said nothing to whoever reads a cron job's log.
    if (!isStoreError(e, 'conflict')) throw e;
    io.err(`No se publicó este libro: mientras se preparaba, otra publicación de «${publisher.name}» quedó vigente (una aprobación en el servidor u otra orden «publish» al mismo tiempo). Lo publicado sigue completo. Ejecute la orden de nuevo: el libro se comparará con la publicación vigente.`);
    return 3;
  }
  // Its commitment is not in the workbook: 0 projects until an administrator registers it, which is said, or
  // Seguimiento showed «0 comprometidos» with nobody having decided it.
  if (created && result.status !== 'refused') io.err(`Publicador «${publisherId}» registrado: ${created.name}. Sin compromiso de proyectos (0): indíquelo con «infra-abierta publishers add ${publisherId} --nombre … --entidad … --prefijo-ocid ${created.ocidPrefix} --prefijo-proyectos ${created.projectIdPrefix} --proyectos N».`);
  // The same report as `validate` (grouped by sheet, a mistake repeated down many rows counted, not listed): every
  // finding on its own line was 10,000 lines for a large workbook, the verdict lost at the end.
  // Avisos are left to `validate`, except where a project's process summary came from another implementer's data
  // (publication/published-elsewhere.ts): the official should know it is that one's, and as of when.
  // Counted all the same, as validate counts them.
  printFindings(result.findings.filter((x) => x.severity !== 'info' || x.code === 'link.otherPublisherSummary'), io.err, args.options.todos === true, (shown, all) => renderReport(shown, all, workbook.sheets.map((s) => s.name)), '', result.findings);
  // The address is written into every record's release links: a server answering elsewhere would serve dead links.
  if (!process.env.PUBLIC_BASE_URL && result.status !== 'refused') io.err(`Los enlaces de los registros apuntan a ${baseUrl}. Si su servidor se consulta en otra dirección, defina PUBLIC_BASE_URL con ella y publique de nuevo (se vuelven a escribir aunque los datos no cambien).`);
  if (result.status === 'refused') { io.err('No se publicó: corrija los errores y vuelva a intentarlo.'); return 1; }
  // The downloads of what is now current, written here as the server writes them after an approval: left to the
  // first download, the first reader of /api/bulk/… after a `publish` waited while the server built every file.
  // Also when unchanged: a run whose files were not all written (a full disk) writes them on the next.
  // Files left unwritten end the command with 1, as `history`, `republish` and `rebuild-bulk` do: a scheduled
  // `publish` that printed the failure but exited 0 left a cron job's mail (or a script's `&&`) saying all was done.
  const bulkFiles = async (publication: Publication): Promise<number> => {
    if (!bulk) return 0;
    const written = await writeBulkAfterPublication({ ...bulk, store, log: (m) => io.err(`${m.charAt(0).toUpperCase()}${m.slice(1)}.`) }, publisher as Publisher, publication);
    if (!written) io.err(bulkLeftToDo(false));
    return written ? 0 : 1;
  };
  if (result.status === 'unchanged') { io.err('Sin cambios: los datos publicados ya son iguales a este libro.'); return bulkFiles(result.publication); }
  // Projects counted too: a workbook that changed only projects read «(0 procesos con cambios)», as if nothing had.
  io.err(`Publicado ${result.publication.id}: ${formatCount(result.publication.counts.releases, 'entrega', 'entregas')}, ${formatCount(result.publication.counts.records, 'registro', 'registros')}, ${formatCount(result.publication.counts.projects, 'proyecto', 'proyectos')} (${formatCount(result.changedProcesses.length, 'proceso con cambios', 'procesos con cambios')}, ${formatCount(result.changedProjects.length, 'proyecto con cambios', 'proyectos con cambios')}).`);
  const kept = result.keptInRecords ?? [];
  if (kept.length) {
    // Deleting a row reads as unpublishing it; OCDS records keep it (core/merge/kept-in-record), as the dashboard does.
    io.err(`En ${formatCount(kept.length, 'proceso', 'procesos')} el libro ya no trae filas o datos que ya se habían publicado: ${firstTen(kept, (k) => `${k.ocid} (${formatList(k.sheets.map((s) => `«${s}»`))})`, 'proceso')}. Siguen publicados: lo publicado no se borra, y el registro de cada proceso y el tablero los siguen mostrando. Para corregir un dato equivocado, cambie su valor en la misma fila en lugar de borrarla; un actor cuyo RFC se corrige queda publicado dos veces, con el RFC anterior y con el nuevo.`);
  }
  const returned = result.returnedToEarlier ?? [];
  if (returned.length) {
    // An older copy of the workbook published again takes back the corrections published since; nothing else says so.
    io.err(`En ${formatCount(returned.length, 'proceso', 'procesos')} el libro vuelve a lo que se había publicado antes: ${firstTen(returned, (r) => `${r.ocid} (como se publicó el ${formatDate(r.publishedAt)})`, 'proceso')}. Lo que se publicó después en ${returned.length === 1 ? 'ese proceso' : 'esos procesos'} quedó deshecho. Si publicó por error una copia anterior del libro, publique de nuevo el libro vigente; si con este deshace una publicación equivocada, no hay nada más que hacer. El historial de cada proceso conserva todas sus publicaciones.`);
  }
  const dropped = previous ? await droppedProjects(store, previous.id, result.publication.id, result.changedProjects) : [];
  if (dropped.length) {
    // Unlike a process (above), a project is published as the workbook states it: deleted rows are no longer published.
    io.err(`En ${formatCount(dropped.length, 'proyecto', 'proyectos')} el libro ya no trae filas o datos que se habían publicado: ${firstTen(dropped, (d) => `${d.id} (${formatList(d.sheets.map((s) => `«${s}»`))})`, 'proyecto')}. Un proyecto se publica como lo trae el libro, así que esos datos ya no se publican. Si los quitó por error, vuelva a escribirlos en su hoja y publique de nuevo.`);
  }
  return bulkFiles(result.publication);
}

/** The first ten of `items` as `show` writes each, «; » between them, then how many more: «…; ocds-b y 3 procesos más». */
function firstTen<T>(items: readonly T[], show: (item: T) => string, noun: 'proceso' | 'proyecto'): string {
  const more = items.length > 10 ? ` y ${formatCount(items.length - 10, `${noun} más`, `${noun}s más`)}` : '';
  return `${items.slice(0, 10).map(show).join('; ')}${more}`;
}

/** The changed projects whose published version had rows or values the new one lacks, by sheet. */
async function droppedProjects(store: Store, before: string, after: string, ids: string[]): Promise<{ id: string; sheets: string[] }[]> {
  const out: { id: string; sheets: string[] }[] = [];
  for (const id of ids) {
    const old = (await store.getProject(before, id))?.project;
    const now = (await store.getProject(after, id))?.project;
    const sheets = old && now ? droppedProjectSheets(old, now) : [];
    if (sheets.length) out.push({ id, sheets });
  }
  return out;
}
