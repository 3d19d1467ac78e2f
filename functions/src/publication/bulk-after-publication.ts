/**
 * What follows a publication in the cloud, once it is current: its bulk files, and those of all publishers together,
 * written to Cloud Storage right away instead of by the first download (through Firebase Hosting a request ends at
 * 60 s; the files of all publishers took up to 212 s at the 100,000-document cap). The publication task runs it after
 * each approval, and `history --nube` after laying down an implementer's history. Files are named by the
 * publications they hold and `datos.xlsx` goes last (bulk-files.ts), so a reader never finds a set half-written.
 */
import type { Publication, Publisher, Store } from '../store/store';
import type { BulkService } from './bulk-service';
import { diskTroubleAdvice } from '../lib/disk-trouble';
import { allPublishers, currentSets } from '../api/current-publications';
import { ALL_PUBLISHERS_BULK_MAX_DOCUMENTS, bulkDocuments } from '../../../core/packages/bulk-limit';

export interface BulkAfterPublicationDeps {
  store: Store;
  bulk: BulkService;
  /** Told, in Spanish, of files that could not be written (the data is published: the first download builds them). */
  log: (message: string) => void;
  /** Writes the files of all publishers together too (the cloud; self-hosted a download builds them, with no time limit). */
  allPublishersFiles?: boolean;
  /** Documents above which those are not written, as the API refuses them (core/packages/bulk-limit.ts); tests lower it. */
  allPublishersMaxDocuments?: number;
}

/**
 * Why Cloud Storage refused, in Spanish, for the two causes a deployer fixes (docs/deploy.md §4, §7): its own words
 * («… does not have storage.objects.create access …») reached `history --nube` and the task's log as they came.
 * Anything else keeps the error's text.
 */
export function storageFailure(e: unknown): string {
  const refusal = storageRefusal(e);
  if (refusal !== undefined) return refusal;
  // The disk's trouble alone, with its path: Node's English («EACCES: permission denied, mkdir …») said it again
  // before it. Without its final period: every caller ends the line with one («…BULK_DIR..» before).
  const disk = diskTroubleAdvice(e);
  if (disk !== undefined) return disk.replace(/\.$/, '');
  return e instanceof Error ? e.message : String(e);
}

/** The cause, in Spanish, when Cloud Storage refused for one of the two a deployer fixes; undefined otherwise. */
export function storageRefusal(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const text = e instanceof Error ? e.message : String(e);
  if (code === 403) return 'la cuenta con la que se escribe no tiene permiso en el depósito de BULK_BUCKET (necesita el rol roles/storage.objectAdmin sobre él, o ser propietaria del proyecto)';
  if (code === 404 && /bucket does not exist/i.test(text)) return 'no existe el depósito que dice BULK_BUCKET: revise su nombre (docs/deploy.md §3)';
  return undefined;
}

/**
 * What an administrator does when `publish` or `history` published but did not write every download file (a full
 * disk, a BULK_DIR or bucket it may not write): the publication stands; either command writes the files, neither
 * publishes again. Both then end with 1.
 */
export function bulkLeftToDo(cloud: boolean): string {
  return `Lo publicado está completo y a la vista en la API, pero faltan archivos de descarga (hasta tenerlos, la primera descarga de cada uno lo construye y tarda más). Corrija la causa de arriba y escríbalos con «infra-abierta publications rebuild-bulk${cloud ? ' --nube' : ''}»${cloud ? ' (con el mismo --proyecto o --entorno)' : ''}, o repita esta misma orden: ninguna de las dos vuelve a publicar nada.`;
}

/** Returns whether every file it set out to write was written. */
export async function writeBulkAfterPublication(deps: BulkAfterPublicationDeps, publisher: Publisher, publication: Publication): Promise<boolean> {
  const { store, bulk } = deps;
  let written = true;
  const write = async (what: string, build: () => Promise<unknown>): Promise<void> => {
    try {
      await build();
    } catch (e) {
      written = false;
      deps.log(`no se escribieron los archivos de descarga ${what}: ${storageFailure(e)}`);
    }
  };
  await write(`de ${publication.id}`, () => bulk.ensure([{ publisher, publication }], publisher.id));
  if (deps.allPublishersFiles) await write('de todos los implementadores', async () => {
    const max = deps.allPublishersMaxDocuments ?? ALL_PUBLISHERS_BULK_MAX_DOCUMENTS;
    // Over the limit (at national scale, from the second month on) the database's sum of the pointers says so in
    // ~1 read per 1,000 publishers: reading every publisher and pointer to add them up was 3 reads per publisher,
    // 86 % of a publication's reads. The sum never exceeds what the sets below add up to (Store.publishedDocuments),
    // so it skips only what they would skip too; under it, the sets are read and decide, as the API decides.
    if (await store.publishedDocuments() > max) return;
    const sets = await currentSets(store, await allPublishers(store));
    if (bulkDocuments(sets.map((s) => s.publication.counts)) <= max) await bulk.ensure(sets);
  });
  return written;
}
