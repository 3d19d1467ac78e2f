/**
 * What the `publishSubmission` task queue carries (functions/src/index.ts): a publication, a send to check
 * (`{ send }`, workflow/send-check.ts) or a preview to prepare (`{ preview }`, workflow/prepared-preview.ts), read
 * from the task's body as `unknown`. Only Cloud Tasks may invoke the function (it is private: no `invoker`, and
 * `roles/run.invoker` only for the functions' own account, docs/deploy.md §4) and the SDK does not verify the token
 * itself (it relies on that IAM check), so a body of another shape is a bug or a forgery: it is refused whole —
 * before any of its fields names a document, an account or a sheet — rather than half used.
 */
import { isObject } from '../../../core/json/json-values';
import { isSpreadsheetId } from '../ingest/sheets-source';
import type { PublicationTask } from './publication-queue';
import type { PreviewTask } from '../workflow/prepared-preview';
import type { SendTask } from '../workflow/send-check';
import { publisherOfCheck } from '../workflow/send-check';

export type QueuedTask = PublicationTask | { preview: PreviewTask } | { send: SendTask };

/** An id as the store's are: a short text of one line. */
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200 && !/[\u0000-\u001f]/.test(v);

function sendTask(v: unknown): SendTask | undefined {
  if (!isObject(v)) return undefined;
  const { checkId, userId, publisherId, spreadsheetId, spreadsheetName, origin } = v;
  if (!isId(checkId) || !isId(userId) || !isId(publisherId) || typeof spreadsheetId !== 'string' || !isSpreadsheetId(spreadsheetId)) return undefined;
  // The check's id names its institution (send-check.ts): a task for one institution's check under another's is not ours.
  if (publisherOfCheck(checkId) !== publisherId) return undefined;
  if (spreadsheetName !== undefined && (typeof spreadsheetName !== 'string' || spreadsheetName.length > 1000)) return undefined;
  // Where it was asked from: only written into the send's own entry; a malformed one is dropped, not the send.
  const from = isObject(origin) && typeof origin.ip === 'string' && origin.ip.length <= 100
    ? { ip: origin.ip, ...(typeof origin.userAgent === 'string' ? { userAgent: origin.userAgent.slice(0, 200) } : {}) } : undefined;
  return { checkId, userId, publisherId, spreadsheetId, ...(spreadsheetName !== undefined ? { spreadsheetName } : {}), ...(from ? { origin: from } : {}) };
}

function previewTask(v: unknown): PreviewTask | undefined {
  if (!isObject(v)) return undefined;
  const { contentHash, publisherId } = v;
  return typeof contentHash === 'string' && /^[0-9a-f]{64}$/.test(contentHash) && isId(publisherId) ? { contentHash, publisherId } : undefined;
}

/** The task a body carries, or undefined when it is not one of ours. */
export function parseQueuedTask(data: unknown): QueuedTask | undefined {
  if (!isObject(data)) return undefined;
  if ('send' in data) {
    const send = sendTask(data.send);
    return send && { send };
  }
  if ('preview' in data) {
    const preview = previewTask(data.preview);
    return preview && { preview };
  }
  const { submissionId, actorId } = data;
  return isId(submissionId) && isId(actorId) ? { submissionId, actorId } : undefined;
}
