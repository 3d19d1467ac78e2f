/** Row numbers as a report names them: runs joined («4 a 13»), a few named and the rest left to a count («…»). */

/** Runs named before «…». */
const RUNS_NAMED = 4;

/** [4, 5] → «4 y 5»; [4…13] → «4 a 13»; [3, 5, 6, 7] → «3 y 5 a 7». `rows` ascending, 1-based. */
export function rowList(rows: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < rows.length && runs.length <= RUNS_NAMED; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    // Two rows in a row read better named: «4 y 5», not «4 a 5».
    if (j === i + 1) runs.push(String(rows[i]), String(rows[j]));
    else runs.push(j > i ? `${rows[i]} a ${rows[j]}` : String(rows[i]));
    i = j + 1;
  }
  if (runs.length > RUNS_NAMED) return `${runs.slice(0, RUNS_NAMED).join(', ')}…`;
  return runs.length === 1 ? runs[0] : `${runs.slice(0, -1).join(', ')} y ${runs[runs.length - 1]}`;
}
