/**
 * A project's contracting process that names an ocid held in the same workbook must describe that process
 * (OC4IDS 0.9 "Linking to OCDS data": contractingProcesses[].id is the ocid; summary fields are derived from it):
 * the release must link back to the project (`planning.project.id`, OCDS project extension) and the summary's
 * title must match the tender (`link.summaryMismatch`) and its method too (`link.methodMismatch`, named by their Spanish
 * titles: «direct» and «open» told the official nothing). `link.projectMismatch` (warning) and those two (warnings).
 * Publication lays the summary derived from the release over the typed one (deriveProjectSummaries), so an amount typed
 * in «Procesos del proyecto» that differs from the release's was replaced without a word: the official saw
 * 1,234,567.80 in the sheet and the public 1,180,000.00. `link.contractValueReplaced` / `link.awardValueReplaced`
 * (contract value: from the contracts, else from the awards) and `link.costEstimateReplaced` (the tender's estimated
 * amount), warnings on the typed amount, say which one is published and where it comes from; `link.contractPeriodReplaced`
 * the same of the contract's start and end dates.
 * The other way round: a process that names a project of the workbook (`planning.project.id`) must be listed by it —
 * the dashboard and the project's summaries follow the project's list only, so the process showed as linked to no
 * project and the project as contracting nothing (`link.processNotListed`, warning).
 * A process the project lists whose release (in the same workbook) names no project: the checks that judge what
 * publication derives from the release (cost-ids-missing.ts, release-given-rows.ts) only know the releases that name
 * one, so the official was asked to type in «Procesos del proyecto» a dozen columns the publication fills, and the
 * published EDCA-MX process did not say which project it belongs to. `link.processNotLinkedBack` (warning), on the
 * release's «Identificador del proyecto», where it is typed.
 * A process the project lists by an ocid of another prefix whose local part is that of a process of the workbook
 * under the institution's own prefix («ocds-xyz999-AD-002» for «ocds-abc123-AD-002»): a slip in the prefix. The
 * server takes such an ocid for another institution's process and, no registered one having that prefix, publishes
 * the summary as typed, linked to nothing. `link.processOtherPrefix` (warning) names the process it most likely is.
 * A process with an ocid (`summary.ocid`, «OCID del proceso») listed under another id: OC4IDS 0.9.5 says that ocid
 * «must be recorded» as `contractingProcesses[].id`, and the platform links by it — the dashboard's process page, and
 * another implementer's process, whose summary is only taken from its publication when the id is its ocid (it was
 * left as typed, with no word). `link.processIdNotOcid` (warning), and such a process counts as listed.
 */
import { itemsAt, objectAt, stringAt } from './json';
import type { CrossCheck } from './types';
import { processContractPeriod, processContractValue, processTitle } from '../summary/summary-from-release';
import { calendarDate } from '../format/es-mx';
import type { JsonObject } from './types';
import { money, type Money } from '../summary/values';
import { codeTitle } from './code-label';
import { isOtherPublishersOcid } from '../summary/foreign-processes';

/** An ocid's local part, after its prefix `ocds-xxxxxx-`. */
const LOCAL_PART = /^ocds-[a-z0-9]{6}-(.+)$/i;

/** What a project's contracting process is compared with: a release's project link and tender summary, not the whole release. */
interface ReleaseSummary {
  linked?: string; title?: string; tenderTitle?: string; method?: string;
  /** Where the release is (its row of «Contrataciones»): a missing link back to the project is typed there. */
  pointer: string;
  /** What publication puts in the summary's contractValue (and from what), and in its tender.costEstimate. */
  contractValue?: { value: Money; from: 'contracts' | 'awards' };
  costEstimate?: Money;
  contractPeriod?: JsonObject;
}

/** Whether a typed amount says something else than the published one: another figure (to the cent) or another currency. */
function differs(typed: Money, published: Money): boolean {
  return Math.abs(typed.amount - published.amount) >= 0.005 || (typed.currency !== undefined && published.currency !== undefined && typed.currency !== published.currency);
}

