/**
 * Writing the bulk files keeps memory bounded whatever the publication's size (issue 16: national scale). The
 * spreadsheet `datos.xlsx` is the part at risk: ExcelJS's streaming writer does not wait for its zip compressor,
 * and before bulk-files.ts waited for it, each 1,000 releases left about 23 MB of buffers waiting (2.8 GB of
 * RSS for 100,000 in bench:api). Here the buffers still held while 3,000 releases are written must stay under 80 MB
 * (39 MB with the wait, in chunks that do not grow with the releases, up to 64 MB while other test files loaded the
 * machine; 100 MB without it), and the workbook must still hold every row.
 *
 * Garbage counts only until the collector runs: the peak of all buffers depended on when it ran (41–68 MB at 3,000
 * releases with the wait), so it needed 4,000 releases against the same limit and still came close to failing. A
 * sample over the limit forces a collection and counts what stays reachable. Forcing one for every sample instead
 * doubled the test's time in CI (a full collection of the worker's whole heap each time).
 *
 * Measured in a Node process of its own (bulk-files-memory.child.ts): in jest's worker the same writing cost half as
 * much CPU again, and the buffers counted there were the whole worker's.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { MemoryTrial } from './bulk-files-memory.child';

const RELEASES = 3000;
const LIMIT_MB = 80;
const ROOT = path.join(__dirname, '..', '..', '..');

/** The child's answer, or its error output as the failure. */
function measure(dir: string): Promise<MemoryTrial> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', path.join(ROOT, 'scripts', 'register-ts.js'), path.join(__dirname, 'bulk-files-memory.child.ts'), dir, String(RELEASES), String(LIMIT_MB)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as MemoryTrial) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

test('the bulk files of 3,000 processes are written without piling up buffers, and datos.xlsx holds every row', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-memory-'));
  try {
    const { peakMb, sheetWithLast, ocidsInThatSheet } = await measure(dir);
    expect(peakMb).toBeLessThan(LIMIT_MB);
    expect(sheetWithLast).toBe(true);
    expect(ocidsInThatSheet).toBe(RELEASES);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
