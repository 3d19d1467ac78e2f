/**
 * The backend's repository interface (DESIGN §7). Two adapters implement it — SQLite (embedded default)
 * and Firestore (production) — and one contract suite (`store-contract.ts`) holds both to the same behaviour.
 * No database type crosses this boundary: callers see plain JSON-able objects, opaque cursors and StoreError.
 */
import type { PackageTerms } from '../../../core/unflatten/settings-reader';
import type { Finding } from '../../../core/findings/finding';
import type { KeptSubmission } from '../../../core/workflow/monthly-account';
import type { PendingCounts } from '../../../core/stats/pending-version';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** `after` is the opaque `next` of the previous page; pages follow one stable order with no duplicates. */
export interface PageRequest {
  after?: string;
  /** 1…1000; default 100. */
  limit?: number;
}
export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  next?: string;
}

export interface Publisher {
  id: string;
  name: string;
  /** Mexican state (entidad federativa) the body belongs to; coordinators are scoped by it. */
  state: string;
  /** Order of government of the implementer. */
  level?: 'municipal' | 'estatal' | 'federal' | 'autonomo';
  /** Registered OCDS ocid prefix (`ocds-xxxxxx`) and the OC4IDS project id prefix (`oc4ids-xxxxxx`). */
  ocidPrefix: string;
  projectIdPrefix: string;
  /** Package metadata (OCDS package `license`, `publicationPolicy`, `publisher.uri`). */
  license?: string;
  publicationPolicy?: string;
  uri?: string;
  /** What the body committed to publish: number of projects, every `periodicityDays`. */
  commitment: { projects: number; periodicityDays: number };
  /** Program stages reached (E.1…E.7 → YYYY-MM-DD), recorded by the state's coordinators (core/workflow/stages.ts). */
  stages?: Partial<Record<string, string>>;
  /**
   * When it was first registered (ISO 8601): its first publication is due `periodicityDays` later, not at once.
   * Absent on publishers registered before it was kept (their first publication is due already).
   */
  registeredAt?: string;
  /**
   * When a coordinator last approved a submission identical to its current publication (publication `unchanged`):
   * the implementer confirmed its published data current, which counts as an update of its commitment
   * (core/workflow/update-due.ts). Set by the approval (approve-submission.ts); absent until the first such approval.
   */
  confirmedAt?: string;
  /**
   * The send of this publisher approved with the latest `sentAt` (approve-submission.ts latestApproved), raised by each
   * approval before it is made: never below a send that is approved or published, above one only when that approval
   * then failed or was refused (its reader checks the send it names). Absent until an approval writes it; a
   * re-registration may drop it (the reader then reads every approved and published send, as before it existed).
   */
  latestApproval?: { submissionId: string; sentAt: string };
  /**
   * When its current publication was made (the `createdAt` of the one `current` points at): kept by the store —
   * written by setCurrent after the switch, kept by putPublisher and updatePublisher whatever they are given — so the
   * due date of its next update is a field of the publisher (listPublishersDue). Absent before its first publication.
   */
  publishedAt?: string;
}

/**
 * The sends of a publisher still open when a month closed (core/workflow/monthly-account.ts monthClose): written
 * once the month is over, never changed after; the next month's report starts from it.
 */
export interface MonthClose {
  publisherId: string;
  /** aaaa-mm, a Mexico City month. */
  month: string;
  open: KeptSubmission[];
}

export type Role = 'capturista' | 'coordinador' | 'admin';
export interface User {
  id: string;
  email: string;
  role: Role;
  /** A capturista's implementer. */
  publisherId?: string;
  /** A coordinador's state. */
  state?: string;
  /** Hash of a self-hosted API token (never the token itself). */
  tokenHash?: string;
}

/** A removed account, as histories still name it (Store.noteFormerAccount). */
export interface FormerAccount {
  id: string;
  email: string;
  /** ISO 8601 timestamp of its removal. */
  removedAt: string;
}

