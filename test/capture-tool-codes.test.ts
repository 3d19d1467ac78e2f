/**
 * What an official picked in INAI's capture tool has a place in the template (oracle: the tool's catalogues and field
 * list in ../shared/standards/edca-mx). Every code one of its lists offered is an option of the column that holds
 * that field, or is read as one when typed (core/profile/code-aliases.ts) — or is a code the standards refuse, listed
 * below with why. A catalogue code without either was refused, or published as typed, in the official's first sheet.
 */
import * as fs from 'fs';
import * as path from 'path';
import { templateSpec } from '../core/template/template-spec';
import { lookupCode } from '../core/unflatten/parse-value';
import type { Standard } from '../core/profile/types';
import { parseCsv } from '../scripts/lib/csv';
import { profileField } from '../scripts/capture-coverage';
import { hasStandards, STANDARDS_DIR } from './standards';

const describeIfStandards = hasStandards ? describe : describe.skip;
const MX = path.join(STANDARDS_DIR, 'edca-mx');

/** The tool's catalogues: file, the column of its codes, and the field (unindexed) whose column offers them. */
const CATALOGUES: { file: string; column: string; standard: Standard; field: string }[] = [
  { file: 'capture-tool-catalog-implementationstatus.csv', column: 'code', standard: 'ocds', field: 'contracts/implementation/status' },
  { file: 'capture-tool-catalog-paymentmethod.csv', column: 'code', standard: 'ocds', field: 'contracts/implementation/transactions/paymentMethod' },
  { file: 'capture-tool-catalog-rolecatalog.csv', column: 'code', standard: 'ocds', field: 'parties/roles' },
  { file: 'capture-tool-catalog-currency.csv', column: 'alphabetic_code', standard: 'ocds', field: 'tender/value/currency' },
  { file: 'capture-tool-catalog-documenttype.csv', column: 'code', standard: 'ocds', field: 'planning/documents/documentType' },
  { file: 'capture-tool-edcapi-edca_cat_origin.csv', column: 'value', standard: 'ocds', field: 'planning/budget/budgetBreakdown/origin' },
  { file: 'capture-tool-edcapi-edcapi_cat_budget_moment_type.csv', column: 'code', standard: 'oc4ids', field: 'budget/budgetBreakdowns/budgetBreakdown/budgetLines/measures/id' },
  { file: 'capture-tool-edcapi-edcapi_cat_document_type.csv', column: 'code', standard: 'oc4ids', field: 'documents/documentType' },
  { file: 'capture-tool-edcapi-edcapi_cat_geometry_type.csv', column: 'code', standard: 'oc4ids', field: 'locations/geometry/type' },
  { file: 'capture-tool-edcapi-edcapi_cat_related_projects.csv', column: 'code', standard: 'oc4ids', field: 'relatedProjects/relationship' },
  { file: 'capture-tool-edcapi-edcapi_cat_related_projects_scheme.csv', column: 'code', standard: 'oc4ids', field: 'relatedProjects/scheme' },
  { file: 'capture-tool-edcapi-edcapi_project_sector.csv', column: 'code', standard: 'oc4ids', field: 'sector' },
  { file: 'capture-tool-edcapi-edcapi_project_status.csv', column: 'code', standard: 'oc4ids', field: 'status' },
  { file: 'capture-tool-edcapi-edcapi_project_type.csv', column: 'code', standard: 'oc4ids', field: 'type' },
];

/**
 * Codes the tool offered that no standard has a place for, so the template does not either: implementation status
 * `None` (an empty status is said by leaving it blank; the list is closed), the currency `XBT` (bitcoin, not ISO 4217,
 * whose closed list OCDS uses) and the exchange rate source `others` («Otras», which says nothing a code could).
 */
const REFUSED = new Set(['implementationStatus:None', 'currency:XBT', 'exchangeRateSource:others']);

/**
 * Labels of the tool's field list that are not read as the code it wrote, because they could be another: «Mixto»
 * (written and electronic submission), «Sí»/«No» (the tool's question «¿persona física?», not a name), «Auditor» (the
 * tool's reviewBody, which reviews complaints, not accounts), «Ninguno» (no milestone status is a blank cell: no code),
 * «Área requirente» (the requesting unit in a process, the tool's buyer in a project), «Anexo del contrato» (the
 * tool's contractSchedule, one letter from its «Anexos del contrato», contractAnnexe).
 */
