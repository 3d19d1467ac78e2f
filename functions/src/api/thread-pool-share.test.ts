/** Compressions are let onto the thread pool a few at a time (api/thread-pool-share.ts). */
import { COMPRESSIONS_AT_ONCE, concurrencyLimit } from './thread-pool-share';

test('runs at most `max` tasks at once, the others in the order they came, and passes results and failures on', async () => {
  const limit = concurrencyLimit(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const task = (i: number) => async (): Promise<number> => {
    started.push(i);
    running += 1;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    running -= 1;
    if (i === 3) throw new Error('tarea 3');
    return i * 10;
  };
  const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => limit(task(i))));
  expect(most).toBe(2);
  expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, 'tarea 3', 40, 50]);
});

test('a task that throws at once frees its place', async () => {
  const limit = concurrencyLimit(1);
  await expect(limit(() => { throw new Error('al instante'); })).rejects.toThrow('al instante');
  await expect(limit(async () => 'después')).resolves.toBe('después');
});

test('leaves at least two of the pool’s threads to file reads, and runs at least one compression', () => {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  expect(COMPRESSIONS_AT_ONCE).toBeGreaterThanOrEqual(1);
  expect(COMPRESSIONS_AT_ONCE).toBeLessThanOrEqual(Math.max(1, pool - 2));
});
