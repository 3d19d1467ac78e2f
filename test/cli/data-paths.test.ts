/**
 * Where the self-hosted data go (INFRA_SQLITE, BULK_DIR) is checked at start-up (config-paths.ts), with the built CLI
 * as an operator runs it: a path inside /proc or /sys made Node's recursive mkdir spin for ever (the command hung),
 * and a folder that cannot be created printed Node's English error. Each run is stopped after a few seconds, so a
 * hang fails at once.
 *
 * One command of each kind of path runs as its own process (dist/cli.js: exit code, stdout, stderr); the other
 * commands on the same paths run in one child process that loads the built bundle once and runs each command's
 * `main` in turn (each Node start costs more than the command here), stopped after a few seconds too.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildCli } from '../../scripts/build';
import { ConfigError, loadConfig } from '../../functions/src/config';
import { scratchDir, STACK_TRACE } from './run-cli';
import { type BuiltRun, runBuiltCli, runBuiltMainInTurn, type InTurn } from './run-built-cli';

/** Well under half of each test's limit (TEST_MS). */
const RUN_MS = 8000;
const TEST_MS = 30_000;
/** The child that runs the other commands in turn (runBuiltMainInTurn): a dozen commands, one start. */
const IN_TURN_MS = 15_000;
let dir: string;
/** The folder that cannot be created: under this plain file. */
let file: string;
let base: string;
/** What each command not run as its own process printed, by its test's name (runBuiltMainInTurn). */
const inTurn = new Map<string, BuiltRun>();

const PATHS = [
  ['inside /proc', '/proc/infra-abierta/datos/base.sqlite', 'queda dentro de /proc'],
  ['inside /sys', '/sys/infra-abierta/base.sqlite', 'queda dentro de /sys'],
  ['through /dev/fd, a link into /proc', '/dev/fd/infra-abierta/base.sqlite', 'dentro de /proc'],
] as const;
const OPENING_COMMANDS = [
  ['serve', ['serve', '--puerto', '0', '--sin-ejemplos']],
  ['users list', ['users', 'list']],
  ['publications list', ['publications', 'list']],
] as const;
const UNDER_FILE_COMMANDS = [
  ['serve', ['serve', '--puerto', '0', '--sin-ejemplos']],
  ['serve --procesos 2', ['serve', '--puerto', '0', '--procesos', '2', '--sin-ejemplos']],
  ['users list', ['users', 'list']],
  ['publishers list', ['publishers', 'list']],
  ['publish', ['publish', 'libro.xlsx', '--publicador', 'itait']],
] as const;
const HOST_COMMANDS = (): string[][] => [['serve', '--puerto', '0', '--sin-ejemplos'], ['publish', path.join(dir, 'no-importa.xlsx'), '--publicador', 'x']];
const HOST_ENV = (): Record<string, string> => ({ INFRA_SQLITE: path.join(dir, 'todas', 'base.sqlite'), HOST: '0.0.0.0', PUBLIC_BASE_URL: '' });

