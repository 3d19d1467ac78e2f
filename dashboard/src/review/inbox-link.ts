/**
 * Where *Seguimiento*'s «Por revisar» leads whoever reviews that implementer's sends: the inbox with the implementer
 * chosen. A coordinator following 60 implementers read «2» in a row, then opened *Revisión* and looked for that
 * implementer among 60 in its list. Only for a coordinator of the implementer's state and the administration: the
 * public and officials read the number alone (the inbox is not theirs). No DOM here.
 */
import { sameState } from '../../../core/workflow/mexican-states';
import type { Viewer } from '../../../core/workflow/contract';

export function inboxLinkFor(viewer: Viewer | null, publisher: { publisherId: string; state: string }): string | null {
  if (!viewer) return null;
  const reviews = viewer.role === 'admin' || (viewer.role === 'coordinador' && viewer.scope.kind === 'state' && sameState(publisher.state, viewer.scope.state));
  return reviews ? `#/revision?implementador=${encodeURIComponent(publisher.publisherId)}` : null;
}
