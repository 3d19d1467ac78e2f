/**
 * What only the platform's registry can tell (links to another implementer's processes and projects) is said where
 * the check runs without it — the CLI's `validate`, the add-on with no server — at the cell that names it, as checked
 * at sending; never for the workbook's own processes.
 */
import { checkWorkbook } from './check-workbook';
import { linkReferences, linksCheckedAtSending, prefixesCheckedAtSending } from './links-checked-at-sending';
import { renderMessage } from '../messages/render';
import { exampleWorkbook, stateWithMeridaProcess } from '../../test/example-workbooks';

test('a process of another prefix is said at its cell as checked at sending; the workbook\'s own are not', async () => {
  const { workbook, row } = await stateWithMeridaProcess();
  const checked = checkWorkbook(workbook);
  const said = linksCheckedAtSending(linkReferences(checked), checked.sourceMap);
  expect(said.map((f) => [f.code, f.severity, f.cell?.sheet, f.cell?.row])).toEqual([['link.checkedAtSending', 'info', 'Procesos del proyecto', row]]);
  expect(renderMessage(said[0])).toMatch(/«ocds-abc123-MERIDA-0001» lleva el prefijo de otra institución\. Al enviar, la plataforma revisará en su registro que esa institución tenga publicado el proceso, y avisará si no\.$/);
  // The add-on says how to learn it before sending.
  expect(renderMessage(linksCheckedAtSending(linkReferences(checked), checked.sourceMap, true)[0])).toContain('Ahora no se pudo consultar el servidor');
  expect(linksCheckedAtSending(linkReferences(checkWorkbook(await exampleWorkbook('nuevo-leon'))), checked.sourceMap)).toEqual([]);
});

test('a workbook whose Configuración states no prefixes is told that the platform checks the registered ones at sending', async () => {
  const workbook = await exampleWorkbook('nuevo-leon');
  expect(prefixesCheckedAtSending(workbook, checkWorkbook(workbook))).toEqual([]);
  for (const row of workbook.sheets.find((s) => s.name === 'Configuración')!.rows) if (row[2] === 'ocidPrefix' || row[2] === 'projectIdPrefix') row[1] = '';
  const said = prefixesCheckedAtSending(workbook, checkWorkbook(workbook));
  expect(said.map((f) => [f.code, f.severity, f.cell?.sheet])).toEqual([['settings.prefixes-checked-at-sending', 'info', 'Configuración']]);
  expect(renderMessage(said[0])).toContain('Al enviar o publicar, la plataforma los revisa con los prefijos registrados de su institución');
});
