/**
 * The authenticated API (DESIGN §8): submissions and the audit log. Every route authenticates, asks the policy
 * (auth/policy.ts) and writes its decision to the append-only audit log.
 *
 *   POST /api/submissions                 create; JSON {spreadsheetId, publisherId?} (Google Sheets) or a raw
 *                                         .xlsx body with ?publisher= ?archivo=<file name> (self-hosted). Sending the same source
 *                                         again is the resubmission: a `returned` submission goes back to
 *                                         `submitted` (200) with its history kept; a pending one is returned
 *                                         as is (200); otherwise a new submission (201). An upload of another
 *                                         file while the institution's latest upload is `returned` is that
 *                                         one's resubmission too (contract.ts `continuedUpload`). `outcome` says which
 *                                         (created, resubmitted, unchanged: SubmitAnswer in the contract).
 *   POST /api/workbook-check              «Revisar sin enviar»: a raw .xlsx with ?publisher= ?archivo=, checked as a send
 *                                         would check it (its limits, budget and rate); answers the findings (200) and
 *                                         creates, keeps and tells nothing (WorkbookCheckAnswer in the contract)
 *   GET  /api/submissions                 scoped list; ?publisher= ?status= ?spreadsheetId= ?limit= ?after=
 *   GET  /api/submissions/refused        sends refused at the door (422, nothing created) kept a week, for whoever reads
 *                                         that implementer's sends; ?publisher= (refused-sends.ts)
 *   GET  /api/submissions/refused/{id}   one of them: what its official was told, with its findings
 *   GET  /api/submissions/{id}
 *   GET  /api/submissions/{id}/findings  every finding of the send, by pages: ?severity= ?sheet= ?page= ?limit= (send-findings.ts)
 *   POST /api/submissions/{id}/approve    pull, validate, publish (see approve-submission.ts); with a publication
 *                                         queue: 202 at once, published in the background (publication-task.ts)
 *   POST /api/submissions/{id}/return     {comment} → `returned`
 *   POST /api/submissions/{id}/compare    does the sheet still hold what was sent? (the add-on, after «Validar»;
 *                                         self-hosted it sends the values, as when submitting)
 *   POST /api/submissions/{id}/withdraw   its institution's officials take it back → `withdrawn` (while WITHDRAWABLE)
 *   GET  /api/audit                       ?publisher= ?since= ?before= ?limit= ?after=
 *   PUT  /api/publishers/{id}/stages      {stages: {"E.1": "2024-03-01", "E.2": null}} program stages (coordinators)
 *   POST /api/stages/batch                {changes: [{publisherId, stages}, …]} several implementers' stages at once (≤ 100)
 *   GET  /api/stages                      the implementers whose stages the user may record, with their dates
 *   GET  /api/monthly-report              ?month=aaaa-mm ?state= the coordinators' monthly account (monthly-report-routes.ts)
 *   GET  /api/monthly-report/states       ?month=aaaa-mm         every state's report of the month (administration)
 *   GET  /api/session                     who is signed in: e-mail, role and scope (SessionAnswer in the contract)
 *   POST /api/session                     the dashboard's «Entrar»: the same answer, written to the Bitácora
 *   POST /api/session/sign-out            the dashboard's «Cerrar sesión», written to the Bitácora (204)
 *   GET  /api/auth-config                 how the pages sign in (public)
 */
import { createHash, randomUUID } from 'crypto';
import express, { Router, type Request } from 'express';
import { badRequest, HttpError, notFound } from '../api/http-error';
import { bindCursor, cursorQuery, parseLimit, unboundCursor } from '../api/cursor';
import { requireJsonBody } from '../api/request-limits';
import { formatCount, formatFileSize, formatNumber, formatTimestamp } from '../../../core/format/es-mx';
import { commentTooLongText } from '../../../core/workflow/comment-length';
import { ATTEMPTED_LABELS } from '../../../core/workflow/audit-details';
import { isObject } from '../../../core/json/json-values';
import { DEFAULT_RATE_LIMITS, rateLimit, type RateLimitOptions } from '../api/rate-limit';
import { allPublishers, queryString } from '../api/current-publications';
import { readAll } from '../store/read-all';
import { requireUser, type Authenticator } from '../auth/authenticate';
import { decisionOrigin, signInAudit } from '../auth/sign-in-audit';
import { publisherAdminRoutes } from '../api/publisher-admin-routes';
import { can, canSome, sameState, type Action } from '../auth/policy';
import { stateKey } from '../../../core/workflow/mexican-states';
import { isSpreadsheetId } from '../ingest/sheets-source';
import { SourceError, type SheetSource } from '../ingest/sheet-source';
import {
  isStoreError, type AuditEntry, type JsonObject, type Publisher, type Store, type Submission, type SubmissionSnapshot, type SubmissionSource, type SubmissionStatus, type User,
} from '../store/store';
import { approveSubmission, latestApproved, lostDecision, newerApproved, newerPending, newerThan, recoverStaleApproval, refusalText, revisionChanged, revisionMoved } from './approve-submission';
import { historyVersion } from '../store/submission-history';
import { cursorAfter } from '../store/document-store';
import { LEASE_ACTION, startApproval } from '../publication/publication-task';
import type { PublicationQueue } from '../publication/publication-queue';
import { renderedFindings, summarizeFindings } from './findings-summary';
import { encodeSnapshot } from './snapshot';
import { keepSendFindings, readSendFindings } from './send-findings';
import { FINDINGS_PAGE_SIZE, findingsPage, MAX_FINDINGS_PAGE, SEVERITIES, severityChoiceText } from '../../../core/workflow/findings-page';
import { renderMessage } from '../../../core/messages/render';
import type { Finding, Severity } from '../../../core/findings/finding';
import { refusalFindings, type RefusalCounts } from '../../../core/workflow/refusal-findings';
import { checkLinkCheckRequest, type LinkCheckAnswer } from '../../../core/workflow/link-check';
import { linkFindings } from './link-findings';
import { changePreview } from '../../../core/workflow/change-preview';
import { submissionWork, type Intake, type SubmissionWork } from './submission-work';
import { uploadTooLarge } from '../../../core/workflow/upload-too-large';
import { checkStages, latestMexicanDay } from '../../../core/workflow/stages';
import { checkStageBatch, stagesAlreadySo, type StageBatchChange } from '../../../core/workflow/stage-batch';
import { approvalEvent, notifyWithin, type Notify } from './workflow-events';
import type { WorkbookModel } from '../../../core/workbook/model';
import {
  AWAITING_DECISION, ENDED, NEWEST_FIRST, approvalRefused, SUBMISSION_STATUSES, WITHDRAWABLE, checkCreateRequest, checkDecisionRequest, continuedUpload, checkReturnRequest, commentsOf, ContractError, MAX_COMMENT_LENGTH, MAX_WORKBOOK_VALUES_BYTES, PREVIEW_PREPARING, PREVIEW_PREPARING_RETRY_SECONDS, sentAt, STATUS_LABELS, statusLabelOf, WORKBOOK_JSON_MIME, XLSX_MIME, sourceName,
  type RefusedSendAnswer, type RefusedSendsAnswer, type RefusedSendView, type WorkbookCheckAnswer, type ApproveAnswer, type AuthConfig, type StageBatchAnswer, type StageBatchResult, type FindingsPageAnswer, type CompareAnswer, type WorkbookValues, type HistoryView, type StagesAnswer, type StagesListAnswer, type PreviewAnswer, type Scope, type SessionAnswer, type SubmissionAnswer, type SubmissionListAnswer, type SubmitAnswer, type SubmitOutcome, type SubmissionView, type Viewer,
} from '../../../core/workflow/contract';
import { replacedComment } from '../../../core/workflow/replaced-send';
import { statusChoiceText } from '../../../core/workflow/status-choice';
import { uploadId, type UploadStore } from './upload-store';
import { monthlyReportRoutes } from './monthly-report-routes';
import { ReadLimitError } from '../ingest/xlsx/read-limits';
import { foreignFileMessage, foreignKind } from '../ingest/xlsx/foreign-file';
import { bufferBytes } from '../ingest/xlsx/zip-archive';
import { gzippedValuesBody, valuesTooLarge } from './workbook-values-body';
import { previewWithinBudget, type PreviewQueue } from './prepared-preview';
import { LIVE_COMPARE_BUDGET_MS, liveSheetChanged } from './live-sheet-changed';
import { markerPolicy, type MarkerPolicy } from './kept-state';
import { keepAnsweredRefusal, keptRefusal, isChecking, publisherOfCheck, queuedSendWithinBudget, runSendTask, SEND_CHECK_RETRY_AFTER, sendCheckAnswer, sendWithinBudget, type SendQueue, type SendTask, type SentAnswer, KEEP_CHECKS_MS } from './send-check';
import { actorName } from './actor-name';
import { otherImplementerRefusal, sendOfAnotherImplementer } from './spreadsheet-implementer';
import { readRefusedSend, readRefusedSends, type RefusedLine } from './refused-sends';

const STATUSES: readonly SubmissionStatus[] = SUBMISSION_STATUSES;
/** Refused sends listed at most (a week's, newest first): the country's in a week are expected in the hundreds. */
const MAX_REFUSED_LISTED = 1000;
/** Statuses in which a submission is still under review (sending the same source again does not duplicate it). */
const OPEN: SubmissionStatus[] = ['submitted', 'approved', 'failed', 'returned'];
/** Room for a dozen revisions of a large state's workbook; what is superseded is removed (see `supersede`). */
export const DEFAULT_UPLOAD_QUOTA_BYTES = 200 * 2 ** 20;
/** Upload statuses whose file is still needed: pending review, being approved, or to be approved again. */
const NEEDS_FILE: SubmissionStatus[] = ['submitted', 'approved', 'failed'];

/**
 * A refusal's findings, rendered: every error (up to MAX_REFUSAL_ERRORS), with the counts of each severity
 * (refusal-findings.ts). The submission of a refused approval keeps its own smaller sample, and every finding
 * (send-findings.ts).
 */
function refusalBody(findings: Finding[]): { findings: (Finding & { message: string })[]; counts: RefusalCounts } {
  const { listed, counts } = refusalFindings(findings);
  return { findings: renderedFindings(listed), counts };
}

