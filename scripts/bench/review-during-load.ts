/**
 * bench:load's review under the load: a capturista of a second implementer uploads a workbook, the coordinador
 * opens its preview and approves it, and the approval is published — over HTTP against the same server, while the
 * public traffic runs — as the self-hosted server does it (serve: checks and publication in its background thread,
 * functions/src/server/background-thread.ts). Each run publishes a new revision (every process changed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { issueToken } from '../../functions/src/auth/api-tokens';
import { loadConfig } from '../../functions/src/config';
import { startLocalServer, type LocalServer } from '../../functions/src/server/local-server';
import type { Publisher, Store } from '../../functions/src/store/store';
import { PREVIEW_PREPARING, PREVIEW_PREPARING_RETRY_SECONDS, XLSX_MIME } from '../../core/workflow/contract';
import { BENCH_PUBLISHER, syntheticDocumentsFor, workbookOf } from './synthetic-publisher';
import { writeXlsx } from './write-xlsx';

export const REVIEW_PUBLISHER: Publisher = {
  id: 'bench-revision', name: 'Implementador que envía durante la carga', state: 'Yucatán', ocidPrefix: 'ocds-rev001', projectIdPrefix: 'oc4ids-rev001',
  commitment: { projects: 500, periodicityDays: 90 },
};

/**
 * The self-hosted server of the review benches (serve-during-review, preview-timing, send-timing), in this process on
 * `dir`'s own SQLite file and a free loopback port, with its background thread when `worker` is given; the bench
 * publisher registered, and its capturista and coordinador.
 */
export async function startReviewServer(dir: string, worker: string | undefined): Promise<{ server: LocalServer; accounts: ReviewAccounts }> {
  const config = loadConfig({ INFRA_SQLITE: path.join(dir, 'servidor.sqlite'), PORT: '0' });
  const server = await startLocalServer(config, { root: path.resolve(dir), seed: false, notices: false, log: (m) => console.error(m), ...(worker ? { backgroundWorker: worker } : {}) });
  await server.store.putPublisher(BENCH_PUBLISHER);
  return { server, accounts: await reviewAccounts(server.store, BENCH_PUBLISHER) };
}

/** A publisher's two self-hosted accounts: its capturista and its state's coordinador, by their API tokens. */
export interface ReviewAccounts { capturista: string; coordinador: string }

/** Registers (or replaces) `publisher`'s capturista and coordinador with fresh API tokens. */
export async function reviewAccounts(store: Store, publisher: Publisher): Promise<ReviewAccounts> {
  const capturista = issueToken();
  const coordinador = issueToken();
  await store.putUser({ id: `${publisher.id}-capturista`, email: `captura@${publisher.id}.gob.mx`, role: 'capturista', publisherId: publisher.id, tokenHash: capturista.hash });
  await store.putUser({ id: `${publisher.id}-coordinador`, email: `revision@og-${publisher.id}.org.mx`, role: 'coordinador', state: publisher.state, tokenHash: coordinador.hash });
  return { capturista: capturista.token, coordinador: coordinador.token };
}

export interface SubmissionAnswer { submission: { id: string; status: string; failureReason?: string | null } }

/** One call of the review API at `base` with an account's token (an .xlsx body is uploaded); a non-2xx answer throws, naming `step`. */
export async function reviewCall(base: string, step: string, method: string, url: string, token: string, body?: Buffer): Promise<SubmissionAnswer> {
  let res = await fetch(`${base}${url}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': XLSX_MIME } : {}) }, ...(body ? { body } : {}) });
  // A large send still being checked when its budget ran out (SEND_CHECKING): asked again where it says, as the pages do.
  while (res.status === 202 && res.headers.get('location')) {
    const location = new URL(res.headers.get('location') as string, base).toString();
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 5) * 1000));
    res = await fetch(location, { headers: { Authorization: `Bearer ${token}` } });
  }
  if (!res.ok) throw new Error(`${step}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as SubmissionAnswer;
}

/**
 * The coordinador opens a send's preview, as its page does (dashboard/src/review/review-pages.ts): a preview still
 * being computed (503 preview-preparing: past the server's budget, longer on a loaded machine) is asked for again
 * after PREVIEW_PREPARING_RETRY_SECONDS until it comes. Resolves with how many times it was told to wait.
 */
export async function previewCall(base: string, id: string, token: string): Promise<number> {
  for (let waits = 0; ; waits++) {
    const res = await fetch(`${base}api/submissions/${id}/preview`, { headers: { Authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.ok) return waits;
    const code = res.status === 503 ? (JSON.parse(text) as { error?: { code?: unknown } }).error?.code : undefined;
    if (code !== PREVIEW_PREPARING) throw new Error(`vista previa: ${res.status} ${text.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, PREVIEW_PREPARING_RETRY_SECONDS * 1000));
  }
}

export interface Review extends ReviewAccounts { file: string }

/** Registers the implementer and its two accounts, and writes the workbook to upload (untimed). */
export async function prepareReview(store: Store, dir: string, processes: number): Promise<Review> {
  await store.putPublisher(REVIEW_PUBLISHER);
  const accounts = await reviewAccounts(store, REVIEW_PUBLISHER);
  const file = path.join(dir, `revision-${processes}.xlsx`);
  // A revision number of its own per run, so that each run publishes something new.
  await writeXlsx(workbookOf(syntheticDocumentsFor(REVIEW_PUBLISHER, processes, 1 + (Math.floor(Date.now() / 1000) % 1_000_000))), file);
  return { file, ...accounts };
}

/** The review over HTTP; resolves with one line for the report, or rejects saying which step failed. */
export async function runReview(base: string, review: Review, processes: number): Promise<string> {
  const call = (step: string, method: string, url: string, token: string, body?: Buffer) => reviewCall(base, step, method, url, token, body);
  const seconds = (t: number): string => ((performance.now() - t) / 1000).toFixed(1);
  let t = performance.now();
  const { submission } = await call('enviar', 'POST', `api/submissions?publisher=${REVIEW_PUBLISHER.id}`, review.capturista, fs.readFileSync(review.file));
  const submitted = seconds(t);
  t = performance.now();
  await previewCall(base, submission.id, review.coordinador);
  const previewed = seconds(t);
  t = performance.now();
  await call('aprobar', 'POST', `api/submissions/${submission.id}/approve`, review.coordinador);
  for (;;) {
    const { submission: now } = await call('consultar', 'GET', `api/submissions/${submission.id}`, review.coordinador);
    if (now.status === 'published') break;
    if (now.status !== 'approved') throw new Error(`la publicación terminó como «${now.status}»: ${now.failureReason ?? ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return `revisión de ${processes.toLocaleString('es-MX')} procesos durante la carga: enviar ${submitted} s, vista previa ${previewed} s, aprobar y publicar ${seconds(t)} s`;
}
