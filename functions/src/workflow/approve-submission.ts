/**
 * Approval (DESIGN §6): the coordinator's "approve" pulls the current revision of the sheet, runs the core
 * pipeline and publishes. The submission is the lock: a compare-and-set moves it submitted|failed → approved
 * before anything is read, so of two concurrent approvals exactly one publishes and the other gets 409.
 * Then exactly one of three endings:
 * - errors in the workbook → the approval is refused: back to `submitted` with the findings, so the
 *   coordinator sees why (a refusal is not a return: nobody decided anything about the content yet);
 * - published (or unchanged content, DESIGN §6 idempotence, recorded as the publisher's `confirmedAt`) → `published`;
 * - the sheet or the store failed → `failed` with a Spanish reason; approving again retries;
 * - a newer send of the same publisher was approved or published meanwhile → `failed` with that reason, nothing
 *   written: its older data would replace the newer (checked at the claim and again once publication has read the
 *   publication it replaces).
 * If the process dies mid-way (killed, out of memory, a Cloud Function timeout) the submission stays `approved`
 * and the half-written publication stays `writing`, which readers never see (they go through `current`). Once
 * such an approval is older than `staleApprovalMs`, the next approve call first marks it `failed` (with the
 * reason) and then approves normally, so it can be retried; the CAS keeps that to one winner too.
 */
import { firstPublicationContents } from '../../../core/workflow/first-publication';
import { snapshotSource } from './snapshot';
import { createHash } from 'crypto';
import type { Finding } from '../../../core/findings/finding';
import { formatCount, formatTimestamp } from '../../../core/format/es-mx';
import type { WorkbookModel } from '../../../core/workbook/model';
import { HttpError } from '../api/http-error';
import { SourceError, type SheetSource } from '../ingest/sheet-source';
import { publish } from '../publication/publish';
import { isStoreError, type JsonObject, type Publication, type Publisher, type Store, type Submission, type SubmissionSource, type User } from '../store/store';
import { AWAITING_DECISION, STATUS_LABELS, replacedByNewer, sentAt, type SubmissionStatus } from '../../../core/workflow/contract';
import { historyVersion } from '../store/submission-history';
import { replacedDecisionText } from '../../../core/workflow/replaced-send';
import { newerApprovedText } from '../../../core/workflow/newer-approved';
import { summarizeFindings } from './findings-summary';
import { keepSendFindings } from './send-findings';
import { readAll } from '../store/read-all';
import { actorName } from './actor-name';

export interface ApprovalDeps {
  store: Store;
  openSource(source: SubmissionSource): SheetSource;
  /** Public API base URL (links inside records and projects). */
  baseUrl: string;
  now(): Date;
  log(message: string): void;
  /** How long an approval may stay `approved` before it counts as interrupted; default STALE_APPROVAL_MS. */
  staleApprovalMs?: number;
  /**
   * The submission is already `approved` and leased by a publication task (publication/publication-task.ts):
   * skip the claim and go straight to pulling and publishing.
   */
  claimed?: boolean;
  /** The revision the coordinator reviewed (DecisionRequest): approving another one is refused (revisionChanged). */
  reviewed?: string;
}

/** Longer than any approval takes (10,000 processes publish in a few minutes) and than a Cloud Function may run. */
export const STALE_APPROVAL_MS = 30 * 60 * 1000;
export const INTERRUPTED_CODE = 'approval.interrupted';
const INTERRUPTED_REASON = 'La aprobación anterior se interrumpió antes de terminar (el servidor se detuvo); la publicación vigente no cambió. Apruebe de nuevo.';

/**
 * An approval whose process died: `approved` for longer than `staleMs` → `failed` with the reason (audited as
 * `system`). Returns the submission as it is now; anything else is returned untouched.
 */
