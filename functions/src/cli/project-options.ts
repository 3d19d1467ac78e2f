/**
 * `--proyecto` (the Google Cloud project of `--nube`) and `--proyectos` (how many projects an implementer committed
 * to publish, `publishers add`) differ by one letter. Each mix-up used to go unnoticed: `--proyecto 5` left the
 * commitment missing and named a project «5»; `--proyectos demo-x` was refused as a commitment without a word about
 * the project; and `--proyecto mi-proyecto` without `--nube` wrote to the local database instead of the cloud. Each is
 * refused here, before any store is opened, naming the other option; so is `convert --proyecto`, whose `--proyectos`
 * is a file.
 */
import type { ParsedArgs } from './args';
import { UsageError } from './args';

/** The commands that reach a store through `--nube [--proyecto ID]` (cli-store.ts). */
const CLOUD_COMMANDS = new Set(['users', 'publishers', 'publications', 'history', 'transfer']);

/**
 * A Google Cloud project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter and not ending
 * with a hyphen; old projects of a Workspace domain carry it as a prefix (`example.com:mi-proyecto`).
 */
const PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** A commitment as `--proyectos` takes it (publishers-command.ts reads digits as a number). */
const COUNT = /^\s*\d+\s*$/;

const PROJECT_MEANS = '--proyecto es el ID del proyecto de Google Cloud del despliegue (p. ej. infra-abierta-mx), y solo se usa con --nube';
const PROJECTS_MEANS = '--proyectos es cuántos proyectos (0 a 5) se comprometió a publicar el implementador, en «publishers add»';

/** `convert`'s own --proyectos: the file its project package is written to (convert-command.ts). */
const CONVERT_PROJECTS_MEANS = '--proyectos ruta.json es el archivo donde «convert» escribe el paquete de proyectos (EDCAPI); sin ella, junto a -o';

export function checkProjectOptions(command: string | undefined, args: ParsedArgs): void {
  // `convert --proyecto proyectos.json` wrote the project package next to -o and only said «se ignora «--proyecto»».
  if (command === 'convert' && args.options.proyecto !== undefined) {
    const value = typeof args.options.proyecto === 'string' ? args.options.proyecto : 'ruta.json';
    throw new UsageError(`«convert» no tiene --proyecto (${PROJECT_MEANS}). ¿Quiso decir --proyectos ${value}? (${CONVERT_PROJECTS_MEANS}.)`);
  }
  if (command === undefined || !CLOUD_COMMANDS.has(command)) return;
  const project = args.options.proyecto;
  const projects = args.options.proyectos;
  const commitments = command === 'publishers';
  if (project === true) throw new UsageError(`Falta el valor de --proyecto: ${PROJECT_MEANS}.`);
  if (typeof project === 'string') {
    if (COUNT.test(project)) {
      throw new UsageError(commitments
        ? `«${project}» no es un ID de proyecto de Google Cloud: ${PROJECT_MEANS}. ¿Quiso decir --proyectos ${project.trim()}? (${PROJECTS_MEANS}.)`
        : `«${project}» no es un ID de proyecto de Google Cloud: ${PROJECT_MEANS}. Es un número: si copió el número del proyecto, use su ID (consola de Google Cloud → Panel → Información del proyecto).`);
    }
    if (!PROJECT_ID.test(project)) throw new UsageError(`«${project}» no es un ID de proyecto de Google Cloud (de 6 a 30 letras minúsculas, números o guiones, empezando con una letra): ${PROJECT_MEANS}.`);
    // `transfer` always has the deployment at one end (--a-la-nube, --de-la-nube).
    if (args.options.nube === undefined && command !== 'transfer') {
      throw new UsageError(`--proyecto ${project} solo se usa con --nube: sin --nube, «${command}» trabaja sobre la base local (INFRA_SQLITE), no sobre Firestore. Agregue --nube para trabajar en el proyecto ${project}.`);
    }
  }
  if (typeof projects === 'string' && !COUNT.test(projects)) {
    // A commitment typed wrong («cinco», «5.5») is refused by parsePublisher with its own message; one that reads as
    // a project id is the other option.
    if (commitments && PROJECT_ID.test(projects)) throw new UsageError(`--proyectos debe ser un número (se recibió «${projects}»): ${PROJECTS_MEANS}. ¿Quiso decir --proyecto ${projects}? (${PROJECT_MEANS}.)`);
    if (!commitments) throw new UsageError(`«${command}» no tiene --proyectos (${PROJECTS_MEANS}). ¿Quiso decir --proyecto ${projects}? (${PROJECT_MEANS}.)`);
  }
}
