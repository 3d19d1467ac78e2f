/** Every item of a paged store listing, following `next` to the end (for listings known to be small, or needed whole). */
export async function readAll<T>(list: (after: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await list(after);
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}
