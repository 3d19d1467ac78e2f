/**
 * An implementer moving its published history here (Jalisco, Nuevo León, Ciudad de México, the SHCP, the INAI: the
 * real files of ../shared/standards/examples/real-mx) does what the README says — `import --sin-descargar`,
 * `history`, then `publish` of the imported workbook — and must find in what the public reads from the API afterwards
 * (the published releases, each record's compiled release and its list of releases, the projects) every path and
 * value it published, unchanged, but for what a documented rule changes on purpose and the import's report tells.
 *
 * The workbook as imported is refused (what the program asks for and these publications lack, README step 2): its
 * blank cells the errors point at are filled with a value their column accepts, nothing it holds is changed, and it
 * is published for real. Where errors remain on values the publisher published (an official must correct those), what
 * the workbook would add is its converted content merged after the history as publication merges it («simulado»).
 *
 * A helper for looking at the differences too: MIGRATION_DIFF=1 prints the counts per file and part;
 * MIGRATION_DIFF_DIR=folder writes each implementer's differences, leaf by leaf, and the CLI's output.
 */
import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { runCli, scratchDir } from './run-cli';
import { createApp } from '../../functions/src/app';
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { publicView } from '../../core/privacy/privacy-filter';
import { buildRecord } from '../../core/merge';
import { publish } from '../../functions/src/publication/publish';
import { openSource } from '../../functions/src/cli/open-source';
import { STANDARDS_DIR, hasStandards } from '../standards';
import { diffPaths, fieldOf, withoutNulls, type Difference, type PathDiff } from '../support/publication-diff';
import { fillBlankCells } from '../support/least-edits';
import { templateSpec } from '../../core/template/template-spec';

type Json = Record<string, any>;
const REAL = path.join(STANDARDS_DIR, 'examples', 'real-mx');
const BASE = 'http://127.0.0.1:43500';

/**
 * `differences`: the parts of its files that the public reads otherwise, with [lost, changed, added] leaves; every one
 * explained by a documented rule and told by the import (checked below). A new difference fails here first.
 */
interface Implementer { id: string; prefix: string; projectPrefix: string; files: string[]; differences: Record<string, [number, number, number]>; projectsOnly?: true }
const IMPLEMENTERS: Implementer[] = [
  { id: 'cdmx', prefix: 'ocds-87sd3t', projectPrefix: 'oc4ids-87sd3t', files: ['OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json'], differences: {
    'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json — entrega 01': [0, 1, 0],
    'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json — registro OCDS-87SD3T-SEFIN-DRM-A-002-2016 (historia)': [0, 1, 0],
    // 4 of them: its parties' postal codes «6720» and «3730», with their leading zero back (import.postal-code-zero).
    'OCDS-87SD3T-SEFIN-DRM-A-002-2016-01.json — registro OCDS-87SD3T-SEFIN-DRM-A-002-2016 (con el libro, simulado)': [0, 5, 73],
  } },
  { id: 'shcp', prefix: 'ocds-07smqs', projectPrefix: 'oc4ids-07smqs', files: ['ocds-07smqs-1386-1386.json'], differences: {
    // 3 changed: a contract's title and a party's name and legal name with doubled spaces, on one line (import.one-line).
    'ocds-07smqs-1386-1386.json — registro ocds-07smqs-1386 (con el libro)': [36, 3, 79],
  } },
  { id: 'jalisco', prefix: 'ocds-xs1qbl', projectPrefix: 'oc4ids-xs1qbl', files: ['ocds-xs1qbl-SFIN-03-0007-00-2017.json'], differences: {
    // 13 changed: two of them the document types typed «contrato» and «Bases», written as their codes (code-aliases.ts).
    'ocds-xs1qbl-SFIN-03-0007-00-2017.json — registro ocds-xs1qbl-SFIN-03-0007-00-2017 (con el libro)': [0, 13, 2],
  } },
  { id: 'nl', prefix: 'ocds-7wj9x5', projectPrefix: 'oc4ids-gx3fo2', files: ['RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json', 'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json', 'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json', 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json'], differences: {
    'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json — registro ocds-7wj9x5-SINL-AD-009-2020-v001 (historia)': [0, 1, 0],
    // Changed among these: each party's scheme «RFC», written MX-RFC (1, 8, 2 and 15 of them; import.scheme-rfc).
    'RecordPackage-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json — registro ocds-7wj9x5-SINL-AD-009-2020-v001 (con el libro, simulado)': [0, 6, 0],
    'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json — registro ocds-7wj9x5-SINL-CPE-021-2018-v001 (historia)': [0, 1, 0],
    // 2 of them: a joint bidder's name with doubled spaces, as party and as tenderer, on one line (import.one-line).
    'RecordPackage-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json — registro ocds-7wj9x5-SINL-CPE-021-2018-v001 (con el libro, simulado)': [0, 35, 0],
    // Two and one changed of these: the document types Nuevo León misspelled («landAndSettlementEvaluation»,
    // «evaluationReport»), written as the codes they meant (code-aliases.ts).
    'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json — proyecto oc4ids-gx3fo2-000001 (con el libro, simulado)': [49, 21, 5],
    'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json — proyecto oc4ids-gx3fo2-000005 (con el libro, simulado)': [93, 33, 7],
    'Release-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json — entrega Release-ocds-7wj9x5-SINL-AD-009-2020-v001-contract.json': [0, 1, 0],
    'Release-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json — entrega Release-ocds-7wj9x5-SINL-CPE-021-2018-v001-contract.json': [0, 1, 0],
  } },
  // Nuevo León's projects alone (a publisher of its own): its workbook publishes for real once its blank cells and the
  // two funding sources its budget names as parties are added, so the projects are read as publication writes them.
  { id: 'nl-proyectos', prefix: 'ocds-7wj9x5', projectPrefix: 'oc4ids-gx3fo2', projectsOnly: true, files: ['ProjectRelease-oc4ids-gx3fo2-000001-v000001.json', 'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json'], differences: {
    'ProjectRelease-oc4ids-gx3fo2-000001-v000001.json — proyecto oc4ids-gx3fo2-000001 (con el libro)': [49, 21, 16],
    'ProjectRelease-oc4ids-gx3fo2-000005-v000002.json — proyecto oc4ids-gx3fo2-000005 (con el libro)': [93, 33, 22],
  } },
  { id: 'inai', prefix: 'ocds-g4facg', projectPrefix: 'oc4ids-g4facg', files: ['record-package_269.json'], differences: {
    'record-package_269.json — registro ocds-g4facg-OA-C033-18 (con el libro, simulado)': [0, 43, 13],
  } },
];

