/**
 * The one Spanish catalogue: every part registers its own codes, no code is registered twice, and every finding
 * the pipeline produces on a broken workbook has its own message (never the "Aviso <code>" fallback).
 */
import { catalogue, duplicateCodes } from './catalogue';
import { chooseContext, renderMessage, renderTemplate } from './render';
import { checkWorkbook } from '../pipeline/check-workbook';
import '../import';
import { exampleWorkbook, setCell } from '../../test/example-workbooks';
import { formatMoney } from '../format/es-mx';

it('has no code registered by two parts', () => {
  expect(Object.keys(catalogue()).length).toBeGreaterThan(50);
  expect(duplicateCodes()).toEqual([]);
});

it('renders every finding of a broken example workbook from the catalogue', async () => {
  const workbook = await exampleWorkbook('nuevo-leon');
  setCell(workbook, 'Contrataciones', 0, 'tender/value/amount', '#REF!');
  setCell(workbook, 'Actores', 0, 'parties/0/identifier/id', 'XAXX');
  setCell(workbook, 'Proyectos', 0, 'period/endDate', '01/01/2020');
  const findings = checkWorkbook(workbook, { now: '2025-07-01T10:00:00-06:00' }).findings;
  expect(findings.length).toBeGreaterThan(2);
  for (const f of findings) {
    expect({ code: f.code, known: f.code in catalogue() }).toEqual({ code: f.code, known: true });
    expect(renderMessage(f)).not.toMatch(/\{\w+[}:?]/);
  }
});

it('agrees the words of a template with the count it names', () => {
  const dropped = catalogue()['import.dropped'];
  expect(renderTemplate(dropped, { count: 1, field: 'f', file: 'a.json' })).toMatch(/^Se omitió 1 valor de «f»: .* no se publicará de nuevo/);
  expect(renderTemplate(dropped, { count: 1204, field: 'f', file: 'a.json' })).toMatch(/^Se omitieron 1,204 valores de «f»: .* no se publicarán de nuevo/);
  expect(renderTemplate(catalogue()['schema.minItems'], { limit: 1 })).toBe('La lista está vacía: escriba al menos 1 elemento.');
  expect(renderTemplate(catalogue()['import.date-offset'], { count: 1, field: 'f', file: 'a.json' })).toMatch(/^1 fecha de «f» no tenía hora o zona horaria; se completó con/);
  expect(renderTemplate(catalogue()['import.id-added'], { count: 1, field: 'f', file: 'a.json' })).toMatch(/a 1 elemento de «f» que no tenía:/);
  // A field the template has a column for is named as the official reads it, by column and sheet.
  expect(renderTemplate(catalogue()['import.trimmed'], { count: 2, field: 'awards/title', sheet: 'Adjudicaciones', column: 'Título de la adjudicación' })).toBe('Se quitaron espacios o caracteres invisibles al inicio o al final de 2 textos de la columna «Título de la adjudicación» de la hoja «Adjudicaciones».');
  expect(renderTemplate(catalogue()['rfc.length'], { value: 'X', length: 1 })).toMatch(/tiene 1 carácter y debe/);
  // «escríbalo como texto» said what to do, not how: the apostrophe is how a spreadsheet keeps the 0.
  expect(chooseContext(renderTemplate(catalogue()['address.postalCode'], { value: '6720' }), true)).toBe('El código postal «6720» no es válido: debe tener exactamente 5 dígitos, con el cero inicial si lo tiene (p. ej. 06720). Si la hoja de cálculo le quita el cero, escríbalo con un apóstrofo delante (\'06720): así lo guarda como texto.');
  expect(chooseContext(renderTemplate(catalogue()['metric.progressFraction'], { value: 0.45, percent: 45 }), true)).toBe('El avance quedó como 0.45, menos de 1 %. Si escribió «45%», la hoja de cálculo lo guardó como fracción: escriba 45, sin el signo %. Si el avance de verdad es menor a 1 %, déjelo así.');
  expect(renderTemplate(catalogue()['rfc.lowercase'], { value: 'cop990315k2a', upper: 'COP990315K2A' })).toBe('Escriba el RFC en mayúsculas, como en la constancia de situación fiscal: «COP990315K2A».');
  // A count written bare («{count} valores») reads «1 valores»: every count names its words through the template.
  expect(Object.entries(catalogue()).filter(([, t]) => /\{count\}/.test(t)).map(([code]) => code)).toEqual([]);
  // A template naming a parameter that is not given keeps its placeholder (the test above catches it).
  expect(renderTemplate('{n:uno|varios}', {})).toBe('{n:uno|varios}');
});

