/**
 * libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise) runs both the answer cache's
 * compressions and every file read — a bulk download reads its file there, piece after piece. The pool is one
 * first-come queue: under mixed load a queue of compressions (a cache miss each) put ~100–600 ms before every
 * piece of a bulk file (measured, bench:load), which then crawled. Compressions are therefore let onto the pool a
 * few at a time, always leaving threads free for file reads; more at once would not finish sooner anyway, there
 * being no more cores than that to run them.
 */
import * as os from 'os';

/** The pool's size as libuv reads it at its first use (the variable, else 4). */
const POOL_THREADS = Math.max(1, Math.min(1024, Number(process.env.UV_THREADPOOL_SIZE) || 4));

/** At most the cores, and two threads fewer than the pool (never fewer than one). */
export const COMPRESSIONS_AT_ONCE = Math.max(1, Math.min(os.availableParallelism(), POOL_THREADS - 2));

/** Runs tasks with at most `max` of them unfinished at once, the others waiting in the order they came. */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const done = (): void => {
    running -= 1;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>): Promise<T> => new Promise<T>((resolve, reject) => {
    const start = (): void => {
      running += 1;
      let pending: Promise<T>;
      try {
        pending = task();
      } catch (e) {
        pending = Promise.reject(e);
      }
      pending.then((v) => { done(); resolve(v); }, (e: unknown) => { done(); reject(e); });
    };
    if (running < max) start();
    else waiting.push(start);
  });
}
