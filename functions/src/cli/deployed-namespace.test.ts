/**
 * Every `--nube` command works with the functions' collection prefix, or does nothing: with FIRESTORE_NAMESPACE in the
 * deployment's environment file and not in the terminal (docs/deploy.md §7's commented line), `users add --nube`
 * created the first administrator where the functions do not read, and said «Cuenta creada».
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from './args';
import { openCliStore } from './cli-store';
import { deployedNamespaceProblem } from './deployed-namespace';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deployed-namespace-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('a --nube command refuses a prefix other than the deployment file\'s, before opening Firestore; without the file it is not asked', () => {
  const args = parseArgs(['add', '--nube', '--email', 'admin@estado.gob.mx', '--rol', 'admin']);
  const env = { GOOGLE_CLOUD_PROJECT: 'demo-ns' };
  // No environment file here: nothing to compare with.
  expect(deployedNamespaceProblem(args, env, root, 'demo-ns')).toBeUndefined();
  fs.mkdirSync(path.join(root, 'functions'));
  const file = path.join(root, 'functions', '.env.demo-ns');
  fs.writeFileSync(file, 'PUBLIC_BASE_URL=https://demo-ns.web.app\nFIRESTORE_NAMESPACE=tam_\n');
  const refusal = `Las funciones usan el prefijo de colecciones (FIRESTORE_NAMESPACE) «tam_» (${file}), y esta computadora ninguno: la orden trabajaría con colecciones que las funciones no usan (una cuenta o un publicador creados así no existen para ellas). Defina FIRESTORE_NAMESPACE=tam_ y repita. No se hizo nada.`;
  expect(deployedNamespaceProblem(args, env, root, 'demo-ns')).toBe(refusal);
  // openCliStore says it before it opens anything (no emulator, no credentials here).
  expect(() => openCliStore(args, env, root)).toThrow(refusal);
  expect(deployedNamespaceProblem(args, { ...env, FIRESTORE_NAMESPACE: 'tam_' }, root, 'demo-ns')).toBeUndefined();
  // Another project's file is not this one's; functions/.env counts as Firebase reads it, first.
  expect(deployedNamespaceProblem(args, env, root, 'demo-otro')).toBeUndefined();
  fs.writeFileSync(path.join(root, 'functions', '.env'), 'FIRESTORE_NAMESPACE=jal_\n');
  expect(deployedNamespaceProblem(args, { FIRESTORE_NAMESPACE: 'jal_' }, root, 'demo-otro')).toBeUndefined();
  expect(deployedNamespaceProblem(args, {}, root, 'demo-otro')).toMatch(/^Las funciones usan el prefijo de colecciones \(FIRESTORE_NAMESPACE\) «jal_»/);
  // --entorno names the file instead.
  const elsewhere = path.join(root, 'prod.env');
  fs.writeFileSync(elsewhere, 'FIRESTORE_NAMESPACE=\n');
  expect(deployedNamespaceProblem(parseArgs(['--nube', '--entorno', elsewhere]), {}, root, 'demo-ns')).toBeUndefined();
});
