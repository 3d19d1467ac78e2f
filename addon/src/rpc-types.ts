/**
 * What crosses `google.script.run` between the sidebar and the server: plain JSON only (no Date, no undefined in
 * arrays). Shared by addon/src/main.ts and addon/sidebar/sidebar.ts so both sides agree at compile time.
 */
import type { Severity } from '../../core/findings/finding';
import type { CommentView, Role, SubmissionStatus, Viewer } from '../../core/workflow/contract';
import type { SettingsInput, SettingsView } from './settings/settings';

export type { Role } from '../../core/workflow/contract';

export interface SheetPlan {
  name: string;
  rows: number;
  /** The sheet's id (SheetPort.id), which a rename keeps; absent from validationPlan and an older Code.js. */
  id?: number;
}

export interface FindingItem {
  severity: Severity;
  message: string;
  /** «Proyectos!C7», or null when the finding concerns the whole sheet or workbook. */
  a1: string | null;
  row: number | null;
  column: number | null;
  /**
   * Other cells of the same column with the very same message (a column left empty in 1,200 rows): said once, with
   * this count, instead of 25 identical lines and «y 1,175 avisos más». Absent when there are none.
   */
  alsoIn?: number;
  /** The title of the finding's column as row 1 showed it (no « *»): the jump finds the column by it if it moved. */
  header?: string;
  /**
   * A notice that is a list (the CoST IDS points a project lacks, one per point): `message` says how many, and the
   * sidebar lists the first ones under it, the rest behind «Ver los otros N». Absent for any other finding.
   */
  points?: string[];
}

/** What the validation read about a finding's place (ServerApi.selectCell). */
export interface CellSeen {
  header?: string;
  /** The sheet's last row with content then (SheetPlan.rows). */
  rows?: number;
  /** The sheet's id then (SheetPlan.id): the sheet is found by it when it was renamed since. */
  sheetId?: number;
}

/** What the sidebar knows of a finding it lists (ServerApi.goToFinding), to find it again after rows moved. */
export interface FindingSeen extends CellSeen {
  /** Its column's heading in the list (FieldGroup.field). */
  field?: string;
  severity?: Severity;
  message?: string;
}

/** What a click on a finding did (ServerApi.goToFinding). */
export interface CellJump {
  /** What to tell the official (a column moved, the list validated again…), or null. */
  notice: string | null;
  /** Whether a cell was selected (false: the finding is no longer in the new list). */
  selected: boolean;
  /** The sheet's rows had changed since validating: validated again, this is the new list to draw. */
  report?: ValidationReport;
}

/** Findings of one field (column) of one sheet. */
export interface FieldGroup {
  field: string;
  errors: number;
  warnings: number;
  items: FindingItem[];
  /** Items not sent to keep the payload small. */
  more: number;
  /**
   * How many of those are errors, and warnings (the rest, notices): said by name under the list, the errors as marked
   * in the sheet. Absent from an older Code.js: then «avisos» counts them all.
   */
  moreErrors?: number;
  moreWarnings?: number;
  /**
   * The lines of each later page «Ver N más» can fetch (moreFindings), in order; absent when none are kept (nothing
   * left out, an older Code.js, or the cache refused them).
   */
  laterPages?: number[];
}

export interface SheetGroup { sheet: string; errors: number; warnings: number; fields: FieldGroup[] }

export interface ValidationReport {
  errors: number;
  warnings: number;
  /** Share (0–100) of the program's fields that are filled; null when nothing could be measured. */
  completeness: number | null;
  sheets: SheetPlan[];
  groups: SheetGroup[];
  /** Cells that received a mark. */
  marked: number;
  /**
   * Apps Script's six minutes were near: some sheets were not marked (validation/time-limit.ts), so that the list
   * arrives instead of Google's «Exceeded maximum execution time». Absent when every sheet was.
   */
  marksStopped?: boolean;
  /** What the later pages of this validation are kept under (moreFindings); absent when none are. */
  run?: string;
  /**
   * Whether the sheet as validated differs from what this spreadsheet's latest submission sent (what is reviewed
   * and published is that copy, DESIGN §6). Absent without a server or a submission; null when it cannot be told.
   */
  sheetChanged?: boolean | null;
  /**
   * The submission's state as the server listed it while validating (no extra request), so that «Validar» also
   * shows a return and its comments that came while the sidebar was open, and the panel opened by «Validar datos»
   * its state without asking again. Without a server, what to configure. Absent when the server could not be asked.
   */
  review?: ReviewContext;
  /** Why the server could not be asked (already in Spanish), said where the state goes. */
  reviewFailure?: string;
  /**
   * Whether asking again may work by itself (no answer, a server error), or the failure stays until something is
   * changed (a key refused, an account without permission). Absent from an older Code.js: taken as true.
   */
  reviewFailureTransient?: boolean;
}