test('amounts and dates in messages are written as people read them in Mexico', () => {
  expect(renderTemplate('suman {paid!n} {currency}; el contrato, {value!n} {currency}', { paid: 91168415.75, value: -5000, currency: 'MXN' })).toBe('suman 91,168,415.75 MXN; el contrato, -5,000 MXN');
  expect(renderTemplate('de fin ({end!f}) antes de inicio ({start!f})', { end: '2024-07-01T00:00:00-06:00', start: '2024-08-01T09:30:00-06:00' })).toBe('de fin (01/07/2024) antes de inicio (01/08/2024 09:30)');
  // A value that is not what the form expects is written as it is.
  expect(renderTemplate('{value!n} / {when!f}', { value: 'abc', when: 3 })).toBe('abc / 3');
});

test('a message speaks of sheets only when its finding points into one', () => {
  const inSheet = { sheet: 'Contrataciones', row: 3, column: 5 };
  const required = { code: 'schema.required', severity: 'error' as const, pointer: '/releases/0/tender/title', params: {} };
  expect(renderMessage({ ...required, cell: inSheet })).toBe('Falta este dato, que el estándar exige. Escríbalo en la columna indicada.');
  // `validate paquete.json`: no column to point at.
  expect(renderMessage(required)).toBe('Falta este dato, que el estándar exige.');
  const codelist = { code: 'schema.codelist', severity: 'error' as const, pointer: '/releases/0/tag/0', params: { value: 'x' } };
  expect(renderMessage(codelist)).toBe('El valor «x» no está en el catálogo. Use uno de los códigos del catálogo.');
  expect(renderMessage({ ...codelist, cell: inSheet })).toMatch(/lista desplegable\.$/);
  // No catalogue text keeps its brackets, whichever side is chosen, and no parameter is lost inside them.
  for (const template of Object.values(catalogue())) {
    for (const side of [true, false]) expect(chooseContext(template, side)).not.toMatch(/\[\[|\]\]|\|\|/);
  }
});

