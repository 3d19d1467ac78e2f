/**
 * Writes firestore.indexes.json from the store's query shapes (functions/src/store/collections.ts), so the deployed
 * indexes match the code. `FIRESTORE_NAMESPACE` prefixes every collection (several deployments in one project): its
 * collections need indexes of their own, or every filtered query fails («requires an index»). Given prefixes
 * (`npm run generate:indexes -- <prefijo> …`), the file holds the indexes of the unprefixed collections and of each.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COLLECTIONS, firestoreIndexConfig } from '../functions/src/store/collections';

export const INDEXES_FILE = path.resolve(__dirname, '..', 'firestore.indexes.json');

export function indexesJson(namespaces: readonly string[] = []): string {
  const configs = ['', ...new Set(namespaces.filter(Boolean))].map((n) => firestoreIndexConfig(n));
  const merged = { indexes: configs.flatMap((c) => c.indexes), fieldOverrides: configs.flatMap((c) => c.fieldOverrides) };
  return JSON.stringify(merged, null, 2) + '\n';
}

/** The prefixes a written file holds indexes for (the part of each collection group before a collection's name). */
export function namespacesIn(json: string): string[] {
  const names = Object.keys(COLLECTIONS);
  const groups = (JSON.parse(json) as { fieldOverrides: { collectionGroup: string }[] }).fieldOverrides.map((o) => o.collectionGroup);
  return [...new Set(groups.map((g) => { const name = names.find((c) => g.endsWith(c) && g !== c); return name ? g.slice(0, -name.length) : ''; }).filter(Boolean))];
}

if (require.main === module) {
  const namespaces = process.argv.slice(2);
  fs.writeFileSync(INDEXES_FILE, indexesJson(namespaces));
  console.log(`escrito firestore.indexes.json${namespaces.length ? ` (colecciones sin prefijo y con ${namespaces.map((n) => `«${n}»`).join(', ')})` : ''}`);
}
