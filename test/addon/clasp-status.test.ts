/**
 * What `clasp push` would upload, checked offline: `clasp status --json` (clasp 3 reads .clasp.json and the
 * rootDir, no credentials, no network) must list exactly the three built files and nothing untracked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { buildAddon } from '../../scripts/build-addon';
import { ROOT } from '../standards';

it('clasp status lists exactly Code.js, sidebar.html and appsscript.json from addon/dist', async () => {
  await buildAddon();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clasp-home-'));
  const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js'), 'status', '--json'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, HOME: home, NO_UPDATE_NOTIFIER: '1' },
  });
  const status = JSON.parse(out) as { filesToPush: string[]; untrackedFiles: string[] };
  expect([...status.filesToPush].sort()).toEqual(['addon/dist/Code.js', 'addon/dist/appsscript.json', 'addon/dist/sidebar.html']);
  expect(status.untrackedFiles).toEqual([]);
  fs.rmSync(home, { recursive: true, force: true });
}, 60000);
