/**
 * Test helper: an .xlsx assembled from hand-written XML parts, so tests can hold exactly the bytes other writers
 * produce (Excel, openpyxl, LibreOffice): shared and inline strings, rich text, phonetic runs, number formats,
 * the 1904 date system, cached formula results, error values, prefixed namespaces, parts in any zip order.
 */
import * as zlib from 'zlib';
import { zipSync, type Zippable } from 'fflate';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface RawSheet {
  name: string;
  xml: string;
  /** The worksheet's `<Relationship>` elements (hyperlinks' addresses), as XML. */
  rels?: string;
}

export interface RawWorkbook {
  sheets: RawSheet[];
  /** `<si>` bodies (already XML). */
  sharedStrings?: string[];
  /** Custom number formats by id, and the cellXfs' numFmtIds in order (style index → format). */
  numFmts?: Record<number, string>;
  cellXfs?: number[];
  date1904?: boolean;
  /** Write the sheets before the workbook part in the zip (as some streaming writers do). */
  sheetsFirst?: boolean;
  /** Store parts uncompressed. */
  stored?: boolean;
  /** Worksheet targets as absolute part names (`/xl/worksheets/sheet1.xml`), as openpyxl (so flatten-tool) writes them. */
  absoluteTargets?: boolean;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Wraps `<row>` XML in a worksheet. */
export function worksheetXml(rowsXml: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL}">${extra}<sheetData>${rowsXml}</sheetData></worksheet>`;
}

export function rawXlsx(book: RawWorkbook): Uint8Array {
  const sheetParts: Zippable = {};
  book.sheets.forEach((s, i) => {
    sheetParts[`xl/worksheets/sheet${i + 1}.xml`] = enc(s.xml);
    if (s.rels) sheetParts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = enc(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.rels}</Relationships>`);
  });
  const rels = book.sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${book.absoluteTargets ? '/xl/' : ''}worksheets/sheet${i + 1}.xml"/>`).join('')
    + `<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`
    + (book.sharedStrings ? `<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>` : '');
  const numFmts = Object.entries(book.numFmts ?? {}).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`).join('');
  const xfs = (book.cellXfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0"/>`).join('');
  const other: Zippable = {
    '[Content_Types].xml': enc('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': enc(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': enc(`<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}">${book.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${
      book.sheets.map((s, i) => `<sheet name="${s.name.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': enc(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`),
    'xl/styles.xml': enc(`<?xml version="1.0"?><styleSheet xmlns="${NS}">${numFmts ? `<numFmts>${numFmts}</numFmts>` : ''}<cellStyleXfs><xf numFmtId="0"/></cellStyleXfs><cellXfs>${xfs}</cellXfs></styleSheet>`),
    ...(book.sharedStrings ? { 'xl/sharedStrings.xml': enc(`<?xml version="1.0"?><sst xmlns="${NS}">${book.sharedStrings.map((s) => `<si>${s}</si>`).join('')}</sst>`) } : {}),
  };
  const files: Zippable = book.sheetsFirst ? { ...sheetParts, ...other } : { ...other, ...sheetParts };
  return zipSync(files, { level: book.stored ? 0 : 6 });
}

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `<row>` XML for plain values, as a writer without exceljs's habits would put them: inline strings, numbers,
 * booleans, and Dates as serial numbers with style 1 (give `cellXfs: [0, 14]`).
 */
export function rowsXml(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  rows.forEach((row, r) => {
    out += `<row r="${r + 1}">`;
    row.forEach((v, c) => {
      let ref = '';
      for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) ref = String.fromCharCode(65 + ((n - 1) % 26)) + ref;
      ref += r + 1;
      if (v === null || v === undefined || v === '') return;
      if (typeof v === 'string') out += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
      else if (typeof v === 'number') out += `<c r="${ref}"><v>${v}</v></c>`;
      else if (typeof v === 'boolean') out += `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
      else if (v instanceof Date) out += `<c r="${ref}" s="1"><v>${v.getTime() / 86_400_000 + 25_569}</v></c>`;
    });
    out += '</row>';
  });
  return out;
}

/**
 * A raw deflate stream of head + body × times + tail without deflating body more than once: after a full flush a
 * deflate block never refers back, so the body's blocks can be repeated as they are.
 */
export async function repeatedDeflate(head: string, body: string | Buffer, times: number, tail: string, level = 9): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const flush = () => new Promise<Buffer>((resolve) => deflate.flush(zlib.constants.Z_FULL_FLUSH, () => resolve(Buffer.concat(chunks.splice(0)))));
  deflate.write(head);
  const first = await flush();
  deflate.write(body);
  const repeated = await flush();
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  deflate.end(tail);
  await ended;
  return Buffer.concat([first, ...Array<Buffer>(times).fill(repeated), Buffer.concat(chunks)]);
}

/** Replaces the single sheet part of a stored rawXlsx with already-deflated bytes, declaring `declaredSize`. */
export function replaceSheet(base: Uint8Array, deflated: Buffer, declaredSize: number): Buffer {
  const zip = Buffer.from(base);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = zip.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04])]), 0);
  // Rebuild the zip: every part as it was, except the sheet.
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let p = local;
  while (zip.readUInt32LE(p) === 0x04034b50) {
    const nameLength = zip.readUInt16LE(p + 26);
    const extraLength = zip.readUInt16LE(p + 28);
    const size = zip.readUInt32LE(p + 18);
    const partName = zip.subarray(p + 30, p + 30 + nameLength);
    const data = zip.subarray(p + 30 + nameLength + extraLength, p + 30 + nameLength + extraLength + size);
    const isSheet = partName.equals(name);
    const body = isSheet ? deflated : data;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(isSheet ? 8 : 0, 8);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(isSheet ? declaredSize : data.length, 22);
    header.writeUInt16LE(nameLength, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(isSheet ? 8 : 0, 10);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(isSheet ? declaredSize : data.length, 24);
    entry.writeUInt16LE(nameLength, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, Buffer.from(partName));
    out.push(header, Buffer.from(partName), body);
    offset += 30 + nameLength + body.length;
    p += 30 + nameLength + extraLength + size;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cd, end]);
}
