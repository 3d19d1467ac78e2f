/**
 * The publisher an administrative command names (`publishers remove ID`, `publications … --publicador ID`): a
 * misspelt id is answered with the ids that exist, so the operator can copy the right one.
 */
import { allPublishers } from '../api/current-publications';
import type { Publisher, Store } from '../store/store';
import { UsageError } from './args';

export async function knownPublisher(store: Store, id: string): Promise<Publisher> {
  const publisher = await store.getPublisher(id);
  if (publisher) return publisher;
  const ids = (await allPublishers(store)).map((p) => p.id).sort();
  throw new UsageError(`No existe el publicador «${id}».${ids.length ? ` Publicadores registrados: ${ids.join(', ')}.` : ''}`);
}
