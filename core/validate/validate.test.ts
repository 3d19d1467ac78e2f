import * as fs from 'fs';
import * as path from 'path';
import { SourceMap, type CellRef, type Finding } from '../findings/finding';
import { catalogue } from '../messages/catalogue';
import { renderFinding, renderMessage } from '../messages/render';
import { codeTitle } from '../checks/code-label';
import { templateSpec } from '../template/template-spec';
import { itemsAlong, valueAt } from '../checks/json';
import { pointerSegments } from '../findings/pointer';
import { completeness, validate, type Documents, type ValidateSettings } from './index';
import { hasStandards, ROOT, STANDARDS_DIR } from '../../test/standards';
import { DOC_BUDGET, TEXT_MAX } from '../checks/text-limits';
import { buildRecord } from '../merge';
import { deriveProjectSummaries } from '../summary/derive-project-summaries';
import { assessProjects } from '../stats/pending';
import { MAX_BODY_BYTES } from '../../functions/src/store/collections';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'validate');
const SETTINGS: ValidateSettings = { now: '2025-01-01T00:00:00Z', ocidPrefix: 'ocds-mer001', projectIdPrefix: 'oc4ids-mer001' };

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The source map unflatten gives for a template workbook holding these documents: one row per item, data from row 3. */
function sourceMapOf(docs: Documents): SourceMap {
  const map = new SourceMap();
  for (const sheet of templateSpec().sheets) {
    const roots = (sheet.standard === 'ocds' ? docs.releases : docs.projects) ?? [];
    let row = 3;
    roots.forEach((data, i) => {
      const pointer = `/${sheet.standard === 'ocds' ? 'releases' : 'projects'}/${i}`;
      const rows = sheet.array ? itemsAlong(data as Record<string, unknown>, sheet.array, pointer) : [{ item: data as Record<string, unknown>, pointer }];
      for (const r of rows) {
        sheet.columns.forEach((column, c) => {
          if (column.key && sheet.array) return; // parent keys point at the parent's value, not this row's
          const relative = sheet.array ? column.field.slice(sheet.array.length + 1) : column.field;
          const value = valueAt(r.item, relative);
          if (value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
            map.set(`${r.pointer}/${relative}`, { sheet: sheet.name, row, column: c + 1, header: column.title });
          }
        });
        row++;
      }
    });
  }
  return map;
}

interface Case { description: string; settings?: ValidateSettings; set?: Record<string, unknown>; remove?: string[] }
interface Expected { code: string; severity: string; pointer: string; sheet: string; row: number; field?: string }

function applyCase(base: Documents, c: Case): Documents {
  const docs = JSON.parse(JSON.stringify(base)) as Documents;
  const parentOf = (pointer: string): [Record<string, unknown>, string] => {
    const segments = pointerSegments(pointer);
    let node: unknown = docs;
    for (const s of segments.slice(0, -1)) node = (node as Record<string, unknown>)[s];
    return [node as Record<string, unknown>, segments[segments.length - 1]];
  };
  for (const [pointer, value] of Object.entries(c.set ?? {})) { const [node, key] = parentOf(pointer); node[key] = value; }
  for (const pointer of c.remove ?? []) { const [node, key] = parentOf(pointer); delete node[key]; }
  return docs;
}

/** What a golden file states: the finding and its cell; the column through its template field (titles change). */
function expectedCell(e: Expected): CellRef {
  const cell: CellRef = { sheet: e.sheet, row: e.row };
  if (e.field) {
    const sheet = templateSpec().sheets.find((s) => s.name === e.sheet);
    const index = sheet?.columns.findIndex((c) => c.field === e.field && !(c.key && sheet.array)) ?? -1;
    if (index < 0) throw new Error(`${e.sheet} has no column ${e.field}`);
    cell.column = index + 1;
    cell.header = sheet?.columns[index].title;
  }
  return cell;
}

function projection(f: Finding): { code: string; severity: string; pointer?: string; cell: CellRef } {
  const cell: CellRef = { sheet: f.cell?.sheet ?? '(sin celda)', row: f.cell?.row };
  if (f.cell?.column !== undefined) { cell.column = f.cell.column; cell.header = f.cell.header; }
  return { code: f.code, severity: f.severity, pointer: f.pointer, cell };
}

