/**
 * Writes firestore.indexes.json from the store's query shapes (functions/src/store/collections.ts), so the deployed
 * indexes match the code. `FIRESTORE_NAMESPACE` prefixes every collection (several deployments in one project): its
 * collections need indexes of their own, or every filtered query fails («requires an index»). Given prefixes
 * (`npm run generate:indexes -- <prefijo> …`), the file holds the indexes of the unprefixed collections and of each.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COLLECTIONS, firestoreIndexConfig } from '../functions/src/store/collections';
import { firestoreNamespaceProblem } from '../functions/src/store/firestore-namespace';

export const INDEXES_FILE = path.resolve(__dirname, '..', 'firestore.indexes.json');

/**
 * Firestore's limits per database (Quotas and limits, «Indexes»), with billing on — Cloud Functions need the Blaze
 * plan (docs/deploy.md §1); without billing both are 200. Each prefix adds a full set of composite indexes and of
 * field overrides (single-field configurations: one per exempted field and collection group).
 */
export const MAX_COMPOSITE_INDEXES = 1000;
export const MAX_FIELD_CONFIGURATIONS = 1000;

/** A prefix or a file Firestore would refuse: said in Spanish, nothing written. */
export class IndexesError extends Error {}

export function indexesJson(namespaces: readonly string[] = []): string {
  for (const n of namespaces) {
    const problem = firestoreNamespaceProblem(n);
    if (problem !== undefined) throw new IndexesError(problem);
  }
  const prefixes = ['', ...new Set(namespaces.filter(Boolean))];
  const configs = prefixes.map((n) => firestoreIndexConfig(n));
  const merged = { indexes: configs.flatMap((c) => c.indexes), fieldOverrides: configs.flatMap((c) => c.fieldOverrides) };
  const over = ([[merged.indexes.length, MAX_COMPOSITE_INDEXES, 'índices compuestos'], [merged.fieldOverrides.length, MAX_FIELD_CONFIGURATIONS, 'exenciones de índice de un campo']] as const)
    .find(([count, max]) => count > max);
  if (over) {
    const [count, max, what] = over;
    throw new IndexesError(`Con ${prefixes.length - 1} prefijos (FIRESTORE_NAMESPACE), firestore.indexes.json tendría ${count} ${what} (${count / prefixes.length} por cada juego de colecciones), `
      + `y Firestore admite ${max} por base de datos (con facturación; 200 sin ella). Use menos prefijos en este proyecto de Google Cloud: otro despliegue puede ir en un proyecto propio. No se escribió nada.`);
  }
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
  let json: string;
  try {
    json = indexesJson(namespaces);
  } catch (e) {
    if (!(e instanceof IndexesError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
  fs.writeFileSync(INDEXES_FILE, json);
  console.log(`escrito firestore.indexes.json${namespaces.length ? ` (colecciones sin prefijo y con ${namespaces.map((n) => `«${n}»`).join(', ')})` : ''}`);
}
