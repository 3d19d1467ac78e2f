/**
 * A workbook as flatten-tool (openpyxl) writes it, through `convert`: the worksheets before the workbook part in
 * the zip, absolute part names in its relationships, ~40 sheets named by flatten-tool (`releases`, `ten_items`,
 * `awa_suppliers`…), most holding only their headings. The sheets keep their real names in every message, and the
 * layouts the Data Review Tool reads (indexed columns, English titles, the `#` configuration row) convert.
 */
import * as fs from 'fs';
import * as path from 'path';
import { rawXlsx, rowsXml, worksheetXml } from '../../functions/src/ingest/xlsx/raw-xlsx';
import { readJson, runCli, scratchDir } from './run-cli';

const NOW = '2026-01-15T12:00:00-06:00';

function flattenToolWorkbook(): Uint8Array {
  const sheets: { name: string; rows: unknown[][] }[] = [
    {
      name: 'releases',
      rows: [
        ['#', 'headerrows 2'],
        ['ocid', 'tender/title', 'tender/items/0/id', 'tender/items/0/quantity', 'tender/items/1/id', 'tender/items/1/quantity', '#comentario'],
        ['Open Contracting ID', 'Tender title', 'ID', 'Quantity', 'ID', 'Quantity', ''],
        ['ocds-abc123-0001', 'Repavimentación de la calle 60', '1', 1500, '2', 300, 'revisar'],
      ],
    },
    { name: 'ten_items', rows: [['Open Contracting ID', 'Tender:Items to be procured:ID', 'Tender:Items to be procured:Description'], ['ocds-abc123-0001', '2', 'Guarniciones']] },
    { name: 'awa_suppliers', rows: [['ocid', 'awards/0/id', 'awards/0/suppliers/0/name', 'awards/0/suppliers/0/colour'], ['ocds-abc123-0001', 'F1', 'Concretos del Mayab', 'rojo']] },
  ];
  // The rest of a flatten-tool template: sheets with their headings and no rows.
  for (let i = sheets.length; i < 40; i++) sheets.push({ name: `hoja_vacia_${i}`, rows: [['ocid', 'tender/id']] });
  return rawXlsx({ sheets: sheets.map((s) => ({ name: s.name, xml: worksheetXml(rowsXml(s.rows)) })), sheetsFirst: true, absoluteTargets: true });
}

test("a flatten-tool (openpyxl) workbook converts, and its messages name the sheets by their real names", async () => {
  const dir = scratchDir('openpyxl-');
  try {
    const input = path.join(dir, 'flatten-tool.xlsx');
    fs.writeFileSync(input, flattenToolWorkbook());
    const out = path.join(dir, 'paquete.json');
    const run = await runCli('convert', input, '-o', out, '--fecha', NOW);
    // Written; exit 1 because so small a release lacks fields the program requires (errors named by row).
    expect(run.err).toMatch(/Escrito .*paquete\.json: 1 entrega \(/);
    expect(run.code).toBe(1);
    const release = (readJson(out).releases as Record<string, unknown>[])[0];
    expect(release.tender).toEqual({
      title: 'Repavimentación de la calle 60',
      items: [{ id: '1', quantity: 1500 }, { id: '2', quantity: 300, description: 'Guarniciones' }],
    });
    expect(release.awards).toEqual([{ id: 'F1', suppliers: [{ name: 'Concretos del Mayab' }] }]);
    // The unknown column is named with its sheet, row and column; no «Sheet1…» names anywhere.
    expect(run.err).toMatch(/Hoja «awa_suppliers»[^\n]*\n {2}D1 \(awards\/0\/suppliers\/0\/colour\): Advertencia — La columna «awards\/0\/suppliers\/0\/colour» no corresponde/);
    expect(run.err).toMatch(/Hoja «releases»/);
    expect(run.err).not.toMatch(/Sheet\d/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
