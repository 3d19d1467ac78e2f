/**
 * Fault injection for the "never half-replaced" rule (DESIGN §6): a Store that lets `budget` document writes
 * through and then fails, part-way through a batch if need be. A batch of n items counts as n writes.
 * Used by the contract suite and by the publication tests.
 */
import type { Store } from './store';

export class InjectedFailure extends Error {
  constructor(method: string) {
    super(`injected store failure in ${method}`);
    this.name = 'InjectedFailure';
  }
}

const BATCH_METHODS = ['putReleases', 'putRecords', 'putProjects'] as const;
/** putIndex writes one document per chunk, but its chunk count is not the caller's: it counts as one write. */
const SINGLE_WRITE_METHODS = [
  'putPublisher',
  'updatePublisher',
  'putUser',
  'deleteUser',
  'noteFormerAccount',
  'createSubmission',
  'transitionSubmission',
  'rewriteSubmissionQuotes',
  'createPublication',
  'completePublication',
  'setCurrent',
  'appendAudit',
  'putStats',
  'putIndex',
  'putSnapshot',
  'deleteSnapshot',
  'putPreparedPreview',
  'swapPreparedPreview',
  'deletePreparedPreview',
  'putSendFindings',
  'putSendCheck',
  'swapSendCheck',
  'deleteSendCheck',
  'deleteSendChecksKeptBefore',
  'putRefusedSend',
  'countRefusedAttempt',
  'startRefusedCounts',
  'deletePublication',
] as const;

export function failingStore(inner: Store, budget: number): Store {
  let used = 0;
  const overrides: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const name of SINGLE_WRITE_METHODS) {
    const method = inner[name].bind(inner) as (...args: unknown[]) => Promise<unknown>;
    overrides[name] = async (...args: unknown[]) => {
      if (used >= budget) throw new InjectedFailure(name);
      used += 1;
      return method(...args);
    };
  }
  for (const name of BATCH_METHODS) {
    const method = inner[name].bind(inner) as (publicationId: string, items: unknown[]) => Promise<void>;
    overrides[name] = async (publicationId: string, items: unknown[]) => {
      const allowed = Math.max(0, budget - used);
      used += Math.min(allowed, items.length);
      if (items.length <= allowed) return method(publicationId, items);
      if (allowed > 0) await method(publicationId, items.slice(0, allowed));
      throw new InjectedFailure(name);
    };
  }
  return new Proxy(inner, {
    get: (target, property, receiver) =>
      typeof property === 'string' && property in overrides ? overrides[property] : Reflect.get(target, property, receiver),
  });
}
