/**
 * Three slips an editor keeps finding in what people read, caught before they ship: a count written as bare digits
 * before a plural noun in the source's messages («1 filas», «dentro de 1 días»: formatCount agrees the words with the
 * number); common Spanish words that lose their accent on an English keyboard («publicacion», «numero») in the
 * catalogue, the Instrucciones and Configuración sheets and the field and code labels; the guides writing
 * thousands «1 000» where the product writes «1,000»; and a submission called «entrega», the word for an OCDS release.
 */
import * as fs from 'fs';
import * as path from 'path';
import { catalogue } from '../core/messages/catalogue';
import '../core/import';
import '../core/pipeline/check-workbook';
import { INSTRUCTIONS } from '../core/template/instructions';
import { SETTINGS } from '../core/template/settings';
import { STATUS_LABELS, statusLabelOf } from '../core/workflow/contract';

const ROOT = path.resolve(__dirname, '..');
const SOURCES = ['core', 'functions/src', 'dashboard/src', 'addon/src', 'addon/sidebar'];

/** Every non-test TypeScript file of the parts whose strings people read. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const s of SOURCES) walk(path.join(ROOT, s));
  return out;
}

/** Nouns counted in messages; after bare digits they read «1 filas». */
const PLURALS = 'filas|celdas|hojas|columnas|errores|advertencias|avisos|procesos|proyectos|contrataciones|entregas|registros|envíos|días|implementadores|publicaciones|enviados|documentos|archivos|valores|cuentas';
/** `${formatNumber(n, 0)} filas`, `${xs.length} enviados`, `${n.periodicityDays} días`: the number alone, the noun fixed. */
const BARE_COUNT = new RegExp(`\\$\\{(?:formatNumber\\([^{}]*, 0\\)|[\\w.]+\\.(?:length|periodicityDays|publishers))\\}\\s(?:${PLURALS})\\b`, 'g');

test('no count is written as bare digits before a plural noun (formatCount agrees them)', () => {
  const found = sourceFiles().flatMap((f) => (fs.readFileSync(f, 'utf8').match(BARE_COUNT) ?? []).map((m) => `${path.relative(ROOT, f)}: ${m}`));
  expect(found).toEqual([]);
});

/**
 * Words never right without their accent (or ñ), as they come out of an English keyboard. Not «si», «esta», «mas»,
 * «valido», «pagina» (words of their own too), nor «guion» (right unaccented since 2010).
 */
const UNACCENTED = [
  'publicacion', 'numero', 'informacion', 'revision', 'version', 'codigo', 'descripcion', 'direccion', 'titulo', 'modificacion',
  'adjudicacion', 'licitacion', 'contratacion', 'ejecucion', 'planeacion', 'tambien', 'envio', 'envios', 'metodo', 'catalogo', 'telefono',
  'electronico', 'unico', 'tecnico', 'minimo', 'maximo', 'aqui', 'despues', 'ademas', 'segun', 'sesion', 'configuracion', 'validacion',
  'opcion', 'seccion', 'ubicacion', 'institucion', 'todavia', 'pais', 'ano', 'anos', 'espanol', 'tamano', 'dias', 'estan', 'podra',
  'debera', 'sera', 'habra',
];
// Not inside a path, a file name or an address («numero.json», «/revision»): a sentence's period is not one.
const WORD = new RegExp(`(?<![\\p{L}\\w/.@-])(?:${UNACCENTED.join('|')})(?![\\p{L}\\w/@-]|\\.\\w)`, 'iu');

test('the catalogue, the template and the field labels write their accents', () => {
  const labels = ['fields-ocds', 'fields-oc4ids', 'codes-ocds', 'codes-oc4ids'].map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/labels', `${f}.json`), 'utf8')) as unknown);
  const texts: [string, string][] = [
    ...Object.entries(catalogue()),
    ...INSTRUCTIONS.map((t, i): [string, string] => [`Instrucciones ${i}`, t]),
    ...SETTINGS.flatMap((s): [string, string][] => [[s.key, s.title], [s.key, s.help]]),
  ];
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'string') texts.push([at, v]);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}/${k}`);
  };
  labels.forEach((l, i) => walk(l, `labels ${i}`));
  // Placeholders and addresses are not words.
  const plain = (t: string): string => t.replace(/\{[^{}]*\}/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  expect(texts.filter(([, t]) => WORD.test(plain(t))).map(([k, t]) => `${k}: ${t.slice(0, 120)}`)).toEqual([]);
});

test('the guides group thousands as es-MX does (1,000), not with spaces (1 000)', () => {
  const docs = ['README.md', 'addon/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const spaced = docs.flatMap((f) => (fs.readFileSync(path.join(ROOT, f), 'utf8').match(/(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]?\d)/g) ?? []).map((n) => `${f}: ${n}`));
  expect(spaced).toEqual([]);
});

/**
 * What an official sends for review is «el envío» wherever people read about it; «entrega» is the OCDS release
 * («paquete de entregas», «entrega compilada»). A coordinator who read «la entrega» on the review page and «3 entregas
 * nuevas» in its change preview could not tell which was which. The parts that speak of submissions use «entrega»
 * only for a release, each such text listed here.
 */
const SUBMISSION_SOURCES = ['core/workflow', 'functions/src/workflow', 'dashboard/src/review', 'addon/src', 'addon/sidebar'];
const RELEASE_MEANINGS = [
  // The audit label of `infra-abierta history`: the releases published elsewhere before.
  'Publicó las entregas que el implementador ya había publicado antes',
  // A publication's releases in the Bitácora's details (core/workflow/audit-details.ts).
  "'entrega OCDS', 'entregas OCDS'",
];

test('the pages, add-on, e-mails and workflow messages about submissions call one «envío», not «entrega»', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|html)$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) files.push(p);
    }
  };
  for (const s of SUBMISSION_SOURCES) walk(path.join(ROOT, s));
  const found = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')
    .filter((line) => /\bentregas?\b/i.test(line) && !RELEASE_MEANINGS.some((r) => line.includes(r)))
    .map((line) => `${path.relative(ROOT, f)}: ${line.trim()}`));
  expect(found).toEqual([]);
  // «el envío» is masculine: its situations agree with it («Devuelto con comentarios», not «Devuelta»).
  const labels = [...Object.values(STATUS_LABELS), statusLabelOf({ status: 'returned', history: [{ action: 'superseded' }] })];
  expect(labels.filter((l) => /^\p{L}+(?:ada|ida)\b/u.test(l))).toEqual([]);
});