/** `values`: the add-on sent the sheet's values itself (self-hosted, where the server cannot read Google Sheets). */
/**
 * `name`, for people to tell sends apart: an upload's file name (the file is kept by `fileId`); a Google spreadsheet's
 * name as the add-on read it when sending (checkCreateRequest: trimmed, capped). Absent for older sends.
 */
export type SubmissionSource = { kind: 'sheets'; spreadsheetId: string; name?: string } | { kind: 'xlsx'; fileId: string; name?: string } | { kind: 'values'; spreadsheetId: string | null; name?: string };
export type SubmissionStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'published' | 'failed' | 'withdrawn';
export interface HistoryEntry {
  /** ISO 8601 timestamp. */
  at: string;
  /** User id. */
  by: string;
  action: string;
  comment?: string;
}
export interface FindingsSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** The first findings, for the coordinator to see why; capped by the caller (documents stay < 1 MiB). */
  sample?: Finding[];
}
/** What a submission will publish: the values as submitted, kept by content hash (Store.putSnapshot). */
export interface SubmissionSnapshot {
  contentHash: string;
  takenAt: string;
  /** Every sheet and row of the file (headers and the template's own sheets included): its size, not what was filled. */
  sheets: number;
  rows: number;
  completeness: number | null;
  /** Contracting processes (distinct ocids) and projects sent. Absent on revisions kept before they were counted. */
  processes?: number;
  projects?: number;
}
/**
 * A text kept in parts (a prepared preview, a send check) with `version`, which put wrote it: a swap from it
 * (Store.swapPreparedPreview) writes only if no other put came since.
 */
export interface KeptText { text: string; version: string }
/** A kept snapshot, as listed (Store.listSnapshots): its hash and when it was last kept. */
export interface SnapshotEntry { contentHash: string; keptAt?: string }
export interface Submission {
  id: string;
  publisherId: string;
  source: SubmissionSource;
  status: SubmissionStatus;
  /** The first entry and the newest ones (store/submission-history.ts); the audit log keeps every decision. */
  history: HistoryEntry[];
  /** How many older entries are no longer in `history` (they are in the audit log). Absent when none. */
  earlierEntries?: number;
  findings?: FindingsSummary;
  /** The revision under review; replaced on each resubmission. */
  snapshot?: SubmissionSnapshot;
  /** User id of who sent the latest revision. */
  submittedBy?: string;
  createdAt: string;
  updatedAt: string;
}

export interface PublicationCounts {
  releases: number;
  records: number;
  projects: number;
  /**
   * What its projects and processes lack of what their stage asks (core/stats/pending.ts pendingCounts), for
   * *Seguimiento*. Absent on publications written before it was counted.
   */
  pending?: PendingCounts;
}
/** A publication is written under its own id ('writing'), sealed ('complete'), then made current (DESIGN §6). */
export interface Publication {
  id: string;
  publisherId: string;
  contentHash: string;
  createdAt: string;
  counts: PublicationCounts;
  status: 'writing' | 'complete';
  /**
   * What its releases and records were derived with (privacy filter, record format, base URL of the links), as
   * publish() names it: the next publication reuses a stored record only when its own is the same. Absent on
   * publications written before it was recorded (their records are all built again).
   */
  derivedWith?: string;
  /**
   * The licence and publication policy its workbook's Configuración sheet stated (addresses). The packages carry the
   * registered ones; these when the publisher was registered without them (`packageTerms`).
   */
  declared?: DeclaredTerms;
  /**
   * The time zone its workbook was converted with (Configuración, `timeZone`): its dates at local midnight there are
   * the ones the official typed as dates, and its `datos.xlsx` writes them back as date cells in that zone. Absent on
   * publications written before it was recorded and on histories imported from elsewhere (`publishHistory`): those
   * read as the default zone (core/unflatten/time-zone.ts, DEFAULT_TIME_ZONE).
   */
  timeZone?: string;
  /**
   * A publication of the same content as `republishedFrom`, written again (publication/republish.ts) so that its
   * records and projects link the releases under the current address, or are derived as this version derives them.
   * Its `createdAt` is the one it republishes — when the data was published, which the packages' `publishedDate`,
   * Seguimiento and the reminders read — and `republishedAt` is when it was written (what pruning orders by).
   */
  republishedFrom?: string;
  republishedAt?: string;
  /**
   * Every redaction of the publisher's published data so far (publication/redact.ts), oldest first: carried by each
   * later publication, as the releases it changed are. The public API says from it which releases and projects were
   * changed after they were published, and when (api/redaction-notes.ts); `publications list` and the Bitácora which
   * publication was one. Absent when there was none.
   */
  redactions?: RedactionNote[];
  /**
   * The extensions the packages of releases published elsewhere declared (`history`, core/packages/imported-extensions.ts):
   * carried by each later publication, as those releases are, so that every package serving them declares what
   * describes their fields. Absent when there were none.
   */
  importedExtensions?: string[];
}
/**
 * One redaction (`publications redact`): when it was written, from which publication, why (the request's folio — for
 * the operator, never served), how many releases, processes and projects it changed and which (their JSON pointers;
 * never the texts). The lists of all a publication's notes share one budget (publication/redaction-budget.ts), so that
 * the publication's document stays under the store's 1 MiB; the counts are whole.
 */
