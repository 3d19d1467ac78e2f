/**
 * `publications list [--publicador ID]`: each publisher's publications — which one readers see (`current`), when
 * each was made, how much it holds and whether it was finished — so an operator can tell what `publications prune`
 * would clear, or spot a publication left half-written by an interrupted task, without opening the database.
 * Read through the Store only (listPublishers, listPublications, getCurrent), so it works on SQLite and Firestore alike.
 */
import { formatDateTime, formatNumber } from '../../../core/format/es-mx';
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

function row(publisherId: string, p: Publication, current: boolean): string {
  // A publication still being written has no counts yet (completePublication sets them): a dash, not a zero.
  const count = (k: 'releases' | 'records' | 'projects'): string => (p.status === 'complete' && p.counts ? formatNumber(p.counts[k], 0) : '—');
  // One republished (publications republish) was made when it was written again, with the data of the one it names.
  const status = p.republishedFrom !== undefined ? `${STATUS[p.status]}, ${p.republishedFrom} publicada de nuevo` : STATUS[p.status];
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
