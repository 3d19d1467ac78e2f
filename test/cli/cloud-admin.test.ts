/**
 * Bootstrapping a cloud deployment (issue 16, item 1): the first administrator and the publishers are created
 * with the CLI's `--nube` against Firestore (here the emulator), and that administrator can then sign in with a
 * Google identity token to the cloud app and use the admin API. Cloud mode refuses to start half-configured.
 */
import request from 'supertest';
import { deleteApp, getApps } from 'firebase-admin/app';
import { type FirestoreEmulator, startFirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { startTestIdentity, type TestIdentity, TEST_CLIENT_ID } from '../workflow/test-identity';
import { runCli, STACK_TRACE } from './run-cli';
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
  delete process.env.GOOGLE_CLOUD_PROJECT;
}, 30000);

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
});
