/**
 * The workflow's HTTP contract (DESIGN §8), written once: request and answer shapes of `/api/submissions…`, plus
 * runtime checks. The backend routes build their answers with these types and check requests with them; the
 * add-on's client (bundled into Code.js by esbuild) and the coordinators' pages check every answer with them, so
 * a client and a server that disagree fail loudly (and in tests) instead of silently hiding a section.
 * Pure: no I/O, no Node or browser APIs.
 */
import type { Severity } from '../findings/finding';
import { isObject } from '../json/json-values';
import type { AccountFigures, ImplementerAccount, MonthlyAccount } from './monthly-account';
import type { RefusalCounts } from './refusal-findings';
import type { RefusedStretch } from './refused-in-month';

export type SubmissionStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'published' | 'failed' | 'withdrawn';
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['draft', 'submitted', 'approved', 'returned', 'published', 'failed', 'withdrawn'];
/** Spanish labels, shown by the sidebar and the pages. */
export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: 'Borrador',
  submitted: 'En revisión',
  approved: 'Aprobado, publicando',
  returned: 'Devuelto con comentarios',
  published: 'Publicado',
  failed: 'La publicación falló',
  withdrawn: 'Retirado',
};
/**
 * A submission's situation as people read it (its `statusLabel`): its status's label, except a send returned because
 * a newer upload of its institution replaced it (its last step `superseded`, workflow-routes.ts), which read
 * «Devuelto con comentarios» although nobody returned it nor commented.
 */
export function statusLabelOf(s: { status: SubmissionStatus; history: readonly { action: string }[] }): string {
  return replacedByNewer(s) ? 'Reemplazado por un envío más reciente' : STATUS_LABELS[s.status];
}
/** Returned because a newer upload of its institution replaced it (its approval had found errors), not by a coordinator. */
export function replacedByNewer(s: { status: SubmissionStatus; history: readonly { action: string }[] }): boolean {
  return s.status === 'returned' && s.history[s.history.length - 1]?.action === 'superseded';
}
/**
 * Back in the queue because approving this very revision found errors in its workbook (approve-submission.ts, its last
 * step `approval-refused`): approving it again runs the same checks on the same snapshot and is refused the same way.
 * Its page offers returning it with comments instead; «Aprobar» comes back with a new revision (its last step then
 * another). A newer upload supersedes it (workflow-routes.ts).
 */
export function approvalRefused(s: { status: SubmissionStatus; history: readonly { action: string }[] }): boolean {
  return s.status === 'submitted' && s.history[s.history.length - 1]?.action === 'approval-refused';
}
/**
 * When the revision under review was sent: its snapshot's time (a new version replaces it), or the submission's
 * creation when it has none. What the inbox, the review page, «Mis envíos» and the add-on show as «enviado el …»,
 * and what tells which of two sends is the newer (approve-submission.ts newerApproved).
 */
export function sentAt(s: { createdAt: string; snapshot?: { takenAt: string } | null }): string {
  return s.snapshot?.takenAt ?? s.createdAt;
}
/**
 * `GET /api/submissions?order=newest`: the latest sends first, paging back (`links.next`) towards the oldest. Without
 * it the oldest come first. A reader that stops after some pages keeps the newest: past its pages the oldest ones
 * are missing, not the latest ones.
 */
export const NEWEST_FIRST = 'newest';
/** Statuses in which the coordinator still has to decide. */
export const AWAITING_DECISION: readonly SubmissionStatus[] = ['submitted', 'failed'];
/**
 * Statuses in which its institution's officials may withdraw a submission (POST …/withdraw): while it awaits
 * review, and once returned (an official who will not correct it closes it, so that their next Excel upload starts
 * afresh instead of continuing it). Not once the coordinator approved it: `approved` is being published, `failed`
 * waits for the coordinator to publish it again, `published` is public.
 */
export const WITHDRAWABLE: readonly SubmissionStatus[] = ['submitted', 'returned'];
/**
 * Statuses that end a submission: nothing approves it again, and its page shows its history, not a preview. The
 * revision it kept may be removed by `publications prune` (functions/src/publication/prune-snapshots.ts).
 */
export const ENDED: readonly SubmissionStatus[] = ['published', 'withdrawn'];

/**
 * The submission a new Excel upload (other bytes than any open one) continues: its institution's upload returned
 * most recently. A Google Sheet sent again is the same submission — same spreadsheet, history and comments kept —
 * but an upload is known only by its bytes, and a corrected workbook has other bytes: it started a new submission
 * with an empty history, and the coordinator lost the comments it answers. Only uploads (a returned Google Sheet is
 * continued from its sheet), and only a returned one: a send still under review may be another part of the
 * institution's data, and withdrawn ones are closed. Nor one returned because a newer upload replaced it (its last
 * step `superseded`, workflow-routes.ts): that newer one is its correction, and the next upload after it brought the
 * replaced send back into the inbox beside it. The server applies it (workflow-routes.ts); *Mis envíos* says it
 * before sending.
 */
export function continuedUpload<T extends { status: SubmissionStatus; source: { kind: string }; updatedAt: string; history: readonly { action: string }[] }>(submissions: readonly T[]): T | undefined {
  return submissions.filter((s) => s.status === 'returned' && s.source.kind === 'xlsx' && !replacedByNewer(s))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).pop();
}

export type Role = 'capturista' | 'coordinador' | 'admin';
export const ROLES: readonly Role[] = ['capturista', 'coordinador', 'admin'];

/** What the caller may see: one implementer (capturista), one state (coordinador) or everything (admin). */
export type Scope = { kind: 'publisher'; publisherId: string } | { kind: 'state'; state: string } | { kind: 'all' };

/** Who is asking; every answer of the authenticated workflow carries it. */
export interface Viewer {
  email: string;
  role: Role;
  scope: Scope;
}

export interface CellView { sheet: string; row?: number; column?: number; header?: string }
export interface FindingView {
  code: string;
  severity: Severity;
  /** Spanish text, rendered by the backend from the catalogue. */
  message: string;
  cell?: CellView;
  pointer?: string;
}

export interface FindingsView { errors: number; warnings: number; infos: number; sample: FindingView[] }

/**
 * GET /api/submissions/refused (?publisher=): the sends refused at the door (422 `workbook-has-errors`, no submission
 * created) of the implementers the viewer may read, kept a week, newest first (functions/src/workflow/refused-sends.ts).
 * `by`: the official's e-mail. `at`: when it was refused (ISO).
 */
export interface RefusedSendView { id: string; publisherId: string; publisherName: string; state: string; at: string; by: string; errors: number; warnings: number; infos: number }
export interface RefusedSendsAnswer { viewer: Viewer; refused: RefusedSendView[]; keptDays: number }
/** GET /api/submissions/refused/{id}: one of them with what its official was told — the message and its findings (the errors first). */
export interface RefusedSendAnswer { viewer: Viewer; refused: RefusedSendView; message: string; findings: FindingView[] }

/**
 * GET /api/submissions/{id}/findings (?severity= ?sheet= ?page= ?limit=): every finding of a send, a page at a time
 * (core/workflow/findings-page.ts), errors first. `detail`: the message alone, without severity and cell (the CSV's
 * column). `complete` false: a send made before all its findings were kept, of which only the first ones (`sample`)
 * are listed. `sheets`: each sheet with findings of the severity chosen, and how many (the workbook's own: `''`).
 */
export interface FindingsPageAnswer {
  viewer: Viewer;
  submissionId: string;
  complete: boolean;
  counts: { errors: number; warnings: number; infos: number };
  filter: { severity: Severity | null; sheet: string | null };
  sheets: { sheet: string; count: number }[];
  matching: number;
  page: number;
  pages: number;
  pageSize: number;
  findings: (FindingView & { detail: string })[];
}

