import './import-messages';
import { amountsOnlyWithTax } from './value-with-tax';
import { templateSpec } from '../template/template-spec';
import { renderMessage } from '../messages/render';

const withTax = (amount: number) => ({ amount, currency: 'MXN' });

describe('contracts whose amount was published only with VAT (valueWithTax), which the template has no column for', () => {
  test('are counted once for the whole import, with an example and the column where their amount goes', () => {
    const releases = [
      { ocid: 'ocds-07smqs-1', contracts: [{ id: 'C1', valueWithTax: withTax(1160) }, { id: 'C2', value: { amount: 100, currency: 'MXN' }, valueWithTax: withTax(116) }] },
      { ocid: 'ocds-07smqs-2', contracts: [{ id: 'C3', valueWithTax: withTax(2320) }] },
    ];
    const f = amountsOnlyWithTax(releases, templateSpec());
    expect(f && [f.code, f.severity, f.params.count]).toEqual(['import.value-with-tax-only', 'warning', 2]);
    // C2 keeps its amount in `value`: only the contracts left without one are said.
    expect(renderMessage(f!)).toBe('2 contratos publicaban su monto solo con IVA, en «valueWithTax» (por ejemplo el contrato «C1» del proceso «ocds-07smqs-1», $1,160.00), un dato que la plantilla no tiene: en el libro quedaron sin monto. Si antes de publicar el libro publica la historia de sus procesos con «infra-abierta history» (lo explica la nota sobre las entregas), su registro conserva ese monto; si no, el tablero los mostrará sin monto contratado. Para que el libro también lo lleve, escríbalo en la columna «Monto del contrato» de la hoja «Contratos», que pide el total con impuestos.');
  });

  test('nothing is said when every contract has its amount in value', () => {
    expect(amountsOnlyWithTax([{ ocid: 'ocds-07smqs-1', contracts: [{ id: 'C2', value: { amount: 100, currency: 'MXN' }, valueWithTax: withTax(116) }] }], templateSpec())).toBeUndefined();
  });
});
