import { chainReportLines, entryDigest, linkHash, verifyChain, type ChainEntry } from './audit-chain';

/** A chain of `n` entries as appendAudit writes them, after two entries written before the log was chained. */
function log(n: number): ChainEntry[] {
  const out: ChainEntry[] = [
    { at: '2025-11-01T10:00:00.000Z', content: { at: '2025-11-01T10:00:00.000Z', actor: 'u1', action: 'submission.created', target: 'submission/a', details: {} } },
    { at: '2025-11-02T10:00:00.000Z', content: { at: '2025-11-02T10:00:00.000Z', actor: 'u1', action: 'submission.created', target: 'submission/b', details: {} } },
  ];
  let prev: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const content = { at: `2025-12-0${seq}T10:00:00.000Z`, actor: 'system', action: 'publication.published', target: `publication/p${seq}`, details: { releases: seq }, publisherId: 'merida' };
    const hash = linkHash(seq, prev, entryDigest(content));
    out.push({ at: content.at, seq, prev, hash, content });
    prev = hash;
  }
  return out;
}

test('a whole chain is reported whole, its older entries «sin huella», not altered', () => {
  const report = verifyChain(log(4), 4);
  expect(report).toMatchObject({ chained: 4, unchained: 2, unchainedAfterStart: 0, problems: [] });
  expect(chainReportLines(report).join('\n')).toMatch(/^✓ La bitácora está completa y sin cambios: 4 entradas encadenadas[\s\S]*2 entradas sin huella \(escritas antes del 01\/12\/2025/);
});

test('an entry removed, edited, or edited and hashed again, or the last ones removed: each is told', () => {
  const removed = log(4).filter((e) => e.seq !== 2);
  expect(verifyChain(removed).problems).toEqual([{ kind: 'missing', from: 2, to: 2 }]);

  const edited = log(4);
  edited[3].content = { ...(edited[3].content as NonNullable<ChainEntry['content']>), details: { releases: 99 } };
  expect(verifyChain(edited).problems).toEqual([{ kind: 'altered', seq: 2, at: edited[3].at }]);

  // Whoever can write the database can hash the edited entry again: the next one no longer follows it.
  const rehashed = log(4);
  rehashed[3].content = { ...(rehashed[3].content as NonNullable<ChainEntry['content']>), actor: 'otro' };
  rehashed[3].hash = linkHash(2, rehashed[3].prev ?? null, entryDigest(rehashed[3].content));
  expect(verifyChain(rehashed).problems).toEqual([{ kind: 'broken-link', seq: 3, at: rehashed[4].at }]);

  // The head the store noted (or a reader kept) says how far the chain went.
  const report = verifyChain(log(4).slice(0, -1), 4);
  expect(report.problems).toEqual([{ kind: 'missing', from: 4, to: 4 }]);
  expect(chainReportLines(report)[0]).toBe('✗ La bitácora fue modificada después de escrita: 1 problema.');
  expect(chainReportLines(report)[1]).toBe('  Falta la entrada n.º 4: se borró.');
});