const load = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
const lower = (ocid: string): string => ocid.replace(/^ocds-[a-z0-9]{6}/i, (p) => p.toLowerCase());

/**
 * The releases a record only links, as its server published them (the samples keep the records, not them): each
 * named as its address's last segment; all but the last carry only their identity, the last the record's compiled
 * content, so that compiling them gives the record's compiled release again.
 */
function linkedReleases(file: string, into: string): string[] {
  const written: string[] = [];
  for (const record of (load(file).records ?? []) as Json[]) {
    const links = ((record.releases ?? []) as Json[]).filter((l) => typeof l.url === 'string');
    links.forEach((link, i) => {
      const name = String(link.url).split('/').pop() as string;
      const { id: _id, date: _date, tag: _tag, ...content } = record.compiledRelease as Json;
      const release = i === links.length - 1 ? { ...content, id: name, date: link.date, tag: link.tag } : { ocid: content.ocid, id: name, date: link.date, tag: link.tag };
      const saved = path.join(into, name.endsWith('.json') ? name : `${name}.json`);
      fs.writeFileSync(saved, JSON.stringify({ uri: link.url, releases: [release] }));
      written.push(saved);
    });
  }
  return written;
}

interface Published { releases: Json[]; records: Json[]; projects: Json[] }

async function readPublic(dbFile: string, publisher: string): Promise<Published> {
  const store = openSqliteStore(dbFile);
  try {
    const app = createApp({ store, config: { publicBaseUrl: BASE, maxBodyBytes: 1024 * 1024 }, log: () => undefined });
    const get = async (url: string, key: string): Promise<Json[]> => {
      const res = await request(app).get(url);
      return res.status === 200 ? (res.body[key] as Json[]) : [];
    };
    return {
      releases: await get(`/api/ocds/releases?publisher=${publisher}&limit=1000`, 'releases'),
      records: await get(`/api/ocds/records?publisher=${publisher}&limit=1000`, 'records'),
      projects: await get(`/api/oc4ids/projects?publisher=${publisher}&limit=1000`, 'projects'),
    };
  } finally {
    await store.close();
  }
}

/**
 * A project's budget as OC4IDS 0.9.5 lays it out: an older `budget.budgetBreakdown` moves, unchanged, under
 * `budget.budgetBreakdowns[0]` (core/import/upgrade.ts, said by the import), so its values are compared where they went.
 */
