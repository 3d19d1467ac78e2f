/**
 * The program's own extensions (schemas/extensions) as the public API serves them to outside OCDS tools. The
 * committed `extension.json` holds what does not depend on where the API runs (names and descriptions in Spanish
 * and English, compatibility, the published extensions it depends on, its schema and code list files); the served
 * copy adds `documentationUrl`, which names this API: each language's documentation is served beside it, written
 * here from the metadata and the extension's schema patch, so it cannot drift from what the API declares.
 */
import { isObject } from '../json/json-values';

export type DocLanguage = 'es' | 'en';
export type LanguageMap = Readonly<Record<DocLanguage, string>>;

/** The committed `extension.json` of one of our extensions (the OCDS extension metadata, less documentationUrl). */
export interface OwnExtensionMetadata {
  name: LanguageMap;
  description: LanguageMap;
  compatibility: readonly string[];
  dependencies?: readonly string[];
  testDependencies?: readonly string[];
  schemas: readonly string[];
  codelists?: readonly string[];
}

/** Each language's documentation, by file name beside `extension.json` (Spanish, the program's language, first). */
export const DOCUMENTATION_FILES: Readonly<Record<DocLanguage, string>> = { es: 'README.md', en: 'README.en.md' };

/** The folder an extension is served from, ending in `/` (core/packages/extensions.ts names its extension.json). */
export function extensionFolderUrl(baseUrl: string, name: string): string {
  return `${baseUrl}/api/extensiones/${name}/`;
}

/** The `extension.json` the API serves: the committed metadata with the documentation URLs at `baseUrl`. */
export function servedExtensionMetadata(baseUrl: string, name: string, metadata: OwnExtensionMetadata): Record<string, unknown> {
  const folder = extensionFolderUrl(baseUrl, name);
  const { name: title, description, ...rest } = metadata;
  return { name: title, description, documentationUrl: { es: `${folder}${DOCUMENTATION_FILES.es}`, en: `${folder}${DOCUMENTATION_FILES.en}` }, ...rest };
}

type Json = Record<string, unknown>;

const TEXTS = {
  es: {
    declare: 'Para declararla, agregue esta dirección a `extensions` del paquete de entregas o de registros:',
    compatibility: 'Compatible con OCDS', requires: 'Requiere estas extensiones (declárelas también):',
    fields: 'Campos', object: 'Objeto', field: 'Campo', type: 'Tipo', codelist: 'Lista de códigos',
    closed: 'cerrada', open: 'abierta', arrayOf: 'lista de', files: 'Archivos', schema: 'parche del esquema de entregas', list: 'lista de códigos (Code, Title, Description)',
  },
  en: {
    declare: 'To declare it, add this URL to the `extensions` of the release or record package:',
    compatibility: 'Compatible with OCDS', requires: 'It requires these extensions (declare them too):',
    fields: 'Fields', object: 'Object', field: 'Field', type: 'Type', codelist: 'Codelist',
    closed: 'closed', open: 'open', arrayOf: 'array of', files: 'Files', schema: 'release schema patch', list: 'codelist (Code, Title, Description)',
  },
} as const;

/** A field's type as the schema patch states it: its types, or the object it names, or an array of either. */
function typeText(lang: DocLanguage, field: Json): string {
  const ref = (node: unknown): string | undefined => (isObject(node) && typeof node.$ref === 'string' ? node.$ref.split('/').pop() : undefined);
  const own = ref(field);
  if (own) return own;
  const types = (Array.isArray(field.type) ? field.type : [field.type]).filter((t): t is string => typeof t === 'string');
  if (types.includes('array')) return `${TEXTS[lang].arrayOf} ${ref(field.items) ?? (isObject(field.items) ? String(field.items.type ?? '') : '')}`.trim();
  return types.join(', ');
}

/** The Markdown documentation of an extension in `lang`: what it adds, how to declare it, its fields and files. */
export function extensionDocumentation(lang: DocLanguage, baseUrl: string, name: string, metadata: OwnExtensionMetadata, releaseSchema: unknown): string {
  const t = TEXTS[lang];
  const folder = extensionFolderUrl(baseUrl, name);
  const lines = [`# ${metadata.name[lang]}`, '', metadata.description[lang], '', t.declare, '', `    ${folder}extension.json`, '',
    `${t.compatibility}: ${metadata.compatibility.join(', ')}.`, ''];
  if (metadata.dependencies?.length) lines.push(t.requires, '', ...metadata.dependencies.map((u) => `- <${u}>`), '');
  lines.push(`## ${t.fields}`, '', `| ${t.object} | ${t.field} | ${t.type} | ${t.codelist} |`, '|---|---|---|---|');
  const definitions = isObject(releaseSchema) && isObject(releaseSchema.definitions) ? releaseSchema.definitions : {};
  for (const [object, definition] of Object.entries(definitions)) {
    const properties = isObject(definition) && isObject(definition.properties) ? definition.properties : {};
    for (const [field, spec] of Object.entries(properties)) {
      if (!isObject(spec)) continue;
      const list = typeof spec.codelist === 'string' ? `${spec.codelist} (${spec.openCodelist === false ? t.closed : t.open})` : '';
      lines.push(`| ${object} | \`${field}\` | ${typeText(lang, spec)} | ${list} |`);
    }
  }
  lines.push('', `## ${t.files}`, '', ...metadata.schemas.map((f) => `- [${f}](${folder}${f}): ${t.schema}`),
    ...(metadata.codelists ?? []).map((f) => `- [codelists/${f}](${folder}codelists/${f}): ${t.list}`), '');
  return lines.join('\n');
}