export interface RedactionNote {
  at: string;
  from: string;
  reason: string;
  releaseCount: number;
  processCount: number;
  projectCount: number;
  releases: { ocid: string; id: string; pointers: string[] }[];
  projects: { id: string; pointers: string[] }[];
}
export type DeclaredTerms = PackageTerms;
export type NewPublication = Pick<Publication, 'id' | 'publisherId' | 'contentHash' | 'createdAt' | 'derivedWith' | 'declared' | 'timeZone' | 'republishedFrom' | 'republishedAt' | 'redactions' | 'importedExtensions'>;

/** When a publication was written: its `createdAt`, or for one republished, when it was written again. */
export function writtenAt(p: Pick<Publication, 'createdAt' | 'republishedAt'>): string {
  return p.republishedAt ?? p.createdAt;
}

/** One OCDS release; `id` is the release id, unique within its ocid (OCDS 1.1 release schema). */
export interface ReleaseInput {
  ocid: string;
  id: string;
  date: string;
  release: JsonObject;
  /**
   * `release` as JSON text, when the caller already holds it (a release carried over from the previous
   * publication, read as text): written as given instead of serializing the release again. It must be exactly
   * `JSON.stringify(release)` up to formatting.
   */
  text?: string;
}
export interface RecordInput {
  ocid: string;
  record: JsonObject;
}
/**
 * A release or record to write as the JSON text the caller already made (exactly `JSON.stringify` of the
 * document up to formatting): publication serializes each as soon as it is built and drops the object, so a
 * chunk of ~100 KB records is not held twice, as objects and as text.
 */
export type ReleaseText = Omit<ReleaseInput, 'release' | 'text'> & {
  /** Or its UTF-8 bytes (a release carried over as read, listDocumentBytes): written back without being decoded. */
  text: string | Buffer;
};
export interface RecordText { ocid: string; text: string }
export interface ProjectInput {
  id: string;
  project: JsonObject;
}
/** A project already serialized (publish.ts hashes the text it writes). */
export interface ProjectText { id: string; text: string }
/** What the store keeps: the input plus the publication it belongs to. */
export type Stored<T> = T & { publicationId: string; publisherId: string };

/** Published document kinds, and the field each keeps its OCDS/OC4IDS document in. */
export type DocumentKind = 'releases' | 'records' | 'projects';
/**
 * A stored document as JSON text, to be spliced into a package without parsing and serializing it again;
 * `key` is its ocid (releases: also `id` and `date`, the release's id and date) or project id.
 */
