import * as fs from 'fs';
import * as path from 'path';
import { validate, type Documents } from '../validate';
import { renderMessage } from '../messages/render';
import { hasStandards, STANDARDS_DIR } from '../../test/standards';

const OCID = 'ocds-mer001-LO-031-2024';
const linked = (id: string) => ({ id, tag: ['contract'], date: '2024-06-01T00:00:00-06:00', url: `https://datos.example/releases/${id}` });

function project(process: Record<string, unknown>): Documents {
  return { releases: [], projects: [{ id: 'oc4ids-mer001-P1', title: 'Calle 60', contractingProcesses: [{ id: OCID, summary: { ocid: OCID, modifications: [{ id: 'MOD-1', releaseID: `${OCID}-amendment` }] }, ...process }] }] };
}

const unknownRelease = (docs: Documents) => validate(docs).filter((f) => f.code === 'link.modificationReleaseUnknown');

describe('a contract change names a release of its process (OC4IDS Modification.releaseID)', () => {
  test('named outside the linked releases: a warning, in words for a JSON document', () => {
    const [f] = unknownRelease(project({ releases: [linked(`${OCID}-tender`)] }));
    expect(f).toMatchObject({ severity: 'warning', pointer: '/projects/0/contractingProcesses/0/summary/modifications/0/releaseID', params: { value: `${OCID}-amendment`, ocid: OCID } });
    expect(renderMessage(f)).toBe(`La modificación cita la entrega «${OCID}-amendment», pero esa entrega no está entre las del proceso ${OCID}. Copie el identificador de la entrega OCDS que registra el cambio, tal como se publicó; si no lo conoce, quite «releaseID».`);
  });

  test('a linked release, or a release of the same ocid among the documents, is one of its releases', () => {
    expect(unknownRelease(project({ releases: [linked(`${OCID}-tender`), linked(`${OCID}-amendment`)] }))).toEqual([]);
    const docs = project({ releases: [linked(`${OCID}-tender`)] });
    docs.releases = [{ ocid: OCID, id: `${OCID}-amendment`, date: '2024-06-01T00:00:00-06:00', tag: ['contractAmendment'], initiationType: 'tender' }];
    expect(unknownRelease(docs)).toEqual([]);
  });

  test('a process that lists no linked releases (a workbook: publication writes them) is not judged', () => {
    const docs = project({});
    docs.releases = [{ ocid: OCID, id: `${OCID}-3f2a9c10`, date: '2024-06-01T00:00:00-06:00', tag: ['contract'], initiationType: 'tender' }];
    expect(unknownRelease(docs)).toEqual([]);
  });

  (hasStandards ? test : test.skip)('the OC4IDS 0.9.5 worked example names one release its process does not list', () => {
    const example = JSON.parse(fs.readFileSync(path.join(STANDARDS_DIR, 'oc4ids-0.9.5', '..', 'examples', 'oc4ids', 'example.json'), 'utf8')) as { projects: Record<string, unknown>[] };
    expect(unknownRelease({ releases: [], projects: example.projects }).map((f) => f.params.value)).toEqual(['ocds-a1b1c1-c9b14c18-adc8-11e6-9901-0019b9f3037b-cdfpc3b005']);
  });
});