export type SubmissionState = SubmissionStatus;
export type SubmissionComment = CommentView;

export interface SubmissionView {
  id: string;
  state: SubmissionState;
  /** Spanish label of the state. */
  stateLabel: string;
  updatedAt: string | null;
  /** When the revision under review was sent (what «Aprobar» publishes); null when unknown. */
  sentAt: string | null;
  comments: SubmissionComment[];
  /**
   * Said above the comments when the send no longer keeps its whole history (the server's `earlierEntries`): the
   * returns of the rounds in between, and their comments, are not among them. Null when it keeps it all.
   */
  omittedHistory?: string | null;
  /** Why its publication failed (state `failed`); null otherwise. */
  failureReason: string | null;
  /**
   * Awaiting a decision, but its institution's newer send is already approved (the server refuses approving this
   * one): when that one was sent. Null otherwise.
   */
  newerApprovedAt?: string | null;
  /** That newer send's file or spreadsheet name; null when it has none (or an older Code.js). */
  newerApprovedName?: string | null;
  /**
   * Still under review, but approving this revision found errors in it (contract.ts approvalRefused): how many. Only a
   * new version can be approved. Null otherwise.
   */
  refusedErrors?: number | null;
  /**
   * The revision under review (its snapshot's content hash), named by «Aprobar» and «Devolver» so that a new
   * version sent after the panel was drawn is not approved unseen (DecisionRequest). Null when unknown.
   */
  revision?: string | null;
}

export interface ReviewContext {
  /** False while the backend address is not set (settings dialog). */
  backendConfigured: boolean;
  /** Who the backend says is asking. */
  viewer: Viewer | null;
  role: Role | null;
  submission: SubmissionView | null;
  /** The account that must be given read access to the spreadsheet so the backend can pull it. */
  serviceAccount: string | null;
  /** What to tell the user when the review section cannot work (e.g. settings missing). */
  message: string | null;
  /**
   * The send's page on the dashboard (the same server's address), where a coordinator sees what approving it would
   * change before deciding; null for whoever sends, or without a send.
   */
  reviewUrl?: string | null;
  /**
   * Once the send is published: its institution's data on the public dashboard (the same server's address), where the
   * official sees it as everyone does. «Publicado» alone did not say where to look. Null otherwise.
   */
  publishedUrl?: string | null;
  /** What the action just taken did, said to the user (sending: whether a new revision went to review). */
  notice?: string;
  /** The notice says the action did not do all it was for (an approval whose publication failed): shown as an error. */
  noticeFailed?: boolean;
  /**
   * A send the server is still checking (a large workbook): where its outcome is asked for (ServerApi.sendOutcome),
   * which the sidebar does by itself every SEND_CHECKING_RETRY_SECONDS.
   */
  checking?: string;
}

export interface SidebarContext {
  spreadsheetName: string;
  backendConfigured: boolean;
  serviceAccount: string | null;
}

/** The functions the sidebar may call; each one is also a generated top-level function in Code.js. */
export interface ServerApi {
  sidebarContext(): SidebarContext;
  validationPlan(): SheetPlan[];
  runValidation(): ValidationReport;
  /**
   * Selects the cell of a finding; `seen`: the column's title and the sheet's rows as the validation read them. Answers
   * what the official should know when the sheet changed shape since (columns moved: the cell is found by its title;
   * rows added or removed: the row may have moved), or null.
   */
  selectCell(sheet: string, row: number, column: number, seen?: CellSeen): string | null;
  /**
   * What the sidebar calls on a click: selects the finding's cell; when the sheet's rows changed since validating
   * (inserted, deleted), validates again, selects the finding where it is now, and gives the new list.
   */
  goToFinding(sheet: string, row: number, column: number, seen?: FindingSeen): CellJump;
  /**
   * Page `page` (1, 2…) after the first of the column groups[sheet].fields[field] of the validation `run`; null when
   * it is no longer kept (hours later): then validating again lists them.
   */
  moreFindings(run: string, sheet: number, field: number, page: number): FindingItem[] | null;
  clearMarks(): void;
  reviewContext(): ReviewContext;
  submitForReview(): ReviewContext;
  /** A send still being checked (ReviewContext.checking): its outcome, or still «Revisando el libro…». */
  sendOutcome(location: string): ReviewContext;
  /** `revision`: the revision the panel showed (SubmissionView.revision); a newer one sent since is refused. */
  approveSubmission(id: string, revision?: string): ReviewContext;
  returnSubmission(id: string, comment: string, revision?: string): ReviewContext;
  withdrawSubmission(id: string): ReviewContext;
  addonSettings(): SettingsView;
  saveAddonSettings(input: SettingsInput): SettingsView;
}
