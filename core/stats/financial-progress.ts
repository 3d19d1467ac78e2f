/**
 * A project's financial progress when its implementer publishes none (OC4IDS metric `financialProgress`): what its
 * processes paid over what their contracts in force come to with VAT, both in pesos. Payments are published with
 * VAT (the template asks for them so, and so are CompraNet's), so they are divided by each contract's amount with
 * VAT (`contractedInclTax`: its `valueWithTax` where published, else its `value`): divided by a `value` without VAT,
 * a contract paid in full read 116 %. Only over the processes published here, the same ones for both sums: the
 * project's «Contratado» may come from its package's summaries, of processes whose payments are not here.
 */
import { sumPresent } from './publication-index';

export interface FinancialProgress {
  /** What the processes paid, MXN. */
  paid: number;
  /** What their contracts in force come to with VAT, MXN. */
  contractedInclTax: number;
  /** paid ÷ contractedInclTax. */
  share: number;
}

type ProcessAmounts = { contracted?: number; contractedInclTax?: number; paid?: number };

/** Undefined when none of them published a payment or a contracted amount in pesos. */
export function computedFinancialProgress(processes: readonly ProcessAmounts[]): FinancialProgress | undefined {
  const paid = sumPresent(processes.map((p) => p.paid));
  const contractedInclTax = sumPresent(processes.map((p) => p.contractedInclTax ?? p.contracted));
  if (paid === undefined || !contractedInclTax) return undefined;
  return { paid, contractedInclTax, share: paid / contractedInclTax };
}
