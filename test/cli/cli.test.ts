/**
 * The CLI end to end, in-process (`main(argv, io)`): convert/validate the example workbooks, bad input, template,
 * import round trip and users on a real SQLite file. One smoke test runs the built dist/cli.js as a child process.
 */
import { spawnSync } from 'child_process';
import * as net from 'net';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { VALIDATORS } from '../../core/validate';
import { templateSpec } from '../../core/template/template-spec';
import { columnLetter, type WorkbookModel } from '../../core/workbook/model';
import { XlsxFileSource } from '../../functions/src/ingest/xlsx-source';
import { compoundFile, ENCRYPTED_STREAMS } from '../../functions/src/ingest/xlsx/raw-compound-file';
import { readSettings } from '../../core/unflatten/settings-reader';
import { utcOffset } from '../../core/unflatten/time-zone';
import { SETTINGS_SHEET } from '../../core/template/settings';
import { buildCli } from '../../scripts/build';
import { writeXlsx } from '../../scripts/bench/write-xlsx';
import { EXAMPLE_KEYS, exampleWorkbook, publisherOf, setCell, stateWithMeridaProcess } from '../example-workbooks';
import { ROOT } from '../standards';
import { readJson, runCli, scratchDir, STACK_TRACE } from './run-cli';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { samplePublisher } from '../../functions/src/store/store-contract';

const example = (key: string): string => path.join(ROOT, 'templates', 'examples', `${key}.xlsx`);
const FECHA = ['--fecha', '2025-06-30T12:00:00Z'];
let dir: string;
beforeAll(() => { dir = scratchDir(); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function schemaErrors(name: keyof typeof VALIDATORS, data: unknown): unknown[] {
  return VALIDATORS[name](data) ? [] : VALIDATORS[name].errors ?? ['invalid'];
}

/** Template header rows of the `Contrataciones` sheet plus one data row with the given values by path. */
function contratacionesWorkbook(values: Record<string, string | number>): WorkbookModel {
  const sheet = templateSpec().sheets.find((s) => s.name === 'Contrataciones');
  if (!sheet) throw new Error('no Contrataciones sheet');
  return { sheets: [{ name: sheet.name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), sheet.columns.map((c) => values[c.path] ?? '')] }] };
}

describe('convert', () => {
  test.each(EXAMPLE_KEYS)('%s → release package and project package that validate with zero errors', async (key) => {
    const out = path.join(dir, `${key}.json`);
    const run = await runCli('convert', example(key), '-o', out);
    expect(run.err).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(0);
    const releases = readJson(out);
    const projects = readJson(path.join(dir, `${key}-proyectos.json`));
    expect((releases.releases as unknown[]).length).toBeGreaterThan(0);
    expect((projects.projects as unknown[]).length).toBeGreaterThan(0);
    expect(schemaErrors('releasePackage', releases)).toEqual([]);
    expect(schemaErrors('projectPackage', projects)).toEqual([]);
    for (const r of releases.releases as unknown[]) expect(schemaErrors('release', r)).toEqual([]);
    for (const p of projects.projects as unknown[]) expect(schemaErrors('project', p)).toEqual([]);
    expect(run.err).toMatch(/Escrito .*entregas \(EDCA-MX\)/);
  });

  test('--proyectos names the project package; without -o it is a usage error', async () => {
    const projectsFile = path.join(dir, 'solo-proyectos.json');
    expect((await runCli('convert', example('merida'), '-o', path.join(dir, 'x.json'), '--proyectos', projectsFile)).code).toBe(0);
    expect(fs.existsSync(projectsFile)).toBe(true);
    const run = await runCli('convert', example('merida'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/Indique el archivo de salida con -o/);
  });
  test('the packages name where they will be published (--url), never the folder on this computer', async () => {
    const out = path.join(dir, 'con-url.json');
    const withUrl = await runCli('convert', example('merida'), '-o', out, '--url', 'https://www.merida.gob.mx/datos/con-url.json');
    expect(withUrl.code).toBe(0);
    expect(readJson(out).uri).toBe('https://www.merida.gob.mx/datos/con-url.json');
    expect(readJson(path.join(dir, 'con-url-proyectos.json')).uri).toBe('https://www.merida.gob.mx/datos/con-url-proyectos.json');
    // Each process the workbook holds has the summary publication derives from its release (core/summary), linked to
    // that release where it is published: the release package at --url (before, only what «Procesos del proyecto» typed).
    const releaseIds = new Map((readJson(out).releases as { ocid: string; id: string }[]).map((r) => [r.ocid, r.id]));
    const listed = (readJson(path.join(dir, 'con-url-proyectos.json')).projects as { contractingProcesses?: { id: string; releases?: { id: string; url: string }[] }[] }[])
      .flatMap((p) => p.contractingProcesses ?? []).filter((c) => releaseIds.has(c.id));
    expect(listed.length).toBeGreaterThan(0);
    for (const c of listed) expect(c.releases?.map((l) => [l.id, l.url])).toEqual([[releaseIds.get(c.id), `https://www.merida.gob.mx/datos/con-url.json#${releaseIds.get(c.id)}`]]);
    expect(withUrl.err).not.toMatch(/sin --url/);
    const records = path.join(dir, 'con-url-registros.json');
    expect((await runCli('compile', out, '-o', records, '--url', 'https://www.merida.gob.mx/datos/registros.json')).code).toBe(0);
    expect(readJson(records).uri).toBe('https://www.merida.gob.mx/datos/registros.json');
    // Without --url: the file's name alone, and a notice saying how to name the address.
    const bare = await runCli('convert', example('merida'), '-o', path.join(dir, 'sin url.json'));
    expect(readJson(path.join(dir, 'sin url.json')).uri).toBe('file:///sin%20url.json');
    expect(bare.err).toContain('Aviso: sin --url, el paquete se identifica solo con el nombre del archivo.');
    expect(JSON.stringify(readJson(path.join(dir, 'sin url-proyectos.json')))).not.toContain(dir);
    const wrong = await runCli('convert', example('merida'), '-o', path.join(dir, 'x.json'), '--url', 'www.merida.gob.mx/x.json');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--url debe ser la dirección web completa .*se recibió «www\.merida\.gob\.mx\/x\.json»/);
  });
});

describe('links typed as text with a link («Insertar vínculo»)', () => {
  test('a link column publishes the address behind «Ver contrato», and a text without one says how to fix it', async () => {
    const address = 'https://transparencia.merida.example/obra-publica/DOP-LP-OP-003-2024/convocatoria.pdf';
    const model = await exampleWorkbook('merida');
    setCell(model, 'Documentos de licitación', 0, 'tender/documents/0/url', 'Ver contrato');
    setCell(model, 'Documentos de licitación', 1, 'tender/documents/0/url', 'Ver bases');
    const sheet = model.sheets.find((x) => x.name === 'Documentos de licitación');
    const column = columnLetter((sheet?.rows[1].indexOf('tender/documents/0/url') ?? 0) + 1);
    // The first document's cell carries a link (row 3, the first data row); the second's is text alone.
    if (sheet) sheet.links = { [`${column}3`]: address };
    const book = path.join(dir, 'con-vinculos.xlsx');
    await writeXlsx(model, book);
    const validated = await runCli('validate', book);
    expect(validated.out).toContain(`${column}3 (`);
    expect(validated.out).toContain(`La celda muestra «Ver contrato» y tiene un vínculo: se publica la dirección del vínculo, ${address}.`);
    expect(validated.out).toMatch(new RegExp(`${column}4 \\(.*«Ver bases» no es una dirección web: escriba la dirección completa, que empieza con https://.*Si la celda muestra un texto, vincúlelo a la dirección del documento \\(Insertar › Vínculo\\) o escriba en su lugar la dirección misma`));
    const out = path.join(dir, 'con-vinculos.json');
    await runCli('convert', book, '-o', out);
    const urls = (readJson(out).releases as { tender?: { documents?: { url?: string }[] } }[]).flatMap((r) => (r.tender?.documents ?? []).map((d) => d.url));
    expect(urls).toContain(address);
    expect(urls).not.toContain('Ver contrato');
  });
});