export const contractingProcessLink: CrossCheck = {
  start: () => {
    // The first release of each ocid, as it was read (a package's releases are not kept whole until its projects).
    const byOcid = new Map<string, ReleaseSummary>();
    /** Project id → the ocids whose release names it. */
    const naming = new Map<string, string[]>();
    /** Local part (after `ocds-xxxxxx-`) → the workbook's ocid with the institution's prefix: built when first needed. */
    let ownByLocal: Map<string, string> | undefined;
    return ({ releases, projects, settings, report }) => {
      const own = settings.ocidPrefix?.trim().toLowerCase();
      for (const { data, pointer: releasePointer } of releases) {
        const ocid = stringAt(data, 'ocid');
        if (ocid === undefined || byOcid.has(ocid)) continue;
        ownByLocal = undefined;
        const tender = objectAt(data, 'tender');
        // The title a project's summary takes from the process at publication (core/summary: its contract's, else its
        // award's or tender's); the tender's, as the templates' examples type it, agrees too.
        const linked = stringAt(objectAt(objectAt(data, 'planning'), 'project'), 'id');
        byOcid.set(ocid, { pointer: releasePointer, linked, title: processTitle(data), tenderTitle: stringAt(tender, 'title'), method: stringAt(tender, 'procurementMethod'),
          contractValue: processContractValue(data), costEstimate: money(tender?.value), contractPeriod: processContractPeriod(data) });
        if (linked !== undefined) {
          const named = naming.get(linked);
          if (named) named.push(ocid); else naming.set(linked, [ocid]);
        }
      }
      for (const { data: project, pointer } of projects) {
        const projectId = stringAt(project, 'id');
        const processes = itemsAt(project, 'contractingProcesses', pointer).map(({ item, pointer: p }) => {
          const summary = objectAt(item, 'summary');
          return { pointer: p, summary, id: stringAt(item, 'id'), ocid: stringAt(item, 'id') ?? stringAt(summary, 'ocid') };
        });
        if (projectId !== undefined && naming.has(projectId)) {
          const listed = new Set(processes.flatMap((x) => [x.ocid, stringAt(x.summary, 'ocid')]));
          for (const ocid of naming.get(projectId) ?? []) if (!listed.has(ocid)) report('link.processNotListed', 'warning', `${pointer}/id`, { value: ocid, project: projectId });
        }
        for (const { pointer: p, summary, id, ocid: listedOcid } of processes) {
          const typedOcid = stringAt(summary, 'ocid');
          if (id !== undefined && typedOcid !== undefined && id !== typedOcid) report('link.processIdNotOcid', 'warning', `${p}/id`, { value: id, ocid: typedOcid });
          const ocid = byOcid.has(listedOcid ?? '') || typedOcid === undefined ? listedOcid : typedOcid;
          const release = ocid === undefined ? undefined : byOcid.get(ocid);
          if (!release) {
            const local = own && ocid && isOtherPublishersOcid(ocid, own) ? LOCAL_PART.exec(ocid)?.[1] : undefined;
            if (local === undefined) continue;
            ownByLocal ??= new Map([...byOcid.keys()].flatMap((o) => { const l = o.toLowerCase().startsWith(`${own}-`) ? LOCAL_PART.exec(o)?.[1] : undefined; return l === undefined ? [] : [[l, o] as const]; }));
            const meant = ownByLocal.get(local);
            if (meant !== undefined) report('link.processOtherPrefix', 'warning', `${p}/id`, { value: ocid ?? '', suggested: meant, prefix: own ?? '' });
            continue;
          }
          const { linked } = release;
          if (linked === undefined && projectId !== undefined) {
            report('link.processNotLinkedBack', 'warning', `${release.pointer}/planning/project/id`, { value: ocid ?? '', project: projectId });
          }
          if (linked !== undefined && projectId !== undefined && linked !== projectId) {
            report('link.projectMismatch', 'warning', `${p}/id`, { value: ocid ?? '', project: projectId, linked });
          }
          const title = stringAt(summary, 'title');
          if (title !== undefined && release.title !== undefined && title !== release.title && title !== release.tenderTitle) {
            report('link.summaryMismatch', 'warning', `${p}/summary/title`, { value: title, expected: release.title, ocid: ocid ?? '' });
          }
          const typedTender = objectAt(summary, 'tender');
          const method = stringAt(typedTender, 'procurementMethod');
          if (method !== undefined && release.method !== undefined && method !== release.method) {
            report('link.methodMismatch', 'warning', `${p}/summary/tender/procurementMethod`, { value: codeTitle('method', method), expected: codeTitle('method', release.method), ocid: ocid ?? '' });
          }
          const amounts: [string, unknown, Money | undefined, string][] = [
            ['summary/contractValue', summary?.contractValue, release.contractValue?.value, release.contractValue?.from === 'awards' ? 'link.awardValueReplaced' : 'link.contractValueReplaced'],
            ['summary/tender/costEstimate', typedTender?.costEstimate, release.costEstimate, 'link.costEstimateReplaced'],
          ];
          for (const [path, typedValue, published, code] of amounts) {
            const typed = money(typedValue);
            if (!typed || !published || !differs(typed, published)) continue;
            // In pesos as es-MX writes money ($1,180,000.00); in two currencies, each figure with its code.
            const currency = typed.currency ?? published.currency;
            const same = published.currency === undefined || currency === published.currency;
            report(code, 'warning', `${p}/${path}/amount`, { value: typed.amount, expected: published.amount, ocid: ocid ?? '',
              ...(same ? { currency: currency ?? '' } : { typedCurrency: currency ?? '', expectedCurrency: published.currency ?? '' }) });
          }
          // The contract's dates, by calendar day (a date typed in the sheet carries its time zone, a release's may not).
          const typedPeriod = objectAt(summary, 'contractPeriod');
          for (const end of ['startDate', 'endDate'] as const) {
            const typed = stringAt(typedPeriod, end);
            const published = stringAt(release.contractPeriod, end);
            if (typed === undefined || published === undefined || calendarDate(typed) === calendarDate(published)) continue;
            report('link.contractPeriodReplaced', 'warning', `${p}/summary/contractPeriod/${end}`, { value: typed, expected: published, ocid: ocid ?? '' });
          }
        }
      }
    };
  },
};
