/**
 * What the server's thread does when its background thread dies in the middle of a job (out of memory, a crash in
 * a native module): the jobs under way fail (the in-process queue retries a publication), the next job starts a new
 * thread, and a retried publication takes the dead runner's lease over at once instead of waiting for it to expire
 * (LEASE_MS, ten minutes). The worker here stands in for the real one (test/background-thread.e2e.test.ts runs
 * that): it dies on its first publication and reports what it was sent afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../config';
import { backgroundThread, OUT_OF_MEMORY } from './background-thread';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'background-thread-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a thread that dies fails its jobs; the retry runs in a new thread and takes the lease over', async () => {
  const marker = path.join(dir, 'died-once');
  const script = path.join(dir, 'worker.js');
  fs.writeFileSync(script, `
const { parentPort } = require('worker_threads');
const fs = require('fs');
parentPort.on('message', (m) => {
  if (m.kind === 'close') return process.exit(0);
  const { kind, task, takeOver } = m.job;
  // An intake waits (as one queued behind a publication would); the first publication kills the thread.
  if (kind === 'intake') return;
  if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); }
  parentPort.postMessage({ kind: 'log', message: 'takeOver=' + takeOver + ' ' + task.submissionId });
  parentPort.postMessage({ kind: 'result', id: m.id, result: 'done' });
});
`);
  const logged: string[] = [];
  const thread = backgroundThread(script, loadConfig({ INFRA_SQLITE: path.join(dir, 'db.sqlite') }), { env: process.env, log: (m: string) => logged.push(m) });
  const task = { submissionId: 'sub-1', actorId: 'u-coord' };
  const intake = thread.intake({ sheets: [] }, { id: 'p', name: 'P', state: 'Yucatán', ocidPrefix: 'ocds-x', projectIdPrefix: 'oc4ids-x', commitment: { projects: 1, periodicityDays: 90 } }, '2025-01-01T00:00:00Z');
  await expect(thread.publish(task, { takeOver: false })).rejects.toThrow('el hilo de trabajo del servidor terminó (código 3)');
  await expect(intake).rejects.toThrow('el hilo de trabajo del servidor terminó (código 3)');
  await expect(thread.publish(task, { takeOver: false })).resolves.toBe('done');
  // Another submission's task is not given a lease it was never denied.
  await expect(thread.publish({ submissionId: 'sub-2', actorId: 'u-coord' }, { takeOver: false })).resolves.toBe('done');
  expect(logged).toEqual(['El hilo de trabajo del servidor terminó (código 3); el siguiente trabajo inicia otro.', 'takeOver=true sub-1', 'takeOver=false sub-2']);
  await thread.close();
});

test('a thread out of memory on a workbook: the official and the coordinator are told why and what to do (503), not «error interno»; the log tells how to give Node more', async () => {
  const script = path.join(dir, 'hungry.js');
  // Every job fills the heap, as a 10,000-process workbook did a 512 MB one.
  fs.writeFileSync(script, `
const { parentPort } = require('worker_threads');
parentPort.on('message', (m) => {
  if (m.kind === 'close') return process.exit(0);
  const kept = [];
  for (;;) kept.push(new Array(100000).fill({ a: kept.length }));
});
`);
  const logged: string[] = [];
  const thread = backgroundThread(script, loadConfig({ INFRA_SQLITE: path.join(dir, 'hungry.sqlite') }), { env: process.env, log: (m: string) => logged.push(m), resourceLimits: { maxOldGenerationSizeMb: 24 } });
  const publisher = { id: 'p', name: 'P', state: 'Yucatán', ocidPrefix: 'ocds-x', projectIdPrefix: 'oc4ids-x', commitment: { projects: 1, periodicityDays: 90 } };
  try {
    await expect(thread.intakeUpload('0'.repeat(64), publisher, '2025-01-01T00:00:00Z')).rejects.toMatchObject({ status: 503, code: 'out-of-memory', message: OUT_OF_MEMORY.intake });
    expect(OUT_OF_MEMORY.intake).toMatch(/enviarlo de nuevo así no sirve\. Envíelo en partes/);
    await expect(thread.preview('0'.repeat(64), publisher, '2025-01-01T00:00:00Z')).rejects.toMatchObject({ status: 503, code: 'out-of-memory', message: OUT_OF_MEMORY.preview });
    // A publication is retried by its queue, as for any death of the thread.
    await expect(thread.publish({ submissionId: 's', actorId: 'u' }, { takeOver: false })).rejects.toThrow(/el hilo de trabajo del servidor terminó \(.*memory/);
    await new Promise((r) => setTimeout(r, 200));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).toMatch(/el siguiente trabajo inicia otro\. Para libros así de grandes, arranque el servidor con más memoria para Node, p\. ej\. NODE_OPTIONS=--max-old-space-size=1536/);
  } finally {
    await thread.close();
  }
});
