/**
 * Packages validate against the official package schemas, with the EDCA-MX / EDCAPI profile schemas
 * registered under the official release and project schema ids (ajv is used here only, in the test).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT, STANDARDS_DIR, hasStandards } from '../../test/standards';
import { buildRecord, compileRelease, type Release } from '../merge';
import { deriveProjectSummaries } from '../summary';
import { EDCA_MX_EXTENSIONS, extensionUrl, projectPackage, recordPackage, releasePackage, type PackageMeta } from './index';
import manifest from '../../schemas/manifest.json';

const read = (file: string): any => JSON.parse(fs.readFileSync(file, 'utf8'));
const OCDS = path.join(STANDARDS_DIR, 'ocds-1.1.5');
const OC4IDS = path.join(STANDARDS_DIR, 'oc4ids-0.9.5');
const SAMPLE = path.join(STANDARDS_DIR, 'examples', 'ocds', 'sample-data', 'fictional-example-1.1', 'ocds-213czf-000-00001.json');
const itStd = hasStandards ? it : it.skip;

const META: PackageMeta = {
  uri: 'https://datos.example.mx/api/ocds/releases',
  publishedDate: '2024-05-01T12:00:00Z',
  publisher: { name: 'Secretaría de Obras Públicas del Estado', scheme: 'MX-RFC', uid: 'SOP010101AAA' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: 'https://datos.example.mx/politica',
};

function validator(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const releaseSchema = read(path.join(ROOT, 'schemas', 'edca-mx-release-schema.json'));
  const projectSchema = read(path.join(ROOT, 'schemas', 'edcapi-project-schema.json'));
  ajv.addSchema({ ...releaseSchema, id: 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json' });
  ajv.addSchema(read(path.join(OCDS, 'versioned-release-validation-schema.json')));
  ajv.addSchema({ ...projectSchema, id: 'https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json' });
  return ajv;
}

function expectValid(ajv: Ajv, schemaFile: string, pkg: unknown): void {
  const schema = read(schemaFile);
  const validate = ajv.getSchema(schema.id) ?? ajv.compile(schema);
  const ok = validate(pkg);
  expect(ok ? [] : validate.errors).toStrictEqual([]);
}

describe('packages', () => {
  const releases = (): Release[] => read(SAMPLE).releases;

  itStd('a release package of the sample releases validates, with links.next', () => {
    const pkg = releasePackage(releases(), { ...META, links: { next: 'https://datos.example.mx/api/ocds/releases?after=abc' } });
    expect(pkg.version).toBe('1.1');
    expect(pkg.extensions).toStrictEqual(EDCA_MX_EXTENSIONS);
    expect(pkg.links).toStrictEqual({ next: 'https://datos.example.mx/api/ocds/releases?after=abc' });
    const ajv = validator();
    expectValid(ajv, path.join(OCDS, 'release-package-schema.json'), pkg);
    // The oracle bites: a wrong type deep in a release is caught through the registered EDCA-MX schema.
    const bad = releasePackage([{ ...releases()[0], tender: { id: 't', value: { amount: 'mucho' } } }], META);
    expect(ajv.getSchema('https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json')!(bad)).toBe(false);
  });

  itStd('a record package with compiled and versioned releases validates (linked and embedded releases)', () => {
    const ajv = validator();
    const linked = buildRecord('ocds-213czf-000-00001', releases(), { releaseUrl: (id) => `https://datos.example.mx/api/ocds/releases/${id}` });
    const embedded = buildRecord('ocds-213czf-000-00001', releases());
    const pkg = recordPackage([linked], { ...META, packages: ['https://datos.example.mx/api/ocds/releases'] });
    expect(pkg.packages).toStrictEqual(['https://datos.example.mx/api/ocds/releases']);
    expectValid(ajv, path.join(OCDS, 'record-package-schema.json'), pkg);
    expectValid(ajv, path.join(OCDS, 'record-package-schema.json'), recordPackage([embedded], META));
  });

  itStd('a project package of the OC4IDS example with derived summaries validates', () => {
    const example = read(path.join(STANDARDS_DIR, 'examples', 'oc4ids', 'example.json'));
    const project = example.projects[0];
    const list = releases();
    project.contractingProcesses.push({ id: 'ocds-213czf-000-00001', summary: { nature: ['construction'] } });
    const derived = deriveProjectSummaries(project, { 'ocds-213czf-000-00001': compileRelease(list) },
      { 'ocds-213czf-000-00001': list.map((r) => ({ id: String(r.id), date: String(r.date), tag: r.tag as string[], url: `https://datos.example.mx/api/ocds/releases/${String(r.id)}` })) },
      { now: '2024-01-01T00:00:00Z' });
    const pkg = projectPackage([derived], { ...META, uri: 'https://datos.example.mx/api/oc4ids/projects', links: { next: 'https://datos.example.mx/api/oc4ids/projects?after=x', prev: 'https://datos.example.mx/api/oc4ids/projects' } });
    expect(pkg.version).toBe('0.9');
    expect(pkg.extensions).toBeUndefined();
    expectValid(validator(), path.join(OC4IDS, 'project-package-schema.json'), pkg);
  });

  it('leaves out empty optional metadata and absent links', () => {
    const pkg = releasePackage([], { uri: 'u', publishedDate: 'd', publisher: { name: 'n' }, extensions: [], links: undefined });
    expect(pkg).toStrictEqual({ uri: 'u', version: '1.1', publishedDate: 'd', publisher: { name: 'n' }, releases: [] });
  });

  it('declares one extension URL per manifest extension, Mexican ones from contratacionesabiertas', () => {
    expect(EDCA_MX_EXTENSIONS).toHaveLength(manifest.edcaMx.extensions.length);
    expect(extensionUrl('ocds_taxes_extension')).toBe('https://raw.githubusercontent.com/contratacionesabiertas/ocds_taxes_extension/master/extension.json');
    expect(extensionUrl('ocds_location_extension')).toBe('https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/v1.1.5/extension.json');
  });
});