export interface DocumentText { key: string; id?: string; date?: string; text: string }
/**
 * The same as UTF-8 bytes: what the public API splices into its answers, so that megabytes of documents are not
 * decoded into JS strings and encoded back (profiled: that round trip was a third of the server's CPU under load).
 */
export interface DocumentBytes { key: string; id?: string; date?: string; bytes: Buffer }

export interface AuditEntry {
  id: string;
  at: string;
  /** User id, or `system`. */
  actor: string;
  action: string;
  /** What was acted on, e.g. `submission/abc`. */
  target: string;
  details: JsonObject;
  /** Lets a coordinator's audit view be scoped to publishers. */
  publisherId?: string;
  /**
   * Its place in the log's hash chain (1, 2, 3…), the previous entry's hash (null: the first) and its own
   * (audit/audit-chain.ts). Absent from entries written before the log was chained.
   */
  seq?: number;
  prev?: string | null;
  hash?: string;
}

/** One change to what public readers see: a publisher registered or edited, or its `current` pointer switched. */
export interface PublishedChange {
  seq: number;
  publisherId: string;
}

/**
 * The published state's change log: `seq` counts every change ever made; `recent` holds the last ones (at most
 * CHANGE_LOG_SIZE, oldest first). A reader that holds the state as of some seq re-reads only the publishers named
 * after it, when `recent` still reaches back that far.
 */
export interface PublishedChanges {
  seq: number;
  recent: PublishedChange[];
}

/** Entries kept in the change log: a reader that missed more re-reads everything. */
export const CHANGE_LOG_SIZE = 500;

/** Cached dashboard aggregates of a publisher's current publication. */
export interface PublisherStats {
  publisherId: string;
  publicationId: string;
  computedAt: string;
  data: JsonObject;
}

export interface Store {
  putPublisher(publisher: Publisher): Promise<void>;
  getPublisher(id: string): Promise<Publisher | undefined>;
  listPublishers(page?: PageRequest): Promise<Page<Publisher>>;
  /**
   * The publishers whose next update was due before `day` (Mexico City, aaaa-mm-dd; core/workflow/update-due.ts
   * updateDueAt of their own fields): those late on `day`, the latest due first, read by an indexed field instead of
   * every publisher. Each call first counts the publishers, all and those carrying the field; when they differ (written
   * by a version before it), every publisher is written again with it (a scan of each and its current publication).
   */
  listPublishersDue(query: PageRequest & { day: string }): Promise<Page<Publisher>>;
  /**
   * Writes the publisher again with its current publication's date (`publishedAt`, and so its due day), when the
   * pointer's is later than the one it has: a publication an earlier version made (rolled back) moved the pointer
   * only. The reminders call it for one they listed that its pointer says is not late.
   */
  refreshPublisherDue(publisherId: string): Promise<void>;
  /**
   * Changes a publisher in one atomic read-and-write, so what others change meanwhile is kept (stages recorded by a
   * coordinator, a confirmation written by an approval, a registration); `change` must be pure (Firestore may run it
   * again) and keep the id. Logs the change as putPublisher does; answers the publisher written. StoreError
   * 'not-found' when there is no such publisher.
   */
  updatePublisher(publisherId: string, change: (publisher: Publisher) => Publisher): Promise<Publisher>;
  /**
   * Removes a publisher's registration (one registered by mistake: `publishers remove`, which first checks it has
   * nothing published, sent or assigned); logged as putPublisher, so public readers drop it. False when absent.
   */
  deletePublisher(id: string): Promise<boolean>;

  putUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  findUserByEmail(email: string): Promise<User | undefined>;
  findUserByTokenHash(tokenHash: string): Promise<User | undefined>;
  /**
   * By id; `publisherId` or `role` (one of them) narrows to an implementer's accounts or to one role's. Listing by role
   * first marks, once per store, the accounts written before the role was a field (a scan of every account).
   */
  listUsers(query?: PageRequest & { publisherId?: string; role?: Role }): Promise<Page<User>>;
  deleteUser(id: string): Promise<boolean>;
  /**
   * What is kept of an account when it is removed (`users remove`): its e-mail, by id. Histories and the audit log name
   * their actors by id; once the account was gone, «who approved this, who sent that» read «cuenta eliminada» outside
   * the weeks of the Bitácora that held its creation or removal. Written again, it replaces the earlier one.
   */
  noteFormerAccount(account: FormerAccount): Promise<void>;
  getFormerAccount(id: string): Promise<FormerAccount | undefined>;

  /** Fails with StoreError 'conflict' when the id exists. Ordered by (createdAt, id). */
  createSubmission(submission: Submission): Promise<void>;
  getSubmission(id: string): Promise<Submission | undefined>;
  /**
   * By (createdAt, id), the oldest first; `newestFirst`: the newest first, paging back from the end (a year of sends
   * is read from its latest, which is what its readers look for, not from the first ones). A page's `next`
   * continues in the order it was listed in. `spreadsheetId`: the sends of that spreadsheet (SubmissionSource), by
   * itself or with `status` — not with `publisherId` (a spreadsheet's sends are few; no index is kept for both).
   */
  listSubmissions(query?: PageRequest & { status?: SubmissionStatus; newestFirst?: boolean } & ({ publisherId?: string; spreadsheetId?: undefined } | { publisherId?: undefined; spreadsheetId: string })): Promise<Page<Submission>>;
  /**
   * Atomic compare-and-set: moves the submission to `to` only if its status is one of `from`, appends `entry`
   * to its history (bounded: submission-history.ts) and sets `updatedAt = entry.at`. Of two concurrent approvals exactly one wins; the other
   * gets StoreError 'conflict'. 'not-found' when there is no such submission. With `ifVersion` (its
   * historyVersion as read) it is also 'conflict' when anything happened to it since it was read.
   */
  transitionSubmission(
    id: string,
    from: SubmissionStatus[],
    to: SubmissionStatus,
    entry: HistoryEntry,
    patch?: { findings?: FindingsSummary; snapshot?: SubmissionSnapshot; submittedBy?: string; source?: SubmissionSource; ifVersion?: number },
  ): Promise<Submission>;

  /**
   * Rewrites what a submission quotes of its workbook — its findings' sample and its history's comments — in one
   * atomic read-and-write, leaving its status, `updatedAt` and everything else as they are: `publications redact`
   * replaces there the personal data it removes from what is published (a warning quotes the CURP it found).
   * `change` must be pure (Firestore may run it again); returns whether it changed anything. 'not-found' when absent.
   */
  rewriteSubmissionQuotes(id: string, change: (quoted: Pick<Submission, 'findings' | 'history'>) => Pick<Submission, 'findings' | 'history'> | undefined): Promise<boolean>;

