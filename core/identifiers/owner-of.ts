/**
 * Which publisher an identifier belongs to: an ocid starts with its publisher's registered prefix (OCDS: «ocds-»
 * prefix, then the publisher's own part), a project id with its OC4IDS prefix — the prefix itself or the prefix
 * and a hyphen, so «ocds-abc1» does not claim «ocds-abc12-…». When prefixes nest, the longest one wins. Used by
 * the API to find a document's publication and by the dashboard to find the state a linked document is in.
 */
export function ownerOf<T>(owners: readonly T[], id: string, prefix: (owner: T) => string): T | undefined {
  let best: T | undefined;
  let length = -1;
  for (const owner of owners) {
    const p = prefix(owner);
    if (p && p.length > length && (id === p || id.startsWith(`${p}-`))) {
      best = owner;
      length = p.length;
    }
  }
  return best;
}
