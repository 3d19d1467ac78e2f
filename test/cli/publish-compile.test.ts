/** `publish` into the local store and `compile` of any OCDS release package into records. */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readJson, runCli, scratchDir, STACK_TRACE } from './run-cli';
import { VALIDATORS } from '../../core/validate';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { packageMeta, packageTerms } from '../../functions/src/api/current-publications';
import { servedExtensions } from '../../core/packages';
import { ROOT, STANDARDS_DIR, hasStandards } from '../standards';
import { exampleWorkbook } from '../example-workbooks';
import { writeXlsx } from '../../scripts/bench/write-xlsx';
import { publish } from '../../functions/src/publication/publish';
import { publishCommand } from '../../functions/src/cli/publish-command';
import { parseArgs } from '../../functions/src/cli/args';
import { projectWorkbook, PUBLISHERS, xlsxOf } from '../workflow/workflow-harness';
import type { Store } from '../../functions/src/store/store';
import { bulkPrefix, hasBulkFiles } from '../../functions/src/publication/bulk-files';
import { diskBlobStore } from '../../functions/src/publication/disk-blob-store';
import { bulkService } from '../../functions/src/publication/bulk-service';

const EXAMPLE = path.join(ROOT, 'templates', 'examples', 'merida.xlsx');

describe('publish', () => {
  let dir: string;
  const saved = process.env.INFRA_SQLITE;
  beforeEach(() => { dir = scratchDir('publish-'); process.env.INFRA_SQLITE = path.join(dir, 'sub', 'datos.sqlite'); });
  afterEach(() => { process.env.INFRA_SQLITE = saved; fs.rmSync(dir, { recursive: true, force: true }); });

  it('registers the publisher from Configuración, publishes, then reports no changes on the same workbook', async () => {
    const first = await runCli('publish', EXAMPLE, '--publicador', 'merida');
    expect(first.code).toBe(0);
    expect(first.err).toContain('Publicador «merida» registrado: Municipio de Mérida. Sin compromiso de proyectos (0): indíquelo con «infra-abierta publishers add merida --nombre … --entidad … --prefijo-ocid ocds-mid001 --prefijo-proyectos oc4ids-mid001 --proyectos N».');
    expect(first.err).toMatch(/Publicado merida-\d+-[0-9a-f]{8}: 5 entregas, 5 registros, 4 proyectos/);
    // The address written into the records' links is said when PUBLIC_BASE_URL does not set it.
    if (!process.env.PUBLIC_BASE_URL) expect(first.err).toMatch(/Los enlaces de los registros apuntan a http:\/\/127\.0\.0\.1:\d+\. Si su servidor se consulta en otra dirección, defina PUBLIC_BASE_URL/);
    // Its bulk files are written with it, as after an approval: the first download finds them (it built them).
    const current = openSqliteStore(process.env.INFRA_SQLITE as string);
    const published = (await current.getCurrent('merida'))!;
    await current.close();
    expect(await hasBulkFiles(diskBlobStore(path.join(dir, 'sub', 'bulk')), bulkPrefix([{ publisher: { id: 'merida' }, publication: published }], 'merida'))).toBe(true);
    const again = await runCli('publish', EXAMPLE, '--publicador', 'merida');
    expect(again.err).toContain('Sin cambios');
    // A payment row deleted: said to stay published (its record keeps it, core/merge/kept-in-record).
    const edited = await exampleWorkbook('merida');
    const payments = edited.sheets.find((x) => x.name === 'Transacciones')!;
    const ocid = String(payments.rows[2][payments.rows[1].indexOf('ocid')]);
    payments.rows.splice(2, 1);
    // …and a project's milestone: a project is published as the workbook states it, so that one is no longer
    // published, which is said, as is the project changed (it read «0 procesos con cambios» and nothing else).
    const milestones = edited.sheets.find((x) => x.name === 'Hitos del proyecto')!;
    const project = String(milestones.rows[2][milestones.rows[1].indexOf('id')]);
    milestones.rows.splice(2, 1);
    await writeXlsx(edited, path.join(dir, 'sin-pago.xlsx'));
    const deleted = await runCli('publish', path.join(dir, 'sin-pago.xlsx'), '--publicador', 'merida');
    expect(deleted.err).toContain(`En 1 proceso el libro ya no trae filas o datos que ya se habían publicado: ${ocid} («Transacciones»). Siguen publicados`);
    expect(deleted.err).toMatch(/Publicado merida-\d+-[0-9a-f]{8}: 6 entregas, 5 registros, 4 proyectos \(1 proceso con cambios, 1 proyecto con cambios\)/);
    expect(deleted.err).toContain(`En 1 proyecto el libro ya no trae filas o datos que se habían publicado: ${project} («Hitos del proyecto»). Un proyecto se publica como lo trae el libro, así que esos datos ya no se publican.`);
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    expect((await store.getCurrent('merida'))?.counts.projects).toBe(4);
    await store.close();
    // The first workbook published again (an older copy, by mistake): the process goes back to its first release,
    // undoing the deletion published since — said, with the date it returns to.
    const older = await runCli('publish', EXAMPLE, '--publicador', 'merida');
    expect(older.err).toMatch(new RegExp(`En 1 proceso el libro vuelve a lo que se había publicado antes: ${ocid} \\(como se publicó el \\d{2}/\\d{2}/\\d{4}\\)\\. Lo que se publicó después en ese proceso quedó deshecho\\. Si publicó por error una copia anterior del libro, publique de nuevo el libro vigente; si con este deshace una publicación equivocada, no hay nada más que hacer\\.`));
  });

  // A scheduled `publish` on the server's database while a coordinator's approval publishes the same implementer: the
  // one that switches second loses (publish.ts). The CLI said the API's «Vuelva a cargar la página», to a cron job's log.
  it('another publication of the implementer becoming current meanwhile: not published, said for a command, exit 3', async () => {
    fs.mkdirSync(path.dirname(process.env.INFRA_SQLITE as string), { recursive: true });
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    // One project each (the harness's workbook): the race, not the data, is what is tested.
    const publisher = PUBLISHERS[0];
    await store.putPublisher(publisher);
    const approved = projectWorkbook(publisher, { title: 'Parque aprobado en el servidor' });
    fs.writeFileSync(path.join(dir, 'tarea.xlsx'), await xlsxOf(projectWorkbook(publisher, { title: 'Parque de la tarea programada' })));
    // The approval's publication (a real one, on the same file) switches just before this one does.
    const racing = new Proxy(store, {
      get: (target, prop, receiver) => prop !== 'setCurrent' ? Reflect.get(target, prop, receiver) : async (...a: Parameters<Store['setCurrent']>) => {
        expect((await publish(target, { publisher, workbook: approved, actor: 'u-og', now: new Date().toISOString(), baseUrl: 'http://127.0.0.1:8080' })).status).toBe('published');
        return target.setCurrent(...a);
      },
    });
    const err: string[] = [];
    const code = await publishCommand(parseArgs([path.join(dir, 'tarea.xlsx'), '--publicador', publisher.id]), racing, { out: () => undefined, err: (l) => err.push(l) }, 'http://127.0.0.1:8080');
    expect(code).toBe(3);
    expect(err.join('\n')).toContain(`No se publicó este libro: mientras se preparaba, otra publicación de «${publisher.name}» quedó vigente (una aprobación en el servidor u otra orden «publish» al mismo tiempo). Lo publicado sigue completo. Ejecute la orden de nuevo`);
    expect(err.join('\n')).not.toMatch(/página|Publicado/);
    // What is served is the approval's, whole.
    const current = await store.getCurrent(publisher.id);
    expect((await store.getProject(current!.id, `${publisher.projectIdPrefix}-0001`))?.project.title).toBe('Parque aprobado en el servidor');
    await store.close();
  });

  // The data published but its download files not written (a full disk; here BULK_DIR is a file): `history`,
  // `republish` and `rebuild-bulk` ended with 1, `publish` with 0, so a scheduled `publish` looked done. Now 1, saying
  // what to run; the same command again writes them (exit 0), publishing nothing again.
  it('download files not written: exit 1 with what to do; the same command again writes them', async () => {
    fs.mkdirSync(path.dirname(process.env.INFRA_SQLITE as string), { recursive: true });
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    const notAFolder = path.join(dir, 'descargas');
    fs.writeFileSync(notAFolder, '');
    // One project (the harness's workbook): the files, not the data, are what is tested.
    const publisher = PUBLISHERS[0];
    await store.putPublisher(publisher);
    const workbook = path.join(dir, 'obra.xlsx');
    fs.writeFileSync(workbook, await xlsxOf(projectWorkbook(publisher, { title: 'Parque' })));
    const bulkIn = (folder: string) => ({ bulk: bulkService({ store, blobs: diskBlobStore(folder), baseUrl: 'http://127.0.0.1:8080', platformName: 'Plataforma' }) });
    try {
      const err: string[] = [];
      const io = { out: () => undefined, err: (l: string) => err.push(l) };
      expect(await publishCommand(parseArgs([workbook, '--publicador', publisher.id]), store, io, 'http://127.0.0.1:8080', bulkIn(notAFolder))).toBe(1);
      const published = (await store.getCurrent(publisher.id))!;
      expect(err.join('\n')).toMatch(new RegExp(`Publicado ${publisher.id}-`));
      expect(err.join('\n')).toContain(`No se escribieron los archivos de descarga de ${published.id}:`);
      expect(err.join('\n')).toContain('Lo publicado está completo y a la vista en la API, pero faltan archivos de descarga (hasta tenerlos, la primera descarga de cada uno lo construye y tarda más). Corrija la causa de arriba y escríbalos con «infra-abierta publications rebuild-bulk», o repita esta misma orden');
      err.length = 0;
      const folder = path.join(dir, 'bulk');
      expect(await publishCommand(parseArgs([workbook, '--publicador', publisher.id]), store, io, 'http://127.0.0.1:8080', bulkIn(folder))).toBe(0);
      expect(err.join('\n')).toContain('Sin cambios');
      expect((await store.getCurrent(publisher.id))!.id).toBe(published.id);
      expect(await hasBulkFiles(diskBlobStore(folder), bulkPrefix([{ publisher: { id: publisher.id }, publication: published }], publisher.id))).toBe(true);
    } finally {
      await store.close();
    }
  });

  // The CLI reads the server's environment (loadConfig): with PORT set, the links are the server's. With PORT=0 the
  // server takes a free port at each start, unknown here: http://127.0.0.1:0 was written into every record.
  it('links under the PORT of the environment, as the server; PORT=0 is refused until PUBLIC_BASE_URL says the address', async () => {
    const saved = { PORT: process.env.PORT, PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL, HOST: process.env.HOST };
    try {
      delete process.env.PUBLIC_BASE_URL; delete process.env.HOST;
      process.env.PORT = '0';
      const refused = await runCli('publish', EXAMPLE, '--publicador', 'merida');
      expect([refused.code, refused.err]).toEqual([2, 'Con PORT=0 el servidor toma un puerto libre cada vez que arranca, y esta orden no sabe cuál: los enlaces de los registros quedarían en http://127.0.0.1:0, que no responde. Defina PUBLIC_BASE_URL con la dirección que el servidor imprimió al arrancar («Tablero y API en …»), o PORT con su puerto, y repita la orden.']);
      expect(fs.existsSync(process.env.INFRA_SQLITE as string)).toBe(false);
      process.env.PORT = '43812';
      const published = await runCli('publish', EXAMPLE, '--publicador', 'merida');
      expect(published.err).toContain('Los enlaces de los registros apuntan a http://127.0.0.1:43812. Si su servidor se consulta en otra dirección, defina PUBLIC_BASE_URL');
      const store = openSqliteStore(process.env.INFRA_SQLITE as string);
      const current = await store.getCurrent('merida');
      const record = (await store.listRecords({ publicationId: current?.id as string, limit: 1 })).items[0].record as { releases: { url: string }[] };
      await store.close();
      expect(record.releases[0].url).toMatch(/^http:\/\/127\.0\.0\.1:43812\//);
    } finally {
      for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    }
  });

  it('a publisher neither registered nor described in Configuración: says how to register it', async () => {
    const imported = path.join(dir, 'sin-prefijos.xlsx');
    const pkg = path.join(dir, 'paquete.json');
    fs.writeFileSync(pkg, JSON.stringify({ releases: [{ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender', tender: { id: '1', title: 'Obra' } }] }));
    expect((await runCli('import', pkg, '-o', imported)).code).not.toBe(2);
    const res = await runCli('publish', imported, '--publicador', 'jalisco');
    expect([res.code, res.err]).toEqual([2, 'El publicador «jalisco» no existe y la hoja «Configuración» no trae sus prefijos para crearlo. Regístrelo antes con «infra-abierta publishers add jalisco --nombre … --entidad … --prefijo-ocid PREFIJO_OCID --prefijo-proyectos PREFIJO_OC4IDS --proyectos N», o escriba los prefijos en «Configuración».']);
  });

  /** The SHCP's release with what the program asks for filled in: a workbook that publishes. */
  const correctedShcp = (original: Record<string, unknown>): Record<string, any> => {
    const corrected = JSON.parse(JSON.stringify(original)) as Record<string, any>;
    Object.assign(corrected.tender, { title: 'Supervisión de obras de riego', description: 'Supervisión de la modernización de riego', status: 'complete', procurementMethod: 'direct', procurementMethodDetails: 'Adjudicación directa', additionalProcurementCategories: ['works'], value: { amount: 1071520, currency: 'MXN' } });
    Object.assign(corrected.planning.budget.budgetBreakdown[0], { amount: { amount: 1071520, currency: 'MXN' }, period: { startDate: '2018-01-01T00:00:00-06:00', endDate: '2018-12-31T00:00:00-06:00' }, sourceParty: { id: corrected.parties[0].id, name: corrected.parties[0].name } });
    Object.assign(corrected.contracts[0], { status: 'active', value: { amount: 1071520, currency: 'MXN' } });
    return corrected;
  };

  // An implementer moving here from its own server: the releases it published keep their ids and dates (history).
  // Its ocid's prefix is written here in capitals, as Ciudad de México publishes them («OCDS-87SD3T-…»): laid down as
  // published, the history was one record and the workbook's next release (the prefix in lower case, as validation
  // asks) another. Both now write the registered prefix: one process, its history then the workbook's release.
  (hasStandards ? it : it.skip)('history: the SHCP\'s published release is laid down as is (its ocid\'s prefix in lower case), then its workbook adds one release to the same record; a second run changes nothing, and after a workbook it is refused', async () => {
    const file = path.join(dir, 'ocds-07smqs-1386-1386.json');
    const original = { ...readJson(path.join(STANDARDS_DIR, 'examples', 'real-mx', 'ocds-07smqs-1386-1386.json')), ocid: 'OCDS-07SMQS-1386' };
    fs.writeFileSync(file, JSON.stringify(original));
    expect((await runCli('publishers', 'add', 'shcp', '--nombre', 'SHCP', '--entidad', 'Ciudad de México', '--prefijo-ocid', 'ocds-07smqs', '--prefijo-proyectos', 'oc4ids-07smqs', '--proyectos', '1')).code).toBe(0);
    // What would break the store is refused, naming the file and the path; nothing is written.
    const clash = path.join(dir, 'choque.json');
    fs.writeFileSync(clash, JSON.stringify({ releases: [original, { ...original, tag: ['tender'] }, { ...original, ocid: 'ocds-abc123-1', id: '2' }, { ...original, ocid: 'OCDS-07SMQS-2', id: '3' }] }));
    const refused = await runCli('history', clash, '--publicador', 'shcp', '--todos');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('choque.json /releases/1: La entrega «1386» del proceso «ocds-07smqs-1386» aparece también en «choque.json» (/releases/0) con otro contenido');
    expect(refused.err).toContain('choque.json /releases/2: El proceso «ocds-abc123-1» no empieza con el prefijo del publicador, «ocds-07smqs-»');
    // A prefix in capitals is published as registered, in lower case, and said.
    expect(refused.err).toContain('choque.json /releases/3: El proceso «OCDS-07SMQS-2» tiene su prefijo en mayúsculas; sus entregas se publican con «ocds-07smqs-2», el prefijo registrado');
    // --nube publishes to the deployment (test/cli/cloud-admin.test.ts), never into this computer's base: without the
    // deployment's configuration it stops there.
    const cloud = await runCli('history', file, '--publicador', 'shcp', '--nube', '--proyecto', 'demo-sin-despliegue');
    expect([cloud.code, cloud.err]).toEqual([2, expect.stringMatching(/^No se encontró .*\.env\.demo-sin-despliegue, la configuración con la que se despliegan las funciones/)]);
    const laid = await runCli('history', file, '--publicador', 'shcp');
    expect(laid.code).toBe(0);
    expect(laid.err).toContain('ocds-07smqs-1386-1386.json /: El proceso «OCDS-07SMQS-1386» tiene su prefijo en mayúsculas; sus entregas se publican con «ocds-07smqs-1386», el prefijo registrado, en minúsculas (solo cambian esas letras; lo demás queda como se publicó)');
    // Today's profile is reported (warnings, file and JSON path), never applied: the release was already public.
    expect(laid.err).toContain('ocds-07smqs-1386-1386.json /tender/title: Falta este dato');
    // The SHCP's file is a compiled release (tag «compiled»): laid down as published, as one release of its record, and said.
    expect(laid.err).toContain('ocds-07smqs-1386-1386.json /tag: La entrega «1386» del proceso «ocds-07smqs-1386» tiene la etiqueta «compiled»');
    expect(laid.err).toMatch(/Publicada la historia de «shcp» \(shcp-\d+-[0-9a-f]{8}\): 1 entrega de 1 proceso, con sus identificadores y fechas\. Ahora publique su libro .*: cada proceso que traiga con cambios tendrá una entrega nueva/);
    expect((await runCli('history', file, '--publicador', 'shcp')).err).toMatch(/Sin cambios: esta historia ya está publicada/);
    // The workbook: the same process imported, with what the program asks for filled in (its one change).
    const corrected = correctedShcp(original);
    fs.writeFileSync(path.join(dir, 'corregido.json'), JSON.stringify(corrected));
    const imported = await runCli('import', path.join(dir, 'corregido.json'), '-o', path.join(dir, 'libro.xlsx'));
    expect(imported.err).toContain('«infra-abierta history archivo.json … --publicador ID»');
    expect(imported.err).toContain('corregido.json: 1 proceso traía el prefijo de su ocid en mayúsculas (por ejemplo «OCDS-07SMQS-1386»); se escribió en minúsculas, «ocds-07smqs-1386»');
    const published = await runCli('publish', path.join(dir, 'libro.xlsx'), '--publicador', 'shcp');
    expect(published.err).toMatch(/Publicado shcp-\d+-[0-9a-f]{8}: 2 entregas, 1 registro, 0 proyectos \(1 proceso con cambios, 0 proyectos con cambios\)/);
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const current = await store.getCurrent('shcp');
      const releases = (await store.listReleases({ publicationId: current!.id, ocid: 'ocds-07smqs-1386' })).items.map((r) => r.release as Record<string, unknown>);
      // The published release unchanged (id, date, tag, content) but its ocid's prefix, then the workbook's, dated now.
      expect(releases[0]).toEqual({ ...original, ocid: 'ocds-07smqs-1386' });
      expect(releases.map((r) => [r.id, r.date])).toEqual([['1386', '2018-01-03T10:42:03Z'], [expect.stringMatching(/^ocds-07smqs-1386-/), current!.createdAt]]);
      const record = (await store.getRecord(current!.id, 'ocds-07smqs-1386'))!.record as { releases: { date: string }[]; compiledRelease: { tender: { title: string } } };
      expect(record.releases.map((r) => r.date)).toEqual(['2018-01-03T10:42:03Z', current!.createdAt]);
      expect(record.compiledRelease.tender.title).toBe('Supervisión de obras de riego');
      expect(await store.getRecord(current!.id, 'OCDS-07SMQS-1386')).toBeUndefined();
    } finally {
      await store.close();
    }
    // Published data is never half-replaced: with a publication, the history is refused, in Spanish.
    const late = await runCli('history', file, '--publicador', 'shcp');
    expect(late.code).toBe(1);
    expect(late.err).toMatch(/No se publicó nada: «shcp» ya tiene datos publicados \(la publicación vigente es shcp-.*\)\. La historia solo se puede publicar primero, antes de cualquier libro/);
  });

  // The INAI publishes descriptions with Windows line endings (record-package_269.json: «…Proveedores:\r\n1. …»). A
  // workbook cell gives them back as \n (.xlsx is XML), so the workbook imported from the history, published
  // unchanged, made a new release of every such process.
  it('history then its imported workbook published unchanged: a description with \\r\\n is no new release', async () => {
    const converted = path.join(dir, 'merida.json');
    expect((await runCli('convert', EXAMPLE, '-o', converted)).code).toBe(0);
    // Published elsewhere: ids of its own, one description in lines ended by \r\n.
    const releases = (readJson(converted).releases as Record<string, any>[]).map((r, n): Record<string, any> => ({ ...r, id: `entrega-${n + 1}` }));
    const described = releases.find((r) => typeof r.tender?.description === 'string')!;
    described.tender.description = `${described.tender.description}:\r\n1. Primera etapa\r\n2. Segunda etapa`;
    const history = path.join(dir, 'historia.json');
    const { license, publicationPolicy } = readJson(converted) as { license: string; publicationPolicy: string };
    // Declared by its package: a mirror of an extension the program declares (INAI's), and one it does not.
    const mirror = 'https://raw.githubusercontent.com/INAImexico/ocds_taxes_extension/master/extension.json';
    const bid = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json';
    fs.writeFileSync(history, JSON.stringify({ license, publicationPolicy, extensions: [mirror, bid], releases }));
    expect((await runCli('publishers', 'add', 'merida', '--nombre', 'Mérida', '--entidad', 'Yucatán', '--prefijo-ocid', 'ocds-mid001', '--prefijo-proyectos', 'oc4ids-mid001', '--proyectos', '1')).code).toBe(0);
    expect((await runCli('history', history, '--publicador', 'merida')).code).toBe(0);
    // The packages serving those releases declare what describes their fields: the program's extensions and the one
    // it lacks (the mirror is the program's own taxes extension, declared once) — after the next publication too.
    const declaredNow = async (): Promise<string[]> => {
      const read = openSqliteStore(process.env.INFRA_SQLITE as string);
      try {
        const set = { publisher: (await read.getPublisher('merida'))!, publication: (await read.getCurrent('merida'))! };
        return packageMeta('http://127.0.0.1:8080/api/ocds/releases', [set], { name: 'Plataforma', uri: 'http://127.0.0.1:8080' }).extensions as string[];
      } finally {
        await read.close();
      }
    };
    const served = servedExtensions('http://127.0.0.1:8080');
    expect(await declaredNow()).toEqual([...served, bid]);
    // Registered without a licence: the history's packages are served with the licence and policy its own stated
    // (they had none: what was public under CC BY 4.0 was republished with no licence).
    const laid = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      expect(license).toBe('https://creativecommons.org/licenses/by/4.0/');
      expect(packageTerms((await laid.getPublisher('merida'))!, await laid.getCurrent('merida'))).toEqual({ license, publicationPolicy });
    } finally {
      await laid.close();
    }
    const workbook = path.join(dir, 'libro.xlsx');
    expect((await runCli('import', history, '-o', workbook)).code).toBe(0);
    const published = await runCli('publish', workbook, '--publicador', 'merida');
    expect(published.err).toMatch(/Publicado merida-\d+-[0-9a-f]{8}: 5 entregas, 5 registros, 0 proyectos \(0 procesos con cambios, 0 proyectos con cambios\)/);
    expect(await declaredNow()).toEqual([...served, bid]);
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const current = (await store.getCurrent('merida'))!;
      const kept = (await store.listReleases({ publicationId: current.id, ocid: described.ocid })).items.map((r) => r.release as Record<string, any>);
      // The release as published, its line endings included.
      expect(kept).toEqual([described]);
    } finally {
      await store.close();
    }
  });

  // The INAI and Ciudad de México publish a budget line's component levels as numbers (record-package_269.json:
  // «"level":1»), which the schema takes as text or integer. The template's column is text (what an official types,
  // 1 or «1», reads the same), so the imported workbook gives «"1"» back, and that alone made a new release of every
  // process with a budget line, a change of type nobody made.
  it('history then its imported workbook published unchanged: a budget level published as a number is no new release', async () => {
    const converted = path.join(dir, 'merida-niveles.json');
    expect((await runCli('convert', EXAMPLE, '-o', converted)).code).toBe(0);
    const releases = (readJson(converted).releases as Record<string, any>[]).map((r, n): Record<string, any> => ({ ...r, id: `entrega-${n + 1}` }));
    const budgeted = releases[0];
    budgeted.planning = { ...budgeted.planning, budget: { ...budgeted.planning?.budget, budgetBreakdown: [{ id: 'P1', amount: { amount: 1000000, currency: 'MXN' }, period: { startDate: '2024-01-01T00:00:00-06:00', endDate: '2024-12-31T00:00:00-06:00' }, sourceParty: budgeted.buyer, budgetLines: [{ id: '44100', components: [{ name: 'branch', level: 1, code: '44' }, { name: 'responsibleUnit', level: 2, code: '100' }] }] }] } };
    const history = path.join(dir, 'historia-niveles.json');
    fs.writeFileSync(history, JSON.stringify({ releases }));
    expect((await runCli('publishers', 'add', 'niveles', '--nombre', 'Mérida', '--entidad', 'Yucatán', '--prefijo-ocid', 'ocds-mid001', '--prefijo-proyectos', 'oc4ids-mid001', '--proyectos', '1')).code).toBe(0);
    expect((await runCli('history', history, '--publicador', 'niveles')).code).toBe(0);
    const workbook = path.join(dir, 'libro-niveles.xlsx');
    const imported = await runCli('import', history, '-o', workbook);
    expect(imported.err).toContain('2 números de la columna');
    const published = await runCli('publish', workbook, '--publicador', 'niveles');
    expect(published.err).toMatch(/Publicado niveles-\d+-[0-9a-f]{8}: 5 entregas, 5 registros, 0 proyectos \(0 procesos con cambios, 0 proyectos con cambios\)/);
  });

  // Records that only link their releases by address (Jalisco, Nuevo León, the INAI): the releases are brought from
  // there, served here by a local server at 127.0.0.1 with the real records' link shapes (Jalisco's OCApi/release/<id>).
  (hasStandards ? describe : describe.skip)('history of records that link their releases', () => {
    const REAL = path.join(STANDARDS_DIR, 'examples', 'real-mx');
    const jalisco = (): Record<string, any> => readJson(path.join(REAL, 'ocds-xs1qbl-SFIN-03-0007-00-2017.json'));
    let server: http.Server;
    let base: string;
    let closedPort: number;
    let inFlight = 0;
    let mostInFlight = 0;
    const served = new Map<string, (res: http.ServerResponse) => void>();
    const json = (body: unknown) => (res: http.ServerResponse) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(body)); };
    beforeAll(async () => {
      // Each answer a little late, so that the requests in flight at once can be counted (at most 4).
      server = http.createServer((req, res) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        res.on('close', () => { inFlight--; });
        setTimeout(() => { const answer = served.get(req.url ?? ''); if (answer) answer(res); else { res.statusCode = 404; res.end('Not Found'); } }, 20);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // A port nothing listens on: the old server is gone.
      const gone = http.createServer();
      await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
      closedPort = (gone.address() as AddressInfo).port;
      await new Promise<void>((resolve) => gone.close(() => resolve()));
      // Jalisco's five releases, each a release package at its link's path (built from its record: the content is
      // the compiled release's, the id the link's last segment, date and tag the link's).
      const record = jalisco().records[0];
      for (const link of record.releases as { url: string; date: string; tag: string[] }[]) {
        const pathname = new URL(link.url).pathname;
        served.set(pathname, json({ uri: `${base}${pathname}`, publishedDate: link.date, releases: [{ ...record.compiledRelease, id: pathname.split('/').pop(), date: link.date, tag: link.tag }] }));
      }
      served.set('/html', (res) => { res.setHeader('content-type', 'text/html'); res.end('<html><body>Mantenimiento</body></html>'); });
      served.set('/registros', json({ records: [] }));
      served.set('/otro', json({ releases: [{ ...record.compiledRelease, ocid: 'ocds-xs1qbl-OTRO-1', id: 'x' }] }));
      served.set('/lento', () => undefined); // never answers
      served.set('/enorme', (res) => { res.setHeader('content-length', String(60 * 1024 * 1024)); res.write('{"releases":['); setTimeout(() => res.destroy(), 50); });
    });
    afterAll(async () => { server.closeAllConnections(); await new Promise<void>((resolve) => server.close(() => resolve())); });
    const register = async () => expect((await runCli('publishers', 'add', 'jalisco', '--nombre', 'Gobierno de Jalisco', '--entidad', 'Jalisco', '--prefijo-ocid', 'ocds-xs1qbl', '--prefijo-proyectos', 'oc4ids-xs1qbl', '--proyectos', '1')).code).toBe(0);
    /** Jalisco's record package with its links moved to this server (`to` rewrites each one's path). */
    const localCopy = (name: string, to: (pathname: string, n: number) => string = (p) => `${base}${p}`): string => {
      const pkg = jalisco();
      pkg.records[0].releases = pkg.records[0].releases.map((l: { url: string }, n: number) => ({ ...l, url: to(new URL(l.url).pathname, n) }));
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(pkg));
      return file;
    };

    it('fetches each linked release and lays it down with its id, date and tag; the record is compiled from them', async () => {
      await register();
      const run = await runCli('history', localCopy('jalisco.json'), '--publicador', 'jalisco');
      expect(run.err).toContain('1 registro enlaza 5 entregas por su dirección, sin su contenido: se traen de los archivos indicados o, si no están, de esas direcciones (4 a la vez, hasta 30 segundos y 50 MB cada una)…');
      expect(run.err).toContain('Descargadas 5 de 5 direcciones.');
      expect(mostInFlight).toBe(4);
      expect(run.err).toMatch(/Publicada la historia de «jalisco» \(jalisco-\d+-[0-9a-f]{8}\): 5 entregas de 1 proceso/);
      expect(run.code).toBe(0);
      const store = openSqliteStore(process.env.INFRA_SQLITE as string);
      try {
        const current = (await store.getCurrent('jalisco'))!;
        const record = (await store.getRecord(current.id, 'ocds-xs1qbl-SFIN-03-0007-00-2017'))!.record as { releases: { url: string; tag: string[] }[]; compiledRelease: { tender: unknown } };
        expect(record.releases.map((r) => r.tag[0])).toEqual(['planning', 'tender', 'award', 'contract', 'implementation']);
        const { id, title, value } = jalisco().records[0].compiledRelease.tender;
        expect(record.compiledRelease.tender).toMatchObject({ id, title, value });
      } finally {
        await store.close();
      }
    });

    it('a link that fails stops it all, naming the file, the path and the address; --aceptar-faltantes publishes the rest', async () => {
      await register();
      // The first link served; the other four, and four more, each failing its own way.
      const bad = ['/no-existe', '/html', '/registros'];
      const file = localCopy('enlaces.json', (p, n) => (n === 0 ? `${base}${p}` : n === 1 ? `http://127.0.0.1:${closedPort}${p}` : `${base}${bad[n - 2]}`));
      const pkg = readJson(file) as Record<string, any>;
      const more = [`${base}/otro`, `${base}/lento`, `${base}/enorme`, `${pkg.records[0].releases[0].url}#no-esta`];
      pkg.records[0].releases.push(...more.map((url) => ({ url, date: '2018-01-19T00:00:00Z', tag: ['update'] })));
      fs.writeFileSync(file, JSON.stringify(pkg));
      const run = await runCli('history', file, '--publicador', 'jalisco', '--espera', '1');
      expect(run.code).toBe(1);
      const at = (n: number) => `enlaces.json /records/0/releases/${n}: `;
      const ocid = '«ocds-xs1qbl-SFIN-03-0007-00-2017»';
      expect(run.err.split('\n').filter((l) => l.startsWith('enlaces.json'))).toEqual([
        `${at(1)}No se pudo descargar la entrega enlazada http://127.0.0.1:${closedPort}${new URL(jalisco().records[0].releases[1].url).pathname} del registro ${ocid}: el servidor no responde o la dirección no existe (conexión rechazada).`,
        `${at(2)}No se pudo descargar la entrega enlazada ${base}/no-existe del registro ${ocid}: el servidor respondió 404 (Not Found).`,
        `${at(3)}Lo que se descargó de ${base}/html (entrega enlazada del registro ${ocid}) no es JSON: parece una página web o un error del servidor, no la entrega.`,
        `${at(4)}Lo que se descargó de ${base}/registros (entrega enlazada del registro ${ocid}) no es un paquete de entregas ni una entrega: OCDS pide que el enlace apunte al paquete de entregas que la contiene.`,
        `${at(5)}Lo que se descargó de ${base}/otro es del proceso «ocds-xs1qbl-OTRO-1», no del registro ${ocid} que lo enlaza: no es su entrega.`,
        `${at(6)}No se pudo descargar la entrega enlazada ${base}/lento del registro ${ocid}: no terminó de llegar en 1 segundo (dele más tiempo con --espera SEGUNDOS, o descárguela usted y agréguela a los archivos).`,
        `${at(7)}No se descargó la entrega enlazada ${base}/enorme del registro ${ocid}: pesa más de 50 MB, el máximo que se descarga. Descárguela usted y agréguela a los archivos.`,
        `${at(8)}El paquete descargado de ${more[3]} no trae la entrega «no-esta» que nombra el enlace del registro ${ocid} (después de «#»).`,
      ]);
      expect(run.err).toContain('Descargadas 3 de 8 direcciones; 5 no se pudieron traer (abajo).');
      expect(run.err).toContain('No se publicó nada: 8 entregas no se pueden guardar así.');
      expect(run.err).toContain('repita con --aceptar-faltantes para publicar la historia sin ella');
      expect(run.err).not.toMatch(STACK_TRACE);
      const store = openSqliteStore(process.env.INFRA_SQLITE as string);
      try { expect(await store.getCurrent('jalisco')).toBeUndefined(); } finally { await store.close(); }
      // Accepted: the one release that came is published, and the ones left out are listed.
      const accepted = await runCli('history', file, '--publicador', 'jalisco', '--espera', '1', '--aceptar-faltantes');
      expect(accepted.err).toContain('Con --aceptar-faltantes, la historia se publica sin 8 entregas enlazadas que no se pudieron traer; el registro de su proceso tendrá solo las demás:');
      expect(accepted.err).toMatch(/Publicada la historia de «jalisco» .*: 1 entrega de 1 proceso/);
      expect(accepted.code).toBe(0);
    });

    it('offline, with --aceptar-faltantes and no release whole: says how to bring them, and the workbook way when they cannot be', async () => {
      await register();
      const run = await runCli('history', localCopy('sin-red.json'), '--publicador', 'jalisco', '--sin-descargar', '--aceptar-faltantes');
      expect(run.code).toBe(1);
      // It ended at «No se publicó nada: los archivos no traen ninguna entrega completa (solo enlaces o proyectos).»
      expect(run.err.split('\n').pop()).toBe('No se publicó nada: los archivos no traen ninguna entrega completa (solo enlaces o proyectos). '
        + 'Las 5 entregas enlazadas no se trajeron: con --sin-descargar solo se buscan entre los archivos indicados. Repita la orden sin --sin-descargar, con conexión, para descargarlas de sus direcciones, o agregue sus archivos (con el nombre del final de su dirección). '
        + 'Si ya no se pueden obtener, no hay historia que publicar: escriba el libro con «infra-abierta import» y estos mismos archivos, revíselo con «infra-abierta validate» y publíquelo como cualquier libro; cada proceso empezará aquí con una entrega nueva, y sus entregas anteriores seguirán donde se publicaron.');
    });

    it('import: a record with only links (no compiled release) comes in from its fetched releases, compiled; one that fails stops it, said at its link, unless --aceptar-faltantes (as history)', async () => {
      const file = localCopy('solo-enlaces.json', (p, n) => (n === 4 ? `${base}/no-existe` : n === 3 ? `${base}/lento` : `${base}${p}`));
      const pkg = readJson(file) as Record<string, any>;
      delete pkg.records[0].compiledRelease;
      fs.writeFileSync(file, JSON.stringify(pkg));
      const out = path.join(dir, 'enlazado.xlsx');
      const run = await runCli('import', file, '-o', out, '--espera', '1');
      expect(run.err).toContain('solo-enlaces.json: 1 registro enlaza 5 entregas por su dirección, sin su contenido: se traen de los archivos indicados o, si no están, de esas direcciones (4 a la vez, hasta 1 segundo y 50 MB cada una)…');
      expect(run.err).toContain('Descargadas 3 de 5 direcciones; 2 no se pudieron traer (abajo).');
      expect(run.err).toContain(`solo-enlaces.json /records/0/releases/3: No se pudo descargar la entrega enlazada ${base}/lento del registro «ocds-xs1qbl-SFIN-03-0007-00-2017»: no terminó de llegar en 1 segundo (dele más tiempo con --espera SEGUNDOS`);
      expect(run.err).toContain(`solo-enlaces.json /records/0/releases/4: No se pudo descargar la entrega enlazada ${base}/no-existe del registro «ocds-xs1qbl-SFIN-03-0007-00-2017»: el servidor respondió 404 (Not Found).`);
      expect(run.err).toContain('No se escribió enlazado.xlsx: 2 entregas enlazadas no se pudieron traer, y sin ellas sus procesos quedarían incompletos en el libro.');
      expect(run.err).toContain('repita con --aceptar-faltantes para escribir el libro sin ella');
      expect(run.code).toBe(1);
      expect(fs.existsSync(out)).toBe(false);
      // Accepted: written from the releases that came, the others listed.
      const accepted = await runCli('import', file, '-o', out, '--espera', '1', '--aceptar-faltantes');
      expect(accepted.err).toContain('Con --aceptar-faltantes, el libro se escribe sin 2 entregas enlazadas que no se pudieron traer; su proceso lleva en el libro solo los datos de las demás:');
      expect(accepted.err).toContain(`  solo-enlaces.json /records/0/releases/4: No se pudo descargar la entrega enlazada ${base}/no-existe`);
      expect(accepted.err).toContain('1 proceso venía en más de una entrega (3 entregas;');
      expect(accepted.err).toMatch(/Escrito .*enlazado\.xlsx: 1 proceso de contratación y 0 proyectos\./);
      expect(accepted.err).not.toContain('Aviso: se ignora');
      expect(accepted.code).toBe(0);
    });

    // OCDS readers take a relative address as relative to the package that writes it (its `uri`); with no `uri`, only
    // a file given with the address's name can be it.
    it('relative links: resolved against the package\'s uri and fetched, else taken from a file given by name; one that cannot be resolved is refused naming the file and the path', async () => {
      await register();
      const pkg = jalisco();
      pkg.uri = `${base}/OCApi/record/ocds-xs1qbl-SFIN-03-0007-00-2017`;
      pkg.records[0].releases = pkg.records[0].releases.map((l: { url: string }) => ({ ...l, url: `../release/${new URL(l.url).pathname.split('/').pop()}` }));
      const file = path.join(dir, 'relativas.json');
      fs.writeFileSync(file, JSON.stringify(pkg));
      const run = await runCli('history', file, '--publicador', 'jalisco');
      expect(run.err).toContain('Descargadas 5 de 5 direcciones.');
      expect(run.err).toMatch(/Publicada la historia de «jalisco» .*: 5 entregas de 1 proceso/);
      expect(run.code).toBe(0);
      // No uri: offline, by name among the files; one not given is refused, at its link, saying why.
      const scratch = path.join(dir, 'otra.sqlite');
      process.env.INFRA_SQLITE = scratch;
      await register();
      delete pkg.uri;
      pkg.records[0].releases = pkg.records[0].releases.map((l: { url: string }) => ({ ...l, url: `releases/${l.url.split('/').pop()}` }));
      fs.writeFileSync(file, JSON.stringify(pkg));
      const names = pkg.records[0].releases.map((l: { url: string }) => l.url.split('/').pop() as string);
      const given = await Promise.all(names.slice(0, 4).map(async (name: string) => {
        const answer = await fetch(`${base}/OCApi/release/${name}`);
        const saved = path.join(dir, `${name}.json`);
        fs.writeFileSync(saved, await answer.text());
        return saved;
      }));
      const refused = await runCli('history', file, ...given, '--publicador', 'jalisco');
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`relativas.json /records/0/releases/4: El enlace «releases/${names[4]}» del registro «ocds-xs1qbl-SFIN-03-0007-00-2017» es una dirección relativa (sin «http://» ni «https://»), y el paquete no trae su propia dirección completa en «uri» para completarla`);
      expect(refused.err).not.toContain('Descargadas');
      expect(refused.err).not.toMatch(STACK_TRACE);
      const accepted = await runCli('history', file, ...given, '--publicador', 'jalisco', '--aceptar-faltantes');
      expect(accepted.err).toMatch(/Publicada la historia de «jalisco» .*: 4 entregas de 1 proceso/);
      expect(accepted.code).toBe(0);
    });

    it('offline (--sin-descargar), a linked release comes from the file given with its address\'s name (Nuevo León); one not given stops it', async () => {
      expect((await runCli('publishers', 'add', 'nl', '--nombre', 'Nuevo León', '--entidad', 'Nuevo León', '--prefijo-ocid', 'ocds-7wj9x5', '--prefijo-proyectos', 'oc4ids-7wj9x5', '--proyectos', '1')).code).toBe(0);
      const recordFile = path.join(REAL, 'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json');
      const missing = await runCli('history', recordFile, '--publicador', 'nl', '--sin-descargar');
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json /records/0/releases/0: La entrega enlazada http://si.nl.gob.mx/Acceso/DatosAbiertos/000007/SINL-AD-009-2020/v001/Release-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json del registro «ocds-7wj9x5-SINL-AD-009-2020001» no está entre los archivos indicados');
      // The release package the link names, as downloaded by hand (its release is the record's, with its version in the ocid).
      const record = readJson(recordFile) as Record<string, any>;
      const link = record.records[0].releases[0];
      const releaseFile = path.join(dir, 'Release-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json');
      fs.writeFileSync(releaseFile, JSON.stringify({ uri: link.url, releases: [{ ...record.records[0].compiledRelease, date: link.date, tag: link.tag }] }));
      const laid = await runCli('history', recordFile, releaseFile, '--publicador', 'nl', '--sin-descargar');
      expect(laid.err).not.toContain('Descargadas');
      expect(laid.err).toMatch(/Publicada la historia de «nl» .*: 1 entrega de 1 proceso/);
      expect(laid.code).toBe(0);
      // Laid down under the process's ocid without the release's version, as `import` writes the workbook's: one record.
      expect(laid.err).toContain('La entrega de ocid «ocds-7wj9x5-SINL-AD-009-2020-v001» lleva en él la versión de la entrega; se publica con «ocds-7wj9x5-SINL-AD-009-2020»');
      const store = openSqliteStore(process.env.INFRA_SQLITE as string);
      try {
        const current = (await store.getCurrent('nl'))!;
        const record = (await store.getRecord(current.id, 'ocds-7wj9x5-SINL-AD-009-2020'))?.record as { releases: { url: string }[] } | undefined;
        expect(record?.releases).toHaveLength(1);
        expect(await store.getRecord(current.id, 'ocds-7wj9x5-SINL-AD-009-2020-v001')).toBeUndefined();
      } finally {
        await store.close();
      }
      // The same files imported: one process, the record's, as the history laid it down (the release package alone
      // was a second process, «…-v001», and its workbook row a new record beside the history).
      const out = path.join(dir, 'nl.xlsx');
      const imported = await runCli('import', releaseFile, recordFile, '-o', out, '--sin-descargar');
      expect(imported.err).toContain('1 entrega de «Release-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json» traía un ocid con la versión de la entrega («ocds-7wj9x5-SINL-AD-009-2020-v001»); el registro de otro de los archivos la identifica como del proceso «ocds-7wj9x5-SINL-AD-009-2020», y así quedó en el libro');
      expect(imported.err).toMatch(/Escrito .*nl\.xlsx: 1 proceso de contratación y 0 proyectos\./);
      const converted = path.join(dir, 'nl.json');
      await runCli('convert', out, '-o', converted);
      expect((readJson(converted).releases as { ocid: string }[]).map((r) => r.ocid)).toEqual(['ocds-7wj9x5-SINL-AD-009-2020']);
    });
  });

  // What an implementer moving here does with the same files: `history` lays them down, `import` writes the workbook
  // whose releases follow. A process the two named differently became a second record beside its history (Nuevo
  // León's release package beside its record did), so each real publication is checked: the same processes.
  (hasStandards ? it : it.skip)('history and import of the same real files (every real-mx OCDS publication, with the releases its records link) name the same processes', async () => {
    const REAL = path.join(STANDARDS_DIR, 'examples', 'real-mx');
    const sets: Record<string, { prefix: string; files: string[] }> = {
      cdmx: { prefix: 'ocds-87sd3t', files: [path.join(REAL, 'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json')] },
      shcp: { prefix: 'ocds-07smqs', files: [path.join(REAL, 'ocds-07smqs-1386-1386.json')] },
      jalisco: { prefix: 'ocds-xs1qbl', files: [path.join(REAL, 'ocds-xs1qbl-SFIN-03-0007-00-2017.json')] },
      nl: { prefix: 'ocds-7wj9x5', files: ['AD-009-2020', 'CPE-021-2018'].map((p) => path.join(REAL, `RecordPackage-ocds-7wj9x5-SINL-${p}-v001-contract.json`)) },
    };
    // Each linked release as its server publishes it, downloaded by hand: a release package named as its address's
    // last segment, with the record's compiled content and the link's date and tag.
    for (const set of Object.values(sets)) {
      for (const file of [...set.files]) {
        const record = (readJson(file).records as Record<string, any>[] | undefined)?.[0];
        for (const link of (record?.releases ?? []) as { url: string; date: string; tag: string[] }[]) {
          const name = link.url.split('/').pop() as string;
          const saved = path.join(dir, name.endsWith('.json') ? name : `${name}.json`);
          fs.writeFileSync(saved, JSON.stringify({ uri: link.url, releases: [{ ...record?.compiledRelease, id: name, date: link.date, tag: link.tag }] }));
          set.files.push(saved);
        }
      }
    }
    const laid = new Set<string>();
    const store = () => openSqliteStore(process.env.INFRA_SQLITE as string);
    for (const [id, { prefix, files }] of Object.entries(sets)) {
      expect((await runCli('publishers', 'add', id, '--nombre', id, '--entidad', 'Jalisco', '--prefijo-ocid', prefix, '--prefijo-proyectos', prefix.replace('ocds-', 'oc4ids-'), '--proyectos', '1')).code).toBe(0);
      const run = await runCli('history', ...files, '--publicador', id, '--sin-descargar');
      expect([id, run.code]).toEqual([id, 0]);
      const s = store();
      try {
        const current = (await s.getCurrent(id))!;
        for (const r of (await s.listRecords({ publicationId: current.id })).items) laid.add(r.ocid);
      } finally {
        await s.close();
      }
    }
    const workbook = path.join(dir, 'todo.xlsx');
    const imported = await runCli('import', ...Object.values(sets).flatMap((x) => x.files), '-o', workbook, '--sin-descargar');
    expect(imported.code).toBe(0);
    const converted = path.join(dir, 'todo.json');
    await runCli('convert', workbook, '-o', converted);
    const written = (readJson(converted).releases as { ocid: string }[]).map((r) => r.ocid);
    expect(written.sort()).toEqual([...laid].sort());
    expect(written).toHaveLength(5);
  });

  // Nuevo León's release package given without its record: its project, given with it, names the process without
  // the version, as `import` writes it (import.test.ts). The ocid alone is not enough: alone it is laid down as is.
  (hasStandards ? it : it.skip)('history: Nuevo León\'s release package without its record is laid down under the process its project names; alone, under its own ocid', async () => {
    const REAL = path.join(STANDARDS_DIR, 'examples', 'real-mx');
    const versioned = 'ocds-7wj9x5-LO-919009986-E14-2019-v001';
    const compiled = (readJson(path.join(REAL, 'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json')) as { records: { compiledRelease: Record<string, unknown> }[] }).records[0].compiledRelease;
    const release = path.join(dir, `Release-${versioned}-contract.json`);
    fs.writeFileSync(release, JSON.stringify({ releases: [{ ...compiled, ocid: versioned, id: `${versioned}-contract` }] }));
    const project = path.join(REAL, 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json');
    // Each in a base of its own: one prefix, one publisher.
    const laid = async (id: string, ...files: string[]): Promise<{ ocids: string[]; err: string }> => {
      process.env.INFRA_SQLITE = path.join(dir, `${id}.sqlite`);
      expect((await runCli('publishers', 'add', id, '--nombre', 'Nuevo León', '--entidad', 'Nuevo León', '--prefijo-ocid', 'ocds-7wj9x5', '--prefijo-proyectos', 'oc4ids-gx3fo2', '--proyectos', '1')).code).toBe(0);
      const run = await runCli('history', ...files, '--publicador', id, '--sin-descargar');
      expect(run.code).toBe(0);
      const store = openSqliteStore(process.env.INFRA_SQLITE as string);
      try {
        const current = (await store.getCurrent(id))!;
        return { ocids: (await store.listRecords({ publicationId: current.id })).items.map((r) => r.ocid), err: run.err };
      } finally {
        await store.close();
      }
    };
    const withProject = await laid('nl', project, release);
    expect(withProject.ocids).toEqual(['ocds-7wj9x5-LO-919009986-E14-2019']);
    expect(withProject.err).toContain(`La entrega de ocid «${versioned}» lleva en él la versión de la entrega; el proyecto de «ProjectRelease-oc4ids-gx3fo2-000005-v000002.json» la enlaza a su proceso sin ella, «ocds-7wj9x5-LO-919009986-E14-2019», y con ese ocid se publica`);
    const alone = await laid('nl2', release);
    expect(alone.ocids).toEqual([versioned]);
    expect(alone.err).not.toContain('lleva en él la versión');
  });

  it('explains a missing or malformed publisher id', async () => {
    const res = await runCli('publish', EXAMPLE);
    expect(res.code).toBe(2);
    expect(res.err).toContain('--publicador');
    expect(res.err).not.toMatch(STACK_TRACE);
  });
});

/** A document without its null values and its empty lists, which OCDS merging leaves out. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls).filter((x) => x !== undefined);
  if (v === null) return undefined;
  if (typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutNulls(x)]).filter(([, x]) => x !== undefined && !(Array.isArray(x) && !x.length)));
}

(hasStandards ? describe : describe.skip)('compile', () => {
  it('compiles the official fictional release package into a record package valid against the official schema', async () => {
    const dir = scratchDir('compile-');
    const folder = path.join(STANDARDS_DIR, 'examples', 'ocds', 'sample-data', 'fictional-example-1.1');
    // One release package per stage, as the sample data publishes them.
    const inputs = fs.readdirSync(folder).filter((f) => /-\d\d-\w+\.json$/.test(f)).map((f) => path.join(folder, f));
    expect(inputs).toHaveLength(6);
    const out = path.join(dir, 'registros.json');
    const compiledOnly = await runCli('compile', ...inputs, '-o', out);
    expect(compiledOnly.code).toBe(0);
    expect((readJson(out) as { records: Record<string, unknown>[] }).records[0]).not.toHaveProperty('versionedRelease');
    const res = await runCli('compile', ...inputs, '-o', out, '--versionadas');
    expect(res.code).toBe(0);
    const pkg = readJson(out) as { records: { compiledRelease: { tag: string[] }; versionedRelease: unknown }[] };
    expect(pkg.records).toHaveLength(1);
    expect(res.err).toContain('1 registro compilado de 6 entregas');
    expect(pkg.records[0].compiledRelease.tag).toEqual(['compiled']);
    expect(pkg.records[0].versionedRelease).toBeDefined();
    if (!VALIDATORS.recordPackage(pkg)) throw new Error(JSON.stringify(VALIDATORS.recordPackage.errors?.slice(0, 3)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('compiles releases published each in its own file, as Ciudad de México and the SHCP publish them (real-mx): one record each, valid against the official schema, every value as published', async () => {
    const dir = scratchDir('compile-');
    const folder = path.join(STANDARDS_DIR, 'examples', 'real-mx');
    const files = ['OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json', 'ocds-07smqs-1386-1386.json'];
    const out = path.join(dir, 'registros.json');
    const res = await runCli('compile', ...files.map((f) => path.join(folder, f)), '-o', out);
    expect([res.code, res.err]).toEqual([0, expect.stringContaining('2 registros compilados de 2 entregas')]);
    const pkg = readJson(out) as { publisher: { name: string }; records: { ocid: string; compiledRelease: Record<string, unknown>; releases: unknown[] }[] };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    let recordPackageId = '';
    for (const f of ['release-schema.json', 'versioned-release-validation-schema.json', 'release-package-schema.json', 'record-package-schema.json']) {
      const schema = readJson(path.join(STANDARDS_DIR, 'ocds-1.1.5', f));
      ajv.addSchema(schema);
      if (f === 'record-package-schema.json') recordPackageId = String(schema.id);
    }
    const official = ajv.getSchema(recordPackageId) as ValidateFunction;
    expect({ valid: official(pkg), errors: official.errors ?? null }).toEqual({ valid: true, errors: null });
    // The publisher named in the release's packageInfo (datos.gob.mx's place for it), as `import` reads it.
    expect(pkg.publisher.name).toBe('CDMX-SEFIN');
    for (const file of files) {
      const release = readJson(path.join(folder, file));
      const record = pkg.records.find((r) => r.ocid === release.ocid);
      expect(record?.releases).toHaveLength(1);
      // One release: its compiled release is it, field for field (but for the compiled release's own id, date and tag,
      // and what OCDS merging leaves out: null, which removes a field, and empty lists).
      const { id: _id, date: _date, tag: _tag, ...published } = withoutNulls(release) as Record<string, unknown>;
      const { id: _cid, date: _cdate, tag: _ctag, ...compiled } = record?.compiledRelease ?? {};
      expect(compiled).toEqual(published);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads a release package saved in Windows-1252 (Latin-1), the SHCP's releases indented as a package, and says so; its accents stay (they became replacement characters)", async () => {
    const dir = scratchDir('compile-');
    const release = readJson(path.join(STANDARDS_DIR, 'examples', 'real-mx', 'ocds-07smqs-1386-1386.json'));
    const latin = path.join(dir, 'shcp-latin1.json');
    // Indented, as a package is usually written (the byte-by-byte way reads it), in the bytes a Windows export writes.
    fs.writeFileSync(latin, Buffer.from(JSON.stringify({ uri: 'x', publisher: { name: 'SHCP' }, releases: [release, { ...release, id: '1387', date: '2018-02-03T10:42:03Z' }] }, null, 2), 'latin1'));
    const out = path.join(dir, 'registros.json');
    const res = await runCli('compile', latin, '-o', out);
    expect(res.code).toBe(0);
    expect(res.err).toContain('El archivo «shcp-latin1.json» no está en UTF-8, la codificación de JSON: se leyó como Windows-1252 (Latin-1)');
    const text = fs.readFileSync(out, 'utf8');
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain('Comisión Nacional del Agua');
    // A folder given for a file is said in Spanish (it was «Error inesperado: EISDIR…»).
    const folder = await runCli('compile', dir, '-o', path.join(dir, 'otro.json'));
    expect([folder.code, folder.err]).toEqual([2, `«${path.basename(dir)}» es una carpeta, no un archivo JSON. Indique los archivos de la carpeta, por ejemplo «${path.join(dir, '*.json')}».`]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file that is not a release package, in Spanish', async () => {
    const dir = scratchDir('compile-');
    const bad = path.join(dir, 'x.json');
    fs.writeFileSync(bad, '{"hola": 1}');
    const res = await runCli('compile', bad, '-o', path.join(dir, 'y.json'));
    expect(res.code).toBe(2);
    expect(res.err).toContain('no es un paquete de entregas OCDS');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
