/**
 * `npm run bench:publish` (issue 16, publication target): publishing 1,000 processes × 3 revisions on SQLite
 * (meta < 3 s), and with `-- --firestore` 10,000 processes on the Firestore emulator (in a child process on
 * 127.0.0.1) against the publication task's time limit, Firestore's 500 writes per batch and 1 MiB per document.
 * Prints figures; asserts nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { timePublishing } from './bench/publish-revisions';

const REVISION_PROCESSES = Number(process.env.BENCH_REVISION_PROCESSES ?? 1000);

async function main(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-'));
  try {
    await timePublishing(path.join(dir, 'revisions.sqlite'), REVISION_PROCESSES);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
