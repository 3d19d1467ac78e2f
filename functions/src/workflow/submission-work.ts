/**
 * The two steps of a review whose cost grows with the workbook: taking in a submitted workbook (convert + validate,
 * and keeping its snapshot: DESIGN §6 "snapshot on submit") and the preview of what publishing it would change.
 * Both are synchronous CPU work — with 1,000 processes a server doing them in its own thread answered nobody else
 * for 1.2–1.7 s and 1.0–2.0 s (bench:publish) — so they sit behind this seam: the self-hosted server runs them in
 * its background thread (server/background-thread.ts) and its request thread keeps answering; elsewhere they run
 * here, in the caller's thread.
 */
import type { Finding } from '../../../core/findings/finding';
import type { WorkbookModel } from '../../../core/workbook/model';
import { checkWorkbook } from '../../../core/pipeline/check-workbook';
import { changePreview } from '../../../core/workflow/change-preview';
import { isDerivedReleaseId } from '../../../core/merge/same-release-content';
import { isObject, stringsOf } from '../../../core/json/json-values';
import type { ChangePreview } from '../../../core/workflow/contract';
import { readAll } from '../store/read-all';
import type { Publisher, Store, SubmissionSnapshot } from '../store/store';
import { checkSubmitted, keepSnapshot, snapshotSource } from './snapshot';
import { publishedElsewhere } from '../publication/published-elsewhere';
import { linkFindings } from './link-findings';
import { inReadingOrder } from '../../../core/findings/reading-order';
import { foreignProcesses } from '../../../core/summary/foreign-processes';
import type { ReleaseLink } from '../../../core/summary';
import { readTypedParts, type TypedParts } from '../publication/stored-typed-parts';

/** A submitted workbook checked; its snapshot kept when it has no errors (a refused one keeps nothing). */
export interface Intake {
  findings: Finding[];
  completeness: number | null;
  snapshot?: SubmissionSnapshot;
}

export interface SubmissionPreview {
  /** The publication the preview compares with (null: nothing published yet). */
  currentPublicationId: string | null;
  preview: ChangePreview;
}

/**
 * `keep: false`: checked only («Revisar sin enviar», POST /api/workbook-check): the same verdict, and no snapshot
 * kept even without errors — nothing of a workbook only checked stays in the store.
 */
export interface IntakeOptions { keep?: boolean }

export interface SubmissionWork {
  intake(workbook: WorkbookModel, publisher: Publisher, now: string, options?: IntakeOptions): Promise<Intake>;
  /**
   * An uploaded .xlsx, kept by the upload store as `fileId`, read and taken in where this work runs. The server's
   * background thread has it (background-thread.ts): read in the server's thread, a workbook of 10,000 processes
   * was held there as values (about 1 GB) while a copy of it was taken in by the thread, and the server peaked at
   * 2.6 GiB. A SourceError of the read (a limit crossed: its code starts with `source.limit-`) comes back as one.
   * Absent: the caller reads the file and calls `intake`.
   */
  intakeUpload?(fileId: string, publisher: Publisher, now: string, name?: string, options?: IntakeOptions): Promise<Intake>;
  /** The kept snapshot `contentHash` against the publisher's current publication. */
  preview(contentHash: string, publisher: Publisher, now: string): Promise<SubmissionPreview>;
}

