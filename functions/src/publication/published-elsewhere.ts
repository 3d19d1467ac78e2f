/**
 * The OCDS data of the processes a publication's projects list that another registered implementer publishes (a
 * state's project contracted by municipalities under a «convenio de coordinación», core/summary/foreign-processes.ts).
 * OC4IDS 0.9.5, «Linking to OCDS data»: a project's `contractingProcesses[].id` is the process's ocid and its summary
 * is derived from the OCDS data, wherever it is published; so the summary is derived here, at publication time, from
 * that implementer's current publication (its compiled release), and the process's `releases` link that
 * implementer's releases, whose dates say as of when. A later publication of the other implementer is taken when this
 * one publishes again (the content hash names the releases taken: `stamps`); in between, the dashboard reads both
 * publishers' current indexes and shows the process as it stands now.
 *
 * Cost at national scale (2,500 implementers): only ocids of another prefix are looked up; the registered publishers
 * and their current publications come from publishedState (read once per process, then only what its change log
 * names), and each process is one read of one record — never a scan of other publications.
 */
import { finding, type CellRef, type Finding } from '../../../core/findings/finding';
import { formatDate } from '../../../core/format/es-mx';
import { ownerOf } from '../../../core/identifiers/owner-of';
import { isObject, stringsOf, type JsonObject } from '../../../core/json/json-values';
import type { ForeignProcess, ForeignProject } from '../../../core/summary/foreign-processes';
import { amendmentChanges, hasContractAmendments, type AmendmentChange, type ReleaseLink } from '../../../core/summary';
import { readAll } from '../store/read-all';
import { publishedState } from '../api/current-publications';
import { releaseUrl } from './urls';
import type { Publisher, Store } from '../store/store';

export interface PublishedElsewhere {
  /** The other implementer's compiled release of each process found, by ocid. */
  compiled: Map<string, JsonObject>;
  /** Its releases (their URLs on this platform), by ocid. */
  links: Map<string, ReleaseLink[]>;
  /**
   * What the contract amendments of each process whose contracts were amended changed (core/summary/amendment-changes.ts),
   * told from that implementer's releases of it: a compiled release keeps only the latest value and period.
   */
  amendments: Map<string, AmendmentChange[]>;
  /** `ocid releaseId` of the latest release taken of each: what the content hash adds, so that a newer one is taken. */
  stamps: string[];
  /** Where each summary came from, or why it stays as typed (Spanish, by cell). */
  findings: Finding[];
  /**
   * Each process of a registered other implementer, once: whose, and the date of the publication its summary is taken
   * from (null: not published there yet, the summary stays as typed) — what the coordinator's preview says.
   */
  sources: { ocid: string; publisher: string; publishedAt: string | null }[];
}

export const NOTHING_ELSEWHERE: PublishedElsewhere = { compiled: new Map(), links: new Map(), amendments: new Map(), stamps: [], findings: [], sources: [] };

/** The release id a record's link names (`…/api/ocds/releases?ocid=…&releaseID=…`, publish.ts releaseUrl). */
function releaseIdOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('releaseID') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * `quiet`: looked up without a finding (a project carried from the current publication has no cell to name).
 * `baseUrl`: the address this publication links its releases under. The other implementer's releases are linked under
 * it too — one platform serves both — not under the address its record was written with: after a move (republish.ts)
 * that one is the old server's. Without it (a send's check, which reads only the findings) no link is given a URL.
 */
