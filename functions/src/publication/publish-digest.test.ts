/**
 * What a sequence of publications stores, pinned table by table: a digest of every row of every SQLite table after
 * six publications of 20 synthetic processes (three revisions, a return to an earlier content — A → B → A, whose
 * release ids are stamped —, an unchanged one). Speed work on publication must leave every byte as it was; a change
 * meant to alter what is published updates these digests in the same commit, saying why.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../store/sqlite-store';
import { publish } from './publish';
import { BENCH_PUBLISHER, syntheticWorkbook } from '../../../scripts/bench/synthetic-publisher';

/** [revision, changedEvery] (synthetic-publisher.ts): the last one changes every fifth process only. */
const REVISIONS: [number, number][] = [[0, 1], [1, 1], [2, 1], [1, 1], [1, 1], [0, 1], [1, 5]];

/** Per table: rows, and the first 16 hex digits of the SHA-256 of every row (all columns) in insertion order. */
function tableDigests(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, string> = {};
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate() as Iterable<Record<string, string>>) {
        // An audit entry's id ended in a random UUID before the log was chained (document-store.ts): left out, the
        // rest of the entry is kept.
        const kept = name === 'audit' ? { ...row, id: '', sk: row.sk.replace(/"\d{12}-[0-9a-f-]{36}/, ''), body: row.body.replace(/"id":"[^"]*"/, '') } : row;
        hash.update(JSON.stringify(kept));
        rows++;
      }
      out[name] = `${rows} ${hash.digest('hex').slice(0, 16)}`;
    }
    return out;
  } finally {
    db.close();
  }
}

describe('a sequence of publications', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-digest-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores exactly the same rows in every table', async () => {
    const file = path.join(dir, 'publications.sqlite');
    const store = openSqliteStore(file);
    await store.putPublisher(BENCH_PUBLISHER);
    const statuses: string[] = [];
    for (const [step, [revision, changedEvery]] of REVISIONS.entries()) {
      const result = await publish(store, { publisher: BENCH_PUBLISHER, workbook: syntheticWorkbook(20, revision, changedEvery), actor: 'test', now: new Date(Date.UTC(2025, 6, 1 + step)).toISOString(), baseUrl: 'http://127.0.0.1' });
      statuses.push(result.status);
    }
    await store.close();
    expect(statuses).toEqual(['published', 'published', 'published', 'published', 'unchanged', 'published', 'published']);
    expect(tableDigests(file)).toEqual(DIGESTS);
  }, 120_000);
});