export async function recoverStaleApproval(store: Store, submission: Submission, now: Date, staleMs = STALE_APPROVAL_MS): Promise<Submission> {
  if (submission.status !== 'approved' || now.getTime() - Date.parse(submission.updatedAt) < staleMs) return submission;
  const at = now.toISOString();
  try {
    const failed = await store.transitionSubmission(submission.id, ['approved'], 'failed', { at, by: 'system', action: 'failed', comment: INTERRUPTED_REASON });
    await store.appendAudit({ at, actor: 'system', action: 'submission.failed', target: `submission/${submission.id}`, publisherId: submission.publisherId, details: { code: INTERRUPTED_CODE, reason: INTERRUPTED_REASON } });
    return failed;
  } catch (e) {
    // Someone else recovered (or finished) it meanwhile.
    if (!isStoreError(e, 'conflict')) throw e;
    return (await store.getSubmission(submission.id)) ?? submission;
  }
}

export type ApprovalOutcome =
  /** `first`: the implementer's first publication (none was current before it); `changedProjects`: how many projects it changed. */
  | { kind: 'published'; submission: Submission; publication: Publication; changedProcesses: string[]; changedProjects: number; first: boolean; unchanged: boolean; findings: Finding[] }
  | { kind: 'refused'; submission: Submission; findings: Finding[] }
  | { kind: 'failed'; submission: Submission; code: string; reason: string };

/** Revision identity of what was pulled: a hash of its content (a spreadsheet has no cheap revision id). */
export function workbookRevision(workbook: WorkbookModel): string {
  // A sheet's links and link formulas only when it has some: the revision of every sheet without them stays what it was.
  return createHash('sha256').update(JSON.stringify(workbook.sheets.map((s) => [s.name, s.rows, s.merges ?? [], ...(s.links && Object.keys(s.links).length ? [s.links] : []), ...(s.formulas && Object.keys(s.formulas).length ? [{ formulas: s.formulas }] : [])]))).digest('hex');
}

/** Why a send older than `newer` (approved or published) is not published: told the coordinator who approved it. */
function supersededText(newer: Submission): string {
  return newerApprovedText(sentAt(newer), 'coordinator', newer.source.name);
}

/**
 * A newer send of the same publisher was approved after this one's claim had passed the same check (both approved
 * before either was published, their publications run in any order): found again by the publication itself.
 */
class Superseded extends Error {
  constructor(readonly newer: Submission) {
    super(supersededText(newer));
  }
}

function failureOf(e: unknown, log: (m: string) => void): { code: string; reason: string } {
  if (e instanceof SourceError) return { code: e.code, reason: e.message };
  if (e instanceof Superseded) return { code: 'superseded', reason: e.message };
  if (isStoreError(e, 'conflict')) {
    // setCurrent's compare-and-set: another submission of this publisher was published meanwhile.
    return { code: 'publish.conflict', reason: 'Otra publicación de este implementador se hizo al mismo tiempo. Apruebe de nuevo para publicar sobre ella.' };
  }
  if (isStoreError(e, 'too-large')) {
    log(`falló la publicación: ${e.message}`);
    return { code: 'publish.too-large', reason: 'Un proceso de contratación o un proyecto del libro es demasiado grande para guardarse (más de 1 MB); no se publicó nada. Reduzca los textos muy largos o divida la información e intente de nuevo.' };
  }
  log(`falló la publicación: ${e instanceof Error ? e.message : String(e)}`);
  return { code: 'publish.internal', reason: 'Ocurrió un error interno al publicar; no se publicó nada. Apruebe de nuevo en unos minutos.' };
}

/** Statuses of the sends latestApproved looks among: published, or being published. */
const APPROVED: readonly SubmissionStatus[] = ['published', 'approved'];

/**
 * Raises the publisher's Publisher.latestApproval to `s` when `s` was sent later, before `s` is approved: so it is
 * never below a send that is approved or published (only ever raised, in one atomic change; claimApproval refuses a
 * send older than it).
 */
