/**
 * `--nube` on a project that is not ready (docs/deploy.md §7): what Google's Firestore answers — no role, no quota
 * project, the API off, no database, an index still building, credentials no longer valid — is said in Spanish with
 * what to do, exit code 2. The CLI printed «Error inesperado: 7 PERMISSION_DENIED: Missing or insufficient
 * permissions.» (exit 3). The real firebase-admin client talks to a local stand-in that refuses as Firestore does.
 */
import { status } from '@grpc/grpc-js';
import { deleteApp, getApps } from 'firebase-admin/app';
import { type Refusal, type RefusingFirestore, startRefusingFirestore } from '../firestore-emulator/refusing-firestore';
import { runCli, STACK_TRACE } from './run-cli';

/** Google's words for each case, as its Firestore answers them; keyed by the project the call is for. */
const REFUSALS: Record<string, Refusal> = {
  'demo-sin-permiso': { code: status.PERMISSION_DENIED, details: 'Missing or insufficient permissions.' },
  'demo-sin-cuota': { code: status.PERMISSION_DENIED, details: 'Your application is authenticating by using local Application Default Credentials. The firestore.googleapis.com API requires a quota project, which is not set by default. To learn how to set your quota project, see https://cloud.google.com/docs/authentication/adc-troubleshooting/user-creds .' },
  'demo-api-apagada': { code: status.PERMISSION_DENIED, details: 'Cloud Firestore API has not been used in project demo-api-apagada before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/firestore.googleapis.com/overview?project=demo-api-apagada then retry.' },
  'demo-sin-base': { code: status.NOT_FOUND, details: 'The database (default) does not exist for project demo-sin-base Please visit https://console.cloud.google.com/datastore/setup?project=demo-sin-base to add a Cloud Datastore or Cloud Firestore database.' },
  'demo-sin-indice': { code: status.FAILED_PRECONDITION, details: 'The query requires an index. That index is currently building and cannot be used yet. See its status here: https://console.firebase.google.com/v1/r/project/demo-sin-indice/firestore/indexes?create_composite=Cg' },
  'demo-vencidas': { code: status.UNAUTHENTICATED, details: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.' },
};

let firestore: RefusingFirestore;
const saved = { ...process.env };
beforeAll(async () => {
  firestore = await startRefusingFirestore(REFUSALS);
  process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
  // Collections are not read here; the prefix shows in what an index not ready says.
  process.env.FIRESTORE_NAMESPACE = 'tamps_';
});
afterAll(async () => {
  process.env = saved;
  await Promise.all(getApps().map((a) => deleteApp(a)));
  await firestore.stop();
});

// All at once: the client retries a refused read for several seconds before giving up, as it would on Google.
test('each way a project is not ready is said in Spanish with what to do, not in Google\'s English', async () => {
  const add = (project: string) => runCli('users', 'add', '--nube', '--proyecto', project, '--email', 'admin@estado.gob.mx', '--rol', 'admin');
  const runs = await Promise.all([
    add('demo-sin-permiso'), add('demo-sin-cuota'), add('demo-api-apagada'), add('demo-sin-base'), add('demo-sin-indice'), add('demo-vencidas'),
    runCli('publishers', 'list', '--nube', '--proyecto', 'demo-sin-permiso'),
  ]);
  const [permission, quota, api, database, index, expired, list] = runs.map((r) => ({ code: r.code, out: r.out, err: r.err }));
  expect(permission).toEqual({ code: 2, out: '', err: 'Su cuenta de Google no tiene permiso sobre el Firestore del proyecto «demo-sin-permiso». Necesita el rol roles/datastore.user (o ser propietaria del proyecto); compruebe también que «demo-sin-permiso» sea el ID del proyecto del despliegue (--proyecto o GOOGLE_CLOUD_PROJECT).' });
  expect(quota.err).toBe('Sus credenciales de Google (gcloud auth application-default login) no tienen proyecto de cuota, que Firestore exige. Ejecute «gcloud auth application-default set-quota-project demo-sin-cuota» y repita la orden.');
  expect(api.err).toMatch(/^La API de Firestore no está activada en el proyecto «demo-api-apagada»\. Actívela con «gcloud services enable firestore\.googleapis\.com --project demo-api-apagada»/);
  expect(database.err).toMatch(/^El proyecto «demo-sin-base» no tiene base de datos de Firestore\. Créela en la consola de Firebase en modo nativo/);
  expect(index.err).toMatch(/^La consulta necesita un índice de Firestore que aún no está listo en el proyecto «demo-sin-indice»\. Suba los índices con «firebase deploy --only firestore», espere a que todos estén «Habilitados»/);
  expect(index.err).toMatch(/Con FIRESTORE_NAMESPACE=tamps_, los índices de sus colecciones se agregan antes con «npm run generate:indexes -- tamps_»\.$/);
  expect(expired.err).toMatch(/^Google no aceptó sus credenciales .* «gcloud auth application-default login»/);
  expect(list).toEqual({ ...permission, err: permission.err });
  for (const run of runs) {
    expect(run.code).toBe(2);
    expect(run.err).not.toMatch(/Error inesperado|PERMISSION_DENIED|FAILED_PRECONDITION|NOT_FOUND|UNAUTHENTICATED|Missing or insufficient|requires an index|does not exist/);
    expect(run.err).not.toMatch(STACK_TRACE);
  }
}, 30_000);

// The functions refuse a prefix Firestore cannot use (config.ts); a command on the cloud store does too, before any
// call — with it, every collection id became a path and the first read failed as «Error inesperado».
test('a FIRESTORE_NAMESPACE Firestore cannot use stops a --nube command, naming it, before anything is read', async () => {
  process.env.FIRESTORE_NAMESPACE = 'tamps/';
  try {
    const run = await runCli('publishers', 'list', '--nube', '--proyecto', 'demo-sin-permiso');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^La variable FIRESTORE_NAMESPACE es el prefijo de los nombres de las colecciones de Firestore .* no «\/».*\(se recibió «tamps\/», 6 bytes\)\.$/);
    expect(run.err).not.toMatch(STACK_TRACE);
  } finally {
    process.env.FIRESTORE_NAMESPACE = 'tamps_';
  }
});