function in095Layout(project: Json): Json {
  const budget = project.budget as Json | undefined;
  if (!budget || !Array.isArray(budget.budgetBreakdown) || budget.budgetBreakdowns) return project;
  const { budgetBreakdown, ...rest } = budget;
  return { ...project, budget: { ...rest, budgetBreakdowns: [{ id: '1', budgetBreakdown }] } };
}

const withoutStamp = ({ id: _id, date: _date, tag: _tag, ...rest }: Json): Json => rest;

export interface FileReport { file: string; part: string; diff: PathDiff }

/** Runs the migration of one implementer and compares what the public reads with each of its files. */
async function migrate(impl: Implementer, dir: string): Promise<{ reports: FileReport[]; log: string[] }> {
  const db = path.join(dir, `${impl.id}.sqlite`);
  process.env.INFRA_SQLITE = db;
  const log: string[] = [];
  const files = impl.files.map((f) => path.join(REAL, f));
  const linked = files.flatMap((f) => linkedReleases(f, dir));
  const all = [...files, ...linked];
  const step = async (...argv: string[]): Promise<number> => {
    const run = await runCli(...argv);
    log.push(`$ ${argv[0]} (${run.code})`, run.err);
    if (run.code !== 0 && argv[0] !== 'publish' && argv[0] !== 'convert') throw new Error(`${impl.id}: ${argv[0]} terminó con ${run.code}\n${run.err}`);
    return run.code;
  };
  await step('publishers', 'add', impl.id, '--nombre', impl.id, '--entidad', 'Jalisco', '--prefijo-ocid', impl.prefix, '--prefijo-proyectos', impl.projectPrefix, '--proyectos', '2');
  const book = path.join(dir, `${impl.id}.xlsx`);
  await step('import', ...all, '-o', book, '--sin-descargar');
  // Projects have no history: they are published with the workbook (README).
  if (!impl.projectsOnly) await step('history', ...all, '--publicador', impl.id, '--sin-descargar');
  const published = await step('publish', book, '--publicador', impl.id);
  const history = await readPublic(db, impl.id);
  // Refused (an unedited import lacks what the program asks for): the blank cells it points at are filled, and the
  // workbook published for real through the same function the CLI calls.
  const workbook = await openSource(book).read();
  const { filled, left } = fillBlankCells(workbook);
  let real = published === 0;
  if (!real && !left.length) {
    const store = openSqliteStore(db);
    try {
      const publisher = (await store.getPublisher(impl.id))!;
      const result = await publish(store, { publisher, workbook, actor: 'cli', now: new Date().toISOString(), baseUrl: BASE });
      real = result.status === 'published';
      log.push(`$ publish, con ${filled} celdas vacías llenadas (${result.status})`);
    } finally {
      await store.close();
    }
  }
  const after: Published = real ? await readPublic(db, impl.id) : { ...history };
  log.push(`errores que quedan: ${left.join(', ')}`);
  if (!real) {
    // Still refused (errors on values the publisher published, which an official must correct): what the workbook
    // would add is its converted content merged after the history, as publication merges it (core/merge), and its
    // projects as converted.
    const converted = path.join(dir, `${impl.id}.json`);
    const projectsFile = path.join(dir, `${impl.id}-proyectos.json`);
    await step('convert', book, '-o', converted, '--proyectos', projectsFile);
    const next = fs.existsSync(converted) ? (load(converted).releases ?? []) as Json[] : [];
    after.projects = fs.existsSync(projectsFile) ? (load(projectsFile).projects ?? []) as Json[] : [];
    after.records = history.records.map((record) => {
      const earlier = history.releases.filter((r) => r.ocid === record.ocid);
      const added = next.filter((r) => r.ocid === record.ocid);
      return { ...record, compiledRelease: buildRecord(String(record.ocid), [...earlier, ...added].map((r) => publicView(r)) as never).compiledRelease };
    });
  }
  const stage = real ? 'con el libro' : 'con el libro, simulado';
  const reports: FileReport[] = [];
  // By id: the ids of these files are distinct, and a release's ocid may be published without its version (README).
  const releaseById = (id: string): Json | undefined => history.releases.find((r) => r.id === id);
  const recordOf = (pub: Published, ocid: string): Json | undefined => pub.records.find((r) => lower(String(r.ocid)) === lower(ocid)) ?? pub.records.find((r) => lower(ocid).startsWith(lower(String(r.ocid))));
  const compiledIn = (pub: Published, ocid: string): Json => withoutStamp((recordOf(pub, ocid)?.compiledRelease ?? {}) as Json);
  for (const file of all) {
    const doc = load(file);
    const name = path.basename(file);
    const releases: Json[] = Array.isArray(doc.releases) ? doc.releases : doc.ocid ? [doc] : [];
    for (const r of releases) reports.push({ file: name, part: `entrega ${r.id}`, diff: diffPaths(publicView(r), releaseById(String(r.id)) ?? {}) });
    // A release published alone is its process's whole state: its record's compiled release must hold it.
    const states: [string, Json][] = doc.ocid ? [[String(doc.ocid), withoutStamp(doc)]] : ((doc.records ?? []) as Json[]).map((r) => [String((r.compiledRelease as Json).ocid), withoutStamp(r.compiledRelease as Json)]);
    for (const [ocid, state] of states) {
      const original = withoutNulls(publicView(state));
      reports.push({ file: name, part: `registro ${ocid} (historia)`, diff: diffPaths(original, compiledIn(history, ocid)) });
      reports.push({ file: name, part: `registro ${ocid} (${stage})`, diff: diffPaths(original, compiledIn(after, ocid)) });
    }
    // The releases a record lists keep their dates and tags (their addresses are this server's).
    for (const record of (doc.records ?? []) as Json[]) {
      const listed = (rs: unknown): string[] => ((rs ?? []) as Json[]).map((l) => `${String(l.date)} ${((l.tag ?? []) as string[]).join(',')}`);
      const ours = listed(recordOf(history, String((record.compiledRelease as Json).ocid))?.releases);
      reports.push({ file: name, part: `entregas del registro ${record.ocid}`, diff: diffPaths(listed(record.releases).sort(), ours.sort()) });
    }
    const projects: Json[] = Array.isArray(doc.projects) ? doc.projects : doc.id && !doc.ocid && !doc.records && !doc.releases ? [doc] : [];
    for (const p of projects) reports.push({ file: name, part: `proyecto ${p.id} (${stage})`, diff: diffPaths(in095Layout(publicView(p)), after.projects.find((x) => x.id === p.id) ?? {}) });
  }
  return { reports, log };
}

