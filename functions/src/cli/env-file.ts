/**
 * A deployment's environment file (functions/.env, functions/.env.<PROYECTO>: docs/deploy.md §6), read as Firebase
 * reads it when it deploys the functions, for the commands that must work as the functions do (cloud-deployment.ts,
 * deployed-namespace.ts).
 */
import * as fs from 'fs';

/** `NAME=value`, `NAME="value"` or `NAME='value'`; blank lines and `# …` comments skipped (as Firebase reads them). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const value = m[2];
    const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(value);
    out[m[1]] = quoted ? quoted[2] : value.replace(/#.*$/, '').trim();
  }
  return out;
}

/** The variables of several files read in order, a later file's value replacing an earlier one's (.env, then .env.<PROYECTO>). */
export function readEnvFiles(files: readonly string[]): Record<string, string> {
  return Object.assign({}, ...files.map((f) => parseEnvFile(fs.readFileSync(f, 'utf8')))) as Record<string, string>;
}
