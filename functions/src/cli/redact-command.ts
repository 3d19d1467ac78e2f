/**
 * `publications redact --publicador ID (--texto "…" | --textos archivo.txt) --motivo "…" [--confirmar] [--nube …]`:
 * the personal-data officer's removal of texts (a CURP, a personal telephone, a home address) typed into free text and
 * published, from every release already published, the records, the projects, the bulk files and the dashboard
 * (publication/redact.ts), then the bulk files written again. Without --confirmar it only says where each text is.
 * The texts go better in a file (one a line) than on the command line: the shell's history keeps what is typed.
 */
import * as fs from 'fs';
import { formatCount, formatDate, formatDateTime, formatList, mexicoCityDay } from '../../../core/format/es-mx';
import { MIN_REDACTED_LENGTH, REDACTED, textMatchers, type TextMatchers } from '../../../core/privacy/redact-texts';
import { STATUS_LABELS } from '../../../core/workflow/contract';
import type { BulkService } from '../publication/bulk-service';
import { rebuildBulk } from '../publication/rebuild-bulk';
import { planRedaction, redact, redactSubmissionQuotes, submissionsHolding, type RedactedPlace, type SubmissionHolding } from '../publication/redact';
import type { Store } from '../store/store';
import { type ParsedArgs, stringOption, UsageError } from './args';
import { cliAudit, cliAuditDetails } from './cli-audit';
import type { CliIo } from './convert-command';
import { checkReadable, fileNotFound } from './input-path';
import { knownPublisher } from './known-publisher';

export interface RedactOptions {
  baseUrl: string;
  cloud: boolean;
  bulk: BulkService;
  now?: () => Date;
}

const USAGE = 'Uso: infra-abierta publications redact --publicador ID --textos archivo.txt (un texto por línea) o --texto "…" --motivo "folio de la solicitud" [--confirmar]';

/** A text named by its number and first characters: the output is read over shoulders and pasted into tickets. */
const shown = (text: string, n: number): string => `texto ${n + 1} («${text.slice(0, 4)}…», ${text.length} caracteres)`;

function textsOf(args: ParsedArgs): string[] {
  const file = stringOption(args, 'textos');
  const one = stringOption(args, 'texto');
  if (file === undefined && one === undefined) throw new UsageError(`Indique qué textos suprimir. ${USAGE}`);
  const texts: string[] = [];
  if (file !== undefined) {
    checkReadable(file);
    if (!fs.existsSync(file)) throw new UsageError(`${fileNotFound(file)} (--textos)`);
    texts.push(...fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/));
  }
  if (one !== undefined) texts.push(one);
  const kept = [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
  if (!kept.length) throw new UsageError(`No hay textos que suprimir${file !== undefined ? ` en «${file}»` : ''}. ${USAGE}`);
  const short = kept.findIndex((t) => t.length < MIN_REDACTED_LENGTH);
  if (short >= 0) {
    throw new UsageError(`El ${shown(kept[short], short)} es muy corto: se suprimiría dentro de otras palabras y cifras. Escriba cada dato completo (la CURP, el teléfono, la calle y el número), de al menos ${MIN_REDACTED_LENGTH} caracteres. No se cambió nada.`);
  }
  return kept;
}

const DAY_MS = 24 * 3600 * 1000;

const where = (p: RedactedPlace): string => p.pointers.join(', ');

/**
 * What the review flow holds of the texts (redact.ts submissionsHolding): the submissions that quote them — rewritten
 * when `confirmed` — and those still open whose workbook holds them, which only their coordinator or officials can
 * clear (approved, they would publish the texts again).
 */
