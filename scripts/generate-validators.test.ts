import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { buildValidatorFiles, VALIDATORS, VALIDATORS_MODULE } from './generate-validators';
import { hasStandards, ROOT, STANDARDS_DIR } from '../test/standards';

const describeIfStandards = hasStandards ? describe : describe.skip;

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
type Validators = Record<keyof typeof VALIDATORS, Validate>;

/**
 * Loads a CommonJS module and everything it requires *inside* a vm context where `eval` and `new Function`
 * are disabled — the Apps Script stand-in. Every module's code runs in the context, none in the host realm.
 */
function loadInLockedContext(entry: string): { validators: Validators; context: vm.Context } {
  const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(file, module);
    const wrapper = vm.runInContext(`(function (exports, require, module) {${fs.readFileSync(file, 'utf8')}\n})`, context, { filename: file }) as (e: unknown, r: (id: string) => unknown, m: { exports: unknown }) => void;
    wrapper(module.exports, (id) => load(require.resolve(id, { paths: [path.dirname(file)] })), module);
    return module.exports;
  };
  return { validators: load(entry) as Validators, context };
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describeIfStandards('generated validators', () => {
  const files = buildValidatorFiles(ROOT, STANDARDS_DIR);

  it('regenerates the committed schemas/validators byte for byte', () => {
    expect(Object.keys(files).sort()).toEqual([VALIDATORS_MODULE.replace(/\.js$/, '.d.ts'), VALIDATORS_MODULE]);
    // One module exports every validator; nothing else is left in the folder.
    expect(fs.readdirSync(path.join(ROOT, path.dirname(VALIDATORS_MODULE))).sort()).toEqual(Object.keys(files).map((rel) => path.basename(rel)).sort());
    for (const [rel, content] of Object.entries(files)) {
      expect({ rel, same: fs.readFileSync(path.join(ROOT, rel), 'utf8') === content }).toEqual({ rel, same: true });
    }
  });

  it('needs only ajv runtime helpers and ajv-formats at run time', () => {
    const requires = new Set<string>();
    for (const [rel, content] of Object.entries(files)) {
      if (rel.endsWith('.js')) for (const m of content.matchAll(/require\("([^"]+)"\)/g)) requires.add(m[1]);
    }
    for (const r of requires) expect(r).toMatch(/^(ajv\/dist\/runtime\/|ajv-formats\/dist\/formats$)/);
  });

  it('validates inside a vm context with code generation disabled', () => {
    const { validators, context } = loadInLockedContext(path.join(ROOT, VALIDATORS_MODULE));
    expect(Object.keys(validators).sort()).toEqual(Object.keys(VALIDATORS).sort());
    const validate = validators.releasePackage;
    expect(() => vm.runInContext('eval("1")', context)).toThrow(/Code generation from strings disallowed/);
    const pkg = readJson(path.join(STANDARDS_DIR, 'examples/ocds/sample-data/fictional-example-1.1/ocds-213czf-000-00001-02-tender.json'));
    expect(validate(pkg)).toBe(true);
    const broken = JSON.parse(JSON.stringify(pkg)) as { releases: { tender: { value: { amount: unknown } } }[] };
    broken.releases[0].tender.value.amount = 'mucho';
    expect(validate(broken)).toBe(false);
    expect(JSON.parse(JSON.stringify(validate.errors))).toEqual([
      expect.objectContaining({ instancePath: '/releases/0/tender/value/amount', keyword: 'type' }),
    ]);
  });

  it('accepts the official examples: fictional releases, record and the OC4IDS project package', () => {
    const { validators: { projectPackage: project, recordPackage: record } } = loadInLockedContext(path.join(ROOT, VALIDATORS_MODULE));
    expect(project(readJson(path.join(STANDARDS_DIR, 'examples/oc4ids/example.json')))).toBe(true);
    const recordDir = path.join(STANDARDS_DIR, 'examples/ocds/sample-data/fictional-example-1.1/record');
    for (const f of fs.readdirSync(recordDir).filter((n) => n.endsWith('.json'))) {
      expect({ f, ok: record(readJson(path.join(recordDir, f))), errors: record.errors ?? null }).toEqual({ f, ok: true, errors: null });
    }
  });
});
