/**
 * `npm run bench:preview` (BENCH_PREVIEW_PROCESSES, default 10,000): how long a coordinator waits for the preview of
 * a large send on the self-hosted server — the first answer and the preview itself (scripts/bench/preview-timing.ts),
 * run as `serve` runs (bundled, the server's Node flags, its background thread). Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCli } from './build';
import { BACKGROUND_WORKER, runAsServed } from './bench/run-as-served';

const PROCESSES = Number(process.env.BENCH_PREVIEW_PROCESSES ?? 10000);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-preview-'));
  console.log('(Máquina de 2 núcleos compartida con otros procesos: los tiempos de pared son ruidosos.)');
  try {
    await buildCli();
    await runAsServed('preview-timing', [fs.mkdtempSync(path.join(dir, 'servidor-')), String(PROCESSES), BACKGROUND_WORKER]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