/**
 * What «Revisar sin enviar» answers (WorkbookCheckAnswer): the refusal's list and counts (refusalBody), whatever the
 * verdict, and a message saying that nothing was sent — with errors, as the send would refuse it; without, that it may
 * be sent.
 */
function checkAnswer(findings: Finding[], fileName: string | undefined): WorkbookCheckAnswer {
  const { counts, findings: listed } = refusalBody(findings);
  const file = fileName ? ` (archivo «${fileName}»)` : '';
  const others = counts.warnings + counts.infos;
  const message = counts.errors
    ? `Revisado sin enviar: el libro tiene ${formatCount(counts.errors, 'error', 'errores')}${file}. ${counts.errors === 1 ? 'Corríjalo' : 'Corríjalos'} (vea cada hoja, fila y columna) antes de enviarlo: con ${counts.errors === 1 ? 'él' : 'ellos'} no se recibiría.`
    : `Revisado sin enviar: el libro no tiene errores${file}${others ? ` y tiene ${formatCount(others, 'advertencia o aviso', 'advertencias y avisos')}, que no impiden enviarlo` : ''}. Puede enviarlo a revisión.`;
  return { message: `${message} No se envió ni se guardó nada, y su coordinación no ve esta revisión.`, counts, findings: listed };
}

/** What is sent: an uploaded .xlsx, a workbook's values (the add-on, self-hosted) or a Google spreadsheet's id. */
interface SendInput {
  upload?: { bytes: Buffer; name: string | undefined };
  spreadsheetId?: string;
  spreadsheetName?: string;
  workbook?: WorkbookValues;
  /** Where the send was asked from (sign-in-audit.ts decisionOrigin): its entry says it. */
  origin?: JsonObject;
  /**
   * «Revisar sin enviar» (POST /api/workbook-check): the same intake, then its findings answered (200,
   * WorkbookCheckAnswer) — no submission, no snapshot, no notice, and not a refusal (nothing for the coordinators).
   */
  checkOnly?: boolean;
}

export interface WorkflowDeps {
  store: Store;
  authenticator: Authenticator;
  /** Public base URL (no trailing slash), for `links.next` and links inside published data. */
  baseUrl: string;
  /** Opens a Google Sheet by id (cloud). Absent: this deployment does not take spreadsheet ids. */
  sheets?: (spreadsheetId: string) => SheetSource;
  /** Keeps uploaded .xlsx files (self-hosted). Absent: this deployment does not take uploads. */
  uploads?: UploadStore;
  /** Largest accepted upload, bytes (an .xlsx, or what travels of a workbook sent as values). */
  maxUploadBytes: number;
  /** A workbook sent as values, once decompressed: default MAX_WORKBOOK_VALUES_BYTES (smaller in tests). */
  maxValuesBytes?: number;
  /** Bytes of uploaded workbooks one publisher may keep at once (default DEFAULT_UPLOAD_QUOTA_BYTES). */
  uploadQuotaBytes?: number;
  now?: () => Date;
  log?: (message: string) => void;
  /** Per-token and per-IP limits on these routes (default DEFAULT_RATE_LIMITS). */
  rateLimits?: RateLimitOptions;
  /** An approval left in `approved` longer than this (its process died) may be approved again; default 30 min. */
  staleApprovalMs?: number;
  /** What the monthly report may spend making month closes before it answers «being prepared» (REPORT_BUDGET_MS). */
  reportBudgetMs?: number;
  /** Publish in the background: approval enqueues a task here and answers 202 at once (publication-task.ts). */
  publicationQueue?: PublicationQueue;
  /** Cloud: the account implementers share spreadsheets with (shown in the sidebar). */
  serviceAccount?: string;
  /** Cloud: the OAuth client id the dashboard's Google sign-in button uses (its tokens go through the add-on's verifier). */
  googleClientId?: string;
  /** Notifications outbox (notifications.ts); absent: nobody is notified. */
  notify?: Notify;
  /** How long a request waits for its notice before answering (notifyWithin); default NOTIFY_WAIT_MS. */
  notifyWaitMs?: number;
  /** Where submitted workbooks are taken in (checked, snapshot kept) and previews computed (submission-work.ts); default: in this thread. */
  work?: SubmissionWork;
  /** What the preview and `compare` wait for the live Google sheet before saying they cannot tell (LIVE_COMPARE_BUDGET_MS). */
  liveCompareBudgetMs?: number;
  /** What a preview request waits before answering «se está preparando» (prepared-preview.ts PREVIEW_BUDGET_MS). */
  previewBudgetMs?: number;
  /** The cloud: large sends' previews are computed by a task of this queue (prepared-preview.ts). */
  previewQueue?: PreviewQueue;
  /** Processes and projects above which a send's preview goes to `previewQueue` (INLINE_PREVIEW_MAX_ITEMS). */
  inlinePreviewMaxItems?: number;
  /**
   * What a send waits for its check before answering «se está revisando» (202) and going on in this process
   * (send-check.ts SEND_BUDGET_MS: the self-hosted server). Absent, and no `sendQueue`: the request waits for its
   * check, as before. Never without a queue in the cloud, where work after the answer is not reliable (Cloud Run
   * throttles an instance's CPU outside requests).
   */
  sendBudgetMs?: number;
  /**
   * The cloud: a send of a spreadsheet id is a task of this queue (send-check.ts SendTask), the request waiting for
   * what it keeps up to `sendBudgetMs` (default SEND_BUDGET_MS), then «se está revisando».
   */
  sendQueue?: SendQueue;
  /**
   * How this process marks the previews and send checks it works on in the background, and judges others' markers
   * (kept-state.ts MarkerPolicy): its identity (default: a new one), whether it is the only process working on this
   * store (default: no — the self-hosted server without `--procesos` says yes), its heartbeat and when a heartbeat
   * is stale (HEARTBEAT_MS, STALE_MS; shorter in tests).
   */
  markers?: Partial<MarkerPolicy>;
}

/** The routes, and what the cloud's task function runs with the same dependencies: a send's check (send-check.ts). */
export interface WorkflowService {
  router: Router;
  runSendTask(task: SendTask, attempt: number): Promise<void>;
}

/** A request answers after at most this wait for its notice; a slower mail server delivers it in the background. */
export const NOTIFY_WAIT_MS = 5000;

// Spanish words of each action, shared with the Bitácora's details (what an access.denied entry tried).
const DENIED: Record<Action, string> = ATTEMPTED_LABELS;

/** A send's size as its page says it, for «se está preparando»: « (3 contrataciones y 2 proyectos)», or nothing when an older snapshot did not count them. */
function sizeOfSend(s: SubmissionSnapshot): string {
  if (s.processes === undefined || s.projects === undefined) return '';
  return ` (${formatCount(s.processes, 'contratación', 'contrataciones')} y ${formatCount(s.projects, 'proyecto', 'proyectos')})`;
}

/**
 * `?archivo=`: the uploaded file's name without the official's folders, made safe as a spreadsheet's name is
 * (sourceName: one line, no direction marks, cut between graphemes — `slice(0, 120)` could split an emoji in two).
 */
function uploadName(given: string | undefined): string | undefined {
  const name = given?.split(/[\\/]/).pop();
  return name === undefined ? undefined : sourceName(name);
}

/** The uploaded file a submission was sent as (none for a Google Sheet or the add-on's values), for flatMap. */
const uploadedFiles = (s: Submission): string[] => (s.source.kind === 'xlsx' ? [s.source.fileId] : []);

/**
 * The id of the `count`-th send (from 0) of a spreadsheet of an institution: the same for two sends of it at once, so
 * the store lets only one of them be created. Shaped as the random ids (a UUID, version nibble 5: name-based).
 */
export function nextSendId(publisherId: string, spreadsheetId: string, count: number): string {
  const hex = createHash('sha256').update(JSON.stringify(['send', publisherId, spreadsheetId, count])).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sameSource(a: SubmissionSource, b: SubmissionSource): boolean {
  if (a.kind === 'sheets') return b.kind === 'sheets' && a.spreadsheetId === b.spreadsheetId;
  if (a.kind === 'values') return b.kind === 'values' && a.spreadsheetId !== null && a.spreadsheetId === b.spreadsheetId;
  return b.kind === 'xlsx' && a.fileId === b.fileId;
}

function scopeOf(user: User): Scope {
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'coordinador') return { kind: 'state', state: user.state ?? '' };
  return { kind: 'publisher', publisherId: user.publisherId ?? '' };
}

export function viewerOf(user: User): Viewer {
  return { email: user.email, role: user.role, scope: scopeOf(user) };
}

/** Turns request-shape errors into a Spanish 400. */
function checkRequest<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof ContractError) throw badRequest('invalid-request', e.message.replace('La respuesta no tiene la forma acordada', 'La solicitud no tiene la forma esperada'));
    throw e;
  }
}

export function workflowRoutes(deps: WorkflowDeps): Router {
  return workflowService(deps).router;
}

