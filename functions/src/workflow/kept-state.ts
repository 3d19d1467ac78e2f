/**
 * Work that outlasts the request asking for it (a send's preview, prepared-preview.ts; a send's check,
 * send-check.ts): what it is doing, then what it answered, kept in the store as a small JSON text under a key and the
 * publisher (a preview's: Store.putPreparedPreview; a send check's: Store.putSendCheck), for the next request to find;
 * and the request's wait for it, bounded.
 *
 * While the work runs, what is kept is a marker (WorkMark): who does it (`owner`: this process, or the task queue)
 * and when it last said it still did (`beat`, written again every heartbeatMs while the work runs). Whoever reads it
 * takes it over (computes the preview again) or says it was interrupted (a send check) only when that heartbeat is
 * stale by a clear margin (staleMs) — not because the reader did not start it: in a cluster (`serve --procesos N`)
 * a worker started again after a crash used to take a sibling's live work for its own dead one, computing a preview
 * twice or telling an official «se interrumpió» of a check still running. And taking over is a swap of the very marker
 * read (Store.swapPreparedPreview): of two readers who find it stale at once, one takes it.
 */
import { randomUUID } from 'crypto';
import { hostname } from 'os';
import type { KeptText, Store } from '../store/store';

/** A kept state: `format` names its shape, so one written by another version (an upgrade) is not misread. */
export interface Versioned { format: number }

