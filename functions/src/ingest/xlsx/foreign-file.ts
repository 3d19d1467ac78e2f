/**
 * What a file that is not a zip is, when an official sends or validates it as an .xlsx: the usual cases have a
 * plain fix, and «no es válido o está dañado» sent people looking for damage that was not there. A workbook Excel
 * encrypts (Archivo › Información › Proteger libro › Cifrar con contraseña) is not a zip but an Office compound file
 * (CFB) holding `EncryptedPackage`; an Excel 97-2003 book (.xls) renamed .xlsx is a compound file holding `Workbook`;
 * a .csv renamed .xlsx is text; a PDF (the signed oficio, or the workbook printed to PDF) starts with «%PDF-». Read only when the zip directory is missing: a few sectors, never the whole file.
 */
import type { ByteSource } from './zip-archive';

export type ForeignKind = 'empty' | 'encrypted' | 'xls' | 'office' | 'text' | 'pdf' | 'ods';

/**
 * The `mimetype` an OpenDocument spreadsheet opens with (ODF 1.2 part 3, §3.3: the package's first entry, stored):
 * LibreOffice's own format, where its question on saving leads when «Usar formato ODF» is chosen.
 */
export const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** CFB sector numbers past this are markers (end of chain, free, FAT, DIFAT), not sectors. */
const MAX_SECTOR = 0xfffffffa;
/** Directory sectors followed at most: a workbook's directory has a handful of entries, never thousands. */
const MAX_DIRECTORY_SECTORS = 64;

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

/** The kind of a file that is not a zip, or undefined when its first bytes say nothing we can name. */
export async function foreignKind(source: ByteSource): Promise<ForeignKind | undefined> {
  if (source.size === 0) return 'empty';
  const head = await source.read(0, Math.min(source.size, 4096));
  if (head.length >= 512 && Buffer.from(head.subarray(0, 8)).equals(CFB_MAGIC)) {
    const names = await compoundFileNames(source, head).catch(() => new Set<string>());
    if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return 'encrypted';
    if (names.has('Workbook') || names.has('Book')) return 'xls';
    return 'office';
  }
  // Before the text test: a PDF's header is text, and one whose first 4 KB are too was called «un archivo de texto
  // (como un .csv)»; one with binary bytes, «no es válido o está dañado».
  if (Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  // Text (a .csv, a web page saved with the wrong name): no NUL and no control characters but tabs and line ends.
  if (head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) return 'text';
  return undefined;
}

/**
 * The names in a compound file's directory ([MS-CFB] §2.2, §2.6): its sectors followed through the FAT that the
 * header's first 109 DIFAT entries name (enough for the directory of any workbook Excel writes).
 */
async function compoundFileNames(source: ByteSource, header: Uint8Array): Promise<Set<string>> {
  const sectorSize = 2 ** u16(header, 0x1e);
  if (sectorSize !== 512 && sectorSize !== 4096) return new Set();
  const at = (sector: number): number => (sector + 1) * sectorSize;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(header, 0x4c + i * 4);
    if (s <= MAX_SECTOR) fatSectors.push(s);
  }
  const perSector = sectorSize / 4;
  const next = async (sector: number): Promise<number> => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined) return 0xfffffffe;
    const entry = await source.read(at(fatSector) + (sector % perSector) * 4, 4);
    return entry.length === 4 ? u32(entry, 0) : 0xfffffffe;
  };
  const names = new Set<string>();
  let sector = u32(header, 0x30);
  for (let n = 0; n < MAX_DIRECTORY_SECTORS && sector <= MAX_SECTOR && at(sector) < source.size; n++) {
    const block = await source.read(at(sector), sectorSize);
    for (let e = 0; e + 128 <= block.length; e += 128) {
      const length = u16(block, e + 0x40);
      if (length >= 2 && length <= 64) names.add(Buffer.from(block.subarray(e, e + length - 2)).toString('utf16le'));
    }
    sector = await next(sector);
  }
  return names;
}

/** The Spanish sentence for a foreign file; `subject` names it («El archivo «libro.xlsx»», «El archivo enviado»). */
export function foreignFileMessage(kind: ForeignKind, subject: string): string {
  const saveAs = 'Ábralo en Excel y guárdelo con Archivo › Guardar como › «Libro de Excel (.xlsx)».';
  switch (kind) {
    case 'empty': return `${subject} está vacío (0 bytes). Revise que eligió el archivo correcto, o guárdelo de nuevo desde Excel.`;
    case 'encrypted': return `${subject} está protegido con contraseña y así no se puede leer. Ábralo en Excel, quítele la contraseña (Archivo › Información › Proteger libro › Cifrar con contraseña: borre la contraseña y acepte) y guárdelo.`;
    case 'xls': return `${subject} está en el formato antiguo de Excel 97-2003 (.xls), aunque su nombre termine en .xlsx. ${saveAs}`;
    // Not told apart (a directory we could not follow): each of the three has the same way out.
    case 'office': return `${subject} no es un libro de Excel (.xlsx) que se pueda leer: es de otro programa de Office, de Excel 97-2003 (.xls) o está protegido con contraseña. ${saveAs} Si tiene contraseña, quítesela antes (Archivo › Información › Proteger libro › Cifrar con contraseña).`;
    case 'text': return `${subject} es un archivo de texto (como un .csv), no un libro de Excel (.xlsx). ${saveAs}`;
    // A zip, so never named by foreignKind: the reader finds no workbook part in it and reads its `mimetype`.
    case 'ods': return `${subject} es una hoja de cálculo de LibreOffice u OpenOffice (.ods), no un libro de Excel (.xlsx). Ábralo en LibreOffice Calc, elija Archivo › Guardar como… y en «Tipo de archivo» escoja «Excel 2007-365 (.xlsx)»; si le pregunta qué formato usar, elija «Usar formato Excel 2007-365». Envíe ese archivo .xlsx.`;
    case 'pdf': return `${subject} es un PDF, no un libro de Excel (.xlsx). Envíe el libro de la plantilla en el que capturó los datos (el archivo .xlsx), no su versión impresa ni un oficio.`;
  }
}
