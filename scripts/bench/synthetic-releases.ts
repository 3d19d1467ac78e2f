/**
 * N synthetic EDCA-MX contracting processes of the benchmark's fixed shape (issue: each with 3 parties, 3 tender
 * items, 2 tender documents, 2 tenderers, 2 awards with 1 supplier, 1 contract with 2 transactions).
 * Deterministic (no randomness): the same N gives the same workbook. Values are realistic in form (RFC ids,
 * es-MX amounts, ISO dates with the Mexico City offset) so the engine does its real work on every cell.
 * The data is valid for the program: RFCs with real dates and SAT check digits, dates between 2023-07-01 and
 * 2025-04-30 in order (validation benches use `now` = 2025-07-01), and the program's required fields filled, so a
 * validation bench measures clean data; `withErrors` plants the usual mistakes (see `plantErrors`).
 * Two densities: `basic` (the fields a small publisher fills: ids, names, roles, RFC, amounts, dates, status; about
 * 75 values per process) and `complete` (plus addresses, contact points, CUCOP classification, delivery places,
 * document details: about 180 values per process).
 */
import { makeRfc } from '../examples/rfc';

export type Density = 'basic' | 'complete';
type Obj = Record<string, unknown>;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
/** Each process starts on one of 500 days from 2023-07-01; offsets stay under 170 days, so dates keep their order. */
const day = (i: number, offset: number): string => {
  const d = new Date(Date.UTC(2023, 6, 1) + (((i * 7) % 500) + offset) * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T00:00:00-06:00`;
};
/** A valid RFC of a persona moral: 3 letters, a real date (YYMMDD) and a homoclave with its check digit. */
const rfcOf = (letters: string, i: number): string => makeRfc(letters, `${pad(90 + (i % 10), 2).slice(-2)}${pad(1 + (i % 12), 2)}${pad(1 + (i % 28), 2)}`, `X${i % 10}`);
const money = (amount: number): Obj => ({ amount, currency: 'MXN' });

function party(id: string, name: string, roles: string[], rfc: string, complete: boolean): Obj {
  const basic = { id, name, roles, identifier: { scheme: 'MX-RFC', id: rfc } };
  if (!complete) return basic;
  return {
    ...basic,
    identifier: { scheme: 'MX-RFC', id: rfc, legalName: name },
    address: { streetAddress: 'Av. Juárez 100, Centro', locality: 'Monterrey', region: 'Nuevo León', postalCode: '64000', countryName: 'México' },
    contactPoint: { name: 'Dirección de Obras Públicas', email: 'obras@municipio.example', telephone: '+52 81 8130 6565' },
  };
}

export function syntheticRelease(i: number, density: Density = 'basic'): Obj {
  const complete = density === 'complete';
  const ocid = `ocds-bench1-OP-${pad(i, 6)}`;
  const buyerRfc = rfcOf('MMO', 5);
  const s1 = rfcOf('CSA', i);
  const s2 = rfcOf('CNO', i + 7);
  const buyer = { id: `MX-RFC-${buyerRfc}`, name: 'Municipio de Monterrey' };
  const sup1 = { id: `MX-RFC-${s1}`, name: `Constructora del Norte ${i}, S.A. de C.V.` };
  const sup2 = { id: `MX-RFC-${s2}`, name: `Pavimentos y Obras ${i}, S.A. de C.V.` };
  const amount = 1_000_000 + (i % 997) * 12_345.5;
  const cucop = (n: number): Obj => ({ scheme: 'CUCOP', id: `6170011${n}` });
  const item = (n: number): Obj => (!complete ? { id: String(n), description: `Concepto de obra ${n} del proceso ${i}`, classification: cucop(n), quantity: 100 * n, unit: { name: 'Metro cuadrado', value: money(350.25 * n) } } : {
    id: String(n), description: `Concepto de obra ${n} del proceso ${i}`,
    classification: { ...cucop(n), description: 'Construcción de obra de pavimentación' },
    quantity: 100 * n, unit: { name: 'Metro cuadrado', value: money(350.25 * n) },
    deliveryLocation: { geometry: { type: 'Point', coordinates: [-100.3161 + (i % 100) / 1000, 25.6866 + n / 1000] } },
    deliveryAddress: { streetAddress: `Calle ${n}`, locality: 'Monterrey', region: 'Nuevo León', postalCode: '64000', countryName: 'México' },
  });
  const doc = (n: number, type: string): Obj => (!complete ? { id: `${ocid}-T${n}`, documentType: type, title: `Documento ${n} de la licitación`, description: 'Publicado en el portal de compras.', url: `https://compras.municipio.example/${ocid}/doc-${n}.pdf`, datePublished: day(i, n) } : {
    id: `${ocid}-T${n}`, documentType: type, title: `Documento ${n} de la licitación`, description: 'Publicado en el portal de compras.',
    url: `https://compras.municipio.example/${ocid}/doc-${n}.pdf`, datePublished: day(i, n), format: 'application/pdf', language: 'es',
  });
  const award = (n: number, supplier: Obj): Obj => ({
    id: `${ocid}-A${n}`, ...(complete ? { title: `Adjudicación ${n}`, description: `Partida ${n} de la obra` } : {}), date: day(i, 30 + n), status: 'active',
    value: money(amount / 2), suppliers: [supplier], contractPeriod: { startDate: day(i, 40), endDate: day(i, 160) },
  });
  const tx = (n: number): Obj => ({
    id: `${ocid}-P${n}`, date: day(i, 60 + n * 30), value: money(amount / 4), paymentMethod: 'check',
    payer: buyer, payee: sup1, ...(complete ? { uri: `https://finanzas.municipio.example/pagos/${ocid}-${n}` } : {}),
  });
  return {
    ocid,
    parties: [party(buyer.id, buyer.name, ['buyer', 'procuringEntity', 'payer'], buyerRfc, complete), party(sup1.id, sup1.name, ['tenderer', 'supplier', 'payee'], s1, complete), party(sup2.id, sup2.name, ['tenderer', 'supplier'], s2, complete)],
    buyer,
    tender: {
      id: `OP-LP-${pad(i, 6)}`, title: `Pavimentación de la calle ${i}`, description: 'Rehabilitación de carpeta asfáltica, guarniciones y banquetas.',
      status: 'complete', procurementMethod: 'open', procurementMethodDetails: 'Licitación pública', mainProcurementCategory: 'works', additionalProcurementCategories: ['works'],
      value: money(amount), tenderPeriod: { startDate: day(i, 0), endDate: day(i, 21) }, numberOfTenderers: 2, procuringEntity: buyer,
      items: [item(1), item(2), item(3)], documents: [doc(1, 'tenderNotice'), doc(2, 'technicalSpecifications')], tenderers: [sup1, sup2],
    },
    awards: [award(1, sup1), award(2, sup2)],
    contracts: [{
      id: `${ocid}-C1`, awardID: `${ocid}-A1`, ...(complete ? { title: `Contrato de obra ${i}` } : {}), status: 'active', value: money(amount / 2), dateSigned: day(i, 35),
      period: { startDate: day(i, 40), endDate: day(i, 160) }, implementation: { transactions: [tx(1), tx(2)] },
    }],
  };
}

