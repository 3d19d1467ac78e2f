/**
 * Writes the blank template and the example workbooks into templates/ (`npm run generate`).
 * One workbook holds EDCAPI and EDCA-MX together: projects link to their contracting processes by ocid and
 * officials of one implementer share one spreadsheet, so both standards live side by side.
 * The example workbooks are the demo data of `npm start`: the documents of scripts/examples written
 * through the same flatten the import uses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { templateSpec } from '../core/template/template-spec';
import { flatten } from '../core/flatten';
import { HEADER_ROWS, templateBuffer } from '../functions/src/xlsx/write-template';
import { buildExamples } from './examples';

export const TEMPLATE_FILE = 'templates/plantilla-infraestructura-abierta.xlsx';
export const EXAMPLES_DIR = 'templates/examples';

export async function buildTemplateFiles(): Promise<Record<string, Buffer>> {
  const spec = templateSpec();
  const files: Record<string, Buffer> = { [TEMPLATE_FILE]: await templateBuffer(spec) };
  for (const example of buildExamples()) {
    const workbook = flatten({ releases: example.releases, projects: example.projects }, spec);
    const rows = Object.fromEntries(workbook.sheets.map((s) => [s.name, s.rows.slice(HEADER_ROWS)]));
    files[`${EXAMPLES_DIR}/${example.key}.xlsx`] = await templateBuffer(spec, { rows, settings: { ...example.settings, state: example.state } });
  }
  return files;
}

if (require.main === module) {
  void (async () => {
    const root = path.resolve(__dirname, '..');
    for (const [rel, content] of Object.entries(await buildTemplateFiles())) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), content);
      console.log(`escrito ${rel}`);
    }
  })();
}