/** One step of a submission's life; `by` is the e-mail of who did it (or «la plataforma (automático)», «línea de comandos»). */
export interface HistoryView { at: string; by: string; action: string; comment?: string }
/** A coordinator's comment, in the order they were written. */
export interface CommentView { at: string; by: string; text: string }

/** The exact content that was submitted and will be published on approval. */
export interface SnapshotView {
  contentHash: string;
  takenAt: string;
  /** The file's size: every sheet and row, headers and the template's own sheets included (not what was filled). */
  sheets: number;
  rows: number;
  /** Share (0–100) of the program's fields filled, or null. */
  completeness: number | null;
  /**
   * What the official sent: contracting processes (distinct ocids) and projects. Absent on revisions sent before
   * they were counted. What the pages show of a revision's size.
   */
  processes?: number;
  projects?: number;
}

/**
 * `name`: an uploaded workbook's file name, as the official's computer called it; a Google spreadsheet's name, as
 * the add-on read it when sending (the coordinators' inbox says which spreadsheet a send came from). Absent for
 * older sends.
 */
export type SourceView = { kind: 'sheets'; spreadsheetId: string; name?: string } | { kind: 'xlsx'; fileId: string; name?: string } | { kind: 'values'; spreadsheetId: string | null; name?: string };

export interface SubmissionView {
  id: string;
  publisherId: string;
  publisherName: string;
  state: string;
  status: SubmissionStatus;
  statusLabel: string;
  source: SourceView;
  createdAt: string;
  updatedAt: string;
  /** E-mail of who sent the latest revision. */
  submittedBy: string | null;
  history: HistoryView[];
  /**
   * How many entries `history` no longer holds, between its first and its newest (store/submission-history.ts: the
   * audit log keeps them all); absent when none. Comments of those rounds are not in `comments` either.
   */
  earlierEntries?: number;
  comments: CommentView[];
  findings: FindingsView | null;
  snapshot: SnapshotView | null;
  /** Why the publication failed (status `failed`): the reason of its latest failure; null otherwise. */
  failureReason: string | null;
  /**
   * Listings only, for a send awaiting a decision: when its institution's newer send, already approved, was sent —
   * approving this one is refused (it would publish older data over it), and the inbox says so. Absent otherwise.
   */
  newerApprovedAt?: string;
  /** That newer send's file or spreadsheet name, when it has one (newer-approved.ts). */
  newerApprovedName?: string;
}

export interface SubmissionAnswer { viewer: Viewer; submission: SubmissionView }
export interface SubmissionListAnswer {
  viewer: Viewer;
  submissions: SubmissionView[];
  links: { next?: string };
  /** Cloud: the account implementers share their spreadsheets with; null self-hosted. */
  serviceAccount: string | null;
}
export interface PublicationSummary { id: string; createdAt: string; unchanged: boolean; changedProcesses: string[]; counts: { releases: number; records: number; projects: number } }
/**
 * `publication` is what the approval published, or null when it is published in the background (a publication
 * task: the answer is 202 and the submission stays `approved` — *publicando* — until the task ends).
 */
export interface ApproveAnswer extends SubmissionAnswer { publication: PublicationSummary | null }
/**
 * What sending a workbook did (POST /api/submissions): a new submission (`created`, 201), a new revision of the
 * one under review or returned (`resubmitted`, 200: the same spreadsheet, the same file, or — uploads — another file
 * while the institution's latest upload is returned; its history and comments carry on), or nothing, because the
 * revision under review already holds these very values (`unchanged`, 200: no new history entry and no notice to
 * the coordinators).
 */
export type SubmitOutcome = 'created' | 'resubmitted' | 'unchanged';
export interface SubmitAnswer extends SubmissionAnswer { outcome: SubmitOutcome }

/** What the add-on and *Mis envíos* tell the official once the workbook is sent. */
export const SUBMIT_OUTCOME_TEXT: Record<SubmitOutcome, string> = {
  created: 'Se envió a revisión: ya aparece en la bandeja de su coordinación.',
  resubmitted: 'Se envió como nueva versión de su envío anterior: reemplaza a esa versión en la bandeja de su coordinación, que la revisa con el historial y los comentarios de ese envío.',
  unchanged: 'Esta versión ya estaba en revisión, sin cambios: no se creó otro envío ni se avisó de nuevo a su coordinación.',
};

/**
 * SUBMIT_OUTCOME_TEXT for the send as the server answered it: the same values sent again over a send whose
 * publication failed are that send still, awaiting a new approval — «ya estaba en revisión» told an official who
 * sent again to retry the publication that nothing was wrong.
 */
export function submitOutcomeText(outcome: SubmitOutcome, status: SubmissionStatus): string {
  if (outcome === 'unchanged' && status === 'failed') return 'Esta versión ya se había enviado y su publicación falló: no se creó otro envío. Para reintentar la publicación, su coordinación debe aprobarla de nuevo; avísele si no lo sabe.';
  return SUBMIT_OUTCOME_TEXT[outcome];
}
/**
 * POST /api/submissions/{id}/compare: whether the sheet as it is now holds what was sent (the add-on asks after
 * «Validar»: what is reviewed and published is the copy taken at submission, DESIGN §6). `changed` is null when it
 * cannot be told: an uploaded file, a submission without its copy, or a sheet the server could not read.
 */
export interface CompareAnswer extends SubmissionAnswer { changed: boolean | null }
/**
 * `counts`: a refusal for errors (422 `workbook-has-errors`) says how many findings of each severity the workbook has,
 * as its list may leave some out (refusal-findings.ts).
 */
export interface ErrorAnswer { error: { code: string; message: string; findings?: FindingView[]; counts?: RefusalCounts } }

/** Preview of what approving would change against the current publication. */
/**
 * `label`: the template's sheet and column of the field («Proyectos › Monto»), when it has one. `currency`: for an
 * amount of money, the currency beside it on each side (null: none written, pesos), so it is shown as money.
 */
export interface FieldChange {
  path: string; label?: string; before: string | null; after: string | null; currency?: { before: string | null; after: string | null };
  /**
   * A process's published value the workbook no longer has (a deleted row, an emptied cell) that its record keeps:
   * OCDS merges releases, so what was published stays (core/merge/kept-in-record). Absent otherwise.
   */
  kept?: true;
}
export type Change = 'new' | 'changed' | 'unchanged' | 'removed';
/**
 * A changed process whose new release has the content of one published before its latest (A → B → A: an older copy
 * of the workbook sent again): approving takes back what was published since. `publishedAt`: when that earlier
 * release was published; `undoneSince`: when the first release after it was, from which on the changes are undone.
 */
export interface ReturnsTo { publishedAt: string; undoneSince: string }
export interface ItemChange { id: string; title: string | null; change: Change; fields: FieldChange[]; returnsTo?: ReturnsTo }
/** `returning`: how many of the changed ones return to an earlier published state (all of them, listed or not). */
export interface ChangeGroup { counts: Record<Change, number>; items: ItemChange[]; returning?: number }
/**
 * A process a project of the send lists that another registered implementer publishes (its ocid prefix): publication
 * takes its summary from that implementer's current publication, not as the send typed it
 * (functions/src/publication/published-elsewhere.ts). `publishedAt`: that publication's date; null while it has not
 * published the process (its summary is then published as typed, until both have published again).
 */