const base = readJson<Documents>(path.join(FIXTURES, 'base', 'documents.json'));
/**
 * The findings of the checks these fixtures are about: the CoST IDS advice (info) fires on any project short of the
 * whole standard, as the base is, and is tested on its own below.
 */
const checked = (findings: Finding[]): Finding[] => findings.filter((f) => f.code !== 'project.costIdsMissing');
const cases = fs.readdirSync(FIXTURES).filter((d) => fs.existsSync(path.join(FIXTURES, d, 'input.json'))).sort();

describe('validate: golden fixtures', () => {
  it('gives the complete valid workbook no finding at all (no check fires)', () => {
    expect(checked(validate(base, sourceMapOf(base), SETTINGS))).toEqual([]);
  });

  it('has a fixture per check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', (name) => {
    const c = readJson<Case>(path.join(FIXTURES, name, 'input.json'));
    const expected = readJson<Expected[]>(path.join(FIXTURES, name, 'expected.json'));
    const docs = applyCase(base, c);
    const findings = checked(validate(docs, sourceMapOf(docs), { ...SETTINGS, ...c.settings }));
    expect(findings.map(projection)).toEqual(expected.map((e) => ({ code: e.code, severity: e.severity, pointer: e.pointer, cell: expectedCell(e) })));
    for (const f of findings) {
      expect(catalogue()[f.code]).toBeDefined();
      expect(renderFinding(f)).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('validate: behaviour', () => {
  it('names the parties sheet of the standard an unknown party is referenced from: «Actores» or «Actores del proyecto»', () => {
    // A workbook has both; «la hoja de actores» sent a project's funder to the processes' sheet, where it does not count.
    const docs = applyCase(base, { description: '', set: {
      '/releases/0/awards/0/suppliers/0/id': 'MX-RFC-XAXX010101000',
      '/projects/0/publicAuthority/id': 'MX-RFC-SSA630502CU1',
    } });
    const unknown = validate(docs, sourceMapOf(docs), SETTINGS).filter((f) => f.code === 'reference.unknownParty');
    expect(unknown.map((f) => [f.pointer, renderFinding(f).match(/registrado en la hoja «[^»]+»/)?.[0]])).toEqual([
      ['/releases/0/awards/0/suppliers/0/id', 'registrado en la hoja «Actores»'],
      ['/projects/0/publicAuthority/id', 'registrado en la hoja «Actores del proyecto»'],
    ]);
  });
  it('points a missing required value at the parent row through an explicit source map', () => {
    const docs = applyCase(base, { description: '', remove: ['/releases/0/awards/0/id'] });
    const sourceMap = SourceMap.fromRecord({
      '/releases/0/awards/0/status': { sheet: 'Adjudicaciones', row: 7, column: 6, header: 'Estado' },
      '/releases/0/awards/0/suppliers/0/id': { sheet: 'Proveedores adjudicados', row: 4, column: 3, header: 'Id' },
      '/releases/1/awards/0/id': { sheet: 'Adjudicaciones', row: 9, column: 2, header: 'awards/0/id' },
    });
    const [f] = validate(docs, sourceMap, SETTINGS);
    expect(f).toMatchObject({ code: 'schema.required', cell: { sheet: 'Adjudicaciones', row: 7, column: 2, header: 'awards/0/id' } });
  });

  it('points a contract\'s amount left blank at its row in «Contratos», not at the exchange rate that alone made its value (nor a tender\'s title at its document)', () => {
    const docs = applyCase(base, { description: '', set: { '/releases/0/contracts/0/value': { exchangeRates: [{ currency: 'USD', rate: 17.05, date: '2024-03-15T00:00:00-06:00' }] } } });
    const sourceMap = SourceMap.fromRecord({
      '/releases/0/contracts/0/status': { sheet: 'Contratos', row: 5, column: 6, header: 'Estado del contrato' },
      '/releases/0/contracts/0/value/exchangeRates/0/rate': { sheet: 'Tipos de cambio', row: 4, column: 4, header: 'Tipo de cambio' },
      '/releases/1/contracts/0/value/amount': { sheet: 'Contratos', row: 9, column: 9, header: 'Monto del contrato' },
    });
    const cells = validate(docs, sourceMap, SETTINGS).filter((f) => f.pointer === '/releases/0/contracts/0/value/amount').map((f) => f.cell);
    // Was «Tipos de cambio», row 4, no column: «la columna «Monto del contrato» no está en la hoja «Tipos de cambio»».
    expect(cells).toEqual([{ sheet: 'Contratos', row: 5, column: 9, header: 'Monto del contrato' }]);

    // The same up to the document: a tender's title not typed in «Contrataciones» while its call is in «Documentos de licitación».
    const untitled = applyCase(base, { description: '', remove: ['/releases/0/tender/title'] });
    const tenderMap = SourceMap.fromRecord({
      '/releases/0/ocid': { sheet: 'Contrataciones', row: 3, column: 1, header: 'Identificador de contratación (OCID)' },
      '/releases/0/tender/documents/0/title': { sheet: 'Documentos de licitación', row: 4, column: 4, header: 'Título del documento' },
      '/releases/1/tender/title': { sheet: 'Contrataciones', row: 4, column: 5, header: 'Título de la licitación' },
    });
    expect(validate(untitled, tenderMap, SETTINGS).filter((f) => f.pointer === '/releases/0/tender/title').map((f) => f.cell)).toEqual([{ sheet: 'Contrataciones', row: 3, column: 5, header: 'Título de la licitación' }]);
  });

  it('never throws on garbage and reports it as schema findings', () => {
    const findings = validate({ releases: [null, 'x', { ocid: 5 }], projects: [[]] }, new SourceMap(), SETTINGS);
    expect(findings.filter((f) => f.code === 'schema.type').map((f) => f.pointer)).toEqual(['/releases/0', '/releases/1', '/releases/2/ocid', '/projects/0']);
  });

  it('reads lookup tables by own keys only: codes named like Object.prototype members are just unknown codes', () => {
    const docs = applyCase(base, { description: '', set: {
      '/releases/0/tender/procurementMethodDetails': 'constructor',
      '/releases/0/tender/additionalProcurementCategories': ['toString'],
      '/releases/0/tender/documents': [{ id: 'd1', documentType: 'constructor' }],
    } });
    const codes = validate(docs, sourceMapOf(docs), SETTINGS).map((f) => f.code);
    expect(codes).not.toContain('tender.methodMismatch');
    expect(codes).not.toContain('tender.categoryMismatch');
    expect(codes).not.toContain('document.wrongStage');
  });

  it('names codes by their Spanish titles, as the drop-downs show them', () => {
    const docs = applyCase(base, { description: '', set: {
      '/releases/0/tender/procurementMethodDetails': 'Adjudicación directa',
      '/releases/0/tender/procurementMethod': 'open',
      '/releases/0/tender/mainProcurementCategory': 'works',
      '/releases/0/tender/additionalProcurementCategories': ['consultingServices'],
    } });
    const found = validate(docs, sourceMapOf(docs), SETTINGS);
    const text = (code: string): string => renderFinding(found.find((f) => f.code === code) as Finding);
    const [open, direct] = ['open', 'direct'].map((code) => codeTitle('method', code));
    expect(text('tender.methodMismatch')).toContain(`El método «${open}» no corresponde al tipo de procedimiento «Adjudicación directa», que equivale a «${direct}».`);
    expect(text('tender.categoryMismatch')).toContain(`La categoría adicional «${codeTitle('extendedProcurementCategory', 'consultingServices')}» no corresponde a la categoría principal «${codeTitle('procurementCategory', 'works')}» (le corresponde «${codeTitle('procurementCategory', 'services')}»)`);
    expect(text('tender.methodMismatch')).not.toMatch(/«(open|direct)»/);
  });

  it('names the method by its title when the key documents are missing and no procedure type was given', () => {
    const docs = applyCase(base, { description: '', remove: ['/releases/0/tender/procurementMethodDetails', '/releases/0/tender/documents', '/releases/0/planning/documents'], set: { '/releases/0/tender/procurementMethod': 'limited' } });
    const f = validate(docs, sourceMapOf(docs), SETTINGS).find((x) => x.code === 'document.keyMissing');
    expect(f && renderFinding(f)).toContain(`para «${codeTitle('method', 'limited')}»`);
  });

  it('a key document «missing» while the process has a document with no type: says that choosing that row\'s type would count, naming the document', () => {
    // Ciudad de México's publication (real-mx): «CONTRATO A-014/2016» has no documentType, and the warning said
    // «Faltan… Contrato firmado» as if the contract were not there.
    const untyped = applyCase(base, { description: '', remove: ['/releases/0/planning/documents/3/documentType'] });
    const f = validate(untyped, sourceMapOf(untyped), SETTINGS).find((x) => x.code === 'document.keyMissing') as Finding;
    expect(renderMessage(f)).toContain(`: ${codeTitle('documentType', 'projectPlan')}. `);
    expect(renderMessage(f)).toMatch(/ Si alguno ya está entre el documento sin tipo de esta contratación \(«Proyecto ejecutivo»\), elija su «Tipo de documento» en la fila de ese documento: así cuenta\.$/);
    // Typed but another type (the golden case key-documents-missing): nothing to choose, no such sentence.
    const otherType = applyCase(base, { description: '', set: { '/releases/0/planning/documents/3/documentType': 'feasibilityStudy' } });
    const g = validate(otherType, sourceMapOf(otherType), SETTINGS).find((x) => x.code === 'document.keyMissing') as Finding;
    expect(renderMessage(g)).toMatch(/cuando existan\.$/);
  });

  it('without a procedure type or method, names the documents every procedure asks for (not a procedure «sin tipo de procedimiento»)', () => {
    const docs = applyCase(base, { description: '', remove: ['/releases/0/tender/procurementMethodDetails', '/releases/0/tender/procurementMethod', '/releases/0/tender/documents', '/releases/0/planning/documents'] });
    const found = validate(docs, sourceMapOf(docs), SETTINGS).filter((x) => x.code.startsWith('document.keyMissing'));
    expect(found).toHaveLength(1);
    const text = renderFinding(found[0]);
    expect(text).toContain('Faltan documentos que el programa pide en todo procedimiento: ');
    expect(text).toContain(codeTitle('documentType', 'needsAssessment'));
    expect(text).not.toMatch(/para «/);
  });

  it('names a project status by its title too (OC4IDS projectStatus)', () => {
    const docs = applyCase(base, { description: '', set: { '/projects/0/status': 'implementation', '/projects/0/completion': { endDate: '2024-10-01T00:00:00-06:00' } } });
    const f = validate(docs, sourceMapOf(docs), SETTINGS).find((x) => x.code === 'project.completionWithoutStatus') as Finding;
    expect(renderFinding(f)).toContain(`su estado es «${codeTitle('projectStatus', 'implementation', 'oc4ids')}»`);
    expect(codeTitle('projectStatus', 'implementation', 'oc4ids')).not.toBe('implementation');
  });

  it('a repeated identifier names the row that has it first in a workbook, and the item in a package', () => {
    const docs = applyCase(base, { description: '', set: { '/releases/0/parties/2/id': 'MX-RFC-COP990315K2A' } });
    const inSheet = validate(docs, sourceMapOf(docs), SETTINGS).find((f) => f.code === 'array.duplicateId') as Finding;
    expect(renderFinding(inSheet)).toContain('El identificador «MX-RFC-COP990315K2A» se repite (ya lo usa la fila 4).');
    const inJson = validate(docs, new SourceMap(), SETTINGS).find((f) => f.code === 'array.duplicateId') as Finding;
    expect(renderFinding(inJson)).toContain('(ya lo usa el elemento 2 de esta lista)');
  });

  it("takes no party for a person because of a generic RFC's 13 characters (a foreign company uses XEXX010101000)", () => {
    const docs = applyCase(base, { description: '', set: { '/releases/0/parties/1/identifier/id': 'XEXX010101000' } });
    const codes = validate(docs, sourceMapOf(docs), SETTINGS).map((f) => f.code);
    expect(codes).not.toContain('party.personNameMissing');
    expect(codes).not.toContain('rfc.invalid');
    const person = applyCase(base, { description: '', set: { '/releases/0/parties/1/identifier/id': 'GODE561231GR8' } });
    expect(validate(person, sourceMapOf(person), SETTINGS).map((f) => f.code)).toContain('party.personNameMissing');
  });

  it('says which characters make a complete address invalid (spaces and accents of real publications)', () => {
    const url = 'http://si.nl.gob.mx/Acceso/DatosAbiertos/Documentos Públicos/000002/acta de fallo.pdf';
    const docs = applyCase(base, { description: '', set: { '/releases/0/tender/documents/0/url': url } });
    const f = validate(docs, sourceMapOf(docs), SETTINGS).find((x) => x.pointer === '/releases/0/tender/documents/0/url') as Finding;
    expect(f).toMatchObject({ code: 'schema.formatUriCharacters', params: { chars: '«espacio» «ú»' } });
    expect(renderFinding(f)).toContain('tiene caracteres que una dirección web no admite tal cual: «espacio» «ú».');
    const text = applyCase(base, { description: '', set: { '/releases/0/tender/documents/0/url': 'Ver bases' } });
    expect(validate(text, sourceMapOf(text), SETTINGS).find((x) => x.pointer === '/releases/0/tender/documents/0/url')?.code).toBe('schema.formatUri');
  });

  it("lets a budget line's measures repeat their moment (a list merged whole: its ids are not identifiers)", () => {
    const measures = [{ id: 'accrued', value: { amount: 100, currency: 'MXN' }, update: '2017-05-25T10:34:37-05:00' }, { id: 'accrued', value: { amount: 50, currency: 'MXN' }, update: '2017-09-26T13:17:41-05:00' }];
    const docs = applyCase(base, { description: '', set: { '/projects/0/budget/budgetBreakdowns': [{ id: '1', budgetBreakdown: [{ id: 'b1', budgetLines: [{ id: 'L1', measures }] }] }] } });
    expect(validate(docs, sourceMapOf(docs), SETTINGS).filter((f) => f.code === 'array.duplicateId')).toEqual([]);
    const parties = applyCase(base, { description: '', set: { '/releases/0/parties/2/id': 'MX-RFC-COP990315K2A' } });
    expect(validate(parties, sourceMapOf(parties), SETTINGS).map((f) => f.code)).toContain('array.duplicateId');
  });

  it('a $0 budget is said once on its cell: by its breakdown\'s sum when it has one, else as a value never captured', () => {
    const broken = applyCase(base, { description: '', set: { '/releases/0/planning/budget/amount/amount': 0 } });
    expect(checked(validate(broken, sourceMapOf(broken), SETTINGS)).map((f) => f.code)).toEqual(['amount.breakdownMismatch']);
    const bare = applyCase(base, { description: '', set: { '/releases/0/planning/budget/amount/amount': 0 }, remove: ['/releases/0/planning/budget/budgetBreakdown'] });
    const [f] = validate(bare, sourceMapOf(bare), SETTINGS);
    expect(renderFinding(f)).toBe('Advertencia — Hoja «Contrataciones», fila 3, columna AL (Monto del presupuesto): El presupuesto de la contratación vale $0, pero el monto estimado de la licitación es de $4,800,000.00. Escriba el monto del presupuesto; si aún no se conoce, deje la celda vacía.');
    // A process with no estimate, or one of $0 too, has nothing to compare it with.
    const unestimated = applyCase(base, { description: '', set: { '/releases/0/planning/budget/amount/amount': 0, '/releases/0/tender/value/amount': 0 }, remove: ['/releases/0/planning/budget/budgetBreakdown'] });
    expect(validate(unestimated, sourceMapOf(unestimated), SETTINGS).map((f) => f.code)).not.toContain('amount.budgetZero');
  });

  it('renders plain Spanish with the value', () => {
    const docs = applyCase(base, { description: '', set: { '/releases/0/parties/1/identifier/id': 'COP990315K2' } });
    const [f] = validate(docs, sourceMapOf(docs), SETTINGS);
    expect(renderFinding(f)).toContain('El RFC «COP990315K2» no es válido: tiene 11 caracteres');
    expect(renderFinding(f)).toContain('Hoja «Actores», fila 4');
  });
});

describe('validate: CoST IDS advice', () => {
  const advice = (docs: Documents): Finding[] => validate(docs, sourceMapOf(docs), SETTINGS).filter((f) => f.code === 'project.costIdsMissing');
  it('tells the official, on the project\'s status cell, which CoST IDS points its stage asks for and where to type them', () => {
    const [f, more] = advice(base);
    expect(more).toBeUndefined();
    expect(f).toMatchObject({ severity: 'info', pointer: '/projects/0/status', cell: { sheet: 'Proyectos', row: 3, header: 'Estado del proyecto' } });
    const text = renderMessage(f);
    expect(text).toMatch(/^Le faltan \d+ datos del CoST IDS .* que el estado del proyecto \(«Ejecución»\) ya pide: /);
    // The column and its sheet, the document type, the process that lacks it: what to fill, in the workbook's words.
    expect(text).toContain('Propósito: la columna «Propósito socioeconómico» de la hoja «Proyectos»');
    expect(text).toContain(`Impacto ambiental: un documento de tipo «${codeTitle('documentType', 'environmentalImpact', 'oc4ids')}», con su enlace o su descripción, en la hoja «Documentos del proyecto»`);
    // A process the workbook does not hold (published later, or before): its summary is what «Procesos del proyecto» typed.
    const typedOnly = renderMessage(advice({ ...base, releases: [] })[0]);
    expect(typedOnly).toContain('Monto del contrato (proceso «ocds-mer001-LO-031-2024»): las columnas «Monto del contrato» y «Moneda del contrato» de la hoja «Procesos del proyecto»');
    // Completion is not due for a project being carried out; a JSON package names fields, not columns.
    expect(text).not.toContain('Costo final');
    expect(renderMessage({ ...f, cell: undefined })).toContain('Propósito: «purpose»');
    // No contracting process at all: said once, not once per point the processes would carry.
    const without = renderMessage(advice(applyCase(base, { description: '', remove: ['/projects/0/contractingProcesses'] }))[0]);
    expect(without).toContain('Procesos de contratación: el proyecto no tiene ninguno; agréguelos en la hoja «Procesos del proyecto», con entidad contratante, estado del contrato');
    expect(without).not.toContain('Título del contrato:');
  });
  it('judges a process the workbook holds on the summary publication derives from its release, not on the typed row', () => {
    // The base's process is in its EDCA-MX sheets with its contract, tenderers and supplier: publication fills its
    // summary from them (core/summary), so the official is not sent to type them again in «Procesos del proyecto».
    const text = renderMessage(advice(base)[0]);
    expect(text).not.toMatch(/Monto del contrato|Empresas contratadas|Inicio y duración del contrato|Estado del contrato|Costo estimado|Alcance de los trabajos/);
    // What the release lacks too is still asked, for that process.
    const unpriced = applyCase(base, { description: '', remove: ['/releases/0/contracts/0/value'] });
    expect(renderMessage(advice(unpriced)[0])).toContain('Monto del contrato (proceso «ocds-mer001-LO-031-2024»)');
  });
  it('judges a «Modificaciones» row typed with an amendment\'s id as published: the amendment gives its date, description and rationale', () => {
    const amended = applyCase(base, { description: '', set: {
      '/releases/0/contracts/0/amendments': [{ id: 'CM-01', date: '2024-06-01T00:00:00-06:00', description: 'Se agrega la banqueta norte', rationale: 'Petición vecinal' }],
      // The official states only its type: publication lays the amendment under the row (deriveProjectSummaries).
      '/projects/0/contractingProcesses/0/summary/modifications': [{ id: 'CM-01', type: 'scope' }],
    } });
    const [f] = advice(amended);
    expect(renderMessage(f)).not.toMatch(/Modificaciones al contrato|Razones de las modificaciones/);
    // The same judgement as Pendientes and Calidad, which read the project as published.
    const release = (amended.releases as Record<string, unknown>[])[0];
    const published = deriveProjectSummaries((amended.projects as Record<string, unknown>[])[0], { [String(release.ocid)]: release }, new Map(), { now: SETTINGS.now as string });
    const missing = assessProjects([published])[0].filter((a) => a.state === 'missing');
    expect(f.params.count).toBe(missing.length);
    // What the amendment lacks too is still asked, of that modification.
    const unreasoned = applyCase(amended, { description: '', remove: ['/releases/0/contracts/0/amendments/0/rationale'] });
    expect(renderMessage(advice(unreasoned)[0])).toContain('Razones de las modificaciones (1 modificación)');
  });
  it("asks nothing of a process another implementer publishes (its summary comes from that one's data at publication)", () => {
    const theirs = applyCase(base, { description: '', set: { '/projects/0/contractingProcesses/0/id': 'ocds-gar001-LO-031-2024', '/projects/0/contractingProcesses/0/summary/ocid': 'ocds-gar001-LO-031-2024' } });
    const text = renderMessage(advice(theirs)[0]);
    expect(text).toContain('Propósito: la columna «Propósito socioeconómico» de la hoja «Proyectos»');
    expect(text).not.toMatch(/proceso «ocds-gar001-LO-031-2024»|Monto del contrato/);
  });
  it('asks a project in identification only for identification, and says nothing of a project that discloses all of it', () => {
    const identified = applyCase(base, { description: '', set: { '/projects/0/status': 'identification' } });
    expect(renderMessage(advice(identified)[0])).not.toMatch(/Impacto ambiental|Monto del contrato/);
    const complete = applyCase(identified, { description: '', set: { '/projects/0/purpose': 'Movilidad', '/projects/0/additionalClassifications': [{ scheme: 'x', id: '1', description: 'Vialidades' }] } });
    expect(advice(complete)).toEqual([]);
  });
});

describe('validate: text and stored size (R-51)', () => {
  it('refuses a 1 MB cell with one finding on that cell, not an internal store error later', () => {
    const docs = applyCase(base, { description: '', set: { '/releases/0/tender/description': 'a'.repeat(1_000_000) } });
    const findings = checked(validate(docs, sourceMapOf(docs), SETTINGS));
    expect(findings.map((f) => [f.code, f.cell?.sheet, f.cell?.row, f.cell?.header])).toEqual([['text.tooLong', 'Contrataciones', 3, 'Descripción de la licitación']]);
  });

  it('refuses a process whose record would not fit the store, and accepts the largest one that fits', () => {
    const withItems = (n: number): Documents => {
      const docs = applyCase(base, { description: '' });
      const release = (docs.releases as Record<string, unknown>[])[0];
      const tender = release.tender as { items: Record<string, unknown>[] };
      tender.items = Array.from({ length: n }, (_, i) => ({ id: `item-${i}`, description: `Concepto ${i} ${'ñ'.repeat(TEXT_MAX - 20)}`, quantity: 1 }));
      return docs;
    };
    let n = 1;
    while (!validate(withItems(n + 1), new SourceMap(), SETTINGS).some((f) => f.code === 'document.tooLarge')) n++;
    const over = validate(withItems(n + 1), sourceMapOf(withItems(n + 1)), SETTINGS).filter((f) => f.code === 'document.tooLarge');
    expect(over.map((f) => [f.pointer, f.cell?.sheet, f.cell?.row])).toEqual([['/releases/0/ocid', 'Contrataciones', 3]]);
    // A workbook with 300,000 payment rows made a record of «unos 28885 kB»: sizes are written as es-MX numbers.
    expect(renderMessage({ ...over[0], params: { ...over[0].params, size: 28885 } })).toContain('(unos 28,885 kB de un máximo de 600 kB)');
    // The largest accepted process, as the store keeps it at its first publication (the record without its versioned
    // release, publication/publish.ts), leaves room for its history; one more item would not.
    const stored = (items: number): number => {
      const release = (withItems(items).releases as Record<string, unknown>[])[0] as Record<string, unknown> & { id: string };
      return Buffer.byteLength(JSON.stringify(buildRecord(String(release.ocid), [{ ...release, date: '2025-01-01T00:00:00-06:00' }], { versioned: false, releaseUrl: (id) => `https://example.org/api/ocds/releases/${id}` })));
    };
    const bytes = stored(n);
    expect(stored(n + 1)).toBeGreaterThan(DOC_BUDGET - 2_000);
    expect(bytes).toBeLessThanOrEqual(DOC_BUDGET);
    expect(bytes).toBeLessThan(MAX_BODY_BYTES);
  });
});

describe('validate: links and hidden characters', () => {
  it('accepts only web links, whatever the disguise', () => {
    const urls = ['JAVASCRIPT:alert(1)', ' data:text/html,<b>x</b>', 'java\tscript:alert(1)', 'file:///etc/passwd', 'https://merida.gob.mx/a.pdf', 'HTTP://merida.gob.mx/b.pdf'];
    const flagged = urls.filter((url) => {
      const docs = applyCase(base, { description: '', set: { '/releases/0/tender/documents/0/url': url } });
      return validate(docs, new SourceMap(), SETTINGS).some((f) => f.code === 'url.scheme' || f.code === 'url.localFile');
    });
    expect(flagged).toEqual(urls.slice(0, 4));
  });

  it('quotes a long link that is not a web link cut with «…», so the reader knows the rest is in the cell', () => {
    const link = 'ftp://archivos.municipio.gob.mx/obras-publicas/licitaciones/2024/LP-001-2024/convocatoria-firmada.pdf';
    const docs = applyCase(base, { description: '', set: { '/releases/0/tender/documents/0/url': link } });
    const [f] = validate(docs, new SourceMap(), SETTINGS).filter((x) => x.code === 'url.scheme');
    // Cut bare at 80 it ended «…/LP-001-2024/conv», a file name nobody wrote.
    expect(f.params.value).toBe(`${link.slice(0, 77)}…`);
  });

  it('names the hidden characters and leaves tabs and line breaks alone', () => {
    const docs = applyCase(base, { description: '', set: { '/releases/0/tender/description': 'Obra\u200b de\tconcreto\n\u2066hidráulico\u2069' } });
    const findings = checked(validate(docs, new SourceMap(), SETTINGS));
    expect(findings.map((f) => [f.code, f.params.characters])).toEqual([['text.invisibleCharacters', 'U+200B, U+2066, U+2069']]);
    // In a sheet, in words an official reads («U+200B» told them nothing); in a JSON file, the code points.
    const inSheet = { ...findings[0], cell: { sheet: 'Contrataciones', row: 3, column: 6 } };
    expect(renderMessage(inSheet)).toBe('El texto «Obra de\tconcreto\nhidráulico» contiene caracteres invisibles (espacios sin ancho, marcas de dirección del texto) que pueden cambiar cómo se ve o se ordena. Borre el texto y escríbalo de nuevo, sin pegarlo.');
    expect(renderMessage(findings[0])).toContain('caracteres invisibles (U+200B, U+2066, U+2069) que');
  });

  it('names the noncharacters a text decoded in the wrong byte order carries (datos.xlsx cannot hold them)', () => {
    const docs = applyCase(base, { description: '', set: { '/releases/0/tender/description': 'Pavimentaci\uFFFEn' } });
    const [f] = checked(validate(docs, new SourceMap(), SETTINGS));
    expect([f.code, f.params.characters, f.params.kinds]).toEqual(['text.invisibleCharacters', 'U+FFFE', ' (caracteres no válidos)']);
  });
});

describe('completeness', () => {
  it('scores each document and the publisher over the program fields', () => {
    const report = completeness(base);
    expect(report.releases).toHaveLength(1);
    const [release] = report.releases;
    expect(release.id).toBe('ocds-mer001-LO-031-2024');
    expect(release.filled).toBeGreaterThan(30);
    expect(release.missing).toContain('tender/awardCriteria');
    expect(release.missing).not.toContain('tender/title');
    expect(release.share).toBeCloseTo(release.filled / release.total, 3);
    const emptier = completeness(applyCase(base, { description: '', remove: ['/releases/0/tender'] })).releases[0];
    expect(emptier.filled).toBeLessThan(release.filled);
    expect(report.publisher.total).toBe(release.total + report.projects[0].total);
  });
});

(hasStandards ? describe : describe.skip)('validate: official examples as oracle', () => {
  it('finds no schema error in the OCDS fictional example and the OC4IDS example, apart from documented exceptions', () => {
    const dir = path.join(STANDARDS_DIR, 'examples/ocds/sample-data/fictional-example-1.1');
    const releases = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => readJson<{ releases?: unknown[] }>(path.join(dir, f)).releases ?? []);
    const projects = readJson<{ projects: unknown[] }>(path.join(STANDARDS_DIR, 'examples/oc4ids/example.json')).projects;
    expect(releases.length).toBeGreaterThan(5);
    const schemaErrors = validate({ releases, projects }, new SourceMap(), SETTINGS).filter((f) => f.code.startsWith('schema.'));
    // Documented exception: the UK example describes its procedure in English prose; EDCA-MX restricts
    // procurementMethodDetails to the three Mexican procedure names (program list mx/procurementMethodDetails).
    expect(schemaErrors.filter((f) => !f.pointer?.endsWith('/tender/procurementMethodDetails'))).toEqual([]);
  });
});
