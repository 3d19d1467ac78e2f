/**
 * `publications rebuild-bulk [--publicador ID] [--nube [--proyecto ID] [--entorno ARCHIVO]]`: after an upgrade,
 * writes every current publication's bulk files in this version's form (publication/rebuild-bulk.ts), to BULK_DIR
 * or, with `--nube`, to the deployment's bucket. Self-hosted, the older forms of each publication's files are then
 * removed from the disk (nothing reads them any more); in the cloud the bucket's lifecycle rule removes them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatCount } from '../../../core/format/es-mx';
import { BULK_FORM, olderBulkPrefixes, publicationFolder } from '../publication/bulk-files';
import type { BulkService } from '../publication/bulk-service';
import { rebuildBulk } from '../publication/rebuild-bulk';
import type { Store } from '../store/store';
import { type ParsedArgs, stringOption } from './args';
import type { CliIo } from './convert-command';
import { knownPublisher } from './known-publisher';
import { cliAudit } from './cli-audit';

export interface RebuildBulkOptions {
  bulk: BulkService;
  cloud: boolean;
  /** Self-hosted: the folder of the bulk files (BULK_DIR), where older forms are removed. */
  bulkDir?: string;
  allPublishersMaxDocuments?: number;
}

/** Removes from disk what is in a publication's folder besides this form's (files of older versions). */
function removeOlderForms(bulkDir: string, publicationId: string): void {
  const folder = path.join(bulkDir, ...publicationFolder(publicationId).split('/'));
  if (!fs.existsSync(folder)) return;
  for (const entry of fs.readdirSync(folder)) {
    if (entry !== `v${BULK_FORM}`) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
  }
}

export async function rebuildBulkCommand(args: ParsedArgs, store: Store, io: CliIo, opts: RebuildBulkOptions): Promise<number> {
  const publisherId = stringOption(args, 'publicador');
  if (publisherId !== undefined) await knownPublisher(store, publisherId);
  const { bulkDir } = opts;
  const summary = await rebuildBulk({
    store,
    bulk: opts.bulk,
    progress: io.out,
    // With --publicador, that publisher's files only: the set all publishers' files hold has not changed.
    allPublishersFiles: publisherId === undefined,
    ...(publisherId !== undefined ? { publisherId } : {}),
    ...(opts.allPublishersMaxDocuments !== undefined ? { allPublishersMaxDocuments: opts.allPublishersMaxDocuments } : {}),
    ...(bulkDir !== undefined ? {
      done: async (set) => removeOlderForms(bulkDir, set.publication.id),
      // The old version's downloads of everyone together: a whole copy of all the data, read by nobody now.
      doneAll: async (sets) => { for (const prefix of olderBulkPrefixes(sets, undefined)) fs.rmSync(path.join(bulkDir, ...prefix.split('/')), { recursive: true, force: true }); },
    } : {}),
  });
  const sets = summary.written + summary.upToDate + summary.failed;
  // Bulk files are what a reader downloads as «the publication»: when they were written again, and how many, is kept.
  if (sets) await cliAudit(store, new Date(), 'maintenance.bulk-rebuilt', 'bulk', publisherId, { written: summary.written, upToDate: summary.upToDate, failed: summary.failed });
  if (!sets) {
    io.out(`No hay publicaciones vigentes${publisherId !== undefined ? ` de «${publisherId}»` : ''}: no hay archivos de descarga que escribir.`);
    return 0;
  }
  const parts = [
    `${formatCount(summary.written, 'conjunto de archivos escrito', 'conjuntos de archivos escritos')} de nuevo`,
    `${formatCount(summary.upToDate, 'ya estaba', 'ya estaban')} al día`,
    ...(summary.failed ? [`${formatCount(summary.failed, 'con falla', 'con falla')}`] : []),
  ];
  io.out(`Listo: ${parts.join(', ')}.`);
  if (summary.failed) {
    io.err(`No se escribieron todos los archivos de descarga. Lo publicado no cambió: mientras falten, ${opts.cloud ? 'la primera descarga los construye (por Hosting, una de más de 60 s recibe 504)' : 'la primera descarga los construye'}. Corrija la causa y repita la misma orden: retoma donde quedó, sin volver a escribir los que ya están.`);
    return 1;
  }
  return 0;
}
