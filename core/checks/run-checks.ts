/**
 * Runs CHECKS on documents given one at a time (releases, then projects), so a package can be checked as it is read
 * and each document dropped after it (issue 17: holding a 10,000-release package parsed whole cost more than checking
 * it). Each check (each part of a PartedCheck) keeps its findings in a group of its own and the groups are listed in
 * CHECKS order, so the order — which decides the finding kept when two compete for a cell — is the one of running
 * each check on all the documents in turn. The value checks share one walk per document (five separate walks were
 * half of the validation time at 10,000 processes).
 */
import type { Standard } from '../profile/types';
import { CHECKS } from './index';
import { escapePointerSegment, fieldChild, isArray, isObject, type FieldTree } from './json';
import type { Check, CheckContext, CrossCheck, Doc, PartedCheck, Report, ValidateSettings, ValueCheck, Visit } from './types';

type Held = Parameters<Report>;

const NONE: Doc[] = [];

function isValueCheck(check: Check | PartedCheck | CrossCheck | ValueCheck): check is ValueCheck {
  return typeof check !== 'function' && 'visitor' in check;
}

/**
 * Per field, by the kind of value (`other`: numbers, booleans, null): the visitors that look at it — those of that
 * kind and those that look at every value (`any`). Each visitor reports into a group of its own, so the order they
 * are called in for one value does not show.
 */
interface Dispatch { string: Visit[]; object: Visit[]; array: Visit[]; other: Visit[] }

/** A check (or one part of one) called per document, with the context that reports into its group. */
interface Step { run: Check; ctx: CheckContext }

export class CheckRun {
  /** One per check, one per part of a PartedCheck, in CHECKS order. */
  private readonly groups: Held[][] = [];
  private readonly steps: Step[] = [];
  private readonly valueChecks: { check: ValueCheck; out: Held[] }[] = [];
  /** The walk of the value checks over one document, built at the first document of each standard. */
  private readonly walks: Partial<Record<Standard, (doc: Doc) => void>> = {};
  private projectsBegun = false;

  constructor(private readonly settings: ValidateSettings, private readonly now: number) {
    const group = (): Held[] => { const out: Held[] = []; this.groups.push(out); return out; };
    const step = (run: Check): void => {
      const out = group();
      this.steps.push({ run, ctx: this.context(out) });
    };
    for (const check of CHECKS) {
      if (isValueCheck(check)) this.valueChecks.push({ check, out: group() });
      else if (typeof check === 'function') step(check);
      else if ('parts' in check) for (const part of check.parts()) step(part);
      else step(check.start());
    }
  }

  private context(out: Held[]): CheckContext {
    return { releases: NONE, projects: NONE, settings: this.settings, now: this.now, report: (...args) => { out.push(args); } };
  }

  /** Checks one document; a release after a project is refused (the cross-document checks read releases first). */
  add(doc: Doc, standard: Standard): void {
    if (standard === 'oc4ids') this.projectsBegun = true;
    else if (this.projectsBegun) throw new Error('CheckRun: las entregas van antes que los proyectos');
    (this.walks[standard] ??= this.valueWalk(standard))(doc);
    const one = [doc];
    for (const { run, ctx } of this.steps) {
      ctx.releases = standard === 'ocds' ? one : NONE;
      ctx.projects = standard === 'oc4ids' ? one : NONE;
      run(ctx);
    }
  }

  private valueWalk(standard: Standard): (doc: Doc) => void {
    const visitors: { visit: Visit; on: 'string' | 'object' | 'array' | 'any'; fields?: ValueCheck['fields'] }[] = [];
    for (const { check, out } of this.valueChecks) {
      const visit = check.visitor(this.context(out), standard);
      if (visit) visitors.push({ visit, on: check.on ?? 'any', fields: check.fields });
    }
    const dispatch = (field: string): Dispatch => {
      const d: Dispatch = { string: [], object: [], array: [], other: [] };
      for (const { visit, on, fields } of visitors) {
        if (fields && !fields(field, standard)) continue;
        if (on === 'any') { d.string.push(visit); d.object.push(visit); d.array.push(visit); d.other.push(visit); } else d[on].push(visit);
      }
      return d;
    };
    // Every value of the document, in document order, with its pointer (built on demand from `path`, as json.ts
    // `walk` did) and its unindexed field. One walk for all the value checks, and a value no visitor looks at
    // (most numbers, most fields) costs no call: the visitors' own first tests were most of the walk (issue 17).
    const tree: FieldTree<Dispatch> = { path: '' };
    // The keys and indexes from the document down to the value being visited: `path[0, depth)`.
    const path: (string | number)[] = [];
    let depth = 0;
    let docPointer = '';
    const pointerNow = (): string => {
      let p = docPointer;
      for (let i = 0; i < depth; i++) {
        const s = path[i];
        p += `/${typeof s === 'number' ? s : escapePointerSegment(s)}`;
      }
      return p;
    };
    const step = (value: unknown, node: FieldTree<Dispatch>): void => {
      const d = (node.memo ??= dispatch(node.path));
      let visits: Visit[];
      if (typeof value === 'string') visits = d.string;
      else if (isArray(value)) {
        visits = d.array;
        for (let i = 0; i < visits.length; i++) visits[i](value, pointerNow, node.path);
        const at = depth++;
        for (let i = 0; i < value.length; i++) { path[at] = i; step(value[i], node); }
        depth = at;
        return;
      } else if (isObject(value)) {
        visits = d.object;
        for (let i = 0; i < visits.length; i++) visits[i](value, pointerNow, node.path);
        const at = depth++;
        for (const k in value) { path[at] = k; step(value[k], fieldChild(node, k)); }
        depth = at;
        return;
      } else visits = d.other;
      for (let i = 0; i < visits.length; i++) visits[i](value, pointerNow, node.path);
    };
    return ({ data, pointer }) => {
      docPointer = pointer;
      depth = 0;
      step(data, tree);
    };
  }

  /** Every finding so far, group by group. */
  report(to: Report): void {
    for (const group of this.groups) for (const args of group) to(...args);
  }
}