async function noteApproval(store: Store, s: Submission): Promise<void> {
  const mark = { submissionId: s.id, sentAt: sentAt(s) };
  await store.updatePublisher(s.publisherId, (p) => (p.latestApproval && p.latestApproval.sentAt >= mark.sentAt ? p : { ...p, latestApproval: mark }));
}

/**
 * The publisher's most recently sent submission that is published or being published (`except`: leave this one out).
 * The send Publisher.latestApproval names, when it is still approved or published: no other is sent later (two
 * reads, however many sends the publisher published in a year). Otherwise — not written yet, dropped, or naming a
 * send whose approval failed or was refused, or `except` — its published and approved sends, every one; the inbox
 * asks once per implementer listed, not per send.
 */
export async function latestApproved(store: Store, publisherId: string, except?: string): Promise<Submission | undefined> {
  return latestAmong(store, publisherId, (await store.getPublisher(publisherId))?.latestApproval, except);
}

/** latestApproved with the publisher's latestApproval (`named`) already read. */
async function latestAmong(store: Store, publisherId: string, named: Publisher['latestApproval'], except?: string): Promise<Submission | undefined> {
  if (named && named.submissionId !== except) {
    const s = await store.getSubmission(named.submissionId);
    if (s && APPROVED.includes(s.status)) return s;
  }
  let latest: Submission | undefined;
  for (const status of ['published', 'approved'] as const) {
    for (const s of await readAll((after) => store.listSubmissions({ publisherId, status, after, limit: 1000 }))) {
      if (s.id !== except && (!latest || sentAt(s) > sentAt(latest))) latest = s;
    }
  }
  return latest;
}

/**
 * A submission of the same publisher sent after this one and already published, or being published: approving this
 * one would publish the older data over it (a reading of progress added in the newer one went missing). Uploads of
 * edited workbooks are separate submissions, so several can wait in the inbox at once.
 */
export async function newerApproved(store: Store, submission: Submission): Promise<Submission | undefined> {
  // Publisher.latestApproval names this very revision (its own approval wrote it): none approved or published was
  // sent later, without reading them (the check every publication makes of the send it publishes).
  const named = (await store.getPublisher(submission.publisherId))?.latestApproval;
  if (named?.submissionId === submission.id && named.sentAt <= sentAt(submission)) return undefined;
  return newerThan(submission, await latestAmong(store, submission.publisherId, named, submission.id));
}

/**
 * The newest send of the same publisher sent after `submission` and also awaiting a decision: two uploads close
 * together wait side by side, the older listed first, and nothing on the older one's page said a newer one was there
 * — approving it published data its own institution had already replaced.
 */
export async function newerPending(store: Store, submission: Submission): Promise<Submission | undefined> {
  let newest: Submission | undefined;
  for (const status of AWAITING_DECISION) {
    for (const s of await readAll((after) => store.listSubmissions({ publisherId: submission.publisherId, status, after, limit: 1000 }))) {
      if (s.id !== submission.id && sentAt(s) > sentAt(submission) && (!newest || sentAt(s) > sentAt(newest))) newest = s;
    }
  }
  return newest;
}

/** `latest` (latestApproved) when it was sent after `submission`. */
export function newerThan(submission: Submission, latest: Submission | undefined): Submission | undefined {
  return latest && latest.id !== submission.id && sentAt(latest) > sentAt(submission) ? latest : undefined;
}

/**
 * The approval's lock: submitted|failed → approved by compare-and-set; the loser gets a Spanish 409. A submission
 * older than one already approved for the same publisher is refused (409) before the lock.
 */
