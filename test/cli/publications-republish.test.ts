/**
 * `publications republish`: the IT person moved the platform to another address (a self-hosted server under a new
 * PUBLIC_BASE_URL; a server transferred to the cloud) and every record still links its releases under the old one.
 * Without any implementer sending anything, the command says what it would publish again and why, does it with
 * --confirmar (one implementer, or all), writes the bulk files, and a second run does nothing — on the local SQLite
 * file with its BULK_DIR, and with --nube on Firestore (the emulator) and Cloud Storage (the stub).
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { runCli, scratchDir, STACK_TRACE } from './run-cli';
import { cloudUnderTest } from './cloud-under-test';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';
import { publish } from '../../functions/src/publication/publish';
import { bulkPrefix, publicationBulkFolder } from '../../functions/src/publication/bulk-files';
import { allPublishers, currentSets } from '../../functions/src/api/current-publications';
import { createApp } from '../../functions/src/app';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store } from '../../functions/src/store/store';
import { readAll } from '../../functions/src/store/read-all';
import { allReleases } from '../real-stores';
import { auditDetailsParts } from '../../core/workflow/audit-details';
import { dayStart } from '../../functions/src/cli/publications-command';
import { checkSubmitted, keepSnapshot } from '../../functions/src/workflow/snapshot';
import { summarizeFindings } from '../../functions/src/workflow/findings-summary';

const OLD = 'http://192.168.1.20:8080';
const NEW = 'https://transparencia.example.gob.mx';

async function seed(store: Store, keys: string[]): Promise<void> {
  for (const key of keys) {
    const workbook = await exampleWorkbook(key);
    const publisher = publisherOf(key, workbook);
    await store.putPublisher(publisher);
    await publish(store, { publisher, workbook, actor: 'cli', now: '2026-10-01T12:00:00.000Z', baseUrl: OLD });
  }
}

/** The release links of a publisher's records as the API serves them. */
async function linkedUnder(store: Store, publisher: string): Promise<string[]> {
  const app = createApp({ store, config: { publicBaseUrl: NEW, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
  const res = await request(app).get(`/api/ocds/records?publisher=${publisher}&limit=100`);
  const records = (JSON.parse(res.text) as { records: { releases: { url: string }[] }[] }).records;
  return [...new Set(records.flatMap((r) => r.releases.map((l) => new URL(l.url).origin)))];
}

describe('on a self-hosted server moved to another address', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => { dir = scratchDir('republicar-'); process.env.INFRA_SQLITE = path.join(dir, 'infra-abierta.sqlite'); delete process.env.BULK_DIR; });
  afterEach(() => { process.env = { ...saved }; fs.rmSync(dir, { recursive: true, force: true }); });

  it('says what it would publish again, does it per implementer or for all with --confirmar, and then has nothing to do', async () => {
    let store = openSqliteStore(process.env.INFRA_SQLITE as string);
    await seed(store, ['merida', 'tuxtla-gutierrez']);
    const before = (await store.getCurrent('merida'))!;
    await store.close();

    // Without the server's address: refused (it would write HOST:PORT's into every record).
    delete process.env.PUBLIC_BASE_URL;
    const bare = await runCli('publications', 'republish', '--confirmar');
    expect([bare.code, bare.err]).toEqual([2, expect.stringMatching(/^Defina PUBLIC_BASE_URL con la dirección en que responde el servidor/)]);

    process.env.PUBLIC_BASE_URL = NEW;
    const dry = await runCli('publications', 'republish');
    expect([dry.code, dry.err]).toEqual([0, '']);
    expect(dry.out.split('\n')).toEqual([
      `Se publicarían de nuevo, con el mismo contenido, bajo ${NEW} (PUBLIC_BASE_URL):`,
      `  merida (Municipio de Mérida): la vigente, ${before.id}, publicada el 01/10/2026 06:00 (5 entregas, 5 registros, 4 proyectos): enlaza sus entregas bajo ${OLD}.`,
      expect.stringMatching(/^ {2}tuxtla-gutierrez \(Municipio de Tuxtla Gutiérrez\): la vigente, .*: enlaza sus entregas bajo http:\/\/192\.168\.1\.20:8080\.$/),
      expect.stringMatching(/^Nada se publicó\. Para publicar de nuevo esas 2 publicaciones, repita la orden con --confirmar\. .*las mismas entregas \(identificador, fecha y contenido; ninguna nueva\).* Se escriben 31 documentos, y después los archivos de descarga\.$/),
    ]);

    const one = await runCli('publications', 'republish', '--publicador', 'merida', '--confirmar');
    expect([one.code, one.err]).toEqual([0, '']);
    expect(one.out).toMatch(/^ {2}1\/1 merida: publicada de nuevo como merida-\d{14}-\w{8} \(5 entregas, 5 registros, 4 proyectos\) en [\d.]+ s\.$/m);
    expect(one.out).toContain(`Listo: 1 publicación publicada de nuevo bajo ${NEW}. La reemplazada queda en el historial: «publications prune» la borra pasadas 24 horas.`);
    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const after = (await store.getCurrent('merida'))!;
      expect(after).toMatchObject({ createdAt: before.createdAt, republishedFrom: before.id });
      expect(await linkedUnder(store, 'merida')).toEqual([NEW]);
      expect(await linkedUnder(store, 'tuxtla-gutierrez')).toEqual([OLD]);
      // Its downloads, written under the new address.
      const records = fs.readFileSync(path.join(dir, 'bulk', ...publicationBulkFolder(after.id).split('/'), 'records.json'), 'utf8');
      expect([records.includes(`${NEW}/api/ocds/releases?`), records.includes(OLD)]).toEqual([true, false]);
    } finally {
      await store.close();
    }

    const rest = await runCli('publications', 'republish', '--confirmar');
    expect(rest.out).toContain('  1/1 tuxtla-gutierrez: publicada de nuevo como');
    expect(rest.out).toContain('1 publicación vigente ya está al día: no se toca.');
    const again = await runCli('publications', 'republish', '--confirmar');
    expect([again.code, again.out]).toEqual([0, `Las publicaciones vigentes ya enlazan sus entregas bajo ${NEW} (PUBLIC_BASE_URL) y están construidas como las construye esta versión: nada que publicar de nuevo.`]);
    const list = await runCli('publications', 'list', '--publicador', 'merida');
    expect(list.out).toContain(`completa, ${before.id} publicada de nuevo`);
    const unknown = await runCli('publications', 'republish', '--publicador', 'merda');
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('No existe el publicador «merda»')]);
    expect(`${unknown.err}${bare.err}`).not.toMatch(STACK_TRACE);
  });
});