test('a link, a date and an e-mail in the wrong form each say how to write them', () => {
  const cell = { sheet: 'Documentos de licitación', row: 4, column: 6 };
  const link = renderMessage({ code: 'schema.formatUri', severity: 'error', pointer: '/releases/0/tender/documents/0/url', params: { value: 'Ver contrato', limit: 'uri' }, cell });
  expect(link).toMatch(/^«Ver contrato» no es una dirección web: escriba la dirección completa, que empieza con https:\/\//);
  expect(link).toMatch(/vincúlelo a la dirección del documento/);
  expect(renderMessage({ code: 'schema.formatDate', severity: 'error', pointer: '/releases/0/date', params: { value: '2024-13-01', limit: 'date-time' } })).toMatch(/aaaa-mm-ddThh:mm:ss con su zona horaria/);
  expect(renderMessage({ code: 'schema.formatEmail', severity: 'error', pointer: '/parties/0/contactPoint/email', params: { value: 'obras arroba', limit: 'email' } })).toMatch(/nombre@dominio/);
});

test('a value not in a closed list names the options; a finding kept before they were given reads as before', () => {
  const f = { code: 'cell.unknown-code', severity: 'error' as const, pointer: '', params: { value: 'Parque', options: ': «Construcción», «Rehabilitación»' } };
  expect(renderMessage(f)).toBe('«Parque» no es una opción de la lista. Elija una de la lista desplegable: «Construcción», «Rehabilitación».');
  expect(renderMessage({ ...f, params: { value: 'Parque' } })).toBe('«Parque» no es una opción de la lista. Elija una de la lista desplegable.');
});

test('a foreign amount in a finding is written as the dashboard and the change preview write it: «$1,250.50 USD», one rule (formatMoney)', () => {
  const text = renderTemplate(catalogue()['amount.contractExceedsAward'], { value: 1250.5, awardValue: 1000, currency: 'USD' });
  expect(text).toMatch(/^El monto del contrato \(\$1,250\.50 USD\) es mayor que el de su adjudicación \(\$1,000\.00 USD\)/);
  expect(text).toContain(`(${formatMoney(1250.5, 'USD')})`);
  expect(renderTemplate('{value!m}', { value: -1250.5, currency: 'USD' })).toBe('-$1,250.50 USD');
});

test('{{name|words}}: words said only when the finding has the parameter (not 0 nor empty), their placeholders filled', () => {
  const t = 'Falta el contrato.{{untyped| Revise {untyped?el documento|los documentos} sin tipo ({names}).}}';
  expect(renderTemplate(t, { untyped: 1, names: '«A»' })).toBe('Falta el contrato. Revise el documento sin tipo («A»).');
  expect(renderTemplate(t, { untyped: 2, names: '«A» y «B»' })).toBe('Falta el contrato. Revise los documentos sin tipo («A» y «B»).');
  expect(renderTemplate(t, {})).toBe('Falta el contrato.');
  expect(renderTemplate(t, { untyped: 0 })).toBe('Falta el contrato.');
});

test('amounts in their currency: pesos with the $ sign, others with their code', () => {
  expect(renderTemplate('{value!m} / {awardValue!m}', { value: 91168415.75, awardValue: -5000, currency: 'MXN' })).toBe('$91,168,415.75 / -$5,000.00');
  expect(renderTemplate('{value!m}', { value: 1250.5, currency: 'USD' })).toBe('$1,250.50 USD');
  expect(renderTemplate('{value!m}', { value: 1250 })).toBe('1,250');
  expect(renderTemplate(catalogue()['amount.contractExceedsAward'], { value: 3050000, awardValue: 3000000, currency: 'MXN' })).toMatch(/^El monto del contrato \(\$3,050,000\.00\) es mayor que el de su adjudicación \(\$3,000,000\.00\)/);
  expect(renderTemplate(catalogue()['amount.contractZero'], { awardValue: 19900000.5, currency: 'MXN' })).toBe('El contrato vale $0, pero su adjudicación es de $19,900,000.50. Escriba el monto del contrato; si aún no se conoce, deje la celda vacía.');
});

test('an amount or figure a finding quotes keeps every decimal it has past the cents, its binary noise aside', () => {
  // Rounded to cents, 1.234 read «$1.23»: a value nobody typed, the third decimal the message was about gone.
  expect(renderTemplate(catalogue()['amount.negative'], { value: -1.234, currency: 'MXN' })).toMatch(/^El monto -\$1\.234 es negativo\./);
  expect(renderTemplate('{value!m} / {awardValue!m}', { value: 27317.8168, awardValue: 27317.82, currency: 'USD' })).toBe('$27,317.8168 USD / $27,317.82 USD');
  expect(renderTemplate('{value!m}', { value: 1.234 })).toBe('1.234');
  expect(renderTemplate('{value!n}', { value: 0.005 })).toBe('0.005');
  // A sum's noise is no decimal: 0.1 + 0.2 is quoted as 0.30, not 0.30000000000000004.
  expect(renderTemplate('{sum!m}', { sum: 0.1 + 0.2, currency: 'MXN' })).toBe('$0.30');
  expect(renderTemplate('{sum!m}', { sum: 1e-7, currency: 'MXN' })).toBe('$0.0000001');
});
