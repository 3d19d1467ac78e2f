/**
 * The `tag` of a release that re-publishes a process (OCDS releaseTag codelist; rules.md R-03: the capture tool
 * tagged each save of a stage with the stage's update, amendment, cancellation or termination, and `{stage}Update`
 * when nothing was chosen). The converter tags a release with the stages it holds (core/unflatten/derive-fields);
 * when the process was published before, the publication replaces that with what this release changes:
 * - a stage the previous release did not have keeps its own tag (`award`, `contract`…);
 * - a changed tender is `tenderCancellation` when it became cancelled, `tenderAmendment` when it gained
 *   amendments, else `tenderUpdate`; awards: `awardCancellation` / `awardUpdate`; contracts (without their
 *   implementation): `contractTermination` when one became terminated, `contractAmendment` when they gained
 *   amendments, else `contractUpdate`; `planningUpdate`; `implementationUpdate`;
 * - an unchanged stage is left out; when no stage changed (only parties, say) the last stage's update is the tag.
 * A tag the official typed (one that is not the converter's list of stages) is kept as typed.
 */
import { releaseStages } from '../unflatten/derive-fields';
import { isObject } from '../json/json-values';
import { sameCanonicalJson } from '../json/same-canonical-json';

type Obj = Record<string, unknown>;

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);

const same = (a: unknown, b: unknown): boolean => sameCanonicalJson(a ?? null, b ?? null);
const amendments = (items: Obj[]): number => items.reduce((n, i) => n + list(i.amendments).length, 0);

/** Whether an item of `now` has `status` that its namesake in `before` (matched by id) did not have. */
function became(now: Obj[], before: Obj[], status: string): boolean {
  return now.some((i) => i.status === status && before.find((b) => b.id === i.id)?.status !== status);
}

function contractsOnly(release: Obj): Obj[] {
  return list(release.contracts).map(({ implementation, ...rest }) => (void implementation, rest));
}

function implementations(release: Obj): unknown[] {
  return list(release.contracts).map((c) => c.implementation ?? null);
}

function hasImplementation(release: Obj): boolean {
  return list(release.contracts).some((c) => c.implementation !== undefined);
}

/**
 * Whether the release's tag is the official's (typed: a list that is not the converter's list of stages). Any other
 * tag is the platform's: publication replaces it, so it says nothing the official wrote (the coordinator's preview
 * leaves it out, core/workflow/change-preview).
 */
export function hasTypedTag(release: Obj): boolean {
  return Array.isArray(release.tag) && !same(release.tag, releaseStages(release));
}

export function updateTags(release: Obj, previous: Obj): string[] {
  const stages = releaseStages(release);
  if (!Array.isArray(release.tag) || hasTypedTag(release)) return Array.isArray(release.tag) ? (release.tag as string[]) : stages;
  const tags: string[] = [];
  for (const stage of stages) {
    switch (stage) {
      case 'planning':
        if (previous.planning === undefined) tags.push('planning');
        else if (!same(release.planning, previous.planning)) tags.push('planningUpdate');
        break;
      case 'tender': {
        const now = release.tender as Obj;
        const before = previous.tender;
        if (!isObject(before)) tags.push('tender');
        else if (!same(now, before)) {
          if (now.status === 'cancelled' && before.status !== 'cancelled') tags.push('tenderCancellation');
          else if (amendments([now]) > amendments([before])) tags.push('tenderAmendment');
          else tags.push('tenderUpdate');
        }
        break;
      }
      case 'award': {
        const now = list(release.awards);
        const before = list(previous.awards);
        if (before.length === 0) tags.push('award');
        else if (!same(now, before)) tags.push(became(now, before, 'cancelled') ? 'awardCancellation' : 'awardUpdate');
        break;
      }
      case 'contract': {
        const now = contractsOnly(release);
        const before = contractsOnly(previous);
        if (before.length === 0) tags.push('contract');
        else if (!same(now, before)) {
          if (became(now, before, 'terminated')) tags.push('contractTermination');
          else if (amendments(now) > amendments(before)) tags.push('contractAmendment');
          else tags.push('contractUpdate');
        }
        break;
      }
      case 'implementation':
        if (!hasImplementation(previous)) tags.push('implementation');
        else if (!same(implementations(release), implementations(previous))) tags.push('implementationUpdate');
        break;
      default:
        break;
    }
  }
  return tags.length ? tags : [`${stages[stages.length - 1]}Update`];
}
