/**
 * A publisher registered from a workbook's own Configuración sheet (self-hosted seeding, `infra-abierta publish`):
 * name, state, prefixes, licence and policy as the implementer typed them.
 */
import { packageTermsOf, readSettings } from '../../../core/unflatten/settings-reader';
import { SETTINGS_SHEET } from '../../../core/template/settings';
import type { WorkbookModel } from '../../../core/workbook/model';
import type { Publisher } from '../store/store';
import { canonicalState } from '../../../core/workflow/mexican-states';

export function publisherFromWorkbook(id: string, workbook: WorkbookModel, commitment: Publisher['commitment']): Publisher {
  const s = readSettings(workbook.sheets.find((sh) => sh.name === SETTINGS_SHEET), []);
  return {
    id,
    name: s.publisherName || id,
    // Written as the platform writes the state when the sheet names one (core/workflow/mexican-states.ts).
    state: canonicalState(s.state ?? '') ?? (s.state || 'Sin entidad'),
    ocidPrefix: s.ocidPrefix,
    projectIdPrefix: s.projectIdPrefix,
    commitment,
    ...packageTermsOf(s),
  };
}
