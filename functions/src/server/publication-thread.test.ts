/**
 * What the server's thread does when its publication thread dies in the middle of a task (out of memory, a crash in
 * a native module): the task fails (the in-process queue retries it), the next task starts a new thread, and the
 * retry takes the dead runner's lease over at once instead of waiting for it to expire (LEASE_MS, ten minutes).
 * The worker here stands in for the real one (test/publication-thread.e2e.test.ts runs that): it dies on its first
 * task and reports what it was sent on the next.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../config';
import { publicationThread } from './publication-thread';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publication-thread-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a thread that dies fails its task; the retry runs in a new thread and takes the lease over', async () => {
  const marker = path.join(dir, 'died-once');
  const script = path.join(dir, 'worker.js');
  fs.writeFileSync(script, `
const { parentPort } = require('worker_threads');
const fs = require('fs');
parentPort.on('message', (m) => {
  if (m.kind === 'close') return process.exit(0);
  if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); }
  parentPort.postMessage({ kind: 'log', message: 'takeOver=' + m.takeOver + ' ' + m.task.submissionId });
  parentPort.postMessage({ kind: 'result', id: m.id, result: 'done' });
});
`);
  const logged: string[] = [];
  const thread = publicationThread(script, loadConfig({ INFRA_SQLITE: path.join(dir, 'db.sqlite') }), { env: process.env, log: (m) => logged.push(m) });
  const task = { submissionId: 'sub-1', actorId: 'u-coord' };
  await expect(thread.run(task, { takeOver: false })).rejects.toThrow('el hilo de publicación terminó (código 3)');
  await expect(thread.run(task, { takeOver: false })).resolves.toBe('done');
  // Another submission's task is not given a lease it was never denied.
  await expect(thread.run({ submissionId: 'sub-2', actorId: 'u-coord' }, { takeOver: false })).resolves.toBe('done');
  expect(logged).toEqual(['takeOver=true sub-1', 'takeOver=false sub-2']);
  await thread.close();
});
