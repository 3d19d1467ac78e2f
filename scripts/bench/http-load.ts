/**
 * A closed-loop HTTP load generator for the API benches: `connections` keep-alive connections, each sending its
 * next request as soon as the previous answer has been read to the end, for `seconds`.
 *
 * Why not autocannon: it decodes every answer body into a JS string and concatenates it (its request queue keeps
 * `body += chunk`), so reading a 1.4 MB page cost the generator more CPU than the server spent sending it — on
 * 2 cores the generator, not the server, set the figure.
 *
 * Why not Node's http client either: it hands each ≤ 64 KB piece of a body to JS as a new Buffer through its
 * parser, ~20 allocations, events and parser calls per 1.4 MB page; that was 0.84 ms of CPU a page against the
 * server's 0.42. Here each connection is a plain socket reading into one reused buffer (`onread`), and only the
 * answer's head is parsed: the body is counted by its Content-Length (or its chunk sizes), never copied, decoded
 * or concatenated. The generator's own CPU time is still reported next to the figures so a reader can judge it.
 */
import * as net from 'net';
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

/** How one request ended: its status and body length, or a failure (cut, refused, malformed, timed out). */
type Outcome = { status: number; bytes: number; close: boolean } | { failed: 'error' | 'timeout' };

/** A head longer than this is not an answer of ours: the connection is dropped as malformed. */
const MAX_HEAD = 64 * 1024;
const CR = 13;
const LF = 10;

/**
 * Counts one HTTP/1.1 answer at a time from the bytes of a connection: the head is parsed (status,
 * Content-Length, Transfer-Encoding, Connection), the body only counted.
 */
export class AnswerCounter {
  private state: 'head' | 'length' | 'size' | 'data' | 'data-end' | 'trailer' | 'until-close' | 'done' = 'head';
  private head = '';
  private remaining = 0;
  private sizeLine = '';
  private lineLength = 0;
  status = 0;
  bytes = 0;
  close = false;

  /** A new answer (to a request without a body-less method: the benches only GET). */
  reset(): void {
    this.state = 'head';
    this.head = '';
    this.status = 0;
    this.bytes = 0;
    this.close = false;
  }

  get done(): boolean { return this.state === 'done'; }
  /** The answer has no length and ends with the connection. */
  get untilClose(): boolean { return this.state === 'until-close'; }

  /** Feeds `buf[start, end)`; returns where the answer ended in it (== end when it did not), or throws on bad input. */
  feed(buf: Buffer, start: number, end: number): number {
    let at = start;
    while (at < end && this.state !== 'done') {
      switch (this.state) {
        case 'head': at = this.readHead(buf, at, end); break;
        case 'length': {
          const n = Math.min(this.remaining, end - at);
          this.remaining -= n;
          this.bytes += n;
          at += n;
          if (this.remaining === 0) this.state = 'done';
          break;
        }
        case 'until-close': this.bytes += end - at; at = end; break;
        case 'size': {
          const c = buf[at++];
          if (c !== LF) { this.sizeLine += String.fromCharCode(c); if (this.sizeLine.length > 1024) throw new Error('tamaño de trozo ilegible'); break; }
          const size = parseInt(this.sizeLine.split(';')[0].trim(), 16);
          if (!Number.isFinite(size) || size < 0) throw new Error('tamaño de trozo ilegible');
          this.sizeLine = '';
          if (size === 0) { this.state = 'trailer'; this.lineLength = 0; } else { this.remaining = size; this.state = 'data'; }
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, end - at);
          this.remaining -= n;
          this.bytes += n;
          at += n;
          if (this.remaining === 0) { this.state = 'data-end'; this.remaining = 2; }
          break;
        }
        case 'data-end': {
          const n = Math.min(this.remaining, end - at);
          this.remaining -= n;
          at += n;
          if (this.remaining === 0) this.state = 'size';
          break;
        }
        case 'trailer': {
          const c = buf[at++];
          if (c === LF) { if (this.lineLength === 0) this.state = 'done'; this.lineLength = 0; } else if (c !== CR) this.lineLength += 1;
          break;
        }
      }
    }
    return at;
  }

  private readHead(buf: Buffer, start: number, end: number): number {
    // The head is ASCII and short: it is kept as text until its blank line; the body after it is not decoded.
    let headEnd = -1;
    for (let i = start; i < end; i++) {
      if (buf[i] === LF && (this.endsBlank(buf, start, i))) { headEnd = i + 1; break; }
    }
    const stop = headEnd < 0 ? end : headEnd;
    this.head += buf.toString('latin1', start, stop);
    if (headEnd < 0) {
      if (this.head.length > MAX_HEAD) throw new Error('cabecera demasiado larga');
      return end;
    }
    this.parseHead(this.head);
    return headEnd;
  }

  /** Whether the LF at `i` ends an empty line: the previous byte (here or in the head so far) is LF, after an optional CR. */
  private endsBlank(buf: Buffer, start: number, i: number): boolean {
    const before = (k: number): number => (i - k >= start ? buf[i - k] : this.head.charCodeAt(this.head.length - (k - (i - start))));
    const p = before(1);
    return p === LF || (p === CR && before(2) === LF);
  }

  private parseHead(head: string): void {
    const lines = head.split(/\r?\n/);
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
    if (!m) throw new Error(`respuesta ilegible: ${lines[0].slice(0, 80)}`);
    this.status = Number(m[1]);
    let length: number | undefined;
    let chunked = false;
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      if (colon < 0) continue;
      const name = lines[i].slice(0, colon).trim().toLowerCase();
      const value = lines[i].slice(colon + 1).trim().toLowerCase();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.split(',').map((v) => v.trim()).includes('chunked');
      else if (name === 'connection') this.close = value.split(',').map((v) => v.trim()).includes('close');
    }
    if (this.status < 200) throw new Error(`respuesta informativa ${this.status} inesperada`);
    if (this.status === 204 || this.status === 304) this.state = 'done';
    else if (chunked) { this.state = 'size'; this.sizeLine = ''; }
    else if (length !== undefined) {
      if (!Number.isSafeInteger(length) || length < 0) throw new Error('Content-Length ilegible');
      this.remaining = length;
      this.state = length === 0 ? 'done' : 'length';
    } else this.state = 'until-close';
  }
}

