/**
 * A GET whose silence is timed: the reads every page waits on (the API's, and the server's sign-in method) go through
 * here. A request the network lost (a phone's signal gone mid-answer, a proxy that took it and never answered) left
 * «Cargando…» on screen for good: the browser waits for it without end, and every page after waited on the same read
 * (a load is shared until it fails). Given up, it fails as a read with no answer, or one cut short, does, and the page
 * says so with «Intentar de nuevo». Silence, not the whole read, is timed: a state's index is megabytes, slow on a weak
 * signal but not silent this long.
 */

/** How long a read may receive nothing (ms); a page may set `IA_STALL_MS` before this script runs (the browser tests do). */
const STALL_MS = Number((globalThis as { IA_STALL_MS?: unknown }).IA_STALL_MS) || 30_000;

/**
 * fetch(url, init), rejected as fetch is when no answer starts within STALL_MS; the answer's body errors when it then
 * falls silent for as long (reading it rejects, as a body cut short does).
 */
export async function watchedRead(url: string, init: RequestInit = {}): Promise<Response> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), STALL_MS);
  const heard = (): void => { clearTimeout(timer); timer = setTimeout(() => controller.abort(), STALL_MS); };
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: controller.signal });
  } catch (e) {
    clearTimeout(timer);
    throw e;
  }
  // A browser without TransformStream (Firefox before 102) has its answers' start watched only.
  if (!res.body || typeof TransformStream === 'undefined') { clearTimeout(timer); return res; }
  heard();
  const body = res.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) { heard(); out.enqueue(chunk); },
    flush() { clearTimeout(timer); },
  }));
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
