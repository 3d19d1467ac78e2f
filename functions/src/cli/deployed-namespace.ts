/**
 * The collection prefix (FIRESTORE_NAMESPACE) a `--nube` command works with — this terminal's — against the one the
 * functions run with, from the deployment's environment file (docs/deploy.md §6). The guide's §7 has the deployer
 * export it too, in a commented line easy to pass over: `users add --nube` then created the first administrator in
 * the collections without prefix, said «Cuenta creada», and the functions, which read `<prefijo>users`, did not know
 * the account; the publishers registered so were not there either. Only `history --nube` and the commands that read
 * the deployment's configuration compared the two.
 */
import * as fs from 'fs';
import * as path from 'path';
import { type ParsedArgs, stringOption } from './args';
import { readEnvFiles } from './env-file';

/**
 * The environment files of the deployment, as `firebase deploy` reads them: functions/.env, then
 * functions/.env.<PROYECTO> (which is listed even when missing: the commands that need it say so); `--entorno ARCHIVO`
 * instead, when given.
 */
export function environmentFiles(args: ParsedArgs, root: string, projectId: string): string[] {
  const given = stringOption(args, 'entorno');
  const own = path.join(root, 'functions', `.env.${projectId}`);
  return given !== undefined ? [given] : [path.join(root, 'functions', '.env'), own].filter((f) => f === own || fs.existsSync(f));
}

/** The Spanish refusal when the functions' prefix (read from `source`) and this terminal's differ; undefined when equal. */
export function namespaceMismatch(deployed: string, here: string, source: string, nothingDone: string, why = 'la orden escribiría donde las funciones no leen'): string | undefined {
  if (deployed === here) return undefined;
  const said = (ns: string) => (ns ? `«${ns}»` : 'ninguno');
  return `Las funciones usan el prefijo de colecciones (FIRESTORE_NAMESPACE) ${said(deployed)} (${source}), y esta computadora ${said(here)}: `
    + `${why}. ${deployed ? `Defina FIRESTORE_NAMESPACE=${deployed}` : 'Quite FIRESTORE_NAMESPACE'} y repita. ${nothingDone}`;
}

/**
 * For every `--nube` command: the refusal above, when the deployment's environment file is where the guide keeps it
 * (or given with --entorno). Without the file (a command run from another copy of the repository) there is nothing to
 * compare with, and the terminal's prefix is used as before.
 */
export function deployedNamespaceProblem(args: ParsedArgs, env: NodeJS.ProcessEnv, root: string, projectId: string): string | undefined {
  const files = environmentFiles(args, root, projectId).filter((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
  if (!files.length) return undefined;
  const vars = readEnvFiles(files);
  return namespaceMismatch(vars.FIRESTORE_NAMESPACE ?? '', env.FIRESTORE_NAMESPACE ?? '', files.join(' y '), 'No se hizo nada.',
    'la orden trabajaría con colecciones que las funciones no usan (una cuenta o un publicador creados así no existen para ellas)');
}
