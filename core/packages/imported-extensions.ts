/**
 * The extensions that releases published elsewhere were declared with, for the packages that serve them here.
 * OCDS 1.1.5 (release and record package schemas, `extensions`): "an array of OCDS extensions used in this package",
 * each the URL of an extension.json. A tool that checks a package (the Data Review Tool, lib-cove-ocds, Kingfisher)
 * builds its schema from the core schema and those extensions, and reports every field the result does not describe
 * as an additional field. `history` publishes releases as they were published, so their fields are described by what
 * their own packages declared — not always among the program's (servedExtensions): a package serving them declares
 * both. An extension the program already declares, under another owner's copy (INAI's packages name its mirrors
 * `INAImexico/<extension>`, the program the capture tool's `contratacionesabiertas/<extension>`), is not declared
 * twice: same repository name, same extension.
 */
import { isObject } from '../json/json-values';

/** At most this many addresses are kept, each at most this long: they are stored with the publication (1 MiB a document). */
const MAX_EXTENSIONS = 100;
const MAX_URL_LENGTH = 500;

/** An http(s) address, as OCDS asks (`format: uri`); anything else in a list is no extension to declare. */
function extensionAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What names one extension whatever copy an address points to: the repository of a GitHub address
 * (raw.githubusercontent.com/<owner>/<repository>/<ref>/extension.json, github.com/<owner>/<repository>/…), in
 * lower case; any other address stands for itself.
 */
export function extensionIdentity(url: string): string {
  try {
    const u = new URL(url);
    const parts = u.pathname.split('/').filter(Boolean);
    if ((u.hostname === 'raw.githubusercontent.com' || u.hostname === 'github.com') && parts.length >= 2) return `github:${parts[1].toLowerCase()}`;
  } catch { /* an address that does not parse stands for itself */ }
  return url;
}

/**
 * The extension addresses the packages among `values` declare, each once, in the order first given: a package's own
 * `extensions`, and those of `packageInfo` (a bare release of datos.gob.mx's API carries its package's metadata there)
 * — of the value itself, of each item of a list, and of each release of a list or package.
 */
export function declaredExtensions(values: readonly unknown[]): string[] {
  const found = new Set<string>();
  const read = (meta: unknown): void => {
    if (!isObject(meta) || !Array.isArray(meta.extensions)) return;
    for (const v of meta.extensions) {
      const url = extensionAddress(v);
      if (url !== undefined && found.size < MAX_EXTENSIONS) found.add(url);
    }
  };
  const visit = (value: unknown): void => {
    if (!isObject(value)) return;
    read(value);
    read(value.packageInfo);
    if (Array.isArray(value.releases)) for (const r of value.releases) if (isObject(r)) read(r.packageInfo);
  };
  for (const value of values) {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else visit(value);
  }
  return [...found];
}

/**
 * `served`, then each of `imported` that is no copy of an extension already there (extensionIdentity), each once:
 * the `extensions` of a package that serves releases published elsewhere.
 */
export function withImportedExtensions(served: readonly string[], imported: readonly string[]): string[] {
  const known = new Set(served.map(extensionIdentity));
  const out = [...served];
  for (const url of imported) {
    const identity = extensionIdentity(url);
    if (known.has(identity)) continue;
    known.add(identity);
    out.push(url);
  }
  return out;
}
