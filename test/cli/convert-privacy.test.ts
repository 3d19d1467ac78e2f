/**
 * `convert` writes the packages an institution publishes on its own site (--url): they hold what the platform would
 * publish, filtered (core/privacy, R-26). Unfiltered, the home address and telephone of a natural person outside the
 * public roles — withheld on the platform — went into salida.json (helper G5's audit as the data-protection officer).
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeXlsx } from '../../scripts/bench/write-xlsx';
import { rfcCheckDigit } from '../../core/checks/rfc';
import { exampleWorkbook } from '../example-workbooks';
import { runCli, scratchDir } from './run-cli';

test('convert withholds what publishing withholds, and says so', async () => {
  const dir = scratchDir('convert-privacy-');
  try {
    const workbook = await exampleWorkbook('merida');
    const actores = workbook.sheets.find((s) => s.name === 'Actores');
    if (!actores) throw new Error('no Actores');
    const ocid = String(workbook.sheets.find((s) => s.name === 'Contrataciones')?.rows[2][0]);
    const rfc = `ROCM800101AB${rfcCheckDigit('ROCM800101AB')}`;
    const values: Record<string, string> = { ocid, 'parties/0/id': `MX-RFC-${rfc}`, 'parties/0/name': 'Marta Rosado Cetina', 'parties/0/roles': 'interestedParty',
      'parties/0/identifier/scheme': 'MX-RFC', 'parties/0/identifier/id': rfc, 'parties/0/identifier/legalPersonality': 'naturalPerson',
      'parties/0/identifier/givenName': 'Marta', 'parties/0/identifier/patronymicName': 'Rosado',
      'parties/0/address/streetAddress': 'Privada Los Almendros 14', 'parties/0/contactPoint/telephone': '+52 999 111 2233' };
    actores.rows.push(actores.rows[1].map((p) => values[String(p)] ?? ''));
    const file = path.join(dir, 'libro.xlsx');
    await writeXlsx(workbook, file);
    const out = path.join(dir, 'salida.json');
    const run = await runCli('convert', file, '-o', out);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('Marta Rosado Cetina');
    for (const secret of ['Privada Los Almendros 14', '+52 999 111 2233']) expect(text).not.toContain(secret);
    expect(run.err).toMatch(/Datos personales: de 1 entrega o proyecto se quitaron el domicilio y los contactos/);
    expect(run.err).toMatch(/«Marta Rosado Cetina» es persona física/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
