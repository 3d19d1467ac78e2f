import { packStats, unpackStats } from './stats-answer';

describe('packStats / unpackStats', () => {
  it('send a field absent from one implementer\'s figures (judged by an earlier template) as null, and give back each list as it was', () => {
    const field = (f: string, filled: number) => ({ standard: 'ocds' as const, field: f, title: `Título ${f}`, filled, total: 4 });
    const entries = [
      { publisherId: 'a', data: { processes: 4, quality: { projectsShare: 0, processesShare: 0.5, fields: [field('x', 1), field('y', 2)], costIds: [{ id: 'owner', disclosed: 0, total: 0 }] } } },
      { publisherId: 'b', data: { processes: 4, quality: { projectsShare: 0, processesShare: 0.75, fields: [field('y', 3), field('z', 4)], costIds: [{ id: 'owner', disclosed: 1, total: 2 }] } } },
      { publisherId: 'c', data: null },
    ];
    const packed = packStats(entries);
    expect(packed.fields).toEqual([['ocds', 'x', 'Título x'], ['ocds', 'y', 'Título y'], ['ocds', 'z', 'Título z']]);
    expect(packed.publishers.map((p) => (p.data as { quality?: { fieldCounts: unknown } } | null)?.quality?.fieldCounts)).toEqual([[1, 4, 2, 4], [null, null, 3, 4, 4, 4], undefined]);
    expect(unpackStats(JSON.parse(JSON.stringify(packed)) as typeof packed)).toEqual(entries);
  });
});
