/**
 * The Cloud Function wrapper: importing it does no I/O (no Firebase app, no config read), and the wrapped
 * function is an ordinary (req, res) handler that serves the app, with CORS.
 */
import type { RequestListener } from 'http';
import request from 'supertest';
import { deleteApp, getApps } from 'firebase-admin/app';

const saved = { ...process.env };
afterAll(async () => {
  process.env = saved;
  await Promise.all(getApps().map((a) => deleteApp(a)));
});

test('importing the entry creates nothing; the first request builds the app', async () => {
  const { api } = await import('./index');
  expect(typeof api).toBe('function');
  expect(getApps()).toHaveLength(0);

  process.env.GOOGLE_CLIENT_ID = 'test-client.apps.googleusercontent.com';
  process.env.PUBLIC_BASE_URL = 'https://api.example.test';
  process.env.BULK_BUCKET = 'demo-bulk';
  // The wrapper is a plain (req, res) handler (engineering notes §6). An anonymous request is refused before the store is touched: no Firestore traffic.
  const res = await request(api as unknown as RequestListener).get('/api/submissions').set('Origin', 'https://docs.google.com');
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('unauthenticated');
  expect(res.headers['access-control-allow-origin']).toBeDefined();
  expect(getApps()).toHaveLength(1);
});

/**
 * The entry loaded anew (a first request reads the configuration once per instance) with `env` over the environment
 * (`undefined` removes a variable), console.error captured; both restored after `use`.
 */
async function withEntry(env: Record<string, string | undefined>, use: (entry: typeof import('./index'), errors: jest.SpyInstance) => Promise<void>): Promise<void> {
  const saved = { ...process.env };
  for (const [name, value] of Object.entries(env)) { if (value === undefined) delete process.env[name]; else process.env[name] = value; }
  let entry: typeof import('./index') | undefined;
  jest.isolateModules(() => { entry = require('./index') as typeof import('./index'); });
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await use(entry!, errors);
  } finally {
    errors.mockRestore();
    process.env = saved;
  }
}

const CLOUD = { PUBLIC_BASE_URL: 'https://api.example.test', BULK_BUCKET: 'demo-bulk' };

test('a missing variable answers 503 naming it in Spanish, not the platform\'s English 500', async () => {
  await withEntry({ ...CLOUD, GOOGLE_CLIENT_ID: undefined }, async (entry, errors) => {
    const res = await request(entry.api as unknown as RequestListener).get('/api/publishers');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe('El servidor no está configurado: En modo «cloud» falta GOOGLE_CLIENT_ID (el ID de cliente OAuth del complemento).');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('Configuración inválida: En modo «cloud» falta GOOGLE_CLIENT_ID'));
  });
});

test('a mail server port that is not one answers 503 naming SMTP_PORT, as any other setting', async () => {
  await withEntry({ ...CLOUD, GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com', SMTP_HOST: 'smtp.example.test', SMTP_PORT: 'quinientos' }, async (entry) => {
    const res = await request(entry.api as unknown as RequestListener).get('/api/publishers');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe('El servidor no está configurado: La variable SMTP_PORT debe ser un puerto (se recibió «quinientos»).');
  });
});

// A «/» in the prefix turns every collection id into a path Firestore refuses: the first query failed, as an internal
// error. Refused with the other settings instead; the store is never reached (nothing listens at that address).
test('a FIRESTORE_NAMESPACE Firestore cannot use answers 503 naming it, before any query', async () => {
  await withEntry({ ...CLOUD, GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com', FIRESTORE_NAMESPACE: 'tam/', FIRESTORE_EMULATOR_HOST: '127.0.0.1:9' }, async (entry, errors) => {
    const res = await request(entry.api as unknown as RequestListener).get('/api/publishers');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/^El servidor no está configurado: La variable FIRESTORE_NAMESPACE es el prefijo de los nombres de las colecciones de Firestore .* no «\/», y a lo más 1488 bytes \(se recibió «tam\/», 4 bytes\)\.$/);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('Configuración inválida: La variable FIRESTORE_NAMESPACE'));
  });
});

test('the task and the schedule log a wrong setting as the HTTP functions do («Configuración inválida: …», what alerts look for)', async () => {
  await withEntry({ ...CLOUD, GOOGLE_CLIENT_ID: undefined }, async (entry, errors) => {
    await expect(entry.publishSubmission.run({ data: { submissionId: 'x' } } as never)).rejects.toThrow(/falta GOOGLE_CLIENT_ID/);
    await expect(entry.updateReminders.run({} as never)).rejects.toThrow(/falta GOOGLE_CLIENT_ID/);
    expect(errors.mock.calls.map(([m]) => String(m)).filter((m) => m.startsWith('Configuración inválida: En modo «cloud» falta GOOGLE_CLIENT_ID'))).toHaveLength(2);
  });
});

test('the task and the daily job stay private: no invoker is declared (only the accounts granted run.invoker, docs/deploy.md §4)', async () => {
  const { publishSubmission, updateReminders } = await import('./index');
  // The SDK takes the task's bearer token on trust (it decodes it without verifying): Cloud Run's IAM check is the lock.
  expect((publishSubmission as unknown as { __endpoint: { taskQueueTrigger: { invoker?: unknown } } }).__endpoint.taskQueueTrigger.invoker).toBeUndefined();
  expect((updateReminders as unknown as { __endpoint: { scheduleTrigger: object; invoker?: unknown } }).__endpoint.invoker).toBeUndefined();
});

test('a task of another shape is dropped and said in the log, before any store is opened (not retried: it never will be one)', async () => {
  // Any store access would go to a closed local port, never to Google.
  await withEntry({ ...CLOUD, GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com', FIRESTORE_EMULATOR_HOST: '127.0.0.1:9' }, async (entry, errors) => {
    for (const data of [{ send: { checkId: 5, userId: 'u', publisherId: 'mer', spreadsheetId: '1AbCdEfGhIjKlMnOpQrStUv' } }, { preview: { contentHash: '../x', publisherId: 'mer' } }, { submissionId: ['s'] }]) {
      await expect(entry.publishSubmission.run({ data, retryCount: 0 } as never)).resolves.toBeUndefined();
    }
    expect(errors.mock.calls.map(([m]) => String(m)).filter((m) => m.startsWith('Tarea descartada: '))).toHaveLength(3);
  });
}, 10_000);

test('the deployable bundle (functions/lib/index.js) builds and exports the api function', async () => {
  const os = await import('os');
  const path = await import('path');
  const fs = await import('fs');
  const { buildFunctions } = await import('../../scripts/build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'functions-lib-'));
  const outfile = path.join(dir, 'index.js');
  await buildFunctions(outfile);
  const code = fs.readFileSync(outfile, 'utf8');
  // Everything of ours is inlined: the only requires left are npm packages that functions/package.json declares.
  const declared = Object.keys((JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  const required = [...code.matchAll(/require\("([^".][^"]*)"\)/g)].map((m) => m[1]).filter((name) => !/^(node:)?(fs|path|os|crypto|http|https|stream|stream\/promises|util|zlib|readline|events|url|net|child_process|buffer|querystring|string_decoder|tty|assert)$/.test(name));
  const packageOf = (name: string): string => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]);
  expect([...new Set(required.map(packageOf))].filter((p) => !declared.includes(p))).toEqual([]);
  expect(code).toContain('exports');
  fs.rmSync(dir, { recursive: true, force: true });
}, 60000);
