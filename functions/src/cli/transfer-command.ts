/**
 * `transfer --a-la-nube | --de-la-nube`: a whole database moved between the two ways of running the platform — a
 * self-hosted server's SQLite file into the Firebase deployment's Firestore, or back. A state body that ran its own
 * server for a year and joins the state's deployment (or leaves it) must take everything: every implementer, account,
 * send with its history and kept workbook copies, every publication (current and replaced), the audit log, the month
 * closes. Rows are copied as written — ids, sort keys and bodies byte for byte — so the API serves the same bytes on
 * the other side; nothing is rebuilt or re-derived.
 *
 * Only into an empty database: merging two would mix two histories of the same implementers, and overwriting one
 * would lose what it published. A run that stops part-way leaves a marker in the target; repeating the same command
 * continues (every copy is an upsert of the same row). The current-publication pointers are copied last, so a
 * deployment already serving the target never shows a publication whose documents are not all there.
 */
import { formatCount, formatNumber } from '../../../core/format/es-mx';
import { type CollectionName, sortKey, toRow } from '../store/collections';
import { copyCollection } from '../store/copy-collection';
import type { DocumentBackend } from '../store/document-backend';
import { createStore } from '../store/document-store';
import { type ParsedArgs, UsageError } from './args';
import type { CliIo } from './convert-command';
import { otherLinksBaseUrl } from './cloud-deployment';

export const TO_CLOUD = 'a-la-nube';
export const FROM_CLOUD = 'de-la-nube';
export const ACCEPT_OTHER_ADDRESS = 'aceptar-direccion-nueva';

/** Rows read and written at a time: a page of Firestore reads, a SQLite transaction, batches of ≤ 500 writes. */
const PAGE = 300;

/** Left in the target while a copy is under way (`changes` is read by id only: no listing sees it). */
const MARKER_ID = 'transfer-in-progress';

/**
 * The order rows are copied in: the published documents and everything they hang from first, the accounts and
 * implementers after, the pointers that make publications visible last.
 */
const ORDER: readonly CollectionName[] = [
  'releases', 'records', 'projects', 'indexes', 'publications', 'stats', 'snapshots', 'previews', 'sendChecks', 'sendFindings',
  'submissions', 'audit', 'monthCloses', 'changes', 'users', 'publishers', 'current',
];

const NAMES: Partial<Record<CollectionName, [string, string]>> = {
  publishers: ['implementador', 'implementadores'],
  users: ['cuenta', 'cuentas'],
  submissions: ['envío', 'envíos'],
  publications: ['publicación', 'publicaciones'],
  releases: ['entrega', 'entregas'],
  records: ['registro', 'registros'],
  projects: ['proyecto', 'proyectos'],
  audit: ['entrada de la bitácora', 'entradas de la bitácora'],
};

export interface TransferEnds {
  source: DocumentBackend;
  target: DocumentBackend;
  /** Where each is, as a person reads it: «la base local «…» (INFRA_SQLITE)», «Firestore del proyecto …». */
  from: string;
  to: string;
  toCloud: boolean;
  /** The address the target's server or functions write into records (PUBLIC_BASE_URL), and where it was read. */
  baseUrl: string;
  baseUrlSource: string;
}

/** Which way: exactly one of --a-la-nube and --de-la-nube, checked before anything is opened (main.ts). */
export function transferDirection(args: ParsedArgs): 'to-cloud' | 'from-cloud' {
  const to = args.options[TO_CLOUD] !== undefined;
  const from = args.options[FROM_CLOUD] !== undefined;
  if (to === from) {
    throw new UsageError(`Indique hacia dónde se copia la base: --${TO_CLOUD} (de este servidor, INFRA_SQLITE, al Firestore del despliegue) o --${FROM_CLOUD} (del Firestore del despliegue a una base nueva en INFRA_SQLITE). No se copió nada.`);
  }
  for (const o of [TO_CLOUD, FROM_CLOUD, ACCEPT_OTHER_ADDRESS]) {
    if (args.options[o] !== undefined && args.options[o] !== true) throw new UsageError(`--${o} no lleva valor (se recibió «${String(args.options[o])}»). No se copió nada.`);
  }
  if (args.options.nube !== undefined) throw new UsageError(`«transfer» no usa --nube: --${TO_CLOUD} o --${FROM_CLOUD} dicen hacia dónde se copia. No se copió nada.`);
  return to ? 'to-cloud' : 'from-cloud';
}