export interface ElsewhereProcess { ocid: string; projects: string[]; publisher: string; publishedAt: string | null }
export interface ChangePreview {
  processes: ChangeGroup;
  projects: ChangeGroup;
  /** The send's projects' processes of other implementers (absent: none, or a preview computed before it was said). */
  elsewhere?: ElsewhereProcess[];
}
export interface PreviewAnswer {
  viewer: Viewer;
  submission: SubmissionView;
  /** Id of the publication compared against; null before the first publication. */
  currentPublicationId: string | null;
  preview: ChangePreview;
  /** The live sheet differs from the snapshot (the implementer kept editing); null when it cannot be told. */
  liveChanged: boolean | null;
  /**
   * When the institution's newer submission, already approved, was sent: approving this older one is refused (it
   * would publish older data over it). Null when there is none.
   */
  newerApprovedAt: string | null;
  /** That newer send's file or spreadsheet name; null when it has none. */
  newerApprovedName?: string | null;
  /**
   * The institution's newest send sent after this one and also awaiting a decision (two sends close together: the
   * inbox lists the older first): its id, when it was sent and its file's or spreadsheet's name. Null when there is
   * none, or when a newer one is already approved (`newerApprovedAt` says that).
   */
  newerPending?: { id: string; sentAt: string; name: string | null } | null;
}

/** Cell values as JSON: a date travels as the calendar day its sheet shows (`2024-03-31`, workbook-values.ts). */
export type JsonCell = string | number | boolean | null;
/**
 * `merges`: the sheet's merged ranges (A1, `B3:B5`), which the engine reports (sheet.merged-cells) as it does for a file.
 * `links`: the web links behind texts of link columns (A1 → address: «Contrato» linked to its PDF), which the engine
 * publishes instead of the text, as it does for a file (core/unflatten/link-cells.ts).
 * `formulas`: the link formulas of such cells (A1 → `=HIPERVINCULO("https://…";"Ver")`), whose address the engine
 * reads (core/unflatten/link-formula.ts).
 * `hiddenColumns`: the columns the official hid (ranges, 1-based), which the engine warns of when they hold data.
 * `hiddenRows`: the rows holding data that a filter leaves out (how many, and the first few, 1-based), which the
 * engine warns of (sheet.hidden-rows) as it does for an .xlsx and for a sheet the cloud reads through the Sheets API.
 */
export interface WorkbookValues { sheets: { name: string; rows: JsonCell[][]; merges?: string[]; links?: Record<string, string>; formulas?: Record<string, string>; hiddenColumns?: { from: number; to: number }[]; hiddenRows?: { count: number; rows: number[] } }[] }

/**
 * POST /api/submissions. Cloud: `spreadsheetId` (the backend pulls the sheet). Self-hosted from the add-on:
 * `spreadsheetId` plus `workbook`, the values as the add-on read them. `publisherId` only for admins.
 * `spreadsheetName`: the spreadsheet's name, as the add-on reads it, shown to the coordinators (sourceName).
 */
export interface CreateSubmissionRequest { spreadsheetId?: string; spreadsheetName?: string; publisherId?: string; workbook?: WorkbookValues }
/**
 * A decision names the revision the coordinator reviewed (`revision`: its snapshot's content hash, SnapshotView): an
 * official who sends a new version while the page is open replaces the revision under review, and «Aprobar» would
 * publish — or «Devolver» comment on — a version nobody looked at. The server refuses it (409 'revision-changed').
 * Optional: callers that show no revision (the add-on's panel) decide on the one under review.
 */
export interface DecisionRequest { revision?: string }
export interface ReturnRequest extends DecisionRequest { comment: string }
/** Content type of a create request that carries `workbook` (larger than ordinary JSON bodies). */
export const WORKBOOK_JSON_MIME = 'application/vnd.infra-abierta.workbook+json';
/**
 * The most a body carrying `workbook` may hold once decompressed (the add-on sends it with gzip; the server's own
 * MAX_BODY_BYTES limits what travels). Fixed here, not configured, so the add-on can tell the official before sending.
 * About 10,000 processes of the demo's density (bench synthetic workbook: about 16 MB of values per 1,000, which gzip
 * packs into well under MAX_BODY_BYTES) — the large state the .xlsx read limits are also sized for — and small enough
 * that the server parses it in memory on a 2 GiB machine.
 */
export const MAX_WORKBOOK_VALUES_BYTES = 160 * 2 ** 20;
/**
 * The largest request body a server takes unless MAX_BODY_BYTES says otherwise: an .xlsx sent as it is, or the
 * add-on's values as they travel (gzip). A large state's workbook of 10,000 processes and 5,000 projects, the template
 * filled as Excel saves it, measured 23.5 MiB (the demo's processes cloned) and 29.9 MiB (the real Mexican publications
 * in ../shared/standards cloned: Nuevo León's projects carry 47 budget lines each), and 31 MiB with inline strings
 * instead of shared ones: the former 20 MiB refused all three. 64 MiB leaves twice the largest. Here, not only in the
 * server's configuration, because the add-on names it when a proxy in front of the server refuses less.
 * Memory is bounded by the read limits (rows and cells: ingest/xlsx/read-limits.ts), not by this: what the server
 * holds of a workbook grows with its rows, and the body itself is a single buffer.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 2 ** 20;
/** An .xlsx file sent as it is (self-hosted uploads: the dashboard's *Mis envíos*, scripts). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_COMMENT_LENGTH = 5000;
/** Characters kept of a spreadsheet's name: a title, not a text (Google Sheets lets a name run much longer). */
export const MAX_SOURCE_NAME_LENGTH = 120;

// ---- runtime checks --------------------------------------------------------------------------------------

/** An answer or request that does not have the contract's shape; `path` says where. */
export class ContractError extends Error {
  constructor(readonly path: string, expected: string) {
    super(`La respuesta no tiene la forma acordada: en «${path}» se esperaba ${expected}.`);
    this.name = 'ContractError';
  }
}

type Obj = Record<string, unknown>;

function obj(v: unknown, path: string): Obj {
  if (!isObject(v)) throw new ContractError(path, 'un objeto');
  return v;
}
function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ContractError(path, 'un texto');
  return v;
}
function strOrNull(v: unknown, path: string): string | null {
  return v === null || v === undefined ? null : str(v, path);
}
function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ContractError(path, 'un número');
  return v;
}
function oneOf<T extends string>(v: unknown, values: readonly T[], path: string): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw new ContractError(path, `uno de ${values.join(', ')}`);
  return v as T;
}
function arr<T>(v: unknown, path: string, item: (x: unknown, p: string) => T): T[] {
  if (!Array.isArray(v)) throw new ContractError(path, 'una lista');
  return v.map((x, i) => item(x, `${path}[${i}]`));
}

export function checkScope(v: unknown, path = 'scope'): Scope {
  const o = obj(v, path);
  const kind = oneOf(o.kind, ['publisher', 'state', 'all'] as const, `${path}.kind`);
  if (kind === 'publisher') return { kind, publisherId: str(o.publisherId, `${path}.publisherId`) };
  if (kind === 'state') return { kind, state: str(o.state, `${path}.state`) };
  return { kind };
}

export function checkViewer(v: unknown, path = 'viewer'): Viewer {
  const o = obj(v, path);
  return { email: str(o.email, `${path}.email`), role: oneOf(o.role, ROLES, `${path}.role`), scope: checkScope(o.scope, `${path}.scope`) };
}

function checkFinding(v: unknown, path: string): FindingView {
  const o = obj(v, path);
  const f: FindingView = { code: str(o.code, `${path}.code`), severity: oneOf(o.severity, ['error', 'warning', 'info'] as const, `${path}.severity`), message: str(o.message, `${path}.message`) };
  if (o.cell !== undefined) {
    const c = obj(o.cell, `${path}.cell`);
    f.cell = { sheet: str(c.sheet, `${path}.cell.sheet`) };
    if (c.row !== undefined) f.cell.row = num(c.row, `${path}.cell.row`);
    if (c.column !== undefined) f.cell.column = num(c.column, `${path}.cell.column`);
    if (c.header !== undefined) f.cell.header = str(c.header, `${path}.cell.header`);
  }
  if (o.pointer !== undefined) f.pointer = str(o.pointer, `${path}.pointer`);
  return f;
}