  /**
   * Submitted workbooks, by content hash (the JSON text of their values), chunked below the 1 MiB document
   * limit like the dashboard index; writing the same hash twice is harmless. Undefined when absent or incomplete.
   */
  putSnapshot(contentHash: string, text: string, keptAt: string): Promise<void>;
  getSnapshot(contentHash: string): Promise<string | undefined>;
  /**
   * The kept snapshots, each with when it was last kept (`keptAt`: written again by every putSnapshot of the same
   * content, so a revision sent again is young again; absent on snapshots kept before it was recorded).
   */
  listSnapshots(page?: PageRequest): Promise<Page<SnapshotEntry>>;
  /**
   * Removes a snapshot, part 0 first (a reader then finds none, never a partial one), unless it was kept again at
   * or after `keptBefore` (a submission may be about to refer to it): publication/prune-snapshots.ts. False when
   * absent or kept again.
   */
  deleteSnapshot(contentHash: string, keptBefore: string): Promise<boolean>;
  /**
   * What a review's preview of snapshot `contentHash` for `publisherId` was found to be, computed outside the request
   * that asked for it (workflow/prepared-preview.ts): JSON text, chunked like snapshots, replaced by each put. A reader
   * gets one whole put's text, never parts of two; undefined when absent. Removed with its snapshot (deleteSnapshot)
   * and by deletePreparedPreview.
   */
  putPreparedPreview(contentHash: string, publisherId: string, text: string): Promise<void>;
  getPreparedPreview(contentHash: string, publisherId: string): Promise<string | undefined>;
  /** getPreparedPreview with the put it came from, for swapPreparedPreview. */
  readPreparedPreview(contentHash: string, publisherId: string): Promise<KeptText | undefined>;
  /**
   * Puts `text` — of one part: a marker of work under way (workflow/kept-state.ts) — only if what is kept is still
   * the put `version` (undefined: nothing is kept), read and written at once: of two swaps from the same version,
   * one. The new put's version, or undefined (nothing written) when another put or a deletion came first.
   */
  swapPreparedPreview(contentHash: string, publisherId: string, version: string | undefined, text: string): Promise<string | undefined>;
  deletePreparedPreview(contentHash: string, publisherId: string): Promise<void>;
  /**
   * Every finding of the send of snapshot `contentHash` by `publisherId`, as its check found them
   * (workflow/send-findings.ts): JSON text, chunked and replaced whole like a prepared preview, removed with its
   * snapshot (deleteSnapshot). Undefined when absent (a send made before they were kept).
   */
  putSendFindings(contentHash: string, publisherId: string, text: string): Promise<void>;
  getSendFindings(contentHash: string, publisherId: string): Promise<string | undefined>;
  /**
   * What a send whose check outlasted its request (workflow/send-check.ts) is doing, then answered: JSON text under
   * the check's id and its publisher, chunked and replaced whole like a prepared preview, with when it was kept
   * (`keptAt`, ISO). Undefined when absent.
   */
  putSendCheck(checkId: string, publisherId: string, text: string, keptAt: string): Promise<void>;
  getSendCheck(checkId: string, publisherId: string): Promise<string | undefined>;
  /** getSendCheck with the put it came from, for swapSendCheck. */
  readSendCheck(checkId: string, publisherId: string): Promise<KeptText | undefined>;
  /** As swapPreparedPreview, for a send check (kept at `keptAt`). */
  swapSendCheck(checkId: string, publisherId: string, version: string | undefined, text: string, keptAt: string): Promise<string | undefined>;
  deleteSendCheck(checkId: string, publisherId: string): Promise<void>;
  /** Removes every send check last kept before `keptBefore` (ISO), each whole (part 0 first); how many. */
  deleteSendChecksKeptBefore(keptBefore: string): Promise<number>;
  /**
   * A send refused for errors, as its coordinators list it (workflow/refused-sends.ts): a small JSON text beside the
   * check `checkId` whose answer holds its findings, kept at `keptAt` (ISO); removed with that check (deleteSendCheck,
   * deleteSendChecksKeptBefore). `state`: its publisher's (core stateKey), by which a coordination lists its own.
   */
  putRefusedSend(checkId: string, publisherId: string, text: string, keptAt: string, state?: string): Promise<void>;
  /** Those lines, newest first: one publisher's, one state's (as written), or every publisher's; at most `limit`. */
  listRefusedSends(query: { publisherId?: string; state?: string; limit: number }): Promise<{ checkId: string; publisherId: string; keptAt: string; text: string }[]>;
  /** The line of check `checkId` of `publisherId`, read by its id (a refusal's detail): undefined if none is kept. */
  getRefusedSend(checkId: string, publisherId: string): Promise<{ checkId: string; publisherId: string; keptAt: string; text: string } | undefined>;
  /**
   * One more refused send of `publisherId` in `month` (aaaa-mm, its state's: workflow/refused-sends.ts), counted
   * atomically (two refusals at once are both counted) in a small document of its own that the weekly clean-up of the
   * lines leaves alone: the monthly report reads it (getRefusedAttempts) however long after the month.
   */
  countRefusedAttempt(publisherId: string, month: string): Promise<void>;
  /** Those counted for `publisherId` in `month`; 0 when none was. */
  getRefusedAttempts(publisherId: string, month: string): Promise<number>;
  /**
   * Keeps `at` (ISO) as when refused sends began to be counted, unless an earlier call kept one (never changed after):
   * months before it have no count. The kept instant.
   */
  startRefusedCounts(at: string): Promise<string>;
  /** That instant, if counting has begun. */
  refusedCountsSince(): Promise<string | undefined>;

