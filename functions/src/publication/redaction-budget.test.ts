import type { RedactionNote } from '../store/store';
import { REDACTION_LIST_BYTES, withinRedactionBudget } from './redaction-budget';

/** A redaction of a text typed in `n` processes, in five fields of each (a supervisor's phone in every document). */
function note(at: string, n: number): RedactionNote {
  const releases = Array.from({ length: n }, (_, i) => ({
    ocid: `ocds-mid001-OP-${String(i).padStart(6, '0')}`, id: `ocds-mid001-OP-${String(i).padStart(6, '0')}-2025-07-01T00:00:00Z`,
    pointers: Array.from({ length: 5 }, (_, d) => `/tender/documents/${d}/description`),
  }));
  return { at, from: `p-${at}`, reason: 'Solicitud ARCO 1/2026', releaseCount: n, processCount: n, projectCount: 1, releases, projects: [{ id: 'oc4ids-mid001-P1', pointers: ['/description'] }] };
}

describe('withinRedactionBudget', () => {
  test('three large redactions carried by one publication stay within the budget, the newest listed first, every count whole', () => {
    const notes = [note('2026-01-01', 3000), note('2026-06-01', 3000), note('2026-12-01', 500)];
    // Uncut, they would be several times Firestore's 1 MiB per document.
    expect(JSON.stringify(notes).length).toBeGreaterThan(1024 * 1024);
    const kept = withinRedactionBudget(notes);
    const listed = JSON.stringify(kept.map((n) => [n.releases, n.projects]));
    expect(listed.length).toBeLessThanOrEqual(REDACTION_LIST_BYTES + 100);
    expect(kept.map((n) => n.at)).toEqual(['2026-01-01', '2026-06-01', '2026-12-01']);
    expect(kept.map((n) => n.releaseCount)).toEqual([3000, 3000, 500]);
    // The newest whole, then the one before as far as the budget goes, the oldest not place by place.
    expect(kept[2].releases).toHaveLength(500);
    expect(kept[2].projects).toHaveLength(1);
    expect(kept[1].releases.length).toBeGreaterThan(0);
    expect(kept[1].releases.length).toBeLessThan(3000);
    expect(kept[0].releases).toHaveLength(0);
    expect(kept[1].releases[0]).toEqual(notes[1].releases[0]);
  });

  test('small redactions are kept as they are', () => {
    const notes = [note('2026-01-01', 3), note('2026-02-01', 2)];
    expect(withinRedactionBudget(notes)).toEqual(notes);
  });
});
