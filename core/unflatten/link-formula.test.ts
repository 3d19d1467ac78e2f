/**
 * A document's address written as a link formula (`=HIPERVINCULO("https://…";"Ver contrato")`): the cell's value is
 * «Ver contrato», refused as not a web address. The address written in the formula is published; one built from
 * other cells is an error naming the cell and what to do.
 */
import { templateSpec } from '../template/template-spec';
import { columnLetter, type WorkbookModel } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { looksLikeFormula } from '../format/formula-safety';
import { unflatten } from './index';
import { linkFormula } from './link-formula';
import { templateSheet } from '../../test/template-sheets';

test('the address written in a link formula is read, in Spanish or English, with «;» or «,»; one not written is not', () => {
  expect(linkFormula('=HIPERVINCULO("https://merida.gob.mx/contrato.pdf";"Ver contrato")')).toEqual({ address: 'https://merida.gob.mx/contrato.pdf' });
  expect(linkFormula('=hipervinculo( "https://a.mx/x.pdf" ; "Ver")')).toEqual({ address: 'https://a.mx/x.pdf' });
  // As a file stores it: English, commas, no «=».
  expect(linkFormula('HYPERLINK("https://a.mx/x.pdf","Ver")')).toEqual({ address: 'https://a.mx/x.pdf' });
  expect(linkFormula('=HYPERLINK("https://a.mx/x.pdf")')).toEqual({ address: 'https://a.mx/x.pdf' });
  expect(linkFormula('=HYPERLINK("https://a.mx/q?t=""x""","Ver")')).toEqual({ address: 'https://a.mx/q?t="x"' });
  for (const built of ['=HIPERVINCULO(B3;"Ver")', '=HIPERVINCULO("https://a.mx/"&B3;"Ver")', '=SI(A3="";"";HIPERVINCULO("https://a.mx/x.pdf";"Ver"))', '=HYPERLINK(CONCAT("https://a.mx/",B3),"Ver")']) {
    expect([built, linkFormula(built)]).toEqual([built, { unreadable: true }]);
  }
  expect(linkFormula('=B3')).toBeUndefined();
  expect(linkFormula('=CONCATENAR("Ver ";B3)')).toBeUndefined();
});

const spec = templateSpec();
const documents = spec.sheets.find((s) => s.name === 'Documentos del proyecto')!;
const urlLetter = columnLetter(documents.columns.findIndex((c) => c.field === 'documents/url') + 1);

function convert(formulas: Record<string, string>) {
  const project = templateSheet('Proyectos', [{ id: 'oc4ids-abc123-0001', title: 'Parque' }]);
  const docs: WorkbookModel['sheets'][number] = {
    ...templateSheet('Documentos del proyecto', [
      { id: 'oc4ids-abc123-0001', 'documents/id': 'D1', 'documents/title': 'Contrato', 'documents/url': 'Ver contrato' },
      { id: 'oc4ids-abc123-0001', 'documents/id': 'D2', 'documents/title': 'Acta', 'documents/url': 'Ver acta' },
    ]),
    formulas,
  };
  return unflatten({ sheets: [project, docs] }, { now: '2024-06-01T12:00:00-06:00' });
}

test('a link column\'s «Ver contrato» from =HIPERVINCULO("https://…";…) publishes the address; one built from a cell is an error at its cell', () => {
  const out = convert({ [`${urlLetter}3`]: '=HIPERVINCULO("https://merida.gob.mx/contrato.pdf";"Ver contrato")', [`${urlLetter}4`]: '=HIPERVINCULO(B4;"Ver acta")' });
  const project = out.projects[0] as { documents: { id: string; url?: string }[] };
  expect(project.documents.map((d) => [d.id, d.url])).toEqual([['D1', 'https://merida.gob.mx/contrato.pdf'], ['D2', undefined]]);
  // The template's safety rule: what is published is never a formula.
  expect(looksLikeFormula(project.documents[0].url)).toBe(false);
  const at = out.findings.filter((f) => f.cell?.sheet === 'Documentos del proyecto' && f.cell.column === documents.columns.findIndex((c) => c.field === 'documents/url') + 1);
  expect(at.map((f) => [f.code, f.severity, f.cell?.row, renderMessage(f)])).toEqual([
    ['cell.link-formula-used', 'info', 3, 'La celda muestra «Ver contrato» con una fórmula de vínculo (HIPERVINCULO): se publica la dirección escrita en ella, https://merida.gob.mx/contrato.pdf.'],
    ['cell.link-formula-unread', 'error', 4, 'La celda muestra «Ver acta» con una fórmula de vínculo cuya dirección no está escrita en ella (=HIPERVINCULO(B4;"Ver acta")), así que no se sabe qué dirección publicar. Escriba la dirección completa entre comillas dentro de la fórmula, como =HIPERVINCULO("https://…"; "Ver acta"), o escriba la dirección sola en la celda.'],
  ]);
  // As a file stores it (English, «,», no «=»): quoted as the formula bar shows it, with its «=».
  const fromFile = convert({ [`${urlLetter}4`]: 'HYPERLINK(B4,"Ver acta")' }).findings.filter((f) => f.code === 'cell.link-formula-unread');
  expect(fromFile.map((f) => f.params.formula)).toEqual(['=HYPERLINK(B4,"Ver acta")']);
});
