/**
 * A process-wide count of changes to what public readers see (a publisher registered, a `current` pointer
 * switched). Readers that cache the published state (api/current-publications.ts) drop their copy when it moves,
 * so a change made in this process is seen at once; changes made by other processes (other Cloud Function
 * instances, the CLI, cluster workers) are seen when the copy expires.
 */
let changes = 0;

export function notePublishedChange(): void {
  changes += 1;
}

export function publishedChanges(): number {
  return changes;
}