export function workflowService(deps: WorkflowDeps): WorkflowService {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((m: string) => console.error(m));
  const notify = deps.notify && notifyWithin(deps.notify, deps.notifyWaitMs ?? NOTIFY_WAIT_MS);
  const work = deps.work ?? submissionWork(store);
  // One identity per process (these routes are built once in each): its markers of work under way say it is its own.
  const markers = markerPolicy(deps.markers);
  const previewDeps = {
    store, work, log, markers,
    ...(deps.previewBudgetMs !== undefined ? { budgetMs: deps.previewBudgetMs } : {}),
    ...(deps.previewQueue ? { queue: deps.previewQueue } : {}),
    ...(deps.inlinePreviewMaxItems !== undefined ? { inlineMaxItems: deps.inlinePreviewMaxItems } : {}),
  };
  const sendBudget = deps.sendBudgetMs === undefined && !deps.sendQueue ? undefined : {
    store, log, markers,
    ...(deps.sendBudgetMs !== undefined ? { budgetMs: deps.sendBudgetMs } : {}),
  };
  // Every credential checked here (these routes, the publishers' registration, the monthly report) goes through the
  // sign-in log: first uses from a new place and refused credentials are written to the Bitácora (sign-in-audit.ts).
  const { authenticator } = signInAudit(deps.authenticator, { store, now, log });
  const router = Router();
  // Authenticated answers are personal: never cached by a browser or a CDN.
  router.use(['/submissions', '/workbook-check', '/audit', '/session', '/monthly-report'], (_req, res, next) => { res.set('Cache-Control', 'private, no-store'); next(); });
  // Before any body is read or any token verified: a flood costs a counter, not a spreadsheet pull (nor a guessed key).
  // Every route here that signs in, the program stages and the publishers' registration included (public reads of
  // /api/publishers are answered before this router).
  // «Revisar sin enviar» (/workbook-check) costs what a send costs: counted as one. A link check (one per «Validar»)
  // reads the registry for up to 10,000 references: counted too.
  router.use(['/submissions', '/workbook-check', '/link-check', '/audit', '/session', '/monthly-report', '/publishers', '/stages'], rateLimit(deps.rateLimits ?? DEFAULT_RATE_LIMITS));
  // Registering publishers and commitments shares this deployment's identity (admin only).
  router.use(publisherAdminRoutes({ store, authenticator: authenticator, now }));
  const stamp = () => now().toISOString();
  const liveBudget = deps.liveCompareBudgetMs ?? LIVE_COMPARE_BUDGET_MS;

  /** A submission as the contract shows it: user ids become e-mails, findings are rendered in Spanish. */
  const views = async (items: Submission[]): Promise<SubmissionView[]> => {
    const emails = new Map<string, string>();
    const publishers = new Map<string, Publisher | undefined>();
    const emailOf = async (id: string) => {
      if (!emails.has(id)) emails.set(id, await actorName(store, id));
      return emails.get(id) as string;
    };
    const out: SubmissionView[] = [];
    for (const s of items) {
      if (!publishers.has(s.publisherId)) publishers.set(s.publisherId, await store.getPublisher(s.publisherId));
      const p = publishers.get(s.publisherId);
      const history: HistoryView[] = [];
      // A publication is started by the approval it carries out: leases written before the task recorded its
      // approver (publication-task.ts) say `system`, and read as the approver's.
      let approver: string | undefined;
      for (const h of s.history) {
        if (h.action === 'approved') approver = h.by;
        const by = h.action === LEASE_ACTION && h.by === 'system' && approver ? approver : h.by;
        history.push({ at: h.at, by: await emailOf(by), action: h.action, ...(h.comment !== undefined ? { comment: h.comment } : {}) });
      }
      out.push({
        id: s.id, publisherId: s.publisherId, publisherName: p?.name ?? s.publisherId, state: p?.state ?? '',
        status: s.status, statusLabel: statusLabelOf(s), source: s.source, createdAt: s.createdAt, updatedAt: s.updatedAt,
        submittedBy: s.submittedBy ? await emailOf(s.submittedBy) : history[0]?.by ?? null,
        // The pages say that the history (and its comments) is not all there: it read as if it were.
        history, ...(s.earlierEntries ? { earlierEntries: s.earlierEntries } : {}), comments: commentsOf(history),
        findings: s.findings ? { errors: s.findings.errors, warnings: s.findings.warnings, infos: s.findings.infos, sample: renderedFindings(s.findings.sample ?? []) } : null,
        snapshot: s.snapshot ?? null,
        failureReason: s.status === 'failed' ? [...history].reverse().find((h) => h.action === 'failed')?.comment ?? null : null,
      });
    }
    return out;
  };
  const answer = async (user: User, s: Submission): Promise<SubmissionAnswer> => ({ viewer: viewerOf(user), submission: (await views([s]))[0] });
  const submitted = async (user: User, s: Submission, outcome: SubmitOutcome): Promise<SubmitAnswer> => ({ ...(await answer(user, s)), outcome });

  const audit = (user: User, action: string, target: string, publisherId: string | undefined, details: AuditEntry['details'] = {}) =>
    store.appendAudit({ at: stamp(), actor: user.id, action, target, details, ...(publisherId ? { publisherId } : {}) });

  /** Refuses unless the policy allows; refused decisions (not mere reads) go to the audit log too. */
  const authorize = async (user: User, action: Action, publisher: Publisher | undefined, target: string): Promise<void> => {
    if (can(user, action, publisher ? { publisher } : {})) return;
    if (action !== 'submission.read' && action !== 'submission.list' && action !== 'audit.read') {
      await audit(user, 'access.denied', target, publisher?.id, { attempted: action });
    }
    throw new HttpError(403, 'forbidden', `Su cuenta no tiene permiso para ${DENIED[action]}${publisher ? ` de «${publisher.name}»` : ''}.`);
  };

  const publisherOf = async (id: string): Promise<Publisher> => {
    const publisher = await store.getPublisher(id);
    if (!publisher) throw notFound(`el implementador «${id}»`);
    return publisher;
  };

  const submissionOf = async (id: string): Promise<{ submission: Submission; publisher: Publisher }> => {
    const submission = await store.getSubmission(id);
    if (!submission) throw notFound('ese envío');
    return { submission, publisher: await publisherOf(submission.publisherId) };
  };

  const nextLink = (req: Request, next: string | undefined) => {
    if (!next) return {};
    const url = new URL(`${deps.baseUrl}${req.originalUrl}`);
    url.searchParams.set('after', next);
    return { next: url.toString() };
  };

  /** Only the publishers a user may see, for listings that span publishers (coordinators). */
  /**
   * Whether a coordinator reads an entry of the log: its implementers' entries, and the sign-ins of its own state's
   * coordination accounts (no implementer: `details.state`, sign-in-audit.ts accountScope). Refused credentials of
   * nobody known (no account, no state) are the administration's alone.
   */
  const auditVisibleTo = async (user: User): Promise<(e: AuditEntry) => boolean> => {
    const visible = await visibleTo(user, 'audit.read');
    if (can(user, 'audit.read')) return () => true;
    return (e) => visible(e.publisherId) || (e.publisherId === undefined && e.action.startsWith('session.') && user.role === 'coordinador'
      && typeof e.details?.state === 'string' && sameState(user.state, e.details.state));
  };

  const visibleTo = async (user: User, action: Action): Promise<(publisherId: string | undefined) => boolean> => {
    if (can(user, action)) return () => true;
    const ids = new Set((await allPublishers(store)).filter((p) => can(user, action, { publisher: p })).map((p) => p.id));
    return (id) => id !== undefined && ids.has(id);
  };

  /**
   * The change of an implementer's stages, applied to it as stored at the write (a confirmation or a registration
   * written meanwhile is kept): a date sets its stage, null clears it. The single route's and the batch's.
   */
  const withStages = (changes: Readonly<Record<string, string | null>>) => (p: Publisher): Publisher => {
    const next: Record<string, string> = { ...(p.stages ?? {}) } as Record<string, string>;
    for (const [code, date] of Object.entries(changes)) { if (date === null) delete next[code]; else next[code] = date; }
    return { ...p, stages: next };
  };

  // Program stages (E.1…E.7) of an implementer, recorded by the coordinators of its state.
  router.put('/publishers/:id/stages', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const publisher = await publisherOf(String(req.params.id));
    await authorize(user, 'stages.record', publisher, `publisher/${publisher.id}`);
    requireJsonBody(req, 'las fechas de las etapas en «stages»');
    let changes: ReturnType<typeof checkStages>;
    try { changes = checkStages(req.body, latestMexicanDay(now().getTime())); } catch (e) { throw badRequest('invalid-stages', (e as Error).message); }
    const written = await store.updatePublisher(publisher.id, withStages(changes));
    const stages = { ...(written.stages ?? {}) } as Record<string, string>;
    await audit(user, 'publisher.stages', `publisher/${publisher.id}`, publisher.id, { stages, ...decisionOrigin(req) });
    const answer: StagesAnswer = { viewer: viewerOf(user), publisherId: publisher.id, stages };
    res.set('Cache-Control', 'private, no-store').json(answer);
  });

  // Several implementers' stages in one request (*Etapas del programa*, «Una etapa para varios implementadores»): the
  // rate limit counts it once, where one PUT each stopped a state's seven stages (7 × 60 in a few minutes). Each
  // implementer is authorised, changed (one atomic write of its own: no transaction nears Firestore's 500 writes)
  // and logged as by the single route; one refused does not stop the others. A bad body or date refuses it all first.
  router.post('/stages/batch', async (req, res) => {
    const user = await requireUser(req, authenticator);
    if (!canSome(user, 'stages.record')) {
      await audit(user, 'access.denied', 'stages/batch', undefined, { attempted: 'stages.record' });
      throw new HttpError(403, 'forbidden', `Su cuenta no tiene permiso para ${DENIED['stages.record']}: lo hace la coordinación del Organismo Garante.`);
    }
    requireJsonBody(req, 'los implementadores y las fechas de sus etapas en «changes»');
    let changes: StageBatchChange[];
    try { changes = checkStageBatch(req.body, latestMexicanDay(now().getTime())); } catch (e) { throw badRequest('invalid-stages', (e as Error).message); }
    const origin = decisionOrigin(req);
    const results: StageBatchResult[] = [];
    // Those refused for permission, by state: one «acceso denegado» entry per state, not per implementer (one each let
    // a request write 100 entries, and an account ~100× the single route's a minute). Each is the first refused
    // implementer's, so that state's coordination reads it (auditVisibleTo), and names all of them; none holds
    // another state's implementer, which its coordination must not read.
    const deniedByState = new Map<string, string[]>();
    // A write the store did not take stops the rest (each next one would most likely fail too): they are said untried.
    let failure: string | undefined;
    for (const change of changes) {
      const { publisherId } = change;
      if (failure !== undefined) { results.push({ publisherId, name: publisherId, outcome: 'untried' }); continue; }
      try {
        const publisher = await store.getPublisher(publisherId);
        if (!publisher) { results.push({ publisherId, name: publisherId, outcome: 'refused', message: notFound(`el implementador «${publisherId}»`).message }); continue; }
        if (!can(user, 'stages.record', { publisher })) {
          const key = stateKey(publisher.state);
          deniedByState.set(key, [...(deniedByState.get(key) ?? []), publisher.id]);
          results.push({ publisherId, name: publisher.name, outcome: 'refused', message: `Su cuenta no tiene permiso para ${DENIED['stages.record']} de «${publisher.name}».` });
          continue;
        }
        const stored = { ...(publisher.stages ?? {}) } as Record<string, string>;
        if (stagesAlreadySo(stored, change.stages)) { results.push({ publisherId, name: publisher.name, outcome: 'already', stages: stored }); continue; }
        let written: Publisher;
        try {
          written = await store.updatePublisher(publisherId, withStages(change.stages));
        } catch (e) {
          // Removed meanwhile (`publishers remove`): this one is refused, the others go on.
          if (!isStoreError(e, 'not-found')) throw e;
          results.push({ publisherId, name: publisher.name, outcome: 'refused', message: notFound(`el implementador «${publisherId}»`).message });
          continue;
        }
        const stages = { ...(written.stages ?? {}) } as Record<string, string>;
        await audit(user, 'publisher.stages', `publisher/${publisherId}`, publisherId, { stages, ...origin });
        results.push({ publisherId, name: written.name, outcome: 'saved', stages });
      } catch (e) {
        log(`stages batch: ${publisherId}: ${(e as Error).message}`);
        failure = 'El servidor no pudo guardar la fecha. Vuelva a registrarla en unos minutos.';
        results.push({ publisherId, name: publisherId, outcome: 'failed', message: failure });
      }
    }
    // After the writes: a log the store did not take must not hide, behind a 500, the dates already saved.
    for (const ids of deniedByState.values()) {
      try { await audit(user, 'access.denied', `publisher/${ids[0]}`, ids[0], { attempted: 'stages.record', publisherIds: ids }); } catch (e) { log(`stages batch: access.denied of ${ids.join(', ')} not logged: ${(e as Error).message}`); }
    }
    const answer: StageBatchAnswer = { viewer: viewerOf(user), results };
    res.set('Cache-Control', 'private, no-store').json(answer);
  });

  // The implementers whose stages the user may record (the coordinators' *Etapas del programa* page).
  router.get('/stages', async (req, res) => {
    const user = await requireUser(req, authenticator);
    if (!canSome(user, 'stages.record')) throw new HttpError(403, 'forbidden', `Su cuenta no tiene permiso para ${DENIED['stages.record']}: lo hace la coordinación del Organismo Garante.`);
    const publishers = (await allPublishers(store)).filter((p) => can(user, 'stages.record', { publisher: p }))
      .map((p) => ({ publisherId: p.id, name: p.name, state: p.state, stages: { ...(p.stages ?? {}) } as Record<string, string> }));
    const answer: StagesListAnswer = { viewer: viewerOf(user), publishers };
    res.set('Cache-Control', 'private, no-store').json(answer);
  });

  // How the coordinators' and officials' pages sign in — Google Identity Services (cloud) or a personal API token
  // (self-hosted) — and whether this deployment takes .xlsx files (*Mis envíos* then offers to send one).
  router.get('/auth-config', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    const uploads = deps.uploads !== undefined;
    // The largest file taken, so that *Mis envíos* refuses a larger one before sending it (upload-too-large.ts).
    const files = uploads ? { uploads, maxUploadBytes: deps.maxUploadBytes } : { uploads };
    const config: AuthConfig = deps.googleClientId ? { method: 'google', googleClientId: deps.googleClientId, ...files } : { method: 'token', ...files };
    res.json(config);
  });


  // The coordinators' monthly report (*Informe mensual*) of their state's sends.
  router.use(monthlyReportRoutes({ store, authenticator: authenticator, now, viewerOf, ...(deps.reportBudgetMs !== undefined ? { budgetMs: deps.reportBudgetMs } : {}) }));

  // Who is signed in, for the dashboard's menu and sign-in page: the viewer every workflow answer names, asked
  // alone (the pages asked for a listing of submissions to learn it). Any registered user, whatever the role.
  router.get('/session', async (req, res) => {
    const answer: SessionAnswer = { viewer: viewerOf(await requireUser(req, authenticator)) };
    res.json(answer);
  });
  // The dashboard's «Entrar» (the key or Google token checked before the page keeps it) and «Cerrar sesión» (a POST:
  // the API takes no DELETE anywhere, request-limits.ts): each
  // written to the Bitácora with the address and program it came from (sign-in-audit.ts). A refused one is a failed
  // attempt there. Signing out forgets the credential in that browser; it does not revoke a key.
  router.post('/session', async (req, res) => {
    const answer: SessionAnswer = { viewer: viewerOf(await requireUser(req, authenticator, 'sign-in')) };
    res.json(answer);
  });
  // What a send would say about the workbook's links to other implementers (core/workflow/link-check.ts), asked by
  // the add-on's «Validar» before «Enviar»: the same lookup as the send's (link-findings.ts), on the references only.
  // For whoever may send for the implementer, or read its sends (a coordinator validating a municipality's sheet).
  router.post('/link-check', async (req, res) => {
    const user = await requireUser(req, authenticator);
    requireJsonBody(req, 'las referencias en «processes» y «named»');
    const body = checkRequest(() => checkLinkCheckRequest(req.body));
    const publisherId = body.publisherId ?? user.publisherId;
    if (!publisherId) throw badRequest('missing-publisher', 'Indique en «publisherId» el implementador al que corresponde el libro.');
    const publisher = await publisherOf(publisherId);
    // In its own words: the shared «…para ver este envío de …» spoke of a send to an official who was validating a
    // sheet (a read, so not written to the log, as authorize does not write reads).
    if (!can(user, 'submission.read', { publisher })) {
      throw new HttpError(403, 'forbidden', `Su cuenta no tiene permiso para revisar los vínculos de un libro de «${publisher.name}» con otros implementadores: lo hacen quienes envían o revisan los envíos de ese implementador.`);
    }
    const answer: LinkCheckAnswer = { findings: await linkFindings(store, publisher, body.processes, body.named) };
    res.json(answer);
  });
  router.post('/session/sign-out', async (req, res) => {
    await requireUser(req, authenticator, 'sign-out');
    res.status(204).end();
  });

  /** Removes an uploaded file nothing keeps: unless another submission of this publisher holds the same file. */
  const dropUnheldUpload = async (source: SubmissionSource, mine: readonly Submission[]): Promise<void> => {
    if (source.kind === 'xlsx' && !mine.some((m) => m.source.kind === 'xlsx' && m.source.fileId === source.fileId)) await deps.uploads!.remove(source.fileId);
  };

  /** What a send answers once its request is checked and authorized: the POST's work, and the cloud's send task's. */
  const sendOf = (user: User, publisher: Publisher, input: SendInput) => async (): Promise<SentAnswer> => {
    // This publisher's submissions: for the quota, the resubmission match and the clean-up of superseded files.
    const mine = await readAll((after) => store.listSubmissions({ publisherId: publisher.id, after, limit: 1000 }));
    let source: SubmissionSource;
    let at: string;
    let checked: Intake;
    try {
      if (input.upload) {
        const { bytes } = input.upload;
        // Messages name the file by the name it was sent with: an official who sent three sees which one failed.
        const name = uploadName(input.upload.name);
        const theFile = name ? `El archivo «${name}»` : 'El archivo enviado';
        // An .xlsx is a zip: anything else is refused before it reaches the disk.
        if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
          // Said as what it is when it can be named (a workbook encrypted with a password, an .xls, a .csv), with its fix.
          const kind = await foreignKind(bufferBytes(bytes));
          throw badRequest('invalid-xlsx', kind ? foreignFileMessage(kind, theFile) : `${theFile} no es un libro de Excel (.xlsx).`);
        }
        // Read against the limits (counting only, yielding to other requests) before anything is kept.
        await deps.uploads!.admit(bytes, name);
        // A check keeps nothing: its file is on disk only while it is read (removed below), so it takes no quota.
        if (!input.checkOnly) await checkQuota(publisher, mine, bytes);
        // A check's file under an id of its own (removed below): never one a send of the same file holds.
        source = { kind: 'xlsx', fileId: await (input.checkOnly ? deps.uploads!.saveApart(bytes) : deps.uploads!.save(bytes)), ...(name ? { name } : {}) };
      } else {
        // The spreadsheet's name, as the add-on read it (checked by checkCreateRequest): which sheet a send came from.
        const name = input.spreadsheetName !== undefined ? { name: input.spreadsheetName } : {};
        source = input.workbook ? { kind: 'values', spreadsheetId: input.spreadsheetId ?? null, ...name } : { kind: 'sheets', spreadsheetId: input.spreadsheetId as string, ...name };
      }
      // Snapshot on submit (DESIGN §6): read now, validate now; what is kept is what will be published. An upload is
      // read where it is taken in when that is elsewhere (the self-hosted server's background thread): its values are
      // then never held in this thread (submission-work.ts).
      const options = input.checkOnly ? { keep: false } : undefined;
      try {
        if (source.kind === 'xlsx' && work.intakeUpload) {
          at = stamp();
          checked = await work.intakeUpload(source.fileId, publisher, at, source.name, options);
        } else {
          const workbook: WorkbookModel = input.workbook ? { sheets: input.workbook.sheets } : await openSource(deps, source).read();
          at = stamp();
          checked = await work.intake(workbook, publisher, at, options);
        }
      } finally {
        // A check's file goes as soon as it is read, whatever the outcome.
        if (input.checkOnly && source.kind === 'xlsx') await deps.uploads!.remove(source.fileId);
      }
    } catch (e) {
      // A limit crossed is the size of what was sent (413), also when the reader said so from the background thread.
      if (e instanceof SourceError) throw new HttpError(e instanceof ReadLimitError || e.code.startsWith('source.limit-') ? 413 : 422, e.code, e.message);
      throw e;
    }
    const errors = checked.findings.filter((f) => f.severity === 'error');
    if (input.checkOnly) return { status: 200, body: checkAnswer(checked.findings, source.name) };
    // Kept only when the workbook has no errors (submission-work.ts).
    if (!checked.snapshot) {
      // Nothing of a refused upload is kept, unless another submission of this publisher holds the same file.
      await dropUnheldUpload(source, mine);
      return { status: 422, body: {
        error: {
          code: 'workbook-has-errors',
          // An upload is named by its file: an official who sent three sees which one to correct.
          message: `No se envió: el libro tiene ${formatCount(errors.length, 'error', 'errores')}${source.kind === 'xlsx' && source.name ? ` (archivo «${source.name}»)` : ''}. ${errors.length === 1 ? 'Corríjalo' : 'Corríjalos'} (vea cada hoja, fila y columna) y envíe de nuevo.`,
          ...refusalBody(checked.findings),
        },
      } };
    }
    const snapshot = checked.snapshot;
    const findings = summarizeFindings(checked.findings);

    // The latest open submission of this same source, if any; else, for an upload, the returned upload it corrects.
    const existing = mine.filter((s) => OPEN.includes(s.status) && sameSource(s.source, source)).pop() ?? (source.kind === 'xlsx' ? continuedUpload(mine) : undefined);
    /** This revision as a new version of `open`, or the same one again (`unchanged`). */
    const replace = async (open: Submission): Promise<SentAnswer> => {
      if (open.status === 'approved') throw new HttpError(409, 'conflict', 'La revisión anterior se está publicando en este momento; envíe de nuevo cuando termine.');
      if (open.status !== 'returned' && open.snapshot?.contentHash === snapshot.contentHash) {
        return { status: 200, body: await submitted(user, open, 'unchanged') };
      }
      // Every finding kept before the revision that counts them is written: a page never finds counts without them.
      await keepSendFindings(store, snapshot.contentHash, publisher.id, checked.findings);
      // A new revision replaces the one under review (returned, or still waiting): its history is kept. An upload's
      // source is its file, so the submission now names the new one (and the one it replaces is removed: supersede).
      let reopened: Submission;
      try {
        reopened = await store.transitionSubmission(open.id, ['returned', 'submitted', 'failed'], 'submitted', { at, by: user.id, action: 'resubmitted' }, { snapshot, findings, submittedBy: user.id, source });
      } catch (e) {
        if (!isStoreError(e, 'conflict')) throw e;
        throw new HttpError(409, 'conflict', 'El envío cambió mientras tanto (se está aprobando); envíe de nuevo en unos minutos.');
      }
      await audit(user, 'submission.resubmitted', `submission/${open.id}`, publisher.id, { contentHash: snapshot.contentHash, ...(source.kind === 'xlsx' ? { source: source.fileId } : {}), ...(source.name !== undefined ? { fileName: source.name } : {}), ...input.origin });
      await supersede(user, publisher, mine, reopened);
      await notify?.({ kind: 'submitted', submission: reopened, publisher, actor: user });
      return { status: 200, body: await submitted(user, reopened, 'resubmitted') };
    };
    if (existing) return replace(existing);

    // A spreadsheet's next send has an id of its own (its institution, the spreadsheet, how many sends it had), so that
    // two sends of it at once (two officials, or the panel opened again while the first send was still being checked)
    // cannot both be new: the store refuses the second id, and that send becomes a version of the first, as when sent
    // one after the other. With random ids both were created, two «En revisión» of one sheet in the inbox.
    const sheetId = source.kind === 'xlsx' ? null : source.spreadsheetId;
    const id = sheetId ? nextSendId(publisher.id, sheetId, mine.filter((s) => sameSource(s.source, source)).length) : randomUUID();
    const submission: Submission = {
      id, publisherId: publisher.id, source, status: 'submitted', history: [{ at, by: user.id, action: 'submitted' }],
      snapshot, findings, submittedBy: user.id, createdAt: at, updatedAt: at,
    };
    await keepSendFindings(store, snapshot.contentHash, publisher.id, checked.findings);
    try {
      await store.createSubmission(submission);
    } catch (e) {
      if (!sheetId || !isStoreError(e, 'conflict')) throw e;
      const other = await store.getSubmission(id);
      if (other && OPEN.includes(other.status) && sameSource(other.source, source)) return replace(other);
      // Not a send of this sheet at the same moment (one of its sends was removed, and the count met an older id).
      submission.id = randomUUID();
      await store.createSubmission(submission);
    }
    await audit(user, 'submission.created', `submission/${submission.id}`, publisher.id, {
      source: source.kind === 'sheets' ? source.spreadsheetId : source.kind === 'xlsx' ? source.fileId : source.spreadsheetId, contentHash: snapshot.contentHash,
      // The file's or spreadsheet's name as its official knew it: the ids alone told an auditor nothing.
      ...(source.name !== undefined ? { fileName: source.name } : {}),
      ...input.origin,
    });
    await supersede(user, publisher, mine, submission);
    await notify?.({ kind: 'submitted', submission, publisher, actor: user });
    return { status: 201, body: await submitted(user, submission, 'created') };
  };

  /**
   * Before a large body is read: who calls. An .xlsx of up to maxUploadBytes, or a workbook's values inflated up to
   * MAX_WORKBOOK_VALUES_BYTES and parsed, was read for anyone — a small gzip body of an anonymous caller cost the
   * server 160 MiB and a JSON parse before its 401.
   */
  const signedIn: express.RequestHandler = (req, res, next) => {
    requireUser(req, authenticator).then((user) => { res.locals.user = user; next(); }, next);
  };
  const signedInUser = (res: express.Response): User => res.locals.user as User;

  // A workbook sent as values: gzip (what the add-on sends) is read here within both limits; uncompressed, what
  // travels is the JSON itself, so express.json takes the smaller one.
  const valuesLimits = { sentBytes: deps.maxUploadBytes, valuesBytes: deps.maxValuesBytes ?? MAX_WORKBOOK_VALUES_BYTES };
  const plainValuesLimit = Math.min(valuesLimits.sentBytes, valuesLimits.valuesBytes);
  /**
   * A send (POST /api/submissions), or «Revisar sin enviar» (`checkOnly`: POST /api/workbook-check) — the same
   * request, limits, budget and intake; a check takes an .xlsx only (a Google Sheets user has the add-on's «Validar»).
   */
  const sendRoute = (checkOnly: boolean): express.RequestHandler => async (req, res) => {
    const user = signedInUser(res);
    const upload = req.is(XLSX_MIME) !== false && Buffer.isBuffer(req.body);
    // Where no .xlsx is taken (the cloud), a check of one is told where a Google sheet is checked, not the send's «no
    // archivos .xlsx», which left an official with a file and no way to check it.
    if (checkOnly && !deps.uploads) throw new HttpError(415, 'uploads-disabled', 'Esta plataforma recibe hojas de cálculo de Google, no archivos .xlsx: revise su libro con «Validar» del complemento.');
    if (checkOnly && !upload) {
      throw new HttpError(415, 'unsupported-type', `«Revisar sin enviar» recibe el libro .xlsx (Content-Type: ${XLSX_MIME}, con ?publisher=). Desde Google Sheets, use «Validar» del complemento.`);
    }
    const body = checkRequest(() => checkCreateRequest(!upload ? req.body : {}));
    const inline = !upload && body.workbook !== undefined;
    // A body of another type (a file sent as application/octet-stream, or with none): said as such, not as «this
    // platform does not read Google sheets».
    if (!upload && req.is([XLSX_MIME, WORKBOOK_JSON_MIME, 'application/json']) === false) {
      throw new HttpError(415, 'unsupported-type', `No se admite el tipo de contenido «${String(req.headers['content-type'] ?? 'sin indicar')}». Envíe el libro .xlsx con Content-Type: ${XLSX_MIME}${deps.sheets ? ', o un JSON con «spreadsheetId»' : ''}.`);
    }
    if (upload && !deps.uploads) throw new HttpError(415, 'uploads-disabled', 'Esta plataforma recibe hojas de cálculo de Google (spreadsheetId), no archivos .xlsx.');
    if (inline && deps.sheets) throw new HttpError(415, 'values-disabled', 'Esta plataforma lee la hoja de cálculo directamente: envíe solo «spreadsheetId».');
    if (inline && !deps.uploads) throw new HttpError(415, 'values-disabled', 'Esta plataforma no recibe valores de hojas de cálculo.');
    if (!upload && !inline && !deps.sheets) throw new HttpError(415, 'sheets-disabled', `Esta plataforma recibe archivos .xlsx (Content-Type: ${XLSX_MIME}, con ?publisher=) o los valores que envía el complemento, no hojas de cálculo de Google.`);
    const spreadsheetId = body.spreadsheetId;
    if (!upload && !inline && (typeof spreadsheetId !== 'string' || !isSpreadsheetId(spreadsheetId))) {
      throw badRequest('invalid-spreadsheet', 'Indique en «spreadsheetId» el identificador de la hoja de cálculo (la parte del enlace después de /d/).');
    }
    const requested = upload ? queryString(req, 'publisher') : body.publisherId;
    const publisherId = requested ?? user.publisherId;
    if (!publisherId) throw badRequest('missing-publisher', 'Indique el implementador al que corresponde la información.');
    const publisher = await publisherOf(publisherId);
    await authorize(user, 'submission.create', publisher, `publisher/${publisher.id}`);
    // Before the workbook is read: a spreadsheet sent for another implementer is refused as such (spreadsheet-implementer.ts).
    if (!upload && !checkOnly && typeof spreadsheetId === 'string') {
      const other = await sendOfAnotherImplementer(store, spreadsheetId, publisher.id);
      if (other) {
        // In the Bitácora, under the sheet's implementer (its coordination reads it) and listed with the other's too
        // (`publisherIds`): who tried, from which sheet.
        await audit(user, 'submission.other-implementer', `publisher/${other.publisherId}`, other.publisherId, { spreadsheetId, sentFor: publisher.id, publisherIds: [other.publisherId, publisher.id], ...decisionOrigin(req) });
        throw otherImplementerRefusal((await store.getPublisher(other.publisherId)) ?? { name: other.publisherId }, publisher, user.email, authenticator.kind === 'api-key');
      }
    }
    // Past the budget, «se está revisando» (202) and the send goes on — self-hosted in this process (its background
    // thread), in the cloud as a task of the queue: its answer is kept for GET /api/submissions/checks/{id}
    // (send-check.ts). Without either (tests, benches), the request waits for it, as before.
    const origin = decisionOrigin(req);
    const run = sendOf(user, publisher, { ...(upload ? { upload: { bytes: req.body as Buffer, name: queryString(req, 'archivo') } } : { spreadsheetId, spreadsheetName: body.spreadsheetName, ...(inline ? { workbook: body.workbook } : {}) }), origin, ...(checkOnly ? { checkOnly } : {}) });
    const owner = { userId: user.id, publisherId: publisher.id };
    const sheet = !upload && !inline && spreadsheetId !== undefined ? { spreadsheetId, ...(body.spreadsheetName !== undefined ? { spreadsheetName: body.spreadsheetName } : {}) } : undefined;
    const sent = deps.sendQueue && sendBudget && sheet ? await queuedSendWithinBudget(sendBudget, deps.sendQueue, { ...owner, ...sheet, origin: origin as { ip: string; userAgent?: string } })
      : sendBudget && !deps.sendQueue ? await sendWithinBudget(sendBudget, owner, run) : await run().then(async (a) => { await keepAnsweredRefusal(store, owner, a, log); return a; });
    if (isChecking(sent)) return void res.status(202).set({ Location: sent.checking.location, 'Retry-After': SEND_CHECK_RETRY_AFTER }).json(sent);
    res.status(sent.status).json(sent.body);
  };
  const sendBody = [signedIn, express.raw({ type: XLSX_MIME, limit: deps.maxUploadBytes }), gzippedValuesBody(WORKBOOK_JSON_MIME, valuesLimits), express.json({ type: WORKBOOK_JSON_MIME, limit: plainValuesLimit })];
  router.post('/submissions', ...sendBody, sendRoute(false));
  // Not under /submissions/: a single segment there is GET /submissions/{id}, read-only (read-only-methods.ts).
  router.post('/workbook-check', ...sendBody, sendRoute(true));

  // Where a send answered «se está revisando» is asked again, by the official who sent it (send-check.ts).
  router.get('/submissions/checks/:id', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const id = String(req.params.id);
    // Its official's, and only while the account may still see that institution's sends: one moved to another
    // institution (or whose role changed) read its former institution's outcome for the week it is kept.
    const publisherId = publisherOfCheck(id);
    const publisher = publisherId === undefined ? undefined : await store.getPublisher(publisherId);
    const allowed = publisher !== undefined && can(user, 'submission.read', { publisher });
    const sent = sendBudget && allowed ? await sendCheckAnswer(sendBudget, id, user.id) : undefined;
    if (!sent) throw notFound('esa revisión de un envío suyo (puede haberse hecho con otra cuenta)');
    if (isChecking(sent)) return void res.status(202).set({ Location: sent.checking.location, 'Retry-After': SEND_CHECK_RETRY_AFTER }).json(sent);
    res.status(sent.status).json(sent.body);
  });

  /**
   * The sends refused at the door (refused-sends.ts), for whoever reads that implementer's sends: its coordination (its
   * state's), an administrator, its own officials. An implementer that only met refusals read as one that sent nothing.
   */
  const refusedView = async (line: RefusedLine, publisher: Publisher | undefined, names = new Map<string, Promise<string>>()): Promise<RefusedSendView> => {
    // Each account read once, however many times it was refused.
    if (!names.has(line.userId)) names.set(line.userId, actorName(store, line.userId));
    return {
      id: line.checkId, publisherId: line.publisherId, publisherName: publisher?.name ?? line.publisherId, state: publisher?.state ?? '',
      at: line.at, by: await names.get(line.userId)!, errors: line.errors, warnings: line.warnings, infos: line.infos,
    };
  };
  router.get('/submissions/refused', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const publisherId = queryString(req, 'publisher');
    if (publisherId) await authorize(user, 'submission.read', await publisherOf(publisherId), `publisher/${publisherId}`);
    // Read once: for the names and for who may read each one's (the same policy as every other read of a send).
    const publishers = new Map((await allPublishers(store)).map((p) => [p.id, p]));
    const visible = (id: string): boolean => { const p = publishers.get(id); return p !== undefined && can(user, 'submission.read', { publisher: p }); };
    // An official's own are read by their publisher, a coordination's by its state: reading the country's week for
    // one state cost a read per refusal of every state (Firestore), and past MAX_REFUSED_LISTED in the country a
    // state's could be left out altogether. An administrator reads the country's.
    const narrowed = publisherId ?? (user.role === 'capturista' ? user.publisherId : undefined);
    const byState = !narrowed && user.role === 'coordinador' && user.state ? stateKey(user.state) : undefined;
    const lines = (await readRefusedSends(store, { ...(narrowed ? { publisherId: narrowed } : byState ? { state: byState } : {}), limit: MAX_REFUSED_LISTED })).filter((l) => visible(l.publisherId));
    const names = new Map<string, Promise<string>>();
    const body: RefusedSendsAnswer = { viewer: viewerOf(user), refused: await Promise.all(lines.map((l) => refusedView(l, publishers.get(l.publisherId), names))), keptDays: Math.round(KEEP_CHECKS_MS / 86_400_000) };
    res.json(body);
  });
  router.get('/submissions/refused/:id', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const id = String(req.params.id);
    const publisherId = publisherOfCheck(id);
    const publisher = publisherId === undefined ? undefined : await store.getPublisher(publisherId);
    if (!publisher) throw notFound('ese envío rechazado (se conservan una semana)');
    await authorize(user, 'submission.read', publisher, `publisher/${publisher.id}`);
    const line = await readRefusedSend(store, id, publisher.id);
    const kept = line && await keptRefusal(store, id, publisher.id);
    if (!line || !kept) throw notFound('ese envío rechazado (se conservan una semana)');
    const error = (kept.body as { error: { message?: unknown; findings?: unknown } }).error;
    const body: RefusedSendAnswer = {
      viewer: viewerOf(user), refused: await refusedView(line, publisher), message: typeof error.message === 'string' ? error.message : '',
      findings: Array.isArray(error.findings) ? error.findings as RefusedSendAnswer['findings'] : [],
    };
    res.json(body);
  });

  /**
   * A publisher keeps at most `uploadQuotaBytes` of uploaded workbooks (the same file counts once). Counted are the
   * files this send leaves in place: those of sends still pending (`supersede` removes the rest — a returned upload
   * this one corrects, a published one, one whose approval was refused). A correction as large as the returned
   * workbook it replaces was refused when that one alone took half the quota.
   */
  async function checkQuota(publisher: Publisher, mine: Submission[], bytes: Buffer): Promise<void> {
    const quota = deps.uploadQuotaBytes ?? DEFAULT_UPLOAD_QUOTA_BYTES;
    const kept = new Set(mine.filter((s) => NEEDS_FILE.includes(s.status) && !approvalRefused(s)).flatMap(uploadedFiles));
    if (kept.has(uploadId(bytes))) return;
    let used = 0;
    for (const fileId of kept) used += (await deps.uploads!.size(fileId)) ?? 0;
    if (used + bytes.length <= quota) return;
    throw new HttpError(413, 'upload-quota',
      `Los libros enviados de «${publisher.name}» ya ocupan ${formatFileSize(used)} y este archivo ${formatFileSize(bytes.length)}: el máximo por implementador es ${formatFileSize(quota)}. `
      + 'Pida a su coordinación que revise o devuelva los envíos pendientes; los libros reemplazados por uno más reciente se borran solos.');
  }

  /**
   * A new upload supersedes the publisher's older ones: a revision whose approval was refused for errors leaves
   * the review queue (back to `returned`, saying why), and the files of returned and published uploads are
   * removed unless a pending submission still uses them. Nothing is lost: the published data lives in the
   * store, and sending a removed file again stores it again and reopens its submission.
   */
  async function supersede(user: User, publisher: Publisher, mine: Submission[], latest: Submission): Promise<void> {
    if (latest.source.kind !== 'xlsx' || !deps.uploads) return;
    const latestFile = latest.source.fileId;
    const current = new Map(mine.map((s) => [s.id, s]));
    current.set(latest.id, latest);
    for (const s of mine) {
      if (s.id === latest.id || s.source.kind !== 'xlsx' || s.source.fileId === latestFile) continue;
      if (approvalRefused(s)) {
        try {
          // Which send replaced it, by its time and file name as the pages name sends: with many sends of one
          // institution, «un envío más reciente» did not say which one to open.
          const comment = replacedComment(`el del ${formatTimestamp(sentAt(latest))}${latest.source.name ? ` («${latest.source.name}»)` : ''}`);
          current.set(s.id, await store.transitionSubmission(s.id, ['submitted'], 'returned', { at: stamp(), by: user.id, action: 'superseded', comment }));
          await audit(user, 'submission.superseded', `submission/${s.id}`, publisher.id, { by: latest.id });
        } catch (e) {
          if (!isStoreError(e, 'conflict')) throw e; // someone acted on it meanwhile: leave it
        }
      }
    }
    const needed = new Set([...current.values()].filter((s) => NEEDS_FILE.includes(s.status)).flatMap(uploadedFiles));
    needed.add(latestFile);
    // `mine` as read before this send: a resubmitted upload held another file until now.
    await removeUnneeded([...current.values(), ...mine], needed);
  }

  /** Removes the files of `held` (as they are now, or were before a resubmission replaced their file) that are not `needed`. */
  async function removeUnneeded(held: Submission[], needed: Set<string>): Promise<void> {
    const files = new Set(held.flatMap(uploadedFiles));
    for (const fileId of files) if (!needed.has(fileId)) await deps.uploads!.remove(fileId);
  }

  /** A withdrawn upload's file goes unless another pending submission of its institution was sent with the same file. */
  async function releaseUpload(withdrawn: Submission): Promise<void> {
    if (withdrawn.source.kind !== 'xlsx' || !deps.uploads) return;
    const mine = await readAll((after) => store.listSubmissions({ publisherId: withdrawn.publisherId, after, limit: 1000 }));
    const needed = new Set(mine.filter((s) => s.id !== withdrawn.id && NEEDS_FILE.includes(s.status)).flatMap(uploadedFiles));
    await removeUnneeded([withdrawn], needed);
  }

  // A body over its limit: an .xlsx in the words of the read limits; a workbook sent as values (from Google Sheets)
  // as such — it is no file, and the official's way out is another.
  router.use(['/submissions', '/workbook-check'], ((err, req, _res, next) => {
    if ((err as { type?: string }).type === 'entity.too.large') {
      if (req.is(WORKBOOK_JSON_MIME)) {
        return next(valuesTooLarge(plainValuesLimit < valuesLimits.sentBytes ? 'valuesBytes' : 'sentBytes', plainValuesLimit));
      }
      return next(new HttpError(413, 'source.limit-compressed-bytes', uploadTooLarge(deps.maxUploadBytes)));
    }
    next(err);
  }) as express.ErrorRequestHandler);

  router.get('/submissions', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const limit = parseLimit(req.query.limit);
    const status = queryString(req, 'status');
    if (status !== undefined && !STATUSES.includes(status as SubmissionStatus)) throw badRequest('invalid-status', statusChoiceText(status));
    const spreadsheetId = queryString(req, 'spreadsheetId');
    // `order=newest`: from the latest send back (contract.ts NEWEST_FIRST), what «Mis envíos» reads; oldest first otherwise.
    const order = queryString(req, 'order');
    if (order !== undefined && order !== NEWEST_FIRST && order !== 'oldest') throw badRequest('invalid-order', `El parámetro «order» debe ser «${NEWEST_FIRST}» (los más recientes primero) u «oldest» (los más antiguos primero).`);
    const newestFirst = order === NEWEST_FIRST;
    let publisherId = queryString(req, 'publisher');
    if (publisherId) await authorize(user, 'submission.list', await publisherOf(publisherId), `publisher/${publisherId}`);
    else if (user.publisherId && !can(user, 'submission.list')) publisherId = user.publisherId; // narrows the scan; `visible` decides
    const visible = await visibleTo(user, 'submission.list');
    const state = queryString(req, 'state');
    const inState = state ? new Set((await allPublishers(store)).filter((p) => sameState(p.state, state)).map((p) => p.id)) : undefined;
    const wanted = (s: Submission): boolean => visible(s.publisherId) && (!publisherId || s.publisherId === publisherId) && (!inState || inState.has(s.publisherId));
    // The store filters by a sheet (the add-on's «sends of this spreadsheet»: a few among thousands) or by publisher,
    // and by status; the rest (the coordinator's state, the publisher along with a sheet) is filtered here. One
    // store page filtered that way held a coordinator's few submissions among everyone's — an empty inbox with a
    // `next` nobody followed — so pages are read until `limit` are found, up to MAX_SCANNED_PAGES; `links.next`
    // continues right after the last one given (cursorAfter) or where the store stopped.
    const narrowed = spreadsheetId ? { spreadsheetId } : publisherId ? { publisherId } : {};
    const items: Submission[] = [];
    // The cursor names the query it was made for (api/cursor.ts): another filter's is refused, not resumed.
    const query = cursorQuery(req, ['publisher', 'status', 'spreadsheetId', 'order', 'state']);
    let after = unboundCursor(queryString(req, 'after'), query);
    for (let read = 0; read < MAX_SCANNED_PAGES && items.length < limit; read++) {
      const page = await store.listSubmissions({ ...narrowed, ...(status ? { status: status as SubmissionStatus } : {}), after, limit, newestFirst });
      items.push(...page.items.filter(wanted));
      after = page.next;
      if (items.length > limit) after = cursorAfter(items[limit - 1]);
      if (!after) break;
    }
    items.splice(limit);
    // In the store's order: oldest first, as the inbox is worked through, or the newest first when asked.
    const body: SubmissionListAnswer = { viewer: viewerOf(user), submissions: await olderThanApproved(items, await views(items)), links: nextLink(req, bindCursor(after, query)), serviceAccount: deps.serviceAccount ?? null };
    res.json(body);
  });

  /**
   * A send awaiting a decision that its institution's newer approved send makes unapprovable (claimApproval refuses it
   * 409 'superseded') carries `newerApprovedAt`, so the inbox says so before the coordinator opens it. Each implementer
   * listed is looked up once (latestApproved), however many of its sends are shown.
   */
  async function olderThanApproved(items: Submission[], shown: SubmissionView[]): Promise<SubmissionView[]> {
    const latest = new Map<string, Promise<Submission | undefined>>();
    return Promise.all(shown.map(async (view, i) => {
      const s = items[i];
      if (!AWAITING_DECISION.includes(s.status)) return view;
      if (!latest.has(s.publisherId)) latest.set(s.publisherId, latestApproved(store, s.publisherId));
      const newer = newerThan(s, await latest.get(s.publisherId));
      return newer ? { ...view, newerApprovedAt: sentAt(newer), ...(newer.source.name ? { newerApprovedName: newer.source.name } : {}) } : view;
    }));
  }

  router.get('/submissions/:id', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const { submission, publisher } = await submissionOf(String(req.params.id));
    await authorize(user, 'submission.read', publisher, `submission/${submission.id}`);
    res.json(await answer(user, submission));
  });

  // Every finding of a send, by pages, chosen by severity and sheet (core/workflow/findings-page.ts): read as the send
  // is, by its coordinators and its institution's officials.
  router.get('/submissions/:id/findings', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const { submission, publisher } = await submissionOf(String(req.params.id));
    await authorize(user, 'submission.read', publisher, `submission/${submission.id}`);
    const severity = queryString(req, 'severity');
    if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) throw badRequest('invalid-severity', severityChoiceText(severity));
    const whole = (name: 'page' | 'limit', fallback: number, max: number): number => {
      const text = queryString(req, name);
      if (text === undefined) return fallback;
      const n = Number(text);
      if (!/^[0-9]+$/.test(text) || n < 1 || n > max) throw badRequest(`invalid-${name}`, `El parámetro «${name}» debe ser un número entero de 1 a ${formatNumber(max, 0)} (se recibió «${text}»).`);
      return n;
    };
    const page = whole('page', 1, Number.MAX_SAFE_INTEGER);
    const limit = whole('limit', FINDINGS_PAGE_SIZE, MAX_FINDINGS_PAGE);
    // `?sheet=` (empty): the findings of the whole workbook, which name no sheet — kept, where queryString reads it as absent.
    const sheet = queryString(req, 'sheet') ?? (req.query.sheet === '' ? '' : undefined);
    // Kept by snapshot and publisher: those of this very check only when they add up to its counts (a send made before
    // they were kept, whose revision was sent again later, lists its own sample).
    const f = submission.findings;
    const stored = submission.snapshot ? await readSendFindings(store, submission.snapshot.contentHash, publisher.id) : undefined;
    const tally = (s: Severity) => stored?.filter((x) => x.severity === s).length;
    const kept = stored && tally('error') === (f?.errors ?? 0) && tally('warning') === (f?.warnings ?? 0) && tally('info') === (f?.infos ?? 0) ? stored : undefined;
    const all = kept ?? submission.findings?.sample ?? [];
    const shown = findingsPage(all, { ...(severity ? { severity: severity as Severity } : {}), ...(sheet !== undefined ? { sheet } : {}) }, page, limit);
    const body: FindingsPageAnswer = {
      viewer: viewerOf(user), submissionId: submission.id, complete: kept !== undefined,
      counts: { errors: f?.errors ?? 0, warnings: f?.warnings ?? 0, infos: f?.infos ?? 0 },
      filter: { severity: (severity as Severity | undefined) ?? null, sheet: sheet ?? null },
      sheets: shown.sheets, matching: shown.matching, page: shown.page, pages: shown.pages, pageSize: shown.pageSize,
      findings: renderedFindings(shown.items).map((x) => ({ ...x, detail: renderMessage(x) })),
    };
    res.json(body);
  });

  router.get('/submissions/:id/preview', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const { submission, publisher } = await submissionOf(String(req.params.id));
    await authorize(user, 'submission.read', publisher, `submission/${submission.id}`);
    if (!submission.snapshot) throw new HttpError(409, 'no-snapshot', 'Este envío no guardó la versión enviada; pida a quien capturó que la envíe de nuevo para ver la vista previa.');
    const prepared = await previewWithinBudget(previewDeps, submission.snapshot, publisher, stamp()).catch(async (e: unknown) => {
      // An ended submission's revision may have been pruned (publication/prune-snapshots.ts): its page shows the
      // history, not a preview, and must still open.
      if (!(e instanceof SourceError && e.code === 'snapshot-missing')) throw e;
      if (!ENDED.includes(submission.status)) throw new HttpError(409, e.code, e.message);
      return { currentPublicationId: (await store.getCurrent(publisher.id))?.id ?? null, preview: changePreview({ releases: [], projects: [], currentReleases: new Map(), currentProjects: new Map(), now: stamp() }) };
    });
    if (prepared === 'preparing') {
      res.set('Retry-After', String(PREVIEW_PREPARING_RETRY_SECONDS));
      throw new HttpError(503, PREVIEW_PREPARING, `Preparando la vista previa: la plataforma está calculando qué cambiaría al aprobar este envío${sizeOfSend(submission.snapshot)}. Con libros así de grandes tarda hasta unos minutos; vuelva a consultarla en unos segundos.`);
    }
    const { currentPublicationId, preview } = prepared;
    // Did the implementer keep editing after submitting? Only a Google Sheet can be looked at again, within a budget
    // (live-sheet-changed.ts: a large sheet, or Google slow, took the request past Hosting's 60 s).
    const { source } = submission;
    const liveChanged = source.kind === 'sheets' && deps.sheets ? await liveSheetChanged(() => deps.sheets!(source.spreadsheetId).read(), submission.snapshot.contentHash, liveBudget) : null;
    // Said before the coordinator clicks «Aprobar», which refuses it then (approve-submission.ts claimApproval).
    const newer = AWAITING_DECISION.includes(submission.status) ? await newerApproved(store, submission) : undefined;
    // Not yet approved either, but sent after this one: said too, before this older one is approved ahead of it.
    const pending = AWAITING_DECISION.includes(submission.status) && !newer ? await newerPending(store, submission) : undefined;
    const body: PreviewAnswer = {
      ...(await answer(user, submission)), currentPublicationId, preview, liveChanged, newerApprovedAt: newer ? sentAt(newer) : null,
      newerApprovedName: newer?.source.name ?? null,
      newerPending: pending ? { id: pending.id, sentAt: sentAt(pending), name: pending.source.name ?? null } : null,
    };
    res.json(body);
  });

  // The add-on asks after «Validar» whether the sheet still holds what was sent: the official who kept editing
  // learns that the coordinators review (and would publish) the copy taken at submission, not the changes.
  router.post('/submissions/:id/compare', signedIn, gzippedValuesBody(WORKBOOK_JSON_MIME, valuesLimits), express.json({ type: [WORKBOOK_JSON_MIME, 'application/json'], limit: plainValuesLimit }), async (req, res) => {
    const user = signedInUser(res);
    const { submission, publisher } = await submissionOf(String(req.params.id));
    await authorize(user, 'submission.read', publisher, `submission/${submission.id}`);
    // Self-hosted, the add-on sends the values as it would send them (the same body as a submission's).
    const values = checkRequest(() => checkCreateRequest(req.body)).workbook;
    const { source, snapshot } = submission;
    let changed: boolean | null = null;
    if (snapshot && values && source.kind === 'values') changed = encodeSnapshot({ sheets: values.sheets }).contentHash !== snapshot.contentHash;
    // In the cloud the sheet is read here, within the same budget as the preview's (live-sheet-changed.ts).
    else if (snapshot && source.kind === 'sheets' && deps.sheets) changed = await liveSheetChanged(() => deps.sheets!(source.spreadsheetId).read(), snapshot.contentHash, liveBudget);
    const body: CompareAnswer = { ...(await answer(user, submission)), changed };
    res.json(body);
  });

  router.post('/submissions/:id/approve', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const { submission, publisher } = await submissionOf(String(req.params.id));
    await authorize(user, 'submission.approve', publisher, `submission/${submission.id}`);
    // The revision the coordinator reviewed, when the request names it (the review page does).
    const { revision: reviewed } = checkRequest(() => checkDecisionRequest(req.body));
    const decided = reviewed !== undefined ? { reviewed } : {};
    if (deps.publicationQueue) {
      const approvalDeps = { store, baseUrl: deps.baseUrl, now, log, openSource: (source: SubmissionSource) => openSource(deps, source), ...(deps.staleApprovalMs !== undefined ? { staleApprovalMs: deps.staleApprovalMs } : {}), ...decided };
      const queued = await startApproval(approvalDeps, deps.publicationQueue, await recoverStaleApproval(store, submission, now(), deps.staleApprovalMs), publisher, user, decisionOrigin(req));
      const body: ApproveAnswer = { ...(await answer(user, queued)), publication: null };
      return void res.status(202).json(body);
    }
    const outcome = await approveSubmission(
      { store, baseUrl: deps.baseUrl, now, log, openSource: (source) => openSource(deps, source), ...(deps.staleApprovalMs !== undefined ? { staleApprovalMs: deps.staleApprovalMs } : {}), ...decided },
      submission, publisher, user, decisionOrigin(req),
    );
    const event = approvalEvent(outcome, publisher, user, false);
    if (event) await notify?.(event);
    if (outcome.kind === 'published') {
      const { publication } = outcome;
      const body: ApproveAnswer = {
        ...(await answer(user, outcome.submission)),
        publication: { id: publication.id, createdAt: publication.createdAt, counts: publication.counts, unchanged: outcome.unchanged, changedProcesses: outcome.changedProcesses },
      };
      return void res.json(body);
    }
    if (outcome.kind === 'refused') {
      const errors = outcome.findings.filter((f) => f.severity === 'error');
      return void res.status(422).json({
        error: {
          code: 'workbook-has-errors',
          message: refusalText(errors.length),
          ...refusalBody(outcome.findings),
        },
        ...(await answer(user, outcome.submission)),
      });
    }
    res.status(502).json({ error: { code: outcome.code, message: outcome.reason }, ...(await answer(user, outcome.submission)) });
  });

  router.post('/submissions/:id/return', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const { submission, publisher } = await submissionOf(String(req.params.id));
    await authorize(user, 'submission.return', publisher, `submission/${submission.id}`);
    requireJsonBody(req, 'el comentario en «comment»');
    let comment: string;
    let reviewed: string | undefined;
    // A revision named in another form is said as such, not as a missing comment.
    checkRequest(() => checkDecisionRequest(req.body));
    try {
      ({ comment, revision: reviewed } = checkReturnRequest(req.body));
    } catch {
      const raw = isObject(req.body) ? req.body.comment : undefined;
      const tooLong = typeof raw === 'string' ? commentTooLongText(raw) : null;
      if (tooLong) throw badRequest('comment-too-long', tooLong);
      throw badRequest('missing-comment', `Escriba en «comment» qué debe corregirse (hasta ${formatNumber(MAX_COMMENT_LENGTH, 0)} caracteres).`);
    }
    // A comment on the revision the coordinator read: a new version sent meanwhile is not returned with it.
    if (revisionMoved(submission, reviewed)) throw revisionChanged('revisión', submission);
    let returned: Submission;
    try {
      returned = await store.transitionSubmission(submission.id, ['submitted', 'failed'], 'returned', { at: stamp(), by: user.id, action: 'returned', comment }, reviewed !== undefined ? { ifVersion: historyVersion(submission) } : {});
    } catch (e) {
      if (!isStoreError(e, 'conflict')) throw e;
      throw await lostDecision(store, 'revisión', await store.getSubmission(submission.id), reviewed);
    }
    await audit(user, 'submission.returned', `submission/${submission.id}`, publisher.id, { comment, ...decisionOrigin(req) });
    await notify?.({ kind: 'returned', submission: returned, publisher, actor: user, comment });
    res.json(await answer(user, returned));
  });

  // An official takes back a send (made by mistake, or that they will not correct): it leaves the coordinators'
  // inbox. The same compare-and-set as an approval, so of a withdrawal and an approval at once exactly one wins.
  router.post('/submissions/:id/withdraw', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const { submission, publisher } = await submissionOf(String(req.params.id));
    await authorize(user, 'submission.withdraw', publisher, `submission/${submission.id}`);
    let withdrawn: Submission;
    try {
      withdrawn = await store.transitionSubmission(submission.id, [...WITHDRAWABLE], 'withdrawn', { at: stamp(), by: user.id, action: 'withdrawn' });
    } catch (e) {
      if (!isStoreError(e, 'conflict')) throw e;
      throw new HttpError(409, 'conflict', notWithdrawable((await store.getSubmission(submission.id))?.status));
    }
    await audit(user, 'submission.withdrawn', `submission/${submission.id}`, publisher.id, { from: submission.status, ...decisionOrigin(req) });
    // Nothing will read its file again (approval reads the snapshot): it no longer counts against the quota.
    await releaseUpload(withdrawn);
    // The coordinators were told it awaited them («Nuevo envío…»): told now that it does not. A returned one
    // they had already decided on.
    if (submission.status === 'submitted') await notify?.({ kind: 'withdrawn', submission: withdrawn, publisher, actor: user });
    res.json(await answer(user, withdrawn));
  });

  router.get('/audit', async (req, res) => {
    const user = await requireUser(req, authenticator);
    const limit = parseLimit(req.query.limit);
    const publisherId = queryString(req, 'publisher');
    if (publisherId) await authorize(user, 'audit.read', await publisherOf(publisherId), `publisher/${publisherId}`);
    else if (!canSome(user, 'audit.read')) await authorize(user, 'audit.read', undefined, 'audit');
    const visible = await auditVisibleTo(user);
    // `since`: entries made then or later (a send's page asks from the send's creation); written as entries' `at` are.
    // `before`: only entries made before it (an auditor's period: from one day to another, the Bitácora page).
    const instant = (name: 'since' | 'before'): string | undefined => {
      const text = queryString(req, name);
      const t = text === undefined ? undefined : Date.parse(text);
      if (t !== undefined && Number.isNaN(t)) throw badRequest(`invalid-${name}`, `El parámetro «${name}» debe ser una fecha y hora ISO 8601, como 2024-03-31T18:00:00.000Z (se recibió «${text}»).`);
      return t === undefined ? undefined : new Date(t).toISOString();
    };
    const since = instant('since');
    const before = instant('before');
    const query = cursorQuery(req, ['publisher', 'since', 'before']);
    const page = await store.listAudit({ ...(publisherId ? { publisherId } : {}), ...(since !== undefined ? { since } : {}), ...(before !== undefined ? { before } : {}), after: unboundCursor(queryString(req, 'after'), query), limit });
    // `by`: who, by e-mail (`actor` is a user id: the log keeps ids, people read e-mails).
    const emails = new Map<string, string>();
    const entries = [];
    for (const e of page.items.filter(visible)) {
      if (!emails.has(e.actor)) emails.set(e.actor, await actorName(store, e.actor));
      entries.push({ ...e, by: emails.get(e.actor) as string });
    }
    res.json({ entries, links: nextLink(req, bindCursor(page.next, query)) });
  });

  /** The cloud's send task: the send as its request would have made it, for the official who sent it. */
  const runQueuedSend = async (task: SendTask, attempt: number): Promise<void> => runSendTask({ store, log }, task, attempt, async () => {
    const user = await store.getUser(task.userId);
    if (!user) throw new HttpError(403, 'unknown-user', 'La cuenta que hizo este envío ya no está registrada.');
    const publisher = await publisherOf(task.publisherId);
    // Asked again when the task runs: the account may have been moved to another institution, or changed role, since it
    // sent (and nothing but the payload says who sends for whom).
    await authorize(user, 'submission.create', publisher, `publisher/${publisher.id}`);
    return sendOf(user, publisher, { spreadsheetId: task.spreadsheetId, ...(task.spreadsheetName !== undefined ? { spreadsheetName: task.spreadsheetName } : {}), ...(task.origin ? { origin: task.origin } : {}) })();
  });

  return { router, runSendTask: runQueuedSend };
}