export function submissionWork(store: Store): SubmissionWork {
  return {
    async intake(workbook, publisher, now, options) {
      const checked = checkSubmitted(workbook, publisher, now);
      const { completeness, counts } = checked;
      // Told when sending, not only when the coordinator approves (link-findings.ts); «Validar» asks the same before.
      const unpublished = await linkFindings(store, publisher, checked.foreign, checked.named);
      const findings = unpublished.length ? inReadingOrder([...checked.findings, ...unpublished], workbook.sheets.map((s) => s.name)) : checked.findings;
      if (findings.some((f) => f.severity === 'error') || options?.keep === false) return { findings, completeness };
      return { findings, completeness, snapshot: await keepSnapshot(store, workbook, now, completeness, counts) };
    },
    async preview(contentHash, publisher, now) {
      const workbook = await snapshotSource(store, contentHash).read();
      const checked = checkWorkbook(workbook, { now, ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix });
      const current = await store.getCurrent(publisher.id);
      const currentReleases = new Map<string, Record<string, unknown>>();
      const currentProjects = new Map<string, Record<string, unknown>>();
      const currentCompiled = new Map<string, Record<string, unknown>>();
      // Each process's releases before its latest: a send that brings one back (an older copy of the workbook) is said.
      const earlierReleases = new Map<string, { id: string; date: string }[]>();
      // …and every release's link (id, date, tag), which the projects' summaries are derived with at approval.
      const currentLinks = new Map<string, ReleaseLink[]>();
      let keptParts: TypedParts | undefined;
      if (current) {
        // Ordered by (ocid, date, id): the last one of each ocid is its latest release.
        for (const r of await readAll((after) => store.listReleases({ publicationId: current.id, after, limit: 1000 }))) {
          const latest = currentReleases.get(r.ocid);
          if (latest) {
            const earlier = earlierReleases.get(r.ocid);
            const entry = { id: String(latest.id), date: String(latest.date) };
            if (earlier) earlier.push(entry); else earlierReleases.set(r.ocid, [entry]);
          }
          currentReleases.set(r.ocid, r.release);
          const link = { id: String(r.release.id), date: String(r.release.date), tag: stringsOf(r.release.tag) };
          currentLinks.set(r.ocid, [...(currentLinks.get(r.ocid) ?? []), link]);
        }
        // What the official typed of the published projects, as their publication kept it.
        keptParts = readTypedParts(await store.getIndex(current.id));
        // A process whose latest release was published elsewhere (`history`): its compiled release too (changePreview),
        // the records read by pages when there is one, not one read per process.
        const elsewhere = new Set([...currentReleases].filter(([ocid, latest]) => !isDerivedReleaseId(ocid, String(latest.id))).map(([ocid]) => ocid));
        if (elsewhere.size) {
          for (const { ocid, record } of await readAll((after) => store.listRecords({ publicationId: current.id, after, limit: 100 }))) {
            if (elsewhere.has(ocid) && isObject(record.compiledRelease)) currentCompiled.set(ocid, record.compiledRelease);
          }
        }
        for (const p of await readAll((after) => store.listProjects({ publicationId: current.id, after, limit: 1000 }))) currentProjects.set(p.id, p.project);
      }
      // The projects' processes another implementer publishes: publication takes their summaries from its current
      // publication, not as typed (published-elsewhere.ts): derived here from the same data. Said, with whose and
      // of what date: looked up as publication does, one record read per such process. One not published there (nor
      // by any registered implementer: a CompraNet process) is published as typed: its changes are shown.
      const foreign = foreignProcesses(checked.projects, publisher.ocidPrefix);
      const { sources, compiled, links } = await publishedElsewhere(store, publisher, foreign.map((f) => ({ ...f, quiet: true })));
      const preview = changePreview({ releases: checked.releases as Record<string, unknown>[], projects: checked.projects as Record<string, unknown>[], currentReleases, currentCompiled, currentProjects, earlierReleases, now,
        currentLinks, ...(keptParts ? { keptParts } : {}), elsewhere: { compiled, links } });
      if (sources.length) {
        const projectsOf = (ocid: string): string[] => [...new Set(foreign.filter((f) => f.ocid === ocid).map((f) => String((checked.projects[Number(f.pointer.split('/')[2])] as { id?: unknown } | undefined)?.id ?? '')))].filter(Boolean);
        preview.elsewhere = sources.map((s) => ({ ...s, projects: projectsOf(s.ocid) }));
      }
      return { currentPublicationId: current?.id ?? null, preview };
    },
  };
}
