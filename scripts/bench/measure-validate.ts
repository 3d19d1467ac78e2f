/**
 * Child-process side of `bench:validate`: converts N synthetic processes, then times `validate` alone, either in
 * plain Node or inside a `vm` context with code generation disabled (the Apps Script stand-in: no eval, no
 * new Function, like the compiled validators must run there). Prints one JSON line.
 */
import * as vm from 'vm';
import * as fs from 'fs';
import { flatten } from '../../core/flatten';
import { unflatten } from '../../core/unflatten';
import { validate } from '../../core/validate';
import { syntheticReleases } from './synthetic-releases';

const [, , mode, nText, vmBundle] = process.argv;
const n = Number(nText);
const now = '2025-07-01T00:00:00-06:00';
const converted = unflatten(flatten({ releases: syntheticReleases(n), projects: [] }), { now });
const settings = { ocidPrefix: 'ocds-bench1', now };
const docs = { releases: converted.releases, projects: converted.projects };

let ms: number;
let findings: number;
if (mode === 'vm') {
  // The bundle defines `validateBundle` (core/validate as an IIFE); only plain data crosses into the context.
  const context = vm.createContext({ input: JSON.parse(JSON.stringify({ docs, sourceMap: converted.sourceMap, settings })), console }, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(fs.readFileSync(vmBundle, 'utf8'), context);
  const start = process.hrtime.bigint();
  findings = vm.runInContext('validateBundle.validate(input.docs, input.sourceMap, input.settings).length', context) as number;
  ms = Number(process.hrtime.bigint() - start) / 1e6;
} else {
  const start = process.hrtime.bigint();
  findings = validate(docs, converted.sourceMap, settings).length;
  ms = Number(process.hrtime.bigint() - start) / 1e6;
}
console.log(JSON.stringify({ ms: Math.round(ms), findings, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
