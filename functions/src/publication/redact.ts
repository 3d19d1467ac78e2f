/**
 * Removing personal data typed into free text from everything a publisher has published (`infra-abierta publications
 * redact`): a person asks for their CURP, telephone or address to be removed (LGPDPPSO, derecho de cancelación), and
 * correcting the workbook only adds a new release — every earlier release of the process keeps the text, and with them
 * the release API, each record's history (versioned release), the release bulk files and the dashboard's links to
 * them.
 *
 * OCDS 1.1.5 treats a release as the immutable statement of what was known at a date, and corrects by publishing a new
 * release; it has no way to withdraw one. The law comes first, and withdrawing whole releases would lose everything
 * else they say (an award, a contract, their dates). So each release that holds one of the texts keeps its id, date
 * and tag, and only the occurrences are replaced (core/privacy/redact-texts.ts); the projects too. The publisher's
 * current publication is written again as republish.ts writes it — a new publication under its own id, made visible
 * by the one compare-and-set switch of the publisher's pointer, same `createdAt` and content hash (the data is as of
 * then; a redaction does not make an implementer that is late look up to date) — with the records of the processes
 * touched compiled again from the redacted releases, the others carried as stored. The audit log says who, why
 * (`reason`) and which releases and fields changed, never the texts themselves (it cannot be edited afterwards).
 * The publications it replaces still hold the texts until `publications prune` removes them (a day later).
 */
import { redactTexts, type TextMatchers } from '../../../core/privacy/redact-texts';
import { type JsonObject, type Publication, type Publisher, type RedactionNote, type Store, type Submission } from '../store/store';
import { readAll } from '../store/read-all';
import { ENDED } from '../../../core/workflow/contract';
import { projectsOf, releasesByOcid } from './publish';
import { rewriteCurrent } from './republish';

/** A release or a project holding the texts, and where (JSON pointers of its strings). */
export interface RedactedPlace {
  ocid?: string;
  releaseId?: string;
  date?: string;
  projectId?: string;
  pointers: string[];
}

export interface RedactionPlan {
  current: Publication;
  releases: RedactedPlace[];
  projects: RedactedPlace[];
  /** Occurrences of each text (the matchers' order). */
  counts: number[];
  /**
   * Releases and projects whose own identifier (`ocid`, release `id`, project `id`) holds a text: what the store, the
   * record and every link name them by. Replaced, the process or project would stop being itself; the command refuses.
   */
  identifiers: string[];
  /** What would be written: every release (the redacted ones parsed and replaced), and the projects redacted. */
  history: Awaited<ReturnType<typeof releasesByOcid>>;
  redactedProjects: JsonObject[];
  published: Map<string, JsonObject>;
}

/** How many releases, processes and projects the audit entry names one by one. */
const AUDITED_PLACES = 100;

const parse = (text: string | Buffer): JsonObject => JSON.parse(typeof text === 'string' ? text : text.toString('utf8')) as JsonObject;

/** Where the texts are in `current`, and what it would hold without them. Reads every release; writes nothing. */
export async function planRedaction(store: Store, current: Publication, matchers: TextMatchers): Promise<RedactionPlan> {
  const history = await releasesByOcid(store, current.id);
  const counts = matchers.each.map(() => 0);
  const add = (found: number[]): void => found.forEach((n, i) => { counts[i] += n; });
  const releases: RedactedPlace[] = [];
  const identifiers: string[] = [];
  for (const [ocid, list] of history) {
    for (const held of list) {
      const release = held.release ?? parse(held.text as string | Buffer);
      const result = redactTexts(release, matchers);
      if (!result.pointers.length) continue;
      add(result.counts);
      if (result.pointers.includes('/ocid') || result.pointers.includes('/id')) identifiers.push(`${ocid} (${held.id})`);
      // Written from the redacted object: publish.ts serializes a release held without its stored text.
      held.release = result.value;
      held.text = undefined;
      releases.push({ ocid, releaseId: held.id, date: held.date, pointers: result.pointers });
    }
  }
  const published = await projectsOf(store, current.id);
  const projects: RedactedPlace[] = [];
  const redactedProjects = [...published.values()].map((project) => {
    const result = redactTexts(project, matchers);
    if (result.pointers.length) {
      add(result.counts);
      projects.push({ projectId: String(project.id), pointers: result.pointers });
      if (result.pointers.includes('/id')) identifiers.push(String(project.id));
    }
    return result.value;
  });
  return { current, releases, projects, counts, identifiers, history, redactedProjects, published };
}

