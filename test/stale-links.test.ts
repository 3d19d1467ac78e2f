/** `serve` says when the records it serves link their releases under another address than its own (dead links), and when an earlier version derived them. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../scripts/build';
import { loadConfig } from '../functions/src/config';
import { startLocalServer } from '../functions/src/server/local-server';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { publish } from '../functions/src/publication/publish';
import { exampleWorkbook, publisherOf } from './example-workbooks';
import { currentSets } from '../functions/src/api/current-publications';
import { republish, republishReasons } from '../functions/src/publication/republish';
import type { Publisher, Store } from '../functions/src/store/store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enlaces-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A SQLite file with Mérida's example workbook published, its records linking under `baseUrl`; the store left open. */
async function publishedMerida(file: string, baseUrl: string): Promise<{ store: Store; publisher: Publisher }> {
  const store = openSqliteStore(file);
  const workbook = await exampleWorkbook('merida');
  const publisher = publisherOf('merida', workbook);
  await store.putPublisher(publisher);
  expect((await publish(store, { publisher, workbook, actor: 'cli', now: new Date().toISOString(), baseUrl })).status).toBe('published');
  return { store, publisher };
}

/** The start-up notices beginning with `start` of `serve` on `file`, answering at `base`. */
async function startNotices(file: string, base: string, start: string): Promise<string[]> {
  const env = { METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file, PORT: '0', HOST: '127.0.0.1' };
  const logged: string[] = [];
  const server = await startLocalServer(loadConfig({ ...env, PUBLIC_BASE_URL: base }), { root: ROOT, seed: false, env, log: (m) => logged.push(m) });
  await server.close();
  return logged.filter((m) => m.startsWith(start));
}

test('data published for 127.0.0.1:8080 and served elsewhere: a Spanish warning at start naming the publisher and both addresses', async () => {
  const file = path.join(dir, 'datos.sqlite');
  await (await publishedMerida(file, 'http://127.0.0.1:8080')).store.close();
  for (const [base, warned] of [['http://127.0.0.1:18201', true], ['http://127.0.0.1:8080', false]] as const) {
    const warning = await startNotices(file, base, 'Aviso: los registros');
    expect(warning).toEqual(warned ? [`Aviso: los registros de «merida» enlazan sus entregas en http://127.0.0.1:8080, pero este servidor responde en ${base}: esos enlaces no funcionan. Publíquelos de nuevo, sin cambiar sus datos, con «infra-abierta publications republish --confirmar» (con PUBLIC_BASE_URL=${base} y las demás variables del servidor), o sirva en la dirección de antes.`] : []);
  }
});

test('publications an earlier version derived (an upgrade whose republish was skipped): a Spanish warning at start naming the publisher and why, gone once republished', async () => {
  const file = path.join(dir, 'anterior.sqlite');
  const base = 'http://127.0.0.1:18202';
  const { store, publisher } = await publishedMerida(file, base);
  // The stats an earlier version wrote: an index and figures of version 1 (publication-index.ts INDEX_VERSION).
  const stats = await store.getStats('merida');
  await store.putStats({ ...(stats as NonNullable<typeof stats>), data: { ...((stats?.data ?? {}) as object), indexVersion: 1, qualityVersion: 1 } });
  await store.close();

  // Only this notice: others depend on what the run has built (a fresh clone's dashboard/dist).
  const started = (): Promise<string[]> => startNotices(file, base, 'Aviso: una versión anterior');
  expect(await started()).toEqual([`Aviso: una versión anterior del programa derivó lo que se sirve de 1 publicador: «merida» (su índice del tablero es de una versión anterior y sus cifras del tablero son de una versión anterior). Se sirve como se publicó hasta que se publique de nuevo (docs/operations.md, «Actualizar a una versión nueva»). Publíquelos de nuevo, sin cambiar sus datos, con «infra-abierta publications republish --confirmar» (con PUBLIC_BASE_URL=${base} y las demás variables del servidor).`]);
  // Published again as this version does (what `publications republish --confirmar` runs): nothing to say.
  const again = openSqliteStore(file);
  const [{ publication }] = await currentSets(again, [publisher]);
  const reasons = await republishReasons(again, publication, base);
  expect((await republish(again, { publisher, current: publication, reasons, baseUrl: base, actor: 'cli', at: new Date().toISOString() })).status).toBe('republished');
  await again.close();
  expect(await started()).toEqual([]);
});
