/**
 * The one Spanish message catalogue (DESIGN §5). Each part of the core owns its entries in its own file
 * (`*-messages.ts`) and they are joined here; a code must appear in exactly one part (test).
 * Templates use `{param}` placeholders filled from `Finding.params`.
 */
export type MessageCatalogue = Record<string, string>;

const parts: MessageCatalogue[] = [];
/** The joined catalogue, rebuilt only when a part registers (rendering runs once per finding). */
let joined: MessageCatalogue | undefined;

/** Called by each part's module at load time; duplicates are a programming error caught by the catalogue test. */
export function registerMessages(entries: MessageCatalogue): void {
  parts.push(entries);
  joined = undefined;
}

export function catalogue(): Readonly<MessageCatalogue> {
  joined ??= Object.assign({}, ...parts) as MessageCatalogue;
  return joined;
}

export function duplicateCodes(): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const part of parts) {
    for (const code of Object.keys(part)) {
      if (seen.has(code)) dups.push(code);
      seen.add(code);
    }
  }
  return dups;
}