/** Every release of a publication (ocid, id, date, text), and every record and project as stored text. */
async function stored(store: Store, publicationId: string): Promise<{ releases: string[][]; documents: string[] }> {
  const releases = (await allReleases(store, publicationId)).map((r) => [r.ocid, r.id, r.date, JSON.stringify(r.release)]);
  const records = await readAll((after) => store.listDocumentTexts('records', { publicationId, after, limit: 1000 }));
  const projects = await readAll((after) => store.listProjects({ publicationId, after, limit: 1000 }));
  return { releases, documents: [...records.map((r) => r.text), ...projects.map((p) => JSON.stringify(p.project))] };
}

describe('with --nube, on a deployment whose publications link under another address (transferred)', () => {
  const cloud = cloudUnderTest('republicar_', 'republicar-nube-');

  it('publishes again under the deployment\'s address and writes the bulk files to its bucket', async () => {
    const { project, storage } = cloud;
    const store = cloud.openStore();
    const env = cloud.writeEnvFile(NEW);
    try {
      await seed(store, ['tuxtla-gutierrez']);
      const before = (await store.getCurrent('tuxtla-gutierrez'))!;
      const cli = () => runCli('publications', 'republish', '--nube', '--proyecto', project, '--entorno', env, '--confirmar');
      const run = await cli();
      expect([run.code, run.err]).toEqual([0, '']);
      expect(run.out).toContain(`Se publica de nuevo, con el mismo contenido, bajo ${NEW} (PUBLIC_BASE_URL de ${env}):`);
      expect(await linkedUnder(store, 'tuxtla-gutierrez')).toEqual([NEW]);
      const current = (await store.getCurrent('tuxtla-gutierrez'))!;
      // The same releases, byte for byte; records and projects as they were, with every link under the new address.
      const [was, is] = [await stored(store, before.id), await stored(store, current.id)];
      expect(is.releases).toEqual(was.releases);
      expect(was.documents.join('').includes(OLD)).toBe(true);
      expect(is.documents).toEqual(was.documents.map((text) => text.split(OLD).join(NEW)));
      expect(current).toMatchObject({ createdAt: before.createdAt, contentHash: before.contentHash, republishedFrom: before.id });
      const records = storage.objects.get(`demo-bulk/${publicationBulkFolder(current.id)}records.json`)!.data.toString('utf8');
      expect([records.includes(`${NEW}/api/ocds/releases?`), records.includes(OLD)]).toEqual([true, false]);
      expect((await cli()).out).toContain('nada que publicar de nuevo');
    } finally {
      await store.close();
    }
  });
});

