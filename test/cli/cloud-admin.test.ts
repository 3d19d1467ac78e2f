/**
 * Bootstrapping a cloud deployment (issue 16, item 1): the first administrator and the publishers are created
 * with the CLI's `--nube` against Firestore (here the emulator), and that administrator can then sign in with a
 * Google identity token to the cloud app and use the admin API. Cloud mode refuses to start half-configured.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { deleteApp, getApps } from 'firebase-admin/app';
import { type FirestoreEmulator, startFirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { startTestIdentity, type TestIdentity, TEST_CLIENT_ID } from '../workflow/test-identity';
import { runCli, scratchDir, STACK_TRACE } from './run-cli';
import { startStorageStub, type StorageStub } from '../storage-stub/storage-stub';
import { exampleWorkbook, publisherOf, setCell } from '../example-workbooks';
import { XlsxFileSource } from '../../functions/src/ingest/xlsx-source';
import { ROOT } from '../standards';
import { checkWorkbook } from '../../core/pipeline/check-workbook';
import { publish } from '../../functions/src/publication/publish';
import { parseEnvFile } from '../../functions/src/cli/env-file';
import { publicationBulkFolder } from '../../functions/src/publication/bulk-files';
import type { Publisher } from '../../functions/src/store/store';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import { createCloudApp } from '../../functions/src/index';
import { ConfigError, loadConfig } from '../../functions/src/config';
import { authenticatorFor } from '../../functions/src/auth/authenticate';

let emulator: FirestoreEmulator;
let identity: TestIdentity;
const saved = { ...process.env };
beforeAll(async () => {
  emulator = await startFirestoreEmulator();
  identity = await startTestIdentity();
  process.env.FIRESTORE_NAMESPACE = 'cli_';
  delete process.env.GOOGLE_CLOUD_PROJECT;
});
afterAll(async () => {
  process.env = saved;
  await identity.close();
  await emulator.stop();
  await Promise.all(getApps().map((a) => deleteApp(a)));
});

test('users and publishers are created in Firestore with --nube; the admin then signs in to the cloud app', async () => {
  const project = process.env.GCLOUD_PROJECT as string;
  const added = await runCli('users', 'add', '--nube', '--proyecto', project, '--email', 'Admin@Estado.gob.mx', '--rol', 'admin');
  expect(added.err).toBe('');
  expect(added.code).toBe(0);
  expect(added.out).toMatch(/Cuenta creada: admin@estado\.gob\.mx \(admin\)\. Entra con su cuenta de Google/);
  expect(added.out).not.toMatch(/Token/);

  const pub = await runCli('publishers', 'add', 'itait', '--nube', '--proyecto', project, '--nombre', 'Instituto Tamaulipeco de Infraestructura', '--entidad', 'Tamaulipas',
    '--orden', 'estatal', '--prefijo-ocid', 'ocds-itait1', '--prefijo-proyectos', 'oc4ids-itait1', '--proyectos', '5', '--periodicidad', '90');
  expect(pub.err).toBe('');
  expect(pub.out).toMatch(/Publicador registrado: itait/);
  // The project id may also come from the environment, as on a Cloud Shell.
  process.env.GOOGLE_CLOUD_PROJECT = project;
  const capturista = await runCli('users', 'add', '--nube', '--email', 'obras@itait.gob.mx', '--rol', 'capturista', '--publicador', 'itait');
  expect(capturista.code).toBe(0);
  const bad = await runCli('publishers', 'add', 'otro', '--nube', '--nombre', 'Otro', '--entidad', 'Sonora', '--prefijo-ocid', 'ocds-ITAIT', '--prefijo-proyectos', 'oc4ids-otro01');
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/prefijo OCID «ocds-ITAIT» debe ser «ocds-» seguido de 6/);
  expect(bad.err).not.toMatch(STACK_TRACE);
  const listed = await runCli('users', 'list', '--nube');
  expect(listed.out).toMatch(/admin@estado\.gob\.mx\tadmin/);
  expect(listed.out).toMatch(/obras@itait\.gob\.mx\tcapturista\titait/);
  expect((await runCli('publishers', 'list', '--nube')).out).toMatch(/^itait\tInstituto Tamaulipeco de Infraestructura\tTamaulipas\tocds-itait1\toc4ids-itait1\t5 proyectos, actualización cada 90 días$/m);

  // What the CLI wrote is what the deployed app reads (same collections, same namespace).
  const store = openFirestoreStore({ projectId: project, namespace: 'cli_' });
  try {
    const env = { ...process.env, GOOGLE_CLIENT_ID: TEST_CLIENT_ID, PUBLIC_BASE_URL: 'https://infra.example.mx', BULK_BUCKET: 'demo-bulk' };
    const app = createCloudApp(env, store, { authenticator: authenticatorFor(loadConfig({ ...env, INFRA_MODE: 'cloud' }), store, { certsUrl: identity.certsUrl }) });
    const admin = `Bearer ${identity.token({ email: 'admin@estado.gob.mx' })}`;
    const put = await request(app).put('/api/publishers/sop-son').set('Authorization', admin)
      .send({ name: 'Secretaría de Obras Públicas de Sonora', state: 'Sonora', ocidPrefix: 'ocds-sopson', projectIdPrefix: 'oc4ids-sopson', commitment: { projects: 2 } });
    expect(put.status).toBe(201);
    const publishers = await request(app).get('/api/publishers');
    expect(publishers.body.publishers.map((p: { id: string }) => p.id).sort()).toEqual(['itait', 'sop-son']);
  } finally {
    await store.close();
  }

  expect((await runCli('users', 'remove', '--nube', '--email', 'obras@itait.gob.mx')).out).toMatch(/Cuenta eliminada/);
  // What an auditor reads of it in the deployment's log: the accounts and the registration, by the CLI.
  const log = openFirestoreStore({ projectId: project, namespace: 'cli_' });
  try {
    const entries = (await log.listAudit({ limit: 100 })).items.filter((e) => e.actor === 'cli');
    expect(entries.map((e) => `${e.action} ${String(e.details.email ?? e.target)}`).sort()).toEqual([
      'publisher.created publisher/itait', 'user.created admin@estado.gob.mx', 'user.created obras@itait.gob.mx', 'user.removed obras@itait.gob.mx',
    ]);
  } finally {
    await log.close();
  }
  delete process.env.GOOGLE_CLOUD_PROJECT;
}, 30000);

// Copied without --nube, a suggested command worked on a SQLite file in the current folder and answered as if done:
// a publisher «registered» there was then unknown to `users add --nube`.
test('in the cloud, the commands the CLI suggests carry --nube', async () => {
  const project = process.env.GCLOUD_PROJECT as string;
  process.env.FIRESTORE_NAMESPACE = 'sugerencias_';
  try {
    expect((await runCli('users', 'list', '--nube', '--proyecto', project)).err).toBe('Aún no hay cuentas. Cree una con «infra-abierta users add --nube --email … --rol …».');
    expect((await runCli('publishers', 'list', '--nube', '--proyecto', project)).err).toContain('«infra-abierta publishers add <id> --nube --nombre');
    expect((await runCli('users', 'add', '--nube', '--proyecto', project, '--email', 'obras@uman.gob.mx', '--rol', 'capturista', '--publicador', 'uman')).err)
      .toBe('No existe el publicador «uman». Aún no hay publicadores: regístrelo antes con «infra-abierta publishers add uman --nube …».');
    expect((await runCli('publishers', 'add', 'uman', '--nube', '--proyecto', project, '--nombre', 'Municipio de Umán', '--entidad', 'Yucatán', '--prefijo-ocid', 'ocds-uman01', '--prefijo-proyectos', 'oc4ids-uman01', '--proyectos', '2')).code).toBe(0);
    expect((await runCli('users', 'add', '--nube', '--proyecto', project, '--email', 'obras@uman.gob.mx', '--rol', 'capturista', '--publicador', 'uman')).code).toBe(0);
    expect((await runCli('users', 'add', '--nube', '--proyecto', project, '--email', 'obras@uman.gob.mx', '--rol', 'coordinador', '--entidad', 'Yucatán')).err)
      .toBe('Ya existe una cuenta con el correo obras@uman.gob.mx, capturista de «uman» (no coordinador de Yucatán). Para cambiarle el rol, el publicador o la entidad, elimínela con «infra-abierta users remove --nube --email obras@uman.gob.mx» y créela de nuevo.');
    // The same command again (a setup script re-run) is done, not an error.
    const again = await runCli('users', 'add', '--nube', '--proyecto', project, '--email', ' Obras@Uman.gob.mx', '--rol', 'capturista', '--publicador', 'uman');
    expect([again.code, again.out]).toEqual([0, 'La cuenta obras@uman.gob.mx (capturista de «uman») ya existía así; no se cambió nada.']);
    const kept = await runCli('publishers', 'remove', 'uman', '--nube', '--proyecto', project);
    expect([kept.code, kept.err]).toEqual([2, 'No se elimina «uman» (Municipio de Umán): la cuenta «obras@uman.gob.mx» captura para él. Elimínelas antes con «infra-abierta users remove --nube --email …».']);
    expect((await runCli('users', 'remove', '--nube', '--proyecto', project, '--email', 'otra@uman.gob.mx')).err).toContain('«infra-abierta users list --nube»');
  } finally {
    process.env.FIRESTORE_NAMESPACE = 'cli_';
  }
});

test('--nube without any project id names what to give', async () => {
  const env = { ...process.env };
  delete process.env.GCLOUD_PROJECT;
  try {
    const run = await runCli('users', 'list', '--nube');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--proyecto ID.*GOOGLE_CLOUD_PROJECT/);
  } finally {
    process.env = env;
  }
});

test('cloud mode refuses to start without PUBLIC_BASE_URL or GOOGLE_CLIENT_ID, naming the variable in Spanish', () => {
  const base = { INFRA_MODE: 'cloud', GOOGLE_CLIENT_ID: TEST_CLIENT_ID, PUBLIC_BASE_URL: 'https://infra.example.mx', BULK_BUCKET: 'demo-bulk' };
  expect(() => loadConfig(base)).not.toThrow();
  const without = (name: keyof typeof base) => { const env: NodeJS.ProcessEnv = { ...base }; delete env[name]; return () => loadConfig(env); };
  expect(without('PUBLIC_BASE_URL')).toThrow(ConfigError);
  expect(without('PUBLIC_BASE_URL')).toThrow(/falta PUBLIC_BASE_URL/);
  expect(without('GOOGLE_CLIENT_ID')).toThrow(/falta GOOGLE_CLIENT_ID/);
  // A placeholder left in functions/.env.<proyecto> is named, not taken for an id (sign-in then failed silently).
  expect(() => loadConfig({ ...base, DASHBOARD_CLIENT_ID: '<ID del tablero>.apps.googleusercontent.com' })).toThrow('La variable DASHBOARD_CLIENT_ID conserva el marcador <ID del tablero> del ejemplo («<ID del tablero>.apps.googleusercontent.com»): sustitúyalo por el valor de su despliegue (docs/deploy.md).');
  expect(() => loadConfig({ ...base, DASHBOARD_CLIENT_ID: 'tablero.apps.google.com' })).toThrow('DASHBOARD_CLIENT_ID debe ser un ID de cliente OAuth, como 123456789012-abc123.apps.googleusercontent.com (se recibió «tablero.apps.google.com»).');
  // The bucket's name, not its address; the dashboard's address a URL; a sender in angle brackets is no placeholder.
  expect(() => loadConfig({ ...base, BULK_BUCKET: 'gs://demo-infra.firebasestorage.app' })).toThrow(/^BULK_BUCKET debe ser el nombre del depósito de Cloud Storage, sin gs:\/\/ ni https:\/\//);
  expect(() => loadConfig({ ...base, DASHBOARD_URL: 'tablero.example.mx' })).toThrow(/^La variable DASHBOARD_URL debe ser una URL http\(s\)/);
  expect(loadConfig({ ...base, DASHBOARD_URL: 'https://tablero.example.mx/', MAIL_FROM: 'Infraestructura Abierta <avisos@itait.gob.mx>' }).dashboardUrl).toBe('https://tablero.example.mx');
  expect(() => loadConfig({ ...base, GOOGLE_CLIENT_ID: 'a' })).toThrow(/^GOOGLE_CLIENT_ID debe ser un ID de cliente OAuth/);
  expect(() => loadConfig({ ...base, SERVICE_ACCOUNT_EMAIL: 'infra-abierta@demo-infra.gserviceaccount.com' })).toThrow(/^SERVICE_ACCOUNT_EMAIL debe ser el correo de una cuenta de servicio/);
  expect(loadConfig({ ...base, SERVICE_ACCOUNT_EMAIL: 'infra-abierta@demo-infra.iam.gserviceaccount.com' }).serviceAccountEmail).toBe('infra-abierta@demo-infra.iam.gserviceaccount.com');
  expect(without('BULK_BUCKET')).toThrow(/falta BULK_BUCKET/);
  // The Functions runtime names the default bucket and the project in FIREBASE_CONFIG.
  const fromRuntime = loadConfig({ ...base, BULK_BUCKET: '', FIREBASE_CONFIG: JSON.stringify({ projectId: 'demo-x', storageBucket: 'demo-x.appspot.com' }) });
  expect(fromRuntime.bulkBucket).toBe('demo-x.appspot.com');
  expect(fromRuntime.projectId).toBe('demo-x');
  // Self-hosted keeps its friendly default.
  expect(loadConfig({}).publicBaseUrl).toBe('http://127.0.0.1:8080');
  // The deployment's environment file, read as Firebase reads it (history --nube publishes with it).
  expect(parseEnvFile('# comentario\nPUBLIC_BASE_URL=https://a.example.mx # la pública\nMAIL_FROM="Infra <avisos@a.mx>"\n\nBULK_BUCKET=\'demo-b\'\n')).toEqual({ PUBLIC_BASE_URL: 'https://a.example.mx', MAIL_FROM: 'Infra <avisos@a.mx>', BULK_BUCKET: 'demo-b' });
});

describe('history --nube', () => {
  const BASE = 'https://datos.merida.example.mx';
  let storage: StorageStub;
  let dir: string;
  beforeAll(async () => {
    storage = await startStorageStub();
    process.env.STORAGE_API_ENDPOINT = storage.apiEndpoint;
    dir = scratchDir('nube-');
  });
  afterAll(async () => {
    delete process.env.STORAGE_API_ENDPOINT;
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  /** The deployment's environment file (functions/.env.<PROYECTO>, docs/deploy.md §6), as `firebase deploy` uploads it. */
  const envFile = (name: string, vars: Record<string, string>): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `# Despliegue de prueba\n${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    return file;
  };
  const deployment = { PUBLIC_BASE_URL: `${BASE}/`, GOOGLE_CLIENT_ID: TEST_CLIENT_ID, BULK_BUCKET: 'demo-bulk', FIRESTORE_NAMESPACE: 'cli_' };

  test('lays down the history in Firestore under the functions\' PUBLIC_BASE_URL and writes its downloads; the next publication carries its records', async () => {
    const project = process.env.GCLOUD_PROJECT as string;
    const workbook = await exampleWorkbook('merida');
    const publisher = publisherOf('merida', workbook);
    // What Mérida published on its old server: two of the workbook's processes, with that server's ids, dates and tags.
    const converted = checkWorkbook(workbook, { now: '2025-07-01T10:00:00-06:00', ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
    const releases = (converted.releases as Record<string, unknown>[]).slice(0, 2).map((r, n): Record<string, unknown> => ({ ...r, id: `anterior-${n}`, date: '2025-03-31T12:00:00-06:00', tag: ['tender'] }));
    const file = path.join(dir, 'publicadas.json');
    fs.writeFileSync(file, JSON.stringify({ uri: 'http://servidor-anterior/entregas.json', publishedDate: '2025-03-31T12:00:00-06:00', version: '1.1', releases }));

    const store = openFirestoreStore({ projectId: project, namespace: 'cli_' });
    try {
      const deploymentFile = envFile(`.env.${project}`, deployment);
      const unregistered = await runCli('history', file, '--publicador', 'merida', '--nube', '--proyecto', project, '--entorno', deploymentFile);
      expect([unregistered.code, unregistered.err]).toEqual([2, expect.stringContaining('El publicador «merida» no está registrado en el despliegue. Regístrelo antes con «infra-abierta publishers add merida --nube --nombre')]);
      await store.putPublisher(publisher);
      // Without the deployment's configuration nothing is written: its address is in every record.
      const missing = await runCli('history', file, '--publicador', 'merida', '--nube', '--proyecto', project);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain(`No se encontró ${path.join(ROOT, 'functions', `.env.${project}`)}, la configuración con la que se despliegan las funciones`);
      expect(missing.err).toContain(`--entorno ruta/.env.${project}`);
      // One the functions would refuse is refused, naming the variable; so is another namespace than this computer's.
      const placeholder = await runCli('history', file, '--publicador', 'merida', '--nube', '--proyecto', project, '--entorno', envFile('marcador', { ...deployment, BULK_BUCKET: '<BULK_BUCKET>' }));
      expect([placeholder.code, placeholder.err]).toEqual([2, expect.stringContaining('La variable BULK_BUCKET conserva el marcador <BULK_BUCKET> del ejemplo')]);
      const namespace = await runCli('history', file, '--publicador', 'merida', '--nube', '--proyecto', project, '--entorno', envFile('otro-prefijo', { ...deployment, FIRESTORE_NAMESPACE: 'prod_' }));
      expect([namespace.code, namespace.err]).toEqual([2, expect.stringContaining('Las funciones usan el prefijo de colecciones (FIRESTORE_NAMESPACE) «prod_»')]);
      expect(await store.getCurrent('merida')).toBeUndefined();

      const env = deploymentFile;
      const laid = await runCli('history', file, '--publicador', 'merida', '--nube', '--proyecto', project, '--entorno', env);
      expect(laid.err).toMatch(/Publicada la historia de «merida» \(merida-\d+-[0-9a-f]{8}\): 2 entregas de 2 procesos, con sus identificadores y fechas\. Ahora envíe su libro a revisión/);
      expect(laid.code).toBe(0);
      const history = (await store.getCurrent('merida'))!;
      // In the log: laid down from the command line, by which system account, with the hash it was published with.
      expect((await store.listAudit({ publisherId: 'merida' })).items.find((e) => e.action === 'publication.history')).toMatchObject({
        actor: 'cli', target: `publication/${history.id}`, details: { contentHash: history.contentHash, systemUser: expect.any(String) },
      });
      // The downloads were written to the bucket before anyone asked: the publisher's, and all publishers' together.
      expect([...storage.objects.keys()].filter((k) => k.endsWith('/datos.xlsx')).map((k) => k.split('/')[1]).sort()).toEqual(['publicaciones', 'todos']);
      expect(storage.objects.has(`demo-bulk/${publicationBulkFolder(history.id)}releases.json`)).toBe(true);

      // The cloud app, configured from the same file, serves them: the history's releases, linked under its address.
      const cloudEnv = { ...process.env, ...parseEnvFile(fs.readFileSync(env, 'utf8')) };
      const app = createCloudApp(cloudEnv, store, { storageApiEndpoint: storage.apiEndpoint });
      const bulk = await request(app).get('/api/bulk/releases.json?publisher=merida').set('Accept-Encoding', 'identity').buffer(true)
        .parse((res, cb) => { const c: Buffer[] = []; res.on('data', (x: Buffer) => c.push(x)); res.on('end', () => cb(null, Buffer.concat(c))); });
      expect(bulk.status).toBe(200);
      expect((JSON.parse((bulk.body as Buffer).toString('utf8')) as { releases: { id: string }[] }).releases.map((r) => String(r.id)).sort()).toEqual(releases.map((r) => String(r.id)).sort());
      const ocid = String(releases[0].ocid);
      const record = await request(app).get(`/api/ocds/records/${encodeURIComponent(ocid)}`);
      expect(record.body.records[0].releases.map((r: { url: string }) => r.url)).toEqual([`${BASE}/api/ocds/releases?ocid=${encodeURIComponent(ocid)}&releaseID=anterior-0`]);

      // The functions' next publication (their configuration, read as index.ts reads it): one process changed; every
      // other record is carried as the history wrote it, not built again under another address.
      const before = new Map(await Promise.all(releases.map(async (r) => [String(r.ocid), await store.getDocumentText('records', history.id, String(r.ocid))] as const)));
      // Its workbook is the one `import` writes from the same files (as the guide says), with one title corrected.
      const imported = await runCli('import', file, '-o', path.join(dir, 'libro.xlsx'));
      expect(imported.code).toBe(0);
      const edited = await new XlsxFileSource(path.join(dir, 'libro.xlsx')).read();
      setCell(edited, 'Contrataciones', 0, 'tender/title', 'Título corregido del proceso');
      const next = await publish(store, { publisher, workbook: edited, actor: 'test', now: '2025-07-03T10:00:00-06:00', baseUrl: loadConfig({ INFRA_MODE: 'cloud', ...cloudEnv }).publicBaseUrl });
      if (next.status !== 'published') throw new Error('not published');
      expect(next.changedProcesses).toHaveLength(1);
      expect(next.rebuiltRecords).toEqual(next.changedProcesses);
      for (const [o, text] of before) if (o !== next.changedProcesses[0]) expect(await store.getDocumentText('records', next.publication.id, o)).toBe(text);

      // Another implementer's history under an address no current publication of the deployment uses: refused.
      const other: Publisher = { ...publisher, id: 'otro', ocidPrefix: 'ocds-otro01' };
      await store.putPublisher(other);
      const otherFile = path.join(dir, 'otro.json');
      fs.writeFileSync(otherFile, JSON.stringify({ releases: [{ ...releases[0], ocid: 'ocds-otro01-1' }] }));
      const moved = await runCli('history', otherFile, '--publicador', 'otro', '--nube', '--proyecto', project, '--entorno', envFile('otra-direccion', { ...deployment, PUBLIC_BASE_URL: 'https://otra.example.mx' }));
      expect(moved.code).toBe(1);
      expect(moved.err).toContain(`No se publicó nada: las publicaciones vigentes del despliegue enlazan sus entregas bajo ${BASE}, y PUBLIC_BASE_URL dice https://otra.example.mx`);
      expect(moved.err).toContain('repita la orden con --aceptar-direccion-nueva');
      expect(await store.getCurrent('otro')).toBeUndefined();
      expect(moved.err).not.toMatch(STACK_TRACE);
      // The address changed on purpose and the functions were deployed with it (docs/deploy.md §8 step 5): the
      // operator says so, and the history is published under the new address, the others' said to follow later.
      const accepted = await runCli('history', otherFile, '--publicador', 'otro', '--nube', '--proyecto', project, '--entorno', envFile('otra-direccion', { ...deployment, PUBLIC_BASE_URL: 'https://otra.example.mx' }), '--aceptar-direccion-nueva');
      expect(accepted.err).toContain(`Con --aceptar-direccion-nueva, la historia se publica bajo https://otra.example.mx`);
      expect(accepted.err).toContain(`siguen enlazando sus entregas bajo ${BASE} hasta su siguiente publicación`);
      expect(accepted.err).toMatch(/Publicada la historia de «otro»/);
      expect(accepted.code).toBe(0);
      const otro = (await store.getCurrent('otro'))!;
      const otroRecord = JSON.parse((await store.getDocumentText('records', otro.id, 'ocds-otro01-1'))!) as { releases: { url: string }[] };
      expect(otroRecord.releases.map((r) => r.url)).toEqual([expect.stringMatching(/^https:\/\/otra\.example\.mx\/api\/ocds\/releases\?ocid=ocds-otro01-1&/)]);
      // Without --nube it has no meaning: said, nothing published locally.
      const local = await runCli('history', otherFile, '--publicador', 'otro', '--aceptar-direccion-nueva');
      expect(local.code).toBe(2);
      expect(local.err).toMatch(/^--aceptar-direccion-nueva solo se usa con --nube/);
    } finally {
      await store.close();
    }
  }, 30000);

  // docs/deploy.md §7: «Su cuenta necesita escribir en el depósito … repetir la misma orden las escribe». Cloud
  // Storage's refusal reached the reader in its own English («… does not have storage.objects.create access …»).
  test('a bucket the account cannot write in is said in Spanish with the role it needs; the same command again writes the files', async () => {
    const project = process.env.GCLOUD_PROJECT as string;
    const workbook = await exampleWorkbook('tuxtla-gutierrez');
    const publisher = publisherOf('tuxtla', workbook);
    const converted = checkWorkbook(workbook, { now: '2025-07-01T10:00:00-06:00', ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
    const file = path.join(dir, 'tuxtla.json');
    fs.writeFileSync(file, JSON.stringify({ releases: (converted.releases as Record<string, unknown>[]).slice(0, 1) }));
    const store = openFirestoreStore({ projectId: project, namespace: 'cli_' });
    try {
      await store.putPublisher(publisher);
      const env = envFile(`.env.${project}`, deployment);
      storage.refuseUploads = { code: 403, message: `infra-abierta@${project}.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).` };
      const refused = await runCli('history', file, '--publicador', 'tuxtla', '--nube', '--proyecto', project, '--entorno', env);
      const history = (await store.getCurrent('tuxtla'))!;
      expect(refused.err).toContain(`No se escribieron los archivos de descarga de ${history.id}: la cuenta con la que se escribe no tiene permiso en el depósito de BULK_BUCKET (necesita el rol roles/storage.objectAdmin sobre él, o ser propietaria del proyecto).`);
      expect(refused.err).toContain('Lo publicado está completo y a la vista en la API');
      expect(refused.err).not.toMatch(/does not have|Permission|denied/);
      expect(storage.objects.has(`demo-bulk/${publicationBulkFolder(history.id)}datos.xlsx`)).toBe(false);
      // A bucket name that names none (BULK_BUCKET mistyped): said so. Nothing is published again.
      storage.refuseUploads = { code: 404, message: 'The specified bucket does not exist.' };
      const noBucket = await runCli('history', file, '--publicador', 'tuxtla', '--nube', '--proyecto', project, '--entorno', env);
      expect(noBucket.err).toContain(`No se escribieron los archivos de descarga de ${history.id}: no existe el depósito que dice BULK_BUCKET: revise su nombre (docs/deploy.md §3).`);
      expect((await store.getCurrent('tuxtla'))!.id).toBe(history.id);
      delete storage.refuseUploads;
      const again = await runCli('history', file, '--publicador', 'tuxtla', '--nube', '--proyecto', project, '--entorno', env);
      expect(again.err).toContain(`Sin cambios: esta historia ya está publicada (${history.id})`);
      expect(storage.objects.has(`demo-bulk/${publicationBulkFolder(history.id)}datos.xlsx`)).toBe(true);
    } finally {
      delete storage.refuseUploads;
      await store.close();
    }
  }, 30000);
});
