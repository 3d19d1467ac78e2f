import * as fs from 'fs';
import * as path from 'path';
import { completeness, type CompletenessReport } from './completeness';
import { templateSpec } from '../template/template-spec';
import { isObject, itemsAlong, stringAt, valueAt } from '../checks/json';
import { hasStandards, STANDARDS_DIR } from '../../test/standards';
import { syntheticReleases } from '../../scripts/bench/synthetic-releases';
import type { Documents } from './validate';

/**
 * The definition read literally, as the oracle: for every non-key column of the standard's sheets (first
 * occurrence of a field), the sheet's rows in the document (its array's items, or the document) and whether any
 * of them fills the field.
 */
function byDefinition(documents: Documents): CompletenessReport {
  const filledValue = (v: unknown): boolean => v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '') && (!Array.isArray(v) || v.length > 0);
  const fields = (standard: string): { field: string; array: string }[] => {
    const seen = new Set<string>();
    return templateSpec().sheets.filter((s) => s.standard === standard).flatMap((sheet) => sheet.columns
      .filter((c) => !c.key && !seen.has(c.field) && seen.add(c.field))
      .map((c) => ({ field: c.field, array: sheet.array })));
  };
  // A process's stage fields wait for it to reach the stage: tender (a tender not only planned, an award or a
  // contract), awards (an award or a contract), contracts (a contract).
  const due = (data: unknown, field: string): boolean => {
    if (stageOf(field) === undefined || !isObject(data)) return true;
    const has = (k: string): boolean => Array.isArray(data[k]) && (data[k] as unknown[]).length > 0;
    const status = isObject(data.tender) ? data.tender.status : undefined;
    const tender = data.tender !== undefined && status !== 'planning' && status !== 'planned';
    return { tender: tender || has('awards') || has('contracts'), awards: has('awards') || has('contracts'), contracts: has('contracts') }[stageOf(field) as string] as boolean;
  };
  const stageOf = (field: string): string | undefined => ['tender', 'awards', 'contracts'].find((s) => field.startsWith(`${s}/`));
  // A project's dates of a stage wait for its status to reach the stage (a cancelled one: identification only; an
  // unknown status: up to completion).
  const lived = ['identification', 'preparation', 'implementation', 'completion', 'maintenance', 'decommissioning'];
  const projectDue = (data: unknown, field: string): boolean => {
    const stage = lived.find((s) => field.startsWith(`${s}Period/`));
    if (stage === undefined || !isObject(data)) return true;
    const status = { cancelled: 'identification', decommissioned: 'decommissioning' }[String(data.status)] ?? String(data.status);
    const reached = lived.includes(status) ? lived.indexOf(status) : lived.indexOf('completion');
    return lived.indexOf(stage) <= reached;
  };
  const score = (items: unknown[] | undefined, root: string, key: string, standard: string) => (items ?? []).map((data, i) => {
    const all = fields(standard);
    const notDue = all.filter(({ field }) => !(standard === 'ocds' ? due : projectDue)(data, field)).map((f) => f.field);
    const missing = all.filter(({ field }) => !notDue.includes(field)).filter(({ field, array }) => {
      if (!isObject(data)) return true;
      const rows = array ? itemsAlong(data, array, '').map((r) => r.item) : [data];
      return !rows.some((row) => filledValue(valueAt(row, array ? field.slice(array.length + 1) : field)));
    }).map((f) => f.field);
    const total = all.length - notDue.length;
    const filled = total - missing.length;
    return { pointer: `/${root}/${i}`, id: stringAt(data, key) ?? '', missing, notDue, filled, total, share: total ? Math.round((filled / total) * 1000) / 1000 : 0 };
  });
  const releases = score(documents.releases, 'releases', 'ocid', 'ocds');
  const projects = score(documents.projects, 'projects', 'id', 'oc4ids');
  const all = [...releases, ...projects];
  const filled = all.reduce((n, d) => n + d.filled, 0);
  const total = all.reduce((n, d) => n + d.total, 0);
  return { releases, projects, publisher: { filled, total, share: total ? Math.round((filled / total) * 1000) / 1000 : 0 } };
}

test('a field counts once any row of its sheet fills it; blank text, empty lists and nulls do not fill', () => {
  const release = {
    ocid: 'ocds-x-1',
    tender: { title: '   ', items: [] },
    awards: [{ id: 'a1', title: null }, 'not an object', { id: 'a2', title: 'Segunda adjudicación' }],
  };
  const report = completeness({ releases: [release], projects: [] });
  const missing = new Set(report.releases[0].missing);
  expect(missing.has('awards/title')).toBe(false);
  expect(missing.has('tender/title')).toBe(true);
  expect(report.releases[0].missing).toEqual(byDefinition({ releases: [release], projects: [] }).releases[0].missing);
});

