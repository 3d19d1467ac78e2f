/**
 * A collection's rows copied from one document backend into another as they are (ids, sort keys, fields, bodies), a
 * page at a time: what `infra-abierta transfer` does for each collection, and the benches do to start from a state
 * written where it is cheap (scripts/bench/copy-rows.ts).
 */
import type { CollectionName } from './collections';
import type { DocumentBackend, Row } from './document-backend';

/** Every row of `collection` in `source` that `keep` keeps, written into `target` `page` rows at a time; how many. */
export async function copyCollection(source: DocumentBackend, target: DocumentBackend, collection: CollectionName, page: number, keep: (row: Row) => boolean = () => true): Promise<number> {
  let copied = 0;
  let cursor: string | undefined;
  do {
    const read = await source.scan(collection, cursor, page);
    cursor = read.cursor;
    const rows = read.rows.filter(keep);
    if (rows.length) await target.putMany(collection, rows);
    copied += rows.length;
  } while (cursor !== undefined);
  return copied;
}
