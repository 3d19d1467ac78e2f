/**
 * The self-hosted server (`npm start`, `npx infra-abierta serve`): API + dashboard on the embedded SQLite store,
 * seeded with the example workbooks on first run. Listens on 127.0.0.1 unless HOST says otherwise.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Server } from 'http';
import { createApp } from '../app';
import type { Config } from '../config';
import { openLocalStore } from './local-store';
import type { Store } from '../store/store';
import { allPublishers } from '../api/current-publications';
import { seedExamples } from './seed';
import { workflowRoutes } from '../workflow/workflow-routes';
import { apiTokenAuthenticator } from '../auth/api-token-authenticator';
import { directoryUploads } from '../workflow/upload-store';
import { recoverStaleApprovals } from '../workflow/approve-submission';
import { notifier, sendUpdateReminders, smtpFromEnv, smtpOutbox, type NotifierDeps } from '../workflow/notifications';

/** Uploaded workbooks live next to the database (a temporary folder for an in-memory database). */
function uploadsDir(config: Config): string {
  return config.sqlitePath === ':memory:' ? path.join(os.tmpdir(), 'infra-abierta-uploads') : path.join(path.dirname(path.resolve(config.sqlitePath)), 'uploads');
}

export interface LocalServer { server: Server; store: Store; url: string; close(): Promise<void> }

export async function startLocalServer(config: Config, opts: { root: string; log?: (m: string) => void; seed?: boolean; env?: NodeJS.ProcessEnv }): Promise<LocalServer> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const store = openLocalStore(config);
  if (opts.seed !== false && (await allPublishers(store)).length === 0) {
    await seedExamples(store, path.join(opts.root, 'templates', 'examples'), config.publicBaseUrl, new Date().toISOString(), log);
  }
  // A server killed in the middle of an approval leaves the submission `approved`: mark stale ones failed so
  // they can be approved again (the previous publication was never replaced, DESIGN §6).
  const recovered = await recoverStaleApprovals(store, new Date());
  if (recovered) log(`Se recuperaron ${recovered} aprobaciones interrumpidas; pueden aprobarse de nuevo.`);
  const dashboardDir = path.join(opts.root, 'dashboard', 'dist');
  // Self-hosted identity: API tokens from `infra-abierta users add`; submissions are uploaded .xlsx files
  // kept next to the database.
  // Notifications by SMTP when SMTP_HOST is set (README: «Avisos por correo»); otherwise nobody is e-mailed.
  const smtp = smtpFromEnv(opts.env ?? process.env);
  const mail: NotifierDeps | undefined = smtp ? { store, outbox: smtpOutbox(smtp), dashboardUrl: config.publicBaseUrl, log } : undefined;
  const workflow = workflowRoutes({
    store, authenticator: apiTokenAuthenticator(store), baseUrl: config.publicBaseUrl, log,
    uploads: directoryUploads(uploadsDir(config)),
    maxUploadBytes: config.maxBodyBytes,
    ...(mail ? { notify: notifier(mail) } : {}),
  });
  // Reminders to publishers past their update period: once at start and then daily.
  let reminders: NodeJS.Timeout | undefined;
  if (mail) {
    const remind = () => { sendUpdateReminders(mail).catch((e: unknown) => log(`no se pudieron enviar los recordatorios: ${e instanceof Error ? e.message : String(e)}`)); };
    remind();
    reminders = setInterval(remind, 86_400_000);
    reminders.unref();
  }
  const app = createApp({ store, config, log, extraApi: [workflow], ...(fs.existsSync(dashboardDir) ? { dashboardDir } : {}) });
  const server = await new Promise<Server>((resolve) => { const s = app.listen(config.port, config.host, () => resolve(s)); });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}/`;
  return {
    server, store, url,
    close: async () => { if (reminders) clearInterval(reminders); await new Promise<void>((r) => server.close(() => r())); await store.close(); },
  };
}
