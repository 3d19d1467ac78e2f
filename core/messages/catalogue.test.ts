/**
 * The one Spanish catalogue: every part registers its own codes, no code is registered twice, and every finding
 * the pipeline produces on a broken workbook has its own message (never the "Aviso <code>" fallback).
 */
import { catalogue, duplicateCodes } from './catalogue';
import { renderMessage } from './render';
import { checkWorkbook } from '../pipeline/check-workbook';
import '../import';
import { exampleWorkbook, setCell } from '../../test/example-workbooks';

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
    expect(renderMessage(f)).not.toMatch(/\{\w+\}/);
  }
});
