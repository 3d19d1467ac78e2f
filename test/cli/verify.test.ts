/**
 * A journalist's proof, with the built CLI against the real app: a file downloaded with its huellas.json is shown to
 * be exactly what was published, and the platform's public audit chain whole — until a byte of the file, or an
 * entry of the log in the database, is changed, which `infra-abierta verificar` then says in Spanish (exit code 1).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { once } from 'events';
import type { AddressInfo } from 'net';
import type { Server } from 'http';
import Database from 'better-sqlite3';
import { createApp } from '../../functions/src/app';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { diskBlobStore } from '../../functions/src/publication/disk-blob-store';
import type { Store } from '../../functions/src/store/store';
import { publishExamples } from '../example-workbooks';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
let dir: string;
let store: Store;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verificar-'));
  store = openSqliteStore(path.join(dir, 'datos.sqlite'));
  await publishExamples(store, 'http://127.0.0.1:8080');
  const app = createApp({ store, config: { publicBaseUrl: 'http://127.0.0.1:8080', maxBodyBytes: 1024 * 1024 }, log: () => undefined, blobs: diskBlobStore(path.join(dir, 'bulk')) });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `infra-abierta verificar …` run as a reader runs it (the built CLI), without the database. */
function verificar(...args: string[]): Promise<{ code: number; out: string }> {
  // Without --url, the log of the database INFRA_SQLITE names (an administrator's check of its own server).
  const database = args.includes('--url') ? path.join(dir, 'otra.sqlite') : path.join(dir, 'datos.sqlite');
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'verificar', ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: database } }, (e, stdout, stderr) => {
      resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

async function download(name: string, as: string): Promise<string> {
  const res = await fetch(`${url}/api/bulk/${name}?publisher=merida`);
  expect(res.status).toBe(200);
  const file = path.join(dir, as);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

test('a download is shown to be what was published and the log whole; a changed byte, or an entry edited or removed in the database, is told', async () => {
  const file = await download('releases.jsonl', 'merida-releases.jsonl');
  const xlsx = await download('datos.xlsx', 'merida-datos.xlsx');
  const manifest = await download('huellas.json', 'huellas.json');
  const { publications } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { publications: { publicationId: string; audit: { seq: number } }[] };

  const whole = await verificar(file, xlsx, '--huellas', manifest, '--bitacora', '--url', url);
  expect(whole.out).toContain(`✓ ${file}: es exactamente el archivo «releases.jsonl» que la plataforma publicó`);
  expect(whole.out).toContain(`✓ ${xlsx}: es exactamente el archivo «datos.xlsx»`);
  expect(whole.out).toMatch(/✓ La bitácora está completa y sin cambios: \d+ entradas encadenadas/);
  expect(whole.out).toContain(`✓ La publicación ${publications[0].publicationId} está en la bitácora (entrada n.º ${publications[0].audit.seq}`);
  expect(whole.code).toBe(0);

  // One character of one release changed: not the file published.
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"date":"2/, '"date":"1'));
  const edited = await verificar(file, '--huellas', manifest);
  expect(edited.out).toContain(`✗ ${file}: NO es el archivo «releases.jsonl» publicado`);
  expect(edited.code).toBe(1);

  // Whoever holds the database edits the publication's entry (its counts), then removes another entry.
  const db = new Database(path.join(dir, 'datos.sqlite'));
  try {
    const row = db.prepare("SELECT id, body FROM audit WHERE body LIKE '%\"seq\":' || ? || ',%'").get(String(publications[0].audit.seq)) as { id: string; body: string };
    db.prepare('UPDATE audit SET body = ? WHERE id = ?').run(row.body.replace(/"releases":(\d+)/, (_, n: string) => `"releases":${Number(n) + 1}`), row.id);
    const rewritten = await verificar('--huellas', manifest, '--bitacora', '--url', url);
    expect(rewritten.out).toContain('✗ La bitácora fue modificada después de escrita');
    expect(rewritten.out).toContain(`La entrada n.º ${publications[0].audit.seq} (`);
    expect(rewritten.out).toContain('no dice lo que decía al escribirse: se editó.');
    expect(rewritten.out).toContain(`✗ La publicación ${publications[0].publicationId}: su entrada de la bitácora (n.º ${publications[0].audit.seq}) ya no dice lo que decía`);
    expect(rewritten.code).toBe(1);
    db.prepare("DELETE FROM audit WHERE body LIKE '%\"seq\":1,%'").run();
    expect((await verificar('--bitacora', '--url', url)).out).toContain('Falta la entrada n.º 1: se borró.');
    // The server's own administrator, on its database, is told the same.
    const local = await verificar('--bitacora');
    expect(local.out).toContain('Falta la entrada n.º 1: se borró.');
    expect(local.code).toBe(1);
  } finally {
    db.close();
  }
}, 60_000);
