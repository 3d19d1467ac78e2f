import './import-messages';
import { renderMessage } from '../messages/render';
import { packageMetadata, packageTermsFindings, publisherNamesFinding, settingsFromPackages } from './settings-from-packages';
import { importDocuments } from './upgrade';

const release = (ocid: string, date: string, region?: string) => ({
  ocid, id: `${ocid}-1`, date, tender: { tenderPeriod: { startDate: date } },
  parties: [{ id: 'MX-RFC-X', roles: ['buyer'], ...(region ? { address: { region } } : {}) }],
});

describe('settingsFromPackages', () => {
  test('package metadata, shared prefixes, the agreed state and the zone whose offsets match every date', () => {
    const pkg = { publisher: { name: 'Ayuntamiento de Tijuana' }, license: 'https://lic.example', publicationPolicy: 'https://pol.example' };
    // 23:59 of the day clocks went back (03/11/2024) is standard time already.
    const releases = [release('ocds-tij001-A', '2024-01-15T00:00:00-08:00', 'Baja California'), release('ocds-tij001-B', '2024-07-01T00:00:00-07:00', 'Baja California'), release('ocds-tij001-C', '2024-11-03T23:59:00-08:00', 'Baja California')];
    const projects = [{ id: 'oc4ids-tij001-P1', parties: [{ roles: ['publicAuthority'], address: { region: 'Baja California' } }] }];
    expect(settingsFromPackages([pkg], { releases, projects })).toEqual({
      publisherName: 'Ayuntamiento de Tijuana', licenseUrl: 'https://lic.example', publicationPolicyUrl: 'https://pol.example',
      ocidPrefix: 'ocds-tij001', projectIdPrefix: 'oc4ids-tij001', state: 'Baja California', timeZone: 'America/Tijuana',
    });
  });

  test('the state as the platform names it: Ciudad de México\'s buyer writes «DF» (an unknown name is kept as written)', () => {
    const df = [release('ocds-87sd3t-A', '2016-01-01T00:00:00-06:00', 'DF')];
    expect(settingsFromPackages([{}], { releases: df, projects: [] }).state).toBe('Ciudad de México');
    const other = [release('ocds-87sd3t-A', '2016-01-01T00:00:00-06:00', 'Región Norte')];
    expect(settingsFromPackages([{}], { releases: other, projects: [] }).state).toBe('Región Norte');
  });

  test('a release from datos.gob.mx names its publisher in `packageInfo`', () => {
    const bare = { ...release('ocds-07smqs-1', '2017-03-01T00:00:00-06:00'), packageInfo: { publisher: { name: 'SECRETARÍA DE LA FUNCIÓN PÚBLICA' }, uri: 'https://api.datos.gob.mx/v1/' } };
    expect(settingsFromPackages([bare], { releases: [bare], projects: [] }).publisherName).toBe('SECRETARÍA DE LA FUNCIÓN PÚBLICA');
  });

  test('what the packages do not settle is left to the template defaults, but a license they do not state stays blank', () => {
    const releases = [release('ocds-aaa111-A', '2024-01-15T00:00:00-06:00', 'Yucatán'), release('ocds-bbb222-B', '2024-01-16T00:00:00+02:00', 'Campeche')];
    // The template suggests a license to whoever starts a workbook; import writes what was published: none.
    expect(settingsFromPackages([{}], { releases, projects: [] })).toEqual({ licenseUrl: '', publicationPolicyUrl: '' });
    // Central time: the default zone (equivalent to Mérida or Monterrey for every date).
    expect(settingsFromPackages([], { releases: [release('ocds-aaa111-A', '2021-07-01T00:00:00-05:00')], projects: [] }).timeZone).toBe('America/Mexico_City');
  });

  test('read from the metadata kept by import (packageMetadata, without the documents), the same settings', () => {
    const releases = [release('ocds-tij001-A', '2024-01-15T00:00:00-08:00', 'Baja California')];
    const pkg = { uri: 'https://x.example/p.json', publisher: { name: 'Ayuntamiento de Tijuana' }, license: 'https://lic.example', publicationPolicy: 'https://pol.example', releases };
    const bare = { ...release('ocds-07smqs-1', '2017-03-01T00:00:00-06:00'), packageInfo: { publisher: { name: 'SFP' } } };
    for (const p of [pkg, bare]) {
      const kept = packageMetadata(p);
      expect(JSON.stringify(kept)).not.toContain('ocds-');
      expect(settingsFromPackages([kept], { releases, projects: [] })).toEqual(settingsFromPackages([p], { releases, projects: [] }));
    }
  });

  test('releases from datos.gob.mx gathered in a package or a list: the publisher named in their `packageInfo`', () => {
    const bare = { ...release('ocds-07smqs-1', '2017-03-01T00:00:00-06:00'), packageInfo: { publisher: { name: 'SECRETARÍA DE LA FUNCIÓN PÚBLICA' } } };
    for (const file of [{ version: '1.1', releases: [bare] }, [bare]]) {
      const { releases } = importDocuments(file, 'gob.json');
      expect(settingsFromPackages([packageMetadata(file)], { releases, projects: [] }).publisherName).toBe('SECRETARÍA DE LA FUNCIÓN PÚBLICA');
    }
    // A package's own publisher comes first.
    const pkg = { publisher: { name: 'Ayuntamiento de Tijuana' }, releases: [bare] };
    expect(settingsFromPackages([packageMetadata(pkg)], { releases: importDocuments(pkg, 'p.json').releases, projects: [] }).publisherName).toBe('Ayuntamiento de Tijuana');
  });
});

