/**
 * A row whose parent item is in its sheet, in a row not read for its own error (`row.parent-unread`): the award of
 * «Proveedores adjudicados» typed in «Adjudicaciones» under a mistyped OCID. It was told «no existe en la hoja
 * «Adjudicaciones»», where the official could see it, and looked for a mistake in a row that had none.
 */
import type { WorkbookModel } from '../workbook/model';
import { renderMessage } from '../messages/render';
import { unflatten } from './index';
import { DocumentSet } from './document-builder';
import { SourceMap } from '../findings/source-map';
import { templateSheet } from '../../test/template-sheets';

const convert = (...sheets: WorkbookModel['sheets']) => unflatten({ sheets }, { now: '2024-06-01T12:00:00-06:00' });
const processes = templateSheet('Contrataciones', [{ ocid: 'ocds-abc123-0001', 'tender/id': 'T1' }, { ocid: 'ocds-abc123-0002', 'tender/id': 'T2' }]);
const errors = (out: ReturnType<typeof convert>) => out.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.cell?.sheet, f.cell?.row]);

test('a supplier of an award whose row named a mistyped OCID is told where the award is and why it was not read', () => {
  const out = convert(processes,
    templateSheet('Adjudicaciones', [{ ocid: 'ocds-abc123-001', 'awards/id': 'F1', 'awards/status': 'active' }]),
    templateSheet('Proveedores adjudicados', [{ ocid: 'ocds-abc123-0001', 'awards/id': 'F1', 'awards/suppliers/id': 'MX-RFC-AAA010101AAA', 'awards/suppliers/name': 'Constructora' }]));
  expect(errors(out)).toEqual([['row.parent-not-found', 'Adjudicaciones', 3], ['row.parent-unread', 'Proveedores adjudicados', 3]]);
  const unread = out.findings.find((f) => f.code === 'row.parent-unread')!;
  expect(renderMessage(unread)).toBe(`La columna «${unread.cell?.header}» dice «F1», que está en la fila 3 de la hoja «Adjudicaciones», pero esa fila no se pudo leer por su propio error. Corrija primero el error de esa fila: entonces esta también se leerá.`);
  // And a row without its OCID the same.
  const keyless = convert(processes,
    templateSheet('Adjudicaciones', [{ 'awards/id': 'F1', 'awards/status': 'active' }]),
    templateSheet('Proveedores adjudicados', [{ ocid: 'ocds-abc123-0001', 'awards/id': 'F1', 'awards/suppliers/name': 'Constructora' }]));
  expect(errors(keyless)).toEqual([['row.missing-key', 'Adjudicaciones', 3], ['row.parent-unread', 'Proveedores adjudicados', 3]]);
  // And one whose OCID a lookup failed to bring (=BUSCARV(…) showing #N/A): the cell's own error, then where the award is.
  const lookup = templateSheet('Adjudicaciones', [{ ocid: 'x', 'awards/id': 'F1', 'awards/status': 'active' }]);
  lookup.rows[2][lookup.rows[1].indexOf('ocid')] = '#N/A';
  expect(errors(convert(processes, lookup,
    templateSheet('Proveedores adjudicados', [{ ocid: 'ocds-abc123-0001', 'awards/id': 'F1', 'awards/suppliers/name': 'Constructora' }]))))
    .toEqual([['cell.formula-error', 'Adjudicaciones', 3], ['row.parent-unread', 'Proveedores adjudicados', 3]]);
});

test('an unread item of another document that exists is not the one meant (ids like «1» repeat across processes)', () => {
  const docs = new DocumentSet('releases', 'ocid', new SourceMap());
  docs.createRoot('ocds-abc123-0002', { sheet: docs.sourceMap.addSheet('Contrataciones', []), row: 4 }, 0);
  docs.dropItem('awards/items', '1', { sheet: 'Artículos adjudicados', row: 3, rootKey: 'ocds-abc123-0002' });
  expect(docs.droppedItem('awards/items', '1', 'ocds-abc123-0001')).toBeUndefined();
  expect(docs.droppedItem('awards/items', '1', 'ocds-abc123-0002')).toEqual({ sheet: 'Artículos adjudicados', row: 3 });
  // One naming a document that does not exist (mistyped), or none, is most likely this one's.
  docs.dropItem('awards/items', '2', { sheet: 'Artículos adjudicados', row: 5, rootKey: 'ocds-abc123-002' });
  expect(docs.droppedItem('awards/items', '2', 'ocds-abc123-0001')).toEqual({ sheet: 'Artículos adjudicados', row: 5 });
});
