/**
 * A connection kept open between requests (keep-alive) is closed by Node after `keepAliveTimeout` (5 s, and 1 s
 * more) without a request. When the server's thread stood still for longer than that (a publication or a check in
 * the server's thread, a machine loaded with other work), a request sent within those seconds was read only after
 * the expired timer had run, and Node (lib/_http_server.js socketOnTimeout) closed the connection under it: the
 * client — a visitor reading the board, the coordinator's page, a script of the API — got ECONNRESET for a request
 * the server had received in time. Browsers send such a request again by themselves; `fetch` in Node and most
 * scripts do not (bench:publish's visitor crashed on it on a loaded machine).
 *
 * Here a timed-out connection is closed only if it carries no request: neither one being answered nor one that
 * arrived with the timer (read in the same turn of the event loop, before setImmediate). A connection left open is
 * given its keep-alive time again by Node when its answer ends.
 */
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { Socket } from 'net';

export function answerKeptAliveRequests(server: Server): void {
  /** Requests being answered on each connection. */
  const answering = new WeakMap<Socket, number>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    answering.set(socket, (answering.get(socket) ?? 0) + 1);
    res.once('close', () => answering.set(socket, (answering.get(socket) ?? 1) - 1));
  });
  // With a listener, Node leaves a timed-out connection to it. The server has no other connection timeout
  // (server.timeout is 0; requestTimeout and headersTimeout are judged apart, by Node's connection check).
  server.on('timeout', (socket: Socket) => {
    setImmediate(() => { if (!answering.get(socket)) socket.destroy(); });
  });
}
