/** Writes firestore.indexes.json from the store's query shapes (functions/src/store/collections.ts), so the deployed indexes match the code. */
import * as fs from 'fs';
import * as path from 'path';
import { firestoreIndexConfig } from '../functions/src/store/collections';

export const INDEXES_FILE = path.resolve(__dirname, '..', 'firestore.indexes.json');
export const indexesJson = (): string => JSON.stringify(firestoreIndexConfig(), null, 2) + '\n';

if (require.main === module) {
  fs.writeFileSync(INDEXES_FILE, indexesJson());
  console.log('escrito firestore.indexes.json');
}
