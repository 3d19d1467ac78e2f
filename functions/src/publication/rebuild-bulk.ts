/**
 * Writes, after an upgrade, the bulk files of every current publication in this version's form (bulk-files.ts,
 * BULK_FORM): until then the files of a publisher that has not published since kept the old form, and in the cloud
 * the first download of each built them inside its request (past 60 s, a 504 through Hosting). Each set is looked
 * for first and skipped when complete (`datos.xlsx` goes last), so running it again does nothing more (idempotent),
 * and a run cut short goes on where it stopped (resumable). A failed set is told and the others still written.
 */
import { formatCount, formatNumber } from '../../../core/format/es-mx';
import { ALL_PUBLISHERS_BULK_MAX_DOCUMENTS, bulkDocuments } from '../../../core/packages/bulk-limit';
import { allPublishers, currentSets, type PublishedSet } from '../api/current-publications';
import type { Store } from '../store/store';
import { storageFailure } from './bulk-after-publication';
import { bulkPrefix, hasBulkFiles } from './bulk-files';
import type { BulkService } from './bulk-service';

export interface RebuildBulkDeps {
  store: Store;
  bulk: BulkService;
  /** One line of progress, in Spanish, as each set is done. */
  progress: (line: string) => void;
  /** Only this publisher's files (and, with `allPublishersFiles`, those of all publishers together). */
  publisherId?: string;
  /**
   * The files of all publishers together too (over every current publication, whichever publisher's were written), as
   * the cloud writes them after each publication: a command that made a publication current (republish, redact) changed
   * the set they hold, and in the cloud the first download would otherwise build them inside its request (up to
   * 212 s at the document cap; Hosting cuts at 60 s).
   */
  allPublishersFiles: boolean;
  /** Documents above which those are not written, as the API refuses them (core/packages/bulk-limit.ts); tests lower it. */
  allPublishersMaxDocuments?: number;
  /** Called once a publication's files are complete in this form (self-hosted: removes its older forms from disk). */
  done?: (set: PublishedSet) => Promise<void>;
  /** Called once the files of all publishers together are complete in this form (self-hosted: the same). */
  doneAll?: (sets: PublishedSet[]) => Promise<void>;
  now?: () => number;
}

export interface RebuildBulkSummary {
  written: number;
  upToDate: number;
  failed: number;
}

function contents(sets: PublishedSet[]): string {
  const sum = (k: 'releases' | 'records' | 'projects') => sets.reduce((n, s) => n + (s.publication.counts?.[k] ?? 0), 0);
  return `${formatCount(sum('releases'), 'entrega', 'entregas')}, ${formatCount(sum('records'), 'registro', 'registros')}, ${formatCount(sum('projects'), 'proyecto', 'proyectos')}`;
}

export async function rebuildBulk(deps: RebuildBulkDeps): Promise<RebuildBulkSummary> {
  const now = deps.now ?? (() => Date.now());
  const everyone = await currentSets(deps.store, await allPublishers(deps.store));
  const sets = everyone.filter((s) => deps.publisherId === undefined || s.publisher.id === deps.publisherId);
  const summary: RebuildBulkSummary = { written: 0, upToDate: 0, failed: 0 };
  const all = deps.allPublishersFiles && sets.length > 0;
  const total = sets.length + (all ? 1 : 0);
  // Without BULK_FORM's number: «formato de esta versión (4)» told an official nothing (the number is the folder's
  // name on disk, `v4`, for whoever looks there).
  deps.progress(`Archivos de descarga como los escribe esta versión de la plataforma: ${formatCount(sets.length, 'implementador', 'implementadores')} con publicación vigente${all ? ', y los de todos juntos' : ''}.`);
  let step = 0;
  const one = async (label: string, group: PublishedSet[], publisherId: string | undefined): Promise<boolean> => {
    step++;
    const head = `  ${step}/${total} ${label}`;
    try {
      if (await hasBulkFiles(deps.bulk.blobs, bulkPrefix(group, publisherId))) {
        summary.upToDate++;
        deps.progress(`${head}: ya estaban al día.`);
        return true;
      }
      const started = now();
      await deps.bulk.ensure(group, publisherId);
      summary.written++;
      deps.progress(`${head}: escritos (${contents(group)}) en ${formatNumber((now() - started) / 1000, 1)} s.`);
      return true;
    } catch (e) {
      summary.failed++;
      deps.progress(`${head}: NO se escribieron: ${storageFailure(e)}.`);
      return false;
    }
  };
  for (const set of sets) {
    if (await one(`${set.publisher.id} (${set.publisher.name})`, [set], set.publisher.id)) await deps.done?.(set);
  }
  if (all) {
    const max = deps.allPublishersMaxDocuments ?? ALL_PUBLISHERS_BULK_MAX_DOCUMENTS;
    const documents = bulkDocuments(everyone.map((s) => s.publication.counts));
    if (documents <= max) {
      if (await one('todos los implementadores juntos', everyone, undefined)) await deps.doneAll?.(everyone);
    }
    else {
      step++;
      deps.progress(`  ${step}/${total} todos los implementadores juntos: no se escriben, como la API no los ofrece: suman ${formatCount(documents, 'documento', 'documentos')} y el máximo es ${formatNumber(max, 0)}.`);
    }
  }
  return summary;
}