  /** Starts a publication in status 'writing'; 'conflict' if the id exists. Ordered by (createdAt, id). */
  createPublication(publication: NewPublication): Promise<Publication>;
  getPublication(id: string): Promise<Publication | undefined>;
  listPublications(query: PageRequest & { publisherId: string }): Promise<Page<Publication>>;
  /** The complete publication of this publisher with this content hash, if any (idempotent publishing). */
  findPublicationByHash(publisherId: string, contentHash: string): Promise<Publication | undefined>;
  /** Writes in batches of ≤ 500 documents; only into a publication still 'writing' (complete ones are immutable). */
  putReleases(publicationId: string, releases: (ReleaseInput | ReleaseText)[]): Promise<void>;
  putRecords(publicationId: string, records: (RecordInput | RecordText)[]): Promise<void>;
  putProjects(publicationId: string, projects: (ProjectInput | ProjectText)[]): Promise<void>;
  /** 'writing' → 'complete'. */
  completePublication(publicationId: string, counts: PublicationCounts): Promise<Publication>;
  /**
   * Switches the publisher's `current` pointer in one write, to a complete publication of that publisher.
   * With `expectedPrevious` (null = no current yet) it is a compare-and-set: StoreError 'conflict' if the
   * pointer moved meanwhile.
   */
  setCurrent(publisherId: string, publicationId: string, expectedPrevious?: string | null): Promise<void>;
  /** The publication readers must see: the one `current` points at. */
  getCurrent(publisherId: string): Promise<Publication | undefined>;
  /**
   * Releases, records and projects of every current publication together (core/packages/bulk-limit.ts), summed by
   * the database from the pointers, which carry their publication's total (written with the switch, in the same
   * write): about 1 read per 1,000 publishers instead of 3 per publisher. A pointer switched by an older version
   * counts 0 until it is marked (once per store, on the first call: a scan of every pointer), so this never
   * exceeds the total the pointers and their publications give.
   */
  publishedDocuments(): Promise<number>;
  /**
   * Removes a publication that is not current, with its releases, records, projects and index (an administrator
   * clearing superseded copies: publication/prune-publications.ts). The publication's own entry goes last, so an
   * interrupted removal is finished by running it again. StoreError 'conflict' if it is its publisher's current one;
   * false when there is no such publication.
   */
  deletePublication(publicationId: string): Promise<boolean>;
  /**
   * The change log of the published state, one document read. putPublisher and setCurrent append their publisher
   * to it after their own write, so a reader that sees an entry and then reads that publisher sees the change.
   */
  getPublishedChanges(): Promise<PublishedChanges>;

