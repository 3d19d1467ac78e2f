/**
 * The Cloud Functions entry (DESIGN §2: index.ts only wires). One HTTPS function serves the whole API; the app
 * is built on the first request, so deploying (which imports this file) and tests do no I/O at import time.
 * Google Sheets are read as the function's runtime service account (Application Default Credentials), which
 * implementers share their spreadsheets with (SERVICE_ACCOUNT_EMAIL, named in error messages).
 */
import type { Express } from 'express';
import { onRequest } from 'firebase-functions/v2/https';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { getFirestore } from 'firebase-admin/firestore';
import { getApps, initializeApp } from 'firebase-admin/app';
import { auth } from '@googleapis/sheets';
import { createApp } from './app';
import { loadConfig } from './config';
import { authenticatorFor } from './auth/authenticate';
import { GoogleSheetsSource, SHEETS_READONLY_SCOPE } from './ingest/sheets-source';
import { openFirestoreStore } from './store/firestore-store';
import type { Store } from './store/store';
import { workflowRoutes } from './workflow/workflow-routes';
import { firestoreMailOutbox, notifier, sendUpdateReminders, type NotifierDeps } from './workflow/notifications';

/** The `mail` collection that Firebase's Trigger Email extension watches (extensions/firestore-send-email.env). */
function mailDeps(store: Store, env: NodeJS.ProcessEnv, publicBaseUrl: string): NotifierDeps {
  const app = getApps()[0] ?? initializeApp();
  return { store, outbox: firestoreMailOutbox(getFirestore(app), env.MAIL_COLLECTION || 'mail'), dashboardUrl: (env.DASHBOARD_URL || publicBaseUrl).replace(/\/+$/, '') };
}

/** The deployed app: Firestore store, Google ID tokens, Google Sheets. `store` is injectable for tests. */
export function createCloudApp(env: NodeJS.ProcessEnv = process.env, store?: Store): Express {
  // Deployed functions are the cloud mode unless the environment says otherwise.
  const config = loadConfig({ INFRA_MODE: 'cloud', ...env });
  const db = store ?? openFirestoreStore({ app: getApps()[0] ?? initializeApp(), namespace: config.firestoreNamespace });
  const sheetsAuth = new auth.GoogleAuth({ scopes: [SHEETS_READONLY_SCOPE] });
  const workflow = workflowRoutes({
    store: db,
    authenticator: authenticatorFor(config, db),
    baseUrl: config.publicBaseUrl,
    sheets: (id) => new GoogleSheetsSource(id, { auth: sheetsAuth, ...(config.serviceAccountEmail ? { serviceAccountEmail: config.serviceAccountEmail } : {}) }),
    maxUploadBytes: config.maxBodyBytes,
    ...(config.serviceAccountEmail ? { serviceAccount: config.serviceAccountEmail } : {}),
    ...(config.googleClientId ? { googleClientId: config.googleClientId } : {}),
    notify: notifier(mailDeps(db, env, config.publicBaseUrl)),
  });
  const app = createApp({ store: db, config, extraApi: [workflow] });
  // Behind Google's front end (Cloud Functions v2 run on Cloud Run) the client's address is the last hop of
  // X-Forwarded-For: trust exactly one proxy, so per-IP rate limits see real clients and cannot be spoofed.
  app.set('trust proxy', 1);
  return app;
}

let app: Express | undefined;

/** Daily reminders to publishers past their update period (Cloud Scheduler). */
export const updateReminders = onSchedule({ schedule: 'every day 09:00', timeZone: 'America/Mexico_City', region: 'us-central1' }, async () => {
  const config = loadConfig({ INFRA_MODE: 'cloud', ...process.env });
  const store = openFirestoreStore({ app: getApps()[0] ?? initializeApp(), namespace: config.firestoreNamespace });
  await sendUpdateReminders(mailDeps(store, process.env, config.publicBaseUrl));
});

export const api = onRequest({ region: 'us-central1', cors: true }, (req, res) => {
  app ??= createCloudApp();
  app(req, res);
});
