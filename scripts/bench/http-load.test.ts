/**
 * The benches' load generator counts answers from raw bytes: checked against Node's own HTTP server (lengths,
 * chunked bodies, 304, closing connections, a cut answer) and byte by byte (heads split anywhere).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { AnswerCounter, runLoad } from './http-load';

const BIG = Buffer.alloc(1_500_000, 'x');

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url === '/big') return void res.end(BIG);
    if (req.url === '/chunked') {
      res.write('a'.repeat(70_000));
      res.write('b');
      return void res.end('c'.repeat(5));
    }
    if (req.url === '/not-modified') return void res.writeHead(304).end();
    if (req.url === '/missing') return void res.writeHead(404, { 'content-length': '3' }).end('no!');
    if (req.url === '/close') return void res.writeHead(200, { connection: 'close', 'content-length': '2' }).end('ok');
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('short');
      return void setTimeout(() => res.socket?.destroy(), 10);
    }
    res.writeHead(500).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: http.Server;
let base: string;
beforeAll(async () => { server = await serve(); base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`; });
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

async function once(path: string, seconds = 0.2): Promise<Awaited<ReturnType<typeof runLoad>>> {
  // One connection for a short run: several answers in a row on the same keep-alive connection.
  return runLoad({ base, connections: 1, seconds, path: () => path, timeoutMs: 2000 });
}

test('counts whole bodies by their length, on a kept-alive connection', async () => {
  // A second long enough for two 1.5 MB answers with the other test workers busy (0.2 s saw one, on CI).
  const r = await once('/big', 1);
  expect(r.requests).toBeGreaterThan(1);
  expect(r.errors).toBe(0);
  expect(r.bytes).toBe(r.requests * BIG.length);
  expect(r.codes).toEqual({ 200: r.requests });
});

test('counts chunked bodies by their chunks', async () => {
  const r = await once('/chunked');
  expect(r.errors).toBe(0);
  expect(r.bytes).toBe(r.requests * 70_006);
});

test('a 304 has no body; a 404 is counted as not 2xx', async () => {
  const a = await once('/not-modified');
  expect([a.errors, a.bytes, a.non2xx]).toEqual([0, 0, a.requests]);
  const b = await once('/missing');
  expect([b.errors, b.bytes, b.non2xx]).toEqual([0, b.requests * 3, b.requests]);
});

test('an answer with Connection: close is complete, and the next request opens a new connection', async () => {
  const r = await once('/close');
  expect(r.requests).toBeGreaterThan(1);
  expect(r.errors).toBe(0);
});

test('a cut answer is an error, not a short success', async () => {
  const r = await once('/cut');
  expect(r.requests).toBe(0);
  expect(r.errors).toBeGreaterThan(0);
});

test('a timed-out answer is an error and a timeout', async () => {
  const hang = http.createServer(() => undefined);
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
  try {
    const r = await runLoad({ base: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`, connections: 2, seconds: 0.05, path: () => '/', timeoutMs: 100 });
    expect([r.requests, r.errors, r.timeouts]).toEqual([0, 2, 2]);
  } finally {
    hang.closeAllConnections();
    hang.close();
  }
});

test('heads and chunk sizes split at any byte are read the same', () => {
  const answer = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX: y\r\n\r\n3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nTrailer: t\r\n\r\n');
  for (let split = 1; split < answer.length; split++) {
    const c = new AnswerCounter();
    c.reset();
    expect(c.feed(answer, 0, split)).toBe(split);
    expect(c.feed(answer, split, answer.length)).toBe(answer.length);
    expect([c.done, c.status, c.bytes]).toEqual([true, 200, 19]);
  }
  const c = new AnswerCounter();
  c.reset();
  for (let i = 0; i < answer.length; i++) c.feed(answer, i, i + 1);
  expect([c.done, c.bytes]).toEqual([true, 19]);
});

test('an answer followed by more bytes stops where it ends', () => {
  const c = new AnswerCounter();
  c.reset();
  const two = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1');
  expect(c.feed(two, 0, two.length)).toBe(two.length - 'HTTP/1.1'.length);
  expect(c.bytes).toBe(2);
});
