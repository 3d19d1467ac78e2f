/** Which document a linked release is (among the files given) and which of its releases is the linked one. */
import { failureFinding, givenDocument, linkAt, releaseLinks, releasesAtLink, type ReleaseLink } from './linked-releases';
import { renderMessage } from '../messages/render';

const release = (ocid: string, id: string) => ({ ocid, id, date: '2020-04-09T13:40:40-05:00', tag: ['tender'] });
const link = (url: string, recordOcid = 'ocds-7wj9x5-SINL-AD-009-2020001'): ReleaseLink => ({ file: 'registro.json', pointer: '/records/0/releases/0', recordOcid, url });

describe('linked releases', () => {
  test('the links of a record package, with their JSON path; embedded releases are not links', () => {
    const pkg = { records: [{ ocid: 'ocds-abc123-1', releases: [{ url: 'http://x/1.json', date: '2020-01-01T00:00:00Z' }, release('ocds-abc123-1', '2')] }] };
    expect(releaseLinks([{ file: 'r.json', value: pkg }])).toEqual([{ file: 'r.json', pointer: '/records/0/releases/0', recordOcid: 'ocds-abc123-1', url: 'http://x/1.json' }]);
  });

  test("a file given is the document by its package's uri, its address's last segment, or that and «.json»", () => {
    const files = [{ file: 'Release-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json', value: {} }, { file: 'ocds-xs1qbl-1-planning.json', value: {} }, { file: 'otro.json', value: { uri: 'http://x/paquete' } }];
    expect(givenDocument('http://si.nl.gob.mx/A/v001/Release-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json', files)?.file).toBe(files[0].file);
    expect(givenDocument('https://contratacionesabiertas.jalisco.gob.mx/OCApi/release/ocds-xs1qbl-1-planning', files)?.file).toBe(files[1].file);
    expect(givenDocument('http://x/paquete#ocds-abc123-1-01', files)?.file).toBe('otro.json');
    expect(givenDocument('http://x/nada.json', files)).toBeUndefined();
  });

  test("a relative address is relative to the package's uri (OCDS readers resolve it so); without an http(s) uri it stays as written, and only a file of that name is it", () => {
    const pkg = { uri: 'https://x.mx/datos/registros/paquete.json', records: [{ ocid: 'ocds-abc123-1', releases: [{ url: 'entregas/1.json#a', date: '2020-01-01T00:00:00Z' }, { url: '../entregas/2.json', date: '2020-01-02T00:00:00Z' }, { url: 'https://y.mx/3.json', date: '2020-01-03T00:00:00Z' }] }] };
    expect(releaseLinks([{ file: 'r.json', value: pkg }]).map((l) => [l.url, l.written])).toEqual([['https://x.mx/datos/registros/entregas/1.json#a', 'entregas/1.json#a'], ['https://x.mx/datos/entregas/2.json', '../entregas/2.json'], ['https://y.mx/3.json', undefined]]);
    expect(linkAt('r.json', '/records/0/releases/0', 'ocds-abc123-1', 'entregas/1.json', 'paquete.json')).toEqual({ file: 'r.json', pointer: '/records/0/releases/0', recordOcid: 'ocds-abc123-1', url: 'entregas/1.json' });
    // The document given by the resolved address (a package whose uri it is), or by its name.
    const files = [{ file: 'a.json', value: { uri: 'https://x.mx/datos/entregas/2.json' } }, { file: '1.json', value: {} }];
    expect(givenDocument('https://x.mx/datos/entregas/2.json', files)?.file).toBe('a.json');
    expect(givenDocument('entregas/1.json', files)?.file).toBe('1.json');
    // Said with the address resolved and as the file writes it.
    const resolved = releaseLinks([{ file: 'r.json', value: pkg }])[1];
    const failed = failureFinding(resolved, { kind: 'status', status: 404, detail: 'Not Found' }, false);
    // The finding carries both addresses as data (JSON readers of the CLI's report); the catalogue words them.
    expect(failed.params).toMatchObject({ url: 'https://x.mx/datos/entregas/2.json', written: '../entregas/2.json' });
    expect(renderMessage(failed)).toBe('No se pudo descargar la entrega enlazada https://x.mx/datos/entregas/2.json («../entregas/2.json» en el archivo) del registro «ocds-abc123-1»: el servidor respondió 404 (Not Found).');
  });

  test("without a fragment, the document's releases of the record's process (the prefix's case and Nuevo León's version aside); with one, the release of that id", () => {
    const pkg = { releases: [release('ocds-7wj9x5-SINL-AD-009-2020-v001', 'a'), release('OCDS-7WJ9X5-SINL-AD-009-2020001', 'b'), release('ocds-7wj9x5-OTRO', 'c')] };
    expect(releasesAtLink(link('http://x/p.json'), { value: pkg })).toEqual({ releases: [{ pointer: '/releases/0', release: pkg.releases[0] }, { pointer: '/releases/1', release: pkg.releases[1] }] });
    expect(releasesAtLink(link('http://x/p.json#b'), { value: pkg })).toEqual({ releases: [{ pointer: '/releases/1', release: pkg.releases[1] }] });
    // A release published alone, as some servers answer.
    expect(releasesAtLink(link('http://x/r'), { value: pkg.releases[0] })).toEqual({ releases: [{ pointer: '', release: pkg.releases[0] }] });
  });

  test('what is not the linked release is an error naming the address (a warning when accepted), and the file when it was one given', () => {
    const at = (url: string, value: unknown, given?: string, accepted = false): (string | undefined)[] => {
      const r = releasesAtLink(link(url), given ? { value, given } : { value }, accepted);
      return 'finding' in r ? [r.finding.severity, r.finding.pointer, renderMessage(r.finding)] : [];
    };
    expect(at('http://x/p.json#z', { releases: [release('ocds-7wj9x5-SINL-AD-009-2020001', 'a')] })).toEqual(['error', '/records/0/releases/0', 'El paquete descargado de http://x/p.json#z no trae la entrega «z» que nombra el enlace del registro «ocds-7wj9x5-SINL-AD-009-2020001» (después de «#»).']);
    expect(at('http://x/p.json', { releases: [release('ocds-7wj9x5-OTRO', 'a')] }, 'p.json', true)).toEqual(['warning', '/records/0/releases/0', 'El archivo «p.json», tomado por la entrega enlazada http://x/p.json, es del proceso «ocds-7wj9x5-OTRO», no del registro «ocds-7wj9x5-SINL-AD-009-2020001» que la enlaza.']);
    expect(at('http://x/p.json', { records: [] })[2]).toMatch(/^Lo que se descargó de http:\/\/x\/p\.json .* no es un paquete de entregas ni una entrega/);
    expect(at('http://x/p.json', { releases: [] })[2]).toMatch(/no es un paquete de entregas ni una entrega/);
  });
});
