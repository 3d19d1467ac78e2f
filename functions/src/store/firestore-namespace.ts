/**
 * FIRESTORE_NAMESPACE, the prefix of every collection id the Firestore adapter uses (namespace + collection name),
 * checked against Firestore's rules for a collection id (Quotas and limits, «Constraints on collection IDs»: valid
 * UTF-8, at most 1,500 bytes, no «/», not «.» or «..», not matching `__.*__`). A prefix that breaks them was taken
 * at start-up and failed at the first query, as an internal error far from the setting; the configuration, the CLI
 * and the index generator refuse it up front instead.
 */
import { COLLECTIONS } from './collections';

/** Firestore: a collection id is at most 1,500 bytes of UTF-8. */
export const MAX_COLLECTION_ID_BYTES = 1500;

/** The longest prefix every collection id still fits with: the limit less the longest collection name. */
export const MAX_NAMESPACE_BYTES = MAX_COLLECTION_ID_BYTES - Math.max(...Object.keys(COLLECTIONS).map((c) => Buffer.byteLength(c)));

/** Whether Firestore accepts `id` as a collection id. */
function validCollectionId(id: string): boolean {
  // A lone surrogate is not UTF-8: encoding replaces it, and the text no longer round-trips.
  return Buffer.from(id, 'utf8').toString('utf8') === id
    && Buffer.byteLength(id) <= MAX_COLLECTION_ID_BYTES
    && !id.includes('/')
    && id !== '.' && id !== '..'
    && !/^__.*__$/s.test(id);
}

/**
 * The Spanish message naming FIRESTORE_NAMESPACE when some collection id it makes is one Firestore refuses; undefined
 * when every one is valid (the empty prefix included). Only «/» and the length can break them: the collection names
 * are letters, so no id they end can be «.», «..» or end in «__».
 */
export function firestoreNamespaceProblem(namespace: string): string | undefined {
  if (Object.keys(COLLECTIONS).every((c) => validCollectionId(namespace + c))) return undefined;
  const shown = namespace.length > 60 ? `${namespace.slice(0, 60)}…` : namespace;
  return `La variable FIRESTORE_NAMESPACE es el prefijo de los nombres de las colecciones de Firestore (p. ej. tam_): `
    + `puede llevar letras, números y signos como «_» o «-», pero no «/», y a lo más ${MAX_NAMESPACE_BYTES} bytes `
    + `(se recibió «${shown}», ${Buffer.byteLength(namespace)} bytes).`;
}
