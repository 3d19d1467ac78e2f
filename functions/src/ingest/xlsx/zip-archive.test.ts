/** A part unpacked ahead (on the thread pool) reaches the reader exactly as one unpacked in its turn. */
import * as zlib from 'zlib';
import { bufferBytes, readDirectory, streamEntry, unpackAhead, UnpackBudget, type ZipEntry } from './zip-archive';
import { rawXlsx, replaceSheet, worksheetXml } from './raw-xlsx';
import { DEFAULT_READ_LIMITS } from './read-limits';

const rows = Array.from({ length: 400 }, (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Mérida ñandú 😀 ${i}</t></is></c></row>`).join('');

async function unpacked(bytes: Uint8Array, name: string, ahead: boolean, chunkSize = 64): Promise<{ text: string; budget: UnpackBudget; chunks: number; queued: number }> {
  const source = bufferBytes(bytes);
  const entry = (await readDirectory(source)).get(name) as ZipEntry;
  const budget = new UnpackBudget(DEFAULT_READ_LIMITS, 'prueba.xlsx', chunkSize);
  if (ahead) unpackAhead(source, entry, budget);
  const queued = budget.ahead.size;
  const parts: Buffer[] = [];
  await streamEntry(source, entry, budget, (chunk) => parts.push(Buffer.from(chunk)));
  return { text: Buffer.concat(parts).toString('utf8'), budget, chunks: parts.length, queued };
}

test('the same bytes, in the same chunks, counted the same; the part is taken from the ahead list once', async () => {
  const bytes = rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml(rows) }] });
  const plain = await unpacked(bytes, 'xl/worksheets/sheet1.xml', false);
  const ahead = await unpacked(bytes, 'xl/worksheets/sheet1.xml', true);
  expect(ahead.text).toBe(plain.text);
  expect(ahead.text).toContain('Mérida ñandú 😀 399');
  expect(ahead.chunks).toBe(plain.chunks);
  expect(ahead.budget.used).toBe(plain.budget.used);
  expect([ahead.queued, ahead.budget.ahead.size]).toEqual([1, 0]);
});

test('a part that lies about its size is not unpacked past what it declares ahead either: the reader streams and counts it', async () => {
  const xml = worksheetXml(rows);
  const base = rawXlsx({ sheets: [{ name: 'H', xml: worksheetXml('') }], stored: true });
  const lying = replaceSheet(base, zlib.deflateRawSync(xml), 100);
  const plain = await unpacked(lying, 'xl/worksheets/sheet1.xml', false, 64 * 1024);
  const ahead = await unpacked(lying, 'xl/worksheets/sheet1.xml', true, 64 * 1024);
  expect(ahead.text).toBe(xml);
  expect(ahead.text).toBe(plain.text);
  expect(ahead.budget.used).toBe(Buffer.byteLength(xml));
});
