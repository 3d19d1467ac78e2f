import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const LongFirstSequencer = require('./jest-sequencer.js') as new () => { sort(tests: FakeTest[]): FakeTest[] };

interface FakeTest { path: string; context: unknown; duration?: number }

/** The part of jest's test context its sequencer reads: the cache folder and each file's size. */
function contextWith(cacheDirectory: string, sizes: Record<string, number>): unknown {
  return {
    config: { cache: true, cacheDirectory, id: 'secuencia', haste: {}, rootDir: cacheDirectory, roots: [cacheDirectory] },
    hasteFS: { getSize: (file: string) => sizes[file] ?? 0 },
  };
}

let cacheDirectory: string;
beforeEach(() => { cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'secuencia-')); });
afterEach(() => fs.rmSync(cacheDirectory, { recursive: true, force: true }));

const SIZES = { '/p/core/big.test.ts': 90_000, '/p/scripts/benches.test.ts': 2_000, '/p/test/a.browser.test.ts': 30_000, '/p/test/b.browser.test.ts': 40_000, '/p/test/x.e2e.test.ts': 5_000, '/p/core/small.test.ts': 1_000, '/p/f/bulk-memory.test.ts': 2_000 };

test('a fresh clone (no remembered times) starts the benches, then Chromium files, then servers, then the rest by size', () => {
  const context = contextWith(cacheDirectory, SIZES);
  const order = new LongFirstSequencer().sort(Object.keys(SIZES).map((file) => ({ path: file, context }))).map((t) => path.basename(t.path));
  expect(order).toEqual(['benches.test.ts', 'b.browser.test.ts', 'a.browser.test.ts', 'bulk-memory.test.ts', 'x.e2e.test.ts', 'big.test.ts', 'small.test.ts']);
});

test('with remembered times, jest\'s own order stands: failed first, then longest first; files new since then before those', () => {
  const context = contextWith(cacheDirectory, SIZES);
  const sequencer = new LongFirstSequencer();
  // Jest's perf cache: [0 failed | 1 passed, ms] by file (@jest/test-sequencer).
  const cacheFile = (sequencer as unknown as { _getCachePath(c: unknown): string })._getCachePath(context);
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify({ '/p/core/big.test.ts': [1, 100], '/p/scripts/benches.test.ts': [1, 9000], '/p/test/a.browser.test.ts': [0, 50], '/p/core/small.test.ts': [1, 20] }));
  const order = sequencer.sort(Object.keys(SIZES).map((file) => ({ path: file, context }))).map((t) => path.basename(t.path));
  expect(order).toEqual(['a.browser.test.ts', 'b.browser.test.ts', 'bulk-memory.test.ts', 'x.e2e.test.ts', 'benches.test.ts', 'big.test.ts', 'small.test.ts']);
});