describe('validate', () => {
  test('a clean example exits 0 and prints the Spanish summary', async () => {
    const run = await runCli('validate', example('nuevo-leon'));
    expect(run.code).toBe(0);
    // The report is the command's output (stdout, so `> informe.txt` keeps it); nothing goes to stderr.
    expect(run.out).toMatch(/Resumen: 0 errores, (?:1 advertencia|\d+ advertencias), (?:1 aviso|\d+ avisos)\./);
    expect(run.err).toBe('');
  });

  test('errors exit 1, naming sheet, row, column and header in Spanish', async () => {
    const sheet = templateSpec().sheets.find((s) => s.name === 'Contrataciones');
    const col = sheet?.columns.findIndex((c) => c.path === 'tender/value/amount') ?? -1;
    expect(col).toBeGreaterThan(0);
    const file = path.join(dir, 'con-error.xlsx');
    await writeXlsx(contratacionesWorkbook({ ocid: 'ocds-abc123-0001', 'tender/id': 'T-1', 'tender/value/amount': 'mucho dinero' }), file);
    const run = await runCli('validate', file, ...FECHA);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^Hoja «Contrataciones» — [1-9]\d* errores?, \d+ advertencias?$/m);
    expect(run.out).toContain(`  ${columnLetter(col + 1)}3 (${sheet?.columns[col].title}): Error — «mucho dinero» no es un número`);
    expect(run.out).toMatch(/Resumen: [1-9]\d* errores/);
    expect(run.err).toBe('');
    const json = await runCli('validate', file, '--json', ...FECHA);
    expect(json.code).toBe(1);
    const findings = JSON.parse(json.out) as { severity: string; cell?: { sheet: string; row: number } }[];
    expect(findings.some((f) => f.severity === 'error' && f.cell?.sheet === 'Contrataciones' && f.cell.row === 3)).toBe(true);
  });

  test('a value with line breaks keeps each finding on one line of the report, its breaks shown as « / »', async () => {
    // Alt+Enter in a cell: the report's line broke there, and the rest of the message read as a line of its own
    // without its cell or severity.
    const file = path.join(dir, 'saltos.xlsx');
    await writeXlsx(contratacionesWorkbook({ ocid: 'ocds-abc123-0001', 'tender/id': 'T-1', 'tender/value/amount': 'mucho\ndinero\r\nen total' }), file);
    const run = await runCli('validate', file, ...FECHA);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^ {2}[A-Z]+3 \(.*\): Error — «mucho \/ dinero \/ en total» no es un número/m);
    // Every line of the report is a sheet's heading, a finding under it, or the closing lines.
    for (const line of run.out.split('\n')) expect(line).toMatch(/^(?:Hoja «|Libro completo|  [A-Z]*\d*.*(?:Error|Advertencia|Aviso) — |Resumen:|Para ver|… y )/);
    // `validate paquete.json` the same.
    const json = path.join(dir, 'saltos.json');
    fs.writeFileSync(json, JSON.stringify({ uri: 'https://x.example/p.json', publishedDate: '2024-01-01T00:00:00Z', version: '1.1', publisher: { name: 'X' }, releases: [{ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender', tender: { id: 'T', status: 'activa\nya' } }] }));
    const pkg = await runCli('validate', json, ...FECHA);
    expect(pkg.out).toMatch(/^Error — \/releases\/0\/tender\/status: El valor «activa \/ ya» no está en el catálogo/m);
  });

  // A copied row edited for another process, its OCID left as it was: the merge kept the first row's title and amount
  // and only warned, so the workbook validated with 0 errors and the second process was never published.
  test('a process copied to another row with its OCID unchanged is an error naming both rows and the columns that differ; exit 1', async () => {
    const workbook = await exampleWorkbook('nuevo-leon');
    const sheet = workbook.sheets.find((s) => s.name === 'Contrataciones');
    if (!sheet) throw new Error('no Contrataciones sheet');
    const paths = sheet.rows[1] as string[];
    const columns = templateSpec().sheets.find((s) => s.name === 'Contrataciones')?.columns ?? [];
    const titleOf = (p: string) => columns.find((c) => c.path === p)?.title;
    const copy = [...sheet.rows[2]];
    copy[paths.indexOf('tender/title')] = 'Rehabilitación del mercado municipal';
    sheet.rows.push(copy);
    const row = sheet.rows.length;
    const file = path.join(dir, 'ocid-repetido.xlsx');
    await writeXlsx(workbook, file);
    const run = await runCli('validate', file, ...FECHA);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^Hoja «Contrataciones» — 1 error, /m);
    const letter = columnLetter(paths.indexOf('tender/title') + 1);
    expect(run.out).toContain(`  A${row} (${titleOf('ocid')}): Error — Las filas 3 y ${row} de la hoja «Contrataciones» tienen el mismo «${titleOf('ocid')}» («${String(copy[0])}»), pero datos distintos en la columna «${titleOf('tender/title')}» (${letter}). `);
    expect(run.out).toContain(`  ${letter}${row} (${titleOf('tender/title')}): Advertencia — Este valor («Rehabilitación del mercado municipal») no coincide`);
  });

  // The next payment typed by copying the last one's row, its id left as it was: the two rows were one payment, the
  // first amount kept with a warning, so the workbook validated with 0 errors and the new payment was never published.
  test('a payment row copied for the next payment with its id unchanged is an error at the copy\'s id naming both rows, the contract and the amount; exit 1', async () => {
    const workbook = await exampleWorkbook('nuevo-leon');
    const sheet = workbook.sheets.find((s) => s.name === 'Transacciones');
    if (!sheet) throw new Error('no Transacciones sheet');
    const paths = sheet.rows[1] as string[];
    const columns = templateSpec().sheets.find((s) => s.name === 'Transacciones')?.columns ?? [];
    const titleOf = (p: string) => columns.find((c) => c.path === p)?.title;
    const amount = 'contracts/0/implementation/transactions/0/value/amount';
    const id = 'contracts/0/implementation/transactions/0/id';
    const copy = [...sheet.rows[2]];
    copy[paths.indexOf(amount)] = Number(copy[paths.indexOf(amount)]) + 1000;
    sheet.rows.push(copy);
    const row = sheet.rows.length;
    const file = path.join(dir, 'pago-repetido.xlsx');
    await writeXlsx(workbook, file);
    const run = await runCli('validate', file, ...FECHA);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^Hoja «Transacciones» — 1 error, /m);
    const idLetter = columnLetter(paths.indexOf(id) + 1);
    const contract = String(copy[paths.indexOf('contracts/0/id')]);
    expect(run.out).toContain(`  ${idLetter}${row} (${titleOf(id)}): Error — Las filas 3 y ${row} de la hoja «Transacciones» son del mismo «${titleOf('contracts/0/id')}» («${contract}») y tienen el mismo «${titleOf(id)}» («${String(copy[paths.indexOf(id)])}»), pero datos distintos en la columna «${titleOf(amount)}» (${columnLetter(paths.indexOf(amount) + 1)}). `);
  });

  test('a workbook saved by Excel for Mac in the 1904 date system publishes the days it shows, a date typed as a plain number too', async () => {
    // A real 1904 workbook, as exceljs writes one (wb.properties.date1904): a contract whose signature is a date cell
    // (15/08/2024, serial 44,057 there) and one whose signature was typed as a plain number (General format): 44,055
    // is 13/08/2024 in the 1904 system, and was published as 12/08/2020, the 1900 system's day.
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    for (const name of ['Contrataciones', 'Contratos']) {
      const sheet = templateSpec().sheets.find((s) => s.name === name);
      if (!sheet) throw new Error(`no ${name} sheet`);
      const ws = wb.addWorksheet(name);
      ws.addRow(sheet.columns.map((c) => c.title));
      ws.addRow(sheet.columns.map((c) => c.path));
      const row = (ocid: string, signed: Date | number): unknown[] => sheet.columns.map((c) => ({
        ocid, 'tender/id': `${ocid}-L`, 'contracts/0/id': `${ocid}-C`, 'contracts/0/awardID': `${ocid}-A`, 'contracts/0/dateSigned': signed,
      } as Record<string, unknown>)[c.path] ?? null);
      for (const ocid of ['ocds-abc123-1', 'ocds-abc123-2']) {
        const r = ws.addRow(name === 'Contratos' ? row(ocid, ocid.endsWith('1') ? new Date(Date.UTC(2024, 7, 15)) : 44_055) : row(ocid, 0));
        const signedAt = sheet.columns.findIndex((c) => c.path === 'contracts/0/dateSigned');
        if (name === 'Contratos' && ocid.endsWith('1')) r.getCell(signedAt + 1).numFmt = 'dd/mm/yyyy';
      }
    }
    const file = path.join(dir, 'mac-1904.xlsx');
    await wb.xlsx.writeFile(file);
    const out = path.join(dir, 'mac-1904.json');
    const run = await runCli('convert', file, '-o', out, ...FECHA);
    expect(run.err).not.toMatch(STACK_TRACE);
    const signatures = (readJson(out).releases as { ocid: string; contracts?: { dateSigned?: string }[] }[]).map((r) => [r.ocid, r.contracts?.[0].dateSigned]);
    expect(signatures).toEqual([['ocds-abc123-1', '2024-08-15T00:00:00-06:00'], ['ocds-abc123-2', '2024-08-13T00:00:00-06:00']]);
  });

  test('convert writes what it read for review and exits 1 when there are errors; with --estricto it writes nothing, and says so', async () => {
    const file = path.join(dir, 'con-error-estricto.xlsx');
    await writeXlsx(contratacionesWorkbook({ ocid: 'ocds-abc123-0001', 'tender/id': 'T-1', 'tender/value/amount': 'mucho dinero' }), file);
    const strict = path.join(dir, 'estricto.json');
    const refused = await runCli('convert', file, '-o', strict, '--estricto', ...FECHA);
    expect(refused.code).toBe(1);
    expect(fs.existsSync(strict)).toBe(false);
    expect(refused.err).toMatch(/El libro tiene errores: no se escribió nada \(--estricto\)\. Corríjalos y convierta de nuevo\.$/);
    // An earlier conversion's file is left as it was, and named as that.
    fs.writeFileSync(strict, '{"anterior": true}');
    const again = await runCli('convert', file, '-o', strict, '--estricto', ...FECHA);
    expect(again.err).toMatch(/no se escribió nada \(--estricto\); «estricto\.json» es el de una conversión anterior\./);
    expect(readJson(strict)).toEqual({ anterior: true });
    const loose = path.join(dir, 'para-revisar.json');
    const written = await runCli('convert', file, '-o', loose, ...FECHA);
    expect(written.code).toBe(1);
    expect(fs.existsSync(loose)).toBe(true);
    expect(written.err).toMatch(/lo escrito sirve para revisar, no para publicar/);
  });

  test('a mistake repeated down 30 rows lists 10 and counts the rest, and the other kinds of error still show; headings count everything', async () => {
    const sheet = templateSpec().sheets.find((s) => s.name === 'Contrataciones');
    if (!sheet) throw new Error('no Contrataciones sheet');
    const amount = sheet.columns.findIndex((c) => c.path === 'tender/value/amount');
    const start = sheet.columns.findIndex((c) => c.path === 'tender/tenderPeriod/startDate');
    const row = (n: number, values: Record<string, string>): string[] => sheet.columns.map((c) => ({ ocid: `ocds-abc123-${String(n).padStart(4, '0')}`, 'tender/id': `T-${n}`, ...values })[c.path] ?? '');
    const rows = [...Array.from({ length: 30 }, (_v, n) => row(n, { 'tender/value/amount': 'mucho dinero' })), row(30, { 'tender/tenderPeriod/startDate': '31/02/2024' })];
    const file = path.join(dir, 'repetido.xlsx');
    await writeXlsx({ sheets: [{ name: sheet.name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), ...rows] }] }, file);
    const run = await runCli('validate', file, ...FECHA);
    expect(run.code).toBe(1);
    const letter = columnLetter(amount + 1);
    expect(run.out.split('\n').filter((l) => l.startsWith(`  ${letter}`) && l.includes('mucho dinero'))).toHaveLength(10);
    expect(run.out).toContain(`… y 20 problemas más como el de ${letter}3 en la hoja «Contrataciones», columna «${sheet.columns[amount].title}».`);
    // Those 20 are all that was left out: said once, not again as «… y 20 problemas más en total».
    expect(run.out).not.toMatch(/en total/);
    expect(run.out).toContain('Para ver esos problemas también, agregue --todos (o use validate --json).');
    // The other kind of error, after the 30 rows, is listed too.
    expect(run.out).toContain(`  ${columnLetter(start + 1)}33 (${sheet.columns[start].title}): Error — «31/02/2024»`);
    const heading = /^Hoja «Contrataciones» — ([\d,]+) errores/m.exec(run.out);
    expect(Number(heading?.[1].replace(/,/g, ''))).toBeGreaterThanOrEqual(31);
  });

  // In the order the checks ran, «Actores» (a row for an ocid «Contrataciones» does not have) came before
  // «Contrataciones» (a required field missing), which comes first in the workbook.
  test('the report follows the workbook\'s tab order', async () => {
    const spec = templateSpec();
    const sheetOf = (name: string, values: Record<string, string>) => {
      const sheet = spec.sheets.find((s) => s.name === name);
      if (!sheet) throw new Error(name);
      return { name, rows: [sheet.columns.map((c) => c.title), sheet.columns.map((c) => c.path), sheet.columns.map((c) => values[c.path] ?? '')] };
    };
    const file = path.join(dir, 'orden-de-hojas.xlsx');
    await writeXlsx({ sheets: [
      sheetOf('Contrataciones', { ocid: 'ocds-abc123-0001', 'tender/id': 'T-1', 'tender/title': 'Obra' }),
      sheetOf('Actores', { ocid: 'ocds-abc123-0002', 'parties/0/name': 'Constructora', 'parties/0/roles': 'supplier' }),
    ] }, file);
    const run = await runCli('validate', file, ...FECHA);
    const headings = run.out.split('\n').filter((l) => l.startsWith('Hoja «')).map((l) => /«(.+?)»/.exec(l)?.[1]);
    expect(headings).toEqual(['Contrataciones', 'Actores']);
  });

  test('a blank template has nothing to validate: exit 1 with a plain explanation', async () => {
    // The blank template as published for download (template-xlsx.test.ts: what `template` writes, byte for byte).
    const run = await runCli('validate', path.join(ROOT, 'templates', 'plantilla-infraestructura-abierta.xlsx'));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/no contiene contrataciones ni proyectos/);
    // Not next to a «Resumen: 0 errores» that reads as a pass.
    expect(run.out).not.toMatch(/Resumen/);
  });
});

describe('bad input: a Spanish message and exit code 2, never a stack trace', () => {
  const cases: [string, () => string, RegExp][] = [
    // The full path looked at, not the name alone (the folder is the test's own scratch folder).
    ['missing file', () => path.join(dir, 'no-existe.xlsx'), /No se encontró el archivo «\/.*\/no-existe\.xlsx»\./],
    ['not an xlsx', () => { const f = path.join(dir, 'notas.txt'); fs.writeFileSync(f, 'hola'); return f; }, /no es un archivo \.xlsx ni una carpeta/],
    ['an Excel 97-2003 .xls', () => { const f = path.join(dir, 'obras.xls'); fs.writeFileSync(f, compoundFile(['Workbook'])); return f; }, /«.*obras\.xls» no es un archivo \.xlsx ni una carpeta de archivos \.csv\. Ábralo en su programa de hojas de cálculo y guárdelo como «Libro de Excel \(\.xlsx\)»/],
    ['a LibreOffice .ods', () => { const f = path.join(dir, 'plantilla.ods'); fs.writeFileSync(f, fs.readFileSync(path.join(__dirname, '../fixtures/libreoffice/guardado-como-ods.ods'))); return f; }, /«.*plantilla\.ods» no es un archivo \.xlsx ni una carpeta de archivos \.csv\. Es una hoja de cálculo de LibreOffice \(\.ods\): ábrala en LibreOffice Calc, elija Archivo › Guardar como… y en «Tipo de archivo» escoja «Excel 2007-365 \(\.xlsx\)»/],
    ['an .ods renamed .xlsx', () => { const f = path.join(dir, 'renombrada.xlsx'); fs.writeFileSync(f, fs.readFileSync(path.join(__dirname, '../fixtures/libreoffice/guardado-como-ods.ods'))); return f; }, /«renombrada\.xlsx» es una hoja de cálculo de LibreOffice u OpenOffice \(\.ods\), no un libro de Excel/],
    ['a single .csv', () => { const f = path.join(dir, 'contratos.csv'); fs.writeFileSync(f, 'ocid\n'); return f; }, /Para validar archivos \.csv, póngalos en una carpeta/],
    ['text renamed to .xlsx', () => { const f = path.join(dir, 'texto.xlsx'); fs.writeFileSync(f, 'esto no es un libro'); return f; }, /«texto\.xlsx» es un archivo de texto \(como un \.csv\), no un libro de Excel \(\.xlsx\)\. Ábralo en Excel/],
    ['corrupt zip (truncated workbook)', () => { const f = path.join(dir, 'cortado.xlsx'); fs.writeFileSync(f, fs.readFileSync(example('merida')).subarray(0, 30000)); return f; }, /«cortado\.xlsx» no es un libro de Excel \(\.xlsx\) válido o está dañado; suele pasar cuando se copió o descargó incompleto\. Ábralo en Excel: si abre, guárdelo de nuevo/],
    ['empty file', () => { const f = path.join(dir, 'vacio.xlsx'); fs.writeFileSync(f, ''); return f; }, /«vacio\.xlsx» está vacío \(0 bytes\)/],
    ['workbook encrypted with a password', () => { const f = path.join(dir, 'con-clave.xlsx'); fs.writeFileSync(f, compoundFile(ENCRYPTED_STREAMS)); return f; }, /«con-clave\.xlsx» está protegido con contraseña .* quítele la contraseña/],
    ['Excel 97-2003 book renamed .xlsx', () => { const f = path.join(dir, 'antiguo.xlsx'); fs.writeFileSync(f, compoundFile(['Workbook'])); return f; }, /«antiguo\.xlsx» está en el formato antiguo de Excel 97-2003 \(\.xls\)/],
    ['.csv renamed .xlsx', () => { const f = path.join(dir, 'datos.xlsx'); fs.writeFileSync(f, 'ocid,tender/title\nocds-abc123-1,Obra\n'); return f; }, /«datos\.xlsx» es un archivo de texto \(como un \.csv\)/],
    ['empty folder', () => { const f = path.join(dir, 'carpeta-vacia'); fs.mkdirSync(f, { recursive: true }); return f; }, /La carpeta «carpeta-vacia» no contiene archivos \.csv/],
  ];
  test.each(cases)('%s', async (_name, make, message) => {
    for (const command of ['validate', 'convert']) {
      const run = await runCli(command, make(), '-o', path.join(dir, 'salida.json'));
      expect(run.code).toBe(2);
      expect(run.err).toMatch(message);
      expect(run.err).not.toMatch(STACK_TRACE);
      expect(run.out).toBe('');
    }
  });

  test('no input, unknown command and a zip without sheets', async () => {
    expect((await runCli('validate')).err).toMatch(/Indique el libro a leer/);
    const unknown = await runCli('frobnicar');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Orden desconocida: «frobnicar»/);
    // A real zip with no worksheet in it: a valid .xlsx with every sheet removed is the smallest honest case.
    const file = path.join(dir, 'sin-hojas.xlsx');
    await writeXlsx({ sheets: [] }, file);
    const run = await runCli('validate', file);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no contiene hojas/);
  });
});

