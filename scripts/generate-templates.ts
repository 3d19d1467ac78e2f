/**
 * Writes the blank template and the example workbooks into templates/ (`npm run generate`).
 * One workbook holds EDCAPI and EDCA-MX together: projects link to their contracting processes by ocid and
 * officials of one implementer share one spreadsheet, so both standards live side by side.
 */
import * as fs from 'fs';
import * as path from 'path';
import { templateSpec } from '../core/template/template-spec';
import { templateBuffer } from '../functions/src/xlsx/write-template';

export const TEMPLATE_FILE = 'templates/plantilla-infraestructura-abierta.xlsx';

export async function buildTemplateFiles(): Promise<Record<string, Buffer>> {
  return { [TEMPLATE_FILE]: await templateBuffer(templateSpec()) };
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
