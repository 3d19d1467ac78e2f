/** Every check beyond the schema, in the order their findings are listed. One file per rule. */
import { budgetBreakdownTotal } from './budget-breakdown-total';
import { codelists } from './codelists';
import { contractValue } from './contract-value';
import { contractingProcessLink } from './contracting-process-link';
import { coordinatesMexico } from './coordinates-mexico';
import { documentStage } from './document-stage';
import { duplicateIds } from './duplicate-ids';
import { futureDates } from './future-dates';
import { ocidPrefix } from './ocid-prefix';
import { partyReferences } from './party-references';
import { periodOrder } from './period-order';
import { procurementCategory } from './procurement-category';
import { procurementMethod } from './procurement-method';
import { programRequired } from './program-required';
import { projectIdPrefix } from './project-id-prefix';
import { projectStatus } from './project-status';
import { rfc } from './rfc';
import { stageDateOrder } from './stage-date-order';
import { valueCurrency } from './value-currency';
import type { Check, ValueCheck } from './types';

export const CHECKS: readonly (Check | ValueCheck)[] = [
  programRequired, codelists, ocidPrefix, projectIdPrefix, rfc, partyReferences, duplicateIds,
  periodOrder, stageDateOrder, futureDates, valueCurrency, contractValue, budgetBreakdownTotal,
  procurementMethod, procurementCategory, documentStage, coordinatesMexico, projectStatus, contractingProcessLink,
];

export type { Check, CheckContext, Doc, ValidateSettings, ValueCheck, Visit } from './types';
