/** Where a process stands (publication-index.ts `ProcessStage`), in Spanish: the dashboard's lists and the *Pendientes* downloads. */
import type { ProcessStage } from './publication-index';

export const PROCESS_STAGE_TITLES: Readonly<Record<ProcessStage, string>> = {
  planning: 'Planeación',
  tender: 'Licitación',
  award: 'Adjudicación',
  contract: 'Contratación',
  implementation: 'Ejecución',
  completed: 'Terminado',
  unsuccessful: 'Desierto',
  cancelled: 'Cancelado',
};
