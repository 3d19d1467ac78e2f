/**
 * `npm start` end to end: the bundled CLI starts the real server on an empty SQLite file, seeds it from
 * templates/examples on first run, prints the URL, and serves the published example data there — which a data user
 * then downloads and checks against the official schemas of ../shared/standards, as an outside tool would.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFile, spawn, type ChildProcess } from 'child_process';
import { promisify } from 'util';
import { gunzipSync } from 'zlib';
import { createHash } from 'crypto';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { buildCli, ROOT } from '../scripts/build';
import { hasStandards, STANDARDS_DIR } from './standards';
import ExcelJS from 'exceljs';
import { PUBLICATION_DERIVED_FIELDS, README_SHEET } from '../core/template/bulk-readme';

let child: ChildProcess | undefined;
let dir: string;
beforeAll(async () => {
  await buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-e2e-'));
});
afterAll(() => {
  child?.kill('SIGINT');
  fs.rmSync(dir, { recursive: true, force: true });
});

function startServer(args: string[] = [], file = 'datos.sqlite'): Promise<{ url: string; output: () => string }> {
  let output = '';
  child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, INFRA_SQLITE: path.join(dir, file), PORT: '0', HOST: '127.0.0.1', METADATA_SERVER_DETECTION: 'none' },
  });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  return new Promise((resolve, reject) => {
    child?.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) resolve({ url: m[1], output: () => output });
    });
    child?.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/** The server seeded with the examples, started once for the tests that read it. */
let seeded: ReturnType<typeof startServer> | undefined;
const seededServer = (): ReturnType<typeof startServer> => (seeded ??= startServer());

it('serves the seeded example data at the printed URL', async () => {
  const { url, output } = await seededServer();
  expect(output()).toContain('Datos de ejemplo: Municipio de Mérida → publicado');
  const publishers = (await (await fetch(`${url}api/publishers`)).json()) as { publishers: { id: string; currentPublication: unknown }[] };
  expect(publishers.publishers.map((p) => p.id).sort()).toEqual(['merida', 'nuevo-leon', 'tuxtla-gutierrez']);
  expect(publishers.publishers.every((p) => p.currentPublication !== null)).toBe(true);
  const projects = (await (await fetch(`${url}api/oc4ids/projects?limit=100`)).json()) as { projects: unknown[] };
  expect(projects.projects.length).toBeGreaterThanOrEqual(12);
}, 120000);

type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8')) as Json;

/** The official package schemas, from ../shared/standards as they are (not the program's generated validators); compiled once for the tests that read them. */
let compiled: { ajv: Ajv; id: (file: string) => string } | undefined;
const officialSchemas = (): { ajv: Ajv; id: (file: string) => string } => (compiled ??= loadOfficialSchemas());
function loadOfficialSchemas(): { ajv: Ajv; id: (file: string) => string } {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const ids = new Map<string, string>();
  for (const file of ['ocds-1.1.5/release-schema.json', 'ocds-1.1.5/versioned-release-validation-schema.json', 'ocds-1.1.5/release-package-schema.json',
    'ocds-1.1.5/record-package-schema.json', 'oc4ids-0.9.5/project-schema.json', 'oc4ids-0.9.5/project-package-schema.json']) {
    const schema = readJson(path.join(STANDARDS_DIR, file));
    ajv.addSchema(schema);
    ids.set(file, String(schema.id));
  }
  return { ajv, id: (file) => ids.get(file) ?? file };
}

