/**
 * A local stand-in for the Cloud Tasks API as firebase-admin's task queue reaches it through
 * CLOUD_TASKS_EMULATOR_HOST: `POST /projects/{p}/locations/{l}/queues/{q}/tasks` with `{task: {httpRequest}}`.
 * Tasks are kept; the test dispatches them to the function the way Cloud Tasks does (POST of the body, JSON).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface QueuedTask { queue: string; body: unknown; dispatchDeadline?: string }
export interface TasksStub { host: string; tasks: QueuedTask[]; close(): Promise<void> }

export async function startTasksStub(): Promise<TasksStub> {
  const tasks: QueuedTask[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/projects\/[^/]+\/locations\/[^/]+\/queues\/([^/]+)\/tasks$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (req.method !== 'POST' || !m) { res.writeHead(404, { 'Content-Type': 'application/json' }); return void res.end(JSON.stringify({ error: { code: 404, status: 'NOT_FOUND', message: 'stub' } })); }
      const { task } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { task: { httpRequest: { body: string }; dispatchDeadline?: string } };
      tasks.push({ queue: m[1], body: JSON.parse(Buffer.from(task.httpRequest.body, 'base64').toString('utf8')), ...(task.dispatchDeadline ? { dispatchDeadline: task.dispatchDeadline } : {}) });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ...task, name: `projects/demo/locations/us-central1/queues/${m[1]}/tasks/${tasks.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { host: `127.0.0.1:${port}`, tasks, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
