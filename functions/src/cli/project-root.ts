/**
 * The project root: where templates/, dashboard/ and functions/ (with the deployment's environment file) live — the
 * repository the CLI runs from, whatever the current folder (dist/cli.js is one level down; the sources, three).
 */
import * as fs from 'fs';
import * as path from 'path';

export function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'templates'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}