test('a process only planned is scored on what is due at planning: its tender, awards and contracts are not yet', () => {
  const planned = { ocid: 'ocds-x-2', planning: { rationale: 'Obra del programa anual 2026.', budget: { amount: { amount: 42000000, currency: 'MXN' } } } };
  const tendered = { ...planned, tender: { id: 'LP-1', status: 'active' } };
  const [plannedScore, planningTenderScore, tenderedScore] = completeness({ releases: [planned, { ...planned, tender: { id: 'LP-1', status: 'planned' } }, tendered], projects: [] }).releases;
  // Before: every tender, award and contract column counted as missing — the same total as a finished process.
  expect(plannedScore.notDue).toEqual(expect.arrayContaining(['tender/title', 'awards/id', 'contracts/id', 'contracts/implementation/transactions/id']));
  expect(plannedScore.notDue.some((f) => f.startsWith('planning/') || f.startsWith('parties/'))).toBe(false);
  expect(plannedScore.missing.filter((f) => /^(tender|awards|contracts)\//.test(f))).toEqual([]);
  expect(plannedScore.total).toBe(plannedScore.filled + plannedScore.missing.length);
  expect(planningTenderScore.notDue).toEqual(plannedScore.notDue);
  // Tendered: the tender's columns are due (its title is missing), the awards' still not.
  expect(tenderedScore.missing).toContain('tender/title');
  expect(tenderedScore.notDue.some((f) => f.startsWith('tender/'))).toBe(false);
  expect(tenderedScore.notDue).toContain('awards/id');
  const documents = { releases: [planned, tendered], projects: [] };
  expect(completeness(documents)).toEqual(byDefinition(documents));
});

test("a project is scored on the dates of the stages its status reached: a later stage's are not yet due", () => {
  const period = { startDate: '2024-02-01T00:00:00-06:00' };
  const building = { id: 'p-1', title: 'Hospital', status: 'implementation', preparationPeriod: period, implementationPeriod: period };
  const [inWorks, cancelled, unknown] = completeness({ releases: [], projects: [building, { ...building, status: 'cancelled' }, { ...building, status: 'otro' }] }).projects;
  const stages = (fields: string[]): string[] => [...new Set(fields.filter((f) => /Period\//.test(f)).map((f) => f.split('/')[0]))];
  expect(stages(inWorks.notDue)).toEqual(['completionPeriod', 'maintenancePeriod', 'decommissioningPeriod']);
  expect(inWorks.missing).toEqual(expect.arrayContaining(['identificationPeriod/startDate', 'preparationPeriod/endDate', 'implementationPeriod/endDate']));
  expect(inWorks.missing).not.toContain('implementationPeriod/startDate');
  // Cancelled: only its identification is asked; what it published of later stages is not counted either way.
  expect(stages(cancelled.notDue)).toEqual(['preparationPeriod', 'implementationPeriod', 'completionPeriod', 'maintenancePeriod', 'decommissioningPeriod']);
  expect(stages(unknown.notDue)).toEqual(['maintenancePeriod', 'decommissioningPeriod']);
  const documents = { releases: [], projects: [building, { ...building, status: 'cancelled' }, { ...building, status: 'decommissioned' }, { ...building, status: 'otro' }] };
  expect(completeness(documents)).toEqual(byDefinition(documents));
});

test('synthetic processes (complete and basic) and non-objects: the same report as the definition, fields in template order', () => {
  const documents = { releases: [...syntheticReleases(40, 'complete'), ...syntheticReleases(20, 'basic'), 'texto', null], projects: [{ id: 'p-1', title: 'Puente' }, 7] };
  expect(completeness(documents)).toEqual(byDefinition(documents));
});

(hasStandards ? test : test.skip)('official examples: the same report as the definition', () => {
  const load = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
  const sample = path.join(STANDARDS_DIR, 'examples', 'ocds', 'sample-data', 'fictional-example-1.1');
  const releases = fs.readdirSync(sample).filter((f) => f.endsWith('.json')).flatMap((f) => {
    const data = load(path.join(sample, f)) as { releases?: unknown[] };
    return data.releases ?? [];
  });
  const project = load(path.join(STANDARDS_DIR, 'examples', 'oc4ids', 'example.json')) as { projects?: unknown[] };
  const documents = { releases, projects: project.projects ?? [] };
  expect(releases.length).toBeGreaterThan(3);
  expect(completeness(documents)).toEqual(byDefinition(documents));
});