(hasStandards ? it : it.skip)('a data user downloads every bulk file: each valid against the official schemas, the JSON Lines and .gz copies the same documents, datos.xlsx converting back to the compiled releases of the records and the same projects but for the derived fields its «Léame» sheet names', async () => {
  const { url } = await seededServer();
  const { ajv, id } = officialSchemas();
  const check = (schema: string, data: unknown, what: string): void => {
    const validate = ajv.getSchema(schema);
    if (!validate) throw new Error(`no schema ${schema}`);
    expect({ what, valid: validate(data), errors: validate.errors ?? null }).toEqual({ what, valid: true, errors: null });
  };
  const listing = (await (await fetch(`${url}api/bulk`)).json()) as { files: { name: string; url: string }[] };
  // Every address the server publishes is the one it answers on (PORT=0 here: the port the system gave it).
  expect(listing.files.filter((f) => !f.url.startsWith(url))).toEqual([]);
  const files = new Map<string, Buffer>();
  for (const file of listing.files) {
    // `identity`: the bytes as stored, so a `.gz` file is compared as the file a program saves.
    const res = await fetch(file.url, { headers: { 'Accept-Encoding': 'identity' } });
    expect({ file: file.name, status: res.status }).toEqual({ file: file.name, status: 200 });
    files.set(file.name, Buffer.from(await res.arrayBuffer()));
  }
  const kinds = [
    { kind: 'releases', pkg: 'ocds-1.1.5/release-package-schema.json', item: `${id('ocds-1.1.5/release-schema.json')}` },
    { kind: 'records', pkg: 'ocds-1.1.5/record-package-schema.json', item: `${id('ocds-1.1.5/record-package-schema.json')}#/definitions/record` },
    { kind: 'projects', pkg: 'oc4ids-0.9.5/project-package-schema.json', item: `${id('oc4ids-0.9.5/project-schema.json')}` },
  ] as const;
  expect([...files.keys()].sort()).toEqual([...kinds.flatMap(({ kind }) => [`${kind}.json`, `${kind}.jsonl`, `${kind}.json.gz`, `${kind}.jsonl.gz`]), 'datos.xlsx', 'huellas.json'].sort());
  // huellas.json names every other file downloaded, with the size and SHA-256 of the bytes served.
  const manifest = JSON.parse((files.get('huellas.json') as Buffer).toString('utf8')) as { files: { name: string; bytes: number; sha256: string }[] };
  expect(manifest.files.map((f) => f.name).sort()).toEqual([...files.keys()].filter((n) => n !== 'huellas.json').sort());
  for (const f of manifest.files) {
    const body = files.get(f.name) as Buffer;
    expect({ name: f.name, bytes: f.bytes, sha256: f.sha256 }).toEqual({ name: f.name, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
  }
  const packages = new Map<string, Json>();
  for (const { kind, pkg, item } of kinds) {
    const json = files.get(`${kind}.json`) as Buffer;
    const body = JSON.parse(json.toString('utf8')) as Json;
    packages.set(kind, body);
    check(id(pkg), body, `${kind}.json`);
    const items = body[kind] as unknown[];
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect({ file: `${kind}.json.gz`, same: gunzipSync(files.get(`${kind}.json.gz`) as Buffer).equals(json) }).toEqual({ file: `${kind}.json.gz`, same: true });
    const lines = files.get(`${kind}.jsonl`) as Buffer;
    expect({ file: `${kind}.jsonl.gz`, same: gunzipSync(files.get(`${kind}.jsonl.gz`) as Buffer).equals(lines) }).toEqual({ file: `${kind}.jsonl.gz`, same: true });
    // One document per line, each valid on its own and the same, in the same order, as in the package.
    const documents = lines.toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown);
    documents.forEach((doc, i) => check(item, doc, `${kind}.jsonl line ${i + 1}`));
    expect(documents).toEqual(items);
    expect(String(body.uri)).toBe(`${url}api/bulk/${kind}.json`);
  }
  // Each record links its releases; following a link gives that release.
  for (const record of packages.get('records')?.records as { releases: { url: string }[]; compiledRelease: { ocid: string } }[]) {
    for (const link of record.releases) {
      const linked = (await (await fetch(link.url)).json()) as { releases?: { ocid: string }[] };
      expect({ link: link.url, ocids: linked.releases?.map((r) => r.ocid) }).toEqual({ link: link.url, ocids: [record.compiledRelease.ocid] });
    }
  }
  // datos.xlsx, converted by our own CLI as an official would before publishing again: the records' compiled
  // releases (their id and date are the conversion's), and the same projects but for what publication derives from the OCDS data —
  // which the workbook's first sheet, «Léame», names, so a data user knows it before converting.
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-datos-'));
  try {
    fs.writeFileSync(path.join(dir2, 'datos.xlsx'), files.get('datos.xlsx') as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir2, 'datos.xlsx'));
    expect(book.worksheets[0]?.name).toBe(README_SHEET);
    const readme: string[] = [];
    book.worksheets[0]?.eachRow((row) => { readme.push(String(row.getCell(1).value ?? '')); });
    const { stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'convert', path.join(dir2, 'datos.xlsx'), '-o', path.join(dir2, 'salida.json')], { cwd: ROOT });
    expect(stderr).not.toContain(README_SHEET); // not read as data, nor warned about
    const withoutIdAndDate = (releases: unknown): Json[] => (releases as Json[]).map(({ id: _id, date: _date, ...rest }) => rest)
      .sort((a, b) => String(a.ocid).localeCompare(String(b.ocid)));
    const converted = readJson(path.join(dir2, 'salida.json'));
    check(id('ocds-1.1.5/release-package-schema.json'), converted, 'datos.xlsx → salida.json');
    // Each process as its record's compiled release (datos.xlsx holds those, publication/bulk-files.ts), with the
    // tag of its latest release (the converter derives it; the compiled release's is «compiled»).
    const compiledReleases = (packages.get('records')?.records as { releases: { tag: unknown }[]; compiledRelease: Json }[])
      .map((r) => ({ ...r.compiledRelease, tag: r.releases[r.releases.length - 1].tag }));
    expect(withoutIdAndDate(converted.releases)).toEqual(withoutIdAndDate(compiledReleases));
    const projects = readJson(path.join(dir2, 'salida-proyectos.json'));
    check(id('oc4ids-0.9.5/project-package-schema.json'), projects, 'datos.xlsx → salida-proyectos.json');
    // Every field (path without indices) where a converted project differs from the published one.
    const differing = new Set<string>();
    const compare = (a: unknown, b: unknown, at: string): void => {
      if (JSON.stringify(a) === JSON.stringify(b)) return;
      if (a && b && typeof a === 'object' && typeof b === 'object') {
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
          compare((a as Json)[key], (b as Json)[key], Array.isArray(a) ? at : at ? `${at}/${key}` : key);
        }
      } else differing.add(at);
    };
    const convertedById = new Map((projects.projects as Json[]).map((p) => [p.id, p]));
    expect([...convertedById.keys()].sort()).toEqual((packages.get('projects')?.projects as Json[]).map((p) => p.id).sort());
    for (const published of packages.get('projects')?.projects as Json[]) compare(published, convertedById.get(published.id), '');
    // What publication derives from the OCDS data and the template has no column for: each said in «Léame». The
    // tenderers come back: `convert` derives each listed process's summary from its release, as publication does; the
    // release links do not (without --url, no address to link).
    expect([...differing].sort()).toEqual(PUBLICATION_DERIVED_FIELDS.map((f) => f.path).filter((p) => p !== 'contractingProcesses/summary/tender/tenderers').sort());
    for (const field of differing) expect({ field, named: readme.some((line) => line.startsWith(`• ${field}: `)) }).toEqual({ field, named: true });
  } finally {
    fs.rmSync(dir2, { recursive: true, force: true });
  }
}, 120000);

