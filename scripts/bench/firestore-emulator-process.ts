/**
 * The Firestore emulator (@firestore-emulator/server, in memory, on 127.0.0.1) as a child process of a bench, so
 * its work is not counted in the bench's own event loop and CPU. Prints `emulador <host>` once listening; stops
 * when its parent closes stdin.
 */
import { FirestoreStateCollection, FirestoreStateDocument } from '@firestore-emulator/server';
import { startFirestoreEmulator } from '../../test/firestore-emulator/firestore-emulator';

/** What the patch below reads of a collection (TypeScript-private members of the emulator's class). */
interface CollectionState {
  emitter: unknown;
  database: unknown;
  documents: Record<string, FirestoreStateDocument>;
}

/**
 * The emulator keeps a collection's documents in an immer-frozen object and copies the whole object (then freezes
 * the copy) each time it meets a new document id: inserting the n-th document costs O(n) — 5,000 inserts into one
 * collection took 20 s of CPU, the next 5,000 67 s — so the 10,000 releases and 10,000 records of the issue-16
 * bench spent minutes in the emulator's data structure, a cost Firestore does not have, and the bench measured the
 * emulator. The same lookup-or-create, in place (10,000 inserts in ~1.4 s): the documents, their order and every
 * answer stay as they were (emulator dump and bulk files of two publications of 200 processes byte-identical).
 * 4,000 processes: emulator CPU 35.7 s → 11.7 s, of which writing releases and records 26.1 s → 5.6 s.
 */
function insertInPlace(): void {
  const proto = FirestoreStateCollection.prototype as unknown as { getDocument(name: string): FirestoreStateDocument };
  proto.getDocument = function getDocument(this: CollectionState, name: string): FirestoreStateDocument {
    // Unfrozen once (immer froze it), then kept mutable.
    if (Object.isFrozen(this.documents)) this.documents = { ...this.documents };
    const known = Object.prototype.hasOwnProperty.call(this.documents, name) ? this.documents[name] : undefined;
    if (known) return known;
    const Document = FirestoreStateDocument as unknown as new (...args: unknown[]) => FirestoreStateDocument;
    const created = new Document(this.emitter, this.database, this, name, {}, {});
    this.documents[name] = created;
    return created;
  };
}

void (async () => {
  // BENCH_FIRESTORE_STOCK_EMULATOR=1 measures the emulator as published, for comparison.
  if (!process.env.BENCH_FIRESTORE_STOCK_EMULATOR) insertInPlace();
  const emulator = await startFirestoreEmulator();
  process.stdout.write(`emulador ${emulator.host}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => { void emulator.stop().finally(() => process.exit(0)); });
})();