/**
 * Why a difference is there on purpose, as the import's report tells the official: the text a line of it must say
 * and, for a note per column, the field whose column that line must name. Undefined when nothing explains it: then
 * a value was lost or changed silently.
 */
interface Told { said: RegExp; column?: string }
function toldAs(kind: 'lost' | 'changed', d: Difference): Told | undefined {
  const { path: p, before, after } = d;
  const inColumn = (said: RegExp, column = p): Told => ({ said, column });
  if (kind === 'changed') {
    if (p === 'ocid' && typeof before === 'string' && after === lower(before)) return { said: /en minúsculas/ };
    if (p === 'ocid' && typeof before === 'string' && typeof after === 'string' && before.startsWith(`${after}-v`)) return { said: /con la versión de la entrega|traía dos ocid/ };
    if (p === 'updated') return { said: /fecha de última actualización/ };
    if (p === 'status' && before === 'completed') return { said: /no existe en EDCAPI 0\.9\.5/ };
    if (typeof before === 'number' && after === String(before)) return inColumn(/se guardan? como texto/);
    if (typeof before !== 'string' || typeof after !== 'string') return undefined;
    if (before.trim() === after) return inColumn(/Se quitaron espacios o caracteres invisibles/);
    if (before.replace(/\r\n?/g, '\n') === after) return inColumn(/saltos de línea con el formato de Windows/);
    // A title or name with doubled spaces, written on one line as the workbook publishes it (import.one-line).
    if (before.replace(/\s+/g, ' ').trim() === after) return inColumn(/en una sola línea/);
    if (encodeURI(before) === after || encodeURI(decodeURI(before)) === after) return inColumn(/codificadas? como las envía el navegador/);
    if (/T\d\d:\d\d:\d\d$/.test(before) && after.startsWith(before)) return inColumn(/se completaron con la hora de la Ciudad de México/);
    // Nuevo León's parties' RFC scheme «RFC», written as EDCA-MX's code for it (import.scheme-rfc).
    if (/identifier\/scheme$/.test(p) && before === 'RFC' && after === 'MX-RFC') return inColumn(/decían? «RFC»/);
    // Ciudad de México's four-digit postal codes («6720»), with the zero they lost (import.postal-code-zero).
    if (/postalCode$/.test(p) && after === `0${before}`) return inColumn(/perdido el cero inicial/);
    // A code written with other capitals, by its Spanish name, or by another spelling of the same code.
    if (/^[a-zA-Z]+$/.test(after) || before.toLowerCase() === after.toLowerCase()) return inColumn(/como el código del catálogo/);
    return undefined;
  }
  if (typeof before === 'string' && /^0001-/.test(before)) return inColumn(/año anterior a 1900/);
  if (before === '') return inColumn(/textos? vacíos?/);
  if (/^parties\[id=[^\]]+#\d+\]/.test(p)) return { said: /venía repetido|se repetían/ };
  if (/^contractingProcesses\[[^\]]+\]\/releases/.test(p)) return { said: /Al publicar se calculan de nuevo/ };
  if (/^contractingProcesses\[id=Release-[^\]]+\]\/id$/.test(p)) return { said: /se identifica con su OCID/ };
  // A list item keyed by a code's Spanish name, keyed again by the code (the SHCP's «Comprometido» → «committed»).
  const keyed = /^(.*measures)\[id=[A-ZÁÉÍÓÚ][a-záéíóú]+\]/.exec(p);
  if (keyed) return inColumn(/como el código del catálogo/, `${keyed[1]}/id`);
  return undefined;
}