const AMBIGUOUS_LABELS = new Set(['submissionMethod:Mixto', 'legalPersonality:Si', 'legalPersonality:No', 'partyRole:Auditor', 'milestoneStatus:Ninguno', 'partyRole:Área requirente', 'documentType:Anexo del contrato']);

/** Labels of up to this many words are read as their code; longer ones are the tool's sentences. */
const SHORT_LABEL_WORDS = 4;

function columnOf(standard: Standard, field: string) {
  const column = templateSpec().sheets.filter((s) => s.standard === standard).flatMap((s) => s.columns).find((c) => c.field === field && c.options);
  if (!column?.options) throw new Error(`no drop-down holds ${standard}:${field}`);
  return column as typeof column & { options: NonNullable<typeof column.options> };
}

/** The tool's code as the template reads it: an option, or the option its other spelling stands for. */
function placeOf(standard: Standard, field: string, code: string): string | undefined {
  const column = columnOf(standard, field);
  return lookupCode(code, column.options, column.codelist);
}

/**
 * The rows of the tool's field lists that offer codes (`Etiqueta=código`, the text after the field's name), with the
 * field and the codelist of the column that holds it; booleans (Sí=true) are no codelist.
 */
function* codedFields(): Generator<{ standard: Standard; field: string; list: string | undefined; offered: string }> {
  for (const standard of ['ocds', 'oc4ids'] as const) {
    for (const row of parseCsv(fs.readFileSync(path.join(MX, `captured-fields-${standard}.csv`), 'utf8'))) {
      if (!row.path.startsWith('/') || row.path.includes('|') || !/=/.test(row.codelist ?? '')) continue;
      if (/=(true|false)\b/.test(row.codelist)) continue;
      const field = profileField(row.path, standard);
      yield { standard, field, list: columnOf(standard, field).codelist, offered: row.codelist };
    }
  }
}

