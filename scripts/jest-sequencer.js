/**
 * Jest's order of test files. Jest runs the longest files first when its cache remembers their times, so the last
 * minutes are shared by both workers. A fresh clone (CI) has no such cache, and jest then orders by file size: the
 * benches' smoke test (2 KB, eight whole commands, ~110 s) started last and ran alone on one worker while the other
 * idled, about 100 s of the suite. Files without a remembered time are ordered here by what they start (whole
 * commands, then Chromium, then servers and emulators in their own processes), then by size, as jest does.
 */
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Kinds of test files known to be long, longest kind first: whole commands, Chromium, memory at scale (large
 * inputs: bulk-files-memory, 30 s, ran last of all on CI), servers and emulators.
 */
const LONG_KINDS = [/benches\.test\.ts$/, /\.browser\.test\.ts$/, /-memory\.test\.ts$/, /\.e2e\.test\.ts$|\.firestore\.test\.ts$|firestore-store\.test\.ts$/];

const kind = (file) => {
  const index = LONG_KINDS.findIndex((pattern) => pattern.test(file));
  return index === -1 ? LONG_KINDS.length : index;
};

class LongFirstSequencer extends Sequencer {
  sort(tests) {
    // Jest's order: files that failed last time, then files it has no time for (larger first), then the rest
    // (longer first). Only the middle group is reordered, by kind; Array.prototype.sort is stable, so size still
    // orders files of one kind.
    const sorted = super.sort(tests);
    const unknown = sorted.filter((test) => test.duration == null);
    const failed = sorted.filter((test) => test.duration != null && this.hasFailed(test));
    const rest = sorted.filter((test) => test.duration != null && !this.hasFailed(test));
    const byKind = unknown.map((test) => [kind(test.path), test]).sort((a, b) => a[0] - b[0]).map(([, test]) => test);
    return [...failed, ...byKind, ...rest];
  }
}

module.exports = LongFirstSequencer;
