/**
 * `npm run bench:compile [-- --n 1000,10000]` (or BENCH_SIZE=…): the whole `compile` command (dist/cli.js, fresh
 * process: wall time and peak RSS) on a release package with 3 releases per ocid (tender, award, contract
 * stages of the bench's synthetic processes), compiled releases only and with versioned releases
 * (`--versionadas`). Issue 17's targets for 1,000 ocids: ≤ 0.4 s compiled only, ≤ 1.5 s with versioned.
 * The input is the issue's: the `basic` process shape (3 parties, 3 items, 2 documents, 2 tenderers, 2 awards, 1
 * contract with 2 transactions) written indented with 2 spaces, as publishers and ocdskit write packages — 17.5 MB
 * for 1,000 ocids, the size the issue measured (the same data on one line is 10 MB and parses faster; the
 * `complete` shape would be 16 MB on one line, 28 MB indented, with fields the issue's processes do not have).
 * Each command runs three times (`--runs N`) and the least wall time and the least CPU time are shown: on a
 * shared machine one run says little. Prints; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { releasePackage } from '../core/packages';
import { syntheticReleases } from './bench/synthetic-releases';
import { benchSizes } from './bench/sizes';
import { commandRuns, formatRepeated, nodeStartNote, repeatWholeCommand } from './bench/whole-command';
import { buildCli } from './build';

/** Three releases per ocid, as a publisher releases each stage: the first two leave out what came later. */
export function threeStages(n: number): unknown[] {
  const out: unknown[] = [];
  for (const r of syntheticReleases(n, 'basic') as Record<string, unknown>[]) {
    const date = Date.parse(String(r.date ?? '2024-01-01T00:00:00Z'));
    const stage = (k: number, tag: string, keep: (key: string) => boolean) => ({
      ...Object.fromEntries(Object.entries(r).filter(([key]) => keep(key))),
      id: `${String(r.id)}-${k}`, tag: [tag], date: new Date(date + k * 86_400_000 * 30).toISOString(),
    });
    out.push(stage(1, 'tender', (key) => key !== 'awards' && key !== 'contracts'));
    out.push(stage(2, 'award', (key) => key !== 'contracts'));
    out.push(stage(3, 'contract', () => true));
  }
  return out;
}

async function main(): Promise<void> {
  await buildCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compile-'));
  const lines: string[] = [];
  try {
    for (const n of benchSizes()) {
      const file = path.join(dir, `entregas-${n}.json`);
      fs.writeFileSync(file, `${JSON.stringify(releasePackage(threeStages(n), { uri: 'file://bench.json', publishedDate: '2025-06-30T12:00:00Z', publisher: { name: 'Bench' } }), null, 2)}\n`);
      const mb = (fs.statSync(file).size / 1e6).toFixed(1);
      for (const versioned of [false, true]) {
        // Every run writes a new file, as the first one did (replacing an earlier output costs its deletion too).
        const r = repeatWholeCommand(['compile', file, '-o', path.join(dir, 'registros.json'), ...(versioned ? ['--versionadas'] : [])], commandRuns(),
          () => fs.rmSync(path.join(dir, 'registros.json'), { force: true }));
        if (r.code !== 0) throw new Error(`compile ${n}: ${r.stderr}`);
        const target = n === 1000 ? (versioned ? 1500 : 400) : undefined;
        const mark = target === undefined ? '' : r.ms <= target ? ' ✓' : ' ✗';
        lines.push(`${String(n).padStart(7)}  ${String(n * 3).padStart(8)}  ${mb.padStart(6)}  ${(versioned ? 'con versionadas' : 'solo compiladas').padEnd(16)}  ${`${formatRepeated(r)}${mark}`.padStart(19)}  ${String(r.cpuMs).padStart(6)}  ${String(r.peakRssMiB).padStart(8)}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log('  ocids  entregas      MB  registros                     orden ms  CPU ms   RSS MiB');
  for (const l of lines) console.log(l);
  console.log(`Metas (1,000 ocids × 3 entregas, orden completa; «CPU ms»: usuario + sistema): solo compiladas ≤ 400 ms; con versionadas ≤ 1,500 ms. Orden y CPU: medianas de ${commandRuns()} corridas, entre paréntesis la menor y la mayor; RSS: la mayor (en una máquina compartida las cifras varían). Node ${process.version}, ${os.cpus().length} núcleos.`);
  console.log(nodeStartNote());
}

if (require.main === module) void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
