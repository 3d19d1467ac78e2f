/**
 * `--proyecto` (Google Cloud project of `--nube`) against `--proyectos` (an implementer's commitment, `publishers add`):
 * each mix-up is refused with exit code 2 and a Spanish message naming the other option, before any store is opened
 * (built CLI, as an operator runs it: the first mix-up as its own process, the others in turn in one child that loads
 * the built bundle once).
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildCli } from '../../scripts/build';
import { scratchDir, STACK_TRACE } from './run-cli';
import { type BuiltRun, runBuiltCli, runBuiltMainInTurn } from './run-built-cli';
import { ROOT } from '../standards';

const REGISTER = ['--nombre', 'Instituto Tamaulipeco de Infraestructura', '--entidad', 'Tamaulipas', '--prefijo-ocid', 'ocds-itait1', '--prefijo-proyectos', 'oc4ids-itait1'];
const MIXUPS: [name: string, args: string[], message: RegExp][] = [
  ['a number given to --proyecto in publishers add', ['publishers', 'add', 'itait', '--nube', '--proyecto', '25', ...REGISTER],
    /^«25» no es un ID de proyecto de Google Cloud: --proyecto es el ID del proyecto de Google Cloud del despliegue \(p\. ej\. infra-abierta-mx\), y solo se usa con --nube\. ¿Quiso decir --proyectos 25\? \(--proyectos es cuántos proyectos \(0 a 5\) se comprometió a publicar el implementador/],
  ['a project id given to --proyectos', ['publishers', 'add', 'itait', '--nube', '--proyectos', 'demo-x', ...REGISTER],
    /^--proyectos debe ser un número \(se recibió «demo-x»\): --proyectos es cuántos proyectos \(0 a 5\).*¿Quiso decir --proyecto demo-x\? \(--proyecto es el ID del proyecto de Google Cloud/],
  ['--proyecto without --nube (it wrote to the local database)', ['publishers', 'add', 'itait', '--proyecto', 'demo-infra-abierta', '--proyectos', '3', ...REGISTER],
    /^--proyecto demo-infra-abierta solo se usa con --nube: sin --nube, «publishers» trabaja sobre la base local \(INFRA_SQLITE\), no sobre Firestore\. Agregue --nube/],
  ['--proyectos to a command that has none', ['users', 'list', '--nube', '--proyectos', 'demo-infra-abierta'],
    /^«users» no tiene --proyectos \(--proyectos es cuántos proyectos.*\)\. ¿Quiso decir --proyecto demo-infra-abierta\?/],
  ['a number given to --proyecto in users', ['users', 'list', '--nube', '--proyecto', '123456789012'],
    /^«123456789012» no es un ID de proyecto de Google Cloud: .* Es un número: si copió el número del proyecto, use su ID/],
  ['--proyecto with no value', ['publications', 'list', '--nube', '--proyecto'], /^Falta el valor de --proyecto: --proyecto es el ID del proyecto de Google Cloud/],
];

let dir: string;
let env: NodeJS.ProcessEnv;
/** The mix-ups after the first, run in turn in one child with the built bundle (runBuiltMainInTurn), by name. */
const inTurn = new Map<string, BuiltRun>();
beforeAll(async () => {
  await buildCli();
  dir = scratchDir('proyecto-');
  // No emulator and no credentials: a command that got as far as Firestore would fail differently.
  env = { INFRA_SQLITE: path.join(dir, 'datos.sqlite'), FIRESTORE_EMULATOR_HOST: '', GOOGLE_CLOUD_PROJECT: '', GCLOUD_PROJECT: '', GOOGLE_APPLICATION_CREDENTIALS: path.join(dir, 'no-existe.json') };
  // The first mix-up runs as its own process (dist/cli.js) in its test; the others here, one Node start for all.
  const rest = MIXUPS.slice(1);
  const results = await runBuiltMainInTurn(rest.map(([, args]) => ({ args, env })), 20_000);
  rest.forEach(([name], i) => inTurn.set(name, results[i]));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each(MIXUPS)('%s: exit 2, the other option named, nothing opened', async (name, args, message) => {
  const run = name === MIXUPS[0][0] ? await runBuiltCli(args, env) : inTurn.get(name)!;
  expect(run.timedOut).toBe(false);
  expect(run.err).toMatch(message);
  expect(run.err.trim().split('\n')).toHaveLength(1);
  expect(run.err).not.toMatch(STACK_TRACE);
  expect([run.code, run.out]).toEqual([2, '']);
  expect(fs.existsSync(env.INFRA_SQLITE as string)).toBe(false);
});

test('the right options still work, and --help says what each one is', async () => {
  const ok = await runBuiltCli(['publishers', 'add', 'itait', '--proyectos', '3', ...REGISTER], env);
  expect([ok.code, ok.err]).toEqual([0, '']);
  expect(ok.out).toMatch(/Publicador registrado: itait .* Compromiso: 3 proyectos/);
  const help = await runBuiltCli(['--help'], env);
  expect(help.out).toMatch(/--proyectos N: cuántos proyectos se comprometió a publicar, un número de 0 a 5 .*\n.*no es --proyecto, el proyecto de Google Cloud/);
  expect(help.out).toMatch(/--proyecto ID: el ID del\n\s+proyecto de Google Cloud \(p\. ej\. infra-abierta-mx; sin él, GOOGLE_CLOUD_PROJECT\), no un número; no es --proyectos\./);
  // «ayuda», in Spanish, is the same help (it was «Orden desconocida»).
  const ayuda = await runBuiltCli(['ayuda'], env);
  expect([ayuda.code, ayuda.out, ayuda.err]).toEqual([0, help.out, '']);
  // A command's --help, its own entries (the built entry answers it without loading the command).
  const own = await runBuiltCli(['publishers', 'add', '--help'], env);
  expect([own.code, own.err]).toEqual([0, '']);
  expect(own.out).toMatch(/--proyectos N: cuántos proyectos se comprometió a publicar/);
  expect(own.out).not.toMatch(/infra-abierta (validate|serve|publishers list)/);
});

// `convert`'s --proyectos is a file: `--proyecto proyectos.json` was named in the notice of unknown options only, and
// the project package went next to -o instead of where it was asked for.
test('convert --proyecto where --proyectos ruta.json was meant: exit 2, the right option named, nothing written', async () => {
  const out = path.join(dir, 'salida.json');
  const projects = path.join(dir, 'proyectos.json');
  const run = await runBuiltCli(['convert', path.join(ROOT, 'templates', 'examples', 'merida.xlsx'), '-o', out, '--proyecto', projects], env);
  expect(run.err).toMatch(new RegExp(`^«convert» no tiene --proyecto \\(--proyecto es el ID del proyecto de Google Cloud.*\\)\\. ¿Quiso decir --proyectos ${projects.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\? \\(--proyectos ruta\\.json es el archivo donde «convert» escribe el paquete de proyectos`));
  expect(run.err.trim().split('\n')).toHaveLength(1);
  expect(run.err).not.toMatch(/se ignora/);
  expect(run.err).not.toMatch(STACK_TRACE);
  expect([run.code, run.out]).toEqual([2, '']);
  expect([fs.existsSync(out), fs.existsSync(projects), fs.existsSync(path.join(dir, 'salida-proyectos.json'))]).toEqual([false, false, false]);
});
