/**
 * A package validated a chunk of its list at a time (the CLI, on two threads) gives the same findings, in the same
 * order, as the package validated at once — on the documents of every validation fixture (each fixture's
 * mistakes planted in the base documents), for chunk sizes that split a document's neighbours every way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pointerSegments } from '../findings/pointer';
import { ROOT } from '../../test/standards';
import type { Documents, ValidateSettings } from './index';
import type { RawFinding } from './raw-finding';
import { envelopeFindings, listChunkGroups, listPackageFindings, validatePackage, type ListKind } from './validate-package';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'validate');
const SETTINGS: ValidateSettings = { now: '2025-01-01T00:00:00Z' };

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

interface Case { set?: Record<string, unknown>; remove?: string[] }

function applyCase(base: Documents, c: Case): Documents {
  const docs = JSON.parse(JSON.stringify(base)) as Documents;
  const parentOf = (pointer: string): [Record<string, unknown>, string] => {
    const segments = pointerSegments(pointer);
    let node: unknown = docs;
    for (const s of segments.slice(0, -1)) node = (node as Record<string, unknown>)[s];
    return [node as Record<string, unknown>, segments[segments.length - 1]];
  };
  for (const [pointer, value] of Object.entries(c.set ?? {})) { const [node, key] = parentOf(pointer); node[key] = value; }
  for (const pointer of c.remove ?? []) { const [node, key] = parentOf(pointer); delete node[key]; }
  return docs;
}

const base = readJson<Documents>(path.join(FIXTURES, 'base', 'documents.json'));
const cases = fs.readdirSync(FIXTURES).filter((d) => fs.existsSync(path.join(FIXTURES, d, 'input.json'))).sort();
const all = cases.map((name) => applyCase(base, readJson<Case>(path.join(FIXTURES, name, 'input.json'))));
const releases = all.flatMap((d) => d.releases ?? []);
const projects = all.flatMap((d) => d.projects ?? []);

function chunked(kind: ListKind, pkg: Record<string, unknown>, items: unknown[], size: number): ReturnType<typeof listPackageFindings> {
  const chunks: RawFinding[][][] = [];
  // Validated back to front, as the worker takes them: the result must not depend on the order of the work.
  for (let first = Math.floor((items.length - 1) / size) * size; first >= 0; first -= size) {
    chunks.unshift(listChunkGroups(kind, items.slice(first, first + size), first, SETTINGS));
  }
  return listPackageFindings(envelopeFindings(kind, pkg), chunks);
}

test('the fixtures planted in one package give findings of every kind', () => {
  const whole = validatePackage({ uri: 'x', releases }, SETTINGS);
  expect(new Set(whole?.findings.map((f) => f.code)).size).toBeGreaterThan(30);
});

test.each([1, 2, 3, 7, 1000])('a release package in chunks of %i: the same findings, in the same order', (size) => {
  const pkg = { uri: 'file://x.json', publishedDate: '2025-01-01T00:00:00Z', publisher: { name: 'X' }, version: '1.1', releases };
  expect(chunked('release', pkg, releases, size)).toEqual(validatePackage(pkg, SETTINGS)?.findings);
});

test.each([1, 2, 5])('a project package in chunks of %i: the same findings, in the same order', (size) => {
  const pkg = { uri: 'file://x.json', publishedDate: '2025-01-01T00:00:00Z', publisher: { name: 'X' }, version: '0.9', projects };
  expect(projects.length).toBeGreaterThan(size);
  expect(chunked('project', pkg, projects, size)).toEqual(validatePackage(pkg, SETTINGS)?.findings);
});
