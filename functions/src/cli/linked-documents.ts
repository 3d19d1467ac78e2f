/**
 * The documents a record's linked releases point to (core/import/linked-releases.ts), had for `history` and `import`: first
 * among the files the official gave (by the package's `uri` or the address's file name: offline, or downloaded by
 * hand), else fetched with an HTTP GET of the address — unless `offline` (--sin-descargar). Each address is read
 * once (the INAI's record links 86), a few at a time, each within a time and a size limit, so that an old server
 * that hangs or answers a huge page does not hang the command or fill the memory. A failure is returned typed (the
 * core words it, naming the record's file and the address), never thrown.
 */
import { fetchable, givenDocument, linkDocument, unresolved, type LinkedDocument, type LinkFailure, type ReleaseLink } from '../../../core/import/linked-releases';
import { decodeJsonBytes } from './read-json';

export interface FetchLimits {
  /** For the whole answer (headers and body) of one address. */
  timeoutMs: number;
  maxBytes: number;
  /** Addresses fetched at once: an old server is a small one, and the INAI's record alone links 86 files. */
  concurrency: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 50 * 1024 * 1024, concurrency: 4 };

/** Node's network error codes, in the words of the person who typed the address. */
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'conexión rechazada',
  ENOTFOUND: 'no se encontró el servidor',
  EAI_AGAIN: 'no se pudo consultar el nombre del servidor',
  ECONNRESET: 'la conexión se cortó',
  EHOSTUNREACH: 'no hay ruta al servidor',
  ENETUNREACH: 'sin red',
  UND_ERR_SOCKET: 'la conexión se cortó',
  CERT_HAS_EXPIRED: 'su certificado venció',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'su certificado no es de confianza',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'su certificado no es de confianza',
  ERR_TLS_CERT_ALTNAME_INVALID: 'su certificado es de otro nombre',
};

function networkDetail(error: unknown): string {
  const cause = typeof error === 'object' && error !== null ? ((error as { cause?: unknown }).cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  if (code && NETWORK_WORDS[code]) return NETWORK_WORDS[code];
  if (code) return code;
  return typeof cause?.message === 'string' && cause.message ? cause.message : 'sin respuesta';
}

/** One address's JSON, or why not. */
export async function fetchDocument(url: string, limits: FetchLimits): Promise<LinkedDocument> {
  const failure = (f: LinkFailure): LinkedDocument => ({ failure: f });
  if (!fetchable(url)) return failure({ kind: 'bad-url' });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, limits.timeoutMs);
  const tooBig = (): LinkedDocument => failure({ kind: 'too-big', megabytes: Math.round(limits.maxBytes / (1024 * 1024)) });
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      controller.abort();
      return failure({ kind: 'status', status: response.status, detail: response.statusText || 'sin explicación' });
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) { controller.abort(); return tooBig(); }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    for (;;) {
      const next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limits.maxBytes) { controller.abort(); return tooBig(); }
      chunks.push(next.value);
    }
    const { text } = decodeJsonBytes(Buffer.concat(chunks));
    try {
      return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
    } catch {
      return failure({ kind: 'not-json' });
    }
  } catch (error) {
    if (timedOut) return failure({ kind: 'timeout', seconds: limits.timeoutMs / 1000 });
    return failure({ kind: 'unreachable', detail: networkDetail(error) });
  } finally {
    clearTimeout(timer);
  }
}

export interface LinkedDocumentsOptions {
  offline: boolean;
  limits: FetchLimits;
  /** Told after each address fetched: how many of how many. */
  progress?: (done: number, total: number) => void;
}

/**
 * The document at every link's address (without its fragment), keyed so; `fetched` is how many addresses were
 * fetched (not found among the files), `failed` how many of those could not be had.
 */
export async function linkedDocuments(links: readonly ReleaseLink[], files: readonly { file: string; value: unknown }[], options: LinkedDocumentsOptions): Promise<{ documents: Map<string, LinkedDocument>; fetched: number; failed: number }> {
  const documents = new Map<string, LinkedDocument>();
  const toFetch = new Set<string>();
  for (const link of links) {
    const address = linkDocument(link.url);
    if (documents.has(address) || toFetch.has(address)) continue;
    const given = givenDocument(link.url, files);
    if (given) documents.set(address, { value: given.value, given: given.file });
    // Relative, in a package without its own address: nowhere to fetch it from.
    else if (unresolved(link)) documents.set(address, { failure: { kind: 'relative' } });
    else if (options.offline) documents.set(address, { failure: { kind: 'offline' } });
    else toFetch.add(address);
  }
  const queue = [...toFetch];
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length) {
      const address = queue[next++];
      const doc = await fetchDocument(address, options.limits);
      if ('failure' in doc) failed++;
      documents.set(address, doc);
      options.progress?.(++done, queue.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.limits.concurrency, queue.length) }, worker));
  return { documents, fetched: queue.length, failed };
}