export function checkFindingsPageAnswer(v: unknown): FindingsPageAnswer {
  const o = obj(v, 'answer');
  const c = obj(o.counts, 'counts');
  const f = obj(o.filter, 'filter');
  return {
    viewer: checkViewer(o.viewer), submissionId: str(o.submissionId, 'submissionId'), complete: o.complete === true,
    counts: { errors: num(c.errors, 'counts.errors'), warnings: num(c.warnings, 'counts.warnings'), infos: num(c.infos, 'counts.infos') },
    filter: { severity: f.severity === null ? null : oneOf(f.severity, ['error', 'warning', 'info'] as const, 'filter.severity'), sheet: strOrNull(f.sheet, 'filter.sheet') },
    sheets: arr(o.sheets, 'sheets', (x, p) => { const e = obj(x, p); return { sheet: str(e.sheet, `${p}.sheet`), count: num(e.count, `${p}.count`) }; }),
    matching: num(o.matching, 'matching'), page: num(o.page, 'page'), pages: num(o.pages, 'pages'), pageSize: num(o.pageSize, 'pageSize'),
    findings: arr(o.findings, 'findings', (x, p) => ({ ...checkFinding(x, p), detail: str(obj(x, p).detail, `${p}.detail`) })),
  };
}

function checkRefusedSend(v: unknown, path: string): RefusedSendView {
  const o = obj(v, path);
  return {
    id: str(o.id, `${path}.id`), publisherId: str(o.publisherId, `${path}.publisherId`), publisherName: str(o.publisherName, `${path}.publisherName`), state: str(o.state, `${path}.state`),
    at: str(o.at, `${path}.at`), by: str(o.by, `${path}.by`), errors: num(o.errors, `${path}.errors`), warnings: num(o.warnings, `${path}.warnings`), infos: num(o.infos, `${path}.infos`),
  };
}
export function checkRefusedSendsAnswer(v: unknown): RefusedSendsAnswer {
  const o = obj(v, 'answer');
  return { viewer: checkViewer(o.viewer), refused: arr(o.refused, 'refused', checkRefusedSend), keptDays: num(o.keptDays, 'keptDays') };
}
export function checkRefusedSendAnswer(v: unknown): RefusedSendAnswer {
  const o = obj(v, 'answer');
  return { viewer: checkViewer(o.viewer), refused: checkRefusedSend(o.refused, 'refused'), message: str(o.message, 'message'), findings: arr(o.findings, 'findings', checkFinding) };
}

export function checkFindings(v: unknown, path = 'findings'): FindingView[] {
  return arr(v, path, checkFinding);
}

function checkSource(v: unknown, path: string): SourceView {
  const o = obj(v, path);
  const kind = oneOf(o.kind, ['sheets', 'xlsx', 'values'] as const, `${path}.kind`);
  const name = o.name !== undefined ? { name: str(o.name, `${path}.name`) } : {};
  if (kind === 'sheets') return { kind, spreadsheetId: str(o.spreadsheetId, `${path}.spreadsheetId`), ...name };
  if (kind === 'xlsx') return { kind, fileId: str(o.fileId, `${path}.fileId`), ...name };
  return { kind, spreadsheetId: strOrNull(o.spreadsheetId, `${path}.spreadsheetId`), ...name };
}

export function checkSubmission(v: unknown, path = 'submission'): SubmissionView {
  const o = obj(v, path);
  const findings = o.findings === null || o.findings === undefined ? null : (() => {
    const f = obj(o.findings, `${path}.findings`);
    return { errors: num(f.errors, `${path}.findings.errors`), warnings: num(f.warnings, `${path}.findings.warnings`), infos: num(f.infos, `${path}.findings.infos`), sample: checkFindings(f.sample, `${path}.findings.sample`) };
  })();
  const snapshot = o.snapshot === null || o.snapshot === undefined ? null : (() => {
    const s = obj(o.snapshot, `${path}.snapshot`);
    return {
      contentHash: str(s.contentHash, `${path}.snapshot.contentHash`), takenAt: str(s.takenAt, `${path}.snapshot.takenAt`),
      sheets: num(s.sheets, `${path}.snapshot.sheets`), rows: num(s.rows, `${path}.snapshot.rows`),
      completeness: s.completeness === null ? null : num(s.completeness, `${path}.snapshot.completeness`),
      ...(s.processes !== undefined ? { processes: num(s.processes, `${path}.snapshot.processes`) } : {}),
      ...(s.projects !== undefined ? { projects: num(s.projects, `${path}.snapshot.projects`) } : {}),
    };
  })();
  return {
    id: str(o.id, `${path}.id`),
    publisherId: str(o.publisherId, `${path}.publisherId`),
    publisherName: str(o.publisherName, `${path}.publisherName`),
    state: str(o.state, `${path}.state`),
    status: oneOf(o.status, SUBMISSION_STATUSES, `${path}.status`),
    statusLabel: str(o.statusLabel, `${path}.statusLabel`),
    source: checkSource(o.source, `${path}.source`),
    createdAt: str(o.createdAt, `${path}.createdAt`),
    updatedAt: str(o.updatedAt, `${path}.updatedAt`),
    submittedBy: strOrNull(o.submittedBy, `${path}.submittedBy`),
    history: arr(o.history, `${path}.history`, (h, p) => {
      const e = obj(h, p);
      return { at: str(e.at, `${p}.at`), by: str(e.by, `${p}.by`), action: str(e.action, `${p}.action`), ...(e.comment !== undefined ? { comment: str(e.comment, `${p}.comment`) } : {}) };
    }),
    ...(o.earlierEntries !== undefined ? { earlierEntries: num(o.earlierEntries, `${path}.earlierEntries`) } : {}),
    comments: arr(o.comments, `${path}.comments`, (c, p) => {
      const e = obj(c, p);
      return { at: str(e.at, `${p}.at`), by: str(e.by, `${p}.by`), text: str(e.text, `${p}.text`) };
    }),
    findings,
    snapshot,
    failureReason: strOrNull(o.failureReason ?? null, `${path}.failureReason`),
    ...(o.newerApprovedAt !== undefined ? { newerApprovedAt: str(o.newerApprovedAt, `${path}.newerApprovedAt`) } : {}),
    ...(o.newerApprovedName !== undefined ? { newerApprovedName: str(o.newerApprovedName, `${path}.newerApprovedName`) } : {}),
  };
}

/**
 * GET /api/session: who the credential belongs to — e-mail, role and scope (an official's institution, a
 * coordinator's state) — asked alone, as the dashboard's menu and sign-in page need it; 401 without a valid one.
 * POST /api/session answers the same and is the sign-in the Bitácora keeps (with the address it came from).
 */
export interface SessionAnswer { viewer: Viewer }

export function checkSessionAnswer(v: unknown): SessionAnswer {
  return { viewer: checkViewer(obj(v, 'respuesta').viewer) };
}

/**
 * GET /api/auth-config: how the pages sign in — a personal access key (self-hosted), the Google button (cloud) — and
 * whether officials may send .xlsx files (`uploads`); `none` on a server that only publishes (no review routes), whose
 * pages then offer no sign-in.
 */
