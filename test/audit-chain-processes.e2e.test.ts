/**
 * The audit chain under `serve --procesos N`: several processes appending to one SQLite file at once (two
 * publications, approvals and notices in different workers) take every place once, each linked to the one before —
 * a chain forked by two entries linked to the same one would be worse than none (audit/audit-chain.ts).
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore } from '../functions/src/store/sqlite-store';
import { verifyChain } from '../functions/src/audit/audit-chain';

const ROOT = path.join(__dirname, '..');
/** Each child opens the file and appends `n` entries as fast as it can, after the others have started. */
const CHILD = `
const { openSqliteStore } = require(${JSON.stringify(path.join(ROOT, 'functions/src/store/sqlite-store.ts'))});
process.once('message', async ({ file, n, who }) => {
  const store = openSqliteStore(file);
  await Promise.all(Array.from({ length: n }, (_, i) => store.appendAudit({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), actor: who, action: 'notification.sent', target: 'x/' + i, details: { i }, publisherId: who })));
  await store.close();
  process.send('done', () => process.exit(0));
});
process.send('ready');
`;

test('three processes appending at once to one database take places 1…n once each, the chain whole', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-processes-'));
  const file = path.join(dir, 'datos.sqlite');
  try {
    // The file and its tables exist before the children open it, as `serve` makes them before its workers.
    await openSqliteStore(file).close();
    const script = path.join(dir, 'child.js');
    fs.writeFileSync(script, CHILD);
    const children = ['p1', 'p2', 'p3'].map((who) => fork(script, [], { execArgv: ['-r', path.join(ROOT, 'scripts/register-ts.js')], cwd: ROOT, env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } }));
    await Promise.all(children.map((c) => new Promise((resolve) => c.once('message', resolve))));
    const done = children.map((c) => new Promise((resolve) => c.once('message', resolve)));
    children.forEach((c, i) => c.send({ file, n: 20, who: `p${i + 1}` }));
    await Promise.all(done);
    const store = openSqliteStore(file);
    const entries = (await store.listAudit({ limit: 1000 })).items;
    const report = verifyChain(entries.map((e) => ({ at: e.at, seq: e.seq, prev: e.prev, hash: e.hash, content: e })), (await store.auditChainHead()).seq);
    await store.close();
    expect(entries).toHaveLength(60);
    expect(report).toMatchObject({ chained: 60, problems: [], last: { seq: 60 } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
