/**
 * `npm run bench:validate [-- --con-errores]` (Validation issue): N = 1,000 and 10,000 synthetic processes (the
 * convert benchmark's shape, valid for the program), validated in plain Node and inside a `vm` context with code
 * generation disabled (Apps Script stand-in). `--con-errores` also measures the same processes with the usual
 * mistakes planted (about 12 findings each: the sidebar validates dirty data too). Each measurement runs in a
 * fresh child process. Target: 10,000 processes in under 2 s. Then the whole `validate paquete.json` command
 * (dist/cli.js, fresh process: wall time and peak RSS) on a release package of N releases — issue 17's targets:
 * 1,000 releases ≤ 0.5 s, 10,000 ≤ 4 s. Sizes: `--n 1000,10000` or BENCH_SIZE. One run each: on a shared machine
 * the figures vary. Prints; asserts nothing.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cachedBundle } from './bench/cached-bundle';
import { releasePackage } from '../core/packages';
import { deriveRelease } from '../core/unflatten/derive-fields';
import { benchSizes } from './bench/sizes';
import { syntheticReleases } from './bench/synthetic-releases';
import { commandRuns, formatRepeated, nodeStartNote, repeatWholeCommand } from './bench/whole-command';
import { buildCli } from './build';
import { APPS_SCRIPT_BUNDLE } from './build-addon';
import { validatorCode } from './validator-code';

/**
 * The package a publisher puts online for N processes, of the size issue 17 measured (13 MB for 1,000): the
 * complete density (addresses, contact points, classifications… — the issue's processes carry every field of
 * their shape), each release with the fields `convert` derives (id, date, tag, initiationType, language: without
 * them every release fails the schema and the bench measures error reporting, not validation), written as
 * flatten-tool's `unflatten` writes it (indent=4; the reference tool the issue compared with validated that file).
 * 14.3 MB for 1,000; compact JSON of the basic density, the earlier input, was 3.9 MB.
 */
function publishedPackage(n: number): string {
  const releases = syntheticReleases(n, 'complete').map((r) => deriveRelease(r, '2025-06-30T12:00:00-06:00'));
  return JSON.stringify(releasePackage(releases, { uri: 'file://bench.json', publishedDate: '2025-06-30T12:00:00Z', publisher: { name: 'Bench' } }), null, 4);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
  try {
    // Both kept in dist/bench/ until their sources change (bench/cached-bundle.ts).
    const child = await cachedBundle('validate-measure', { entryPoints: [path.join(__dirname, 'bench', 'measure-validate.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', plugins: [validatorCode] });
    // Bundled as the add-on is (scripts/build-addon.ts): an IIFE with no require, as Apps Script loads it.
    const vmBundle = await cachedBundle('validate-iife', { ...APPS_SCRIPT_BUNDLE, entryPoints: [path.join(__dirname, 'bench', 'validate-bundle.ts')], globalName: 'validateBundle' });
    const datasets = process.argv.includes('--con-errores') ? ['válidos', 'errores'] : ['válidos'];
    console.log('procesos  datos     modo             validar (ms)  hallazgos  RSS máx. (MiB)');
    for (const data of datasets) {
      for (const n of benchSizes()) {
        for (const mode of ['node', 'vm'] as const) {
          const out = execFileSync(process.execPath, [child, mode, String(n), data, vmBundle], { encoding: 'utf8' });
          const r = JSON.parse(out.trim().split('\n').pop() as string) as { ms: number; findings: number; peakRssMiB: number };
          const mark = n === 10000 ? (r.ms < 2000 ? ' ✓' : ' ✗') : '';
          console.log(`${String(n).padStart(8)}  ${data.padEnd(8)}  ${(mode === 'vm' ? 'vm sin eval' : 'Node').padEnd(15)}  ${String(r.ms).padStart(11)}${mark}  ${String(r.findings).padStart(9)}  ${String(r.peakRssMiB).padStart(14)}`);
        }
      }
    }
    console.log('Meta: 10,000 procesos en menos de 2,000 ms.');
    await buildCli();
    console.log('\nentregas   MiB  orden «validate paquete.json» ms  CPU ms  RSS máx. (MiB)');
    for (const n of benchSizes()) {
      const file = path.join(dir, `paquete-${n}.json`);
      fs.writeFileSync(file, publishedPackage(n));
      const r = repeatWholeCommand(['validate', file, '--json', '--fecha', '2025-07-01T00:00:00-06:00']);
      if (r.code > 1) throw new Error(`validate ${n}: ${r.stderr}`);
      const target = n === 1000 ? 500 : n === 10000 ? 4000 : undefined;
      const mark = target === undefined ? '' : r.ms <= target ? ' ✓' : ' ✗';
      const mib = (fs.statSync(file).size / 2 ** 20).toFixed(1);
      console.log(`${String(n).padStart(8)}  ${mib.padStart(4)}  ${`${formatRepeated(r)}${mark}`.padStart(31)}  ${String(r.cpuMs).padStart(6)}  ${String(r.peakRssMiB).padStart(14)}`);
    }
    console.log(`Metas (orden completa; «CPU ms»: usuario + sistema): 1,000 entregas ≤ 500 ms; 10,000 ≤ 4,000 ms. Orden y CPU: medianas de ${commandRuns()} corridas, entre paréntesis la menor y la mayor; RSS: la mayor (en una máquina compartida las cifras varían).`);
    console.log(nodeStartNote());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
