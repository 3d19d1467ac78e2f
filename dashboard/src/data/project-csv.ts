/**
 * The columns of the *Proyectos* CSV (and of its table's JSON) and one project's row. Each stage's dates have their
 * own two columns, in the order a project lives its stages (OC4IDS 0.9.5 `identificationPeriod` … `decommissioningPeriod`):
 * a journalist opening the file in a spreadsheet compares them with the project's planned `inicio` and `fin`, which
 * come just before them. Dates as aaaa-mm-dd (calendarDate), which spreadsheet programs read as dates. After its final
 * value, when it ended (`terminacion`) and how many days after its planned end (`retraso_dias`, schedule-slip.ts;
 * negative when early, and for a work not ended, the days its planned end has been past on the day of the download).
 * `contratado_con_iva_mxn`: the part of `contratado_mxn` its processes published only with VAT (rows.ts
 * contractedWithTax), as the Contrataciones CSV gives it per process.
 */
import { calendarDate } from '../../../core/format/es-mx';
import { PROJECT_STAGES, type ProjectStage } from '../../../core/stats/project-stages';
import { projectTypeTitle, sectorTitle, statusTitle } from '../labels';
import type { Cell } from './csv';
import type { ProjectRow } from './rows';
import { projectSlip } from './schedule-slip';

/** The stage's word in a column name: `inicio_ejecucion`. */
const STAGE_WORD: Record<ProjectStage, string> = {
  identification: 'identificacion', preparation: 'preparacion', implementation: 'ejecucion',
  completion: 'conclusion', maintenance: 'operacion_y_mantenimiento', decommissioning: 'retiro',
};

export const PROJECT_CSV_HEADER: readonly string[] = [
  'id', 'titulo', 'institucion', 'implementador', 'estado', 'municipio', 'etapa', 'tipo', 'sector', 'inicio', 'fin',
  ...PROJECT_STAGES.flatMap((s) => [`inicio_${STAGE_WORD[s]}`, `fin_${STAGE_WORD[s]}`]),
  'presupuesto_mxn', 'contratado_mxn', 'contratado_con_iva_mxn', 'valor_final_mxn', 'terminacion', 'retraso_dias', 'avance_fisico', 'actualizado', 'procesos_ocid',
];

export function projectCsvRow(r: ProjectRow): Cell[] {
  return [
    r.id, r.title, r.authority?.name, r.publisherName, r.state, r.municipality, statusTitle(r.status), r.type ? projectTypeTitle(r.type) : undefined,
    r.sector.map(sectorTitle).join('; '), calendarDate(r.start), calendarDate(r.end),
    ...PROJECT_STAGES.flatMap((s) => [calendarDate(r.stages?.[s]?.start), calendarDate(r.stages?.[s]?.end)]),
    r.budget, r.contracted, r.contractedWithTax, r.finalValue, calendarDate(r.ended), projectSlip(r)?.days, r.physicalProgress, calendarDate(r.updated), r.ocids.join('; '),
  ];
}
