/**
 * What the deployed functions publish with, for a command that publishes in the cloud itself (`history --nube`).
 * Records link every release under PUBLIC_BASE_URL (publish.ts, `derivation`): written under another address, the
 * links would be broken and the next publication by the functions would build every record again (`derivedWith`
 * differs). The deployment has no way to be asked for it but its environment file, `functions/.env.<PROYECTO>` —
 * what `firebase deploy` uploads (after `functions/.env`), docs/deploy.md §6 — so that file is read and checked by
 * the same `loadConfig` the functions run (cloud mode): the same address, bucket and namespace, or the same refusal.
 * `--entorno ARCHIVO` names another copy of it (only that file is read then).
 */
import * as fs from 'fs';
import { type Config, ConfigError, loadConfig } from '../config';
import { cloudProjectId } from './cli-store';
import type { ParsedArgs } from './args';
import { environmentFiles, namespaceMismatch } from './deployed-namespace';
import { readEnvFiles } from './env-file';
import type { Store } from '../store/store';
import { allPublishers, currentSets } from '../api/current-publications';
import { linksBaseUrl } from '../publication/publish';


export interface Deployment {
  config: Config;
  /** The environment file(s) read, as named in messages. */
  source: string;
}

/** The deployment's configuration (see the header); a Spanish ConfigError naming the file when it is missing or wrong. */
/**
 * What a command reading the deployment's configuration says it needs it for, and that it did nothing (publishing
 * commands by default: `history`, `rebuild-bulk`).
 */
export interface DeploymentNeed {
  why: string;
  nothingDone: string;
}

const PUBLISHING: DeploymentNeed = {
  why: 'Se necesita su PUBLIC_BASE_URL, la dirección que las funciones escriben en cada entrega publicada, y su BULK_BUCKET, donde quedan las descargas.',
  nothingDone: 'No se publicó nada.',
};

export function deploymentConfig(args: ParsedArgs, env: NodeJS.ProcessEnv, root: string, need: DeploymentNeed = PUBLISHING): Deployment {
  const projectId = cloudProjectId(args, env);
  if (args.options.entorno === true) throw new ConfigError(`Falta el valor de --entorno: la ruta del archivo de configuración de las funciones (functions/.env.${projectId}).`);
  const files = environmentFiles(args, root, projectId);
  const main = files[files.length - 1];
  if (!fs.existsSync(main) || !fs.statSync(main).isFile()) {
    throw new ConfigError(`No se encontró ${main}, la configuración con la que se despliegan las funciones del proyecto ${projectId} (docs/deploy.md §6). `
      + `${need.why} Ejecute la orden en la carpeta desde la que despliega, o indique ese archivo con --entorno ruta/.env.${projectId}. ${need.nothingDone}`);
  }
  const vars = readEnvFiles(files);
  const source = files.join(' y ');
  let config: Config;
  try {
    config = loadConfig({ ...vars, INFRA_MODE: 'cloud', GOOGLE_CLOUD_PROJECT: projectId });
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(`La configuración del despliegue (${source}) no sirve, y las funciones tampoco la aceptan: ${e.message} ${need.nothingDone}`);
    throw e;
  }
  // The store this command opens (cli-store.ts) takes its namespace from this computer's environment.
  const mismatch = namespaceMismatch(config.firestoreNamespace, env.FIRESTORE_NAMESPACE ?? '', source, need.nothingDone);
  if (mismatch !== undefined) throw new ConfigError(mismatch);
  return { config, source };
}

/**
 * The address the deployment's current publications link their releases under (publish.ts, `linksBaseUrl`), when none
 * of them uses `baseUrl`: the environment file is then not what the functions run with (edited since the last
 * deploy, or another copy). Undefined when one does, or when nothing is published yet (nothing to compare with).
 */
export async function otherLinksBaseUrl(store: Store, baseUrl: string): Promise<string | undefined> {
  const used = new Set((await currentSets(store, await allPublishers(store))).map((s) => linksBaseUrl(s.publication)).filter((u): u is string => u !== undefined));
  return used.size && !used.has(baseUrl) ? [...used].sort()[0] : undefined;
}
