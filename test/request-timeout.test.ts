/**
 * The self-hosted server waits for a large workbook sent over a slow link: with Node's default (5 minutes to receive
 * a whole request) a 23.5 MB workbook of 10,000 processes sent at 70 KB/s was cut with a bare 408 after 327 s, every
 * time it was sent. Waiting longer for a body does not let a slow sender hold a connection before its headers.
 * And what Node's parser refuses before the app sees it is answered in JSON, as the API's other errors are.
 */
import * as net from 'net';
import { loadConfig } from '../functions/src/config';
import { REQUEST_TIMEOUT_MS, startLocalServer } from '../functions/src/server/local-server';
import { ROOT } from './standards';

const env = { METADATA_SERVER_DETECTION: 'none', INFRA_SQLITE: ':memory:', PORT: '0', HOST: '127.0.0.1' };
const config = loadConfig(env);
let server: Awaited<ReturnType<typeof startLocalServer>>;
beforeAll(async () => { server = await startLocalServer(config, { root: ROOT, seed: false, env, log: () => undefined }); });
afterAll(async () => { await server.close(); });

test('the local server takes 30 minutes to receive a request (the largest body at about 300 kbit/s), and 60 s for its headers', () => {
  expect(server.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
  expect(REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual((config.maxBodyBytes * 8) / 300_000 * 1000);
  expect(server.server.headersTimeout).toBeLessThanOrEqual(60_000);
});

/** What the server answers to `raw`, as sent on a new connection: status line and body. */
function rawAnswer(raw: string): Promise<{ status: string; type: string | undefined; body: unknown }> {
  const { port } = server.server.address() as net.AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c)).on('error', reject).on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
      resolve({ status: head.split('\r\n')[0], type: /^content-type: (.*)$/im.exec(head)?.[1], body: body ? JSON.parse(body) as unknown : undefined });
    });
  });
}

// Node answered these with a status and nothing else: a script showing `error.message` showed nothing.
test.each([
  ['an address too long', `GET /api/ocds/releases?after=${'A'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 'HTTP/1.1 431 Request Header Fields Too Large', 'headers-too-large'],
  ['a malformed header', 'GET /api/publishers HTTP/1.1\r\nHost: x\r\nEncabezado sin dos puntos\r\n\r\n', 'HTTP/1.1 400 Bad Request', 'bad-request'],
])('%s is answered in JSON with a Spanish message, not a bare status', async (_what, raw, status, code) => {
  const answer = await rawAnswer(raw);
  expect(answer).toEqual({ status, type: 'application/json; charset=utf-8', body: { error: { code, message: expect.stringMatching(/^La .*\.$/) as unknown } } });
});

/** Holds this thread (and the server in it) for `ms`, as a publication or a check in the server's thread does. */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* the event loop stands still */ }
}

// A client (a visitor reading the board, the coordinator's page, a script) sends its next request on the connection
// the server keeps open, within the keep-alive time, while the server's thread stands still past it (a publication in
// that thread, a loaded machine). Node ran the expired timer before reading and closed the connection: ECONNRESET.
test('a request that arrived on a kept-alive connection while the server stood still is answered, not reset', async () => {
  const { port } = server.server.address() as net.AddressInfo;
  const keepAlive = server.server.keepAliveTimeout;
  // The real 5 s shortened so that the test is quick; Node waits 1 s more than it says (HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER).
  server.server.keepAliveTimeout = 100;
  const socket = net.connect(port, '127.0.0.1');
  try {
    let text = '';
    const answers = () => (text.match(/HTTP\/1\.1 \d{3} /g) ?? []).length;
    socket.on('data', (c: Buffer) => { text += c.toString('utf8'); });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()).on('error', () => undefined));
    const answered = (n: number) => new Promise<void>((resolve, reject) => {
      socket.on('data', () => { if (answers() >= n) resolve(); });
      void closed.then(() => reject(new Error(`conexión cerrada tras ${answers()} respuestas`)));
    });
    const ask = 'GET /api/publishers HTTP/1.1\r\nHost: x\r\n\r\n';
    const first = answered(1);
    socket.write(ask);
    await first;
    // Within the keep-alive time, as soon as the first answer came; then the thread stands still past that time.
    const second = answered(2);
    socket.write(ask);
    busy(1_400);
    await second;
    expect(text.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
  } finally {
    socket.destroy();
    server.server.keepAliveTimeout = keepAlive;
  }
});
