import * as fs from 'fs';
import * as path from 'path';
import { STANDARDS_DIR, hasStandards } from '../../test/standards';
import { buildRecord, compileRelease, versionedRelease, type Release } from './index';
import { mergeReleases } from './merge-releases';

const MERGING = path.join(STANDARDS_DIR, 'examples', 'ocds', 'merging');
const SAMPLE = path.join(STANDARDS_DIR, 'examples', 'ocds', 'sample-data', 'fictional-example-1.1');
const read = (file: string): any => JSON.parse(fs.readFileSync(file, 'utf8'));
const releasesOf = (dir: string, files: string[]): Release[] => files.flatMap((f) => read(path.join(dir, f)).releases);
const itStd = hasStandards ? it : it.skip;

describe('worked examples of the OCDS 1.1 merging page', () => {
  itStd('compiles and versions the five releases of ocds-213czf-000-00002 exactly', () => {
    // Given out of date order on purpose: merging sorts by date.
    const releases = releasesOf(MERGING, ['merge-award-2.json', 'merge-tender-1.json', 'merge-award-1.json', 'merge-tender-3.json', 'merge-tender-2.json']);
    expect(compileRelease(releases)).toStrictEqual(read(path.join(MERGING, 'merged.json')).records[0].compiledRelease);
    const versioned = read(path.join(MERGING, 'versioned.json')).records[0];
    expect(compileRelease(releases)).toStrictEqual(versioned.compiledRelease);
    expect(versionedRelease(releases)).toStrictEqual(versioned.versionedRelease);
  });

  for (const example of ['example02-field-record.json', 'example02-object-record.json', 'example03-record.json']) {
    itStd(`reproduces the compiled and versioned releases of ${example}`, () => {
      const record = read(path.join(MERGING, example)).records[0];
      expect(compileRelease(record.releases)).toStrictEqual(record.compiledRelease);
      expect(versionedRelease(record.releases)).toStrictEqual(record.versionedRelease);
    });
  }
});

describe('fictional sample data (open-contracting/sample-data, 1.1)', () => {
  itStd('builds the published record from the six releases', () => {
    const pkg = read(path.join(SAMPLE, 'ocds-213czf-000-00001.json'));
    const expected = read(path.join(SAMPLE, 'record', 'ocds-213czf-000-00001-withversions.json')).records[0];
    const record = buildRecord('ocds-213czf-000-00001', pkg.releases, {
      releaseUrl: (id) => `${pkg.uri}#${id}`,
    });
    expect(record).toStrictEqual(expected);
  });
});

describe('merge rules beyond the worked examples', () => {
  const fixture = read(path.join(__dirname, '..', '..', 'test', 'fixtures', 'merge', 'edge-cases.json'));

  it('compiles: null removes a whole object, whole lists are replaced, empty arrays add nothing', () => {
    expect(compileRelease(fixture.releases)).toStrictEqual(fixture.compiledRelease);
  });

  it('versions: a null over an object removes each of its fields; item ids are not versioned', () => {
    expect(versionedRelease(fixture.releases)).toStrictEqual(fixture.versionedRelease);
  });

  it('does not mutate its input and shares no arrays with it', () => {
    const before = JSON.stringify(fixture.releases);
    const compiled = compileRelease(fixture.releases) as any;
    compiled.tender.submissionMethod.push('x');
    expect(JSON.stringify(fixture.releases)).toBe(before);
  });

  it('appends array items that have no id instead of merging them', () => {
    const releases = [
      { ocid: 'o', id: '1', date: '2024-01-01T00:00:00Z', tag: ['tender'], relatedProcesses: [{ title: 'a' }] },
      { ocid: 'o', id: '2', date: '2024-01-02T00:00:00Z', tag: ['tender'], relatedProcesses: [{ title: 'b' }] },
    ];
    expect(compileRelease(releases).relatedProcesses).toStrictEqual([{ title: 'a' }, { title: 'b' }]);
  });

  it('lets a later object replace an earlier null', () => {
    const releases = [
      { ocid: 'o', id: '1', date: '2024-01-01T00:00:00Z', tag: ['tender'], tender: null },
      { ocid: 'o', id: '2', date: '2024-01-02T00:00:00Z', tag: ['tender'], tender: { id: 't', title: 'x' } },
    ];
    expect(compileRelease(releases).tender).toStrictEqual({ id: 't', title: 'x' });
    expect(versionedRelease(releases).tender).toStrictEqual({
      id: [{ releaseID: '2', releaseDate: '2024-01-02T00:00:00Z', releaseTag: ['tender'], value: 't' }],
      title: [{ releaseID: '2', releaseDate: '2024-01-02T00:00:00Z', releaseTag: ['tender'], value: 'x' }],
    });
  });

  it('embeds the releases when no URL is given', () => {
    const record = buildRecord('ocds-test-1', fixture.releases, { versioned: false });
    expect(record.releases).toStrictEqual(fixture.releases);
    expect(record.versionedRelease).toBeUndefined();
  });
});

test('a compiled release whose last release has no date is named by its ocid alone, in both merge engines', () => {
  const releases = [{ ocid: 'ocds-abc123-1', id: 'r1', tag: ['tender'], tender: { id: 't1', title: 'Obra' } }];
  expect(mergeReleases(releases).compiled?.id).toBe('ocds-abc123-1');
  // A null sends the merge to the flat engine.
  expect(mergeReleases([{ ...releases[0], tender: { id: 't1', title: null } }]).compiled?.id).toBe('ocds-abc123-1');
  expect(mergeReleases([{ ...releases[0], date: '2024-01-02T00:00:00Z' }]).compiled?.id).toBe('ocds-abc123-1-2024-01-02T00:00:00Z');
});

test('a field named __proto__ in a release (JSON text) is left out, and nothing is written into every object of the process', () => {
  // A null sends the merge to the flat engine, which placed `__proto__`'s fields on Object.prototype itself.
  const release = JSON.parse('{"ocid":"o","id":"1","date":"2024-01-01T00:00:00Z","tender":null,"__proto__":{"polluted":"sí"},"buyer":{"__proto__":{"name":"x"}}}') as Release;
  try {
    // `buyer` stays, empty: the flat engine places an object before it finds its fields are all left out.
    expect(JSON.stringify(compileRelease([release]))).toBe('{"tag":["compiled"],"id":"o-2024-01-01T00:00:00Z","date":"2024-01-01T00:00:00Z","ocid":"o","buyer":{}}');
    expect(JSON.stringify(versionedRelease([release]))).toBe('{"ocid":"o","tender":[{"releaseID":"1","releaseDate":"2024-01-01T00:00:00Z","releaseTag":null,"value":null}],"buyer":{}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  } finally {
    delete (Object.prototype as Record<string, unknown>).polluted;
    delete (Object.prototype as Record<string, unknown>).name;
  }
});
