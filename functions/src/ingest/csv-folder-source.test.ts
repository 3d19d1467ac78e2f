import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CsvFolderSource, csvText } from './csv-folder-source';

test('CSV text: UTF-8 with or without its byte-order mark, or Windows-1252 as Excel saves it on a Spanish Windows', async () => {
  expect(csvText(Buffer.from('\uFEFFid,title\r\n1,Licitación\r\n', 'utf8'))).toBe('id,title\r\n1,Licitación\r\n');
  expect(csvText(Buffer.from('id,title\r\n1,Licitación pública\r\n', 'latin1'))).toBe('id,title\r\n1,Licitación pública\r\n');
  // Windows-1252 beyond Latin-1: the en dash and the euro sign.
  expect(csvText(Buffer.from([0x41, 0x96, 0x42, 0x80]))).toBe('A–B€');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-1252-'));
  try {
    fs.writeFileSync(path.join(dir, 'projects.csv'), Buffer.from('id,title\r\noc4ids-abc123-1,Pavimentación de la calle 60\r\n', 'latin1'));
    const { sheets } = await new CsvFolderSource(dir).read();
    expect(sheets[0].rows[1]).toEqual(['oc4ids-abc123-1', 'Pavimentación de la calle 60']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