const counted = (c: CollectionName, n: number): string => {
  const name = NAMES[c];
  return name ? formatCount(n, name[0], name[1]) : `${formatNumber(n, 0)} en «${c}»`;
};

async function counts(backend: DocumentBackend): Promise<Map<CollectionName, number>> {
  const out = new Map<CollectionName, number>();
  for (const c of ORDER) out.set(c, await backend.count(c, {}));
  return out;
}

export async function transferCommand(args: ParsedArgs, ends: TransferEnds, io: CliIo): Promise<number> {
  const { source, target, from, to } = ends;
  const before = await counts(target);
  const resumed = (await target.get('changes', MARKER_ID)) !== undefined;
  const held = [...before].filter(([, n]) => n > 0);
  if (held.length && !resumed) {
    const named = (Object.keys(NAMES) as CollectionName[]).filter((c) => (before.get(c) ?? 0) > 0);
    io.err(`No se copió nada: ${to} ya tiene datos (${(named.length ? named.map((c) => counted(c, before.get(c) ?? 0)) : held.map(([c, n]) => counted(c, n))).join(', ')}). `
      + 'La copia solo se hace a una base vacía: juntar dos bases mezclaría dos historias de los mismos implementadores, y escribir encima perdería lo que esa base publicó. '
      + (ends.toCloud
        ? 'Si esos datos son de una prueba, bórrelos (consola de Firebase → Firestore, o un proyecto nuevo) y repita; si el despliegue ya publica para otros implementadores, traiga los de este servidor uno por uno como historia (docs/operations.md, «Cambiar de servidor propio a la nube y al revés»).'
        : 'Indique en INFRA_SQLITE un archivo nuevo (que no exista) y repita.'));
    return 1;
  }
  const total = await counts(source);
  if (![...total.values()].some((n) => n > 0)) {
    io.err(`No se copió nada: ${from} está vacía. Revise ${ends.toCloud ? 'INFRA_SQLITE (la ruta de la base del servidor, o de su respaldo)' : 'el proyecto (--proyecto) y FIRESTORE_NAMESPACE'}.`);
    return 1;
  }
  // The records link every release under the address they were published with (publish.ts, `derivation`): on the
  // other side they keep linking there until each implementer publishes again, so a new address is said first.
  const other = await otherLinksBaseUrl(createStore(source), ends.baseUrl);
  if (other !== undefined && args.options[ACCEPT_OTHER_ADDRESS] !== true) {
    // Firebase Hosting serves only https: a server published under http cannot keep its address in the cloud (its
    // records' links would be suggested as a custom domain that Hosting cannot serve).
    const mustChange = ends.toCloud && other.startsWith('http:');
    io.err(`No se copió nada: lo publicado en ${from} enlaza sus entregas bajo ${other}, y ${ends.toCloud ? 'el despliegue' : 'este servidor'} publica bajo ${ends.baseUrl} (${ends.baseUrlSource}). `
      + (mustChange
        ? `Esa dirección es http, y Firebase Hosting solo sirve https: en la nube la dirección cambia. Repita con --${ACCEPT_OTHER_ADDRESS}: `
        : `Lo mejor es conservar la dirección: ${ends.toCloud ? `ponga ${other} como dominio propio de Firebase Hosting (docs/deploy.md §8) y como PUBLIC_BASE_URL de las funciones` : `sirva este servidor en ${other} (PUBLIC_BASE_URL=${other}, y esa dirección apuntando a él)`}, y repita. `
          + `Si la dirección cambia a propósito, repita con --${ACCEPT_OTHER_ADDRESS}: `)
      + `después, «infra-abierta publications republish${ends.toCloud ? ' --nube' : ''} --confirmar» publica de nuevo lo vigente, sin cambiar sus datos, con sus enlaces bajo ${ends.baseUrl}. Los registros que alguien ya descargó enlazan bajo ${other}: esa dirección debe seguir respondiendo o redirigir a la nueva (docs/operations.md, «Cambiar de servidor propio a la nube y al revés»).`);
    return 1;
  }
  const startedAt = new Date().toISOString();
  if (!resumed) await target.putMany('changes', [toRow('changes', MARKER_ID, sortKey(MARKER_ID), { from, startedAt })]);
  else io.err(`${to} tiene una copia anterior sin terminar: se continúa (lo ya copiado se escribe de nuevo igual).`);
  for (const c of ORDER) {
    // The source's own marker (a copy into it that never finished) is not data.
    const copied = await copyCollection(source, target, c, PAGE, (r) => !(c === 'changes' && r.id === MARKER_ID));
    if (copied) io.err(`Copiado: ${counted(c, copied)}.`);
  }
  // Counted again on both sides (the markers aside): a source that changed while it was read is said, not hidden.
  const sourceMarker = (await source.get('changes', MARKER_ID)) !== undefined ? 1 : 0;
  const [inSource, inTarget] = [await counts(source), await counts(target)];
  const expected = (c: CollectionName) => (inSource.get(c) ?? 0) - (c === 'changes' ? sourceMarker : 0);
  const got = (c: CollectionName) => (inTarget.get(c) ?? 0) - (c === 'changes' ? 1 : 0);
  const differ = ORDER.filter((c) => got(c) !== expected(c));
  if (differ.length) {
    io.err(`La copia no coincide con el origen en ${differ.map((c) => `«${c}» (origen ${formatNumber(expected(c), 0)}, copia ${formatNumber(got(c), 0)})`).join(', ')}: `
      + 'algo escribió en una de las dos bases mientras se copiaba. Detenga lo que escribe en ellas y repita la misma orden (continúa donde quedó).');
    return 1;
  }
  await target.delete('changes', MARKER_ID);
  io.err(`Base copiada de ${from} a ${to}: ${(['publishers', 'users', 'submissions', 'publications', 'releases'] as const).map((c) => counted(c, expected(c))).join(', ')}.`);
  // The records still link under the old address: republishing (republish-command.ts) writes them under the new one,
  // with the bulk files, so it takes rebuild-bulk's place in the next steps.
  if (other !== undefined) io.err(`Los registros copiados enlazan sus entregas bajo ${other}: mantenga esa dirección respondiendo o redirigiendo a ${ends.baseUrl}, también para quien ya los descargó.`);
  const bulkStep = other !== undefined
    ? `«infra-abierta publications republish${ends.toCloud ? ' --nube' : ''} --confirmar» publica de nuevo lo vigente, sin cambiar sus datos, con sus enlaces bajo ${ends.baseUrl}, y escribe ${ends.toCloud ? 'en el depósito' : 'en BULK_DIR'} las descargas masivas`
    : `«infra-abierta publications rebuild-bulk${ends.toCloud ? ' --nube' : ''}» escribe ${ends.toCloud ? 'en el depósito' : 'en BULK_DIR'} las descargas masivas`;
  io.err(ends.toCloud
    ? `Siguientes pasos: ${bulkStep}; cada cuenta entra con la cuenta de Google de su correo (las claves ia_… no sirven en la nube); los capturistas envían con el complemento de Google Sheets del despliegue. Deje de publicar en el servidor anterior (docs/operations.md, «Cambiar de servidor propio a la nube y al revés»).`
    : `Siguientes pasos: ${bulkStep}; cada cuenta necesita una clave de acceso para este servidor: elimínela y créela de nuevo con «infra-abierta users remove --email …» y «infra-abierta users add …», que la muestra. Deje de publicar en el despliegue anterior (docs/operations.md, «Cambiar de servidor propio a la nube y al revés»).`);
  return 0;
}

/** The collections copied, in order (a test checks none of COLLECTIONS is left out). */
export const TRANSFER_ORDER = ORDER;
