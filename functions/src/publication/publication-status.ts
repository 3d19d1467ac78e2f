/**
 * How a submission's state reads for people (the add-on and the coordinators' pages show it as is): an approved
 * submission is being published in the background (*publicando*), then *publicada* or *falló* with the reason.
 */
import type { Submission, SubmissionStatus } from '../store/store';

const LABELS: Record<SubmissionStatus, string> = {
  draft: 'borrador',
  submitted: 'en revisión',
  returned: 'devuelta con comentarios',
  approved: 'publicando',
  published: 'publicada',
  failed: 'falló',
};

export function publicationStatus(s: Submission): { statusLabel: string; failureReason?: string } {
  if (s.status !== 'failed') return { statusLabel: LABELS[s.status] };
  const failure = [...s.history].reverse().find((h) => h.action === 'failed');
  return { statusLabel: LABELS.failed, ...(failure?.comment ? { failureReason: failure.comment } : {}) };
}
