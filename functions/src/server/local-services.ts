/**
 * What a self-hosted publication needs beside the store — the uploaded workbooks, the bulk files' folder, e-mail —
 * built from the configuration in one place: the server's thread builds them for its API, and its background
 * thread (background-worker.ts) builds its own from the same configuration.
 */
import * as os from 'os';
import * as path from 'path';
import type { Config } from '../config';
import { PLATFORM_NAME } from '../platform-name';
import type { Store } from '../store/store';
import { directoryUploads, type UploadStore } from '../workflow/upload-store';
import { diskBlobStore, scratchBlobStore } from '../publication/disk-blob-store';
import { bulkService, type BulkService } from '../publication/bulk-service';
import type { PublicationTask, TaskResult } from '../publication/publication-queue';
import { runPublicationTask } from '../publication/publication-task';
import { SourceError } from '../ingest/sheet-source';
import { notifier, smtpNotifierDeps, type NotifierDeps } from '../workflow/notifications';
import type { Notify } from '../workflow/workflow-events';

export interface LocalServices {
  uploads: UploadStore;
  bulk: BulkService;
  /** Notifications by SMTP when SMTP_HOST is set (README: «Avisos por correo»); otherwise nobody is e-mailed. */
  mail?: NotifierDeps;
  /** The workflow's and the publication's notices, sent through `mail`. */
  notify?: Notify;
}

/** Uploaded workbooks live next to the database (a temporary folder for an in-memory database). */
export function uploadsDir(config: Pick<Config, 'sqlitePath'>): string {
  return config.sqlitePath === ':memory:' ? path.join(os.tmpdir(), 'infra-abierta-uploads') : path.join(path.dirname(path.resolve(config.sqlitePath)), 'uploads');
}

export function localServices(store: Store, config: Config, env: NodeJS.ProcessEnv, log: (m: string) => void): LocalServices {
  const mail = smtpNotifierDeps(store, env, config.publicBaseUrl, log);
  return {
    uploads: directoryUploads(uploadsDir(config)),
    bulk: bulkService({ store, blobs: config.bulkDir === undefined ? scratchBlobStore() : diskBlobStore(config.bulkDir), baseUrl: config.publicBaseUrl, platformName: PLATFORM_NAME }),
    ...(mail ? { mail, notify: notifier(mail) } : {}),
  };
}

export type PublicationRunner = (task: PublicationTask, opts: { takeOver: boolean }) => Promise<TaskResult>;

/** Runs one publication task on `store` (DESIGN §6): self-hosted submissions are uploaded .xlsx files. */
export function localPublicationRunner(store: Store, config: Config, services: LocalServices, log: (m: string) => void): PublicationRunner {
  const { uploads, bulk, notify } = services;
  return (task, opts) => runPublicationTask({
    store, baseUrl: config.publicBaseUrl, now: () => new Date(), log, bulk, ...(notify ? { notify } : {}),
    openSource: (source) => {
      if (source.kind !== 'xlsx') throw new SourceError('Esta plataforma no está configurada para leer hojas de cálculo de Google.', 'sheets-disabled');
      return uploads.open(source.fileId, source.name);
    },
  }, task, opts);
}
