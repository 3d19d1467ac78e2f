/**
 * What an auditor reads months later of what was done from the command line: accounts created and removed (with
 * the e-mail the log's ids no longer resolve to), an implementer's registration changed (which fields, from what),
 * and a prune (each publication removed, with its hash) — each in the audit log, under `cli` with the system
 * account it ran as, and labelled in Spanish.
 */
import { openSqliteStore } from '../../functions/src/store/sqlite-store';
import { parseArgs } from '../../functions/src/cli/args';
import { usersCommand } from '../../functions/src/cli/users-command';
import { publishersCommand } from '../../functions/src/cli/publishers-command';
import { publicationsCommand } from '../../functions/src/cli/publications-command';
import { publish } from '../../functions/src/publication/publish';
import { auditActionLabel } from '../../core/workflow/action-labels';
import { BENCH_PUBLISHER, syntheticWorkbook } from '../../scripts/bench/synthetic-publisher';

test('accounts, registrations and prunes done from the CLI are in the audit log, with who, what and from what', async () => {
  const store = openSqliteStore(':memory:');
  const io = { out: () => undefined, err: () => undefined };
  const at = (iso: string) => () => new Date(iso);
  const run = (argv: string[]) => parseArgs(argv);
  await store.putPublisher(BENCH_PUBLISHER);
  for (const [rev, now] of ['2025-08-10T12:00:00.000Z', '2025-09-10T12:00:00.000Z'].entries()) {
    const r = await publish(store, { publisher: BENCH_PUBLISHER, workbook: syntheticWorkbook(2, rev), actor: 'test', now, baseUrl: 'http://127.0.0.1' });
    if (r.status !== 'published') throw new Error(r.status);
  }
  const first = (await store.listPublications({ publisherId: 'bench', limit: 10 })).items.find((p) => p.createdAt.startsWith('2025-08'));

  expect(await usersCommand(run(['add', '--email', 'og@yucatan.gob.mx', '--rol', 'coordinador', '--entidad', 'Yucatán']), store, io, {}, at('2026-01-05T16:00:00Z'))).toBe(0);
  expect(await usersCommand(run(['add', '--email', 'cap@bench.gob.mx', '--rol', 'capturista', '--publicador', 'bench']), store, io, {}, at('2026-01-05T16:01:00Z'))).toBe(0);
  const og = await store.findUserByEmail('og@yucatan.gob.mx');
  expect(await usersCommand(run(['remove', '--email', 'og@yucatan.gob.mx']), store, io, {}, at('2026-02-01T17:00:00Z'))).toBe(0);
  expect(await publishersCommand(run(['add', 'bench', '--nombre', BENCH_PUBLISHER.name, '--entidad', BENCH_PUBLISHER.state, '--prefijo-ocid', BENCH_PUBLISHER.ocidPrefix,
    '--prefijo-proyectos', BENCH_PUBLISHER.projectIdPrefix, '--proyectos', '2']), store, io, {}, at('2026-02-02T17:00:00Z'))).toBe(0);
  expect(await publicationsCommand(run(['prune', '--antes-de', '2025-12-01', '--confirmar']), store, io, { cloud: false, now: at('2026-02-03T17:00:00Z') })).toBe(0);

  const log = (await store.listAudit({ since: '2026-01-01T00:00:00Z', limit: 100 })).items;
  const by = (action: string) => log.filter((e) => e.action === action);
  expect(log.every((e) => e.actor === 'cli' && typeof e.details.systemUser === 'string')).toBe(true);
  expect(by('user.created').map((e) => e.details)).toEqual([
    expect.objectContaining({ email: 'og@yucatan.gob.mx', role: 'coordinador', state: 'Yucatán' }),
    expect.objectContaining({ email: 'cap@bench.gob.mx', role: 'capturista', publisherId: 'bench' }),
  ]);
  // The removed account's id, as every earlier entry of it names it, leads to its e-mail.
  expect(by('user.removed')).toEqual([expect.objectContaining({ target: `user/${og?.id}`, at: '2026-02-01T17:00:00.000Z', details: expect.objectContaining({ email: 'og@yucatan.gob.mx' }) })]);
  expect(by('publisher.updated')[0].details).toEqual(expect.objectContaining({
    ocidPrefix: BENCH_PUBLISHER.ocidPrefix, projectIdPrefix: BENCH_PUBLISHER.projectIdPrefix,
    changes: { 'commitment.projects': { from: BENCH_PUBLISHER.commitment.projects, to: 2 } },
  }));
  expect(by('publication.pruned')).toEqual([expect.objectContaining({ target: `publication/${first?.id}`, publisherId: 'bench', details: expect.objectContaining({ contentHash: first?.contentHash, createdAt: first?.createdAt }) })]);
  expect(by('maintenance.pruned')[0].details).toEqual(expect.objectContaining({ publications: 1 }));
  // Every one reads in Spanish on the Bitácora (an unknown action is shown as written).
  for (const e of log) expect(auditActionLabel(e.action)).not.toBe(e.action);
  await store.close();
});

test('every action the code writes to the audit log has a Spanish label', () => {
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const root = path.join(__dirname, '..', '..', 'functions', 'src');
  const actions = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/(?<!\.test)\.ts$/.test(entry.name) && !/contract|failing-store/.test(entry.name)) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/'((?:submission|publication|publisher|user|maintenance|notification|access)\.[a-z-]+)'/g)) actions.add(m[1]);
      }
    }
  };
  walk(root);
  // Read-only policy actions (auth/policy.ts) are no entries; the refused ones are logged as access.denied.
  const policy = new Set(['submission.read', 'submission.list', 'submission.create', 'submission.approve', 'submission.return', 'submission.withdraw', 'publisher.admin', 'publisher.write', 'publisher.stages.write', 'audit.read']);
  const written = [...actions].filter((a) => !policy.has(a));
  expect(written.length).toBeGreaterThan(15);
  expect(written.filter((a) => auditActionLabel(a) === a)).toEqual([]);
});