test('template -o writes the blank template with every spec sheet', async () => {
  const file = path.join(dir, 'plantilla.xlsx');
  const run = await runCli('template', '-o', file);
  expect(run.code).toBe(0);
  expect(run.err).toContain('plantilla.xlsx');
  // How far its drop-downs go, and how to take them further.
  expect(run.err).toMatch(/llegan hasta la fila 10,002 de cada hoja \(para más, --filas\)\.$/);
  const names = (await new XlsxFileSource(file).read()).sheets.map((s) => s.name);
  for (const sheet of templateSpec().sheets) expect(names).toContain(sheet.name);
});

test('template --filas: drop-downs down to the rows a large state will type (one sqref each, the file as small); a bad count said in Spanish', async () => {
  const file = path.join(dir, 'plantilla-grande.xlsx');
  const run = await runCli('template', '-o', file, '--filas', '100,000');
  expect([run.code, run.err]).toEqual([0, `Escrita la plantilla ${file}. Sus listas desplegables llegan hasta la fila 100,002 de cada hoja.`]);
  const sheet1 = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))['xl/worksheets/sheet4.xml']);
  const ranges = [...sheet1.matchAll(/<dataValidation [^>]*sqref="([A-Z]+)3:([A-Z]+)(\d+)"/g)];
  expect(ranges.length).toBeGreaterThan(0);
  for (const [, from, to, last] of ranges) expect([from, last]).toEqual([to, '100002']);
  expect(fs.statSync(file).size).toBeLessThan(1.01 * fs.statSync(path.join(ROOT, 'templates', 'plantilla-infraestructura-abierta.xlsx')).size);
  // Without --filas, the message says how far they go and names --filas: the test of `template -o` above.
  const bad = await runCli('template', '-o', path.join(dir, 'x.xlsx'), '--filas', '2000000');
  expect([bad.code, bad.err]).toEqual([2, '--filas es cuántas filas de datos de cada hoja llevan listas desplegables: un número entero de 1 a 1,048,574 (se recibió «2000000»).']);
  expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
});

describe('where the output goes: never over an input or a workbook, and said in Spanish', () => {
  test('a folder that does not exist, a folder given as the file, the input itself', async () => {
    const book = path.join(dir, 'libro-propio.xlsx');
    fs.copyFileSync(example('merida'), book);
    const missing = await runCli('convert', book, '-o', path.join(dir, 'no-hay', 'salida.json'));
    expect([missing.code, missing.err]).toEqual([2, 'No existe la carpeta «' + path.join(dir, 'no-hay') + '» donde se escribiría «salida.json». Créela o indique otra ruta con -o.']);
    const folder = await runCli('compile', path.join(dir, 'x.json'), '-o', dir);
    expect(folder.code).toBe(2);
    expect(folder.err).toMatch(/es una carpeta: indique con -o el nombre del archivo/);
    // The name it suggests is one of what the command writes: a backup given «salida.json» was a database named .json.
    const base = path.join(dir, 'base-de-la-carpeta.sqlite');
    await openSqliteStore(base).close();
    const saved = process.env.INFRA_SQLITE;
    process.env.INFRA_SQLITE = base;
    try {
      expect((await runCli('backup', '-o', dir)).err).toBe(`«${dir}» es una carpeta: indique con -o el nombre del archivo, por ejemplo -o ${path.join(dir, 'respaldo.sqlite')}.`);
    } finally {
      if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved;
    }
    expect((await runCli('template', '-o', dir)).err).toBe(`«${dir}» es una carpeta: indique con -o el nombre del archivo, por ejemplo -o ${path.join(dir, 'plantilla.xlsx')}.`);
    const before = fs.readFileSync(book);
    for (const argv of [['convert', book, '-o', book], ['import', book, '-o', book]]) {
      const run = await runCli(...argv);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/es el mismo archivo que se lee: se perdería/);
    }
    expect(fs.readFileSync(book).equals(before)).toBe(true);
  });

  test('template and import do not replace an existing workbook unless asked (--sobrescribir)', async () => {
    const book = path.join(dir, 'capturado.xlsx');
    fs.copyFileSync(example('merida'), book);
    const refused = await runCli('template', '-o', book);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(`Ya existe «${book}»: para no perder lo que tiene, no se reemplaza. Indique otro nombre con -o, o agregue --sobrescribir para reemplazarlo.`);
    expect(fs.readFileSync(book).equals(fs.readFileSync(example('merida')))).toBe(true);
    expect((await runCli('template', '-o', book, '--sobrescribir')).code).toBe(0);
    expect(fs.readFileSync(book).equals(fs.readFileSync(example('merida')))).toBe(false);
    // The workbook open in Excel on Windows: writing over it fails with EBUSY (an EPERM when renamed over), as here.
    // It was «Error inesperado: EBUSY: resource busy or locked», in English.
    const locked = (file: string): Error => Object.assign(new Error(`EBUSY: resource busy or locked, open '${file}'`), { code: 'EBUSY', syscall: 'open', path: file });
    const write = jest.spyOn(jest.requireActual<typeof fs>('fs'), 'writeFileSync').mockImplementationOnce((file) => { throw locked(String(file)); });
    try {
      const busy = await runCli('template', '-o', book, '--sobrescribir');
      expect([busy.code, busy.err]).toEqual([2, `No se pudo escribir «${book}»: el archivo está abierto en otro programa (como Excel) o su usuario no tiene permiso para cambiarlo. Ciérrelo y repita la orden, o indique otro nombre con -o.`]);
    } finally {
      write.mockRestore();
    }
  });

  // compile writes through a partial file renamed over the output, then, when that fails, in place: over a file open in
  // Excel (locked on Windows) both fail, and the second said «Error inesperado: EPERM…», in English.
  test('compile -o over a file it cannot change: said as the other commands say it, nothing left behind', async () => {
    const pkg = path.join(dir, 'entregas-compilar.json');
    fs.writeFileSync(pkg, JSON.stringify({ releases: [{ ocid: 'ocds-abc123-1', id: '1', date: '2024-01-01T00:00:00Z', tag: ['tender'], initiationType: 'tender', tender: { id: '1', title: 'Obra' } }] }));
    const out = path.join(dir, 'registros-abiertos.json');
    fs.writeFileSync(out, 'lo de antes');
    const real = jest.requireActual<typeof fs>('fs');
    const busy = (file: string): Error => Object.assign(new Error(`EBUSY: resource busy or locked, open '${file}'`), { code: 'EBUSY', syscall: 'open', path: file });
    const move = real.renameSync;
    const rename = jest.spyOn(real, 'renameSync').mockImplementation((from, to) => {
      if (String(to) !== out) return move(from, to);
      throw Object.assign(busy(out), { code: 'EPERM', syscall: 'rename', path: String(from) });
    });
    const open = real.openSync;
    const opening = jest.spyOn(real, 'openSync').mockImplementation(((file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
      if (String(file) === out && flags === 'w') throw busy(out);
      return open(file, flags ?? 'r', mode);
    }) as typeof fs.openSync);
    try {
      const run = await runCli('compile', pkg, '-o', out);
      expect([run.code, run.err]).toEqual([2, `No se pudo escribir «${out}»: el archivo está abierto en otro programa (como Excel) o su usuario no tiene permiso para cambiarlo. Ciérrelo y repita la orden, o indique otro nombre con -o.`]);
    } finally {
      rename.mockRestore();
      opening.mockRestore();
    }
    expect(fs.readFileSync(out, 'utf8')).toBe('lo de antes');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('registros-abiertos.json.parcial'))).toEqual([]);
  });

  test('a workbook without the publisher\'s name (no Configuración) converts, and says the package names nobody', async () => {
    const book = path.join(dir, 'sin-configuracion.xlsx');
    await writeXlsx({ sheets: [{ name: 'projects', rows: [['id', 'title'], ['oc4ids-abc123-0001', 'Parque del Centro']] }] }, book);
    const run = await runCli('convert', book, '-o', path.join(dir, 'sin-configuracion.json'));
    expect(run.err).toContain('Aviso: el libro no dice quién publica (hoja «Configuración», «Nombre del publicador»): el paquete saldrá como «Sin nombre de publicador».');
  });

  test('the project package goes next to the release package whatever the extension given', async () => {
    const run = await runCli('convert', example('merida'), '-o', path.join(dir, 'salida.txt'));
    expect(run.err).toContain(`Escrito ${path.join(dir, 'salida-proyectos.json')}`);
    expect(fs.existsSync(path.join(dir, 'salida-proyectos.json'))).toBe(true);
  });

  test('an option the command does not know is named, with the ones it does, and the command runs as before', async () => {
    const run = await runCli('validate', example('merida'), '--jsn');
    expect(run.err).toContain('Aviso: se ignora «--jsn»: «validate» no la conoce. Sus opciones: --json, --todos, --fecha, --publicador.');
    expect(run.out).toContain('Resumen:');
    expect((await runCli('validate', example('merida'), '--json')).err).not.toContain('Aviso: se ignora');
  });

  test('help is only help: nothing is written, no server starts', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const argv of [['template', '--ayuda'], ['serve', '--help'], ['users', '-h'], ['ayuda']]) {
        const run = await runCli(...argv);
        expect([run.code, run.out.split('\n')[0]]).toEqual([0, 'Infraestructura Abierta — herramientas de línea de comandos']);
      }
      expect(fs.existsSync(path.join(dir, 'plantilla-infraestructura-abierta.xlsx'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });

  // The whole text was printed, and an official looked in it for the lines of the command typed.
  test('a command\'s --help prints that command\'s own help; a subcommand\'s, its own', async () => {
    const validate = await runCli('validate', '--help');
    expect(validate.code).toBe(0);
    expect(validate.out).toContain('infra-abierta validate libro.xlsx');
    expect(validate.out).toContain('infra-abierta validate paquete.json');
    expect(validate.out).not.toMatch(/infra-abierta (convert|publishers|serve)/);
    const rebuild = await runCli('publications', 'rebuild-bulk', '--ayuda');
    expect(rebuild.out).toContain('Tras actualizar a una versión nueva');
    expect(rebuild.out).not.toMatch(/publications (list|prune)|infra-abierta validate/);
    // --nube is said where it applies.
    expect(rebuild.out).toContain('Con --nube [--proyecto ID]');
    expect((await runCli('ayuda', 'template')).out).toMatch(/infra-abierta template \[-o plantilla\.xlsx\].*\n\s+\[--filas 10000\]/);
    // No command, or one it does not know: all of it.
    expect((await runCli('--help')).out).toContain('infra-abierta publishers add');
  });
});

