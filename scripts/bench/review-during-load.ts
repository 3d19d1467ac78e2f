/**
 * bench:load's review under the load: a capturista of a second implementer uploads a workbook, the coordinador
 * opens its preview and approves it, and the approval is published — over HTTP against the same server, while the
 * public traffic runs — as the self-hosted server does it (serve: checks and publication in its background thread,
 * functions/src/server/background-thread.ts). Each run publishes a new revision (every process changed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { issueToken } from '../../functions/src/auth/api-tokens';
import type { Publisher, Store } from '../../functions/src/store/store';
import { XLSX_MIME } from '../../functions/src/workflow/workflow-routes';
import { syntheticDocumentsFor, workbookOf } from './synthetic-publisher';
import { writeXlsx } from './write-xlsx';

export const REVIEW_PUBLISHER: Publisher = {
  id: 'bench-revision', name: 'Implementador que envía durante la carga', state: 'Yucatán', ocidPrefix: 'ocds-rev001', projectIdPrefix: 'oc4ids-rev001',
  commitment: { projects: 500, periodicityDays: 90 },
};

export interface Review { file: string; capturista: string; coordinador: string }

/** Registers the implementer and two accounts with fresh tokens, and writes the workbook to upload (untimed). */
export async function prepareReview(store: Store, dir: string, processes: number): Promise<Review> {
  await store.putPublisher(REVIEW_PUBLISHER);
  const capturista = issueToken();
  const coordinador = issueToken();
  await store.putUser({ id: 'bench-capturista', email: 'captura@revision.gob.mx', role: 'capturista', publisherId: REVIEW_PUBLISHER.id, tokenHash: capturista.hash });
  await store.putUser({ id: 'bench-coordinador', email: 'revision@og-carga.org.mx', role: 'coordinador', state: REVIEW_PUBLISHER.state, tokenHash: coordinador.hash });
  const file = path.join(dir, `revision-${processes}.xlsx`);
  // A revision number of its own per run, so that each run publishes something new.
  await writeXlsx(workbookOf(syntheticDocumentsFor(REVIEW_PUBLISHER, processes, 1 + (Math.floor(Date.now() / 1000) % 1_000_000))), file);
  return { file, capturista: capturista.token, coordinador: coordinador.token };
}

/** The review over HTTP; resolves with one line for the report, or rejects saying which step failed. */
export async function runReview(base: string, review: Review, processes: number): Promise<string> {
  const call = async (step: string, method: string, url: string, token: string, body?: Buffer): Promise<{ submission: { id: string; status: string; failureReason?: string | null } }> => {
    const res = await fetch(`${base}${url}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': XLSX_MIME } : {}) }, ...(body ? { body } : {}) });
    if (!res.ok) throw new Error(`${step}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as { submission: { id: string; status: string; failureReason?: string | null } };
  };
  const seconds = (t: number): string => ((performance.now() - t) / 1000).toFixed(1);
  let t = performance.now();
  const { submission } = await call('enviar', 'POST', `api/submissions?publisher=${REVIEW_PUBLISHER.id}`, review.capturista, fs.readFileSync(review.file));
  const submitted = seconds(t);
  t = performance.now();
  await call('vista previa', 'GET', `api/submissions/${submission.id}/preview`, review.coordinador);
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
