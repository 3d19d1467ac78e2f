/**
 * Requests are handled first come first served in bounded turns of the event loop (server/request-turns.ts):
 * counted here with a real HTTP server, and with the turns numbered by setImmediate between them.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { takingTurns } from './request-turns';

test('handles queued requests in arrival order, at most `requests` per turn, with other events run between turns', async () => {
  const handled: Array<[number, number]> = [];
  let turn = 0;
  let ticking = true;
  const tick = (): void => { turn += 1; if (ticking) setImmediate(tick); };
  setImmediate(tick);
  const listener = takingTurns((req) => { handled.push([Number(req.url), turn]); }, { ms: 1000, requests: 3 });
  for (let i = 0; i < 10; i++) listener({ url: String(i) } as http.IncomingMessage, {} as http.ServerResponse);
  while (handled.length < 10) await new Promise((r) => setTimeout(r, 10));
  ticking = false;
  expect(handled.map(([n]) => n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const perTurn = new Map<number, number>();
  for (const [, t] of handled) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
  expect([...perTurn.values()]).toEqual([3, 3, 3, 1]);
});

test('a turn ends when its time is up, even before its count', async () => {
  const turns: number[] = [];
  let turn = 0;
  let ticking = true;
  const tick = (): void => { turn += 1; if (ticking) setImmediate(tick); };
  setImmediate(tick);
  const busy = (ms: number): void => { const end = performance.now() + ms; while (performance.now() < end) { /* CPU */ } };
  // Each handler outlasts a whole turn (6 ms against 5), so each turn ends after one, whatever else the machine is
  // doing: a slower one only makes a handler longer. (3 ms against 5, two per turn, failed when the test process was
  // descheduled in the middle of a handler.)
  const listener = takingTurns(() => { turns.push(turn); busy(6); }, { ms: 5, requests: 100 });
  for (let i = 0; i < 6; i++) listener({} as http.IncomingMessage, {} as http.ServerResponse);
  while (turns.length < 6) await new Promise((r) => setTimeout(r, 10));
  ticking = false;
  expect(new Set(turns).size).toBe(6);
});

test('a server taking turns answers every request of many connections', async () => {
  const server = http.createServer(takingTurns((req, res) => { res.end(req.url); }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
  try {
    const port = (server.address() as AddressInfo).port;
    const get = (i: number): Promise<string> => new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/${i}`, agent }, (res) => { let t = ''; res.on('data', (c: Buffer) => { t += c.toString(); }); res.on('end', () => resolve(t)); }).on('error', reject);
    });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => get(i)));
    expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => `/${i}`));
  } finally {
    agent.destroy();
    await new Promise((r) => server.close(r));
  }
});