async function tellSubmissions(store: Store, io: CliIo, holding: SubmissionHolding, matchers: TextMatchers, confirmed: boolean): Promise<void> {
  if (holding.quoting.length) {
    const ids = formatList(holding.quoting.length > 10 ? [...holding.quoting.slice(0, 10), formatCount(holding.quoting.length - 10, 'más', 'más')] : holding.quoting);
    if (confirmed) {
      const n = await redactSubmissionQuotes(store, holding.quoting, matchers);
      io.out(`También se suprimieron de las advertencias y comentarios de ${formatCount(n, 'envío', 'envíos')} (${ids}), que sus páginas muestran a la coordinación y al implementador.`);
    } else io.out(`  ${formatCount(holding.quoting.length, 'envío los cita', 'envíos los citan')} en sus advertencias o comentarios (${ids}): con --confirmar también se suprimen ahí.`);
  }
  for (const s of holding.open) {
    io.out(`Aviso: el envío ${s.id} («${STATUS_LABELS[s.status]}») tiene esos textos en el libro enviado: su página los muestra en la vista previa y, si se aprueba, se vuelven a publicar. Pida a la coordinación que lo devuelva para que se corrija y se envíe de nuevo, o que el implementador lo retire; la copia se borra con «publications prune» cuando ya no la usa ningún envío abierto.`);
  }
}

