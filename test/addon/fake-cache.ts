/**
 * A cache of CacheService (Class Cache), for the built Code.js (fake-apps-script.ts) and the fake host, with the limits its reference gives: a key of at most 250 characters, a
 * value of at most 100 KB, an expiration of at most 21,600 seconds (each refused with an error, as the service
 * throws), and at most 1,000 entries: past that, the 900 farthest from expiring are kept. `now` moves time on.
 */
export class FakeCache {
  private readonly entries = new Map<string, { value: string; until: number }>();
  now = 0;
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    if (expirationInSeconds > 21600) throw new Error('Argument too large: expirationInSeconds');
    for (const [key, value] of Object.entries(values)) {
      if (key.length > 250) throw new Error('Argument too large: key');
      if (Buffer.byteLength(String(value), 'utf8') > 100 * 1024) throw new Error('Argument too large: value');
    }
    for (const [key, value] of Object.entries(values)) this.entries.set(key, { value: String(value), until: this.now + expirationInSeconds * 1000 });
    if (this.entries.size > 1000) {
      const kept = [...this.entries].sort((a, b) => b[1].until - a[1].until).slice(0, 900);
      this.entries.clear();
      for (const [k, v] of kept) this.entries.set(k, v);
    }
  }
  put(key: string, value: string, expirationInSeconds?: number): void { this.putAll({ [key]: value }, expirationInSeconds); }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of keys) { const e = this.entries.get(key); if (e && e.until > this.now) out[key] = e.value; }
    return out;
  }
  get(key: string): string | null { return this.getAll([key])[key] ?? null; }
  get size(): number { return this.entries.size; }
}
