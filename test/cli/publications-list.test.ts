/**
 * `publications list`: an operator sees, per publisher, every publication — the current one, when each was made, its
 * releases, records and projects, and whether it was finished — with the built CLI, on the local SQLite file and with
 * `--nube` on Firestore (the emulator).
 */
import * as fs from 'fs';
import * as path from 'path';
import { deleteApp, getApps } from 'firebase-admin/app';
import { buildCli } from '../../scripts/build';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { openFirestoreStore } from '../../functions/src/store/firestore-store';
import type { Publisher, Store } from '../../functions/src/store/store';
import { BENCH_PUBLISHER } from '../../scripts/bench/synthetic-publisher';
import { startFirestoreEmulator, type FirestoreEmulator } from '../firestore-emulator/firestore-emulator';
import { scratchDir, STACK_TRACE } from './run-cli';
import { type BuiltRun, runBuiltCli, runBuiltMainInTurn } from './run-built-cli';

const OTHER: Publisher = { ...BENCH_PUBLISHER, id: 'otro', name: 'Otro implementador', ocidPrefix: 'ocds-otr001', projectIdPrefix: 'oc4ids-otr001' };

/** Two finished publications of `bench` (the second current), one an interrupted task left 'writing', and a publisher with none. */
async function seed(store: Store): Promise<void> {
  await store.putPublisher(BENCH_PUBLISHER);
  await store.putPublisher(OTHER);
  await store.createPublication({ id: 'bench-agosto', publisherId: 'bench', contentHash: 'a', createdAt: '2025-08-10T12:00:00.000Z' });
  await store.completePublication('bench-agosto', { releases: 1234, records: 1200, projects: 56 });
  await store.createPublication({ id: 'bench-septiembre', publisherId: 'bench', contentHash: 'b', createdAt: '2025-09-10T18:30:00.000Z' });
  await store.completePublication('bench-septiembre', { releases: 1300, records: 1250, projects: 60 });
  await store.setCurrent('bench', 'bench-septiembre');
  await store.createPublication({ id: 'bench-abandonada', publisherId: 'bench', contentHash: 'c', createdAt: '2025-09-20T12:00:00.000Z' });
}

const HEADER = 'publicador\tpublicación\tvigente\tcreada\tentregas\tregistros\tproyectos\testado';
const TABLE = [
  HEADER,
  'bench\tbench-agosto\tno\t10/08/2025 06:00\t1,234\t1,200\t56\tcompleta',
  'bench\tbench-septiembre\tsí\t10/09/2025 12:30\t1,300\t1,250\t60\tcompleta',
  'bench\tbench-abandonada\tno\t20/09/2025 06:00\t—\t—\t—\tsin terminar',
].join('\n');

beforeAll(() => buildCli(), 60_000);

describe('publications list on the local store', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  /** The narrowed lists, run in turn in one child with the built bundle (runBuiltMainInTurn): one Node start for four. */
  let narrowed: BuiltRun[];
  beforeAll(async () => {
    dir = scratchDir('list-');
    env = { INFRA_SQLITE: path.join(dir, 'datos.sqlite') };
    const store = openSqliteStore(env.INFRA_SQLITE as string);
    await seed(store);
    await store.close();
    narrowed = await runBuiltMainInTurn([
      ...['bench', 'otro', 'nadie'].map((id) => ({ args: ['publications', 'list', '--publicador', id], env })),
      { args: ['publications', 'list'], env: { INFRA_SQLITE: path.join(dir, 'vacia.sqlite') } },
    ], 20_000);
  }, 30_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows every publication of every publisher, the current one marked, in es-MX dates and numbers', async () => {
    const run = await runBuiltCli(['publications', 'list'], env);
    expect(run.err).toBe('Sin publicaciones: otro.\n');
    expect(run.code).toBe(0);
    expect(run.out).toBe(`${TABLE}\n`);
  });

  it('narrows to one publisher; an unknown or empty one is said in Spanish', async () => {
    const [one, none, unknown, empty] = narrowed;
    expect(narrowed.map((r) => r.timedOut)).toEqual([false, false, false, false]);
    expect([one.code, one.out, one.err]).toEqual([0, `${TABLE}\n`, '']);
    expect([none.code, none.out, none.err]).toEqual([0, '', '«otro» aún no tiene publicaciones.\n']);
    expect([unknown.code, unknown.out, unknown.err]).toEqual([2, '', 'No existe el publicador «nadie». Publicadores registrados: bench, otro.\n']);
    expect([empty.code, empty.out]).toEqual([0, '']);
    expect(empty.err).toMatch(/^Aún no hay publicadores\. Registre uno con «infra-abierta publishers add <id> …»\.\n$/);
    expect(`${one.err}${none.err}${unknown.err}${empty.err}`).not.toMatch(STACK_TRACE);
  });
});

describe('publications list --nube', () => {
  let emulator: FirestoreEmulator;
  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
    const store = openFirestoreStore({ projectId: process.env.GCLOUD_PROJECT, namespace: 'lista_' });
    try { await seed(store); } finally { await store.close(); }
  });
  afterAll(async () => {
    await emulator.stop();
    await Promise.all(getApps().map((a) => deleteApp(a)));
  });

  it('reads the deployment\'s Firestore the same way', async () => {
    const run = await runBuiltCli(['publications', 'list', '--nube', '--proyecto', process.env.GCLOUD_PROJECT as string], { FIRESTORE_NAMESPACE: 'lista_' }, 20_000);
    expect(run.timedOut).toBe(false);
    expect(run.err).toBe('Sin publicaciones: otro.\n');
    expect([run.code, run.out]).toEqual([0, `${TABLE}\n`]);
  }, 30_000);
});
