/**
 * Contracts published with their amount only as `valueWithTax` (with VAT; the SHCP's federal publication). EDCA-MX
 * as this program captures it (schemas/program/edca-mx.json, the template) has no such field, so the workbook an
 * import writes holds no amount for them: the generic note on fields without a column names «valueWithTax» among
 * dozens of others, and nothing said that, once the workbook is published, the dashboard (which counts them by that
 * amount, core/stats/contract-with-tax.ts) would show those contracts without one — unless their history was
 * published here first (`history`): the workbook's new release then merges with the published ones, and a field it
 * lacks keeps its earlier value (OCDS merge rules). Said once for the whole import, on the processes as the workbook
 * holds them (compiled), with both ways to keep the amount: that history, or the template's «Monto del contrato»,
 * which asks for the total with taxes, what `valueWithTax` is.
 */
import { finding, type Finding } from '../findings/finding';
import { objects } from '../summary/json-access';
import { contractWithTax } from '../stats/contract-with-tax';
import type { TemplateSpec } from '../template/spec';

const AMOUNT_FIELD = 'contracts/value/amount';

export function amountsOnlyWithTax(releases: readonly Record<string, unknown>[], spec: TemplateSpec): Finding | undefined {
  let count = 0;
  let example: { ocid: string; contract: string; amount: number; currency: string } | undefined;
  for (const release of releases) {
    for (const contract of objects(release.contracts)) {
      if (!contractWithTax(contract)) continue;
      count++;
      const money = contract.valueWithTax as { amount: number; currency?: unknown };
      example ??= { ocid: String(release.ocid ?? ''), contract: String(contract.id ?? ''), amount: money.amount, currency: typeof money.currency === 'string' ? money.currency : '' };
    }
  }
  if (!example) return undefined;
  const sheet = spec.sheets.find((s) => s.standard === 'ocds' && s.columns.some((c) => c.field === AMOUNT_FIELD));
  const column = sheet?.columns.find((c) => c.field === AMOUNT_FIELD);
  return finding('import.value-with-tax-only', 'warning', { count, ...example, field: AMOUNT_FIELD, ...(sheet && column ? { sheet: sheet.name, column: column.title } : {}) });
}
