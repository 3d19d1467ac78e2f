type Listing<T> = (after: string | undefined) => Promise<{ items: T[]; next?: string }>;

/** The pages of a paged store listing, following `next` to the end: only the page at hand is held. */
export async function* pages<T>(list: Listing<T>): AsyncGenerator<T[]> {
  let after: string | undefined;
  do {
    const page = await list(after);
    yield page.items;
    after = page.next;
  } while (after);
}

/** Every item of a paged store listing, following `next` to the end (for listings known to be small, or needed whole). */
export async function readAll<T>(list: Listing<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const items of pages(list)) out.push(...items);
  return out;
}
