/**
 * The same data in plain flatten-tool layout (test/fixtures/flatten-tool/merida: one CSV per sheet, path headers,
 * raw codes and ISO dates) converts to the same documents as the template workbook it came from.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../standards';
import { FIXTURE_DIR, FIXTURE_EXAMPLE, FIXTURE_NOW, flattenToolCsvFiles } from '../fixtures/flatten-tool/generate';
import { readJson, runCli, scratchDir } from './run-cli';

test('the committed CSVs are what the generator writes (regenerate: node -r ./scripts/register-ts.js test/fixtures/flatten-tool/generate.ts)', async () => {
  const files = await flattenToolCsvFiles();
  expect(fs.readdirSync(FIXTURE_DIR).sort()).toEqual(Object.keys(files).sort());
  for (const [name, text] of Object.entries(files)) expect(fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8')).toBe(text);
  // flatten-tool's names for the child sheets of a release package.
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['releases.csv', 'parties.csv', 'ten_items.csv', 'awards.csv', 'awa_suppliers.csv', 'contracts.csv', 'con_imp_transactions.csv', 'projects.csv']));
  expect(files['awa_suppliers.csv'].split('\r\n')[0]).toBe('ocid,awards/0/id,awards/0/suppliers/0/id,awards/0/suppliers/0/name');
});

test('convert on the flatten-tool folder gives the same releases and projects as on the template workbook', async () => {
  const dir = scratchDir('flatten-tool-');
  try {
    const fromTemplate = path.join(dir, 'plantilla.json');
    const fromFlatten = path.join(dir, 'flatten-tool.json');
    const a = await runCli('convert', path.join(ROOT, 'templates', 'examples', `${FIXTURE_EXAMPLE}.xlsx`), '-o', fromTemplate, '--fecha', FIXTURE_NOW);
    const b = await runCli('convert', FIXTURE_DIR, '-o', fromFlatten, '--fecha', FIXTURE_NOW);
    expect([a.code, b.code]).toEqual([0, 0]);
    // Same findings, only the sheet names and header texts differ (paths instead of Spanish titles).
    // (The flatten-tool CSV has no title row, so its rows are one higher.)
    const anonymise = (text: string): string => text.replace(/Hoja «[^»]+»/g, 'HOJA').replace(/^ {2}[A-Z]+\d+ \([^)]*\):/gm, '  CELDA:');
    // A flatten-tool folder has no Configuración sheet: only its output says the package names no publisher.
    const unnamed = /^Aviso: el libro no dice quién publica .*\n/m;
    expect(b.err).toMatch(unnamed);
    expect(anonymise(b.err.replace(unnamed, ''))).toBe(anonymise(a.err).replace('plantilla.json', 'flatten-tool.json').replace('plantilla-proyectos.json', 'flatten-tool-proyectos.json'));
    // Equal as JSON values (object key order follows the order sheets are read in, which JSON does not define).
    expect(readJson(fromFlatten).releases).toEqual(readJson(fromTemplate).releases);
    expect(readJson(path.join(dir, 'flatten-tool-proyectos.json')).projects).toEqual(readJson(path.join(dir, 'plantilla-proyectos.json')).projects);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
