/**
 * The publisher an administrative command names (`publishers remove ID`, `publications … --publicador ID`): a
 * misspelt id is answered with the ids that exist, so the operator can copy the right one.
 */
import { allPublishers } from '../api/current-publications';
import type { Publisher, Store } from '../store/store';
import { UsageError } from './args';

/** How many registered ids a message lists whole; past it, the national list (a hundred ids) was a wall of text. */
const LISTED_WHOLE = 10;

/** Edit distance of two short ids (one typo is 1, two swapped letters 2). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/**
 * «Publicadores registrados: a, b.» when there are few; at scale, the ones whose id is within two typos of `typed`
 * and where to see them all. `ids` is not empty.
 */
export function registeredIdsText(typed: string, ids: readonly string[], nube = ''): string {
  const sorted = [...ids].sort();
  if (sorted.length <= LISTED_WHOLE) return `Publicadores registrados: ${sorted.join(', ')}.`;
  const wanted = typed.trim().toLowerCase();
  // Nearest first: with numbered ids (imp001…) many are two typos away, the one typo away is the likely one.
  const near = sorted.map((id) => ({ id, d: distance(id, wanted) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d).slice(0, LISTED_WHOLE).map((x) => x.id);
  const all = `vea los ${sorted.length} registrados con «infra-abierta publishers list${nube}»`;
  return near.length ? `Con un identificador parecido: ${near.join(', ')}; ${all}.` : `Ninguno registrado se le parece: ${all}.`;
}

export async function knownPublisher(store: Store, id: string, nube = ''): Promise<Publisher> {
  const publisher = await store.getPublisher(id);
  if (publisher) return publisher;
  const ids = (await allPublishers(store)).map((p) => p.id);
  throw new UsageError(`No existe el publicador «${id}».${ids.length ? ` ${registeredIdsText(id, ids, nube)}` : ''}`);
}