export type AuthConfig = ({ method: 'token' } | { method: 'google'; googleClientId: string } | { method: 'none' }) & {
  uploads?: boolean;
  /** With `uploads`: the largest .xlsx the server takes (MAX_BODY_BYTES); *Mis envíos* refuses a larger one before sending. */
  maxUploadBytes?: number;
};

export function checkSubmissionAnswer(v: unknown): SubmissionAnswer {
  const o = obj(v, 'respuesta');
  return { viewer: checkViewer(o.viewer), submission: checkSubmission(o.submission) };
}

/** What the add-on reads of the public `GET /api/publishers`: each institution's registered prefixes. */
export interface RegisteredPrefixes { id: string; ocidPrefix: string; projectIdPrefix: string }

export function checkPublisherPrefixes(v: unknown): RegisteredPrefixes[] {
  return arr(obj(v, 'respuesta').publishers, 'publishers', (p, path) => {
    const o = obj(p, path);
    return { id: str(o.id, `${path}.id`), ocidPrefix: str(o.ocidPrefix, `${path}.ocidPrefix`), projectIdPrefix: str(o.projectIdPrefix, `${path}.projectIdPrefix`) };
  });
}

export function checkSubmissionListAnswer(v: unknown): SubmissionListAnswer {
  const o = obj(v, 'respuesta');
  const links = obj(o.links, 'links');
  return {
    viewer: checkViewer(o.viewer),
    submissions: arr(o.submissions, 'submissions', checkSubmission),
    links: links.next === undefined ? {} : { next: str(links.next, 'links.next') },
    serviceAccount: strOrNull(o.serviceAccount, 'serviceAccount'),
  };
}

const SUBMIT_OUTCOMES = Object.keys(SUBMIT_OUTCOME_TEXT) as SubmitOutcome[];

export function checkSubmitAnswer(v: unknown): SubmitAnswer {
  const base = checkSubmissionAnswer(v);
  const outcome = (v as Obj).outcome;
  if (!SUBMIT_OUTCOMES.includes(outcome as SubmitOutcome)) throw new ContractError('outcome', `uno de ${SUBMIT_OUTCOMES.join(', ')}`);
  return { ...base, outcome: outcome as SubmitOutcome };
}

/**
 * A send still being checked (the workbook read, converted and validated) when its request's budget ran out: 202
 * with this body, `Location` naming where to ask (WORKFLOW_PATHS.sendCheck) and `Retry-After`. Asked there (GET),
 * the same 202 while it goes on, then what the send itself would have answered: 201/200 with a SubmitAnswer, or the
 * error (422 with the findings…). 202 rather than the preview's 503: the POST was taken and is being acted on, and a
 * 503 invites sending it again (the whole workbook, a second check); a client that does not know this answer reads
 * no submission in it and says the answer was unexpected, where before a proxy cut the request at 60 s.
 */
export const SEND_CHECKING = 'send-checking';
export const SEND_CHECKING_RETRY_SECONDS = 5;
export interface SendCheckingAnswer {
  checking: { id: string; since: string; location: string };
  message: string;
}

/**
 * POST /api/workbook-check («Revisar sin enviar»): an .xlsx checked as a send would check it — the same findings,
 * listed and counted as a refusal lists them (refusal-findings.ts) — and nothing else done: no submission, nothing
 * kept, nobody told. 200 whatever the verdict (errors are its answer, not a failure); past the send's budget, the same
 * SendCheckingAnswer, and this answer where it says.
 */
export interface WorkbookCheckAnswer { message: string; counts: RefusalCounts; findings: FindingView[] }

export function checkWorkbookCheckAnswer(v: unknown): WorkbookCheckAnswer {
  const o = obj(v, 'answer');
  const c = obj(o.counts, 'counts');
  const n = (x: unknown, path: string): number => { if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new ContractError(path, 'un número entero'); return x; };
  return { message: str(o.message, 'message'), counts: { errors: n(c.errors, 'counts.errors'), warnings: n(c.warnings, 'counts.warnings'), infos: n(c.infos, 'counts.infos') }, findings: checkFindings(o.findings) };
}

/** A check's answer (WorkbookCheckAnswer) or «se está revisando» (SendCheckingAnswer). */
export function checkWorkbookCheckOrChecking(v: unknown): WorkbookCheckAnswer | SendCheckingAnswer {
  if (isSendChecking(v)) return { checking: { id: v.checking.id, since: str(v.checking.since, 'checking.since'), location: v.checking.location }, message: v.message };
  return checkWorkbookCheckAnswer(v);
}

export function isSendChecking(v: unknown): v is SendCheckingAnswer {
  return isObject(v) && isObject(v.checking) && typeof v.checking.id === 'string' && typeof v.checking.location === 'string' && typeof v.message === 'string';
}

/** A send's answer (SubmitAnswer) or «se está revisando» (SendCheckingAnswer). */
export function checkSubmitOrChecking(v: unknown): SubmitAnswer | SendCheckingAnswer {
  if (isSendChecking(v)) return { checking: { id: v.checking.id, since: str(v.checking.since, 'checking.since'), location: v.checking.location }, message: v.message };
  return checkSubmitAnswer(v);
}

export function checkApproveAnswer(v: unknown): ApproveAnswer {
  const base = checkSubmissionAnswer(v);
  if ((v as Obj).publication === null || (v as Obj).publication === undefined) return { ...base, publication: null };
  const p = obj((v as Obj).publication, 'publication');
  const counts = obj(p.counts, 'publication.counts');
  return {
    ...base,
    publication: {
      id: str(p.id, 'publication.id'), createdAt: str(p.createdAt, 'publication.createdAt'),
      unchanged: p.unchanged === true, changedProcesses: arr(p.changedProcesses, 'publication.changedProcesses', str),
      counts: { releases: num(counts.releases, 'publication.counts.releases'), records: num(counts.records, 'publication.counts.records'), projects: num(counts.projects, 'publication.counts.projects') },
    },
  };
}

const CHANGES = ['new', 'changed', 'unchanged', 'removed'] as const;
function currencies(v: unknown, path: string): { before: string | null; after: string | null } {
  const o = obj(v, path);
  return { before: strOrNull(o.before, `${path}.before`), after: strOrNull(o.after, `${path}.after`) };
}

function checkGroup(v: unknown, path: string): ChangeGroup {
  const o = obj(v, path);
  const c = obj(o.counts, `${path}.counts`);
  return {
    counts: { new: num(c.new, `${path}.counts.new`), changed: num(c.changed, `${path}.counts.changed`), unchanged: num(c.unchanged, `${path}.counts.unchanged`), removed: num(c.removed, `${path}.counts.removed`) },
    items: arr(o.items, `${path}.items`, (x, p) => {
      const i = obj(x, p);
      return {
        id: str(i.id, `${p}.id`), title: strOrNull(i.title, `${p}.title`), change: oneOf(i.change, CHANGES, `${p}.change`),
        fields: arr(i.fields, `${p}.fields`, (f, fp) => { const fo = obj(f, fp); return { path: str(fo.path, `${fp}.path`), ...(fo.label !== undefined ? { label: str(fo.label, `${fp}.label`) } : {}), before: strOrNull(fo.before, `${fp}.before`), after: strOrNull(fo.after, `${fp}.after`), ...(fo.currency !== undefined ? { currency: currencies(fo.currency, `${fp}.currency`) } : {}), ...(fo.kept === true ? { kept: true as const } : {}) }; }),
        ...(i.returnsTo === undefined ? {} : { returnsTo: (() => { const r = obj(i.returnsTo, `${p}.returnsTo`); return { publishedAt: str(r.publishedAt, `${p}.returnsTo.publishedAt`), undoneSince: str(r.undoneSince, `${p}.returnsTo.undoneSince`) }; })() }),
      };
    }),
    ...(o.returning === undefined ? {} : { returning: num(o.returning, `${path}.returning`) }),
  };
}

