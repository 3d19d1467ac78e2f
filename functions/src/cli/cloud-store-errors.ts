/**
 * What Google's Firestore answers a deployer whose project is not ready for `--nube` (docs/deploy.md §2, §3, §7),
 * said in Spanish with what to do: the CLI printed «Error inesperado: 7 PERMISSION_DENIED: …» in English, and the
 * guide had to quote Google's words for the reader to recognise the case. The client's errors carry the gRPC status
 * (`code`) and Google's text; the text tells apart the causes that share a status.
 */
import { ConfigError } from '../config';

/** gRPC status codes (google.rpc.Code) of the errors explained here. */
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const FAILED_PRECONDITION = 9;
const UNAUTHENTICATED = 16;

export interface CloudTarget { projectId: string; namespace: string }

const NO_CREDENTIALS = /Could not load the default credentials/i;

function textOf(e: unknown): string {
  return e instanceof Error ? e.message : typeof e === 'string' ? e : '';
}

/**
 * The Spanish configuration error for a missing-credentials failure (no `gcloud auth application-default login`, no
 * GOOGLE_APPLICATION_CREDENTIALS, not on Google Cloud); undefined for any other error. The client connects on the
 * first read or write, not when the store is opened, so it surfaces from whichever call comes first.
 */
export function cloudCredentialsError(e: unknown): ConfigError | undefined {
  if (!NO_CREDENTIALS.test(textOf(e))) return undefined;
  return new ConfigError('No se encontraron credenciales de Google Cloud para usar --nube. Inicie sesión con '
    + '«gcloud auth application-default login» (con una cuenta que tenga acceso al Firestore del proyecto) y repita '
    + 'la orden; o indique el archivo de una cuenta de servicio en la variable GOOGLE_APPLICATION_CREDENTIALS.');
}

/**
 * The Spanish configuration error for a failure of the deployment's Firestore that the deployer can fix; undefined
 * for any other error (the CLI then says «Error inesperado» with the error's own text).
 */
export function cloudStoreError(e: unknown, target: CloudTarget): ConfigError | undefined {
  const credentials = cloudCredentialsError(e);
  if (credentials) return credentials;
  const text = textOf(e);
  const project = target.projectId;
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (code === PERMISSION_DENIED && /quota project/i.test(text)) {
    return new ConfigError(`Sus credenciales de Google (gcloud auth application-default login) no tienen proyecto de cuota, que Firestore exige. Ejecute «gcloud auth application-default set-quota-project ${project}» y repita la orden.`);
  }
  if (code === PERMISSION_DENIED && /has not been used in project|is disabled|SERVICE_DISABLED/i.test(text)) {
    return new ConfigError(`La API de Firestore no está activada en el proyecto «${project}». Actívela con «gcloud services enable firestore.googleapis.com --project ${project}» (docs/deploy.md §2), espere unos minutos y repita la orden.`);
  }
  if (code === PERMISSION_DENIED) {
    return new ConfigError(`Su cuenta de Google no tiene permiso sobre el Firestore del proyecto «${project}». Necesita el rol roles/datastore.user (o ser propietaria del proyecto); compruebe también que «${project}» sea el ID del proyecto del despliegue (--proyecto o GOOGLE_CLOUD_PROJECT).`);
  }
  if (code === NOT_FOUND && /database .*does not exist/i.test(text)) {
    return new ConfigError(`El proyecto «${project}» no tiene base de datos de Firestore. Créela en la consola de Firebase en modo nativo (docs/deploy.md §3), o, si el proyecto del despliegue es otro, indíquelo con --proyecto.`);
  }
  if (code === FAILED_PRECONDITION && /requires an index/i.test(text)) {
    const prefix = target.namespace ? ` Con FIRESTORE_NAMESPACE=${target.namespace}, los índices de sus colecciones se agregan antes con «npm run generate:indexes -- ${target.namespace}».` : '';
    return new ConfigError(`La consulta necesita un índice de Firestore que aún no está listo en el proyecto «${project}». Suba los índices con «firebase deploy --only firestore», espere a que todos estén «Habilitados» (consola de Firebase → Firestore → Índices) y repita la orden.${prefix}`);
  }
  if (code === UNAUTHENTICATED) {
    return new ConfigError('Google no aceptó sus credenciales (vencieron o se revocaron). Inicie sesión de nuevo con «gcloud auth application-default login» y repita la orden.');
  }
  return undefined;
}
