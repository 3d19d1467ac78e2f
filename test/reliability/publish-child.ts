/**
 * Child process for the kill test: approves a submission of a big synthetic workbook into an SQLite file,
 * printing each store write as it starts (`write <method>`). With PAUSE_BEFORE=<method> it prints
 * `paused <method>` before that write and waits there to be killed.
 * Args: <sqlite file> <submission id> <processes>
 */
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import type { Store, User } from '../../functions/src/store/store';
import { approveSubmission } from '../../functions/src/workflow/approve-submission';
import { BENCH_PUBLISHER, syntheticWorkbook } from '../../scripts/bench/synthetic-publisher';
import * as fs from 'fs';

export const ADMIN: User = { id: 'u-admin', email: 'admin@infra-abierta.mx', role: 'admin' };
const WRITES = new Set(['transitionSubmission', 'appendAudit', 'createPublication', 'putReleases', 'putRecords', 'putProjects', 'completePublication', 'setCurrent', 'putStats']);

function announced(store: Store, pauseBefore: string | undefined): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !WRITES.has(prop) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (prop === pauseBefore) {
          fs.writeSync(1, `paused ${prop}\n`);
          await new Promise(() => setInterval(() => undefined, 1000));
        }
        fs.writeSync(1, `write ${prop}\n`);
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
}

async function main(): Promise<void> {
  const [file, submissionId, processes] = process.argv.slice(2);
  const store = openSqliteStore(file);
  const submission = (await store.getSubmission(submissionId))!;
  const workbook = syntheticWorkbook(Number(processes), 1);
  fs.writeSync(1, 'start\n');
  const outcome = await approveSubmission(
    { store: announced(store, process.env.PAUSE_BEFORE), openSource: () => ({ label: 'libro', read: async () => workbook }), baseUrl: 'http://api.test', now: () => new Date(), log: () => undefined },
    submission, BENCH_PUBLISHER, ADMIN,
  );
  fs.writeSync(1, `done ${outcome.kind}\n`);
  await store.close();
}

if (require.main === module) void main();
