import { importDocuments } from './index';
import { flatten } from '../flatten';
import { checkWorkbook } from '../pipeline/check-workbook';
import { renderMessage } from '../messages/render';

/** A contract as INAI's capture tool publishes it (examples/real-mx/record-package_269.json): `[{currency: "MXN"}]`. */
function release(exchangeRates: unknown[]): Record<string, unknown> {
  return {
    ocid: 'ocds-g4facg-OA-C033-18', id: 'r-1', date: '2019-06-27T01:48:45Z', tag: ['contract'], initiationType: 'tender',
    awards: [{ id: 'A1', value: { amount: 1589200, currency: 'MXN' } }],
    contracts: [{ id: 'C1', awardID: 'A1', value: { amount: 1589200, currency: 'MXN', exchangeRates } }],
  };
}

const onExchangeRateSheet = (releases: Record<string, unknown>[]) =>
  checkWorkbook(flatten({ releases, projects: [] }), { now: '2025-01-01T00:00:00-06:00' }).findings.filter((f) => f.cell?.sheet === 'Tipos de cambio');

describe("the capture tool's exchange rate that carries only a currency", () => {
  test('is left out, named in an info note, and the workbook asks for no rate nobody typed', () => {
    const imported = importDocuments({ releases: [release([{ currency: 'MXN' }])] }, 'inai.json');
    const contract = (imported.releases[0].contracts as Record<string, Record<string, unknown>>[])[0];
    expect(contract.value).toEqual({ amount: 1589200, currency: 'MXN' });
    const notes = imported.findings.filter((f) => f.code === 'import.exchange-rate-currency-only');
    expect(notes.map((f) => [f.severity, f.pointer, f.params])).toEqual([['info', '/releases/0/contracts/0/value/exchangeRates', { count: 1, currency: 'MXN' }]]);
    expect(renderMessage(notes[0])).toBe('Se omitió 1 tipo de cambio del contrato que solo traía la moneda (MXN), sin tasa, fecha ni fuente: no convierte el monto a nada (la herramienta de captura del INAI lo escribe aunque no se capture un tipo de cambio). Si el contrato sí tiene uno, captúrelo en la hoja «Tipos de cambio».');
    expect(imported.findings.filter((f) => f.code === 'import.dropped')).toEqual([]);
    expect(onExchangeRateSheet(imported.releases)).toEqual([]);
  });

  test('an exchange rate that says something (a rate, its date or source) is kept, next to the empty one left out', () => {
    const rate = { currency: 'MXN', rate: 17.05, date: '2024-03-01T00:00:00-06:00', source: 'centralBank' };
    const imported = importDocuments({ releases: [release([{ currency: 'MXN', rate: null, date: '' }, rate])] }, 'usd.json');
    const contract = (imported.releases[0].contracts as Record<string, Record<string, unknown>>[])[0];
    // Its source as the exchangeRate extension's list has it: the tool's Banxico (`centralBank`) is `market`.
    expect(contract.value.exchangeRates).toEqual([{ ...rate, source: 'market' }]);
    expect(imported.findings.filter((f) => f.code === 'import.exchange-rate-currency-only').map((f) => f.params.count)).toEqual([1]);
  });
});