export async function claimApproval(store: Store, submission: Submission, actor: User, at: string, reviewed?: string): Promise<Submission> {
  // Its own state first: a returned one was refused as «a newer one was approved», which was not the reason.
  if (submission.status === 'returned' || submission.status === 'published' || submission.status === 'withdrawn') throw new HttpError(409, 'conflict', notAwaiting('aprobación', submission, await decidedBy(store, submission)));
  if (reviewed !== undefined && submission.snapshot && submission.snapshot.contentHash !== reviewed) throw revisionChanged('aprobación', submission);
  const newer = await newerApproved(store, submission);
  if (newer) throw new HttpError(409, 'superseded', supersededText(newer));
  await noteApproval(store, submission);
  try {
    // On the revision checked above: a new version sent meanwhile makes the write fail (ifVersion).
    return await store.transitionSubmission(submission.id, ['submitted', 'failed'], 'approved', { at, by: actor.id, action: 'approved' }, reviewed !== undefined ? { ifVersion: historyVersion(submission) } : {});
  } catch (e) {
    if (!isStoreError(e, 'conflict')) throw e;
    const current = await store.getSubmission(submission.id);
    if (current?.status === 'approved') throw new HttpError(409, 'conflict', `Este envío ya no está en espera de aprobación: se está aprobando en este momento${await decidedBy(store, current)}; espere a que termine.`);
    throw await lostDecision(store, 'aprobación', current, reviewed);
  }
}

/**
 * Still awaiting a decision, but no longer on the revision the coordinator reviewed (`reviewed`, when the request
 * named it): its official sent a new version since.
 */
export function revisionMoved(s: Submission, reviewed: string | undefined): boolean {
  return reviewed !== undefined && s.snapshot !== undefined && s.snapshot.contentHash !== reviewed && AWAITING_DECISION.includes(s.status);
}

/**
 * The 409 of a decision (`what`: aprobación, revisión) whose compare-and-set lost, from the submission as it is now:
 * a new version was sent (revisionChanged), someone else acted on it and it still awaits a decision, or it no longer
 * does (notAwaiting).
 */
export async function lostDecision(store: Store, what: 'aprobación' | 'revisión', current: Submission | undefined, reviewed: string | undefined): Promise<HttpError> {
  if (current && revisionMoved(current, reviewed)) return revisionChanged(what, current);
  if (current && AWAITING_DECISION.includes(current.status)) return new HttpError(409, 'conflict', CHANGED_MEANWHILE);
  return new HttpError(409, 'conflict', notAwaiting(what, current, current && await decidedBy(store, current)));
}

/** The step that took a send out of review, by status: who approved what is publishing or published, who returned or withdrew it. */
const DECIDING_STEP: Partial<Record<SubmissionStatus, string>> = { approved: 'approved', published: 'approved', returned: 'returned', withdrawn: 'withdrawn' };
const DECIDED_VERB: Readonly<Record<string, string>> = { approved: 'lo aprobó', returned: 'lo devolvió', withdrawn: 'lo retiró' };

/**
 * « (lo devolvió ana@og.mx el 07/12/2026, 09:12:05 a.m.)»: who took the send out of review, and when, for the
 * coordinator whose own decision lost the race (two coordinators of one state open the same inbox). Empty when its
 * history no longer holds that step.
 */
async function decidedBy(store: Store, current: Pick<Submission, 'status' | 'history'>): Promise<string> {
  const action = DECIDING_STEP[current.status];
  const step = action && [...current.history].reverse().find((e) => e.action === action);
  return step ? ` (${DECIDED_VERB[action]} ${await actorName(store, step.by)} el ${formatTimestamp(step.at)})` : '';
}

/**
 * A Spanish 409 text: the submission (as it is now) no longer waits for a decision (`what`: aprobación, revisión), and
 * why. A send a newer upload replaced is `returned` too, but nobody returned it: it says so, and names the newer one.
 */
export function notAwaiting(what: 'aprobación' | 'revisión', current: Pick<Submission, 'status' | 'history'> | undefined, decided = ''): string {
  if (current && replacedByNewer(current)) return replacedDecisionText(what, current);
  const status = current?.status;
  const now = status ? `está «${STATUS_LABELS[status]}»${decided}` : 'ya no existe';
  const hint = status === 'returned' ? ' Quien capturó debe corregirlo y enviarlo de nuevo.'
    : status === 'withdrawn' ? ' Si quien lo envió lo envía de nuevo, volverá a su bandeja.' : '';
  return `Este envío ya no está en espera de ${what}: ${now}.${hint}`;
}

