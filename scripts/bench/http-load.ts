/**
 * A closed-loop HTTP load generator for the API benches: `connections` keep-alive connections, each sending its
 * next request as soon as the previous answer has been read to the end, for `seconds`.
 *
 * Why not autocannon: it decodes every answer body into a JS string and concatenates it (its request queue keeps
 * `body += chunk`), so reading a 1.4 MB page cost the generator more CPU than the server spent sending it — on
 * 2 cores the generator, not the server, set the figure. Here bodies are only counted (Node's C parser, no
 * decoding), and the generator's own CPU time is reported next to the figures so a reader can judge it.
 */
import * as http from 'http';
import { performance } from 'perf_hooks';

export interface LoadOptions {
  /** `http://127.0.0.1:port/` */
  base: string;
  connections: number;
  seconds: number;
  /** The path (with query) of the next request. */
  path: () => string;
  /** Request headers, fixed or chosen per request. */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** A request without its whole answer by then is a timeout (an error). Default 10 s. */
  timeoutMs?: number;
}

export interface LoadResult {
  requests: number;
  bytes: number;
  /** Connection errors and cut answers, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  codes: Record<string, number>;
  latency: { p50: number; p99: number; max: number };
  /** Answers per second over the run. */
  rate: number;
  /** CPU seconds (user + system) the generator itself used. */
  cpuSeconds: number;
  seconds: number;
}

const percentile = (sorted: Float64Array, p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0);

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const target = new URL(o.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections, maxFreeSockets: o.connections });
  const timeoutMs = o.timeoutMs ?? 10_000;
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let bytes = 0;
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const codes: Record<string, number> = {};
  const record = (ms: number): void => {
    if (count === latencies.length) { const grown = new Float64Array(latencies.length * 2); grown.set(latencies); latencies = grown; }
    latencies[count++] = ms;
  };

  const one = (): Promise<void> => new Promise((resolve) => {
    const start = performance.now();
    let settled = false;
    const fail = (): void => { if (!settled) { settled = true; errors += 1; resolve(); } };
    const req = http.request({ host: target.hostname, port: target.port, path: o.path(), agent, headers: typeof o.headers === 'function' ? o.headers() : o.headers }, (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => { n += chunk.length; });
      res.once('end', () => {
        if (settled) return;
        settled = true;
        const status = res.statusCode ?? 0;
        codes[status] = (codes[status] ?? 0) + 1;
        if (status < 200 || status >= 300) non2xx += 1;
        bytes += n;
        record(performance.now() - start);
        resolve();
      });
      res.once('aborted', fail);
      res.once('error', fail);
    });
    req.setTimeout(timeoutMs, () => { if (!settled) timeouts += 1; req.destroy(new Error('tiempo agotado')); });
    req.once('error', fail);
    req.end();
  });

  const cpu = process.cpuUsage();
  const began = performance.now();
  const until = began + o.seconds * 1000;
  const connection = async (): Promise<void> => { while (performance.now() < until) await one(); };
  await Promise.all(Array.from({ length: o.connections }, connection));
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  const sorted = latencies.slice(0, count).sort();
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    requests: count, bytes, errors, timeouts, non2xx, codes,
    latency: { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.length ? sorted[sorted.length - 1] : 0) },
    rate: count / seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    seconds,
  };
}