describe('import', () => {
  test.each(EXAMPLE_KEYS)('%s packages → .xlsx that converts back to the same documents', async (key) => {
    const first = path.join(dir, `rt-${key}.json`);
    expect((await runCli('convert', example(key), '-o', first, ...FECHA)).code).toBeLessThan(2);
    const book = path.join(dir, `rt-${key}.xlsx`);
    const imported = await runCli('import', first, path.join(dir, `rt-${key}-proyectos.json`), '-o', book);
    expect(imported.code).toBe(0);
    expect(imported.err).toMatch(/Escrito .*rt-.*\.xlsx: \d+ procesos de contratación y \d+ proyectos\./);
    const second = path.join(dir, `rt-${key}-vuelta.json`);
    expect((await runCli('convert', book, '-o', second, ...FECHA)).code).toBeLessThan(2);
    const a = readJson(first);
    const b = readJson(second);
    expect(b.releases).toEqual(a.releases);
    expect(b.publisher).toEqual(a.publisher);
    expect(readJson(path.join(dir, `rt-${key}-vuelta-proyectos.json`)).projects).toEqual(readJson(path.join(dir, `rt-${key}-proyectos.json`)).projects);
    // The Configuración sheet is kept: the package metadata comes back too, and the settings match the example's
    // (the time zone may be an equivalent one: the packages only carry UTC offsets).
    expect([b.license, b.publicationPolicy]).toEqual([a.license, a.publicationPolicy]);
    const settingsOf = async (file: string) => {
      const { timeZone, ...rest } = readSettings((await new XlsxFileSource(file).read()).sheets.find((sh) => sh.name === SETTINGS_SHEET), []);
      return { rest, timeZone };
    };
    const [original, kept] = [await settingsOf(example(key)), await settingsOf(book)];
    expect(kept.rest).toEqual(original.rest);
    expect(kept.rest.ocidPrefix).toMatch(/^ocds-/);
    for (const [y, m, d] of [[2021, 1, 15], [2021, 7, 1], [2024, 7, 1]]) expect(utcOffset(kept.timeZone, y, m, d)).toBe(utcOffset(original.timeZone, y, m, d));
  });

  test('bad packages: missing file, not JSON, no output', async () => {
    expect((await runCli('import', path.join(dir, 'nada.json'), '-o', path.join(dir, 'l.xlsx'))).err).toMatch(/No se encontró el archivo/);
    const notJson = path.join(dir, 'roto.json');
    fs.writeFileSync(notJson, '{"releases": [');
    const run = await runCli('import', notJson, '-o', path.join(dir, 'l.xlsx'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no es JSON válido/);
    // A workbook where a package goes: said so, with the commands that take a workbook.
    const book = path.join(dir, 'libro-capturado.xlsx');
    fs.copyFileSync(example('merida'), book);
    const workbook = await runCli('import', book, '-o', path.join(dir, 'l2.xlsx'));
    expect([workbook.code, workbook.err]).toEqual([2, 'El archivo «libro-capturado.xlsx» es un libro de Excel, no un paquete JSON. Para revisar un libro use «infra-abierta validate libro-capturado.xlsx»; para obtener sus paquetes JSON, «infra-abierta convert libro-capturado.xlsx -o paquete.json».']);
    expect((await runCli('import', notJson)).err).toMatch(/Indique el libro de salida con -o/);
    expect((await runCli('import', notJson, '-o', 'salida.json')).err).toBe('La salida de import es un libro de Excel: su nombre debe terminar en .xlsx (se recibió «salida.json»), por ejemplo: -o libro.xlsx');
  });
});

// Without the server's variables (its environment file not loaded) or from another folder, the default relative
// path made a new, empty database where the command ran: «Aún no hay publicadores», or a key for an account nobody
// serves, and nothing said which database. Said now, with its full path, once; an absolute INFRA_SQLITE is on purpose.
test('a command that created the default database says where, after its own lines; the next run says nothing', async () => {
  const saved = { INFRA_SQLITE: process.env.INFRA_SQLITE, cwd: process.cwd() };
  const elsewhere = path.join(dir, 'otra-carpeta');
  fs.mkdirSync(elsewhere);
  delete process.env.INFRA_SQLITE;
  process.chdir(elsewhere);
  try {
    const first = await runCli('publishers', 'list');
    expect(first.code).toBe(0);
    expect(first.err).toBe(`Aún no hay publicadores. Registre uno con «infra-abierta publishers add <id> --nombre … --entidad … --prefijo-ocid … --prefijo-proyectos … --proyectos N».\nAviso: no había base de datos en «${path.join(elsewhere, '.data', 'infra-abierta.sqlite')}», la predeterminada, sin INFRA_SQLITE: .data/infra-abierta.sqlite dentro de la carpeta desde la que se ejecuta la orden (${elsewhere}); esta orden la creó. Si su servidor ya tiene datos, no es la suya: cargue sus variables (set -a; . /etc/infra-abierta.env; set +a, o el guion infra-abierta de docs/operations.md) y repita la orden.`);
    expect((await runCli('publishers', 'list')).err).not.toMatch(/Aviso/);
  } finally {
    process.chdir(saved.cwd);
    if (saved.INFRA_SQLITE === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved.INFRA_SQLITE;
  }
});

describe('validate --publicador: the registered prefixes of the local database, as the server\'s send checks them', () => {
  const saved = process.env.INFRA_SQLITE;
  afterEach(() => { if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved; });

  test('a workbook whose Configuración states other prefixes is refused for each identifier; an id not registered is said with the registered ones; no database, said, none created', async () => {
    const file = example('merida');
    const mine = publisherOf('merida', await exampleWorkbook('merida'));
    process.env.INFRA_SQLITE = path.join(dir, 'validar-registrados.sqlite');
    const store = openSqliteStore(process.env.INFRA_SQLITE);
    // Registered with prefixes of its own (the sheet's are another's): the send checks these.
    await store.putPublisher({ ...mine, id: 'merida', ocidPrefix: 'ocds-zz9999', projectIdPrefix: 'oc4ids-zz9999' });
    // The sheet's prefixes are another implementer's, registered with nothing published: its processes are looked up.
    await store.putPublisher({ ...mine, id: 'otro', name: 'Otro implementador' });
    await store.close();

    expect((await runCli('validate', file, ...FECHA)).code).toBe(0);
    const registered = await runCli('validate', file, '--publicador', 'merida', ...FECHA, '--json');
    expect(registered.code).toBe(1);
    const findings = JSON.parse(registered.out) as { severity: string; code: string; params?: Record<string, unknown> }[];
    expect(findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    expect(JSON.stringify(findings)).toContain('ocds-zz9999');
    // Not «checked at sending»: checked now, against the registry.
    expect(findings.some((f) => f.code === 'settings.prefixes-checked-at-sending' || f.code === 'link.checkedAtSending')).toBe(false);
    expect(findings.some((f) => f.code === 'link.otherPublisherUnpublished')).toBe(true);

    const unknown = await runCli('validate', file, '--publicador', 'meirda');
    expect([unknown.code, unknown.err]).toEqual([2, 'No existe el publicador «meirda». Publicadores registrados: merida, otro.']);

    process.env.INFRA_SQLITE = path.join(dir, 'no-existe.sqlite');
    const none = await runCli('validate', file, '--publicador', 'merida');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^No hay base de datos local en «.*no-existe\.sqlite» \(SQLITE_PATH\)/);
    expect(fs.existsSync(process.env.INFRA_SQLITE)).toBe(false);
    expect(`${unknown.err}${none.err}${registered.err}`).not.toMatch(STACK_TRACE);
  });
});

describe('users on a temporary SQLite file (INFRA_SQLITE)', () => {
  const saved = process.env.INFRA_SQLITE;
  beforeAll(() => { process.env.INFRA_SQLITE = path.join(dir, 'usuarios.sqlite'); });
  afterAll(() => { if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved; });

  test('add, list, remove', async () => {
    const added = await runCli('users', 'add', '--email', 'Coordinacion@Itait.example', '--rol', 'coordinador', '--entidad', 'Tamaulipas');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Cuenta creada: coordinacion@itait\.example \(coordinador\)/);
    expect(added.out).toMatch(/Clave de acceso \(se muestra una sola vez/);
    // Where the key is used is said with it (this shell has no PUBLIC_BASE_URL: the server's address is not known).
    expect(added.out.split('\n').at(-1)).toBe('Con ella, su titular entra al tablero de este servidor con «Iniciar sesión» («Revisión»).');
    expect((await runCli('users', 'add', '--email', 'admin@infra.example', '--rol', 'admin')).code).toBe(0);
    // Run twice, as a setup script re-run after a failure: the account is there as asked, so it is done (exit 0),
    // and how to get a new key is said; as another role, what the account is and how to change it.
    const rerun = await runCli('users', 'add', '--email', 'admin@infra.example', '--rol', 'admin');
    expect([rerun.code, rerun.out]).toEqual([0, 'La cuenta admin@infra.example (admin) ya existía así; no se cambió nada. Su clave de acceso es la que se mostró al crearla; si la perdió, elimine la cuenta con «infra-abierta users remove --email admin@infra.example» y créela de nuevo: recibirá una clave nueva y la anterior dejará de servir.']);
    const duplicate = await runCli('users', 'add', '--email', 'admin@infra.example', '--rol', 'coordinador', '--entidad', 'Tamaulipas');
    expect([duplicate.code, duplicate.err]).toEqual([2, 'Ya existe una cuenta con el correo admin@infra.example, admin (no coordinador de Tamaulipas). Para cambiarle el rol, el publicador o la entidad, elimínela con «infra-abierta users remove --email admin@infra.example» y créela de nuevo (recibirá una clave nueva).']);
    // An address copied with spaces around it is taken; one that is no address is quoted with what is wrong.
    expect((await runCli('users', 'add', '--email', ' Enlace@Itait.example ', '--rol', 'Admin')).out).toMatch(/^Cuenta creada: enlace@itait\.example \(admin\)\./);
    expect((await runCli('users', 'add', '--email', 'obras tam@itait.example', '--rol', 'admin')).err).toBe('«obras tam@itait.example» no es un correo válido: tiene un espacio. Escríbalo como nombre@institucion.gob.mx.');
    expect((await runCli('users', 'add', '--email', 'obras.itait.example', '--rol', 'admin')).err).toBe('«obras.itait.example» no es un correo válido: le falta la arroba (@). Escríbalo como nombre@institucion.gob.mx.');
    expect((await runCli('users', 'remove', '--email', 'enlace@itait.example')).code).toBe(0);
    expect((await runCli('users', 'add', '--email', 'x@y.example', '--rol', 'capturista', '--publicador', 'no-existe')).err).toMatch(/No existe el publicador «no-existe»\. Aún no hay publicadores: regístrelo antes con «infra-abierta publishers add no-existe …»/);
    expect((await runCli('users', 'add', '--email', 'x@y.example', '--rol', 'jefe')).err).toMatch(/Indique el rol con --rol/);

    // With implementers registered: a misspelt publisher lists the registered ones; a text that names no state is
    // refused; a state none of them is in is said (the account is still created), one written without accents is not.
    for (const [id, state] of [['tampico', 'Tamaulipas'], ['merida', 'Yucatán']]) {
      expect((await runCli('publishers', 'add', id, '--nombre', `Municipio ${id}`, '--entidad', state, '--prefijo-ocid', `ocds-${id.slice(0, 3)}001`, '--prefijo-proyectos', `oc4ids-${id.slice(0, 3)}001`, '--proyectos', '3')).code).toBe(0);
    }
    expect((await runCli('users', 'add', '--email', 'x@y.example', '--rol', 'capturista', '--publicador', 'merda')).err).toMatch(/No existe el publicador «merda»\. Publicadores registrados: merida, tampico\./);
    const misspelt = await runCli('users', 'add', '--email', 'og@yuc.example', '--rol', 'coordinador', '--entidad', 'Yucatam');
    expect([misspelt.code, misspelt.err]).toEqual([2, '«Yucatam» no es una entidad federativa. Escriba una de las 32, por ejemplo «Nuevo León», «Ciudad de México» o «Estado de México».']);
    const unpublished = await runCli('users', 'add', '--email', 'og@cam.example', '--rol', 'coordinador', '--entidad', 'Campeche');
    expect(unpublished.code).toBe(0);
    expect(unpublished.err).toBe('Aviso: ningún publicador registrado es de «Campeche»; esta cuenta no verá envíos hasta que lo haya. Entidades con publicadores: Tamaulipas, Yucatán. (Si registra otras coordinaciones antes que sus publicadores, no se repetirá.)');
    // Said once: the next coordination registered ahead of its implementers (a bootstrap) is not warned again.
    const ahead = await runCli('users', 'add', '--email', 'og@col.example', '--rol', 'coordinador', '--entidad', 'Colima');
    expect([ahead.code, ahead.err]).toEqual([0, '']);
    const unaccented = await runCli('users', 'add', '--email', 'og2@yuc.example', '--rol', 'coordinador', '--entidad', 'yucatan');
    expect([unaccented.code, unaccented.err]).toEqual([0, '']);
    // Stored as the platform writes the state.
    expect((await runCli('users', 'list')).out).toMatch(/og2@yuc\.example\tcoordinador\tYucatán/);
    // A new municipality's official: the key, and where it goes, with the server's address.
    const savedBase = process.env.PUBLIC_BASE_URL;
    process.env.PUBLIC_BASE_URL = 'https://datos.inaip.example/';
    try {
      const official = await runCli('users', 'add', '--email', 'obras@merida.example', '--rol', 'capturista', '--publicador', 'merida');
      expect(official.out.split('\n').at(-1)).toBe('Con ella, su titular entra al tablero en https://datos.inaip.example/#/entrar («Mis envíos»), y en Google Sheets la escribe, con la dirección https://datos.inaip.example, en Extensiones → Infraestructura Abierta → Configurar servidor.');
    } finally { if (savedBase === undefined) delete process.env.PUBLIC_BASE_URL; else process.env.PUBLIC_BASE_URL = savedBase; }
    for (const email of ['og@cam.example', 'og@col.example', 'og2@yuc.example', 'obras@merida.example']) expect((await runCli('users', 'remove', '--email', email)).code).toBe(0);

    const listed = await runCli('users', 'list');
    const [header, ...rows] = listed.out.split('\n');
    expect(header).toBe('id\tcorreo\trol\tpublicador o entidad');
    expect(rows.map((l) => l.split('\t').slice(1).join(' ')).sort()).toEqual(['admin@infra.example admin ', 'coordinacion@itait.example coordinador Tamaulipas']);
    // An option that does not apply to the role is said.
    const ignored = await runCli('users', 'add', '--email', 'og3@yuc.example', '--rol', 'coordinador', '--entidad', 'Yucatán', '--publicador', 'merida');
    expect(ignored.err).toBe('Aviso: se ignora --publicador: una cuenta «coordinador» ve los publicadores de su entidad (--entidad).');
    expect((await runCli('users', 'remove', '--email', 'og3@yuc.example')).code).toBe(0);

    expect((await runCli('users', 'remove', '--email', 'ADMIN@infra.example')).out).toMatch(/Cuenta eliminada: admin@infra\.example/);
    expect((await runCli('users', 'list')).out).not.toMatch(/admin@infra/);
    const gone = await runCli('users', 'remove', '--email', 'admin@infra.example');
    expect([gone.code, gone.err]).toEqual([2, 'No existe una cuenta con el correo admin@infra.example. Vea las cuentas con «infra-abierta users list».']);
    expect((await runCli('users', 'remove')).err).toBe('Indique la cuenta por eliminar: su id, como lo muestra «infra-abierta users list» (infra-abierta users remove ID), o --email correo.');
  });

  test('users remove takes the id «users list» shows first (it answered «Indique la cuenta por eliminar con --email correo»)', async () => {
    await runCli('users', 'add', '--email', 'baja@mer.example', '--rol', 'admin');
    await runCli('users', 'add', '--email', 'otra@mer.example', '--rol', 'admin');
    const idOf = async (email: string): Promise<string> => (await runCli('users', 'list')).out.split('\n').find((l) => l.split('\t')[1] === email)!.split('\t')[0];
    const id = await idOf('baja@mer.example');
    // An id and an e-mail of two different accounts: neither is removed.
    const mixed = await runCli('users', 'remove', id, '--email', 'otra@mer.example');
    expect([mixed.code, mixed.err]).toEqual([2, `«${id}» es la cuenta baja@mer.example, no otra@mer.example: indique solo una de las dos (el id o --email) y revísela con «infra-abierta users list».`]);
    const removed = await runCli('users', 'remove', id);
    expect([removed.code, removed.out]).toEqual([0, 'Cuenta eliminada: baja@mer.example.']);
    const again = await runCli('users', 'remove', id);
    expect([again.code, again.err]).toEqual([2, `No existe una cuenta con el id «${id}». Vea las cuentas con «infra-abierta users list».`]);
    // The e-mail in the id's place is read as the e-mail.
    expect((await runCli('users', 'remove', 'OTRA@mer.example')).out).toBe('Cuenta eliminada: otra@mer.example.');
  });

  test('the last coordinator of a state, or the last official of an implementer, leaves: removed, and what is left undone said', async () => {
    // As the first test left them (each command is idempotent: this test also runs alone).
    for (const [id, state] of [['tampico', 'Tamaulipas'], ['merida', 'Yucatán']]) {
      await runCli('publishers', 'add', id, '--nombre', `Municipio ${id}`, '--entidad', state, '--prefijo-ocid', `ocds-${id.slice(0, 3)}001`, '--prefijo-proyectos', `oc4ids-${id.slice(0, 3)}001`, '--proyectos', '3');
    }
    await runCli('users', 'add', '--email', 'coordinacion@itait.example', '--rol', 'coordinador', '--entidad', 'Tamaulipas');
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const at = '2025-06-30T12:00:00.000Z';
      await store.createSubmission({ id: 'envio-tampico', publisherId: 'tampico', source: { kind: 'xlsx', fileId: 'a'.repeat(64), name: 'obra.xlsx' }, status: 'submitted', history: [{ at, by: 'u1', action: 'submit' }], createdAt: at, updatedAt: at });
    } finally { await store.close(); }
    await runCli('users', 'add', '--email', 'suplente@itait.example', '--rol', 'coordinador', '--entidad', 'Tamaulipas');
    // Another coordinator of the state remains: nothing to say.
    expect(await runCli('users', 'remove', '--email', 'suplente@itait.example')).toEqual({ code: 0, out: 'Cuenta eliminada: suplente@itait.example.', err: '' });
    // Listed state by state, its coordinators before its implementers' officials; --entidad keeps one state's.
    await runCli('users', 'add', '--email', 'a@merida.example', '--rol', 'capturista', '--publicador', 'merida');
    await runCli('users', 'add', '--email', 'z@tampico.example', '--rol', 'capturista', '--publicador', 'tampico');
    await runCli('users', 'add', '--email', 'og@yuc.example', '--rol', 'coordinador', '--entidad', 'Yucatán');
    const rows = (args: string[]) => runCli('users', 'list', ...args).then((r) => r.out.split('\n').slice(1).map((l) => l.split('\t').slice(1).join(' ')));
    expect(await rows([])).toEqual(['coordinacion@itait.example coordinador Tamaulipas', 'z@tampico.example capturista tampico', 'og@yuc.example coordinador Yucatán', 'a@merida.example capturista merida']);
    expect(await rows(['--entidad', 'yucatan'])).toEqual(['og@yuc.example coordinador Yucatán', 'a@merida.example capturista merida']);
    // An implementer's last official leaves: removed, and what that leaves undone said.
    const official = await runCli('users', 'remove', '--email', 'a@merida.example');
    expect([official.code, official.err]).toEqual([0, 'Aviso: «merida» (Municipio merida) se queda sin cuentas que capturen: nadie podrá enviar sus actualizaciones ni recibirá sus recordatorios, y Seguimiento lo seguirá midiendo frente a su compromiso de 3 proyectos. Lo que publicó sigue en la API y en el tablero. Registre a quien lo sustituye con «infra-abierta users add --email … --rol capturista --publicador merida».']);
    for (const email of ['z@tampico.example', 'og@yuc.example']) await runCli('users', 'remove', '--email', email);
    const last = await runCli('users', 'remove', '--email', 'coordinacion@itait.example');
    expect([last.code, last.out]).toEqual([0, 'Cuenta eliminada: coordinacion@itait.example.']);
    expect(last.err).toBe('Aviso: Tamaulipas se queda sin coordinación: nadie revisará los envíos de su implementador. Un envío espera su revisión (Municipio tampico); mientras tanto, una cuenta de administración puede aprobarlo o devolverlo. Registre a quien la sustituye con «infra-abierta users add --email … --rol coordinador --entidad "Tamaulipas"».');
  });
});

describe('publishers add: the guide\'s placeholder prefixes and the options\' own names', () => {
  const saved = process.env.INFRA_SQLITE;
  beforeAll(() => { process.env.INFRA_SQLITE = path.join(dir, 'publicadores.sqlite'); });
  afterAll(() => { if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved; });
  const add = (...extra: string[]) => runCli('publishers', 'add', 'itait', '--nombre', 'Instituto Tamaulipeco de Infraestructura', '--entidad', 'Tamaulipas', '--proyectos', '5', ...extra);

  test('ocds-xxxxxx and oc4ids-xxxxxx (as earlier versions of the guide and the help wrote them) are refused, saying where real ones come from', async () => {
    const ocid = await add('--prefijo-ocid', 'ocds-xxxxxx', '--prefijo-proyectos', 'oc4ids-abc123');
    expect(ocid.code).toBe(2);
    expect(ocid.err).toBe('El prefijo OCID «ocds-xxxxxx» es un ejemplo, no un prefijo real. Cada institución usa el suyo, que asigna la Open Contracting Partnership (registro de prefijos de ocid); regístrelo con ese.');
    const project = await add('--prefijo-ocid', 'ocds-abc123', '--prefijo-proyectos', 'oc4ids-xxxxxx');
    expect(project.code).toBe(2);
    expect(project.err).toMatch(/^El prefijo de proyectos «oc4ids-xxxxxx» es un ejemplo, no un prefijo real\. Use el prefijo que su institución registró para OC4IDS\.$/);
    expect((await runCli('publishers', 'list')).err).toMatch(/Aún no hay publicadores/);
    // A real prefix that merely contains x's is fine.
    expect((await add('--prefijo-ocid', 'ocds-xxxxx1', '--prefijo-proyectos', 'oc4ids-x1x1x1')).code).toBe(0);
  });

  test('a prefix typed in capitals (as a letter wrote it) is registered in lower case, and said', async () => {
    const run = await runCli('publishers', 'add', 'mayus', '--nombre', 'Municipio de Mayúsculas', '--entidad', 'Tamaulipas', '--proyectos', '1', '--prefijo-ocid', 'OCDS-ABC777', '--prefijo-proyectos', 'oc4ids-abc777');
    expect([run.code, run.err]).toEqual([0, 'Nota: prefijo OCID «OCDS-ABC777» registrado como «ocds-abc777», en minúsculas, como se escriben los identificadores OCDS y OC4IDS.']);
    expect((await runCli('publishers', 'list')).out).toContain('mayus\tMunicipio de Mayúsculas\tTamaulipas\tocds-abc777\toc4ids-abc777\t');
    await runCli('publishers', 'remove', 'mayus');
  });

  test('the help, the usage message and the guide write the prefixes as placeholders, never as a value the CLI refuses', async () => {
    const help = (await runCli('help')).out;
    const usage = (await runCli('publishers', 'add')).err;
    const guide = fs.readFileSync(path.join(ROOT, 'docs', 'deploy.md'), 'utf8');
    for (const text of [help, usage, guide]) {
      const line = text.split('\n').find((l) => l.includes('--prefijo-ocid')) ?? '';
      const ocid = /--prefijo-ocid (\S+)/.exec(line)?.[1];
      const project = /--prefijo-proyectos (\S+)/.exec(line)?.[1];
      // Placeholders as the help writes ID or URL (the guide: <PROYECTO>), which no one mistakes for a prefix to type.
      expect([ocid, project]).toEqual(text === guide ? ['<PREFIJO_OCID>', '<PREFIJO_OC4IDS>'] : ['PREFIJO_OCID', 'PREFIJO_OC4IDS']);
      expect(text).not.toMatch(/ocds-x{6}|oc4ids-x{6}/);
    }
    // And what they stand for is said.
    expect(help).toMatch(/PREFIJO_OCID: «ocds-» y 6 letras minúsculas o números/);
  });

  test('a wrong value is named by the option that was typed (--orden), not by the API\'s field', async () => {
    const run = await add('--prefijo-ocid', 'ocds-abc124', '--prefijo-proyectos', 'oc4ids-abc124', '--orden', 'state');
    expect([run.code, run.err]).toEqual([2, '«--orden» debe ser uno de: municipal, estatal, federal, autonomo.']);
    const missing = await runCli('publishers', 'add', 'otro', '--entidad', 'Tamaulipas', '--prefijo-ocid', 'ocds-abc125', '--prefijo-proyectos', 'oc4ids-abc125');
    expect(missing.err).toBe('Falta «nombre» (--nombre).');
    // A list of publishers (an export) is not one publisher missing its name: what the file must hold is said.
    const list = path.join(dir, 'publicadores.json');
    fs.writeFileSync(list, JSON.stringify([{ name: 'A', state: 'Tamaulipas' }, { name: 'B', state: 'Tamaulipas' }]));
    const many = await runCli('publishers', 'add', 'otro', '--archivo', list);
    expect([many.code, many.err]).toEqual([2, `El archivo «${list}» contiene una lista de 2 elementos, no un publicador: --archivo lleva los datos de uno solo, como un objeto {"name": …, "state": …, "ocidPrefix": …, "projectIdPrefix": …, "commitment": {"projects": N}}, y su identificador va en la orden. Para registrar varios, use un archivo por publicador: «infra-abierta publishers add <id> --archivo publicador.json» para cada uno.`]);
    // A prefix mistyped in a re-registration of one that has published is refused, and the way to correct a wrong one said.
    expect((await add('--prefijo-ocid', 'ocds-xxxxx1', '--prefijo-proyectos', 'oc4ids-x1x1x1')).code).toBe(0);
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      await store.createPublication({ id: 'itait-1', publisherId: 'itait', contentHash: 'h', createdAt: '2025-06-30T12:00:00.000Z' });
    } finally { await store.close(); }
    const retyped = await add('--prefijo-ocid', 'ocds-xxxxx2', '--prefijo-proyectos', 'oc4ids-x1x1x1');
    expect([retyped.code, retyped.err]).toEqual([2, 'No se cambia el prefijo OCID «ocds-xxxxx1» por «ocds-xxxxx2» de «itait» (Instituto Tamaulipeco de Infraestructura): ya publicó datos con él: los identificadores publicados lo llevan, y no cambian. Con otro prefijo, sus envíos siguientes se rechazarían. Regístrelo de nuevo con el prefijo de antes; si se trata de otra institución, regístrela con otro identificador de publicador. Solo si el prefijo registrado estaba mal y debe corregirse aunque cambien los identificadores de lo que publique en adelante, repita la orden con --cambiar-prefijo.']);
    expect((await runCli('publishers', 'add', '--cambiar-prefijo', 'itait', '--nombre', 'Instituto Tamaulipeco de Infraestructura', '--entidad', 'Tamaulipas', '--prefijo-ocid', 'ocds-xxxxx2', '--prefijo-proyectos', 'oc4ids-x1x1x1')).out.split('\n')[1]).toBe('Cambios: prefijo OCID «ocds-xxxxx1» → «ocds-xxxxx2».');
    const capitals = await runCli('publishers', 'add', 'Otro', '--nombre', 'Otro', '--entidad', 'Tamaulipas', '--prefijo-ocid', 'ocds-abc125', '--prefijo-proyectos', 'oc4ids-abc125', '--proyectos', '1');
    expect([capitals.code, capitals.err]).toEqual([2, 'El identificador del publicador «Otro» solo admite minúsculas, números y guiones (2 a 63 caracteres): escriba «otro».']);
  });
});

