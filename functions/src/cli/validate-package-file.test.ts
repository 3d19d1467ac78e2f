/**
 * validate-package-file.ts: a package checked item by item as it is read gives the findings of the package read
 * whole (validatePackage), in the same order; files it does not read that way are left to the whole-file path.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validatePackage } from '../../../core/validate/validate-package';
import { deriveRelease } from '../../../core/unflatten/derive-fields';
import { syntheticReleases } from '../../../scripts/bench/synthetic-releases';
import { validatePackageFile } from './validate-package-file';

type Obj = Record<string, any>;
const settings = { now: '2025-07-01T00:00:00-06:00' };
let dir: string;

beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-package-file-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Releases with the usual mistakes (plantErrors) and more: every finding kind the checks give per document. */
function faultyReleases(): unknown[] {
  const releases: unknown[] = syntheticReleases(24, 'complete', true).map((r) => deriveRelease(r, '2025-06-30T12:00:00-06:00'));
  const r = releases as Obj[];
  r[0].awards.push({ ...r[0].awards[0] }); // array.duplicateId
  r[1].buyer.id = 'nadie'; // reference.unknownParty
  r[2].tender.procuringEntity.id = r[2].parties[r[2].parties.length - 1].id; // reference.missingRole
  r[3].ocid = 'sin-prefijo'; // ocid.format
  r[4].tender.value = { amount: 'mucho', currency: 'MXN' }; // schema.type
  r[5].tender.title = 'Título\u202econ\u200bocultos'; // text.invisibleCharacters
  r[6].tender.documents = [{ id: 'd1', url: 'javascript:alert(1)', documentType: 'contractSigned' }]; // url.scheme, document.wrongStage
  r[7].contracts[0].value = { amount: -5 }; // amount.negative, amount.currencyMissing
  r[8].parties[0].address = { postalCode: '123', countryName: 'México' }; // address.postalCode
  delete r[9].id; // schema.required
  r[10].tender.status = 'otro'; // schema.codelist
  r[11].awards[0].date = '2030-01-01T00:00:00Z'; // date.future
  r[12].tender.description = 'x'.repeat(12_000); // text.tooLong
  return releases;
}

const codesOf = (findings: { code: string }[]): string[] => [...new Set(findings.map((f) => f.code))];

test('an indented release package with mistakes of every kind: the same findings read item by item as read whole', () => {
  const pkg = { uri: 'file://p.json', version: '1.1', publishedDate: '2025-06-30T12:00:00Z', publisher: { name: 'P' }, releases: faultyReleases() };
  for (const indent of [4, 2, '\t']) {
    const file = write(`entregas-${String(indent).length}.json`, JSON.stringify(pkg, null, indent));
    const streamed = validatePackageFile(file, settings);
    const whole = validatePackage(JSON.parse(fs.readFileSync(file, 'utf8')), settings);
    expect(streamed).toBeDefined();
    expect(streamed).toEqual(whole);
    expect(codesOf(streamed?.findings ?? [])).toEqual(expect.arrayContaining([
      'schema.type', 'schema.required', 'schema.codelist', 'program.required', 'rfc.date', 'reference.unknownParty', 'reference.missingRole',
      'array.duplicateId', 'date.future', 'date.periodOrder', 'ocid.format', 'amount.negative', 'url.scheme', 'text.tooLong', 'document.keyMissing',
    ]));
  }
  // The package's own fields too (an item's own findings stay at its pointer).
  const { uri: _uri, ...noUri } = pkg;
  const file = write('sin-uri.json', JSON.stringify({ ...noUri, version: 7 }, null, 4));
  const streamed = validatePackageFile(file, settings);
  expect(streamed?.findings.filter((f) => !(f.pointer ?? '').startsWith('/releases/')).map((f) => f.pointer ?? '')).toEqual(expect.arrayContaining(['/version', '/uri']));
  expect(streamed).toEqual(validatePackage(JSON.parse(fs.readFileSync(file, 'utf8')), settings));
});

test('an indented project package: the same findings read item by item as read whole', () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../test/fixtures/engine/projects/expected.json'), 'utf8')) as Obj;
  const project = fixture.projects[0] as Obj;
  const projects = [project, { ...project, id: 'mal' }, { ...project, status: 'completion', completion: {} }, { ...project, title: 'T'.repeat(200) }];
  const file = write('proyectos.json', JSON.stringify({ uri: 'file://p.json', version: '0.9', publishedDate: '2025-06-30T12:00:00Z', projects }, null, 4));
  const streamed = validatePackageFile(file, settings);
  expect(streamed?.kind).toBe('project');
  expect(streamed).toEqual(validatePackage(JSON.parse(fs.readFileSync(file, 'utf8')), settings));
  expect(codesOf(streamed?.findings ?? [])).toEqual(expect.arrayContaining(['projectId.format', 'project.statusWithoutCompletion', 'text.programLimit', 'schema.minProperties']));
});

test('compact files, record packages, a second list and broken JSON are left to the whole-file path', () => {
  const releases = faultyReleases().slice(0, 3);
  const pkg = { uri: 'file://p.json', releases };
  const cases = [
    JSON.stringify(pkg),
    JSON.stringify({ uri: 'file://r.json', records: [{ ocid: 'ocds-abcdef-1', compiledRelease: releases[0] }] }, null, 4),
    `${JSON.stringify(pkg, null, 4).slice(0, -2)},\n    "releases": []\n}`,
    JSON.stringify(pkg, null, 4).replace('"ocid"', '"ocid" "'),
    // Items that are not objects (the schema's findings): not the indented layout the window reads.
    JSON.stringify({ ...pkg, releases: [...releases, 42, null, [1, 2]] }, null, 4),
  ];
  cases.forEach((text, i) => expect(validatePackageFile(write(`otro-${i}.json`, text), settings)).toBeUndefined());
  // A package with projects and releases is a release package (its projects are the package's own fields).
  const both = write('ambos.json', JSON.stringify({ projects: [{ id: 'x' }], ...pkg }, null, 4));
  expect(validatePackageFile(both, settings)).toEqual(validatePackage(JSON.parse(fs.readFileSync(both, 'utf8')), settings));
  expect(validatePackageFile(both, settings)?.kind).toBe('release');
  // Projects first, releases after them: not the list the window read first, so read whole.
  const projectsFirst = write('proyectos-primero.json', JSON.stringify({ uri: 'file://p.json', projects: [{ id: 'x' }], releases: [] }, null, 4).replace('"releases": []', `"releases": ${JSON.stringify(releases)}`));
  expect(validatePackageFile(projectsFirst, settings)).toBeUndefined();
});
