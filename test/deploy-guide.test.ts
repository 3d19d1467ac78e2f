/**
 * docs/deploy.md against the code it describes, so that a renamed variable, script, option, file or function setting
 * fails here instead of leaving a reader of the guide stuck on a Google Cloud project (test/firebase-files.test.ts
 * checks the guide's invoker grants and the Firebase files themselves).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEPLOYMENT_VARIABLES, loadConfig } from '../functions/src/config';
import { smtpFromEnv } from '../functions/src/workflow/notifications';
import { parseArgs } from '../functions/src/cli/args';
import { COMMON_OPTIONS, KNOWN_OPTIONS } from '../functions/src/cli/known-options';
import * as cloud from '../functions/src/index';
import { LEASE_MS, TASK_TIMEOUT_SECONDS } from '../functions/src/publication/publication-task';
import { STALE_APPROVAL_MS } from '../functions/src/workflow/approve-submission';
import { HEARTBEAT_MS, QUEUED_LOST_MS, STALE_MS } from '../functions/src/workflow/kept-state';
import { ALL_PUBLISHERS_BULK_MAX_DOCUMENTS } from '../core/packages/bulk-limit';
import { INDEX_MAX_ROWS, STATS_MAX_PUBLISHERS } from '../core/stats/serving-limits';
import { ROOT } from './standards';
import { addonManifest } from '../scripts/build-addon';
import { firestoreIndexConfig } from '../functions/src/store/collections';
import { BULK_FILES, bulkPrefix, publicationFolder } from '../functions/src/publication/bulk-files';
import { FULL_REREAD_MS } from '../functions/src/api/current-publications';
import { ROLES } from '../core/workflow/contract';
import { READ_EXPOSED_HEADERS, READ_REQUEST_HEADERS } from '../functions/src/api/read-cors';
import { COLLECTIONS } from '../functions/src/store/collections';
import { MAX_NAMESPACE_BYTES } from '../functions/src/store/firestore-namespace';
import { indexesJson, MAX_COMPOSITE_INDEXES, MAX_FIELD_CONFIGURATIONS } from '../scripts/generate-firestore-indexes';
import { KEEP_CHECKS_MS, SEND_BUDGET_MS, SEND_TASK_ATTEMPTS } from '../functions/src/workflow/send-check';
import { INLINE_PREVIEW_MAX_ITEMS, PREVIEW_BUDGET_MS, PREVIEW_TASK_ATTEMPTS } from '../functions/src/workflow/prepared-preview';
import { PREVIEW_PREPARING, PREVIEW_PREPARING_RETRY_SECONDS, SEND_CHECKING, SEND_CHECKING_RETRY_SECONDS, WORKFLOW_PATHS } from '../core/workflow/contract';
import { HELP } from '../functions/src/cli/help';
import request from 'supertest';
import { cloudHarness, projectWorkbook, PUBLISHERS, type CloudHarness } from './workflow/workflow-harness';
import { countingBackend } from './support/counting-backend';
import { createStore } from '../functions/src/store/document-store';
import type { DocumentBackend } from '../functions/src/store/document-backend';
import { forgetOldSendChecks } from '../functions/src/workflow/send-check';
import { serverLockFile } from '../functions/src/server/server-lock';
import { SERVER_NODE_FLAGS } from '../functions/src/server/server-node-flags';
import { STOPPED, STOPPING_BUSY } from '../functions/src/server/stop-on-signals';
import { uploadsDir } from '../functions/src/server/local-services';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const guide = read('docs/deploy.md');
/** The guide's section `## n.`, up to the next one. */
const section = (n: number): string => {
  const start = guide.indexOf(`\n## ${n}. `);
  const end = guide.indexOf(`\n## ${n + 1}. `, start + 1);
  expect(start).toBeGreaterThan(-1);
  return guide.slice(start, end === -1 ? undefined : end);
};
/** functions/src without its tests: where the running code reads its settings. */
const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [fs.readFileSync(p, 'utf8')] : [];
});
const code = sources(path.join(ROOT, 'functions', 'src')).join('\n');

/** The example environment file of §6 (`cat > functions/.env.<PROYECTO> <<'ENV'`), commented lines included. */
function exampleEnvironment(): [string, string][] {
  const block = /cat > functions\/\.env\.<PROYECTO> <<'ENV'\n([\s\S]*?)\nENV\n/.exec(section(6));
  expect(block).not.toBeNull();
  return [...(block as RegExpExecArray)[1].matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]]);
}