/** The titles of the template columns of each field (unindexed path), as the import's report names them. */
const COLUMN_TITLES: Map<string, string[]> = (() => {
  const out = new Map<string, string[]>();
  for (const sheet of templateSpec().sheets) for (const c of sheet.columns) out.set(c.field, [...(out.get(c.field) ?? []), `«${c.title}»`]);
  return out;
})();

/**
 * Whether the report tells this difference: a line of it says the reason and, where the template has a column for
 * the field, names that column (a reason said of another column does not tell this one).
 */
function isTold(report: string[], told: Told): boolean {
  const titles = told.column === undefined ? [] : COLUMN_TITLES.get(fieldOf(told.column).replace(/\[\]/g, '')) ?? [];
  return report.some((line) => told.said.test(line) && (!titles.length || titles.some((t) => line.includes(t))));
}

/** The counts per file and part (lost, changed, added), what nothing explains or the report does not tell, a line per part. */
function summarize(reports: FileReport[], told: string): { counts: Record<string, [number, number, number]>; unexplained: string[]; untold: string[]; lines: string[] } {
  const counts: Record<string, [number, number, number]> = {};
  const unexplained: string[] = [];
  const untold = new Set<string>();
  const lines: string[] = [];
  const report = told.split('\n');
  for (const r of reports) {
    const key = `${r.file} — ${r.part}`;
    counts[key] = [r.diff.lost.length, r.diff.changed.length, r.diff.added.length];
    lines.push(`${key}: ${r.diff.lost.length} perdidos, ${r.diff.changed.length} cambiados, ${r.diff.added.length} agregados`);
    for (const [kind, list] of [['lost', r.diff.lost], ['changed', r.diff.changed]] as const) {
      for (const d of list) {
        const told = toldAs(kind, d);
        if (!told) unexplained.push(`${key}: ${kind} ${d.path} ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`);
        else if (!isTold(report, told)) untold.add(`${key}: ${fieldOf(d.path)} (${told.said.source})`);
      }
    }
  }
  return { counts, unexplained, untold: [...untold], lines };
}

(hasStandards ? describe : describe.skip)('moving a published history here (real-mx)', () => {
  const saved = { INFRA_SQLITE: process.env.INFRA_SQLITE, PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL };
  let dir: string;
  const table: string[] = [];
  beforeAll(() => { dir = scratchDir('migracion-'); process.env.PUBLIC_BASE_URL = BASE; });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.MIGRATION_DIFF) console.log(table.join('\n'));
  });

  test.each(IMPLEMENTERS.map((i) => [i.id, i] as const))('%s: every value published before is read again as published, or the import said why not', async (_id, impl) => {
    const { reports, log } = await migrate(impl, dir);
    if (process.env.MIGRATION_DIFF_DIR) fs.writeFileSync(path.join(process.env.MIGRATION_DIFF_DIR, `${impl.id}.json`), JSON.stringify({ reports, log }, null, 1));
    const { counts, unexplained, untold, lines } = summarize(reports, log.join('\n'));
    table.push(...lines);
    expect(unexplained).toEqual([]);
    expect(untold).toEqual([]);
    // The history is published as it was: its releases and the records compiled from them lose and change nothing
    // but the ocids the README says are rewritten.
    for (const [key, [lost, changed]] of Object.entries(counts)) {
      if (/ — entrega |\(historia\)|entregas del registro/.test(key)) expect([key, lost, changed <= 1]).toEqual([key, 0, true]);
    }
    expect(Object.fromEntries(Object.entries(counts).filter(([, n]) => n.some((x) => x > 0)))).toEqual(impl.differences);
  }, 60_000);
});