export function checkPreviewAnswer(v: unknown): PreviewAnswer {
  const base = checkSubmissionAnswer(v);
  const o = v as Obj;
  const preview = obj(o.preview, 'preview');
  return {
    ...base,
    currentPublicationId: strOrNull(o.currentPublicationId, 'currentPublicationId'),
    preview: {
      processes: checkGroup(preview.processes, 'preview.processes'), projects: checkGroup(preview.projects, 'preview.projects'),
      ...(preview.elsewhere === undefined ? {} : { elsewhere: arr(preview.elsewhere, 'preview.elsewhere', (e, p) => {
        const x = obj(e, p);
        return { ocid: str(x.ocid, `${p}.ocid`), projects: arr(x.projects, `${p}.projects`, str), publisher: str(x.publisher, `${p}.publisher`), publishedAt: strOrNull(x.publishedAt, `${p}.publishedAt`) };
      }) }),
    },
    liveChanged: o.liveChanged === null || o.liveChanged === undefined ? null : o.liveChanged === true,
    newerApprovedAt: o.newerApprovedAt === undefined ? null : strOrNull(o.newerApprovedAt, 'newerApprovedAt'),
    newerApprovedName: o.newerApprovedName === undefined ? null : strOrNull(o.newerApprovedName, 'newerApprovedName'),
    newerPending: o.newerPending === undefined || o.newerPending === null ? null : (() => {
      const n = obj(o.newerPending, 'newerPending');
      return { id: str(n.id, 'newerPending.id'), sentAt: str(n.sentAt, 'newerPending.sentAt'), name: strOrNull(n.name ?? null, 'newerPending.name') };
    })(),
  };
}

export function checkCompareAnswer(v: unknown): CompareAnswer {
  const changed = (v as Obj).changed;
  return { ...checkSubmissionAnswer(v), changed: changed === null || changed === undefined ? null : changed === true };
}

/** The error body of any failed call, or null when the body is not one (an HTML error page, a proxy…). */
export function readErrorAnswer(v: unknown): ErrorAnswer | null {
  if (!isObject(v) || !isObject(v.error) || typeof v.error.message !== 'string') return null;
  const code = typeof v.error.code === 'string' ? v.error.code : 'error';
  let findings: FindingView[] | undefined;
  try { if (v.error.findings !== undefined) findings = checkFindings(v.error.findings, 'error.findings'); } catch { findings = undefined; }
  const c = v.error.counts;
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  const counts = isObject(c) && whole(c.errors) && whole(c.warnings) && whole(c.infos) ? { errors: c.errors, warnings: c.warnings, infos: c.infos } : undefined;
  return { error: { code, message: v.error.message, ...(findings ? { findings } : {}), ...(counts ? { counts } : {}) } };
}

/** Request checks: a Spanish message naming the field (the routes turn ContractError into 400). */
export function checkReturnRequest(v: unknown): ReturnRequest {
  const raw = isObject(v) ? v.comment : undefined;
  const comment = typeof raw === 'string' ? raw.trim() : '';
  if (!comment || [...comment].length > MAX_COMMENT_LENGTH) throw new ContractError('comment', `un comentario de 1 a ${MAX_COMMENT_LENGTH} caracteres que diga qué debe corregirse`);
  const { revision } = checkDecisionRequest(v);
  return { comment, ...(revision !== undefined ? { revision } : {}) };
}

/**
 * The revision a decision was taken on, when the request names one (DecisionRequest); none when absent or null (a
 * client that does not know it). One named in another form is refused: taken for none, the decision went ahead
 * without the guard it asked for (a newer revision under review approved in its place).
 */
export function checkDecisionRequest(v: unknown): DecisionRequest {
  const raw = isObject(v) ? v.revision : undefined;
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'string' && /^[0-9a-f]{64}$/.test(raw)) return { revision: raw };
  throw new ContractError('revision', 'el identificador de la versión que se revisó (64 caracteres hexadecimales), o nada');
}

function checkMergedRange(v: unknown, path: string): string {
  if (typeof v === 'string' && /^[A-Z]{1,3}[1-9]\d{0,6}:[A-Z]{1,3}[1-9]\d{0,6}$/.test(v)) return v;
  throw new ContractError(path, 'un rango de celdas combinadas en notación A1, como «B3:B5»');
}

/** The longest web address of a cell's link that is read, from the add-on or from an .xlsx (workbook-reader.ts). */
export const MAX_LINK_LENGTH = 4096;

/** A sheet's cell links: A1 → a web address (http or https), as the add-on read them; none when empty. */
function checkLinks(v: unknown, path: string): Record<string, string> | undefined {
  const o = obj(v, path);
  const out: Record<string, string> = {};
  for (const [a1, url] of Object.entries(o)) {
    if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(a1)) throw new ContractError(`${path}.${a1}`, 'una celda en notación A1, como «F3»');
    if (typeof url !== 'string' || !/^https?:\/\/\S/i.test(url) || url.length > MAX_LINK_LENGTH) throw new ContractError(`${path}.${a1}`, 'una dirección web (http o https)');
    out[a1] = url;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Excel's longest formula; the add-on sends only link formulas, which are far shorter. */
const MAX_FORMULA_LENGTH = 8192;

/** A sheet's link formulas: A1 → the formula's text, as the add-on read them; none when empty. */
function checkFormulas(v: unknown, path: string): Record<string, string> | undefined {
  const o = obj(v, path);
  const out: Record<string, string> = {};
  for (const [a1, text] of Object.entries(o)) {
    if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(a1)) throw new ContractError(`${path}.${a1}`, 'una celda en notación A1, como «F3»');
    if (typeof text !== 'string' || text.length > MAX_FORMULA_LENGTH) throw new ContractError(`${path}.${a1}`, 'el texto de una fórmula');
    out[a1] = text;
  }
  return Object.keys(out).length ? out : undefined;
}

/** A sheet's hidden columns: ranges of column numbers within the sheet's reach, a bounded number of them. */
function checkColumnRanges(v: unknown, path: string): { from: number; to: number }[] {
  if (Array.isArray(v) && v.length > 1000) throw new ContractError(path, 'a lo más 1,000 intervalos de columnas');
  return arr(v, path, (r, rp) => {
    const o = obj(r, rp);
    const [from, to] = [o.from, o.to];
    if (typeof from !== 'number' || typeof to !== 'number' || !Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from || to > 18_278) throw new ContractError(rp, 'un intervalo de columnas {from, to}, de 1 a 18,278');
    return { from, to };
  });
}

/** The largest row number a sheet has (Google Sheets: 10 million cells; Excel: 1,048,576 rows). */
const MAX_ROW = 10_000_000;

function checkHiddenRows(v: unknown, path: string): { count: number; rows: number[] } {
  const o = obj(v, path);
  const count = o.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_ROW) throw new ContractError(`${path}.count`, 'un número de filas, de 0 a 10,000,000');
  if (Array.isArray(o.rows) && o.rows.length > Math.min(count, 1000)) throw new ContractError(`${path}.rows`, 'a lo más tantas filas como dice «count» (y no más de 1,000)');
  const rows = arr(o.rows, `${path}.rows`, (r, rp) => {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > MAX_ROW) throw new ContractError(rp, 'un número de fila, de 1 a 10,000,000');
    return r;
  });
  return { count, rows };
}

function checkCell(v: unknown, path: string): JsonCell {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new ContractError(path, 'un valor de celda (texto, número, booleano o vacío)');
}