/** A kept state's text read back, or undefined (none, unreadable, or of another `format`). */
export function parseKept<T extends Versioned>(text: string | undefined, format: number): T | undefined {
  if (text === undefined) return undefined;
  try {
    const kept = JSON.parse(text) as T;
    return kept.format === format ? kept : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where one piece of work keeps its state: a prepared preview (by snapshot and publisher) or a send check (by id and
 * publisher). `swap` writes a marker only over the version read (Store.swapPreparedPreview): its new version, or
 * undefined when something else was written since.
 */
export interface KeptSlot {
  read(): Promise<KeptText | undefined>;
  put(text: string): Promise<void>;
  swap(version: string | undefined, text: string): Promise<string | undefined>;
  delete(): Promise<void>;
}

export const previewSlot = (store: Store, contentHash: string, publisherId: string): KeptSlot => ({
  read: () => store.readPreparedPreview(contentHash, publisherId),
  put: (text) => store.putPreparedPreview(contentHash, publisherId, text),
  swap: (version, text) => store.swapPreparedPreview(contentHash, publisherId, version, text),
  delete: () => store.deletePreparedPreview(contentHash, publisherId),
});

/** A send check's slot: each write is kept «now» (the daily job forgets those kept a week ago). */
export const sendCheckSlot = (store: Store, checkId: string, publisherId: string): KeptSlot => ({
  read: () => store.readSendCheck(checkId, publisherId),
  put: (text) => store.putSendCheck(checkId, publisherId, text, new Date().toISOString()),
  swap: (version, text) => store.swapSendCheck(checkId, publisherId, version, text, new Date().toISOString()),
  delete: () => store.deleteSendCheck(checkId, publisherId),
});

/** A kept state read with the version it came from (undefined: nothing, or unreadable). */
export async function readSlot<T extends Versioned>(slot: KeptSlot, format: number): Promise<{ kept: T | undefined; version: string | undefined }> {
  const read = await slot.read();
  return { kept: parseKept<T>(read?.text, format), version: read?.version };
}

/** How often a request waiting for what a queued task keeps looks for it. */
const POLL_MS = 1_000;

/**
 * The cloud's request for work handed to the task queue (a send's check, a large preview): reads `slot` every second
 * until what is kept there is `settled`, for at most `budgetMs`; that state, or undefined past the budget.
 */
export async function pollKept<K extends Versioned>(slot: KeptSlot, format: number, budgetMs: number, settled: (kept: K) => boolean): Promise<K | undefined> {
  for (const deadline = Date.now() + budgetMs; Date.now() + POLL_MS <= deadline;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const { kept } = await readSlot<K>(slot, format);
    if (kept && settled(kept)) return kept;
  }
  return undefined;
}

/** A marker of work under way, as kept inside its state (`{state: 'preparing', …WorkMark}`). */
export interface WorkMark {
  /** When the work began. */
  at: string;
  /** Who does it: a process's MarkerPolicy.owner, or QUEUED. Absent on markers of the version before it was kept. */
  owner?: string;
  /** When its owner last said it still did it (absent: `at`). */
  beat?: string;
}

/**
 * The owner of work handed to the task queue (the cloud): the queue delivers it again when its instance dies, and
 * says so after its last attempt, so no heartbeat is kept and such a marker is stale only after the work's lease.
 */
export const QUEUED = 'cola';

/** How often a process says its work still runs. */
export const HEARTBEAT_MS = 15_000;
/**
 * How long after its last heartbeat a marker is taken for abandoned: 8 heartbeats. The heartbeat is written by its
 * process's event loop, which a long synchronous step can hold for tens of seconds (a large workbook validated
 * where there is no background thread, a major garbage collection of a heap of 1.5 GiB), and taking a live one for
 * dead costs more (a preview computed twice, an official told «se interrumpió») than waiting for a dead one a
 * minute longer.
 */
export const STALE_MS = 120_000;

/** How this process's markers are written and everyone's judged. */
export interface MarkerPolicy {
  /** This process (a self-hosted server or one worker of `serve --procesos N`, a cloud instance): one per start. */
  owner: string;
  /**
   * No other process works on this store (the self-hosted server without `--procesos`): a marker that is not this
   * process's was left by one that stopped (restarted, upgraded), and is taken over at once, not after staleMs.
   */
  sole: boolean;
  heartbeatMs: number;
  staleMs: number;
}

/** A new process's identity, for its markers: where and which process, and a random part (pids are reused). */
export const processOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const markerPolicy = (opts: Partial<MarkerPolicy> = {}): MarkerPolicy => ({
  owner: opts.owner ?? processOwner(),
  sole: opts.sole ?? false,
  heartbeatMs: opts.heartbeatMs ?? HEARTBEAT_MS,
  staleMs: opts.staleMs ?? STALE_MS,
});

/**
 * Work handed to the task queue (the cloud) whose task has not begun an attempt for this long is taken for lost (the
 * queue purged, or not allowed to call the function). Not shorter: a task waits in the queue for as long as its 10
 * dispatches at a time are busy — with publications of up to 9 minutes each, a month's last day can hold a send or a
 * preview there for more than 15 minutes, and a send's check was then told «se interrumpió» (its task, coming later,
 * found it answered and did nothing) and a preview enqueued again (one more task in a queue already full). Each
 * attempt says when it began (beginAttempt), so the time counts from the queue's last sign; the queue itself says
 * when every attempt died (the tasks' last attempt keeps that).
 */
export const QUEUED_LOST_MS = 60 * 60_000;

/**
 * Whether the work `mark` says is under way was left by an owner that stopped: a queued one when no attempt has begun
 * for QUEUED_LOST_MS; any other, for a sole server, when it is another process's; otherwise when its heartbeat is
 * older than staleMs. A time that does not parse counts as stale (nothing could ever refresh it).
 */
export function isAbandoned(mark: WorkMark, policy: MarkerPolicy, now = Date.now()): boolean {
  const silent = now - Date.parse(mark.beat ?? mark.at);
  if (mark.owner === QUEUED) return !(silent < QUEUED_LOST_MS);
  if (policy.sole && mark.owner !== policy.owner) return true;
  return !(silent < policy.staleMs);
}

/**
 * A queued task's attempt begins on the work `mark` (read at `version`): the marker says when (QUEUED_LOST_MS counts
 * from here), written over what was read. False when something was written there since — another delivery began or
 * finished it —: this attempt leaves it to that one.
 */
export async function beginAttempt(slot: KeptSlot, version: string | undefined, mark: Versioned & WorkMark): Promise<boolean> {
  return (await slot.swap(version, JSON.stringify({ ...mark, beat: new Date().toISOString() }))) !== undefined;
}

/** Work this process claimed: its heartbeat goes on until `release`. */
export interface Claim { release(): Promise<void> }

/**
 * Writes the marker `marked(beat)` (the state with this process as owner and `beat` as its heartbeat) over what was
 * read at `version`, only if nothing was written since; undefined if something was (another took it first). Then,
 * until released, writes it again every heartbeatMs with a new beat, each time over its own last write: once anything
 * else is written there (the work's outcome, kept by whoever finished it; another's claim) the heartbeat stops. A
 * failed heartbeat (the store unreachable a moment, or its answer lost after it wrote) is tried again at the next one.
 * Its timer does not keep the process alive.
 */
export async function claimWork(slot: KeptSlot, version: string | undefined, marked: (beat: string) => string, policy: MarkerPolicy, log: (m: string) => void): Promise<Claim | undefined> {
  let last = await slot.swap(version, marked(new Date().toISOString()));
  if (last === undefined) return undefined;
  let released = false;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();
  /**
   * Heartbeats whose answer never came since the last answered one: the store may have written one of them, and then
   * holds a version this process never saw.
   */
  const unanswered = new Set<string>();
  const beat = async () => {
    const text = marked(new Date().toISOString());
    try {
      let v = await slot.swap(last, text);
      if (v === undefined && unanswered.size) {
        // Refused because what is there is this process's own lost heartbeat (its text, beat and all, is no one
        // else's): go on from its version. Before, the heartbeat stopped there and, 2 minutes later, another process
        // took the live work over (a preview computed twice, an «interrumpido» told of a check still running).
        const read = await slot.read();
        if (read?.text !== undefined && unanswered.has(read.text)) v = await slot.swap(read.version, text);
      }
      unanswered.clear();
      if (v === undefined) released = true;
      else last = v;
    } catch (e) {
      // The store unreachable a moment, or its answer lost after it wrote: tried again at the next heartbeat.
      unanswered.add(text);
      log(`no se pudo renovar la marca de un trabajo en curso: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const next = () => {
    if (released) return;
    timer = setTimeout(() => { beating = beat().then(next); }, policy.heartbeatMs);
    timer.unref();
  };
  next();
  return {
    async release() {
      released = true;
      clearTimeout(timer);
      await beating;
    },
  };
}

/**
 * `job`'s value if it settles within `budgetMs` (its rejection thrown), otherwise 'late' — at once for a budget of 0.
 * The budget's timer is cleared either way: one left pending kept a process that was done (a test, a server closing)
 * waiting for it.
 */
export async function withinBudget<T>(job: Promise<T>, budgetMs: number): Promise<T | 'late'> {
  if (budgetMs <= 0) return 'late';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), budgetMs); });
  try {
    return await Promise.race([job, late]);
  } finally {
    clearTimeout(timer);
  }
}