describe('publishers add: the commitment is the implementer\'s, never assumed', () => {
  const saved = process.env.INFRA_SQLITE;
  beforeAll(() => { process.env.INFRA_SQLITE = path.join(dir, 'compromisos.sqlite'); });
  afterAll(() => { if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved; });
  const registration = ['--entidad', 'Yucatán', '--prefijo-ocid', 'ocds-prg001', '--prefijo-proyectos', 'oc4ids-prg001'];

  test('without --proyectos nothing is registered and the message says what to give; given, it is said and listed (by state with --entidad); an update keeps it', async () => {
    const missing = await runCli('publishers', 'add', 'progreso', '--nombre', 'Municipio de Progreso', ...registration);
    expect([missing.code, missing.err]).toEqual([2, 'Falta el compromiso de proyectos (--proyectos): cuántos proyectos se comprometió a publicar el implementador, de 0 a 5.']);
    expect((await runCli('publishers', 'list')).err).toMatch(/Aún no hay publicadores/);
    const typo = await runCli('publishers', 'add', 'progreso', '--nombre', 'Municipio de Progreso', ...registration, '--proyectos', 'tres');
    expect([typo.code, typo.err]).toEqual([2, 'El compromiso de proyectos (--proyectos) debe ser un entero de 0 a 5; se recibió «tres».']);

    const added = await runCli('publishers', 'add', 'progreso', '--nombre', 'Municipio de Progreso', ...registration, '--proyectos', '3');
    expect([added.code, added.out]).toEqual([0, 'Publicador registrado: progreso — Municipio de Progreso (Yucatán). Compromiso: 3 proyectos, actualización cada 90 días.']);
    // Registering it again to change its name keeps the commitment it had (it was reset to 5 projects and 90 days).
    // What changed is said: the same id typed for another institution replaced it unseen.
    expect((await runCli('publishers', 'add', 'progreso', '--nombre', 'H. Ayuntamiento de Progreso', ...registration, '--periodicidad', '30')).out)
      .toBe('Publicador actualizado: progreso — H. Ayuntamiento de Progreso (Yucatán). Compromiso: 3 proyectos, actualización cada 30 días.\nCambios: nombre «Municipio de Progreso» → «H. Ayuntamiento de Progreso»; periodicidad 90 → 30 días.');
    // The licence and the policy are kept when not retyped (a prefix mended with --cambiar-prefijo cleared them, and
    // the next publication went out without a licence); given empty, one is removed.
    await runCli('publishers', 'add', 'progreso', '--nombre', 'H. Ayuntamiento de Progreso', ...registration, '--licencia', 'https://creativecommons.org/licenses/by/4.0/', '--politica', 'https://progreso.example/politica');
    expect((await runCli('publishers', 'add', 'progreso', '--nombre', 'H. Ayuntamiento de Progreso', ...registration)).out).toMatch(/^Publicador sin cambios/);
    expect((await runCli('publishers', 'add', 'progreso', '--nombre', 'H. Ayuntamiento de Progreso', ...registration, '--politica', '')).out.split('\n')[1])
      .toBe('Cambios: política «https://progreso.example/politica» → (sin dato).');
    // The same command run twice changes nothing, and says so.
    expect((await runCli('publishers', 'add', 'progreso', '--nombre', 'H. Ayuntamiento de Progreso', ...registration)).out).toBe('Publicador sin cambios: progreso — H. Ayuntamiento de Progreso (Yucatán). Compromiso: 3 proyectos, actualización cada 30 días.');
    const moved = await runCli('publishers', 'add', 'progreso', '--nombre', 'H. Ayuntamiento de Progreso', ...registration.map((v) => (v === 'Yucatán' ? 'Campeche' : v)));
    expect(moved.out.split('\n')[1]).toBe('Cambios: entidad «Yucatán» → «Campeche» (desde ahora lo revisa la coordinación de Campeche, también sus envíos pendientes).');
    expect(moved.err).toBe('Aviso: Campeche aún no tiene coordinación: nadie revisará los envíos de «progreso» hasta que la haya. Regístrela con «infra-abierta users add --email … --rol coordinador --entidad "Campeche"».');
    await runCli('publishers', 'add', 'progreso', '--nombre', 'H. Ayuntamiento de Progreso', ...registration);
    const listed = (await runCli('publishers', 'list')).out.split('\n');
    expect(listed).toEqual(['id\tnombre\tentidad\tprefijo OCID\tprefijo de proyectos\tcompromiso', 'progreso\tH. Ayuntamiento de Progreso\tYucatán\tocds-prg001\toc4ids-prg001\t3 proyectos, actualización cada 30 días']);
    // A state's implementers, as `users list --entidad` gives its accounts (accents and case aside): the option was
    // ignored without a word, and the whole country came back for a count of one state.
    await runCli('publishers', 'add', 'kanasin', '--nombre', 'Municipio de Kanasín', '--entidad', 'Campeche', '--prefijo-ocid', 'ocds-kan001', '--prefijo-proyectos', 'oc4ids-kan001', '--proyectos', '1');
    expect((await runCli('publishers', 'list', '--entidad', 'yucatan')).out.split('\n').slice(1).map((l) => l.split('\t')[0])).toEqual(['progreso']);
    const none = await runCli('publishers', 'list', '--entidad', 'Sonora');
    expect([none.code, none.out, none.err]).toEqual([0, '', 'Ningún publicador registrado es de Sonora. Entidades con publicadores: Campeche, Yucatán.']);
    const unknown = await runCli('publishers', 'list', '--entidad', 'Yucatam');
    expect([unknown.code, unknown.out]).toEqual([2, '']);
  });
});

