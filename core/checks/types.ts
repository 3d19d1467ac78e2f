/** What every check in core/checks receives: the documents (with their pointers), the settings and a reporter. */
import type { Finding, Severity } from '../findings/finding';
import type { Standard } from '../profile/types';

export type JsonObject = Record<string, unknown>;

/** One root document: a release (`/releases/3`) or a project (`/projects/0`). */
export interface Doc { data: JsonObject; pointer: string }

/** Publisher settings the checks read (the `Configuración` sheet). */
export interface ValidateSettings {
  ocidPrefix?: string;
  projectIdPrefix?: string;
  /**
   * The prefixes are the institution's registered ones (the server's), which win over the workbook's Configuración
   * sheet: a wrong id is then fixed in its cell or by the coordination, not in that sheet.
   */
  prefixesRegistered?: boolean;
  /** "Today" for the no-future-dates rule; injected so validation stays pure and testable. */
  now?: Date | string;
  /**
   * The workbook's time zone (IANA, its Configuración sheet): "today" for the no-future-dates rule is the day on that
   * calendar. Absent for a package validated on its own, whose zone is not known.
   */
  timeZone?: string;
}

export type Report = (code: string, severity: Severity, pointer: string, params?: Finding['params']) => void;

export interface CheckContext {
  releases: Doc[];
  projects: Doc[];
  settings: ValidateSettings;
  /** `settings.now` as epoch milliseconds. */
  now: number;
  report: Report;
}

/**
 * A check of each document on its own. It may be called with any share of the documents — in the CLI, one document
 * at a time, as a package is read (issue 17) — so its findings for a set must be its findings for each document in
 * turn, releases before projects.
 */
export type Check = (ctx: CheckContext) => void;

/**
 * A check whose findings are listed part by part — every document for part 0, then every document for part 1…
 * (the program's required fields, sheet by sheet): each part is a Check of its own.
 */
export interface PartedCheck {
  parts(): Check[];
}

/**
 * A check across documents (a project's contracting process against the release of the same ocid): `start` gives a
 * Check for one validation, which remembers what it needs of the documents it has seen. Releases come first.
 */
export interface CrossCheck {
  start(): Check;
}

/** Called with every value of a document, its pointer (built on demand) and its unindexed field (`awards/suppliers/id`). */
export type Visit = (value: unknown, pointer: () => string, field: string) => void;

/**
 * A check that looks at every value. The runner walks each document once for all of them (one walk per check
 * was half the validation time at 10,000 processes) and lists each one's findings in its place in CHECKS.
 * `visitor` returns undefined when the check has nothing to do for that standard.
 */
export interface ValueCheck {
  /**
   * The only kind of value the visitor looks at (its first test): the runner calls it for those values alone
   * instead of every visitor for every value (issue 17: most of the walk's calls returned at once).
   */
  readonly on?: 'string' | 'object' | 'array';
  /**
   * The fields the visitor looks at, when it looks at some only (its other first test): asked once per distinct field
   * of a standard, and the visitor is called for those fields alone (issue 17: most calls returned at once).
   */
  readonly fields?: (field: string, standard: Standard) => boolean;
  visitor(ctx: CheckContext, standard: Standard): Visit | undefined;
}
