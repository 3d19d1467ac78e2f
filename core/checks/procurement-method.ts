/**
 * Mexican procedure types map onto the OCDS method (Ley de Obras Públicas / LAASSP procedures; capture tool
 * rules.md ): Licitación pública → open, Invitación a cuando menos tres personas → selective,
 * Adjudicación directa → direct. `tender.methodMismatch` (error) on procurementMethod.
 */
import { objectAt, ownValue, stringAt } from './json';
import type { Check } from './types';
import { codeTitle } from './code-label';

export const METHOD_OF_DETAILS: Readonly<Record<string, string>> = {
  'Licitación pública': 'open',
  'Invitación a cuando menos tres personas': 'selective',
  'Adjudicación directa': 'direct',
};

export const procurementMethod: Check = ({ releases, report }) => {
  for (const { data, pointer } of releases) {
    const tender = objectAt(data, 'tender');
    const details = stringAt(tender, 'procurementMethodDetails');
    const method = stringAt(tender, 'procurementMethod');
    const expected = details === undefined ? undefined : ownValue(METHOD_OF_DETAILS, details.trim());
    if (expected && method !== undefined && method !== expected) {
      // Codes by their Spanish titles («Directo (adjudicación directa)»): the official picks them from drop-downs.
      report('tender.methodMismatch', 'error', `${pointer}/tender/procurementMethod`, { value: codeTitle('method', method), details: details ?? '', expected: codeTitle('method', expected) });
    }
  }
};
