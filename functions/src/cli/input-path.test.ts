/**
 * A file the CLI does not find is named by the full path it looked at: «No se encontró el archivo «no-existe.xlsx»»
 * did not say in which folder the command had looked (a relative path is taken from the folder it runs in).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkInputFile } from './input-path';
import { openSource } from './open-source';
import { readJsonFile } from './read-json';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'input-path-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a missing input file is named by its full path', () => {
  it('each way the commands check or open a file says the absolute path, also for a relative one', () => {
    const missing = path.join(dir, 'sub', 'no-existe.json');
    const relative = path.relative(process.cwd(), missing);
    for (const file of [missing, relative]) {
      expect(() => checkInputFile(file)).toThrow(`No se encontró el archivo «${missing}».`);
      // `history`'s and `import`'s reader: was Node's «ENOENT: no such file or directory» for history.
      expect(() => readJsonFile(file)).toThrow(`No se encontró el archivo «${missing}».`);
    }
    // `validate`/`convert` of a workbook or a folder of .csv files.
    expect(() => openSource(path.join(dir, 'obras.xlsx'))).toThrow(`No se encontró el archivo «${path.join(dir, 'obras.xlsx')}».`);
    expect(() => openSource(path.join(dir, 'hojas'))).toThrow(`No se encontró el archivo ni la carpeta «${path.join(dir, 'hojas')}».`);
  });
});