describe('publishers remove: a registration made by mistake goes; one with data, submissions or accounts stays', () => {
  const saved = process.env.INFRA_SQLITE;
  beforeAll(() => { process.env.INFRA_SQLITE = path.join(dir, 'quitar.sqlite'); });
  afterAll(() => { if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved; });

  test('remove', async () => {
    const add = (id: string, prefix: string) => runCli('publishers', 'add', id, '--nombre', `Municipio ${id}`, '--entidad', 'Yucatán', '--prefijo-ocid', `ocds-${prefix}`, '--prefijo-proyectos', `oc4ids-${prefix}`, '--proyectos', '2');
    expect((await add('progresso', 'prg001')).code).toBe(0);
    expect((await add('uman', 'uma001')).code).toBe(0);
    expect((await runCli('users', 'add', '--email', 'obras@uman.example', '--rol', 'capturista', '--publicador', 'uman')).code).toBe(0);

    const typo = await runCli('publishers', 'remove', 'progreso');
    expect([typo.code, typo.err]).toEqual([2, 'No existe el publicador «progreso». Publicadores registrados: progresso, uman.']);
    const used = await runCli('publishers', 'remove', 'uman');
    expect([used.code, used.err]).toEqual([2, 'No se elimina «uman» (Municipio uman): la cuenta «obras@uman.example» captura para él. Elimínelas antes con «infra-abierta users remove --email …».']);
    // Sends all withdrawn or returned still keep their workbook and history under its id: refused, saying how many,
    // in which situation, and what to do instead; one still awaiting review is said too.
    expect((await add('kanasin', 'kan001')).code).toBe(0);
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const at = '2025-06-30T12:00:00.000Z';
      for (const [id, status] of [['k1', 'withdrawn'], ['k2', 'withdrawn'], ['k3', 'returned']] as const) {
        await store.createSubmission({ id, publisherId: 'kanasin', source: { kind: 'xlsx', fileId: id }, status, history: [{ at, by: 'u', action: 'submitted' }], createdAt: at, updatedAt: at });
      }
    } finally { await store.close(); }
    const sent = await runCli('publishers', 'remove', 'kanasin');
    expect([sent.code, sent.err]).toEqual([2, 'No se elimina «kanasin» (Municipio kanasin): tiene 3 envíos (Retirado: 2, Devuelto con comentarios: 1), que se conservan con su libro, sus comentarios y su historial bajo este identificador, aunque estén retirados o devueltos; sin él quedarían sin publicador. Déjelo registrado: para corregir su nombre, entidad u otros datos, regístrelo de nuevo con «infra-abierta publishers add kanasin …».']);
    const again = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      const at = '2025-07-01T12:00:00.000Z';
      await again.createSubmission({ id: 'k4', publisherId: 'kanasin', source: { kind: 'xlsx', fileId: 'k4' }, status: 'submitted', history: [{ at, by: 'u', action: 'submitted' }], createdAt: at, updatedAt: at });
    } finally { await again.close(); }
    expect((await runCli('publishers', 'remove', 'kanasin')).err).toMatch(/: tiene 4 envíos \(.*En revisión: 1.*\).* Uno espera revisión: la coordinación de Yucatán lo decide desde el complemento\.$/);
    const removed = await runCli('publishers', 'remove', 'progresso');
    expect([removed.code, removed.out]).toEqual([0, 'Publicador eliminado: progresso — Municipio progresso (Yucatán).']);
    expect((await runCli('publishers', 'list')).out.split('\n').slice(1).map((l) => l.split('\t')[0])).toEqual(['kanasin', 'uman']);
    // Its prefixes are free again, for the registration with the right id.
    expect((await add('progreso', 'prg001')).code).toBe(0);
  });

  test('one that published stays: its data is still served', async () => {
    process.env.INFRA_SQLITE = path.join(dir, 'quitar-publicado.sqlite');
    expect((await runCli('publish', path.join(ROOT, 'templates', 'examples', 'merida.xlsx'), '--publicador', 'merida')).code).toBe(0);
    const refused = await runCli('publishers', 'remove', 'merida');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^No se elimina «merida» \(Municipio de Mérida\): ya publicó datos, que siguen en la API y en el tablero\./);
    process.env.INFRA_SQLITE = path.join(dir, 'quitar.sqlite');
  });
});

describe('backup: a whole copy of the database while the server runs', () => {
  const saved = process.env.INFRA_SQLITE;
  afterAll(() => { if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved; });

  test('what is still in the write-ahead log is in the copy (a `cp` of the file while the server ran had no tables)', async () => {
    const file = path.join(dir, 'en-marcha.sqlite');
    process.env.INFRA_SQLITE = file;
    const running = openSqliteStore(file); // the server's connection, kept open: its writes stay in …-wal
    try {
      await running.putPublisher(samplePublisher('progreso', 'Yucatán'));
      const out = path.join(dir, 'respaldo.sqlite');
      const run = await runCli('backup', '-o', out);
      expect(run.code).toBe(0);
      expect(run.err).toMatch(/^Copia de la base escrita en .*respaldo\.sqlite \(\d+\.\d MB\)\. Para restaurarla, detenga el servidor/);
      // With the owner the server needs (a copy restored by root with cp did not start): here, this process's.
      const me = os.userInfo().username;
      expect(run.err).toContain(`y póngala en lugar de ${file}, con el dueño que tiene la base: install -o ${me} -g `);
      expect(run.err).toContain(` -m 640 ${out} ${file} (con otro dueño el servidor no arranca).`);
      // One file, in no WAL mode: nothing of it lives beside it.
      const raw = new Database(out, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
      raw.close();
      const copy = openSqliteStore(out);
      expect((await copy.getPublisher('progreso'))?.name).toBe('Implementador progreso');
      await copy.close();
      expect((await runCli('backup', '-o', out)).err).toMatch(/^Ya existe «.*respaldo\.sqlite»/);
      expect((await runCli('backup')).err).toBe('Indique el archivo de la copia con -o, por ejemplo: -o respaldo-2025-01-31.sqlite');
      expect((await runCli('backup', '-o', file, '--sobrescribir')).err).toMatch(/es el mismo archivo que se lee/);
    } finally {
      await running.close();
    }
  });

  test('the copy\'s disk fills up: said so, exit 3, and nothing of the copy is left beside it', async () => {
    await buildCli();
    const file = path.join(dir, 'a-respaldar.sqlite');
    const made = openSqliteStore(file);
    try { await made.putPublisher(samplePublisher('lleno', 'Yucatán')); } finally { await made.close(); }
    const place = fs.mkdtempSync(path.join(dir, 'disco-lleno-'));
    const out = path.join(place, 'respaldo.sqlite');
    // A disk that takes 64 KB more: `ulimit -f` (in KB) makes every larger write fail as a full disk does (EFBIG).
    const run = spawnSync('/bin/sh', ['-c', `ulimit -f 64; exec "${process.execPath}" "${path.join(ROOT, 'dist', 'cli.js')}" backup -o "${out}"`], { encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file } });
    expect({ status: run.status, err: run.stderr.trim() }).toEqual({ status: 3, err: expect.stringMatching(new RegExp(`^No se pudo escribir la copia en «${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}»: .*Libere espacio en ese disco o indique otro lugar con -o; no quedó ninguna copia a medias\\.$`)) });
    expect(fs.readdirSync(place)).toEqual([]);
  });
});

/**
 * The options that run the built CLI as a user who may not write where the test closes: the test's own user, or, for
 * root (who may write anywhere), «nobody» — undefined when nobody cannot read the build (a clone in /root), where the
 * two tests below cannot be made.
 */
