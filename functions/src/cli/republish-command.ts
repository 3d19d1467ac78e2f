/**
 * `publications republish [--publicador ID] [--confirmar] [--nube [--proyecto ID] [--entorno ARCHIVO]]`: after a move
 * to another address (or an upgrade), every current publication that links its releases elsewhere, or was derived by
 * an earlier version, is published again with the same content under the address the server or the functions
 * publish with now (publication/republish.ts), and its bulk files are written. No implementer sends anything. Without
 * --confirmar it only says which and why, and how many documents it would write (in the cloud, Firestore writes).
 */
import { formatCount, formatDateTime, formatList, formatNumber } from '../../../core/format/es-mx';
import { allPublishers, readEach } from '../api/current-publications';
import type { BulkService } from '../publication/bulk-service';
import { rebuildBulk } from '../publication/rebuild-bulk';
import { republish, republishReasonText, republishReasons, type RepublishReason } from '../publication/republish';
import type { Publication, Publisher, Store } from '../store/store';
import { type ParsedArgs, stringOption } from './args';
import { cliAuditDetails } from './cli-audit';
import type { CliIo } from './convert-command';
import { knownPublisher } from './known-publisher';

export interface RepublishOptions {
  /** The address the records will link under, and where it was read (PUBLIC_BASE_URL, the functions' environment file). */
  baseUrl: string;
  baseUrlSource: string;
  cloud: boolean;
  /** Where the bulk files are written (BULK_DIR, or the deployment's bucket). */
  bulk: BulkService;
  now?: () => Date;
}

const contents = (p: Publication): string => `${formatCount(p.counts.releases, 'entrega', 'entregas')}, ${formatCount(p.counts.records, 'registro', 'registros')}, ${formatCount(p.counts.projects, 'proyecto', 'proyectos')}`;

interface Pending { publisher: Publisher; current: Publication; reasons: RepublishReason[] }

