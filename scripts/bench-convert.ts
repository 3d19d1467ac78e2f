/**
 * `npm run bench:convert [-- --n 1000,10000] [--completo]` (or BENCH_SIZE=1000,10000): xlsx → JSON figures for the
 * sheet engine (issue 3, item 5; issue 17). First column group: the whole `convert` command (dist/cli.js, fresh
 * process, wall time and peak RSS) — what a person waits for; issue 17's targets for flatten-tool's layout are
 * N = 1,000 ≤ 0.8 s and N = 10,000 ≤ 6 s and ≤ 600 MiB.
 * Generates N synthetic EDCA-MX processes (scripts/bench/synthetic-releases.ts; `--completo` fills addresses,
 * contact points, classifications… too, about 2.4 times the values), writes them as .xlsx with
 * exceljs's streaming writer in template layout and in plain flatten-tool layout, then measures each step in a
 * fresh child process (bundled with esbuild, so no TypeScript compiler sits in the measured memory):
 * the whole xlsx → JSON (with source map), the raw xlsx read alone, and the conversion alone after the read.
 * Targets (2 cores): N = 10,000 under 4 s and 600 MiB whole; the conversion alone under 1 s. Not a timed test.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cachedBundle } from './bench/cached-bundle';
import { flatten } from '../core/flatten';
import { XlsxFileSource } from '../functions/src/ingest/xlsx-source';
import { flattenToolWorkbook } from './bench/flatten-tool-layout';
import { modelToJson } from './bench/measure-convert';
import { syntheticReleases } from './bench/synthetic-releases';
import { writeXlsx } from './bench/write-xlsx';
import { benchSizes } from './bench/sizes';
import { commandRuns, formatRepeated, nodeStartNote, repeatWholeCommand } from './bench/whole-command';
import { buildCli } from './build';

const TARGET_MS = 4000;
const TARGET_MIB = 600;
const TARGET_CONVERT_MS = 1000;

interface Figures { ms: number; peakRssMiB: number; releases: number; sourceMapEntries: number }

function runChild(script: string, mode: string, file: string): Figures {
  // The bundle lives in the temp folder: npm packages (exceljs) are found through NODE_PATH.
  const env = { ...process.env, NODE_PATH: path.join(__dirname, '..', 'node_modules') };
  const out = execFileSync(process.execPath, [script, mode, file], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop() as string) as Figures;
}

async function main(): Promise<void> {
  const sizes = benchSizes();
  await buildCli();
  const density = process.argv.includes('--completo') ? 'complete' : 'basic';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-convert-'));
  // Kept in dist/bench/ until its sources change (bench/cached-bundle.ts).
  const script = await cachedBundle('convert-measure', { entryPoints: [path.join(__dirname, 'bench', 'measure-convert.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning', define: { 'require.main': 'module' } });
  const rows: string[][] = [];
  try {
    for (const n of sizes) {
      const releases = syntheticReleases(n, density);
      for (const [layout, model] of [['plantilla', flatten({ releases, projects: [] })], ['flatten-tool', flattenToolWorkbook({ releases, projects: [] })]] as const) {
        const file = path.join(dir, `${layout}-${n}.xlsx`);
        await writeXlsx(model, file);
        // The convert-only step starts from the model exactly as the reader gives it.
        const modelFile = path.join(dir, `${layout}-${n}.model.json`);
        fs.writeFileSync(modelFile, modelToJson(await new XlsxFileSource(file).read()));
        const mib = (fs.statSync(file).size / 2 ** 20).toFixed(1);
        const whole = repeatWholeCommand(['convert', file, '-o', path.join(dir, `${layout}-${n}.json`), '--fecha', '2025-06-30T12:00:00Z'], n > 2000 ? 1 : commandRuns());
        if (whole.code > 1) throw new Error(`convert ${layout} ${n}: ${whole.stderr}`);
        const full = runChild(script, 'full', file);
        const read = runChild(script, 'read', file);
        const conv = runChild(script, 'convert', modelFile);
        if (full.releases !== n || conv.releases !== n) throw new Error(`${layout} ${n}: ${full.releases} entregas`);
        const mark = (ok: boolean): string => (ok ? '✓' : '✗');
        // Issue 17's targets are for flatten-tool's layout; our template's figures are printed alongside, unmarked.
        const wholeTarget = layout !== 'flatten-tool' ? undefined : n === 1000 ? whole.ms <= 800 : n === 10000 ? whole.ms <= 6000 && whole.peakRssMiB <= 600 : undefined;
        rows.push([String(n), layout, mib, `${formatRepeated(whole)}${wholeTarget === undefined ? '' : ` ${mark(wholeTarget)}`}`, String(whole.cpuMs), String(whole.peakRssMiB), String(read.releases), String(full.sourceMapEntries),
          `${full.ms} ${mark(n < 10000 || full.ms < TARGET_MS)}`, `${full.peakRssMiB} ${mark(n < 10000 || full.peakRssMiB < TARGET_MIB)}`,
          String(read.ms), String(read.peakRssMiB), `${conv.ms} ${mark(n < 10000 || conv.ms < TARGET_CONVERT_MS)}`, String(conv.peakRssMiB)]);
        console.error(`  N=${n} ${layout}: listo`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const header = ['N', 'formato', 'xlsx MiB', 'orden convert ms', 'CPU ms', 'RSS MiB', 'filas', 'mapa', 'xlsx→JSON ms', 'RSS MiB', 'lectura ms', 'RSS MiB', 'conversión ms', 'RSS MiB'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => `| ${r.map((v, c) => v.padStart(widths[c])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(`Datos: ${density === 'complete' ? 'completos' : 'básicos'}. Metas (orden completa, formato flatten-tool; «CPU ms»: usuario + sistema de la orden): N = 1,000 ≤ 800 ms; N = 10,000 ≤ 6,000 ms y ≤ 600 MiB. Pasos para N = 10,000: xlsx→JSON < ${TARGET_MS} ms y < ${TARGET_MIB} MiB; conversión sola < ${TARGET_CONVERT_MS} ms. Orden completa hasta N = 2,000: mediana de ${commandRuns()} corridas, entre paréntesis la menor y la mayor (en una máquina compartida una corrida varía ±5 %); más grandes y pasos: una corrida. Node ${process.version}, ${os.cpus().length} núcleos.`);
  console.log(nodeStartNote());
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
