/**
 * Writes firebase.json's `hosting.redirects` (and the rewrite of a document's address to the `api` function) from the dashboard's pages (functions/src/server/dashboard-addresses.ts),
 * so a link without its `#` reaches the page in the cloud as it does on the self-hosted server. The rest of the file
 * is kept as it is; test/firebase-files.test.ts fails when the two differ.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hostingDocumentRewrites, hostingRedirects } from '../functions/src/server/dashboard-addresses';

export const FIREBASE_FILE = path.resolve(__dirname, '..', 'firebase.json');

/**
 * The file's text with its redirects generated (placed before the rewrites, where Hosting's own order puts them),
 * and the rewrites of the documents' addresses to the `api` function first among the rewrites (the generated
 * rewrites are the ones with a `regex`; those written by hand use `source`).
 */
export function withHostingRedirects(json: string): string {
  const config = JSON.parse(json) as { hosting: Record<string, unknown> };
  const hosting: Record<string, unknown> = {};
  const handWritten = ((config.hosting.rewrites ?? []) as Record<string, unknown>[]).filter((r) => r.regex === undefined);
  for (const [key, value] of Object.entries(config.hosting)) {
    if (key === 'redirects') continue;
    if (key === 'rewrites') {
      hosting.redirects = hostingRedirects();
      hosting.rewrites = [...hostingDocumentRewrites(), ...handWritten];
      continue;
    }
    hosting[key] = value;
  }
  hosting.redirects ??= hostingRedirects();
  hosting.rewrites ??= hostingDocumentRewrites();
  return JSON.stringify({ ...config, hosting }, null, 2) + '\n';
}

if (require.main === module) {
  fs.writeFileSync(FIREBASE_FILE, withHostingRedirects(fs.readFileSync(FIREBASE_FILE, 'utf8')));
  console.log('escrito firebase.json (hosting.redirects y la reescritura de los documentos a «api»: las páginas del tablero sin «#»)');
}