/** README.md's «API pública» section, as a data user reads it before writing a script. */
const apiSection = (): string => /\n## API pública\n([\s\S]*?)\n## /.exec(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))?.[1] ?? '';

(hasStandards ? it : it.skip)('a script pages every listing to its end and reads each process and project alone: every answer valid against the official schemas, nothing repeated or missing, every address in them answered here, as README «API pública» says', async () => {
  const { url } = await seededServer();
  const { ajv, id } = officialSchemas();
  const check = (schema: string, data: unknown, what: string): void => {
    const validate = ajv.getSchema(id(schema)) as NonNullable<ReturnType<Ajv['getSchema']>>;
    expect({ what, valid: validate(data), errors: validate.errors ?? null }).toEqual({ what, valid: true, errors: null });
  };
  const get = async (address: string): Promise<Json> => {
    const res = await fetch(address);
    expect({ address, status: res.status, type: res.headers.get('content-type'), cors: res.headers.get('access-control-allow-origin') }).toEqual({ address, status: 200, type: 'application/json; charset=utf-8', cors: '*' });
    return (await res.json()) as Json;
  };
  const { publishers } = (await get(`${url}api/publishers`)) as { publishers: { currentPublication: { counts: Record<string, number> } }[] };
  const published = (kind: string): number => publishers.reduce((n, p) => n + p.currentPublication.counts[kind], 0);
  const listings = [
    { kind: 'releases', path: 'api/ocds/releases', schema: 'ocds-1.1.5/release-package-schema.json', key: (d: Json) => `${String(d.ocid)} ${String(d.id)}` },
    { kind: 'records', path: 'api/ocds/records', schema: 'ocds-1.1.5/record-package-schema.json', key: (d: Json) => String(d.ocid) },
    { kind: 'projects', path: 'api/oc4ids/projects', schema: 'oc4ids-0.9.5/project-package-schema.json', key: (d: Json) => String(d.id) },
  ];
  const seen = new Map<string, Json[]>();
  for (const { kind, path: listing, schema, key } of listings) {
    const documents: Json[] = [];
    for (let next: string | undefined = `${url}${listing}?limit=4`; next;) {
      const page = await get(next);
      check(schema, page, next);
      expect(page.uri).toBe(next);
      documents.push(...(page[kind] as Json[]));
      next = (page.links as { next?: string } | undefined)?.next;
      if (next) expect(next.startsWith(`${url}${listing}?`)).toBe(true);
    }
    const keys = documents.map(key);
    expect({ kind, repeated: keys.filter((k, i) => keys.indexOf(k) !== i) }).toEqual({ kind, repeated: [] });
    expect({ kind, count: keys.length }).toEqual({ kind, count: published(kind) });
    seen.set(kind, documents);
  }
  // One process: its record package, with the versioned release, and each of its releases at the address it gives.
  const releasesAt = new Map<string, Json>();
  for (const { ocid } of seen.get('records') as { ocid: string }[]) {
    const address = `${url}api/ocds/records/${encodeURIComponent(ocid)}`;
    const one = await get(address);
    check('ocds-1.1.5/record-package-schema.json', one, address);
    expect(one.uri).toBe(address);
    const [record] = one.records as { releases: { url: string }[]; versionedRelease: unknown }[];
    check('ocds-1.1.5/versioned-release-validation-schema.json', record.versionedRelease, `${address} versionedRelease`);
    for (const link of record.releases) {
      const linked = await get(link.url);
      releasesAt.set(link.url, linked);
      check('ocds-1.1.5/release-package-schema.json', linked, link.url);
      expect((linked.releases as Json[]).map((r) => r.id)).toEqual([new URL(link.url).searchParams.get('releaseID')]);
    }
  }
  let followed = 0;
  for (const { id: projectId, contractingProcesses } of seen.get('projects') as { id: string; contractingProcesses?: { summary?: { ocid?: string }; releases?: { url?: string }[] }[] }[]) {
    const address = `${url}api/oc4ids/projects/${encodeURIComponent(projectId)}`;
    check('oc4ids-0.9.5/project-package-schema.json', await get(address), address);
    // A project's processes link their OCDS releases, published here.
    for (const process of contractingProcesses ?? []) {
      for (const { url: link } of process.releases ?? []) {
        if (!link?.startsWith(url)) continue;
        // Read already when its process's record linked it.
        const linked = releasesAt.get(link) ?? await get(link);
        expect({ link, ocids: (linked.releases as Json[]).map((r) => r.ocid) }).toEqual({ link, ocids: [process.summary?.ocid] });
        followed++;
      }
    }
  }
  expect(followed).toBeGreaterThan(0);
  // What README «API pública» names, this server answers — and the files it lists, README names.
  const section = apiSection();
  const documented = [...new Set([...section.matchAll(/`(\/api\/[a-z/]+?)(?:\[[^`]*)?`/g)].map((m) => m[1]))].filter((p) => !/session|submissions|audit/.test(p));
  expect(documented).toEqual(expect.arrayContaining(['/api/publishers', '/api/ocds/releases', '/api/bulk', '/api/tracking']));
  for (const p of documented) await get(`${url}${p.slice(1)}`);
  const { files } = (await get(`${url}api/bulk`)) as { files: { name: string }[] };
  for (const { name } of files) expect({ name, named: section.includes(`\`${name}\``) || section.includes(`\`${name.replace(/^[a-z]+/, '')}\``) }).toEqual({ name, named: true });
}, 120000);