/** A decision's write lost to another step on the same revision (a concurrent refused approval…). */
const CHANGED_MEANWHILE = 'Este envío cambió mientras usted decidía (alguien más actuó sobre él): no se hizo nada. Revíselo de nuevo y decida.';

/**
 * 409 'revision-changed': its official sent a new version after the coordinator's page was drawn, so the decision
 * (`what`: aprobación, revisión — approving, returning) was about a revision no longer under review. Nothing was done.
 */
export function revisionChanged(what: 'aprobación' | 'revisión', current: Submission): HttpError {
  const sent = current.snapshot ? ` (enviada el ${formatTimestamp(current.snapshot.takenAt)})` : '';
  const undone = what === 'aprobación' ? 'no se aprobó nada' : 'no se devolvió';
  return new HttpError(409, 'revision-changed', `Quien capturó envió una versión nueva de este envío${sent} mientras usted revisaba la anterior: ${undone}. Revise la versión nueva y decida de nuevo.`);
}

/**
 * Why an approval was refused, in the words of its history step and of the approval's answer (422): the two said
 * «La aprobación se rechazó: el libro tiene 4 errores que impiden publicar.» (published in the background) and
 * «No se publicó: el libro tiene 4 errores. El capturista debe corregirlos…» (within the request).
 */
export function refusalText(errors: number): string {
  return `No se publicó: el libro tiene ${formatCount(errors, 'error', 'errores')}. Quien capturó debe ${errors === 1 ? 'corregirlo' : 'corregirlos'}; después puede aprobar de nuevo.`;
}

