/**
 * Writes firebase.json's `hosting.redirects` from the dashboard's pages (functions/src/server/dashboard-addresses.ts),
 * so a link without its `#` reaches the page in the cloud as it does on the self-hosted server. The rest of the file
 * is kept as it is; test/firebase-files.test.ts fails when the two differ.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hostingRedirects } from '../functions/src/server/dashboard-addresses';

export const FIREBASE_FILE = path.resolve(__dirname, '..', 'firebase.json');

/** The file's text with its redirects generated (placed before the rewrites, where Hosting's own order puts them). */
export function withHostingRedirects(json: string): string {
  const config = JSON.parse(json) as { hosting: Record<string, unknown> };
  const hosting: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config.hosting)) {
    if (key === 'redirects') continue;
    if (key === 'rewrites') hosting.redirects = hostingRedirects();
    hosting[key] = value;
  }
  hosting.redirects ??= hostingRedirects();
  return JSON.stringify({ ...config, hosting }, null, 2) + '\n';
}

if (require.main === module) {
  fs.writeFileSync(FIREBASE_FILE, withHostingRedirects(fs.readFileSync(FIREBASE_FILE, 'utf8')));
  console.log('escrito firebase.json (hosting.redirects: las páginas del tablero sin «#»)');
}