/** Stops the server running, if one is (SIGINT, as Ctrl+C). */
async function stopServer(): Promise<void> {
  if (child && child.exitCode === null && child.signalCode === null) await new Promise((resolve) => { child?.once('exit', resolve); child?.kill('SIGINT'); });
}

/**
 * A real server's database (no examples), and the server running on it: started by the first test that needs one and
 * used by the next until one stops it — a `serve` start (its bundle, its database, its background thread) each was
 * most of these tests' cost.
 */
const REAL = 'real.sqlite';
let real: { started: ReturnType<typeof startServer>; child: ChildProcess } | undefined;
async function realServer(): ReturnType<typeof startServer> {
  if (real && real.child.exitCode === null && real.child.signalCode === null) return real.started;
  await stopServer();
  const started = startServer(['--sin-ejemplos'], REAL);
  real = { started, child: child as ChildProcess };
  return started;
}

it('--sin-ejemplos: a real server\'s first start publishes none of the fictitious implementers', async () => {
  await stopServer();
  const { url, output } = await realServer();
  expect(output()).not.toContain('Datos de ejemplo');
  // Which files it serves, said where it starts (an environment file not loaded served a new, empty database unsaid).
  const said = `Base de datos «${path.join(dir, REAL)}» (INFRA_SQLITE), descargas masivas en «${path.join(dir, 'bulk')}» (BULK_DIR); dirección pública`;
  // The second line may still be in the pipe.
  for (const deadline = Date.now() + 5000; !output().includes(said) && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20));
  expect(output()).toContain(said);
  const publishers = (await (await fetch(`${url}api/publishers`)).json()) as { publishers: unknown[] };
  expect(publishers.publishers).toEqual([]);
}, 120000);

