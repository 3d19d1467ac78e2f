/**
 * `npm run bench:preview` (BENCH_PREVIEW_PROCESSES, default 10,000): how long a coordinator waits for the preview of
 * a large send on the self-hosted server — the first answer and the preview itself (scripts/bench/preview-timing.ts),
 * run as `serve` runs (bundled, the server's Node flags, its background thread). Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fork } from 'child_process';
import { build } from 'esbuild';
import { SERVER_NODE_FLAGS } from '../functions/src/server/server-node-flags';
import { buildCli, NODE_BUNDLE } from './build';
import { validatorCode } from './validator-code';

const PROCESSES = Number(process.env.BENCH_PREVIEW_PROCESSES ?? 10000);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-preview-'));
  console.log('(Máquina de 2 núcleos compartida con otros procesos: los tiempos de pared son ruidosos.)');
  try {
    await buildCli();
    const bundle = path.join(dir, 'preview-timing.js');
    await build({ ...NODE_BUNDLE, sourcemap: false, plugins: [validatorCode], entryPoints: [path.join(__dirname, 'bench', 'preview-timing.ts')], outfile: bundle });
    const env = { ...process.env, NODE_PATH: path.join(__dirname, '..', 'node_modules') };
    const folder = fs.mkdtempSync(path.join(dir, 'servidor-'));
    const child = fork(bundle, [folder, String(PROCESSES), path.join(__dirname, '..', 'dist', 'background-worker.js')], { execArgv: [...SERVER_NODE_FLAGS], env });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => { if (code !== 0) process.exitCode = code ?? 1; resolve(); });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