function withoutWritePermission(): { uid?: number; gid?: number } | undefined {
  if (process.getuid?.() !== 0) return {};
  // Asked once for both tests (a Node process each time, for the same answer).
  if (nobodyReadsBuild === undefined) {
    const readable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(ROOT, 'dist', 'cli.js'))})`], { uid: 65534, gid: 65534 });
    nobodyReadsBuild = readable.status === 0;
  }
  return nobodyReadsBuild ? { uid: 65534, gid: 65534 } : undefined;
}
let nobodyReadsBuild: boolean | undefined;

// The commands run as the server's own user (docs/operations.md): `backup -o respaldo.sqlite` typed in /root or /
// ended in «Error inesperado: unable to open database file», exit 3. Root may write anywhere, so as root the CLI runs as
// «nobody»; otherwise the folder is made read-only.
test('backup -o into a folder the user may not write: said in Spanish with the folder and the user, exit 2, before any copy', async () => {
  await buildCli();
  const place = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-sin-permiso-'));
  try {
    const file = path.join(place, 'base.sqlite');
    const made = openSqliteStore(file);
    try { await made.putPublisher(samplePublisher('permiso', 'Yucatán')); } finally { await made.close(); }
    const closed = path.join(place, 'ajena');
    fs.mkdirSync(closed);
    fs.chmodSync(place, 0o755);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(closed, 0o555);
    const as = withoutWritePermission();
    if (as === undefined) return;
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'backup', '-o', path.join(closed, 'respaldo.sqlite')], {
      encoding: 'utf8', ...as, env: { ...process.env, METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^No se puede escribir en la carpeta «[^»]+»: el usuario con el que se ejecuta esta orden \(«[^»]+»\) no tiene permiso\. Indique con -o/);
    expect(run.stderr).toContain(`«${closed}»`);
    expect(fs.readdirSync(closed)).toEqual([]);
  } finally {
    fs.chmodSync(path.join(place, 'ajena'), 0o755);
    fs.rmSync(place, { recursive: true, force: true });
  }
});

// The commands run as the server's own user (docs/operations.md): a workbook left in a folder that user cannot enter
// (/root) was «No se encontró el archivo», and a package only root could read, «No se pudo escribir en el disco… df -h…
// INFRA_SQLITE», exit 3: both sent the person looking at the wrong thing.
test('validate or import a file the user may not read (its folder closed, or the file): the path and the user said, exit 2', async () => {
  await buildCli();
  const place = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-sin-lectura-'));
  try {
    const closed = path.join(place, 'cerrada');
    fs.mkdirSync(closed);
    fs.copyFileSync(path.join(ROOT, 'templates', 'examples', 'merida.xlsx'), path.join(closed, 'libro.xlsx'));
    const hidden = path.join(place, 'paquete.json');
    fs.writeFileSync(hidden, '{"releases": []}');
    fs.chmodSync(hidden, 0o000);
    fs.chmodSync(closed, 0o000);
    fs.chmodSync(place, 0o777);
    const as = withoutWritePermission();
    if (as === undefined) return;
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', ...as, env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
    const refused = (file: string) => new RegExp(`^No se puede leer «${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}»: el usuario con el que se ejecuta esta orden \\(«[^»]+»\\) no tiene permiso sobre el archivo o sobre una de sus carpetas\\.`);
    for (const [args, file] of [[['validate', path.join(closed, 'libro.xlsx')], path.join(closed, 'libro.xlsx')], [['import', hidden, '-o', path.join(place, 'libro.xlsx')], hidden]] as const) {
      const r = run(...args);
      expect({ args, status: r.status, err: r.stderr }).toEqual({ args, status: 2, err: expect.stringMatching(refused(file)) });
    }
  } finally {
    fs.chmodSync(path.join(place, 'cerrada'), 0o755);
    fs.rmSync(place, { recursive: true, force: true });
  }
});

// Built by root under a umask of 027 (hardened servers), the build is there but the server's user cannot read it:
// bin/infra-abierta.js said «Falta construir la herramienta», and building again changed nothing.
test('bin/infra-abierta.js with a build its user may not read: says so, with the chmod, not «Falta construir»', () => {
  const place = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-umask-'));
  try {
    for (const folder of ['bin', 'dist']) fs.mkdirSync(path.join(place, folder));
    fs.copyFileSync(path.join(ROOT, 'bin', 'infra-abierta.js'), path.join(place, 'bin', 'infra-abierta.js'));
    fs.writeFileSync(path.join(place, 'dist', 'cli.js'), '');
    fs.chmodSync(path.join(place, 'dist'), 0o000);
    fs.chmodSync(place, 0o755);
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, [path.join(place, 'bin', 'infra-abierta.js'), 'publishers', 'list'], { encoding: 'utf8', ...as });
    expect({ status: run.status, err: run.stderr }).toEqual({ status: 2, err: expect.stringMatching(/^El usuario «[^»]+» no puede leer la herramienta ya construida \(«[^»]+dist\/cli\.js»\): .*«chmod -R o\+rX \.»/) });
  } finally {
    fs.chmodSync(path.join(place, 'dist'), 0o755);
    fs.rmSync(place, { recursive: true, force: true });
  }
});

// A backup restored (or moved into place) as root, for a server that runs as its own user: «Revise … los permisos»
// said neither whose nor how.
test('a database the user may not write (restored as root): the user named and the chown to give it, exit 2', async () => {
  await buildCli();
  const place = fs.mkdtempSync(path.join(os.tmpdir(), 'ia-restaurada-'));
  try {
    const file = path.join(place, 'base.sqlite');
    const made = openSqliteStore(file);
    try { await made.putPublisher(samplePublisher('restaurada', 'Yucatán')); } finally { await made.close(); }
    fs.chmodSync(file, 0o444);
    fs.chmodSync(place, 0o555);
    const as = withoutWritePermission();
    if (as === undefined) return;
    const root = as.uid !== undefined;
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'publishers', 'list'], {
      encoding: 'utf8', ...as, env: { ...process.env, METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^No se pudo abrir la base de datos «[^»]+» \(variable INFRA_SQLITE\): el usuario con el que se ejecuta \(«([^»]+)»\) no tiene permiso para escribirla\. Si la restauró, copió o movió como root, désela a ese usuario \(chown \1: /);
    expect(run.stderr).toContain(`chown ${root ? 'nobody' : os.userInfo().username}: ${file},`);
  } finally {
    fs.chmodSync(place, 0o755);
    fs.rmSync(place, { recursive: true, force: true });
  }
});

describe('--nube without Application Default Credentials: a Spanish message telling how to sign in', () => {
  const names = ['GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_CONFIG', 'FIRESTORE_EMULATOR_HOST', 'METADATA_SERVER_DETECTION'] as const;
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  beforeAll(() => {
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    delete process.env.FIRESTORE_EMULATOR_HOST;
    // gcloud's folder, empty: no application_default_credentials.json; and no metadata server (no network).
    process.env.CLOUDSDK_CONFIG = fs.mkdtempSync(path.join(dir, 'gcloud-'));
    process.env.METADATA_SERVER_DETECTION = 'none';
  });
  afterAll(() => { for (const n of names) { if (saved[n] === undefined) delete process.env[n]; else process.env[n] = saved[n]; } });

  test('users list --nube: exit 2 (a configuration error), «gcloud auth application-default login», no English', async () => {
    const run = await runCli('users', 'list', '--nube', '--proyecto', 'demo-sin-credenciales');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^No se encontraron credenciales de Google Cloud para usar --nube\. Inicie sesión con «gcloud auth application-default login»/);
    expect(run.err).not.toMatch(/Error inesperado|Could not load/);
  });

  test('only that error is translated', async () => {
    const { cloudCredentialsError } = await import('../../functions/src/cli/cloud-store-errors');
    expect(cloudCredentialsError(new Error('Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.'))?.message).toMatch(/gcloud auth application-default login/);
    expect(cloudCredentialsError(new Error('7 PERMISSION_DENIED: Missing or insufficient permissions.'))).toBeUndefined();
  });
});

test('publish of data too large for the store: refused at validation on its cell (R-51), never a store error in English', async () => {
  const saved = process.env.INFRA_SQLITE;
  process.env.INFRA_SQLITE = path.join(dir, 'publicar-grande.sqlite');
  try {
    const header = ['id', 'title', 'type', 'status', 'period/startDate', 'period/endDate', 'budget/amount/amount', 'budget/amount/currency', 'sector', 'description', 'period/durationInDays'];
    const row = ['oc4ids-abc123-0001', 'Parque del Centro', 'construction', 'implementation', new Date('2024-01-15T00:00:00Z'), new Date('2024-12-31T00:00:00Z'), 5000000, 'MXN', 'education', 'Rehabilitación del parque. '.repeat(45_000), '351 días'];
    const file = path.join(dir, 'grande.xlsx');
    await writeXlsx({ sheets: [
      { name: 'Configuración', rows: [['Parámetro', 'Valor', 'clave'], ['Nombre del publicador', 'Municipio de Prueba', 'publisherName'], ['Prefijo OCID', 'ocds-abc123', 'ocidPrefix'], ['Prefijo de proyectos', 'oc4ids-abc123', 'projectIdPrefix']] },
      { name: 'projects', rows: [header, row] },
    ] }, file);
    const run = await runCli('publish', file, '--publicador', 'prueba');
    // The text-length rule is sized so that nothing validated can outgrow a stored document: the official
    // learns which cell to shorten before anything is written.
    expect(run.code).toBe(1);
    // The same report as validate's: by sheet and cell, with the count before the verdict.
    expect(run.err).toMatch(/^Hoja «projects» — 1 error/m);
    expect(run.err).toMatch(/ {2}J2 \(description\): Error — .*el máximo es/);
    // Its avisos («351 días» read as 351, and the like) are left to validate's list, but counted as validate counts them:
    // «0 avisos» read as if there were none.
    const avisos = /, (\d+) avisos?\./.exec((await runCli('validate', file)).out)?.[1];
    expect(Number(avisos)).toBeGreaterThan(0);
    expect(run.err).toMatch(new RegExp(`Resumen: 1 error, \\d+ advertencias?, ${avisos} avisos? \\(${avisos === '1' ? 'el aviso no se lista aquí: véalo' : 'los avisos no se listan aquí: véalos'} con «infra-abierta validate»\\)\\.\\nNo se publicó`));
    expect(run.err).not.toMatch(/351 días/);
    expect(run.err).not.toMatch(/bytes|exceeds|projects \[|Error inesperado/);
    expect(run.err).not.toMatch(STACK_TRACE);
    // Nor is the publisher its Configuración describes registered: a refused workbook registered it anyway, with the
    // name and prefixes of a workbook with errors, which a corrected one then could not change.
    expect(run.err).not.toMatch(/registrado/);
    const store = openSqliteStore(process.env.INFRA_SQLITE as string);
    try {
      expect(await store.getPublisher('prueba')).toBeUndefined();
    } finally {
      await store.close();
    }
  } finally {
    if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved;
  }
});

test('smoke: the built dist/cli.js runs as a child process', async () => {
  await buildCli();
  const cli = path.join(ROOT, 'dist', 'cli.js');
  expect(fs.existsSync(cli)).toBe(true);
  const out = path.join(dir, 'smoke.json');
  // Issue 17: an engine command loads its own bundle and only the compiled validators it uses — never the full
  // CLI (store, server, backend packages) nor the other validators (4 MB of the old single bundle). Each run is the
  // command as typed, only with the list of the modules it loaded printed at exit (after a line «@@M»).
  const loaded = (...args: string[]): { status: number | null; stderr: string; modules: string[] } => {
    const run = spawnSync(process.execPath, ['-e', 'process.on("exit",()=>process.stderr.write("@@M "+JSON.stringify(Object.keys(require("module")._cache))+"\\n"));require(process.argv[1])', cli, ...args], { encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
    const line = /@@M (.*)/.exec(run.stderr);
    expect(line).not.toBeNull();
    return { status: run.status, stderr: run.stderr.slice(0, run.stderr.lastIndexOf('@@M ')), modules: (JSON.parse((line as RegExpExecArray)[1]) as string[]).map((f) => path.relative(ROOT, f)) };
  };
  // The conversion that the later commands read, in the run that lists what `convert` loads.
  const ok = loaded('convert', example('merida'), '-o', out);
  expect(ok.stderr).not.toMatch(STACK_TRACE);
  expect(ok.status).toBe(0);
  expect(schemaErrors('releasePackage', readJson(out))).toEqual([]);
  const bad = spawnSync(process.execPath, [cli, 'validate', path.join(dir, 'no-existe.xlsx')], { encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(bad.stderr.trim()).toBe(`No se encontró el archivo «${path.join(dir, 'no-existe.xlsx')}».`);
  expect(bad.stdout).toBe('');
  // `validate libro.xlsx > informe.txt`: the report lands in the file, the terminal stays quiet.
  const small = path.join(dir, 'pequeno.xlsx');
  // With amounts as officials type them (core/unflatten/amount-forms.ts), read by the built engine bundle as in core.
  await writeXlsx(contratacionesWorkbook({ ocid: 'ocds-abc123-0001', 'tender/id': 'T-1', 'tender/value/amount': 'mucho dinero', 'tender/minValue/amount': "MXN 1'234,567.89", 'planning/budget/amount/amount': '1.234' }), small);
  const report = path.join(dir, 'informe.txt');
  const redirected = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${cli}" validate "${small}" > "${report}"`], { encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
  expect(redirected.status).toBe(1);
  expect(redirected.stderr).toBe('');
  expect(fs.readFileSync(report, 'utf8')).toMatch(/«mucho dinero» no es un número[^]*\nResumen: (?:1 error|\d+ errores), (?:1 advertencia|\d+ advertencias), (?:1 aviso|\d+ avisos)\.\n$/);
  expect(fs.readFileSync(report, 'utf8')).toContain('Aviso — «MXN 1\'234,567.89» se leyó como $1,234,567.89, en la moneda de la columna «Moneda del monto mínimo». La moneda va en su propia columna: en esta basta la cantidad, 1,234,567.89.');
  expect(fs.readFileSync(report, 'utf8')).toContain('Advertencia — «1.234» se leyó con punto decimal: $1.234, menos de $2.00. ¿Quiso decir $1,234.00?');
  const forPackage = loaded('validate', out, '--json').modules;
  expect(forPackage.filter((f) => f.startsWith('dist')).sort()).toEqual(['dist/cli-engine.js', 'dist/cli.js', 'dist/validators/all.js']);
  const forWorkbook = ok.modules;
  expect(forWorkbook).toContain('dist/cli-engine.js');
  expect(forWorkbook).not.toContain('dist/cli-main.js');
  expect(forWorkbook.filter((f) => /node_modules[\\/](firebase-admin|googleapis|express|exceljs|better-sqlite3)[\\/]/.test(f))).toEqual([]);
  // compile: its own small bundle (the merge engine), not the engine's (workbook reader, templates, validators).
  const forCompile = loaded('compile', out, '-o', path.join(dir, 'smoke-registros.json')).modules;
  expect(forCompile.filter((f) => f.startsWith('dist')).sort()).toEqual(['dist/cli-compile.js', 'dist/cli.js']);
  expect(forCompile.filter((f) => /node_modules[\\/](firebase-admin|googleapis|express|exceljs|better-sqlite3|ajv)[\\/]/.test(f))).toEqual([]);
  // `npm start` is `node dist/cli.js serve`: a store that cannot be opened must fail the process, not look like success.
  const notDb = path.join(dir, 'smoke-no-es-base.sqlite');
  fs.writeFileSync(notDb, 'texto, no una base de datos '.repeat(40));
  const serve = spawnSync(process.execPath, [cli, 'serve', '--puerto', '0'], { encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: notDb } });
  expect(serve.status).toBe(1);
  expect(serve.stderr).toMatch(/No se pudo abrir la base de datos/);
  expect(serve.stdout).not.toMatch(/Tablero y API en/);
});