export interface RedactInput {
  publisher: Publisher;
  plan: RedactionPlan;
  baseUrl: string;
  actor: string;
  /** When it is written, ISO 8601. */
  at: string;
  /** Why (the request it answers: its folio, the resolution), for the audit log. */
  reason: string;
  auditDetails?: JsonObject;
}

export type RedactResult =
  | { status: 'redacted'; publication: Publication }
  /** A send of the publisher is approved and being published: nothing written (its publication carries the texts). */
  | { status: 'publishing'; submissionId: string }
  /** Another publication became current meanwhile: this one is never served; plan again from that one. */
  | { status: 'superseded'; publication: Publication };

export async function redact(store: Store, input: RedactInput): Promise<RedactResult> {
  const { plan } = input;
  const { current } = plan;
  const ocids = [...new Set(plan.releases.map((r) => r.ocid as string))];
  // What the public is told (api/redaction-notes.ts) and `publications list` says: which releases and projects, and
  // where in each, never the texts.
  const redaction: RedactionNote = {
    at: input.at, from: current.id, reason: input.reason,
    releaseCount: plan.releases.length, processCount: ocids.length, projectCount: plan.projects.length,
    releases: plan.releases.map((r) => ({ ocid: r.ocid as string, id: r.releaseId as string, pointers: r.pointers })),
    projects: plan.projects.map((p) => ({ id: p.projectId as string, pointers: p.pointers })),
  };
  const result = await rewriteCurrent(store, {
    publisher: input.publisher, current, baseUrl: input.baseUrl, actor: input.actor, at: input.at,
    content: async () => ({ history: plan.history, projects: plan.redactedProjects, published: plan.published }),
    // The records of the processes touched are compiled again (their compiled release may hold the texts; publish.ts
    // carriedProcess already refuses a release held without its stored text, said here too).
    recompiled: ocids,
    action: 'publication.redacted',
    redaction,
    auditDetails: {
      // The first AUDITED_PLACES of each, and how many in all: a text typed in every process of a large publisher
      // would make an entry larger than a Firestore document may be (1 MiB).
      redactedFrom: current.id, reason: input.reason, redactedOcids: ocids.slice(0, AUDITED_PLACES),
      redactedReleaseCount: plan.releases.length, redactedProcessCount: ocids.length, redactedProjectCount: plan.projects.length,
      redactedReleases: redaction.releases.slice(0, AUDITED_PLACES),
      redactedProjects: redaction.projects.slice(0, AUDITED_PLACES),
      ...input.auditDetails,
    },
  });
  return result.status === 'written' ? { status: 'redacted', publication: result.publication } : result;
}

/**
 * Where the review flow still holds the texts (the personal-data officer's «is it anywhere a coordinator can read
 * it?»): `quoting`, the publisher's submissions whose findings (a warning quotes the CURP it found: «parece una CURP:
 * «…»») or history comments name one — kept for good, shown on the submission's page to its officials and
 * coordinators, and rewritten by `redactSubmissionQuotes`; `open`, those not ended (in review, returned, failed)
 * whose sent workbook holds one — approving it would publish the texts again, and its page previews them; its copy is
 * kept as long as it is open (prune-snapshots.ts), so it has to be returned and sent corrected, or withdrawn.
 * Those ended keep their copy until `publications prune` removes it.
 */
export interface SubmissionHolding { quoting: string[]; open: { id: string; status: Submission['status'] }[] }

export async function submissionsHolding(store: Store, publisherId: string, matchers: TextMatchers): Promise<SubmissionHolding> {
  const submissions = await readAll((after) => store.listSubmissions({ publisherId, after, limit: 1000 }));
  const quoting: string[] = [];
  const open: SubmissionHolding['open'] = [];
  for (const s of submissions) {
    if (redactTexts({ findings: s.findings, history: s.history }, matchers).pointers.length) quoting.push(s.id);
    if (ENDED.includes(s.status) || !s.snapshot) continue;
    const text = await store.getSnapshot(s.snapshot.contentHash);
    if (text !== undefined && redactTexts(JSON.parse(text) as unknown, matchers).pointers.length) open.push({ id: s.id, status: s.status });
  }
  return { quoting, open };
}

/** Replaces the texts in what each submission quotes (its findings, its history's comments); how many changed. */
export async function redactSubmissionQuotes(store: Store, ids: readonly string[], matchers: TextMatchers): Promise<number> {
  let changed = 0;
  for (const id of ids) {
    const done = await store.rewriteSubmissionQuotes(id, (quoted) => {
      const result = redactTexts(quoted, matchers);
      return result.pointers.length ? result.value : undefined;
    });
    if (done) changed++;
  }
  return changed;
}