describe('releases of several publishers in one import', () => {
  const from = (ocid: string, name: string) => ({ ...release(ocid, '2017-03-01T00:00:00-06:00'), packageInfo: { publisher: { name } } });
  test('Configuración keeps the first name, and the others are reported, not dropped in silence', () => {
    const releases = [from('ocds-07smqs-1', 'SFP'), from('ocds-87sd3t-2', 'CDMX-SEFIN'), from('ocds-07smqs-3', 'SFP'), from('ocds-xs1qbl-4', 'Ayuntamiento de Tijuana')];
    expect(settingsFromPackages([], { releases, projects: [] }).publisherName).toBe('SFP');
    const f = publisherNamesFinding([], { releases, projects: [] });
    expect(f).toMatchObject({ code: 'import.publisher-names', severity: 'warning', params: { kept: 'SFP', count: 2 } });
    expect(f && renderMessage(f)).toBe('Los paquetes importados nombran a más de un publicador. La hoja «Configuración» tiene un solo «Nombre del publicador» y quedó «SFP»; no se usaron «CDMX-SEFIN» ni «Ayuntamiento de Tijuana». Al enviar el libro a revisión, todo se publica con el nombre con que está registrada su institución (el de «Configuración» solo lo usa «infra-abierta convert»): si los datos no son todos de una misma institución, importe por separado los de cada publicador.');
    // A package's own publisher counts too, and comes first.
    expect(publisherNamesFinding([{ publisher: { name: 'Gobierno de Nuevo León' } }], { releases: [from('ocds-07smqs-1', 'SFP')], projects: [] })?.params).toMatchObject({ kept: 'Gobierno de Nuevo León', count: 1, others: '«SFP»' });
  });

  test('one publisher, however many releases name it: said what the name in Configuración is for (the platform publishes with the registered one); none: nothing', () => {
    const f = publisherNamesFinding([{ publisher: { name: 'SFP' } }], { releases: [from('ocds-07smqs-1', 'SFP'), from('ocds-07smqs-2', ' SFP ')], projects: [] });
    expect(f).toMatchObject({ code: 'import.publisher-name', severity: 'info' });
    expect(f && renderMessage(f)).toBe('En la hoja «Configuración», «Nombre del publicador» quedó «SFP», el publicador que nombran los paquetes. Al enviar el libro a revisión, los datos se publican con el nombre con que está registrada su institución, no con este: el de «Configuración» solo da el nombre en los archivos que escribe «infra-abierta convert» (y al registrar una institución nueva con «infra-abierta publish»).');
    expect(publisherNamesFinding([{}], { releases: [release('ocds-aaa111-A', '2024-01-15T00:00:00-06:00')], projects: [] })).toBeUndefined();
  });
});

describe("the import's report on `packageInfo`", () => {
  test('the publisher name, licence and policy go to Configuración: not reported as left out; the rest of the package metadata is said apart', () => {
    const bare = {
      ...release('ocds-87sd3t-1', '2017-07-03T00:00:00-06:00'),
      packageInfo: { publisher: { name: 'CDMX-SEFIN', uid: '0901', uri: 'http://www.finanzas.df.gob.mx/' }, license: 'https://lic.example', publicationPolicy: 'https://pol.example' },
    };
    const findings = importDocuments(bare, 'cdmx.json').findings;
    expect(findings.filter((f) => f.code === 'import.dropped')).toEqual([]);
    // The rest of the package's metadata is said apart, as what it is (conversion writes its own), not as data lost.
    expect(findings.filter((f) => f.code === 'import.package-metadata').map((f) => [f.severity, f.params.fields])).toEqual([['info', '«packageInfo/publisher/uid», «packageInfo/publisher/uri»']]);
  });
});

describe('packages that state different licences or publication policies', () => {
  test('Configuración keeps the first of each, and the others are reported by the setting\'s name', () => {
    const packages = [
      { license: 'https://creativecommons.org/licenses/by/4.0/', publicationPolicy: 'https://a.gob.mx/politica' },
      { license: 'https://datos.gob.mx/libreusomx', publicationPolicy: 'https://a.gob.mx/politica' },
    ];
    const documents = { releases: [release('ocds-aaa111-A', '2024-01-15T00:00:00-06:00')], projects: [] };
    expect(settingsFromPackages(packages, documents).licenseUrl).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(packageTermsFindings(packages, documents).map(renderMessage)).toEqual([
      'Los paquetes importados declaran más de un valor para «Licencia (URL)». La hoja «Configuración» tiene uno solo y quedó «https://creativecommons.org/licenses/by/4.0/»; no se usó «https://datos.gob.mx/libreusomx». Todo lo de este libro se publicará con «https://creativecommons.org/licenses/by/4.0/»: si no es correcto, corríjalo en «Configuración» o importe por separado los datos de cada publicador.',
    ]);
    // One of each stated, however many times: nothing to say.
    expect(packageTermsFindings([packages[0], packages[0]], documents)).toEqual([]);
  });
});
