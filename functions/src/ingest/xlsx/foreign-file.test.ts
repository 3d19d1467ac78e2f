/**
 * Files officials send as .xlsx that are not one: each named with its fix, through the reader the CLI and uploads
 * use, instead of «no es válido o está dañado».
 */
import { XlsxBufferSource } from '../xlsx-source';
import { foreignKind } from './foreign-file';
import { bufferBytes } from './zip-archive';
import { compoundFile, ENCRYPTED_STREAMS } from './raw-compound-file';

const ENCRYPTED = ENCRYPTED_STREAMS;

test('names what a file that is not a zip is', async () => {
  const kind = (bytes: Uint8Array) => foreignKind(bufferBytes(bytes));
  expect(await kind(compoundFile(ENCRYPTED))).toBe('encrypted');
  // The directory's second sector, reached through the FAT, as in a file whose streams come after others.
  expect(await kind(compoundFile(['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco', 'EncryptedPackage'], 3))).toBe('encrypted');
  expect(await kind(compoundFile(['Workbook', '\u0005SummaryInformation']))).toBe('xls');
  expect(await kind(compoundFile(['WordDocument', '1Table']))).toBe('office');
  expect(await kind(Buffer.from('ocid,tender/title\r\nocds-abc-1,Pavimentación\r\n', 'latin1'))).toBe('text');
  expect(await kind(Buffer.alloc(0))).toBe('empty');
  // A PDF, whether its first bytes are all text or not.
  expect(await kind(Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'))).toBe('pdf');
  expect(await kind(Buffer.concat([Buffer.from('%PDF-1.7\n%', 'latin1'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0x01])]))).toBe('pdf');
  expect(await kind(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toBeUndefined();
  // A damaged compound file is still said to be one, never an error of ours.
  const damaged = compoundFile(ENCRYPTED);
  damaged.writeUInt32LE(0x7fffffff, 0x30);
  expect(await kind(damaged)).toBe('office');
});

test('the reader says a workbook is password-protected, an .xls, a .csv or empty, with what to do', async () => {
  const read = (bytes: Uint8Array) => new XlsxBufferSource(bytes, 'obras.xlsx').read();
  await expect(read(compoundFile(ENCRYPTED))).rejects.toMatchObject({
    code: 'source.encrypted',
    message: expect.stringMatching(/^El archivo «obras\.xlsx» está protegido con contraseña y así no se puede leer\. Ábralo en Excel, quítele la contraseña/),
  });
  await expect(read(compoundFile(['Workbook']))).rejects.toMatchObject({ code: 'source.invalid-xlsx', message: expect.stringMatching(/formato antiguo de Excel 97-2003 \(\.xls\).*Guardar como › «Libro de Excel \(\.xlsx\)»/) });
  await expect(read(Buffer.from('ocid;título\n'))).rejects.toMatchObject({ message: expect.stringMatching(/es un archivo de texto \(como un \.csv\)/) });
  await expect(read(Buffer.alloc(0))).rejects.toMatchObject({ message: expect.stringMatching(/está vacío \(0 bytes\)/) });
  await expect(read(Buffer.from('%PDF-1.4\n1 0 obj\n', 'latin1'))).rejects.toMatchObject({ code: 'source.invalid-xlsx', message: expect.stringMatching(/^El archivo «obras\.xlsx» es un PDF, no un libro de Excel \(\.xlsx\)\./) });
  // A zip cut short is still a damaged workbook.
  await expect(read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).rejects.toMatchObject({ code: 'source.invalid-xlsx', message: expect.stringMatching(/no es un libro de Excel \(\.xlsx\) válido o está dañado/) });
});