/**
 * A name people gave a spreadsheet, as a request brings it (untrusted): one line without control characters nor
 * direction marks (which could make it read as another name), its spaces trimmed and collapsed, at most
 * MAX_SOURCE_NAME_LENGTH characters (code points, cut with «…»); undefined when nothing is left. Too long is cut, not
 * refused: a long title is no reason to refuse a send. The cut falls between graphemes (what a person sees as one
 * character): cutting between code points could leave half a joined emoji (👨‍👩‍👧 → 👨‍👩‍), half a flag (🇲🇽 → 🇲) or a
 * skin tone without its hand, so a grapheme that would not fit whole is left out whole.
 */
export function sourceName(raw: string): string | undefined {
  const name = raw.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  if ([...name].length <= MAX_SOURCE_NAME_LENGTH) return name;
  let kept = '';
  let length = 0;
  for (const segment of graphemes(name)) {
    const size = [...segment].length;
    if (length + size > MAX_SOURCE_NAME_LENGTH - 1) break; // one place is kept for «…»
    kept += segment;
    length += size;
  }
  return `${kept.trimEnd()}…`;
}

/** The part of Intl.Segmenter used here (its types are in lib ES2022, newer than the project's ES2020). */
type GraphemeSegmenter = { segment(text: string): Iterable<{ segment: string }> };
type SegmenterIntl = { Segmenter?: new (locale: string, options: { granularity: 'grapheme' }) => GraphemeSegmenter };

/**
 * The graphemes of a text. Node 20 and browsers have Intl.Segmenter; this module is also bundled into the add-on,
 * whose Apps Script runtime is not guaranteed to, so without it the text is split by code points (the old cut) rather
 * than failing the send. The locale does not change where grapheme boundaries fall.
 */
function* graphemes(text: string): Iterable<string> {
  const Segmenter = (Intl as SegmenterIntl).Segmenter;
  if (Segmenter === undefined) { yield* text; return; }
  for (const { segment } of new Segmenter('es-MX', { granularity: 'grapheme' }).segment(text)) yield segment;
}

export function checkCreateRequest(v: unknown): CreateSubmissionRequest {
  const o = isObject(v) ? v : {};
  const out: CreateSubmissionRequest = {};
  if (o.spreadsheetId !== undefined) out.spreadsheetId = str(o.spreadsheetId, 'spreadsheetId');
  if (o.spreadsheetName !== undefined && o.spreadsheetName !== null) {
    const name = sourceName(str(o.spreadsheetName, 'spreadsheetName'));
    if (name !== undefined) out.spreadsheetName = name;
  }
  if (o.publisherId !== undefined) out.publisherId = str(o.publisherId, 'publisherId');
  if (o.workbook !== undefined) {
    const w = obj(o.workbook, 'workbook');
    out.workbook = {
      sheets: arr(w.sheets, 'workbook.sheets', (s, p) => {
        const sheet = obj(s, p);
        const merges = sheet.merges === undefined ? undefined : arr(sheet.merges, `${p}.merges`, checkMergedRange);
        const links = sheet.links === undefined ? undefined : checkLinks(sheet.links, `${p}.links`);
        const formulas = sheet.formulas === undefined ? undefined : checkFormulas(sheet.formulas, `${p}.formulas`);
        const hiddenColumns = sheet.hiddenColumns === undefined ? undefined : checkColumnRanges(sheet.hiddenColumns, `${p}.hiddenColumns`);
        const hiddenRows = sheet.hiddenRows === undefined ? undefined : checkHiddenRows(sheet.hiddenRows, `${p}.hiddenRows`);
        return { name: str(sheet.name, `${p}.name`), rows: arr(sheet.rows, `${p}.rows`, (r, rp) => arr(r, rp, checkCell)), ...(merges?.length ? { merges } : {}), ...(links ? { links } : {}), ...(formulas ? { formulas } : {}), ...(hiddenColumns?.length ? { hiddenColumns } : {}), ...(hiddenRows?.count ? { hiddenRows } : {}) };
      }),
    };
  }
  return out;
}

/** The coordinators' comments of a history (each return), in the order they were written. */
export function commentsOf(history: HistoryView[]): CommentView[] {
  return history.filter((h) => h.action === 'returned' && h.comment !== undefined && h.comment !== '').map((h) => ({ at: h.at, by: h.by, text: h.comment as string }));
}

// ---- program stages (E.1…E.7) ------------------------------------------------------------------------------

/** Stage code (E.1…E.7, core/workflow/stages.ts) → date reached, YYYY-MM-DD. */
export type StageDatesView = Record<string, string>;
/** One implementer's stages, as a coordinator may record them. */
export interface PublisherStagesView { publisherId: string; name: string; state: string; stages: StageDatesView }
/** GET /api/stages: the implementers whose stages the viewer may record (a coordinator: those of its state). */
export interface StagesListAnswer { viewer: Viewer; publishers: PublisherStagesView[] }
/** PUT /api/publishers/{id}/stages answers the implementer's stages after the change. */
export interface StagesAnswer { viewer: Viewer; publisherId: string; stages: StageDatesView }
/** PUT body: the dates that change; null removes one (checked by core/workflow/stages.ts `checkStages`). */
export interface StagesRequest { stages: Record<string, string | null> }

/** POST /api/stages/batch body: each implementer's changes, as StagesRequest (core/workflow/stage-batch.ts checkStageBatch). */
export interface StageBatchRequest { changes: { publisherId: string; stages: Record<string, string | null> }[] }
/**
 * What became of each implementer of a batch: `saved` (its dates after the change in `stages`), `already` (it had
 * them: nothing written), `refused` (not one the user may record, or not registered: `message` says why, in Spanish),
 * `failed` (the store did not take the write: `message`) and, after a failure, `untried`.
 */
export const STAGE_BATCH_OUTCOMES = ['saved', 'already', 'refused', 'failed', 'untried'] as const;
export type StageBatchOutcomeKind = (typeof STAGE_BATCH_OUTCOMES)[number];
export interface StageBatchResult { publisherId: string; name: string; outcome: StageBatchOutcomeKind; stages?: StageDatesView; message?: string }
/** POST /api/stages/batch answers one result per implementer sent, in the order sent. */
export interface StageBatchAnswer { viewer: Viewer; results: StageBatchResult[] }

function checkStageDates(v: unknown, path: string): StageDatesView {
  const o = obj(v, path);
  const out: StageDatesView = {};
  for (const [code, date] of Object.entries(o)) {
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ContractError(`${path}.${code}`, 'una fecha AAAA-MM-DD');
    out[code] = date;
  }
  return out;
}

export function checkStagesAnswer(v: unknown): StagesAnswer {
  const o = obj(v, 'respuesta');
  return { viewer: checkViewer(o.viewer), publisherId: str(o.publisherId, 'publisherId'), stages: checkStageDates(o.stages, 'stages') };
}

export function checkStagesListAnswer(v: unknown): StagesListAnswer {
  const o = obj(v, 'respuesta');
  return {
    viewer: checkViewer(o.viewer),
    publishers: arr(o.publishers, 'publishers', (x, p) => {
      const e = obj(x, p);
      return { publisherId: str(e.publisherId, `${p}.publisherId`), name: str(e.name, `${p}.name`), state: str(e.state, `${p}.state`), stages: checkStageDates(e.stages, `${p}.stages`) };
    }),
  };
}

export function checkStageBatchAnswer(v: unknown): StageBatchAnswer {
  const o = obj(v, 'respuesta');
  return {
    viewer: checkViewer(o.viewer),
    results: arr(o.results, 'results', (x, p) => {
      const e = obj(x, p);
      return {
        publisherId: str(e.publisherId, `${p}.publisherId`), name: str(e.name, `${p}.name`), outcome: oneOf(e.outcome, STAGE_BATCH_OUTCOMES, `${p}.outcome`),
        ...(e.stages !== undefined ? { stages: checkStageDates(e.stages, `${p}.stages`) } : {}),
        ...(e.message !== undefined ? { message: str(e.message, `${p}.message`) } : {}),
      };
    }),
  };
}

