/**
 * Child-process side of `bench:validate`: converts N synthetic processes (valid ones, or with the usual mistakes
 * planted), then times `validate` alone, either in plain Node or inside a `vm` context with code generation
 * disabled (the Apps Script stand-in: no eval, no new Function, like the compiled validators must run there).
 * In the vm the conversion runs inside the context too (untimed), as the add-on does. Prints one JSON line.
 */
import * as vm from 'vm';
import * as fs from 'fs';
import { flatten } from '../../core/flatten';
import { unflatten } from '../../core/unflatten';
import { validate } from '../../core/validate';
import { syntheticReleases } from './synthetic-releases';

const [, , mode, nText, data, vmBundle] = process.argv;
const n = Number(nText);
const withErrors = data === 'errores';
const now = '2025-07-01T00:00:00-06:00';
const settings = { ocidPrefix: 'ocds-bench1', now };

let ms: number;
let findings: number;
if (mode === 'vm') {
  // The bundle defines `validateBundle` (scripts/bench/validate-bundle.ts); only plain data crosses into the context.
  const context = vm.createContext({ input: { n, withErrors, now, settings }, console }, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(fs.readFileSync(vmBundle, 'utf8'), context);
  vm.runInContext(`var b = validateBundle;
    var converted = b.unflatten(b.flatten({ releases: b.syntheticReleases(input.n, 'basic', input.withErrors), projects: [] }), { now: input.now });
    var docs = { releases: converted.releases, projects: converted.projects };`, context);
  const start = process.hrtime.bigint();
  findings = vm.runInContext('b.validate(docs, converted.sourceMap, input.settings).length', context) as number;
  ms = Number(process.hrtime.bigint() - start) / 1e6;
} else {
  const converted = unflatten(flatten({ releases: syntheticReleases(n, 'basic', withErrors), projects: [] }), { now });
  const docs = { releases: converted.releases, projects: converted.projects };
  const start = process.hrtime.bigint();
  findings = validate(docs, converted.sourceMap, settings).length;
  ms = Number(process.hrtime.bigint() - start) / 1e6;
}
console.log(JSON.stringify({ ms: Math.round(ms), findings, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