export async function publishedElsewhere(store: Store, publisher: Publisher, listed: readonly (ForeignProcess & { cell?: CellRef; quiet?: boolean })[], baseUrl?: string): Promise<PublishedElsewhere> {
  if (!listed.length) return NOTHING_ELSEWHERE;
  const { publishers, sets } = await publishedState(store);
  const out: PublishedElsewhere = { compiled: new Map(), links: new Map(), amendments: new Map(), stamps: [], findings: [], sources: [] };
  const where = (p: { pointer: string; cell?: CellRef }): { pointer: string; cell?: CellRef } => (p.cell ? { pointer: p.pointer, cell: p.cell } : { pointer: p.pointer });
  for (const process of listed) {
    const owner = ownerOf(publishers, process.ocid, (p) => p.ocidPrefix);
    // No registered implementer has that prefix (a federal dependency's CompraNet process…): the summary stays as typed.
    if (!owner || owner.id === publisher.id) continue;
    const set = sets.find((s) => s.publisher.id === owner.id);
    const stored = set ? await store.getRecord(set.publication.id, process.ocid) : undefined;
    const compiled = stored?.record.compiledRelease;
    const source = (publishedAt: string | null): void => { if (!out.sources.some((s) => s.ocid === process.ocid)) out.sources.push({ ocid: process.ocid, publisher: owner.name, publishedAt }); };
    if (!set || !stored || !isObject(compiled)) {
      source(null);
      if (!process.quiet) out.findings.push(finding('link.otherPublisherUnpublished', 'warning', { value: process.ocid, publisher: owner.name }, where(process)));
      continue;
    }
    const linked: unknown[] = Array.isArray(stored.record.releases) ? stored.record.releases : [];
    const links = linked.filter(isObject).flatMap((l, n): ReleaseLink[] => {
      const stored = typeof l.url === 'string' ? releaseIdOf(l.url) : undefined;
      const id = stored ?? `${process.ocid}-${n + 1}`;
      return [{ id, ...(typeof l.date === 'string' ? { date: l.date } : {}), tag: stringsOf(l.tag), ...(stored !== undefined && baseUrl !== undefined ? { url: releaseUrl(baseUrl, process.ocid, stored) } : {}) }];
    });
    source(set.publication.createdAt);
    out.compiled.set(process.ocid, compiled);
    out.links.set(process.ocid, links);
    // Its releases, read only when its contracts were amended, and only to publish (a send's check reads the
    // findings): a few reads for a process few projects of another implementer list.
    if (baseUrl !== undefined && !out.amendments.has(process.ocid) && hasContractAmendments(compiled)) {
      const releases = await readAll((after) => store.listReleases({ publicationId: set.publication.id, ocid: process.ocid, after, limit: 100 }));
      out.amendments.set(process.ocid, amendmentChanges(releases.map((r) => r.release)));
    }
    out.stamps.push(`${process.ocid} ${links.length ? links[links.length - 1].id : set.publication.id}`);
    if (!process.quiet) out.findings.push(finding('link.otherPublisherSummary', 'info', { value: process.ocid, publisher: owner.name, date: formatDate(set.publication.createdAt) }, where(process)));
  }
  out.stamps.sort();
  return out;
}

/**
 * The municipality's side: its processes that name (`planning.project.id`) a project another registered implementer
 * publishes, and that the project does not list. OC4IDS links a project to its processes by the project's list
 * (`contractingProcesses[].id`): until the state adds the ocid, the state's project page, its summaries and its
 * «Contratado» leave the process out, which only the state can fix — so the municipality is told whom to ask. One
 * read of one project per project named, never a scan.
 */
export async function namedProjectsElsewhere(store: Store, publisher: Publisher, named: readonly (ForeignProject & { cell?: CellRef })[]): Promise<Finding[]> {
  if (!named.length) return [];
  const { publishers, sets } = await publishedState(store);
  const findings: Finding[] = [];
  const projects = new Map<string, Promise<JsonObject | undefined>>();
  for (const link of named) {
    const owner = ownerOf(publishers, link.projectId, (p) => p.projectIdPrefix);
    if (!owner || owner.id === publisher.id) continue;
    const set = sets.find((s) => s.publisher.id === owner.id);
    const key = `${owner.id} ${link.projectId}`;
    if (!projects.has(key)) projects.set(key, set ? store.getProject(set.publication.id, link.projectId).then((p) => p?.project) : Promise.resolve(undefined));
    const project = await projects.get(key);
    const listed = Array.isArray(project?.contractingProcesses) ? project.contractingProcesses : [];
    const lists = listed.some((c) => isObject(c) && (c.id === link.ocid || (isObject(c.summary) && c.summary.ocid === link.ocid)));
    if (project && lists) continue;
    const where = link.cell ? { pointer: link.pointer, cell: link.cell } : { pointer: link.pointer };
    findings.push(finding(project ? 'link.otherProjectNotListed' : 'link.otherProjectUnpublished', 'warning', { value: link.projectId, ocid: link.ocid, publisher: owner.name }, where));
  }
  return findings;
}
