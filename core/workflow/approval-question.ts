/**
 * What «Aprobar» asks before it publishes (the coordinators' submission page): what the approval publishes, from the
 * send's change preview. An implementer's first publication is said as that: «nuevas o modificadas» and «lo que no
 * viene en el libro se conserva publicado» spoke of an earlier publication that a new municipality does not have.
 * Pure: no I/O.
 */
import { formatCount } from '../format/es-mx';
import type { ChangeGroup, PreviewAnswer } from './contract';
import { firstPublicationContents } from './first-publication';

export interface ApprovalQuestion { text: string; yes: string }

export function approvalQuestion(p: Pick<PreviewAnswer, 'currentPublicationId' | 'preview'> & { submission: Pick<PreviewAnswer['submission'], 'publisherName'> }): ApprovalQuestion {
  const changed = (g: ChangeGroup): number => g.counts.new + g.counts.changed;
  const processes = changed(p.preview.processes);
  const projects = changed(p.preview.projects);
  const name = p.submission.publisherName;
  if (p.currentPublicationId === null) {
    return { text: `Será la primera publicación de ${name}: ${firstPublicationContents(processes, projects)}, que el público verá en el tablero y en la API en cuanto termine de publicarse. ¿Publicar ahora?`, yes: 'Sí, publicar' };
  }
  // Identical to what is published: approving publishes nothing, and counts as an update of the implementer's data
  // (core/workflow/update-due.ts); «Se publicará… 0 contrataciones y 0 proyectos» asked to publish nothing.
  if (processes + projects === 0) {
    return { text: `No hay cambios frente a lo publicado: al aprobar no se publica nada nuevo, y la aprobación cuenta como actualización de los datos de ${name} en «Seguimiento». ¿Aprobar ahora?`, yes: 'Sí, aprobar' };
  }
  return {
    text: `Se publicará este envío: ${formatCount(processes, 'contratación nueva o modificada', 'contrataciones nuevas o modificadas')} y ${formatCount(projects, 'proyecto nuevo o modificado', 'proyectos nuevos o modificados')}; lo que no viene en el libro se conserva publicado. ¿Publicar ahora?`,
    yes: 'Sí, publicar',
  };
}
