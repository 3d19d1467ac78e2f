/**
 * `publications list [--publicador ID]`: each publisher's publications — which one readers see (`current`), when
 * each was made, how much it holds and whether it was finished — so an operator can tell what `publications prune`
 * would clear, or spot a publication left half-written by an interrupted task, without opening the database.
 * Read through the Store only (listPublishers, listPublications, getCurrent), so it works on SQLite and Firestore alike.
 */
import { formatCount, formatDateTime, formatList, formatNumber } from '../../../core/format/es-mx';
import { type Publication, type Publisher, type Store, writtenAt } from '../store/store';
import { readAll } from '../store/read-all';
import { allPublishers, readEach } from '../api/current-publications';
import { type ParsedArgs, stringOption, UsageError } from './args';
import { knownPublisher } from './known-publisher';
import type { CliIo } from './convert-command';

/** Publishers read before their rows are printed. */
const PRINT_BATCH = 64;

/** What a person reads of `status`: a 'writing' one older than a running task is one an interruption left behind. */
const STATUS: Record<Publication['status'], string> = { complete: 'completa', writing: 'sin terminar' };

/**
 * What a publication written again says of itself: republished (publications republish), the data of the one it
 * names; or a redaction (publications redact) of that one — the officer who ran it and the coordinator must tell it
 * from a move of address, with its folio and how much it changed (never the texts).
 */
function rewritten(p: Publication): string {
  const last = p.redactions?.[p.redactions.length - 1];
  if (!last || last.from !== p.republishedFrom || last.at !== p.republishedAt) return `${p.republishedFrom ?? ''} publicada de nuevo`;
  const changed = [`${formatCount(last.releaseCount, 'entrega', 'entregas')} de ${formatCount(last.processCount, 'contratación', 'contrataciones')}`, ...(last.projectCount ? [formatCount(last.projectCount, 'proyecto', 'proyectos')] : [])];
  return `datos personales suprimidos de ${last.from} (motivo «${last.reason}»; ${formatList(changed)})`;
}

function row(publisherId: string, p: Publication, current: boolean): string {
  // A publication still being written has no counts yet (completePublication sets them): a dash, not a zero.
  const count = (k: 'releases' | 'records' | 'projects'): string => (p.status === 'complete' && p.counts ? formatNumber(p.counts[k], 0) : '—');
  const status = p.republishedFrom !== undefined ? `${STATUS[p.status]}, ${rewritten(p)}` : STATUS[p.status];
  return [publisherId, p.id, current ? 'sí' : 'no', formatDateTime(writtenAt(p)), count('releases'), count('records'), count('projects'), status].join('\t');
}

export async function listPublications(args: ParsedArgs, store: Store, io: CliIo, opts: { cloud: boolean }): Promise<number> {
  const publisherId = stringOption(args, 'publicador');
  if (args.options.publicador === true) throw new UsageError('Indique el publicador después de --publicador, por ejemplo: --publicador itait.');
  const publishers: Publisher[] = publisherId !== undefined ? [await knownPublisher(store, publisherId)] : await allPublishers(store);
  const empty: string[] = [];
  let header = false;
  // Several publishers read at once (in the cloud each read is a round trip: one by one, a national deployment's
  // 2,500 publishers took minutes), printed a batch at a time in the publishers' order.
  for (let start = 0; start < publishers.length; start += PRINT_BATCH) {
    const batch = await readEach(publishers.slice(start, start + PRINT_BATCH), async (publisher) => ({
      publisher,
      publications: await readAll((after) => store.listPublications({ publisherId: publisher.id, after, limit: 1000 })),
      current: (await store.getCurrent(publisher.id))?.id,
    }));
    for (const { publisher, publications, current } of batch) {
      if (!publications.length) { empty.push(publisher.id); continue; }
      if (!header) { io.out('publicador\tpublicación\tvigente\tcreada\tentregas\tregistros\tproyectos\testado'); header = true; }
      for (const p of publications) io.out(row(publisher.id, p, p.id === current));
    }
  }
  const nube = opts.cloud ? ' --nube' : '';
  if (!publishers.length) io.err(`Aún no hay publicadores. Registre uno con «infra-abierta publishers add${nube} <id> …».`);
  else if (!header) io.err(publisherId !== undefined ? `«${publisherId}» aún no tiene publicaciones.` : 'Aún no hay publicaciones.');
  else if (empty.length) io.err(`Sin publicaciones: ${empty.join(', ')}.`);
  return 0;
}
