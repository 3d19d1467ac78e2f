/**
 * A process-wide count of changes to what public readers see (a publisher registered, a `current` pointer
 * switched). Readers that cache the published state (api/current-publications.ts) drop their copy when it moves,
 * so a change made in this process is seen at once; changes made by other processes (other Cloud Function
 * instances, the CLI, cluster workers) are seen when the copy expires. A change made in the self-hosted server's
 * background thread is relayed to the server's thread (server/background-thread.ts) through `onPublishedChange`.
 */
let changes = 0;
const listeners: (() => void)[] = [];

export function notePublishedChange(): void {
  changes += 1;
  for (const listener of listeners) listener();
}

export function publishedChanges(): number {
  return changes;
}

/** Calls `listener` after every change noted in this thread. */
export function onPublishedChange(listener: () => void): void {
  listeners.push(listener);
}