// The privacy filter's version (r26-3: a process's releases filtered in order, and references to a withheld party,
// core/privacy) is part of every publication's content hash, so of its id in every row; what the rows hold is
// otherwise the same (checked with r26-2's name).
const DIGESTS: Record<string, string> = {
  // Helper M15: the synthetic projects have their stages' dates (scripts/examples/build-project.ts stageDates), so
  // each publication's content hash, its id in every row, changed in every table; the projects, their index entries
  // (`stages`) and the stats (completeness counts the dates of the stages reached) for the dates themselves. Nothing
  // else changed.
  // Each publication's audit entry keeps its content hash and the processes that got a new release (the Bitácora's
  // «what changed», months later). Each entry now takes its place in the log's hash chain (its id is that place,
  // with `seq`, `prev` and `hash`) and keeps the SHA-256 of the content as served (`servedSha256`); `changes` holds
  // the chain's head too. Releases, records and projects are byte for byte as before.
  // Helper E16: the first publication's entry says it is the first (`first: true`, the Bitácora's «Primera
  // publicación»), so that entry and the chain's head after it changed; nothing else did.
  // Helper L16: the audit table has a column `several` (empty for these entries, which name one implementer each), so
  // that an implementer's listing finds the entries naming it among several; the entries themselves are unchanged.
  audit: '6 e269fe3b2a8dbe32',
  // Helper O16: the changes table has a column `refusals` (empty in these two documents: it counts a publisher's
  // refused sends of a month, in documents of their own); the documents themselves are unchanged.
  changes: '2 83d38ce2fedbcc8b',
  // The pointer carries its publication's document count (its `documents` column and field), summed by
  // Store.publishedDocuments for the all-publishers files' limit (publication-task.ts): only this row changed.
  current: '1 6c39f6cb115b70b3',
  // Projects sent again unchanged keep the `updated` they were published with (publish.ts keepUpdated). The synthetic
  // projects' budget items list their processes' claves presupuestarias (scripts/examples/build-project.ts): every
  // publication's content hash, so its id in every row, changed with them. INDEX_VERSION 3 (a cancelled contract's
  // value not counted; each process's awards in force and each contract's amendments, for the dashboard's
  // contractors) is written in each index, and in the stats as the version their figures were summed by; INDEX_VERSION
  // 4 (a process still at planning dated by its planning) and 5 (a process whose contracts are all cancelled at stage
  // «cancelled», whatever their implementation status says) the same way, and 6 (a contract or an award without its
  // status puts its process at that stage; every one here has its status, so only the version number changed). Each index also keeps what its projects and
  // processes lack of what their stage asks (`pending`, core/stats/pending.ts, read by /api/pending), with the
  // PENDING_VERSION it was judged by (2: a cancelled project owes only its identification points; 3: a point only
  // another implementer's processes lack is theirs to publish — none here, so only the version number changed), and
  // what the contract amendments of the processes its projects list changed (`amendments`, none in these synthetic data),
  // and what was typed of its projects where their summaries and parties were derived (`typedParts`,
  // stored-typed-parts.ts: the next publication and the coordinator's preview judge a project against it).
  // INDEX_VERSION 7: each project entry has its stages' dates (`stages`, the projects' CSV); the demo project these
  // are cloned from now has stage dates (scripts/examples/build-project.ts), so the projects changed with them too.
  // INDEX_VERSION 8 (a project's completion date, `ended`; a contract's suppliers from the parties when no award names
  // them): none of these synthetic projects is completed and every contract has its award, so only the version changed.
  // INDEX_VERSION 9 (a contract with only `valueWithTax` counted by it, `contractedWithTax`): none here has one, so
  // only the version changed. INDEX_VERSION 10 (what a process's contracts come to with VAT, `contractedInclTax`, kept
  // only where it differs from `contracted`): none here publishes `valueWithTax`, so only the version changed.
  // INDEX_VERSION 11 (a process whose contracts are all terminated or cancelled not at «implementation»): none here
  // has a terminated contract, so only the version changed.
  indexes: '6 29ddf5f4dbda9991',
  projects: '60 3bec1ddb87c647a3',
  // The months' closes of the monthly report (Store.putMonthClose): a table of its own, empty here.
  monthCloses: '0 e3b0c44298fc1c14',
  // The previews computed outside their request (Store.putPreparedPreview): a table of its own, empty here.
  previews: '0 e3b0c44298fc1c14',
  // Each publication keeps the time zone its workbook was converted with (`timeZone`, here America/Mexico_City): its
  // datos.xlsx writes dates in it (bulk-files.ts). Only this table changed. Its counts keep how many points and
  // documents its *Pendientes* lists (`pending`, read by /api/tracking for Seguimiento): only this table changed.
  // Those counts carry the PENDING_VERSION they were judged by (3, see `indexes`): the counts themselves are the same.
  publications: '6 7ac2fcda301c1fa3',
  // The publisher carries its current publication's date (`publishedAt`, written by setCurrent) and the day its next
  // update is due (its `updateDue` column, listed by the reminders): only this row changed.
  publishers: '1 c477f31e7cb89712',
  records: '120 d613a897ce01fcb0',
  releases: '404 21f715723234e93b',
  // The outcomes of sends' checks that outlasted their request (Store.putSendCheck): a table of its own, empty here.
  sendChecks: '0 e3b0c44298fc1c14',
  // Every finding of each send (Store.putSendFindings): a table of its own, empty here.
  sendFindings: '0 e3b0c44298fc1c14',
  snapshots: '0 e3b0c44298fc1c14',
  // Changed when CoST IDS coverage began to count each point over the projects it is due for, as OC4IDS maps it, and
  // with the INDEX_VERSION its figures were summed by and the QUALITY_VERSION its quality was judged by; then when
  // competition gained its `planning` band and a process's fields of stages it has not reached stopped counting
  // (QUALITY_VERSION 3); then the version alone when a cancelled project began to owe only its identification
  // (QUALITY_VERSION 4); then the INDEX_VERSION alone (5: a process whose contracts are all cancelled is «cancelled»;
  // 6: a contract or an award without its status is past planning); then when the template gained the projects' stage
  // dates (OC4IDS 0.9.5 `…Period`), which completeness counts for the stages a project reached (QUALITY_VERSION 5);
  // then the INDEX_VERSION alone (7: a project's stages' dates in its entry; 8: its completion date, and contracts'
  // suppliers from the parties); then with INDEX_VERSION 9 and the part of the contracted sum published only with VAT
  // (`contractedWithTaxMxn`, `processesWithTax`: 0 here); then INDEX_VERSION 10 alone, and 11 alone.
  stats: '1 6ad56d96c7e6ab91',
  submissions: '0 e3b0c44298fc1c14',
  users: '0 e3b0c44298fc1c14',
};