describeIfStandards('the capture tool\'s codes in the template', () => {
  it('has a place for every code of the tool\'s catalogues, but those the standards refuse', () => {
    const homeless: string[] = [];
    for (const c of CATALOGUES) {
      const list = columnOf(c.standard, c.field).codelist;
      for (const row of parseCsv(fs.readFileSync(path.join(MX, c.file), 'utf8'))) {
        const code = (row[c.column] ?? '').trim();
        if (code && !placeOf(c.standard, c.field, code) && !REFUSED.has(`${list}:${code}`)) homeless.push(`${c.file}: ${code}`);
      }
    }
    expect(homeless).toEqual([]);
  });

  it('has a place for every code its field list offers (Etiqueta=código), but those the standards refuse', () => {
    const homeless: string[] = [];
    // `(empty)` is a blank cell: no code.
    for (const { standard, field, list, offered } of codedFields()) {
      for (const m of offered.matchAll(/=([A-Za-z][A-Za-z.]*)/g)) {
        if (!placeOf(standard, field, m[1]) && !REFUSED.has(`${list}:${m[1]}`)) homeless.push(`${standard}:${field}: ${m[1]}`);
      }
    }
    expect(homeless).toEqual([]);
  });

  it('reads each label its field list showed (Etiqueta=código) as that code, but those that could mean another', () => {
    // Pasted or typed in Google Sheets, where a drop-down does not stop them. The tag list's «1 En planeación» are the
    // tool's stage headings, not labels.
    const misread: string[] = [];
    for (const { standard, field, list, offered } of codedFields()) {
      for (const m of offered.replace(/^[^:]*:/, '').matchAll(/(?:^|[;,])\s*([^;,=]+?)\s*=([A-Za-z][A-Za-z.]*)/g)) {
        const [label, code] = [m[1], m[2]];
        if (/^\d/.test(label) || AMBIGUOUS_LABELS.has(`${list}:${label}`)) continue;
        const want = placeOf(standard, field, code);
        const read = placeOf(standard, field, label);
        // A sentence-long label is the tool's own wording, not copied here (code-aliases.ts): off the list, but never
        // read as another code.
        if (label.split(/\s+/).length > SHORT_LABEL_WORDS ? read !== undefined && read !== want : want !== undefined && read !== want) misread.push(`${standard}:${field}: «${label}» (${code})`);
      }
    }
    expect(misread).toEqual([]);
  });

  it('reads the Spanish name each document type had in the tool\'s catalogues as that type, but those that could mean another', () => {
    // «Justificación de la contratación» or «Plan de proyecto», typed as the official knew them, were published as
    // types of their own: off the list, and the key-document check then said the justification and the project plan
    // were missing from a process that had them. Sentence-long names are the tool's wording (see above); «Anexo del
    // contrato» (its contractSchedule) is one letter from «Anexos del contrato», its contractAnnexe.
    const misread: string[] = [];
    const catalogues = [
      { file: 'capture-tool-catalog-documenttype.csv', title: 'title_esp', standard: 'ocds', field: 'planning/documents/documentType' },
      { file: 'capture-tool-edcapi-edcapi_cat_document_type.csv', title: 'title', standard: 'oc4ids', field: 'documents/documentType' },
    ] as const;
    for (const c of catalogues) {
      for (const row of parseCsv(fs.readFileSync(path.join(MX, c.file), 'utf8'))) {
        const label = (row[c.title] ?? '').trim();
        if (!label || label.split(/\s+/).length > SHORT_LABEL_WORDS || AMBIGUOUS_LABELS.has(`documentType:${label}`)) continue;
        const want = placeOf(c.standard, c.field, row.code);
        if (want !== undefined && placeOf(c.standard, c.field, label) !== want) misread.push(`${c.file}: «${label}» (${row.code})`);
      }
    }
    expect(misread).toEqual([]);
    expect(placeOf('ocds', 'planning/documents/documentType', 'Anexo del contrato')).toBeUndefined();
  });

  it('keeps off the list the labels that could mean more than one code, or none', () => {
    expect(placeOf('ocds', 'tender/submissionMethod', 'Mixto')).toBeUndefined();
    expect(placeOf('ocds', 'parties/identifier/legalPersonality', 'Si')).toBeUndefined();
    expect(placeOf('ocds', 'tender/milestones/status', 'Ninguno')).toBeUndefined();
    // Written with or without its accents, and in any case, as the other labels.
    expect(placeOf('ocds', 'tender/status', 'NO EXITOSA')).toBe('unsuccessful');
    expect(placeOf('ocds', 'tender/milestones/type', 'Hitos de aprobacion')).toBe('approval');
  });

  it('offers every item classification scheme the tool\'s item forms offered (CUCOP, COG…)', () => {
    const row = parseCsv(fs.readFileSync(path.join(MX, 'captured-fields-ocds.csv'), 'utf8')).find((r) => r.path === '/tender/items/classification/scheme');
    const schemes = [...(row?.codelist ?? '').replace(/^[^:]*:/, '').matchAll(/(?:^|,)\s*([A-Z]+)/g)].map((m) => m[1]);
    expect(schemes).toEqual(expect.arrayContaining(['CUCOP', 'COG']));
    for (const field of ['tender/items/classification/scheme', 'contracts/items/classification/scheme']) {
      expect(schemes.filter((s) => placeOf('ocds', field, s) !== s)).toEqual([]);
    }
  });

  it('offers, for a budget line\'s components, the parts of the clave presupuestaria the tool names them by', () => {
    // EDCAPI's components as its field list writes them (`components[name=cycle]/code`).
    const names = parseCsv(fs.readFileSync(path.join(MX, 'captured-fields-oc4ids.csv'), 'utf8')).map((r) => /components\[name=(\w+)\]/.exec(r.path)?.[1]).filter((n): n is string => !!n);
    expect(names.length).toBeGreaterThan(10);
    for (const [standard, field] of [['oc4ids', 'budget/budgetBreakdowns/budgetBreakdown/budgetLines/components/name'], ['ocds', 'planning/budget/budgetBreakdown/budgetLines/components/name']] as const) {
      expect(names.filter((n) => placeOf(standard, field, n) !== n)).toEqual([]);
      // And by the Spanish words the tool's form labels them with.
      expect(placeOf(standard, field, 'Objeto del gasto')).toBe('spendingObject');
      expect(placeOf(standard, field, 'Ramo')).toBe('branch');
    }
  });
});