export async function republishCommand(args: ParsedArgs, store: Store, io: CliIo, opts: RepublishOptions): Promise<number> {
  const clock = opts.now ?? (() => new Date());
  const publisherId = stringOption(args, 'publicador');
  const nube = opts.cloud ? ' --nube' : '';
  const publishers = publisherId !== undefined ? [await knownPublisher(store, publisherId, nube)] : await allPublishers(store);
  // Several publishers read at once (in the cloud each read is a round trip: a national deployment's thousands, one
  // by one, took minutes), kept in the publishers' order.
  const checked = await readEach(publishers, async (publisher) => {
    const current = await store.getCurrent(publisher.id);
    return current ? { publisher, current, reasons: await republishReasons(store, current, opts.baseUrl) } : undefined;
  });
  const pending: Pending[] = checked.filter((c): c is Pending => c !== undefined && c.reasons.length > 0);
  const upToDate = checked.filter((c) => c !== undefined && !c.reasons.length).length;
  const scope = publisherId !== undefined ? `de «${publisherId}» ` : '';
  if (!pending.length) {
    io.out(upToDate
      ? `${upToDate === 1 ? 'La publicación vigente' : 'Las publicaciones vigentes'} ${scope}ya ${upToDate === 1 ? 'enlaza' : 'enlazan'} sus entregas bajo ${opts.baseUrl} (${opts.baseUrlSource}) y ${upToDate === 1 ? 'está construida' : 'están construidas'} como las construye esta versión: nada que publicar de nuevo.`
      : `No hay publicaciones vigentes ${scope}que publicar de nuevo.`);
    return 0;
  }
  const confirmed = args.options.confirmar === true;
  const verb = confirmed ? (pending.length === 1 ? 'publica' : 'publican') : (pending.length === 1 ? 'publicaría' : 'publicarían');
  io.out(`Se ${verb} de nuevo, con el mismo contenido, bajo ${opts.baseUrl} (${opts.baseUrlSource}):`);
  for (const { publisher, current, reasons } of pending) {
    io.out(`  ${publisher.id} (${publisher.name}): la vigente, ${current.id}, publicada el ${formatDateTime(current.createdAt)} (${contents(current)}): ${formatList(reasons.map((r) => republishReasonText(r, current)))}.`);
  }
  if (upToDate) io.out(`${formatCount(upToDate, 'publicación vigente ya está', 'publicaciones vigentes ya están')} al día: no se ${upToDate === 1 ? 'toca' : 'tocan'}.`);
  const documents = pending.reduce((n, { current: c }) => n + c.counts.releases + c.counts.records + c.counts.projects, 0);
  if (!confirmed) {
    io.out(`Nada se publicó. Para publicar de nuevo ${pending.length === 1 ? 'esa publicación' : `esas ${formatCount(pending.length, 'publicación', 'publicaciones')}`}, repita la orden con --confirmar. `
      + `${pending.length === 1 ? 'Se publica' : 'Cada una se publica'} de nuevo como una publicación nueva con el mismo contenido: las mismas entregas (identificador, fecha y contenido; ninguna nueva), los mismos proyectos y la misma fecha de publicación; `
      + `cambia solo lo que se construye a partir de ellos: los enlaces de registros y proyectos a sus entregas, y lo que el tablero calcula. La anterior queda en el historial (publications list${nube}). `
      + `Se escriben ${formatCount(documents, 'documento', 'documentos')}${opts.cloud ? ' (una escritura de Firestore por documento, docs/deploy.md §11)' : ''}, y después los archivos de descarga.`);
    return 0;
  }
  let done = 0;
  let notDone = 0;
  for (const [n, { publisher, current, reasons }] of pending.entries()) {
    const started = clock().getTime();
    const result = await republish(store, { publisher, current, reasons, baseUrl: opts.baseUrl, actor: 'cli', at: clock().toISOString(), auditDetails: cliAuditDetails() });
    const head = `  ${n + 1}/${pending.length} ${publisher.id}`;
    if (result.status === 'republished') {
      done++;
      io.out(`${head}: publicada de nuevo como ${result.publication.id} (${contents(result.publication)}) en ${formatNumber((clock().getTime() - started) / 1000, 1)} s.`);
    } else if (result.status === 'publishing') {
      notDone++;
      io.err(`${head}: no se publicó de nuevo: tiene un envío aprobado que se está publicando (${result.submissionId}), y esa publicación se construye bajo la dirección con que publica ${opts.cloud ? 'el despliegue' : 'el servidor'}. Repita la orden cuando termine: dice si aún falta algo.`);
    } else {
      notDone++;
      io.err(`${head}: no se publicó de nuevo: mientras tanto se publicó ${result.publication.id}, que es la vigente. Repita la orden: dice si esa también hay que publicarla de nuevo.`);
    }
  }
  // The downloads of what is now current (and of everyone together), as `rebuild-bulk` writes them: in the cloud the
  // first download of a large set would otherwise build it inside its request.
  const bulk = await rebuildBulk({ store, bulk: opts.bulk, progress: io.out, allPublishersFiles: true, ...(publisherId !== undefined ? { publisherId } : {}) });
  const kept = !done ? '' : ` ${done === 1 ? 'La reemplazada queda' : 'Las reemplazadas quedan'} en el historial: «publications prune${nube}» ${done === 1 ? 'la borra pasadas' : 'las borra pasadas'} 24 horas.`;
  io.out(`Listo: ${formatCount(done, 'publicación publicada', 'publicaciones publicadas')} de nuevo bajo ${opts.baseUrl}${upToDate ? `; ${formatCount(upToDate, 'ya estaba', 'ya estaban')} al día` : ''}.${kept}`);
  if (bulk.failed) io.err(`No se escribieron todos los archivos de descarga. Lo publicado está completo: mientras falten, la primera descarga los construye. Corrija la causa y repita «publications rebuild-bulk${nube}»: retoma donde quedó.`);
  return notDone || bulk.failed ? 1 : 0;
}
