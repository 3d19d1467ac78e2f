/**
 * `publications list` (publications-list.ts), and
 * `publications prune --antes-de FECHA [--publicador ID] [--confirmar]`: removes superseded publications (what may
 * go and what never does: publication/prune-publications.ts), from the local store or, with `--nube`, from the
 * deployment's Firestore, with the submitted workbooks no submission can still need (publication/prune-snapshots.ts).
 * Without --confirmar it only says what it would remove.
 */
import { formatCount, formatDate, formatNumber } from '../../../core/format/es-mx';
import { planPrune, type PrunableSet } from '../publication/prune-publications';
import { planSnapshotPrune, pruneSnapshots, type SnapshotPlan } from '../publication/prune-snapshots';
import { bulkPrefix, publicationFolder } from '../publication/bulk-files';
import { allPublishers, currentSets } from '../api/current-publications';
import { removeCombinedBulk, staleCombinedBulk } from './prune-combined-bulk';
import { isStoreError, type Store } from '../store/store';
import type { BlobStore } from '../publication/blob-store';
import { type ParsedArgs, stringOption, UsageError } from './args';
import { knownPublisher } from './known-publisher';
import type { CliIo } from './convert-command';
import { listPublications } from './publications-list';
import { cliAudit } from './cli-audit';

/** «2025-01-01» or «01/01/2025» → the start of that day in Mexico City (UTC−6 all year since 2022), ISO 8601. */
export function dayStart(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const mx = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : mx ? [mx[3], mx[2].padStart(2, '0'), mx[1].padStart(2, '0')] : [];
  if (!y) return undefined;
  const at = `${y}-${m}-${d}T00:00:00-06:00`;
  const check = new Date(`${y}-${m}-${d}T12:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === `${y}-${m}-${d}` ? at : undefined;
}

function describe(set: PrunableSet): string {
  const list = set.publications;
  const sum = (k: 'releases' | 'records' | 'projects'): number => list.reduce((n, p) => n + (p.counts?.[k] ?? 0), 0);
  const first = formatDate(list[0].createdAt);
  const last = formatDate(list[list.length - 1].createdAt);
  const span = first === last ? `del ${first}` : `del ${first} al ${last}`;
  const abandoned = list.filter((p) => p.status === 'writing').length;
  return `  ${set.publisherId} — ${set.publisherName}: ${formatCount(list.length, 'publicación', 'publicaciones')} ${span} (${formatCount(sum('releases'), 'entrega', 'entregas')}, ${formatCount(sum('records'), 'registro', 'registros')}, ${formatCount(sum('projects'), 'proyecto', 'proyectos')}${abandoned ? `; ${abandoned} sin terminar` : ''})`;
}

/** What the dry run says of the submitted workbooks it would remove, and why each may go. */
function describeSnapshots(plan: SnapshotPlan, before: string): string {
  const parts = [
    plan.ofEnded.length ? `${formatNumber(plan.ofEnded.length, 0)} de envíos publicados o retirados antes del ${formatDate(before)}` : '',
    plan.unreferenced.length ? `${formatNumber(plan.unreferenced.length, 0)} de versiones que un envío posterior reemplazó` : '',
  ].filter(Boolean);
  const count = plan.ofEnded.length + plan.unreferenced.length;
  return `${count === 1 ? 'Copia de libro enviado (la revisión que se guardó al enviarlo) que ya no se necesita' : 'Copias de libros enviados (la revisión que se guardó al enviar cada uno) que ya no se necesitan'}: ${formatNumber(count, 0)} (${parts.join('; ')}). Se conservan las de envíos en revisión, devueltos o con falla, y las guardadas en las últimas 24 horas.`;
}

export interface PublicationsCommandOptions {
  cloud: boolean;
  /** Self-hosted bulk files folder (BULK_DIR): where the downloads of all publishers together are kept too. */
  bulkDir?: string;
  /**
   * Where the publications' bulk files are (BULK_DIR, or the deployment's bucket), and how messages name it: a
   * removed publication's files go with it. In the cloud they stayed in the bucket until its lifecycle rule (180
   * days), publicly readable there when the bucket is public — files an older privacy filter wrote among them.
   */
  bulk?: { blobs: BlobStore; where: string };
  now?: () => Date;
}

export async function publicationsCommand(args: ParsedArgs, store: Store, io: CliIo, opts: PublicationsCommandOptions): Promise<number> {
  const action = args.positional[0];
  if (action === 'list') return listPublications(args, store, io, opts);
  if (action !== 'prune') throw new UsageError('Uso: infra-abierta publications list [--publicador ID] [--nube [--proyecto ID]] | publications prune --antes-de AAAA-MM-DD [--publicador ID] [--confirmar] [--nube [--proyecto ID]] | publications rebuild-bulk [--publicador ID] [--nube [--proyecto ID] [--entorno ARCHIVO]] | publications republish [--publicador ID] [--confirmar] [--nube [--proyecto ID] [--entorno ARCHIVO]] | publications redact --publicador ID --textos archivo.txt --motivo "…" [--confirmar] [--nube [--proyecto ID] [--entorno ARCHIVO]]');
  const typed = stringOption(args, 'antes-de');
  if (!typed) throw new UsageError('Indique con --antes-de AAAA-MM-DD (o DD/MM/AAAA) hasta qué fecha borrar publicaciones anteriores; la vigente de cada publicador se conserva siempre.');
  const before = dayStart(typed);
  if (!before) throw new UsageError(`«${typed}» no es una fecha: escríbala como AAAA-MM-DD (2025-01-31) o DD/MM/AAAA (31/01/2025).`);
  const now = (opts.now ?? (() => new Date()))();
  if (Date.parse(before) > now.getTime()) throw new UsageError(`La fecha ${formatDate(before)} es futura: indique una fecha pasada.`);
  const publisherId = stringOption(args, 'publicador');
  if (publisherId !== undefined) await knownPublisher(store, publisherId);

  const sets = await planPrune(store, { before, now, ...(publisherId !== undefined ? { publisherId } : {}) });
  const total = sets.reduce((n, s) => n + s.publications.length, 0);
  // The submitted workbooks no submission can still need (prune-snapshots.ts): they were never removed, and grow with every send.
  const snapshots = await planSnapshotPrune(store, { before, now, ...(publisherId !== undefined ? { publisherId } : {}) });
  const copies = snapshots.ofEnded.length + snapshots.unreferenced.length;
  // Self-hosted: the downloads of all publishers of earlier states (prune-combined-bulk.ts); the current ones stay.
  const combined = opts.bulkDir === undefined || publisherId !== undefined ? []
    : staleCombinedBulk(opts.bulkDir, { before, now, keep: [bulkPrefix(await currentSets(store, await allPublishers(store)), undefined)] });
  const scope = publisherId !== undefined ? `de «${publisherId}» ` : '';
  if (!total) io.out(`No hay publicaciones ${scope}anteriores al ${formatDate(before)} que se puedan borrar: se conserva la vigente de cada publicador, y las reemplazadas hace menos de 24 horas (una instancia de la API aún puede servirlas).`);
  else {
    io.out(`Publicaciones ${scope}anteriores al ${formatDate(before)} que ya no están vigentes${opts.bulk ? ` (con ellas se borran sus archivos de descarga, ${opts.bulk.where})` : ''}:`);
    for (const set of sets) io.out(describe(set));
  }
  if (copies) io.out(describeSnapshots(snapshots, before));
  if (combined.length) {
    const mb = formatNumber(combined.reduce((n, f) => n + f.bytes, 0) / 2 ** 20, 1);
    io.out(`Archivos de descarga de todos los implementadores juntos, de estados anteriores al ${formatDate(before)} (cada publicación deja los suyos; los vigentes se conservan): ${formatCount(combined.length, 'carpeta', 'carpetas')}, ${mb} MB en ${opts.bulkDir ?? ''}.`);
  }
  if (!total && !copies && !combined.length) return 0;
  if (args.options.confirmar !== true) {
    const what = [total ? (total === 1 ? 'esta publicación' : `estas ${formatCount(total, 'publicación', 'publicaciones')}`) : '', copies ? (copies === 1 ? 'esa copia' : 'esas copias') : '', combined.length ? 'esos archivos de descarga' : ''].filter(Boolean).join(' y ').replace(/ y (?=.* y )/, ', ');
    const loss = total ? ' Lo vigente no cambia: cada publicación vigente ya incluye todas las entregas anteriores; se pierden los estados anteriores de proyectos y registros.' : '';
    io.out(`Nada se borró. Para borrar ${what}, repita la orden con --confirmar.${loss} Respalde antes ${opts.cloud ? 'Firestore (gcloud firestore export)' : 'la base de datos con «infra-abierta backup -o respaldo.sqlite» (una copia del archivo con cp mientras el servidor está en marcha puede quedar sin lo último escrito)'}.`);
    return 0;
  }
  let removed = 0;
  let files = 0;
  for (const set of sets) {
    for (const publication of set.publications) {
      try {
        if (await store.deletePublication(publication.id)) {
          removed++;
          // Each one, under its implementer (its coordination reads it): what went, and the hash it had.
          await cliAudit(store, now, 'publication.pruned', `publication/${publication.id}`, set.publisherId, {
            createdAt: publication.createdAt, contentHash: publication.contentHash, status: publication.status, before, ...(publication.counts ? { counts: { releases: publication.counts.releases, records: publication.counts.records, projects: publication.counts.projects } } : {}),
          });
        }
      } catch (e) {
        // Made current meanwhile (a retried publication task): kept, as every current one is.
        if (!isStoreError(e, 'conflict')) throw e;
        io.err(`Se conserva ${publication.id}: es la publicación vigente de ${set.publisherId}.`);
        continue;
      }
      if (opts.bulk) files += await opts.bulk.blobs.removeFolder(publicationFolder(publication.id));
    }
  }
  if (total) io.out(`Se ${removed === 1 ? 'borró' : 'borraron'} ${formatCount(removed, 'publicación', 'publicaciones')} de ${formatCount(sets.length, 'publicador', 'publicadores')}.${opts.bulk && files ? ` Con ${removed === 1 ? 'ella' : 'ellas'} se ${files === 1 ? 'borró' : 'borraron'} ${formatCount(files, 'archivo', 'archivos')} de descarga (${opts.bulk.where}).` : ''}`);
  let gone = 0;
  if (copies) {
    gone = await pruneSnapshots(store, snapshots);
    io.out(`Se ${gone === 1 ? 'borró' : 'borraron'} ${formatCount(gone, 'copia de libro enviado', 'copias de libros enviados')}.`);
  }
  if (combined.length) {
    removeCombinedBulk(combined);
    io.out(`Se ${combined.length === 1 ? 'borró' : 'borraron'} ${formatCount(combined.length, 'carpeta', 'carpetas')} de archivos de descarga de todos los implementadores juntos.`);
  }
  // The run itself (the audit log is never pruned: store.ts has no way to remove an entry).
  await cliAudit(store, now, 'maintenance.pruned', 'publications', publisherId, { before, publications: removed, bulkFiles: files, workbookCopies: gone, combinedFolders: combined.length });
  return 0;
}