/**
 * Every connection's socket reads into this one buffer: a read's callback runs to its end before the next read
 * (JS runs one thing at a time), and nothing is kept from it but counts.
 */
const READ_BUFFER = Buffer.allocUnsafe(1 << 20);

/** One keep-alive connection: sends a request, counts its answer, resolves with how it ended. */
class Connection {
  private readonly socket: net.Socket;
  private readonly counter = new AnswerCounter();
  private settle?: (o: Outcome) => void;
  private timer?: NodeJS.Timeout;
  closed = false;

  constructor(host: string, port: number) {
    this.socket = net.connect({
      host, port, noDelay: true,
      onread: { buffer: READ_BUFFER, callback: (n: number, buf: Uint8Array) => { this.onData(buf as Buffer, n); return true; } },
    });
    this.socket.on('error', () => this.finish({ failed: 'error' }));
    this.socket.on('close', () => {
      this.closed = true;
      if (this.counter.untilClose) this.finish({ status: this.counter.status, bytes: this.counter.bytes, close: true });
      else this.finish({ failed: 'error' });
    });
  }

  request(text: string, timeoutMs: number): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      this.counter.reset();
      this.settle = resolve;
      this.timer = setTimeout(() => { this.finish({ failed: 'timeout' }); this.destroy(); }, timeoutMs);
      this.socket.write(text);
    });
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(buf: Buffer, n: number): void {
    if (!this.settle) { this.finish({ failed: 'error' }); this.destroy(); return; }
    try {
      const used = this.counter.feed(buf, 0, n);
      // Bytes past the answer: no request was pipelined, so the stream is out of step.
      if (this.counter.done) this.finish(used === n ? { status: this.counter.status, bytes: this.counter.bytes, close: this.counter.close } : { failed: 'error' });
    } catch {
      this.finish({ failed: 'error' });
      this.destroy();
    }
  }

  private finish(o: Outcome): void {
    const settle = this.settle;
    if (!settle) return;
    this.settle = undefined;
    clearTimeout(this.timer);
    settle(o);
  }
}

const percentile = (sorted: Float64Array, p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0);

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const target = new URL(o.base);
  const host = target.hostname;
  const port = Number(target.port || 80);
  const timeoutMs = o.timeoutMs ?? 10_000;
  const fixed = typeof o.headers === 'function' ? undefined : headerLines(o.headers ?? {});
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

  const cpu = process.cpuUsage();
  const began = performance.now();
  const until = began + o.seconds * 1000;
  const connection = async (): Promise<void> => {
    let conn: Connection | undefined;
    while (performance.now() < until) {
      if (!conn || conn.closed) conn = new Connection(host, port);
      const lines = fixed ?? headerLines((o.headers as () => Record<string, string>)());
      const start = performance.now();
      const out = await conn.request(`GET ${o.path()} HTTP/1.1\r\nHost: ${target.host}\r\n${lines}\r\n`, timeoutMs);
      if ('failed' in out) {
        errors += 1;
        if (out.failed === 'timeout') timeouts += 1;
        conn.destroy();
        continue;
      }
      codes[out.status] = (codes[out.status] ?? 0) + 1;
      if (out.status < 200 || out.status >= 300) non2xx += 1;
      bytes += out.bytes;
      record(performance.now() - start);
      if (out.close) conn.destroy();
    }
    conn?.destroy();
  };
  await Promise.all(Array.from({ length: o.connections }, connection));
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
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

function headerLines(headers: Record<string, string>): string {
  let out = '';
  for (const [name, value] of Object.entries(headers)) out += `${name}: ${value}\r\n`;
  return out;
}