export async function redactCommand(args: ParsedArgs, store: Store, io: CliIo, opts: RedactOptions): Promise<number> {
  const clock = opts.now ?? (() => new Date());
  const nube = opts.cloud ? ' --nube' : '';
  const publisherId = stringOption(args, 'publicador');
  if (publisherId === undefined) throw new UsageError(`Indique con --publicador de qué implementador. ${USAGE}`);
  const texts = textsOf(args);
  const reason = stringOption(args, 'motivo')?.trim();
  if (!reason) throw new UsageError(`Indique con --motivo por qué (el folio de la solicitud de cancelación, la resolución): queda en la bitácora. ${USAGE}`);
  const matchers = textMatchers(texts);
  // The audit log cannot be edited afterwards: a reason that names the data would publish it there for good.
  if (matchers.each.some((re) => { re.lastIndex = 0; return re.test(reason); })) {
    throw new UsageError('El motivo contiene uno de los textos a suprimir, y la bitácora no se puede borrar: escriba el folio de la solicitud, sin los datos de la persona. No se cambió nada.');
  }
  const publisher = await knownPublisher(store, publisherId, nube);
  const current = await store.getCurrent(publisher.id);
  if (!current) {
    io.out(`«${publisher.id}» no tiene publicación vigente: no hay nada publicado que cambiar.`);
    return 0;
  }
  const plan = await planRedaction(store, current, matchers);
  io.out(`Publicación vigente de ${publisher.id} (${publisher.name}): ${current.id}, publicada el ${formatDateTime(current.createdAt)}.`);
  texts.forEach((text, n) => io.out(`  ${shown(text, n)}: ${plan.counts[n] ? formatCount(plan.counts[n], 'vez', 'veces') : 'no aparece'}.`));
  const holding = await submissionsHolding(store, publisher.id, matchers);
  const confirmed = args.options.confirmar === true;
  if (!plan.releases.length && !plan.projects.length) {
    if (!holding.quoting.length && !holding.open.length) {
      io.out('Ninguno de los textos aparece en lo publicado: no hay nada que suprimir. Revise que estén escritos como en los datos (la API los muestra: /api/ocds/releases?ocid=…).');
      return 0;
    }
    io.out('Ninguno de los textos aparece en lo publicado, pero sí en envíos:');
    await tellSubmissions(store, io, holding, matchers, confirmed);
    // Rewritten without a publication (whose entry would name them): the Bitácora says who, why and which sends.
    if (confirmed && holding.quoting.length) await cliAudit(store, clock(), 'submissions.redacted', `publisher/${publisher.id}`, publisher.id, { reason, redactedSubmissions: holding.quoting.slice(0, 100) });
    return 0;
  }
  for (const r of plan.releases) io.out(`  Contratación ${r.ocid as string}, entrega ${r.releaseId as string} (${formatDate(r.date as string)}): ${where(r)}`);
  for (const p of plan.projects) io.out(`  Proyecto ${p.projectId as string}: ${where(p)}`);
  if (plan.identifiers.length) {
    io.err(`No se cambió nada: un texto es parte del identificador de ${formatList(plan.identifiers.length > 10 ? [...plan.identifiers.slice(0, 10), formatCount(plan.identifiers.length - 10, 'más', 'más')] : plan.identifiers)}, con el que la API, los registros y los enlaces los nombran; suprimido, dejarían de ser el mismo proceso o proyecto. Quite ese texto de la lista (o escriba solo la parte que no es identificador) y repita.`);
    return 1;
  }
  const missing = plan.counts.filter((n) => n === 0).length;
  if (missing) io.out(`Aviso: ${formatCount(missing, 'texto no aparece', 'textos no aparecen')} tal como ${missing === 1 ? 'se escribió' : 'se escribieron'}; si el dato se publicó escrito de otra forma (con guiones, sin espacios), agregue esa forma como otro texto.`);
  if (!confirmed) {
    await tellSubmissions(store, io, holding, matchers, false);
    io.out(`Nada se cambió. Con --confirmar, cada aparición se reemplaza por «${REDACTED}» en esas entregas (conservan su identificador y su fecha) y proyectos, y con ellas en los registros, `
      + `las descargas masivas, datos.xlsx y el tablero: se escribe como una publicación nueva con el mismo contenido, y la bitácora dice quién, el motivo y qué campos cambiaron (no los textos).`);
    return 0;
  }
  const at = clock();
  const result = await redact(store, { publisher, plan, baseUrl: opts.baseUrl, actor: 'cli', at: at.toISOString(), reason, auditDetails: { ...(holding.quoting.length ? { redactedSubmissions: holding.quoting.slice(0, 100) } : {}), ...cliAuditDetails() } });
  if (result.status === 'publishing') {
    io.err(`No se cambió nada: ${publisher.id} tiene un envío aprobado que se está publicando (${result.submissionId}). Repita la orden cuando termine (la nueva publicación también lleva los textos si el libro los lleva).`);
    return 1;
  }
  if (result.status === 'superseded') {
    io.err(`No se cambió nada: mientras tanto se publicó ${result.publication.id}, que es la vigente. Repita la orden: busca los textos en esa.`);
    return 1;
  }
  io.out(`Suprimidos: ${formatCount(plan.releases.length, 'entrega', 'entregas')} y ${formatCount(plan.projects.length, 'proyecto', 'proyectos')}; la publicación vigente es ahora ${result.publication.id}. La API y el tablero ya no los muestran.`);
  await tellSubmissions(store, io, holding, matchers, true);
  // This publisher's, and those of all together, whose set now holds the redacted publication (as `republish` writes
  // them): the old ones are never served again, the names of a set's files carry its publications' ids.
  const bulk = await rebuildBulk({ store, bulk: opts.bulk, progress: io.out, allPublishersFiles: true, publisherId: publisher.id });
  // prune keeps what was replaced in the last 24 hours and refuses a day not yet begun (its days are Mexico City's,
  // publications-command.ts dayStart): the day after the redaction's covers every publication it replaced, and has
  // begun when those 24 hours are over.
  const settled = new Date(at.getTime() + DAY_MS);
  const pruneDay = mexicoCityDay(at.getTime() + DAY_MS);
  io.out('Falta:');
  io.out('  1. Que el implementador corrija su libro (o su hoja): si lo envía de nuevo con esos textos, se vuelven a publicar.');
  io.out(`  2. Las publicaciones anteriores y las copias de los libros enviados ya publicados aún los guardan (la API no las sirve). A partir del ${formatDateTime(settled.toISOString())}: `
    + `infra-abierta publications prune --antes-de ${pruneDay} --publicador ${publisher.id}${nube} --confirmar (las borra, con sus archivos de descarga${opts.cloud ? ' del depósito' : ''}).`);
  io.out(`  3. Los respaldos (${opts.cloud ? 'exportaciones de Firestore' : 'infra-abierta backup'}) hechos antes también los guardan: bórrelos o reemplácelos según su política de conservación.`);
  if (bulk.failed) {
    io.err(`No se escribieron todos los archivos de descarga. Lo publicado ya no tiene los textos: mientras falten, la primera descarga los construye sin ellos. Corrija la causa y repita «publications rebuild-bulk${nube}».`);
    return 1;
  }
  return 0;
}
