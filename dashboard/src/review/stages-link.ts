/**
 * Where *Seguimiento*'s «3 de 7» leads whoever records that implementer's program stages: *Etapas del programa* with
 * the implementer chosen. A coordinator who read a missing stage on the board had no way from there to record it but
 * *Revisión*, its link, and the implementer looked for again among 60. Only for a coordinator of the implementer's
 * state and the administration (functions/src/auth/policy.ts `stages.record`); others read the stages alone. No DOM here.
 */
import { sameState } from '../../../core/workflow/mexican-states';
import type { Viewer } from '../../../core/workflow/contract';

export function stagesLinkFor(viewer: Viewer | null, publisher: { publisherId: string; state: string }): string | null {
  if (!viewer) return null;
  const records = viewer.role === 'admin' || (viewer.role === 'coordinador' && viewer.scope.kind === 'state' && sameState(publisher.state, viewer.scope.state));
  return records ? `#/etapas?implementador=${encodeURIComponent(publisher.publisherId)}` : null;
}