// Two servers on one database, by mistake (the service running, and `npm start` on another PORT in a terminal): the
// second resumed what the first was publishing and took over its «revisando» checks (server-lock.ts).
it('a second serve on the same database is refused while the first runs; after the first is killed (kill -9), one starts', async () => {
  const { url } = await realServer();
  expect((await fetch(`${url}api/publishers`)).status).toBe(200);
  const second = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'serve', '--sin-ejemplos'], {
    cwd: ROOT, timeout: 20000, env: { ...process.env, INFRA_SQLITE: path.join(dir, REAL), PORT: '0', HOST: '127.0.0.1', METADATA_SERVER_DETECTION: 'none' },
  }).then(() => ({ code: 0, stdout: '', stderr: '' }), (e: { code?: unknown; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
  expect(second).toEqual({ code: 1, stdout: '', stderr: expect.stringContaining(`Ya hay un servidor atendiendo la base de datos «${path.join(dir, REAL)}» (variable INFRA_SQLITE)`) });
  expect((await fetch(`${url}api/publishers`)).status).toBe(200);
  // Killed without a word: the system frees the lock, so no file is left to remove by hand before starting again.
  await new Promise((resolve) => { child?.once('exit', resolve); child?.kill('SIGKILL'); });
  const again = await realServer();
  expect((await fetch(`${again.url}api/publishers`)).status).toBe(200);
}, 120000);

// systemd's and docker's stop is SIGTERM: the server ended at once, in the middle of whatever it was writing.
it('a service manager\'s stop (SIGTERM) closes the server as Ctrl+C does, and it exits with 0', async () => {
  const { url } = await realServer();
  expect((await fetch(`${url}api/publishers`)).status).toBe(200);
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child?.once('exit', (code, signal) => resolve([code, signal])));
  child?.kill('SIGTERM');
  expect(await exited).toEqual([0, null]);
  // Closed cleanly: the write-ahead log was folded into the database and removed.
  expect(fs.existsSync(path.join(dir, `${REAL}-wal`))).toBe(false);
}, 120000);

// `npm start` runs the server under npm and a shell: a stop that signals only npm's own process (`kill <pid>`, a
// supervisor that knows the main process) ended npm and the shell, and left the server running on its database, with
// the port and the lock held. npm passes the signal to its child; the script's `exec` makes that child the server.
it('`npm start` stopped by signalling npm alone stops the server cleanly (the start script execs node)', async () => {
  await stopServer();
  const script = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  expect(script.startsWith('npm run build && ')).toBe(true);
  // The same script in a throwaway package whose build is already done (beforeAll): only what follows the build runs.
  const pkg = path.join(dir, 'npm-start');
  fs.mkdirSync(pkg);
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'arranque', version: '1.0.0', private: true, scripts: { start: script.replace('npm run build', `cd ${JSON.stringify(ROOT)}`) } }));
  let output = '';
  // No update check: npm would ask the registry (tests reach only 127.0.0.1).
  const npm = spawn('npm', ['start', '--', '--sin-ejemplos'], { cwd: pkg, env: { ...process.env, npm_config_update_notifier: 'false', INFRA_SQLITE: path.join(dir, 'npm.sqlite'), PORT: '0', HOST: '127.0.0.1', METADATA_SERVER_DETECTION: 'none' } });
  npm.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  npm.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => npm.once('exit', (code, signal) => resolve([code, signal])));
  const url = await new Promise<string>((resolve, reject) => {
    npm.stdout.on('data', () => { const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output); if (m) resolve(m[1]); });
    void exited.then(() => reject(new Error(output)));
  });
  // npm's descendants, to end any left behind whatever happens.
  const children = (pid: number): number[] => { try { return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number); } catch { return []; } };
  const descendants = children(npm.pid as number).flatMap((pid) => [pid, ...children(pid)]);
  try {
    process.kill(npm.pid as number, 'SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(output).toContain('Servidor detenido.');
    await expect(fetch(`${url}api/publishers`)).rejects.toThrow();
    expect(fs.existsSync(path.join(dir, 'npm.sqlite-wal'))).toBe(false);
  } finally {
    for (const pid of descendants) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  }
}, 60000);