  /** Ordered by (ocid, date, id); `ocid` narrows to one process. */
  listReleases(query: PageRequest & { publicationId: string; ocid?: string }): Promise<Page<Stored<ReleaseInput>>>;
  getRecord(publicationId: string, ocid: string): Promise<Stored<RecordInput> | undefined>;
  /** Ordered by ocid. */
  listRecords(query: PageRequest & { publicationId: string }): Promise<Page<Stored<RecordInput>>>;
  /**
   * The dashboard's slim index of a publication (core/stats/publication-index.ts), written with its data while
   * 'writing' — so it becomes visible with the `current` switch — in chunks below the 1 MiB document limit.
   */
  putIndex(publicationId: string, index: JsonObject): Promise<void>;
  /** Undefined for publications written without one (or whose index was never completely written). */
  getIndex(publicationId: string): Promise<JsonObject | undefined>;
  getProject(publicationId: string, id: string): Promise<Stored<ProjectInput> | undefined>;
  /** Ordered by project id. */
  listProjects(query: PageRequest & { publicationId: string }): Promise<Page<Stored<ProjectInput>>>;
  /** The same listings as text (same order and cursors as listReleases / listRecords / listProjects). */
  listDocumentTexts(kind: DocumentKind, query: PageRequest & { publicationId: string; ocid?: string }): Promise<Page<DocumentText>>;
  /** A record (by ocid) or a project (by id) as text. */
  getDocumentText(kind: 'records' | 'projects', publicationId: string, key: string): Promise<string | undefined>;
  /** listDocumentTexts as bytes. */
  listDocumentBytes(kind: DocumentKind, query: PageRequest & { publicationId: string; ocid?: string }): Promise<Page<DocumentBytes>>;
  /** getDocumentText as bytes. */
  getDocumentBytes(kind: 'records' | 'projects', publicationId: string, key: string): Promise<Buffer | undefined>;

  /**
   * Append-only: there is deliberately no update or delete. Ordered by (at, id). Each entry takes the next place of
   * the log's hash chain (audit/audit-chain.ts): a place is taken once (an insert), so appends at once — two
   * publications, several server processes — never fork the chain.
   */
  appendAudit(entry: Omit<AuditEntry, 'id' | 'seq' | 'prev' | 'hash'>): Promise<AuditEntry>;
  /** The last place of the audit chain taken, as far as the store has noted it (0: none), and its hash. */
  auditChainHead(): Promise<{ seq: number; hash: string | null }>;
  /**
   * `since` (ISO 8601, as entries' `at`): only entries made then or later — a send's review page reads its
   * publisher's log from the send's creation, not from the oldest entry (a busy implementer's first 1,000 entries
   * held none of a recent send's). `before`: only entries made before it (a month's log, not all that followed it).
   */
  listAudit(query?: PageRequest & { publisherId?: string; since?: string; before?: string }): Promise<Page<AuditEntry>>;

  /** Keeps a month's close; one already kept for that publisher and month stays as it is (it never changes). */
  putMonthClose(close: MonthClose): Promise<void>;
  /** The publisher's latest kept close of a month before `month` (aaaa-mm), if any. */
  latestMonthClose(publisherId: string, month: string): Promise<MonthClose | undefined>;
  /** The month up to which every publisher's closes were kept (workflow/month-closes.ts keepMonthCloses), if any. */
  monthClosesKeptThrough(): Promise<string | undefined>;
  /** Records it (one document): the daily job's other runs that month read only that. */
  noteMonthClosesKept(month: string): Promise<void>;
  /**
   * The publisher the daily reminders stopped after, out of time (workflow/notifications.ts remindLatePublishers): the
   * next run begins after it, so the late publishers at the end of the list are not left out day after day.
   */
  remindersStoppedAfter(): Promise<string | undefined>;
  /** Records it (one document); undefined: the last run looked at every late publisher. */
  noteRemindersStoppedAfter(publisherId: string | undefined): Promise<void>;

  putStats(stats: PublisherStats): Promise<void>;
  getStats(publisherId: string): Promise<PublisherStats | undefined>;
  /** Ordered by publisherId. */
  listStats(page?: PageRequest): Promise<Page<PublisherStats>>;

  close(): Promise<void>;
}

export type StoreErrorKind = 'conflict' | 'not-found' | 'invalid' | 'invalid-cursor' | 'too-large';
/** The only error the store raises on purpose; `kind` maps to an HTTP status (409, 404, 400, 400, 413). */
export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(e: unknown, kind?: StoreErrorKind): e is StoreError {
  return e instanceof StoreError && (kind === undefined || e.kind === kind);
}
