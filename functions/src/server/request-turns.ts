/**
 * Requests handled in short turns of the event loop, first come first served, so that new connections are
 * accepted and long answers keep moving while kept-alive clients keep the server busy.
 *
 * Why: libuv (Node ≥ 20) accepts one new connection per turn of the event loop (libuv PR #3696), and Node runs
 * the handler of every request that arrived in a turn before the turn ends. With 200 busy keep-alive
 * connections a turn handled ~200 requests (hundreds of ms, seconds on a loaded machine), so a new client
 * waited in the kernel's accept queue behind every other new one — measured: ~2 connections accepted a second,
 * and a bulk download (a new connection) did not receive a byte for the whole 60 s run (bench:load). A bulk file
 * also moves only when its turn comes (a read finished, the socket writable): one 64 KB piece per long turn.
 *
 * Here each request is queued and the queue is worked through for at most `budgetMs` and `perTurn` requests per
 * turn; the rest waits for the next turn (setImmediate), in which libuv first accepts, reads and writes whatever
 * is ready. The work done is the same; it is cut into turns. Both bounds are needed: a handler's synchronous
 * start is timed, but what it does after its first `await` (store reads, splicing) runs once this turn's
 * handlers have all been called, untimed — so the number of handlers started is bounded too.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'http';
import { performance } from 'perf_hooks';

/**
 * Long enough that a turn's fixed cost (a poll of the sockets, microseconds) is small beside it; short enough for
 * about a hundred accepted connections a second even when every request costs a few milliseconds.
 */
export const TURN = { ms: 5, requests: 8 };

export function takingTurns(handle: RequestListener, turn = TURN): RequestListener {
  // A plain array with a moving head: a FIFO without shifting the array on every request.
  let queue: Array<[IncomingMessage, ServerResponse] | undefined> = [];
  let head = 0;
  let scheduled = false;
  const work = (): void => {
    scheduled = false;
    const stop = performance.now() + turn.ms;
    for (let n = 0; n < turn.requests && head < queue.length; n++) {
      const [req, res] = queue[head]!;
      queue[head++] = undefined;
      handle(req, res);
      if (performance.now() >= stop) break;
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else {
      // Under steady load the queue may never empty: drop the handled slots now and then.
      if (head >= 1024) { queue = queue.slice(head); head = 0; }
      scheduled = true;
      setImmediate(work);
    }
  };
  return (req, res) => {
    queue.push([req, res]);
    if (!scheduled) {
      scheduled = true;
      setImmediate(work);
    }
  };
}