export async function approveSubmission(deps: ApprovalDeps, pending: Submission, publisher: Publisher, actor: User, origin: JsonObject = {}): Promise<ApprovalOutcome> {
  const { store } = deps;
  const submission = deps.claimed ? pending : await recoverStaleApproval(store, pending, deps.now(), deps.staleApprovalMs);
  const stamp = () => deps.now().toISOString();
  const audit = (action: string, details: Record<string, string | number | boolean | null>) =>
    store.appendAudit({ at: stamp(), actor: actor.id, action, target: `submission/${submission.id}`, publisherId: publisher.id, details });

  if (!deps.claimed) {
    await claimApproval(store, submission, actor, stamp(), deps.reviewed);
    // Where it was approved from (sign-in-audit.ts decisionOrigin): in this entry only, never in the publication's.
    await store.appendAudit({ at: stamp(), actor: actor.id, action: 'submission.approved', target: `submission/${submission.id}`, publisherId: publisher.id, details: { from: submission.status, ...origin } });
  }

  let result;
  let revision: string | undefined;
  // Nothing current before it: its outcome and its official's notice say «primera publicación», not «nuevas o modificadas».
  let first = false;
  try {
    // What is published is the revision that was submitted and reviewed (DESIGN §6), read after the approval's
    // compare-and-set so no resubmission can slip in; only submissions older than snapshots read their source.
    const locked = await store.getSubmission(submission.id);
    const source = locked?.snapshot ? snapshotSource(store, locked.snapshot.contentHash) : deps.openSource(submission.source);
    const workbook = await source.read();
    revision = workbookRevision(workbook);
    const at = stamp();
    // The claim's older-send check again, on the publication this one would replace: two sends approved before
    // either was published both passed it, and whichever publication ran last won — the older data over the newer.
    const beforeWrite = async (): Promise<void> => {
      const newer = await newerApproved(store, submission);
      if (newer) throw new Superseded(newer);
    };
    first = !(await store.getCurrent(publisher.id));
    result = await publish(store, { publisher, workbook, actor: actor.id, now: at, baseUrl: deps.baseUrl, revision, beforeWrite });
    // Approved, identical to what is published: the implementer confirmed its data current, which counts as an
    // update of its commitment (Seguimiento and the reminders, core/workflow/update-due.ts) although nothing new
    // was published. Inside the try: if it cannot be recorded the approval fails and approving again retries it
    // (publishing is idempotent, DESIGN §6).
    // A retried or late approval never moves the confirmation back in time.
    if (result.status === 'unchanged') await store.updatePublisher(publisher.id, (p) => (p.confirmedAt !== undefined && Date.parse(p.confirmedAt) >= Date.parse(at) ? p : { ...p, confirmedAt: at }));
  } catch (e) {
    const { code, reason } = failureOf(e, deps.log);
    const failed = await store.transitionSubmission(submission.id, ['approved'], 'failed', { at: stamp(), by: actor.id, action: 'failed', comment: reason });
    await audit('submission.failed', { code, reason });
    return { kind: 'failed', submission: failed, code, reason };
  }

  const findings = summarizeFindings(result.findings);
  // The submission's counts become this check's: so does the list the review page reads (send-findings.ts), when
  // they differ from the send's (an implementer's prefixes changed since; most approvals find what the send found,
  // and write nothing more). Not kept, the page lists the sample instead — never a reason to leave a publication
  // done unrecorded.
  const sent = submission.findings;
  if (submission.snapshot && (sent?.errors !== findings.errors || sent.warnings !== findings.warnings || (sent.infos ?? 0) !== (findings.infos ?? 0))) {
    await keepSendFindings(store, submission.snapshot.contentHash, publisher.id, result.findings)
      .catch((e: unknown) => deps.log(`no se guardaron los hallazgos de la aprobación de ${submission.id}: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (result.status === 'refused') {
    const comment = refusalText(findings.errors);
    const back = await store.transitionSubmission(submission.id, ['approved'], 'submitted', { at: stamp(), by: actor.id, action: 'approval-refused', comment }, { findings });
    await audit('submission.approval-refused', { errors: findings.errors, warnings: findings.warnings, revision: revision ?? null });
    return { kind: 'refused', submission: back, findings: result.findings };
  }
  const unchanged = result.status === 'unchanged';
  const changedProcesses = result.status === 'published' ? result.changedProcesses : [];
  // What changed, in the words of «Qué cambiará al aprobar» (contrataciones, proyectos): the projects changed too, or
  // «0 procesos nuevos o modificados; 4 proyectos publicados en total» read, after approving one project's new title,
  // as if nothing had been published.
  const changedProjects = result.status === 'published' ? result.changedProjects.length : 0;
  // Also what the coordinator's page says when the approval ends, published within the request or in the background
  // (review-pages.ts): «publicad…» once («Aprobado y publicado. Publicado: …; 4 proyectos publicados en total»).
  const comment = unchanged ? 'Contenido idéntico a la publicación vigente: no hubo cambios que publicar; la aprobación cuenta como actualización de sus datos.'
    : first ? `Publicado: es la primera publicación de ${publisher.name}, con ${firstPublicationContents(changedProcesses.length, changedProjects)}.`
      : `Publicado: ${formatCount(changedProcesses.length, 'contratación nueva o modificada', 'contrataciones nuevas o modificadas')} y ${formatCount(changedProjects, 'proyecto nuevo o modificado', 'proyectos nuevos o modificados')}; ${formatCount(result.publication.counts?.projects ?? 0, 'proyecto', 'proyectos')} en total.`;
  const done = await store.transitionSubmission(submission.id, ['approved'], 'published', { at: stamp(), by: actor.id, action: 'published', comment }, { findings });
  await audit('submission.published', { publicationId: result.publication.id, unchanged, changedProcesses: changedProcesses.length, ...(first ? { first: true } : {}), revision: revision ?? null });
  return { kind: 'published', submission: done, publication: result.publication, changedProcesses, changedProjects, first, unchanged, findings: result.findings };
}
