/**
 * Synthetic data for benchmarks: the demo processes and projects of scripts/examples cloned N times under
 * fresh ids (same shape and realism as the demo data, any size).
 */
import { buildExamples } from '../examples';
import type { WorkbookModel } from '../../core/workbook/model';
import { flatten } from '../../core/flatten';
import type { Publisher } from '../../functions/src/store/store';
import { SETTINGS_HEADER, SETTINGS_SHEET } from '../../core/template/settings';

type Obj = Record<string, unknown>;

export const BENCH_PUBLISHER: Publisher = {
  id: 'bench', name: 'Publicador de prueba de carga', state: 'Yucatán', ocidPrefix: 'ocds-mid001', projectIdPrefix: 'oc4ids-mid001',
  commitment: { projects: 1000, periodicityDays: 90 },
};

/**
 * `processes` releases (and one project per 2 processes) cloned from the Mérida demo data. `revision` changes each
 * process's tender title; with `changedEvery` (n), only every n-th process is at `revision`, the others are as they
 * were at `revision - 1` (a revision in which a few processes changed). With `amended`, each revision after the
 * first also amends each process's first contract (a «convenio modificatorio» raising its value 10 %), so that its
 * project's modifications are told from the releases (core/summary/amendment-changes.ts).
 */
export function syntheticDocuments(processes: number, revision = 0, changedEvery = 1, amended = false): { releases: Obj[]; projects: Obj[] } {
  const example = buildExamples().find((e) => e.key === 'merida');
  if (!example) throw new Error('no demo data');
  const releases: Obj[] = [];
  const projects: Obj[] = [];
  for (let i = 0; i < processes; i++) {
    const base = example.releases[i % example.releases.length];
    const ocid = `${BENCH_PUBLISHER.ocidPrefix}-B${String(i).padStart(6, '0')}`;
    const json = JSON.stringify(base).split(String(base.ocid)).join(ocid);
    const release = JSON.parse(json) as Obj;
    const at = i % changedEvery === 0 ? revision : revision - 1;
    if (at > 0) (release.tender as Obj).title = `${String((release.tender as Obj).title)} (revisión ${at})`;
    const contract = Array.isArray(release.contracts) ? (release.contracts[0] as Obj | undefined) : undefined;
    const value = contract?.value as { amount?: unknown } | undefined;
    if (amended && at > 0 && contract && typeof value?.amount === 'number') {
      contract.value = { ...value, amount: Math.round(value.amount * (1 + at / 10) * 100) / 100 };
      contract.amendments = Array.from({ length: at }, (_, n) => ({ id: `CM-${n + 1}`, date: `2025-0${n + 2}-15T00:00:00-06:00`, rationale: 'Volúmenes de obra mayores', description: `Ampliación del monto ${n + 1}` }));
    }
    releases.push(release);
    if (i % 2 === 0) {
      const project = JSON.parse(JSON.stringify(example.projects[0])) as Obj;
      project.id = `${BENCH_PUBLISHER.projectIdPrefix}-P${String(i / 2).padStart(6, '0')}`;
      project.contractingProcesses = [{ id: ocid, summary: { ocid, nature: ['construction'] } }];
      projects.push(project);
    }
  }
  return { releases, projects };
}

/** `syntheticDocuments(processes, revision)` under another publisher's registered prefixes (benches and tests with several publishers). */
export function syntheticDocumentsFor(publisher: Pick<Publisher, 'ocidPrefix' | 'projectIdPrefix'>, processes: number, revision = 0): { releases: Obj[]; projects: Obj[] } {
  const json = JSON.stringify(syntheticDocuments(processes, revision)).split(BENCH_PUBLISHER.projectIdPrefix).join(publisher.projectIdPrefix).split(BENCH_PUBLISHER.ocidPrefix).join(publisher.ocidPrefix);
  return JSON.parse(json) as { releases: Obj[]; projects: Obj[] };
}

/** Documents as a workbook of the template, with the Configuración sheet the demo publishers have (Mérida's time zone). */
export function workbookOf(documents: { releases: Obj[]; projects: Obj[] }): WorkbookModel {
  const workbook = flatten(documents);
  workbook.sheets.push({ name: SETTINGS_SHEET, rows: [[...SETTINGS_HEADER], ['', 'America/Merida', 'timeZone']] });
  return workbook;
}

export function syntheticWorkbook(processes: number, revision = 0, changedEvery = 1, amended = false): WorkbookModel {
  return workbookOf(syntheticDocuments(processes, revision, changedEvery, amended));
}