/**
 * The mistakes officials make, planted in a valid process (about 12 findings): program fields left blank (tender
 * description, procedure type, additional categories, item classifications, document descriptions), RFCs with an
 * impossible date or a wrong check digit, a date after `now` and a period that ends before it starts.
 */
export function plantErrors(release: Obj, i: number): Obj {
  const tender = release.tender as Obj;
  delete tender.description;
  delete tender.procurementMethodDetails;
  delete tender.additionalProcurementCategories;
  for (const item of tender.items as Obj[]) delete item.classification;
  for (const doc of tender.documents as Obj[]) delete doc.description;
  const parties = release.parties as Obj[];
  const badDate = `CSA${pad(i % 1000, 3)}101XY${i % 10}`;
  const badDigit = (parties[2].identifier as Obj).id as string;
  (parties[1].identifier as Obj).id = badDate;
  (parties[2].identifier as Obj).id = `${badDigit.slice(0, -1)}${badDigit.endsWith('1') ? '2' : '1'}`;
  const contract = (release.contracts as Obj[])[0];
  contract.dateSigned = '2026-01-15T00:00:00-06:00';
  contract.period = { startDate: '2025-03-01T00:00:00-06:00', endDate: '2025-01-31T00:00:00-06:00' };
  return release;
}

export function syntheticReleases(n: number, density: Density = 'basic', withErrors = false): Obj[] {
  return Array.from({ length: n }, (_, i) => (withErrors ? plantErrors(syntheticRelease(i + 1, density), i + 1) : syntheticRelease(i + 1, density)));
}