/** A Spanish 409 text: the submission can no longer be withdrawn, naming its situation and what can be done instead. */
export function notWithdrawable(status: SubmissionStatus | undefined): string {
  if (!status) return 'Este envío ya no existe.';
  if (status === 'withdrawn') return `Este envío ya está «${STATUS_LABELS.withdrawn}»: no aparece en la bandeja de su coordinación.`;
  const hint = status === 'published' ? ' Para cambiar lo publicado, envíe una actualización.'
    : status === 'approved' ? ' Su coordinación ya lo aprobó; cuando termine de publicarse, envíe una actualización si algo debe cambiar.'
      : status === 'failed' ? ' Su coordinación ya lo aprobó y puede volver a publicarlo; si debe corregirse, pídale que lo devuelva con comentarios.'
        : '';
  return `Este envío ya no se puede retirar: está «${STATUS_LABELS[status]}».${hint}`;
}

/** Store pages one listing of submissions reads at most before answering with what it found and `links.next`. */
const MAX_SCANNED_PAGES = 20;


function openSource(deps: WorkflowDeps, source: SubmissionSource): SheetSource {
  if (source.kind === 'values') throw new SourceError('Este envío no guardó los valores enviados; pida a quien capturó que la envíe de nuevo.', 'snapshot-missing');
  if (source.kind === 'sheets') {
    if (!deps.sheets) throw new SourceError('Esta plataforma no está configurada para leer hojas de cálculo de Google.', 'sheets-disabled');
    return deps.sheets(source.spreadsheetId);
  }
  if (!deps.uploads) throw new SourceError('Esta plataforma no está configurada para leer archivos .xlsx enviados.', 'uploads-disabled');
  return deps.uploads.open(source.fileId, source.name);
}