// ---- the coordinators' monthly report ------------------------------------------------------------------------

/**
 * GET /api/monthly-report?month=aaaa-mm[&state=…]: the monthly account (core/workflow/monthly-account.ts) of a state's
 * implementers; a coordinator's own state, any state for the administration. `month` defaults to the last one over.
 */
export interface MonthlyReportAnswer extends Omit<MonthlyAccount, 'implementers'> {
  viewer: Viewer;
  state: string;
  implementers: ReportImplementer[];
  /**
   * The part of the month whose sends refused for errors are counted (core/workflow/refused-in-month.ts: the whole
   * month, or from when counting began); null for a month over before counting began; absent from a server that does
   * not count them.
   */
  refusedCounted?: RefusedStretch | null;
}
/** An implementer's figures, and its refused attempts in `refusedCounted` (present when that is). */
export interface ReportImplementer extends ImplementerAccount { refusedAttempts?: number }

/** One state's report, as GET /api/monthly-report answers it (without who asked). */
export type StateMonthlyReport = Omit<MonthlyReportAnswer, 'viewer'>;
/**
 * GET /api/monthly-report/states?month=aaaa-mm (the administration only): every state's report of the month, made as
 * each state's own (functions/src/workflow/monthly-report-routes.ts stateReport), for the national team's quarterly
 * account to the initiative's partners. `month` defaults to the last one over in Mexico City.
 */
export interface NationalReportAnswer { viewer: Viewer; month: string; states: StateMonthlyReport[] }

/**
 * 401 from a self-hosted server whose request carried something other than one of its access keys (`ia_…`): a Google
 * identity, which the add-on sends while the official has not yet typed the key in «Configurar servidor». The add-on
 * says what to do then (write the key there); a key of the right form that is unknown stays «no es válida o fue revocada».
 */
export const ACCESS_KEY_REQUIRED = 'access-key-required';

/**
 * The report is not ready yet: 503 with this error code (and `Retry-After`) while the month closes it needs are being
 * made for the first time (functions/src/workflow/month-closes.ts); asked again, it goes on from where it stopped.
 * The coordinators' page asks again by itself after REPORT_PREPARING_RETRY_SECONDS.
 */
export const REPORT_PREPARING = 'report-preparing';
export const REPORT_PREPARING_RETRY_SECONDS = 5;

/**
 * The preview of a send is not ready yet: 503 with this error code (and `Retry-After`) while it is computed outside
 * the request (functions/src/workflow/prepared-preview.ts) — a large workbook takes longer than a proxy lets a
 * request wait. The submission's page asks again by itself after PREVIEW_PREPARING_RETRY_SECONDS.
 */
export const PREVIEW_PREPARING = 'preview-preparing';
export const PREVIEW_PREPARING_RETRY_SECONDS = 5;

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ContractError(path, 'verdadero o falso');
  return v;
}
function numOrNull(v: unknown, path: string): number | null {
  return v === null ? null : num(v, path);
}
function checkFigures(v: unknown, path: string): AccountFigures {
  const o = obj(v, path);
  const n = (k: keyof AccountFigures): number => num(o[k], `${path}.${k}`);
  return {
    received: n('received'), approved: n('approved'), returned: n('returned'), withdrawn: n('withdrawn'), waiting: n('waiting'),
    longestWaitDays: numOrNull(o.longestWaitDays, `${path}.longestWaitDays`), reviewed: n('reviewed'),
    medianReviewDays: numOrNull(o.medianReviewDays, `${path}.medianReviewDays`), publications: n('publications'), confirmations: n('confirmations'),
  };
}

export function checkMonthlyReportAnswer(v: unknown): MonthlyReportAnswer {
  return { viewer: checkViewer(obj(v, 'respuesta').viewer), ...checkStateReport(v, 'respuesta') };
}

export function checkNationalReportAnswer(v: unknown): NationalReportAnswer {
  const o = obj(v, 'respuesta');
  return { viewer: checkViewer(o.viewer), month: str(o.month, 'month'), states: arr(o.states, 'states', (x, p) => checkStateReport(x, p)) };
}

function checkStateReport(v: unknown, where: string): StateMonthlyReport {
  const o = obj(v, where);
  return {
    state: str(o.state, 'state'), month: str(o.month, 'month'), closedAt: str(o.closedAt, 'closedAt'),
    complete: bool(o.complete, 'complete'),
    total: checkFigures(o.total, 'total'),
    implementers: arr(o.implementers, 'implementers', (x, p): ReportImplementer => {
      const e = obj(x, p);
      return {
        publisherId: str(e.publisherId, `${p}.publisherId`), name: str(e.name, `${p}.name`), ...checkFigures(e, p),
        ...(e.refusedAttempts !== undefined ? { refusedAttempts: num(e.refusedAttempts, `${p}.refusedAttempts`) } : {}),
      };
    }),
    ...(o.refusedCounted === null ? { refusedCounted: null } : o.refusedCounted !== undefined ? {
      refusedCounted: (() => { const c = obj(o.refusedCounted, 'refusedCounted'); return { from: str(c.from, 'refusedCounted.from'), to: str(c.to, 'refusedCounted.to') }; })(),
    } : {}),
  };
}

export const WORKFLOW_PATHS = {
  submissions: '/api/submissions',
  /** POST: «Revisar sin enviar», an .xlsx checked as a send would check it (WorkbookCheckAnswer). */
  workbookCheck: '/api/workbook-check',
  submission: (id: string) => `/api/submissions/${encodeURIComponent(id)}`,
  /** A send being checked past its request's budget (SEND_CHECKING). */
  sendCheck: (id: string) => `/api/submissions/checks/${encodeURIComponent(id)}`,
  approve: (id: string) => `/api/submissions/${encodeURIComponent(id)}/approve`,
  return: (id: string) => `/api/submissions/${encodeURIComponent(id)}/return`,
  withdraw: (id: string) => `/api/submissions/${encodeURIComponent(id)}/withdraw`,
  preview: (id: string) => `/api/submissions/${encodeURIComponent(id)}/preview`,
  /** Sends refused at the door, for their coordinators (RefusedSendsAnswer), and one of them (RefusedSendAnswer). */
  refused: '/api/submissions/refused',
  refusedSend: (id: string) => `/api/submissions/refused/${encodeURIComponent(id)}`,
  /** Every finding of a send, by pages (FindingsPageAnswer). */
  findings: (id: string) => `/api/submissions/${encodeURIComponent(id)}/findings`,
  compare: (id: string) => `/api/submissions/${encodeURIComponent(id)}/compare`,
  audit: '/api/audit',
  /** GET: who is signed in; POST: the dashboard's «Entrar» (the same answer, written to the Bitácora). */
  session: '/api/session',
  /** POST: the dashboard's «Cerrar sesión», written to the Bitácora (204). */
  signOut: '/api/session/sign-out',
  authConfig: '/api/auth-config',
  stagesList: '/api/stages',
  /** POST: stages of several implementers in one request (StageBatchRequest). */
  stagesBatch: '/api/stages/batch',
  stages: (publisherId: string) => `/api/publishers/${encodeURIComponent(publisherId)}/stages`,
  monthlyReport: '/api/monthly-report',
  /** Every state's monthly report (the administration): NationalReportAnswer. */
  nationalReport: '/api/monthly-report/states',
} as const;