beforeAll(async () => {
  await buildCli();
  dir = scratchDir('rutas-');
  file = path.join(dir, 'un-archivo');
  fs.writeFileSync(file, 'no es una carpeta');
  base = path.join(file, 'datos', 'base.sqlite');
  // The first command of each list runs as its own process in its test; the others here, in one child.
  const runs: (InTurn & { name: string })[] = [
    ...PATHS.flatMap(([name, sqlite]) => OPENING_COMMANDS.slice(name === PATHS[0][0] ? 1 : 0).map(([command, args]) => ({ name: `${name} ${command}`, args: [...args], env: { INFRA_SQLITE: sqlite } }))),
    ...UNDER_FILE_COMMANDS.slice(1).map(([command, args]) => ({ name: `under a file ${command}`, args: [...args], env: { INFRA_SQLITE: base } })),
    ...HOST_COMMANDS().slice(1).map((args) => ({ name: `HOST ${args[0]}`, args, env: HOST_ENV() })),
  ];
  const results = await runBuiltMainInTurn(runs.map(({ args, env }) => ({ args, env })), IN_TURN_MS);
  runs.forEach((run, i) => inTurn.set(run.name, results[i]));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Node's own words, which must not reach the operator. */
const NODE_ERROR = /ENOTDIR|EEXIST|EPERM|ENOENT|unable to open|Error inesperado/;

describe.each(PATHS.map((p) => [...p]))('INFRA_SQLITE %s is refused at start-up, naming the variable', (name, sqlite, where) => {
  test.each(OPENING_COMMANDS.map(([command, args]): [string, string[]] => [command, [...args]]))('%s', async (command, args) => {
    const run = name === PATHS[0][0] && command === OPENING_COMMANDS[0][0] ? await runBuiltCli(args, { INFRA_SQLITE: sqlite }, RUN_MS) : inTurn.get(`${name} ${command}`)!;
    expect(run.timedOut).toBe(false);
    expect(run.err).toContain(`No se puede usar la base de datos «${sqlite}» (variable INFRA_SQLITE): `);
    expect(run.err).toContain(where);
    expect(run.err).not.toMatch(STACK_TRACE);
    expect(run.err).not.toMatch(NODE_ERROR);
    expect([run.code, run.out]).toEqual([2, '']);
  }, TEST_MS);
});

test('BULK_DIR inside /proc is refused too: the server creates it when it publishes', async () => {
  const run = await runBuiltCli(['serve', '--puerto', '0', '--sin-ejemplos'], { INFRA_SQLITE: path.join(dir, 'bulk-proc', 'base.sqlite'), BULK_DIR: '/proc/infra-abierta-bulk' }, RUN_MS);
  expect(run.timedOut).toBe(false);
  expect(run.err).toMatch(/^No se puede usar la carpeta de descargas masivas «\/proc\/infra-abierta-bulk» \(variable BULK_DIR\): queda dentro de \/proc/);
  expect([run.code, run.out]).toEqual([2, '']);
  expect(fs.existsSync(path.join(dir, 'bulk-proc'))).toBe(false);
}, TEST_MS);

describe('a folder that cannot be created (under a plain file) gets a Spanish message in every command that opens the base', () => {
  test.each(UNDER_FILE_COMMANDS.map(([command, args]): [string, string[]] => [command, [...args]]))('%s', async (command, args) => {
    const run = command === UNDER_FILE_COMMANDS[0][0] ? await runBuiltCli(args, { INFRA_SQLITE: base }, RUN_MS) : inTurn.get(`under a file ${command}`)!;
    expect(run.timedOut).toBe(false);
    expect(run.err.trim()).toBe(`No se pudo abrir la base de datos «${base}»: una parte de la ruta es un archivo, no una carpeta («${file}»). Revise la ruta (variable INFRA_SQLITE): indique una carpeta que exista o que se pueda crear.`);
    expect([run.code, run.out]).toEqual([2, '']);
  }, TEST_MS);
});

test('an empty INFRA_SQLITE is the default file, not a temporary database that vanishes with the process', () => {
  expect(loadConfig({ INFRA_SQLITE: '' }).sqlitePath).toBe('.data/infra-abierta.sqlite');
  // In the cloud the variable is not used: nothing is checked.
  expect(() => loadConfig({ INFRA_MODE: 'cloud', INFRA_SQLITE: '/proc/x/base.sqlite', GOOGLE_CLIENT_ID: '1-a.apps.googleusercontent.com', PUBLIC_BASE_URL: 'https://infra.example.mx', BULK_BUCKET: 'demo-bulk' })).not.toThrow();
  expect(() => loadConfig({ INFRA_SQLITE: '/proc/x/base.sqlite' })).toThrow(ConfigError);
});

// An environment file's line with no value (`PUBLIC_BASE_URL=`, as systemd's EnvironmentFile or `set -a; . file` give
// it) is unset, as INFRA_SQLITE=, BULK_DIR= or PORT= are: it was refused self-hosted as «debe ser una URL http(s)
// (se recibió «»)». The cloud still refuses to start without the address, naming it.
test('PUBLIC_BASE_URL= (empty) is unset: self-hosted, the address of HOST and PORT; in the cloud, refused naming the variable', () => {
  expect(loadConfig({ PUBLIC_BASE_URL: '', PORT: '8090' }).publicBaseUrl).toBe('http://127.0.0.1:8090');
  const cloud = { INFRA_MODE: 'cloud', GOOGLE_CLIENT_ID: '1-a.apps.googleusercontent.com', BULK_BUCKET: 'demo-bulk' };
  for (const value of ['', undefined]) expect(() => loadConfig({ ...cloud, PUBLIC_BASE_URL: value })).toThrow(/^En modo «cloud» falta PUBLIC_BASE_URL /);
});

// A server others reach listens on every interface (HOST=0.0.0.0); without PUBLIC_BASE_URL its public address was
// made of that, and http://0.0.0.0:8080 was written into every package and published record, said nowhere.
test('HOST=0.0.0.0 without PUBLIC_BASE_URL is refused before anything is published; with it, that is the address', async () => {
  // First, so that without the check this test fails before any server listens on every interface.
  expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
  expect(() => loadConfig({ HOST: '::' })).toThrow(/^HOST=:: atiende en todas las interfaces/);
  expect(loadConfig({ HOST: '0.0.0.0', PUBLIC_BASE_URL: 'https://datos.yucatan.gob.mx/' }).publicBaseUrl).toBe('https://datos.yucatan.gob.mx');
  expect(loadConfig({ HOST: '127.0.0.1' }).publicBaseUrl).toBe('http://127.0.0.1:8080');
  const base = HOST_ENV().INFRA_SQLITE;
  for (const [i, args] of HOST_COMMANDS().entries()) {
    const run = i === 0 ? await runBuiltCli(args, HOST_ENV(), RUN_MS) : inTurn.get(`HOST ${args[0]}`)!;
    expect(run.err).toMatch(/^HOST=0\.0\.0\.0 atiende en todas las interfaces de red, .* Defina también PUBLIC_BASE_URL /);
    expect([run.code, run.out]).toEqual([2, '']);
  }
  expect(fs.existsSync(path.dirname(base))).toBe(false);
}, TEST_MS);