describe('docs/deploy.md §6: the environment file', () => {
  it('the table names exactly the variables the functions read from it, each read by the code', () => {
    const table = [...section(6).matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
    expect([...table].sort()).toEqual([...DEPLOYMENT_VARIABLES].sort());
    for (const name of DEPLOYMENT_VARIABLES) expect({ name, read: new RegExp(`env\\.${name}\\b|env, '${name}'`).test(code) }).toEqual({ name, read: true });
    for (const [name] of exampleEnvironment()) expect(DEPLOYMENT_VARIABLES).toContain(name);
  });

  // The other direction: a variable the deployed code starts reading is either one of the file's (so the table above
  // names it) or one the guide need not name, sorted here; a new one fails until it is documented or sorted.
  it('every variable the cloud configuration reads is one the guide names, or one a deployer does not set', () => {
    const readIn = (file: string) => [...read(file).matchAll(/\benv\.([A-Z][A-Z0-9_]+)|\benv, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1] ?? m[2]);
    const smtp = /export function smtpFromEnv[\s\S]*?\n}\n/.exec(read('functions/src/workflow/notifications.ts'))?.[0] ?? '';
    const names = new Set([...readIn('functions/src/config.ts'), ...readIn('functions/src/index.ts'), ...[...smtp.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1])]);
    // Set by Google's runtime (FIREBASE_CONFIG, the project), self-hosted only, or where tests point the Google clients.
    const platform = ['FIREBASE_CONFIG', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT'];
    const selfHosted = ['INFRA_MODE', 'PORT', 'HOST', 'INFRA_SQLITE', 'BULK_DIR'];
    const testHooks = ['GOOGLE_ID_TOKEN_CERTS_URL', 'SHEETS_API_ROOT_URL', 'STORAGE_API_ENDPOINT'];
    const known: string[] = [...DEPLOYMENT_VARIABLES, 'SMTP_PASS', ...platform, ...selfHosted, ...testHooks];
    expect([...names].filter((n) => !known.includes(n))).toEqual([]);
    expect(names.size).toBeGreaterThan(20);
    // The ones a deployer meets are named in the guide: the file's, the secret, the runtime's bucket and the CLI's project.
    for (const name of [...DEPLOYMENT_VARIABLES, 'SMTP_PASS', 'FIREBASE_CONFIG', 'GOOGLE_CLOUD_PROJECT']) expect({ name, named: guide.includes(`\`${name}\``) }).toEqual({ name, named: true });
  });

  it('the MAX_BODY_BYTES default §6 states is the code\'s, and so is the one docs/operations.md states', () => {
    const mib = loadConfig({ INFRA_SQLITE: ':memory:' }).maxBodyBytes / 2 ** 20;
    expect(section(6)).toContain(`predeterminado ${mib} MiB`);
    const operations = read('docs/operations.md');
    expect(operations).toContain(`\`MAX_BODY_BYTES\` (${mib} MB por omisión)`);
    expect(operations).toContain(`client_max_body_size ${mib}m;`);
    // A large state's workbook (10,000 processes, 5,000 projects: 23.5–31 MiB as measured) fits with room to spare.
    expect(mib).toBeGreaterThanOrEqual(2 * 31);
  });

  // A value out of range stops the functions (§6's 503): the table says the range each number may take.
  it('the ranges §6 states for the numeric variables are the ones the configuration accepts', () => {
    const base = { INFRA_MODE: 'cloud', GOOGLE_CLIENT_ID: '1-a.apps.googleusercontent.com', PUBLIC_BASE_URL: 'https://x.web.app', BULK_BUCKET: 'x.appspot.com' };
    for (const [name, low, high] of [['CURRENT_TTL_MS', 0, 3_600_000], ['MAX_BODY_BYTES', 1024, 209_715_200], ['TRUST_PROXY_HOPS', 0, 3]] as const) {
      const cell = new RegExp(`^\\| \`${name}\` \\|[^\\n]*de ${low}[^\\n]* a ${high}\\b`, 'm');
      expect({ name, stated: cell.test(section(6)) }).toEqual({ name, stated: true });
      expect(() => loadConfig({ ...base, [name]: String(low) })).not.toThrow();
      expect(() => loadConfig({ ...base, [name]: String(high) })).not.toThrow();
      expect(() => loadConfig({ ...base, [name]: String(low - 1) })).toThrow(new RegExp(name));
      expect(() => loadConfig({ ...base, [name]: String(high + 1) })).toThrow(new RegExp(name));
    }
  });

  // Firestore's rules for a collection id (no «/», at most 1,500 bytes) applied to the prefix and the longest name.
  it('the FIRESTORE_NAMESPACE §6 allows is the one the configuration accepts: no «/», up to the bytes it states', () => {
    const base = { INFRA_MODE: 'cloud', GOOGLE_CLIENT_ID: '1-a.apps.googleusercontent.com', PUBLIC_BASE_URL: 'https://x.web.app', BULK_BUCKET: 'x.appspot.com' };
    expect(section(6)).toMatch(new RegExp(`^\\| \`FIRESTORE_NAMESPACE\` \\|[^\\n]*pero no \`/\`[^\\n]*hasta ${MAX_NAMESPACE_BYTES} bytes`, 'm'));
    expect(MAX_NAMESPACE_BYTES).toBe(1500 - Math.max(...Object.keys(COLLECTIONS).map((c) => c.length)));
    for (const ok of ['tam_', 'jal-2024', 'pruebas.', 'ñ'.repeat(MAX_NAMESPACE_BYTES / 2), 'a'.repeat(MAX_NAMESPACE_BYTES)]) {
      expect(loadConfig({ ...base, FIRESTORE_NAMESPACE: ok }).firestoreNamespace).toBe(ok);
    }
    for (const bad of ['tam/', '/', 'a/b_', 'a'.repeat(MAX_NAMESPACE_BYTES + 1), 'ñ'.repeat(MAX_NAMESPACE_BYTES / 2 + 1)]) {
      expect(() => loadConfig({ ...base, FIRESTORE_NAMESPACE: bad })).toThrow(/^La variable FIRESTORE_NAMESPACE /);
    }
  });

  it('the defaults §6 and §11 state for the pointer checks are the code\'s', () => {
    const base = { INFRA_MODE: 'cloud', GOOGLE_CLIENT_ID: '1-a.apps.googleusercontent.com', PUBLIC_BASE_URL: 'https://x.web.app', BULK_BUCKET: 'x.appspot.com' };
    expect(section(6)).toContain(`predeterminado ${loadConfig(base).currentTtlMs} en la nube`);
    expect(loadConfig(base).currentTtlMs).toBe(60_000);
    expect(section(6)).toContain('una vez por hora se releen todos');
    expect(FULL_REREAD_MS).toBe(3_600_000);
  });

  it('SMTP_PASS is the secret the guide creates, which every function declares and the mail settings read', () => {
    expect(section(6)).toContain('firebase functions:secrets:set SMTP_PASS');
    expect(code).toMatch(/defineSecret\('SMTP_PASS'\)/);
    for (const name of ['api', 'review', 'publishSubmission', 'updateReminders'] as const) {
      expect(endpoint(name).secretEnvironmentVariables).toEqual([{ key: 'SMTP_PASS' }]);
    }
    expect(smtpFromEnv({ SMTP_HOST: 'smtp.estado.gob.mx', SMTP_PASS: 'secreto' })?.pass).toBe('secreto');
    // The sender §6 says is used without MAIL_FROM.
    expect(section(6)).toContain('`Infraestructura Abierta <no-responder@SMTP_HOST>`');
    expect(smtpFromEnv({ SMTP_HOST: 'smtp.estado.gob.mx' })?.from).toBe('Infraestructura Abierta <no-responder@smtp.estado.gob.mx>');
    expect(DEPLOYMENT_VARIABLES).not.toContain('SMTP_PASS');
  });

  // §6: «si falta PUBLIC_BASE_URL, GOOGLE_CLIENT_ID o el depósito, o si una variable tiene mala forma (…) la función no
  // atiende» and says which variable. Each form the sentence lists, on the example filled in. An http:// address was
  // accepted, though listed, and PUBLIC_BASE_URL is written into every published record.
  it('each missing or malformed value §6 lists stops the functions, naming the variable', () => {
    const sentence = /En modo nube, si falta ([\s\S]*?)la\s+función no atiende/.exec(section(6))?.[1].replace(/\s+/g, ' ') ?? '';
    const filled: NodeJS.ProcessEnv = { INFRA_MODE: 'cloud', ...Object.fromEntries(exampleEnvironment().map(([name, value]) => [name, value.replace(/<([^<>@]+)>/g, (_, p: string) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-'))])) };
    expect(() => loadConfig(filled)).not.toThrow();
    const cases: [string, string, string | undefined][] = [
      ['`PUBLIC_BASE_URL`', 'PUBLIC_BASE_URL', undefined],
      ['`GOOGLE_CLIENT_ID`', 'GOOGLE_CLIENT_ID', undefined],
      ['el depósito', 'BULK_BUCKET', undefined],
      ['no termina en `.apps.googleusercontent.com`', 'DASHBOARD_CLIENT_ID', '123-abc.apps.google.com'],
      ['no es `…iam.gserviceaccount.com`', 'SERVICE_ACCOUNT_EMAIL', 'infra-abierta@demo.gserviceaccount.com'],
      ['`gs://…`', 'BULK_BUCKET', 'gs://demo-infra.firebasestorage.app'],
      ['no es `https://…`', 'PUBLIC_BASE_URL', 'http://demo-infra.web.app'],
      ['no es `https://…`', 'DASHBOARD_URL', 'http://tablero.demo.gob.mx'],
      ['no es `https://…`', 'BULK_PUBLIC_URL', 'http://storage.googleapis.com/demo'],
      ['no es `https://…`', 'PUBLIC_BASE_URL', 'demo-infra.web.app'],
      ['termina en `/api`', 'PUBLIC_BASE_URL', 'https://demo-infra.web.app/api'],
      ['un prefijo de colecciones con `/`', 'FIRESTORE_NAMESPACE', 'tam/'],
    ];
    for (const [words, name, value] of cases) {
      expect({ words, listed: sentence.includes(words) }).toEqual({ words, listed: true });
      const env = { ...filled, [name]: value };
      if (value === undefined) delete env[name];
      expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
    }
  });

  // The guide: «un <valor> de ejemplo que quedó sin sustituir … la función no atiende … dice qué variable corregir».
  it('each value of the example left as written is refused naming its variable; filled in, the example is accepted', () => {
    const example = exampleEnvironment();
    const mailAndConfig = (env: NodeJS.ProcessEnv) => { loadConfig({ INFRA_MODE: 'cloud', ...env }); smtpFromEnv(env); };
    const filled = Object.fromEntries(example.map(([name, value]) => [name, value.replace(/<([^<>@]+)>/g, (_, p: string) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-'))]));
    expect(() => mailAndConfig(filled)).not.toThrow();
    const withPlaceholder = example.filter(([, value]) => /<[^<>@]+>/.test(value));
    expect(withPlaceholder.length).toBeGreaterThanOrEqual(8);
    for (const [name, value] of withPlaceholder) expect(() => mailAndConfig({ ...filled, [name]: value })).toThrow(new RegExp(`^La variable ${name} conserva el marcador <`));
  });
});

type Endpoint = {
  availableMemoryMb: number; cpu: number; concurrency: unknown; timeoutSeconds: number; minInstances: unknown; maxInstances: number;
  region: string[]; secretEnvironmentVariables: { key: string }[]; serviceAccountEmail: unknown;
  taskQueueTrigger?: { retryConfig: { maxAttempts: number; minBackoffSeconds: number; maxBackoffSeconds: number }; rateLimits: { maxConcurrentDispatches: number } };
  scheduleTrigger?: { schedule: string; timeZone: string };
};
/** What `firebase deploy` reads from the functions (firebase-functions' manifest of each one). */
const endpoint = (name: 'api' | 'review' | 'publishSubmission' | 'updateReminders'): Endpoint => (cloud[name] as unknown as { __endpoint: Endpoint }).__endpoint;

describe('docs/deploy.md §8: the functions as deployed', () => {
  it('the table says each function\'s memory, CPU, concurrency, time limit, instances and retries as functions/src/index.ts sets them', () => {
    const rows = [...section(8).matchAll(/^ *\| `(\w+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)];
    expect(rows.map((r) => r[1])).toEqual(['api', 'review', 'publishSubmission', 'updateReminders']);
    for (const [, name, memory, cpu, concurrency, timeout, instances, retries] of rows) {
      const e = endpoint(name as 'api');
      const mem = /^(\d+) (GiB|MiB)$/.exec(memory.trim()) as RegExpExecArray;
      const inst = /^(\d+)–(\d+)/.exec(instances.trim()) as RegExpExecArray;
      expect({ name, memory: Number(mem[1]) * (mem[2] === 'GiB' ? 1024 : 1), cpu: Number(cpu), concurrency: concurrency.trim() === '—' ? null : Number(concurrency), timeout: Number(/^(\d+) s$/.exec(timeout.trim())?.[1]), min: Number(inst[1]), max: Number(inst[2]) })
        .toEqual({ name, memory: e.availableMemoryMb, cpu: e.cpu, concurrency: typeof e.concurrency === 'number' ? e.concurrency : null, timeout: e.timeoutSeconds, min: typeof e.minInstances === 'number' ? e.minInstances : 0, max: e.maxInstances });
      expect(e.region).toEqual([cloud.REGION]);
      expect(String(e.serviceAccountEmail)).toBe('params.SERVICE_ACCOUNT_EMAIL');
      if (e.taskQueueTrigger) {
        const { retryConfig, rateLimits } = e.taskQueueTrigger;
        expect(retries.trim()).toBe(`${retryConfig.maxAttempts} intentos, espera ${retryConfig.minBackoffSeconds} s → ${retryConfig.maxBackoffSeconds} s`);
        expect(instances).toContain(`(${rateLimits.maxConcurrentDispatches} tareas a la vez)`);
      }
      if (e.scheduleTrigger) {
        expect(e.scheduleTrigger.schedule).toBe('every day 09:00');
        expect(retries).toContain(`diaria, 9:00 \`${e.scheduleTrigger.timeZone}\``);
      }
    }
    // §8's checks name the task queue the approval enqueues to (functions/src/index.ts: the function's own queue).
    expect(section(8)).toContain(`gcloud tasks queues describe ${cloud.PUBLISH_FUNCTION} --location=${cloud.REGION}`);
    expect(section(8)).toContain(`gcloud scheduler jobs list --location=${cloud.REGION}`);
    expect(section(8)).toContain(`functions:artifacts:setpolicy --location ${cloud.REGION}`);
    // Every command that names a region names the functions' own.
    for (const m of guide.matchAll(/--region[= ](\S+)/g)) expect(m[1]).toBe(cloud.REGION);
  });

  it('the limits the guide states are the code\'s', () => {
    // Thousands grouped as es-MX writes them, like the product (1,000).
    const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
    expect(guide).toContain(`**${grouped(ALL_PUBLISHERS_BULK_MAX_DOCUMENTS)} documentos**`);
    expect(guide).toContain(`**${grouped(INDEX_MAX_ROWS)} filas**`);
    expect(guide).toContain(`de más de ${STATS_MAX_PUBLISHERS} implementadores`);
    expect(guide).toContain(`**${LEASE_MS / 60_000} minutos** (${TASK_TIMEOUT_SECONDS} s + 60 s)`);
    // operations.md: an approval left `approved` is taken over after the self-hosted default, and in the cloud after
    // the lease (functions/src/index.ts staleApprovalMs: LEASE_MS).
    expect(read('docs/operations.md')).toContain(`\`staleApprovalMs\`: ${STALE_APPROVAL_MS / 60_000} minutos en un servidor propio, ${LEASE_MS / 60_000} en la nube`);
    expect(read('functions/src/index.ts')).toContain('staleApprovalMs: LEASE_MS');
    // operations.md: how often a background work's marker is written again, when it is taken over, and the queue's leases.
    const operations = read('docs/operations.md').replace(/\s+/g, ' ');
    expect(operations).toContain(`la vuelve a escribir cada ${HEARTBEAT_MS / 1000} s mientras trabaja`);
    expect(operations).toContain(`cuando el latido lleva ${STALE_MS / 60_000} minutos sin renovarse`);
    expect(operations).toContain(`se da por perdido cuando pasan ${QUEUED_LOST_MS / 60_000} minutos sin que empiece un intento`);
  });

  it('the log lines the guide tells operators to alert on are the ones the functions write', () => {
    for (const line of ['is being published by another attempt', 'falló la publicación', 'Configuración inválida: ', 'El servidor no está configurado: ', 'no se pudo encolar']) {
      expect(guide).toContain(line);
      expect(code).toContain(line);
    }
    // Every task the queue refuses is logged so (the publication's, a send's check, a large preview's).
    expect(code.match(/no se pudo encolar (la publicación|la revisión del envío|la vista previa)/g)?.sort()).toEqual(['no se pudo encolar la publicación', 'no se pudo encolar la revisión del envío', 'no se pudo encolar la vista previa']);
  });

  // §8 step 2 and §4: what goes to the publishSubmission queue, and the waits, codes and retention the guide states.
  it('the sends, previews and publications the queue carries, with the budgets, codes and retention §8 states', () => {
    const index = read('functions/src/index.ts');
    // Three kinds of task, each enqueued by its own queue (a new kind fails here until §4 and §8 say it).
    expect([...index.matchAll(/=> enqueueTask\(([^)]*)\)/g)].map((m) => m[1]).sort()).toEqual(['task', '{ preview }', '{ send }'].sort());
    const enqueuer = /- `cloudtasks\.enqueuer` y `iam\.serviceAccountUser`:[\s\S]*?\n- /.exec(section(4))?.[0] ?? '';
    for (const words of ['cada envío de una hoja', 'cada aprobación', 'vista previa de un envío grande', '`send-unscheduled`']) expect({ words, said: enqueuer.includes(words) }).toEqual({ words, said: true });
    const step = section(8);
    expect(step).toContain(`espera hasta ${SEND_BUDGET_MS / 1000} s lo que la tarea guarda`);
    expect(PREVIEW_BUDGET_MS).toBe(SEND_BUDGET_MS);
    expect(step).toContain(`202 \`${SEND_CHECKING}\` con \`Location: ${WORKFLOW_PATHS.sendCheck('<id>').replace('%3Cid%3E', '<id>')}\` y \`Retry-After: ${SEND_CHECKING_RETRY_SECONDS}\``);
    expect(step).toContain(`503 \`${PREVIEW_PREPARING}\` con \`Retry-After: ${PREVIEW_PREPARING_RETRY_SECONDS}\``);
    expect(step).toContain(`más de ${INLINE_PREVIEW_MAX_ITEMS.toLocaleString('en-US')} procesos y proyectos`);
    // «muere dos veces … su tercer intento»: the attempt that says so is the last one.
    expect(SEND_TASK_ATTEMPTS).toBe(3);
    expect(PREVIEW_TASK_ATTEMPTS).toBe(3);
    expect(step.match(/muere dos veces/g)).toHaveLength(2);
    expect(step).toContain(`no empieza un intento en ${QUEUED_LOST_MS / 60_000} minutos`);
    expect(KEEP_CHECKS_MS).toBe(7 * 86_400_000);
    expect(step).toMatch(/lo borra una semana\s+después de guardado/);
    for (const code of ['send-interrupted', 'send-unscheduled']) expect(read('functions/src/workflow/send-check.ts')).toContain(`'${code}'`);
    // The daily job removes them (§8), as its row in the first table says.
    expect(index).toMatch(/export const updateReminders[\s\S]*runDailyJob\(/);
    expect(read('functions/src/workflow/daily-job.ts')).toMatch(/export async function runDailyJob[\s\S]*forgetOldSendChecks\(/);
  });
});

describe('docs/deploy.md §3, §5, §7: what the guide names of the store, the bucket and the add-on', () => {
  it('§5 lists the add-on\'s OAuth scopes as the manifest npm run build:addon writes declares them, no more, no less', () => {
    const scopes = (addonManifest({ backendUrl: 'https://x.web.app', serviceAccount: null }).oauthScopes as string[]).map((s) => s.replace('https://www.googleapis.com/auth/', ''));
    const permisos = /- Permisos: [\s\S]*?\n2\. /.exec(section(5))?.[0] ?? '';
    const listed = [...permisos.matchAll(/`([a-z._]+)`/g)].map((m) => m[1]).filter((s) => !s.endsWith('.json') && !s.endsWith('.ts'));
    expect(listed.sort()).toEqual([...scopes].sort());
    // addon/README.md, «Probar»: the permissions Google asks the official to authorize, the same ones.
    const probar = /7\. \*\*Probar\.\*\*[\s\S]*?\n8\. /.exec(read('addon/README.md'))?.[0] ?? '';
    expect([...probar.matchAll(/`([a-z._]+)`/g)].map((m) => m[1]).filter((s) => s !== 'urlFetchWhitelist').sort()).toEqual([...scopes].sort());
  });

  it('every composite index the guides name (`users (email, sk)`, `users (role, sk)`, `snapshots (head, sk)`) is in the generated indexes', () => {
    const named = ['docs/deploy.md', 'docs/operations.md'].flatMap((file) => [...read(file).matchAll(/índice(?: compuesto)? `(\w+) \(([\w, ]+)\)`/g)].map((m) => ({ file, collection: m[1], fields: m[2].split(', ') })));
    expect(named.map((n) => `${n.collection} (${n.fields.join(', ')})`).sort()).toEqual(['snapshots (head, sk)', 'users (email, sk)', 'users (role, sk)']);
    expect(section(7)).toContain('índice compuesto `users (email, sk)`');
    // §11: a send's notice asks for the coordinators by role (workflow/notifications.ts), not for every account.
    expect(section(11)).toContain('las pide por rol (índice `users (role, sk)`)');
    const indexes = firestoreIndexConfig().indexes;
    for (const { file, collection, fields } of named) {
      const wanted = { collectionGroup: collection, queryScope: 'COLLECTION', fields: fields.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' })) };
      expect({ file, found: indexes.some((i) => JSON.stringify(i) === JSON.stringify(wanted)) }).toEqual({ file, found: true });
    }
  });

  // §3 says what the index file exempts and how many FIRESTORE_NAMESPACE prefixes one database holds indexes for.
  it('§3: the exempted body, the indexes each prefix adds and the most prefixes a project takes are the generator\'s', () => {
    const { indexes, fieldOverrides } = firestoreIndexConfig();
    const text = section(3).replace(/\s+/g, ' ');
    expect(text).toContain('exime de la indexación automática (`fieldOverrides`) el campo `body` de cada colección');
    expect(fieldOverrides.map((o) => o.fieldPath)).toEqual(Object.keys(COLLECTIONS).map(() => 'body'));
    expect(text).toContain(`suma un juego completo, ${indexes.length} índices compuestos y ${fieldOverrides.length} exenciones`);
    expect([MAX_COMPOSITE_INDEXES, MAX_FIELD_CONFIGURATIONS]).toEqual([1000, 1000]);
    expect(text).toContain('Firestore admite 1,000 de cada tipo por base de datos con facturación (200 sin ella');
    const most = Math.floor(Math.min(MAX_COMPOSITE_INDEXES / indexes.length, MAX_FIELD_CONFIGURATIONS / fieldOverrides.length)) - 1;
    expect(text).toContain(`a lo más ${most} prefijos por proyecto además de las colecciones sin prefijo`);
    expect(() => indexesJson(Array.from({ length: most + 1 }, (_, i) => `p${i}_`))).toThrow(/No se escribió nada/);
  });

  // A deployer exports, counts and pays for what the functions keep: §3 names every collection the store writes.
  it('§3 names every Firestore collection the store keeps, and no other', () => {
    const list = /Las funciones crean solas sus colecciones[\s\S]*?Nada que\s+crear a mano/.exec(section(3))?.[0] ?? '';
    const named = [...list.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]).filter((n) => n !== 'FIRESTORE_NAMESPACE');
    expect([...named].sort()).toEqual(Object.keys(COLLECTIONS).sort());
  });

  it('§3: the lifecycle rule names the folders the bulk files are written to, and §11 how many files a publication writes', () => {
    const rule = /cat > ciclo\.json <<'JSON'\n([\s\S]*?)\nJSON\n/.exec(section(3));
    const prefixes = (JSON.parse((rule as RegExpExecArray)[1]) as { rule: { condition: { matchesPrefix: string[] } }[] }).rule.flatMap((r) => r.condition.matchesPrefix).sort();
    const publication = { id: 'A', publisherId: 'p', contentHash: 'h', createdAt: '2024-01-01T00:00:00.000Z', status: 'complete' as const, counts: { releases: 1, records: 1, projects: 0 } };
    const sets = [{ publisher: { id: 'p' }, publication }, { publisher: { id: 'q' }, publication: { ...publication, id: 'B', publisherId: 'q' } }] as Parameters<typeof bulkPrefix>[0];
    const folders = [publicationFolder('A'), bulkPrefix(sets, undefined), bulkPrefix(sets, 'p')].map((f) => `${f.split('/')[0]}/`);
    expect(prefixes).toEqual([...new Set(folders)].sort());
    const files = Object.keys(BULK_FILES).length + Object.keys(BULK_FILES).filter((n) => !n.endsWith('.xlsx')).length;
    expect(section(11)).toContain(`Escribe ${files} archivos de descarga`);
  });

  // With a public bucket, /api/bulk/… redirects there (bulk-routes.ts). A bucket with no CORS configuration answers
  // without Access-Control-Allow-Origin, so a page on another site that read the API could not read the files.
  it('§3.5: the public bucket is read from other sites as the API is: the same methods, request and answer headers', () => {
    const step = /\n5\. \*\*Opcional — descargas directas desde el depósito\.\*\*[\s\S]*?\n## 4\. /.exec(section(3) + '\n## 4. ')?.[0] ?? '';
    const block = /cat > cors\.json <<'JSON'\n([\s\S]*?)\nJSON\ngcloud storage buckets update gs:\/\/<BULK_BUCKET> --cors-file=cors\.json\n/.exec(step);
    expect(block).not.toBeNull();
    const [rule, ...others] = JSON.parse((block as RegExpExecArray)[1]) as { origin: string[]; method: string[]; responseHeader: string[] }[];
    expect(others).toEqual([]);
    expect(rule.origin).toEqual(['*']);
    expect([...rule.method].sort()).toEqual(['GET', 'HEAD']);
    // Cloud Storage answers a preflight with these as allowed request headers and exposes them on the answer.
    expect([...rule.responseHeader].sort()).toEqual([...READ_REQUEST_HEADERS, ...READ_EXPOSED_HEADERS].sort());
  });
});

describe('docs/deploy.md: commands, scripts and files', () => {
  it('every `npm run` script named in the guides exists in package.json', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const file of ['docs/deploy.md', 'docs/operations.md', 'README.md', 'addon/README.md']) {
      const named = [...read(file).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
      if (file === 'docs/deploy.md') expect(named).toEqual(expect.arrayContaining(['build:functions', 'build:dashboard', 'build:addon', 'push:addon', 'generate:indexes']));
      for (const name of named) expect({ file, name, exists: name in scripts }).toEqual({ file, name, exists: true });
    }
  });

  // The other guides name the variables an operator sets (INFRA_SQLITE, BULK_DIR, SMTP_HOST, BENCH_SIZE…) and a few
  // exported constants of the code: a variable renamed in the code and not in the guide would be set and ignored.
  it('every variable README.md, docs/operations.md and addon/README.md name is one the code reads, or a constant of it', () => {
    const reading = [code, ...sources(path.join(ROOT, 'scripts'))].join('\n');
    const everything = `${reading}\n${sources(path.join(ROOT, 'core')).join('\n')}`;
    const nodes = ['PATH', 'NODE_OPTIONS', 'SIGINT', 'SIGTERM']; // Node's and the system's own
    // The add-on's guide also says how to run its tests (`INFRA_SCREENSHOTS=1`): read by the tests' own helpers.
    const testHelpers = [reading, fs.readFileSync(path.join(ROOT, 'test', 'browser.ts'), 'utf8')].join('\n');
    for (const file of ['README.md', 'docs/operations.md', 'addon/README.md']) {
      const named = new Set([...read(file).matchAll(/`([A-Z][A-Z0-9_]{2,})(?:=[^`]*)?`/g)].map((m) => m[1]));
      for (const name of [...named].filter((n) => !nodes.includes(n) && !new RegExp(`\\bexport const ${n}\\b`).test(everything))) {
        expect({ file, name, read: new RegExp(`env\\.${name}\\b|env\\[['"]${name}['"]\\]|env, '${name}'`).test(file === 'addon/README.md' ? testHelpers : reading) }).toEqual({ file, name, read: true });
      }
    }
  });

  // firebase-tools' `use`: given a project, `--add` is ignored (the project is only made active on that computer, no
  // .firebaserc); `--alias <name>` writes the alias the guide says it creates.
  it('§1 names the project for firebase-tools with `firebase use <PROYECTO> --alias default`', () => {
    const uses = [...guide.matchAll(/^firebase use (.*?)(?:\s+#.*)?$/gm)].map((m) => m[1].trim());
    expect(uses).toEqual(['<PROYECTO> --alias default']);
  });

  it('every `infra-abierta` command in the guides is a command of the CLI, with options it knows', () => {
    // Each command with its continuation lines (a trailing backslash), up to the end of its line, comment or inline code.
    const commands = (file: string) => [...read(file).replace(/\\\n\s*/g, ' ').matchAll(/(?<![\w@.-])infra-abierta ([a-z][^`\n#]+)/g)].map((m) => m[1].trim());
    expect(commands('docs/deploy.md').length).toBeGreaterThanOrEqual(10);
    for (const line of ['docs/deploy.md', 'docs/operations.md', 'README.md', 'addon/README.md'].flatMap(commands)) {
      const words = (line.match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^\[|\]$/g, ''));
      const [command, ...rest] = words;
      expect({ line, command: command in KNOWN_OPTIONS }).toEqual({ line, command: true });
      const parsed = parseArgs(rest);
      const unknown = Object.keys(parsed.options).filter((o) => !KNOWN_OPTIONS[command].includes(o) && !COMMON_OPTIONS.includes(o));
      expect({ line, unknown }).toEqual({ line, unknown: [] });
      // The commands with actions (`users add`, `publications rebuild-bulk`): an action the CLI's help lists.
      if (['users', 'publishers', 'publications'].includes(command)) {
        const action = parsed.positional[0];
        expect({ line, action: new RegExp(`\\b${command} ${action}\\b`).test(HELP) }).toEqual({ line, action: true });
      }
      // --nube works on the commands the help says it does.
      if (parsed.options.nube !== undefined) expect({ line, cloud: ['users', 'publishers', 'publications', 'history'].includes(command) }).toEqual({ line, cloud: true });
    }
  });

  // §7 tells the reader what each refusal of a project not ready asks for; the CLI's messages ask for the same.
  it('§7 names the remedies the CLI\'s --nube messages give (cloud-store-errors.ts)', () => {
    const messages = read('functions/src/cli/cloud-store-errors.ts');
    for (const remedy of ['gcloud auth application-default login', 'gcloud auth application-default set-quota-project', 'roles/datastore.user', 'firebase deploy --only firestore', 'GOOGLE_CLOUD_PROJECT']) {
      expect({ remedy, guide: section(7).includes(remedy), cli: messages.includes(remedy) }).toEqual({ remedy, guide: true, cli: true });
    }
  });

  // The upgrade steps (deploy.md §10, operations.md «Actualizar a una versión nueva») name the release whose stored
  // data every `npm test` opens: its fixture must exist, and the store tests must open it.
  it('the upgrades the guides say are tested: the older release\'s fixture exists and both store tests open it', () => {
    const operations = read('docs/operations.md');
    const releases = new Set([...`${guide}\n${operations}`.matchAll(/(?:versión|desde) ([0-9a-f]{7,8})\b/g)].map((m) => m[1]));
    expect([...releases].sort()).toEqual(['3b933f00', '671b7ea']);
    for (const release of releases) {
      const fixture = `test/fixtures/older-store/rows-${release}.json`;
      expect((JSON.parse(read(fixture)) as { writtenBy: string }).writtenBy).toBe(release);
      for (const test of ['functions/src/store/sqlite-store.test.ts', 'functions/src/store/firestore-store.test.ts']) expect(read(test)).toContain(`older-store/rows-${release}.json`);
    }
    // A send's notice counts the accounts, all and those of each role, as §11 says.
    expect(section(11)).toContain(`${ROLES.length + 1} conteos`);
  });

  // Both upgrade paths rewrite the bulk files in the new form and bring the add-on of the same version; so does the way back.
  it('the upgrade steps rebuild the bulk downloads and push the add-on of the same version', () => {
    const block = (text: string, heading: string) => /```sh\n([\s\S]*?)```/.exec(text.slice(text.indexOf(heading)))?.[1] ?? '';
    const cloud = block(section(10), '### Actualizar a una versión nueva');
    expect(cloud).toContain('npx infra-abierta publications rebuild-bulk --nube --proyecto <PROYECTO>');
    expect(cloud).toContain('npm run push:addon');
    expect(cloud.indexOf('npm run push:addon')).toBeGreaterThan(cloud.indexOf('firebase deploy --only functions,hosting'));
    expect(block(section(10), '### Volver a la versión anterior')).toContain('npm run push:addon');
    const selfHosted = block(read('docs/operations.md'), '## Actualizar a una versión nueva (servidor propio)');
    expect(selfHosted).toContain('npx infra-abierta publications rebuild-bulk');
    expect(selfHosted).toContain('npm run push:addon');
    // The way back under the service builds the earlier version: the service starts dist/ as it finds it.
    const operations = read('docs/operations.md').replace(/\s+/g, ' ');
    const wayBack = operations.slice(operations.indexOf('**Volver a la versión anterior**'), operations.indexOf('## Cambiar de servidor propio'));
    expect(wayBack).toContain('con el servicio, `systemctl stop infra-abierta`, `git checkout <VERSIÓN ANTERIOR>`, `npm ci && npm run build` y `systemctl start infra-abierta`');
  });

  // The README says how to upgrade (an administrator who installed with `npm install && npm start` reads it, not
  // operations.md): the backup first, with the project's own command, before the server stops and the code changes;
  // then the same steps as operations.md's, and where the rest is.
  it('README: «Actualizar a una versión nueva» backs up first, then the steps operations.md gives, and points to it', () => {
    const readme = read('README.md');
    const heading = '## Actualizar a una versión nueva';
    const section = readme.slice(readme.indexOf(heading), readme.indexOf('\n## ', readme.indexOf(heading) + 1));
    const steps = (/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '').split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line && !line.startsWith('#'));
    expect(steps[0]).toMatch(/^npx infra-abierta backup -o \S+\.sqlite$/);
    expect(steps.slice(1, 4)).toEqual(['git pull', 'npm ci', 'npm start -- --sin-ejemplos']);
    const selfHosted = /```sh\n([\s\S]*?)```/.exec(read('docs/operations.md').slice(read('docs/operations.md').indexOf('## Actualizar a una versión nueva (servidor propio)')))?.[1] ?? '';
    for (const step of steps.slice(3)) expect({ step, inOperations: selfHosted.includes(step) }).toEqual({ step, inOperations: true });
    expect(steps).toEqual(expect.arrayContaining(['npx infra-abierta publications rebuild-bulk', 'npx infra-abierta publications republish']));
    expect(section.replace(/\s+/g, ' ')).toContain('[`docs/operations.md`](docs/operations.md), «Actualizar a una versión nueva (servidor propio)»');
  });

  // A real server starts with --sin-ejemplos every time (README): a start without it on a database without publishers
  // (a restore gone wrong, a new INFRA_SQLITE) publishes the three fictitious implementers for good. The self-hosted
  // commands operations.md gives to copy (the upgrade, the way back, a large state, the service) all carry it; and the
  // file that keeps a second server off the same database is named as the server names it.
  it('operations.md: every server start it gives carries --sin-ejemplos; the lock file it names is the one serve holds', () => {
    const operations = read('docs/operations.md');
    // Each start with what follows it on its line; «`npm start`» alone in a sentence names the command, it runs nothing.
    const starts = [...operations.matchAll(/(`?)(npm start\b[^`\n#]*)(`?)/g)].filter((m) => !(m[1] === '`' && m[3] === '`' && m[2] === 'npm start')).map((m) => m[2].trim());
    expect(starts.length).toBeGreaterThanOrEqual(4);
    for (const start of starts) expect({ start, flagged: start.endsWith('npm start -- --sin-ejemplos') }).toEqual({ start, flagged: true });
    expect(operations).toContain(`\`${path.basename(serverLockFile('/var/lib/infra-abierta/infra-abierta.sqlite'))}\``);
  });

  // The service as operations.md gives it: its own user (it ran as root), owner of the folder where the server writes
  // everything (the database and its lock, bulk/, uploads/), Node started directly with the server's flags (npm start
  // builds, which that user cannot, and stood between systemd and the server), and time to finish a publication when
  // stopped. The CLI's script runs the commands as that same user, with the same variables.
  it('operations.md: the systemd unit runs as the user it creates, who owns every place the server writes; the CLI script runs as it', () => {
    const operations = read('docs/operations.md');
    const unit = /```ini\n([\s\S]*?)```/.exec(operations.slice(operations.indexOf('**Como servicio**')))?.[1] ?? '';
    const setting = (name: string) => [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]);
    const [user] = setting('User');
    expect(user).toBe('infra-abierta');
    expect(setting('Group')).toEqual([user]);
    const [root] = setting('WorkingDirectory');
    const [env] = setting('EnvironmentFile');
    expect(operations).toContain(`# ${env} —`);
    expect(setting('ExecStart')).toEqual([`/usr/bin/node ${SERVER_NODE_FLAGS.join(' ')} dist/cli.js serve --sin-ejemplos`]);
    const timeout = /^(\d+)min$/.exec(setting('TimeoutStopSec')[0] ?? '');
    expect(Number(timeout?.[1])).toBeGreaterThanOrEqual(10);
    // The user, its folder (INFRA_SQLITE's in the example file) and the variables it may read.
    const sqlite = /^INFRA_SQLITE=(.*)$/m.exec(operations)?.[1] ?? '';
    const folder = path.dirname(sqlite);
    expect(operations).toContain(`useradd --system --user-group --home-dir ${folder} --shell /usr/sbin/nologin ${user}\n`);
    expect(operations).toContain(`install -d -o ${user} -g ${user} -m 750 ${folder}\n`);
    expect(operations).toContain(`chown root:${user} ${env} && chmod 640 ${env}\n`);
    const config = loadConfig({ INFRA_SQLITE: sqlite });
    for (const place of [config.sqlitePath, serverLockFile(config.sqlitePath), config.bulkDir ?? '', uploadsDir(config)]) expect({ place, inside: path.dirname(place) === folder }).toEqual({ place, inside: true });
    // The CLI as the service's user.
    const script = /```sh\n(#!\/bin\/sh\n[\s\S]*?)```/.exec(operations)?.[1] ?? '';
    expect(script).toContain(`set -a; . ${env}; set +a\n`);
    expect(script).toContain(`exec runuser -u ${user} -- /usr/bin/node ${root}/bin/infra-abierta.js "$@"\n`);
    expect(fs.existsSync(path.join(ROOT, 'bin', 'infra-abierta.js'))).toBe(true);
    // What a stopping server prints, as the guide quotes it.
    const flat = operations.replace(/\s+/g, ' ');
    expect(flat).toContain(`«${STOPPED}»`);
    expect(STOPPING_BUSY.startsWith(/«(Deteniendo el servidor: antes termina[^»]*?)…»/.exec(flat)?.[1] ?? '—')).toBe(true);
    // An installation whose unit an earlier guide gave (root, npm start) upgrades into this one: its backup cannot use
    // the script nor the user (neither exists yet); the user is made and given what root wrote, before the new unit.
    const upgrade = operations.slice(operations.indexOf('## Actualizar a una versión nueva (servidor propio)'), operations.indexOf('## Cambiar de servidor propio'));
    const fromRoot = /```sh\n([\s\S]*?)```/.exec(upgrade.slice(upgrade.indexOf('**Un servicio instalado con una versión anterior')))?.[1] ?? '';
    expect(fromRoot).toMatch(/^npx infra-abierta backup -o /m);
    expect(fromRoot).toContain(`useradd --system --user-group --home-dir ${folder} --shell /usr/sbin/nologin ${user}\n`);
    expect(fromRoot).toMatch(new RegExp(`^chown -R ${user}: ${folder}( |$)`, 'm'));
    expect(fromRoot.indexOf('useradd')).toBeGreaterThan(fromRoot.indexOf('systemctl stop'));
  });

  it('the repository files the guide names exist (built ones are named by their build)', () => {
    const named = new Set([...guide.matchAll(/`((?:\.?[\w-]+\/)*[\w.-]+\.(?:ts|js|json|md|rules))`/g)].map((m) => m[1]));
    const built = ['functions/lib/index.js', 'addon/dist/appsscript.json', 'addon/config.json', 'ciclo.json', 'ciclo-respaldos.json', 'politica.yaml'];
    const repoFiles = [...named].filter((f) => !built.includes(f) && (f.includes('/') || ['firebase.json', 'firestore.rules', 'firestore.indexes.json', '.clasp.json', 'package.json'].includes(f)));
    expect(repoFiles).toEqual(expect.arrayContaining(['functions/src/index.ts', 'scripts/build-addon.ts', 'addon/config.example.json', 'firestore.indexes.json', '.clasp.json']));
    for (const file of repoFiles) expect({ file, exists: fs.existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
    // §9: the script id to replace and the folder clasp pushes, as .clasp.json has them.
    expect(JSON.parse(read('.clasp.json'))).toEqual({ scriptId: 'SET-YOUR-SCRIPT-ID', rootDir: 'addon/dist' });
    expect(section(9)).toContain('`SET-YOUR-SCRIPT-ID`');
    expect(section(9)).toContain('`"rootDir": "addon/dist"`');
    // §9: addon/config.json has the keys the add-on build reads, named as the guide names them.
    expect(Object.keys(JSON.parse(read('addon/config.example.json')) as object).sort()).toEqual(['backendUrl', 'serviceAccount']);
    for (const name of ['ADDON_BACKEND_URL', 'ADDON_SERVICE_ACCOUNT']) expect(read('scripts/build-addon.ts')).toContain(`env.${name}`);
  });
});

// §11's table of what each review step reads and writes, counted on the real store as Firestore bills it, with the
// cloud's wiring: a send checked by its task (delivered here as Cloud Tasks would), a preview kept once computed.
describe('docs/deploy.md §11: what a send and a preview read and write', () => {
  const counted = countingBackend();
  const writes = new Map<string, number>();
  const wrote = (c: string, n: number) => writes.set(c, (writes.get(c) ?? 0) + n);
  const b = counted.backend;
  const backend: DocumentBackend = {
    ...b,
    create: async (c, row) => { wrote(c, 1); return b.create(c, row); },
    putMany: async (c, rows) => { wrote(c, rows.length); return b.putMany(c, rows); },
    modify: async (c, id, change) => { wrote(c, 1); return b.modify(c, id, change); },
    increment: async (c, row, field) => { wrote(c, 1); return b.increment(c, row, field); },
    delete: async (c, id) => { wrote(`-${c}`, 1); return b.delete(c, id); },
    deleteWhere: async (c, where) => { const n = await b.deleteWhere(c, where); wrote(`-${c}`, n); return n; },
  };
  const SHEET = '1CostsOfTheGuide0123456789abcdefghijklmnopq';
  let h: CloudHarness;
  let polled = 0;
  /** The approval of the preview's test, published in its request here (no task queue): what it wrote, and the documents of its publication. */
  let approved: { writes: Record<string, number>; documents: number } | undefined;
  beforeAll(async () => {
    h = await cloudHarness({ openStore: () => createStore(backend), sendQueue: { async enqueue(task) { setTimeout(() => void h.runSendTask(task, 0), 10); } } });
  });
  afterAll(() => h.close());
  const counts = () => {
    const out = { reads: Object.fromEntries(counted.reads) as Record<string, number>, total: counted.count(), writes: Object.fromEntries(writes) as Record<string, number> };
    counted.reset();
    writes.clear();
    return out;
  };
  const row = (name: string) => new RegExp(`^\\| ${name} \\|(.*)$`, 'm').exec(section(11))?.[1] ?? '';
  const send = async (title: string) => {
    h.stub.put(SHEET, projectWorkbook(PUBLISHERS[0], { title }));
    counts();
    const started = Date.now();
    const res = await request(h.app).post('/api/submissions').set('Authorization', h.bearer('capturistaA')).send({ spreadsheetId: SHEET, spreadsheetName: 'Obras' });
    polled = Math.ceil((Date.now() - started) / 1000);
    return { res, ...counts() };
  };

  it('a send: ≈ 13 reads with its task, 1 more each second review waits; its check kept three times, removed a week later with 3 reads', async () => {
    expect(row('Enviar \\(`POST /api/submissions`\\)')).toContain('≈ 13 entre la solicitud y la tarea que revisa el libro, más 1 por cada segundo que `review` espera');
    expect(row('Enviar \\(`POST /api/submissions`\\)')).toContain('+ 3 del resultado de la revisión (`sendChecks`');
    expect(row('Enviar \\(`POST /api/submissions`\\)')).toContain('a la semana, 3 al borrar ese resultado');
    await send('Parque');
    const { res, reads, total, writes: w } = await send('Parque renovado');
    expect([200, 201]).toContain(res.status);
    // The task reads the check once; every other read of it is review looking for the answer, once a second.
    expect((reads.sendChecks ?? 0) - 1).toBeLessThanOrEqual(polled);
    // Its audit entry reads the chain's head and writes it again (2 reads: audit/audit-chain.ts).
    expect(total - (reads.sendChecks ?? 0) + 1).toBeLessThanOrEqual(13);
    expect(total - (reads.sendChecks ?? 0) + 1).toBeGreaterThanOrEqual(8);
    expect(w.sendChecks).toBe(3);
    // Every finding of the send, gzipped: one document (the review page's list and CSV).
    expect(row('Enviar \\(`POST /api/submissions`\\)')).toContain('+ 1 de todos sus hallazgos (`sendFindings`');
    expect(w.sendFindings).toBe(1);
    // Its findings page (the review page's list, each page of it and each 1,000 of its CSV): the send and its findings.
    await request(h.app).get(`/api/submissions/${res.body.submission.id}/findings`).set('Authorization', h.bearer('capturistaA')).expect(200);
    const listed = counts();
    expect(row('Hallazgos de un envío \\(`GET …/findings`\\)')).toContain('4: la cuenta, el envío, su implementador y sus hallazgos');
    expect([listed.total, listed.reads.sendFindings, listed.writes]).toEqual([4, 1, {}]);
    // The submission, its snapshot's parts (1 for this small workbook), the audit entry: «4 (…2 en el ejemplo…)».
    expect((w.submissions ?? 0) + (w.snapshots ?? 0) + (w.audit ?? 0)).toBeLessThanOrEqual(4);
    const removed = await forgetOldSendChecks(h.store, new Date(Date.now() + 8 * 86_400_000));
    const cleanup = counts();
    expect(removed).toBe(2);
    // Its 3 reads each; and the daily job's one of the mark since when refused sends are counted (once a day, not per send).
    expect(cleanup.total - (cleanup.reads.changes ?? 0)).toBe(2 * 3);
    expect(cleanup.reads.changes).toBe(1);
    expect(cleanup.writes['-sendChecks']).toBe(2);
  });

  it('a preview: ≈ 17 reads and the published releases and projects the first time, 2 writes; then ≈ 12 and none', async () => {
    const first = await send('Parque de la guía');
    // Published once, then sent again: the preview compares with that publication. The coordinator's account is seen
    // first (its first request is logged once: docs/operations.md, «Inicios de sesión»), so the approval's writes are its own.
    await request(h.app).get('/api/submissions').set('Authorization', h.bearer('coordinadorA')).expect(200);
    counts();
    await request(h.app).post(`/api/submissions/${first.res.body.submission.id}/approve`).set('Authorization', h.bearer('coordinadorA')).send({}).expect(200);
    const { writes: approvalWrites } = counts();
    const current = (await h.store.getCurrent(PUBLISHERS[0].id)) as { id: string };
    const c = (await h.store.getPublication(current.id))?.counts as { releases: number; records: number; projects: number };
    approved = { writes: approvalWrites, documents: c.releases + c.records + c.projects };
    const again = await send('Parque de la guía, segunda versión');
    const publication = (await h.store.getCurrent(PUBLISHERS[0].id)) as { id: string };
    const published = (await h.store.getPublication(publication.id))?.counts as { releases: number; projects: number };
    counts();
    const preview = () => request(h.app).get(`/api/submissions/${again.res.body.submission.id}/preview`).set('Authorization', h.bearer('coordinadorA')).expect(200);
    await preview();
    const computed = counts();
    expect(row('Vista previa')).toContain('≈ 17 + las entregas y los proyectos de la publicación vigente');
    // A query that finds nothing is billed 1 read.
    expect(computed.total - Math.max(1, published.releases) - Math.max(1, published.projects)).toBeLessThanOrEqual(17);
    expect(computed.writes).toEqual({ previews: 2 });
    await preview();
    const kept = counts();
    expect(row('Vista previa')).toContain('después, ≈ 12: se lee la guardada');
    expect(kept.total).toBeLessThanOrEqual(12);
    expect(kept.writes).toEqual({});
  });

  // The pilot's and the national rows add up the table's figures per publication; they had kept the task's 10 writes,
  // 1 per notice and the publication's reads from before the audit chain and the compiled releases in datos.xlsx.
  it('an approval and its publication write 5 and r + n + p + 12, a notice 2; the pilot and national rows add up those figures', async () => {
    const cell = (name: string, re: RegExp) => Number(re.exec(row(name))?.[1]);
    const approval = cell('Aprobar \\(`POST …/approve`, 202\\)', /\| (\d+): el envío/);
    const task = cell('Tarea `publishSubmission`', /\*r\* \+ \*n\* \+ \*p\* \+ (\d+) = /);
    expect(approved).toBeDefined();
    const { writes: w, documents } = approved as { writes: Record<string, number>; documents: number };
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(approval + task + documents);
    // A notice is an audit entry: the entry and the head of its chain.
    counts();
    await h.store.appendAudit({ at: new Date().toISOString(), actor: 'system', action: 'notification.sent', target: 'submission/x', publisherId: PUBLISHERS[0].id, details: { kind: 'submitted', recipients: 1 } });
    const notice = Object.values(counts().writes).reduce((a, b) => a + b, 0);
    expect(notice).toBe(2);
    for (const name of ['Enviar \\(`POST /api/submissions`\\)', 'Tarea `publishSubmission`']) expect(row(name)).toContain(`+ ${notice} por aviso`);
    // The send's 4 + 1 + 3 and the first preview's 2 (the tests above), the approval and two notices.
    const perSubmission = 4 + 1 + 3 + 2 + approval + 2 * notice;
    const pilot = (name: string) => new RegExp(`^\\| ${name} \\| 92/año(.*)$`, 'm').exec(section(11))?.[1] ?? '';
    const national = (name: string) => new RegExp(`^\\| ${name} \\| (?:por publicación|2,500)(.*)$`, 'm').exec(section(11))?.[1] ?? '';
    expect(pilot('Escrituras por publicaciones')).toContain(`(60 + 20 + 5 + ${task}) de la tarea + ${perSubmission} del envío`);
    expect(national('Escrituras por publicaciones')).toContain(`+ 20 proyectos + ${task} = ${420 + task}, más ${perSubmission} del envío`);
    expect(national('Escrituras por publicaciones')).toContain(`2,500 × ${420 + task + perSubmission}`);
    // The publication's reads: 2 per release, 3 per record and per project (its files reread records and projects twice).
    expect(section(11).replace(/\s+/g, ' ')).toContain('En total ≈ 2*r* + 3*n* + 3*p* lecturas');
    expect(pilot('Lecturas por publicaciones')).toContain('(2 × 60 + 3 × 20 + 3 × 5 + ');
    expect(national('Lecturas por publicaciones')).toContain('(2 × 300 + 3 × 100 + 3 × 20 + ');
  });

  // §10 has the deployer schedule a daily export kept 30 days; each export reads every stored document and stores a full
  // copy, ≈ USD 78 a month nationally, and §11 priced neither.
  it('§11 prices the daily Firestore export §10 schedules, for as many days as its lifecycle rule keeps', () => {
    expect(section(10)).toMatch(/gcloud scheduler jobs create http respaldo-firestore[^\n]*\n\s+--schedule="0 3 \* \* \*"/);
    const kept = Number(/cat > ciclo-respaldos\.json[\s\S]*?"age": (\d+)/.exec(section(10))?.[1]);
    const rows = [...section(11).matchAll(/^\| Respaldos \(§10: exportación diaria[^|]*\|(.*)$/gm)].map((m) => m[0]);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect({ r, kept: r.includes(`${kept} días`) && r.includes(`${kept} copias`) }).toEqual({ r, kept: true });
  });
});