describe('serve that cannot start: a Spanish message, a non-zero exit and no success line', () => {
  const saved = process.env.INFRA_SQLITE;
  afterEach(() => { if (saved === undefined) delete process.env.INFRA_SQLITE; else process.env.INFRA_SQLITE = saved; });

  test('the port is taken by another program', async () => {
    process.env.INFRA_SQLITE = path.join(dir, 'serve-ocupado.sqlite');
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const run = await runCli('serve', '--puerto', String(port));
      expect(run.code).not.toBe(0);
      expect(run.err).toContain(`El puerto ${port} ya está en uso en 127.0.0.1`);
      expect(run.err).not.toMatch(STACK_TRACE);
      expect(run.err).not.toMatch(/EADDRINUSE/);
      expect(run.out).not.toMatch(/Tablero y API en/);
      // Nothing published meanwhile: the examples went into the empty database for good, and only then was the port
      // found taken (a real server started while another ran had the three fictitious implementers).
      expect(run.err).not.toMatch(/Datos de ejemplo/);
      const store = openSqliteStore(process.env.INFRA_SQLITE);
      try { expect((await store.listPublishers()).items).toEqual([]); } finally { await store.close(); }
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  // The mail settings come from the same environment as the rest: a port typed wrong stopped the server only after it
  // had opened its database (on a first start, created it and published the examples), as «Error inesperado», exit 3.
  test('SMTP_PORT that is not a port is said like any other variable, exit 2, before the database is opened', async () => {
    const mail = { SMTP_HOST: process.env.SMTP_HOST, SMTP_PORT: process.env.SMTP_PORT };
    process.env.INFRA_SQLITE = path.join(dir, 'serve-smtp', 'base.sqlite');
    Object.assign(process.env, { SMTP_HOST: '127.0.0.1', SMTP_PORT: '58x' });
    try {
      const run = await runCli('serve', '--puerto', '0');
      expect([run.code, run.err, run.out]).toEqual([2, 'La variable SMTP_PORT debe ser un puerto (se recibió «58x»).', '']);
      expect(fs.existsSync(path.join(dir, 'serve-smtp'))).toBe(false);
    } finally {
      for (const [name, value] of Object.entries(mail)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
    }
  });

  // `publications prune … --publicadr merida --confirmar` said «se ignora» and pruned every publisher's replaced
  // publications; redact and republish the same. With --confirmar, an unknown option is refused before anything opens.
  test('an unknown option with --confirmar is refused, exit 2, nothing opened', async () => {
    process.env.INFRA_SQLITE = path.join(dir, 'confirmar-mal-escrito', 'base.sqlite');
    const run = await runCli('publications', 'prune', '--antes-de', '2025-01-01', '--publicadr', 'merida', '--confirmar');
    expect([run.code, run.out]).toEqual([2, '']);
    expect(run.err).toBe('No se hizo nada: «publications» no conoce «--publicadr», y con --confirmar la orden borra o vuelve a escribir datos: ignorar una opción mal escrita (como --publicador) la extendería a lo que no se pidió. Corrija la orden y repítala. Sus opciones: --antes-de, --publicador, --confirmar, --nube, --proyecto, --entorno, --texto, --textos, --motivo.');
    expect(fs.existsSync(path.join(dir, 'confirmar-mal-escrito'))).toBe(false);
  });

  // --sin-ejemplos typed wrong was only «Aviso: se ignora»: the server then published the fictitious examples into a
  // real server's new database, where they stay. Refused now, before the database exists.
  test.each([
    [['--sin-ejemplo'], '«--sin-ejemplo». ¿Quiso decir --sin-ejemplos?'],
    [['sin-ejemplos'], '«sin-ejemplos». ¿Quiso decir --sin-ejemplos?'],
    [['--port', '8080'], '«--port».'],
  ])('serve %j is refused, exit 2, nothing opened', async (extra, named) => {
    process.env.INFRA_SQLITE = path.join(dir, 'serve-mal-escrito', 'base.sqlite');
    const run = await runCli('serve', '--puerto', '0', ...extra);
    expect([run.code, run.out]).toEqual([2, '']);
    expect(run.err).toContain(`No se arrancó el servidor: «serve» no conoce ${named} Sus opciones: --puerto, --procesos, --sin-ejemplos. Corrija la orden y repítala (con npm: «npm start -- --sin-ejemplos»).`);
    expect(run.err).not.toMatch(/Aviso: se ignora|Datos de ejemplo/);
    expect(fs.existsSync(path.join(dir, 'serve-mal-escrito'))).toBe(false);
  });

  test('the port is taken: a database with work left is not touched (a second serve started by mistake)', async () => {
    // The running server's database: an approval it is publishing now (`approved`), which a server starting on it
    // would take for one interrupted by a stop and publish again.
    process.env.INFRA_SQLITE = path.join(dir, 'serve-ocupado-con-datos.sqlite');
    const at = '2025-03-01T12:00:00.000Z';
    const before = openSqliteStore(process.env.INFRA_SQLITE);
    try {
      await before.putPublisher(samplePublisher('p1'));
      await before.createSubmission({
        id: 's1', publisherId: 'p1', source: { kind: 'xlsx', fileId: 'a'.repeat(64), name: 'obra.xlsx' }, status: 'approved',
        history: [{ at, by: 'u1', action: 'submitted' }, { at, by: 'u2', action: 'approved' }], createdAt: at, updatedAt: at,
      });
    } finally { await before.close(); }
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const run = await runCli('serve', '--puerto', String(port), '--sin-ejemplos');
      expect(run.code).not.toBe(0);
      expect(run.err).toContain(`El puerto ${port} ya está en uso en 127.0.0.1`);
      expect(run.err).not.toMatch(/reanuda/);
      const store = openSqliteStore(process.env.INFRA_SQLITE);
      try {
        expect(await store.getSubmission('s1')).toMatchObject({ status: 'approved', updatedAt: at, history: [{ action: 'submitted' }, { action: 'approved' }] });
      } finally { await store.close(); }
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  test('the server\'s user may only read its database and its bulk folder: said at start-up, exit 1, not served', async () => {
    // As the service's user, when a restore or a copy was made as another (root): permissions that root would pass
    // over, so as root the server runs as nobody (setpriv, util-linux).
    await buildCli();
    const asRoot = process.getuid?.() === 0;
    const place = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-solo-lectura-'));
    fs.chmodSync(place, 0o755);
    const file = path.join(place, 'datos', 'infra-abierta.sqlite');
    fs.mkdirSync(path.dirname(file));
    const made = openSqliteStore(file);
    try { await made.putPublisher(samplePublisher('p1')); } finally { await made.close(); }
    const bulk = path.join(place, 'descargas');
    fs.mkdirSync(bulk);
    for (const f of fs.readdirSync(path.dirname(file))) {
      if (asRoot) fs.chownSync(path.join(path.dirname(file), f), 65534, 65534);
      fs.chmodSync(path.join(path.dirname(file), f), 0o444);
    }
    if (asRoot) fs.chownSync(path.dirname(file), 65534, 65534); // its folder is writable: only the files are not
    fs.chmodSync(bulk, 0o555);
    const cli = [path.join(ROOT, 'dist', 'cli.js'), 'serve', '--puerto', '0', '--sin-ejemplos'];
    const [command, args] = asRoot ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...cli]] : [process.execPath, cli];
    try {
      // Before, it announced its address and kept serving: ended here after 15 s.
      const run = spawnSync(command, args, { encoding: 'utf8', timeout: 15000, env: { ...process.env, METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file, BULK_DIR: bulk, HOME: place } });
      expect({ status: run.status, out: run.stdout }).toEqual({ status: 1, out: '' });
      expect(run.stderr).toContain(`La base de datos «${file}» (variable INFRA_SQLITE) solo se puede leer`);
      expect(run.stderr).toContain(`No se pueden escribir los archivos de descarga masiva en «${bulk}» (variable BULK_DIR): no hay permiso para escribir en «${bulk}»`);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.stderr).not.toMatch(/Tablero y API en|readonly|EACCES/);
      // A CLI command that writes there says the same in Spanish («Error inesperado: attempt to write a readonly database»).
      const cliArgs = [path.join(ROOT, 'dist', 'cli.js'), 'users', 'add', '--email', 'ana@example.org', '--rol', 'admin'];
      const [cliCommand, cliArgv] = asRoot ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...cliArgs]] : [process.execPath, cliArgs];
      const add = spawnSync(cliCommand, cliArgv, { encoding: 'utf8', timeout: 15000, env: { ...process.env, METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: file, BULK_DIR: bulk, HOME: place } });
      expect({ status: add.status, err: add.stderr.trim() }).toEqual({ status: 3, err: 'No se pudo escribir en el disco: el usuario con el que se ejecuta no tiene permiso de escritura. Revise el espacio libre (df -h) y los permisos de las carpetas de INFRA_SQLITE y BULK_DIR.' });
    } finally {
      fs.chmodSync(bulk, 0o755);
      fs.rmSync(place, { recursive: true, force: true });
    }
  }, 30000);

  test('a port that is none is named by the option typed', async () => {
    for (const typed of ['99999', 'ocho']) {
      const run = await runCli('serve', '--puerto', typed);
      expect([run.code, run.err]).toEqual([2, `--puerto debe ser un número entero entre 0 y 65535 (se recibió «${typed}»).`]);
    }
  });

  test.each([
    ['a file that is not a database', () => { const f = path.join(dir, 'no-es-base.sqlite'); fs.writeFileSync(f, 'esto no es una base de datos SQLite, sino texto suficiente para que se note'.repeat(20)); return f; }, /no es una base de datos SQLite/],
    ['a folder where the file should be', () => { const f = path.join(dir, 'carpeta.sqlite'); fs.mkdirSync(f, { recursive: true }); return f; }, /no se pudo abrir ni crear el archivo/],
    ['a path under a plain file', () => { const f = path.join(dir, 'archivo-plano'); fs.writeFileSync(f, 'x'); return path.join(f, 'base.sqlite'); }, /una parte de la ruta es un archivo/],
  ])('the store cannot be opened: %s', async (_name, make, why) => {
    const file = make();
    process.env.INFRA_SQLITE = file;
    const run = await runCli('serve', '--puerto', '0');
    expect(run.code).not.toBe(0);
    expect(run.err).toContain(`No se pudo abrir la base de datos «${file}»`);
    expect(run.err).toMatch(why);
    expect(run.err).not.toMatch(STACK_TRACE);
    expect(run.err).not.toMatch(/SQLITE_|ENOTDIR|EEXIST/);
    expect(run.out).not.toMatch(/Tablero y API en/);
  });
});

test('validate says at its cell that a process of another implementer\'s prefix is checked at sending, which only the platform can', async () => {
  const { workbook, row } = await stateWithMeridaProcess();
  // A folder of .csv, one per sheet (the CLI reads it as a workbook): no .xlsx writer needed.
  const dir = scratchDir('links-');
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : `"${(Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).toISOString().slice(0, 10).split('-').reverse().join('/') : String(v)).replace(/"/g, '""')}"`);
  for (const s of workbook.sheets) fs.writeFileSync(path.join(dir, `${s.name}.csv`), s.rows.map((r) => r.map(cell).join(',')).join('\n'));
  const run = await runCli('validate', dir, '--todos');
  expect(run.out).toMatch(new RegExp(`B${row} \\(Identificador del proceso\\): Aviso — «ocds-abc123-MERIDA-0001» lleva el prefijo de otra institución\\. Al enviar, la plataforma revisará`));
  expect(run.out).not.toContain('prefijos registrados');
  // Without prefixes in Configuración nothing is checked against them here; the platform checks the registered ones.
  const settings = path.join(dir, 'Configuración.csv');
  fs.writeFileSync(settings, fs.readFileSync(settings, 'utf8').replace(/"[^"]*","(ocidPrefix|projectIdPrefix)"/g, '"","$1"'));
  expect((await runCli('validate', dir)).out).toContain('Al enviar o publicar, la plataforma los revisa con los prefijos registrados de su institución');
});