/**
 * `publications redact`: a person asks for their CURP and telephone, typed by an official into a tender's description
 * and a document's title, to be removed (derecho de cancelación). The official corrects the workbook and publishes:
 * that only adds a release, and the earlier one still served them (the release API, the record's history, the
 * release bulk files). The data officer names the texts in a file; the dry run says where they are, and with
 * --confirmar none of what the public reaches holds them, every other release is as it was, and the audit log says
 * who and why without the texts.
 */
describe('publications redact, on a self-hosted server', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => { dir = scratchDir('suprimir-'); process.env.INFRA_SQLITE = path.join(dir, 'infra-abierta.sqlite'); process.env.PUBLIC_BASE_URL = NEW; delete process.env.BULK_DIR; });
  afterEach(() => { process.env = { ...saved }; fs.rmSync(dir, { recursive: true, force: true }); });

  const CURP = 'PELJ800101MYNRPN09';
  const OCID = 'ocds-mid001-DOP-LP-OP-003-2024';
  /** What the public reads of the process: its releases, its record with the history (and the publisher's release file). */
  const reachable = async (store: Store, bulk = false): Promise<string> => {
    const app = createApp({ store, config: { publicBaseUrl: NEW, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    const urls = [`/api/ocds/releases?ocid=${OCID}`, `/api/ocds/records/${OCID}`, '/api/ocds/records?publisher=merida', ...(bulk ? ['/api/bulk/releases.jsonl?publisher=merida'] : [])];
    return (await Promise.all(urls.map(async (url) => (await request(app).get(url)).text))).join('\n');
  };

  it('replaces the texts in every published release, record, bulk file and project, and nothing else', async () => {
    let store = openSqliteStore(process.env.INFRA_SQLITE as string);
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    await store.putPublisher(publisher);
    const typed = workbook.sheets.find((s) => s.name === 'Contrataciones')!;
    const column = typed.rows[1].indexOf('tender/description');
    const clean = String(typed.rows[2][column]);
    await publish(store, { publisher, workbook, actor: 'cli', now: '2026-10-01T12:00:00.000Z', baseUrl: NEW });
    setCell(workbook, 'Contrataciones', 0, 'tender/description', `${clean} Queja de Juana Pérez, CURP ${CURP}, Tel. 999 123 4567.`);
    setCell(workbook, 'Documentos de licitación', 0, 'tender/documents/0/title', `Escrito de Juana Pérez ${CURP.toLowerCase()}`);
    await publish(store, { publisher, workbook, actor: 'cli', now: '2026-11-01T12:00:00.000Z', baseUrl: NEW });
    // The review flow: the send that published them keeps its findings, whose warning quotes the CURP it found.
    const send = async (id: string, status: 'published' | 'submitted' | 'withdrawn', at: string): Promise<void> => {
      const checked = checkSubmitted(workbook, publisher, at);
      const snapshot = await keepSnapshot(store, workbook, at, checked.completeness, checked.counts);
      await store.createSubmission({ id, publisherId: 'merida', source: { kind: 'xlsx', fileId: snapshot.contentHash }, status, history: [{ at, by: 'u1', action: 'submitted' }], findings: summarizeFindings(checked.findings), snapshot, createdAt: at, updatedAt: at });
    };
    await send('envio-curp', 'published', '2026-11-01T12:00:00.000Z');
    expect(JSON.stringify(await store.getSubmission('envio-curp'))).toContain(CURP);
    setCell(workbook, 'Contrataciones', 0, 'tender/description', clean);
    setCell(workbook, 'Documentos de licitación', 0, 'tender/documents/0/title', 'Convocatoria');
    // Not corrected: in the latest release of another process (its record's compiled release) and in a project.
    setCell(workbook, 'Contrataciones', 1, 'tender/description', 'Supervisión. Vecina: Calle 59 No. 512, Centro.');
    setCell(workbook, 'Proyectos', 0, 'description', 'Obra pedida por Juana Pérez, Tel. 999 123 4567.');
    await publish(store, { publisher, workbook, actor: 'cli', now: '2026-11-02T12:00:00.000Z', baseUrl: NEW });
    // …and one in review whose workbook still has the address and the telephone.
    await send('envio-abierto', 'submitted', '2026-11-03T12:00:00.000Z');
    const before = (await store.getCurrent('merida'))!;
    // Corrected in the workbook and published again: still served.
    expect(await reachable(store)).toContain(CURP);
    await store.close();

    const texts = path.join(dir, 'textos.txt');
    fs.writeFileSync(texts, `${CURP}\n999  123 4567\n\nno-aparece-nunca\ncalle 59 no. 512\n`);
    const refused = await runCli('publications', 'redact', '--publicador', 'merida', '--textos', texts, '--motivo', `Solicitud de ${CURP}`, '--confirmar');
    expect([refused.code, refused.err]).toEqual([2, expect.stringContaining('El motivo contiene uno de los textos a suprimir')]);
    const dry = await runCli('publications', 'redact', '--publicador', 'merida', '--textos', texts, '--motivo', 'Solicitud ARCO 0001/2026');
    const stillOpen = 'Aviso: el envío envio-abierto («En revisión») tiene esos textos en el libro enviado: su página los muestra en la vista previa y, si se aprueba, se vuelven a publicar.';
    expect([dry.code, dry.err]).toEqual([0, '']);
    expect(dry.out).toContain(stillOpen);
    expect(dry.out).toMatch(/^ {2}2 envíos los citan en sus advertencias o comentarios \(envio-\w+ y envio-\w+\): con --confirmar también se suprimen ahí\.$/m);
    expect(dry.out).toContain('  texto 1 («PELJ…», 18 caracteres): 2 veces.\n  texto 2 («999 …», 13 caracteres): 2 veces.\n  texto 3 («no-a…», 16 caracteres): no aparece.\n  texto 4 («call…», 16 caracteres): 1 vez.');
    expect(dry.out).toMatch(new RegExp(`^ {2}Contratación ${OCID}, entrega \\S+ \\(01/11/2026\\): /tender/description, /tender/documents/0/title$`, 'm'));
    expect(dry.out).toContain('  Proyecto oc4ids-mid001-MID-2024-001: /description\nAviso: 1 texto no aparece tal como se escribió;');
    expect(dry.out).toContain('Nada se cambió.');
    // A text that is part of a process's identifier: refused, nothing changed.
    const identifier = await runCli('publications', 'redact', '--publicador', 'merida', '--texto', 'DOP-LP-OP-003-2024', '--motivo', 'Folio 2', '--confirmar');
    expect([identifier.code, identifier.err]).toEqual([1, expect.stringContaining(`No se cambió nada: un texto es parte del identificador de ${OCID} (`)]);

    const run = await runCli('publications', 'redact', '--publicador', 'merida', '--textos', texts, '--motivo', 'Solicitud ARCO 0001/2026', '--confirmar');
    expect([run.code, run.err]).toEqual([0, '']);
    expect(run.out).toContain(stillOpen);
    expect(run.out).toMatch(/^También se suprimieron de las advertencias y comentarios de 2 envíos \(envio-\w+ y envio-\w+\)/m);
    expect(run.out).toContain('Suprimidos: 2 entregas y 1 proyecto;');
    // The prune it suggests, run when it says, is accepted and reaches every publication it replaced.
    const [, when, day] = /A partir del (\S+ \S+): infra-abierta publications prune --antes-de (\S+) --publicador merida --confirmar/.exec(run.out) ?? [];
    const [d, mo, y, h, mi] = when.split(/[/ :]/);
    const runAt = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:59-06:00`);
    expect(Date.parse(dayStart(day)!)).toBeLessThanOrEqual(runAt);
    expect(Date.parse(dayStart(day)!)).toBeGreaterThan(runAt - 24 * 3600 * 1000);
    expect(`${run.out}${dry.out}`).not.toContain(CURP);
    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const after = (await store.getCurrent('merida'))!;
      expect(after).toMatchObject({ createdAt: before.createdAt, counts: before.counts });
      const served = await reachable(store, true);
      expect(served).not.toMatch(/PELJ800101MYNRPN09|123 4567|Calle 59/i);
      expect(served).toContain('Supervisión. Vecina: [dato personal suprimido], Centro.');
      expect(served).toContain(`${clean} Queja de Juana Pérez, CURP [dato personal suprimido], Tel. [dato personal suprimido].`);
      // The bulk files written on disk, not only built on request.
      const bulk = path.join(dir, 'bulk', ...publicationBulkFolder(after.id).split('/'), 'releases.jsonl');
      expect(fs.readFileSync(bulk, 'utf8')).toContain('Escrito de Juana Pérez [dato personal suprimido]');
      // …and those of all implementers together, whose set now holds the redacted publication: written too, as after
      // an approval in the cloud, not left for the first download to build inside its request.
      const together = path.join(dir, 'bulk', ...bulkPrefix(await currentSets(store, await allPublishers(store)), undefined).split('/'), 'releases.jsonl');
      expect(fs.readFileSync(together, 'utf8')).toContain('Escrito de Juana Pérez [dato personal suprimido]');
      // Every other release as it was, byte for byte; the redacted one keeps its id, date and tag.
      const [was, is] = [await stored(store, before.id), await stored(store, after.id)];
      // Records and projects as stored, none with the texts.
      expect(is.documents.join('\n')).not.toMatch(/123 4567|Calle 59/);
      expect(is.releases.map((r) => r.slice(0, 3))).toEqual(was.releases.map((r) => r.slice(0, 3)));
      const differing = is.releases.filter((r, n) => r[3] !== was.releases[n][3]);
      // releases.json says which of its releases were redacted after publication (the .jsonl has no package to say it).
      const releasesJson = JSON.parse(fs.readFileSync(bulk.replace(/\.jsonl$/, '.json'), 'utf8')) as { redactions?: { releaseID: string }[] };
      expect(releasesJson.redactions?.map((r) => r.releaseID).sort()).toEqual(differing.map((r) => r[1]).sort());
      // …and so does huellas.json beside the .jsonl, whose reader may download only those.
      const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(bulk), 'huellas.json'), 'utf8')) as { redactions?: { releaseID?: string }[] };
      expect(manifest.redactions?.map((r) => r.releaseID).sort()).toEqual(differing.map((r) => r[1]).sort());
      expect(differing.map((r) => r[3].split('[dato personal suprimido]').length - 1)).toEqual([1, 3]);
      const entry = (await store.listAudit({ publisherId: 'merida' })).items.find((e) => e.action === 'publication.redacted')!;
      expect(entry).toMatchObject({ actor: 'cli', target: `publication/${after.id}`, details: { redactedFrom: before.id, reason: 'Solicitud ARCO 0001/2026', redactedOcids: ['ocds-mid001-DOP-AD-SRO-007-2024', OCID] } });
      expect(JSON.stringify(entry)).not.toContain('PELJ');
      // The sends' pages no longer quote them; their status and date are as they were.
      const quoted = (await store.getSubmission('envio-curp'))!;
      expect(JSON.stringify(quoted)).not.toMatch(/PELJ800101MYNRPN09|123 4567/i);
      expect(JSON.stringify(quoted.findings)).toContain('[dato personal suprimido]');
      expect(quoted).toMatchObject({ status: 'published', updatedAt: '2026-11-01T12:00:00.000Z' });
      // As the Bitácora shows it.
      expect(auditDetailsParts(entry.action, entry.details)).toEqual(expect.arrayContaining(['Motivo: Solicitud ARCO 0001/2026', `Suprimidos de la publicación ${before.id}`, expect.stringMatching(/^En 2 entregas OCDS: ocds-mid001-DOP-AD-SRO-007-2024-\w+ \(\/tender\/description\); /), '2 contrataciones con datos suprimidos', expect.stringMatching(/^También en las advertencias o comentarios de los envíos envio-\w+, envio-\w+$/)]));
      expect(auditDetailsParts(entry.action, entry.details).join('; ')).not.toContain('contrataciones cambiadas');
      // The public is told which releases and project changed after publication, when and where — not what.
      const app = createApp({ store, config: { publicBaseUrl: NEW, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
      const redactionsAt = async (url: string): Promise<unknown> => (JSON.parse((await request(app).get(url)).text) as { redactions?: unknown }).redactions;
      const releaseId = differing.find((r) => r[0] === OCID)?.[1];
      const note = { ocid: OCID, releaseID: releaseId, redactedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), fields: ['/tender/description', '/tender/documents/0/title'] };
      expect(await redactionsAt(`/api/ocds/records/${OCID}`)).toEqual([note]);
      expect(await redactionsAt(`/api/ocds/releases?ocid=${OCID}`)).toEqual([note]);
      expect(await redactionsAt('/api/oc4ids/projects/oc4ids-mid001-MID-2024-001')).toEqual([{ projectID: 'oc4ids-mid001-MID-2024-001', redactedDate: note.redactedDate, fields: ['/description'] }]);
      const untouched = JSON.parse((await request(app).get('/api/ocds/records/ocds-mid001-DOP-LP-OP-009-2024').expect(200)).text) as { records: unknown[]; redactions?: unknown };
      expect([untouched.records.length, untouched.redactions]).toEqual([1, undefined]);
      // …and still after the implementer publishes its corrected workbook: the redacted releases are carried.
      setCell(workbook, 'Contrataciones', 1, 'tender/description', 'Supervisión.');
      setCell(workbook, 'Proyectos', 0, 'description', 'Obra pedida por vecinos.');
      await publish(store, { publisher, workbook, actor: 'cli', now: '2026-12-01T12:00:00.000Z', baseUrl: NEW });
      expect((await store.getCurrent('merida'))!.id).not.toBe(after.id);
      expect(await redactionsAt(`/api/ocds/records/${OCID}`)).toEqual([note]);
    } finally {
      await store.close();
    }
    // The officer's listing says which publication is the redaction, its folio and how much it changed.
    const list = await runCli('publications', 'list', '--publicador', 'merida');
    expect(list.out).toMatch(new RegExp(`\\tcompleta, datos personales suprimidos de ${before.id} \\(motivo «Solicitud ARCO 0001/2026»; 2 entregas de 2 contrataciones y 1 proyecto\\)$`, 'm'));
    expect(list.out).not.toContain('publicada de nuevo');
    const again = await runCli('publications', 'redact', '--publicador', 'merida', '--textos', texts, '--motivo', 'Solicitud ARCO 0001/2026', '--confirmar');
    // Nothing published or quoted holds them; the send still open does, and is told again.
    expect([again.code, again.out.split('\n').slice(-2)]).toEqual([0, ['Ninguno de los textos aparece en lo publicado, pero sí en envíos:', expect.stringContaining(stillOpen)]]);
    // A send withdrawn later whose warning quotes the CURP: rewritten with no publication, and the Bitácora says so.
    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      setCell(workbook, 'Contratos', 0, 'contracts/0/description', `Contrato con CURP ${CURP}`);
      await send('envio-retirado', 'withdrawn', '2026-11-04T12:00:00.000Z');
    } finally {
      await store.close();
    }
    const late = await runCli('publications', 'redact', '--publicador', 'merida', '--textos', texts, '--motivo', 'Solicitud ARCO 0001/2026', '--confirmar');
    expect(late.out).toContain('También se suprimieron de las advertencias y comentarios de 1 envío (envio-retirado)');
    store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      expect(JSON.stringify(await store.getSubmission('envio-retirado'))).not.toContain(CURP);
      const entry = (await store.listAudit({ publisherId: 'merida' })).items.find((e) => e.action === 'submissions.redacted');
      expect(entry).toMatchObject({ actor: 'cli', target: 'publisher/merida', details: { reason: 'Solicitud ARCO 0001/2026', redactedSubmissions: ['envio-retirado'] } });
    } finally {
      await store.close();
    }
    expect(`${refused.err}${again.err}`).not.toMatch(STACK_TRACE);
  });
});
