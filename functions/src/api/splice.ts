/**
 * Packages built from stored JSON text (DESIGN §7 keeps each document as text): the package envelope is
 * serialized once with an empty list, and the documents' text is spliced where the list goes — no parsing
 * and no serializing of megabytes of releases on a cache miss.
 */
import { projectPackage, recordPackage, releasePackage, type PackageMeta } from '../../../core/packages';
import type { DocumentKind } from '../store/store';

/** An answer that is already JSON text (the response cache sends it as is). */
export class RawJson {
  constructor(readonly text: string) {}
}

const PACKAGERS = { releases: releasePackage, records: recordPackage, projects: projectPackage } as const;

/** The package of `kind` around the documents' UTF-8 bytes, in one copy (no JS strings of megabytes). */
export function splicedPackageBytes(kind: DocumentKind, docs: Buffer[], meta: PackageMeta): Buffer {
  const envelope = JSON.stringify(PACKAGERS[kind]([], meta));
  // Strings inside the envelope escape their quotes, so the only raw `"releases":[]` is the list itself.
  const marker = `"${kind}":[]`;
  const at = envelope.lastIndexOf(marker);
  const parts: Buffer[] = [Buffer.from(`${envelope.slice(0, at)}"${kind}":[`, 'utf8')];
  docs.forEach((doc, i) => { if (i) parts.push(COMMA); parts.push(doc); });
  parts.push(Buffer.from(`]${envelope.slice(at + marker.length)}`, 'utf8'));
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');
